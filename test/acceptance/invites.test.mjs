// Acceptance in a real n8n (issue 23): invites by private message, and the
// `{{link}}` / `{{groupName}}` placeholders as n8n really hands them to the node.
// - Send Invite Link with the Message left at its default (n8n fills it in, and
//   evaluates no `{{ }}` in a value that does not start with `=`);
// - Send Invite Link with the Message in Expression mode, the placeholders written
//   `\{{link}}` (n8n leaves them as they are) next to an expression of n8n's own;
// - Manage Participants → add with Send Invite When Add Is Blocked, the Invite
//   Message not added to the options (the node's default).
// Each person gets one text (the simulator's GET /__sim/messages).
//
//   flock /tmp/ryze-n8n.lock node scripts/acceptance.mjs invites
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { nodeOutputs } from '../../scripts/n8n/extractRun.mjs';
import { executeBatch } from '../../scripts/n8n/runWorkflow.mjs';
import { prepareUserFolder } from '../../scripts/n8n/userFolder.mjs';
import { setUp } from './harness.mjs';
import { GROUPS, scenarioWorkflow } from './scenarios.mjs';

const LINK = 'https://chat.whatsapp.com/CUSTOMERS0001';

const DEFAULT_MESSAGE = scenarioWorkflow({
	id: 'ryzeAccInvite001',
	name: 'Send Invite Link, default Message',
	items: [{ group: GROUPS.customers, participants: '5511966690001' }],
	parameters: { operation: 'sendInviteLink', group: '={{ $json.group }}', participants: '={{ $json.participants }}', options: {} },
});

const EXPRESSION_MESSAGE = scenarioWorkflow({
	id: 'ryzeAccInvite002',
	name: 'Send Invite Link, Message in Expression mode',
	items: [{ group: GROUPS.customers, participants: '5511966690002', name: 'Ana' }],
	parameters: {
		operation: 'sendInviteLink',
		group: '={{ $json.group }}',
		participants: '={{ $json.participants }}',
		message: '=Hi {{ $json.name }}, join \\{{groupName}}: \\{{link}}',
		options: {},
	},
});

const BLOCKED_ADD = scenarioWorkflow({
	id: 'ryzeAccInvite003',
	name: 'Manage Participants, Send Invite When Add Is Blocked',
	items: [{ group: GROUPS.customers, participants: '5511966690003, 5511966690403' }],
	parameters: {
		operation: 'manageParticipants',
		group: '={{ $json.group }}',
		action: 'add',
		participants: '={{ $json.participants }}',
		options: { sendInviteWhenBlocked: true },
	},
});

const WORKFLOWS = [DEFAULT_MESSAGE, EXPRESSION_MESSAGE, BLOCKED_ADD];

let env;
let batch;
let messages;

before(async () => {
	env = await setUp('invites');
	const { stages, userFolder, tarball, sim, artifacts } = env;
	await prepareUserFolder({ userFolder, tarball, baseUrl: sim.url, workflows: WORKFLOWS, stages });
	batch = await stages.run('n8n execute-batch', () =>
		executeBatch(
			userFolder,
			WORKFLOWS.map((workflow) => workflow.id),
			{ dir: join(artifacts, 'batch') },
		),
	);
	messages = (await (await fetch(`${sim.url}/__sim/messages`)).json()).messages;
});

after(async () => {
	await env?.tearDown();
});

const outputsOf = (workflow) => {
	const run = batch.runs[workflow.id];
	assert.ok(run, `no run data for ${workflow.id} (exit code ${batch.code}): ${batch.stderr?.slice(-2000)}`);
	assert.equal(run.data.resultData.error, undefined, JSON.stringify(run.data.resultData.error));
	return nodeOutputs(run, 'RyzeAPI').map((items) => items.map((item) => item.json));
};
const textsTo = (number) => messages.filter((message) => message.number === number).map((message) => message.message);

describe('real n8n: invites by private message', () => {
	test('Send Invite Link, Message left at its default: the placeholders reach the node and are filled', () => {
		const [success, failure] = outputsOf(DEFAULT_MESSAGE);
		assert.deepEqual(failure, []);
		assert.deepEqual(textsTo('5511966690001'), [`You are invited to join the WhatsApp group "Customers": ${LINK}`]);
		assert.deepEqual(
			success.map((item) => [item.participant, item.inviteLink, item.messageId]),
			[['5511966690001', LINK, messages.find((message) => message.number === '5511966690001')?.messageId]],
		);
	});

	test("Send Invite Link, Expression mode: n8n's own expression evaluated, \\{{link}} and \\{{groupName}} filled by the node", () => {
		const [success] = outputsOf(EXPRESSION_MESSAGE);
		assert.equal(success.length, 1);
		assert.deepEqual(textsTo('5511966690002'), [`Hi Ana, join Customers: ${LINK}`]);
	});

	test('Manage Participants: the privacy-blocked person gets one message (the default Invite Message); the item says so', () => {
		const [success, failure] = outputsOf(BLOCKED_ADD);
		assert.deepEqual(
			success.map((item) => [item.participant, item.inviteSent]),
			[['5511966690003', undefined]],
		);
		assert.deepEqual(textsTo('5511966690003'), []);
		assert.deepEqual(textsTo('5511966690403'), [`We could not add you to the WhatsApp group "Customers". Join it with this link: ${LINK}`]);
		assert.deepEqual(
			failure.map((item) => [item.participant, item.errorCode, item.inviteSent, item.inviteErrorCode]),
			[['5511966690403', 'privacy_blocked', true, null]],
		);
	});
});
