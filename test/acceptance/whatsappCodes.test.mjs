// Acceptance in a real n8n (issue 17): WhatsApp's own per-participant codes.
// The simulator is scripted to answer one add with entries that carry WhatsApp's
// code in each of the forms a server uses: a number in `error`, the text "408",
// "…code 500", and `code: 408` beside a text. 408 is recently_left (the invite
// link is attached, as for privacy_blocked), 500 group_full, 409 already_member,
// 404 not_on_whatsapp; none is outcomeUnknown.
//
//   flock /tmp/ryze-n8n.lock node scripts/acceptance.mjs whatsappCodes
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { nodeOutputs } from '../../scripts/n8n/extractRun.mjs';
import { executeBatch } from '../../scripts/n8n/runWorkflow.mjs';
import { prepareUserFolder } from '../../scripts/n8n/userFolder.mjs';
import { setUp } from './harness.mjs';
import { GROUPS, scenarioWorkflow } from './scenarios.mjs';

const jid = (digits) => `${digits}@s.whatsapp.net`;
const ANSWER = {
	success: true,
	participants: [
		{ jid: jid('5511966680408'), error: '408' },
		{ jid: jid('5511966681408'), code: 408, error: 'Request Timeout' },
		{ jid: jid('5511966680500'), error: 'add failed: code 500' },
		{ jid: jid('5511966681500'), error: 500 },
		{ jid: jid('5511966680409'), status: 409, error: 'conflict' },
		{ jid: jid('5511966680404'), error: 404 },
	],
};

const WORKFLOW = scenarioWorkflow({
	id: 'ryzeAccWaCodes01',
	name: "WhatsApp's per-participant codes",
	onError: 'continueRegularOutput',
	items: [{ group: GROUPS.customers, participants: ANSWER.participants.map((entry) => entry.jid.split('@')[0]).join(', ') }],
	parameters: {
		operation: 'manageParticipants',
		group: '={{ $json.group }}',
		action: 'add',
		participants: '={{ $json.participants }}',
		options: { attachInviteLink: true },
	},
});

let env;
let batch;
let calls;

before(async () => {
	env = await setUp('whatsappCodes');
	const { stages, userFolder, tarball, sim, artifacts } = env;
	await prepareUserFolder({ userFolder, tarball, baseUrl: sim.url, workflows: [WORKFLOW], stages });
	await sim.faults([{ kind: 'json', status: 200, body: ANSWER, match: { pathPrefix: '/api/group/participants/sandbox' } }]);
	batch = await stages.run('n8n execute-batch', () => executeBatch(userFolder, [WORKFLOW.id], { dir: join(artifacts, 'batch') }));
	calls = (await sim.calls()).calls;
});

after(async () => {
	await env?.tearDown();
});

describe("real n8n: WhatsApp's codes per participant", () => {
	test('408 recently_left (with the invite link), 500 group_full, 409 already_member, 404 not_on_whatsapp; none outcomeUnknown', () => {
		const run = batch.runs[WORKFLOW.id];
		assert.ok(run, `no run data (exit code ${batch.code}): ${batch.stderr?.slice(-2000)}`);
		assert.equal(run.data.resultData.error, undefined, JSON.stringify(run.data.resultData.error));
		const [success, failure] = nodeOutputs(run, 'RyzeAPI').map((items) => items.map((item) => item.json));
		assert.deepEqual(success, []);
		const link = failure.find((item) => item.errorCode === 'recently_left')?.inviteLink;
		assert.match(String(link), /^https:\/\/chat\.whatsapp\.com\//);
		assert.deepEqual(
			failure.map((item) => [item.participant, item.errorCode, item.outcomeUnknown, item.inviteLink ?? null]),
			[
				['5511966680408', 'recently_left', false, link],
				['5511966681408', 'recently_left', false, link],
				['5511966680500', 'group_full', false, null],
				['5511966681500', 'group_full', false, null],
				['5511966680409', 'already_member', false, null],
				['5511966680404', 'not_on_whatsapp', false, null],
			],
		);
		// One add, one read of the invite link for the group: nothing resent.
		assert.deepEqual(
			calls.map((call) => call.path),
			['/api/group/participants/sandbox', '/api/group/info/sandbox'],
		);
	});
});
