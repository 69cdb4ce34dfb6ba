// Acceptance in a real n8n, headless: Simplify and node version 1.2. One workflow whose
// RyzeAPI nodes are stored as n8n's editor stores them (a parameter at its default is not
// written), run with `n8n execute` against this file's own simulator:
// - every operation that has Simplify, in version 1.2 with Simplify not stored: n8n fills in
//   its default (on), and each item has exactly the simplified keys the built package names;
// - Manage Participants and List Groups saved in 1.1 (Simplify not stored): every key, as
//   before 1.2; List Groups in 1.2 with Simplify switched off: every key.
// Items stay on their output (Success, Failure) and pair with Start's one item.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { SANDBOX_CREDENTIAL } from '../../scripts/n8n/config.mjs';
import { nodeOutputs } from '../../scripts/n8n/extractRun.mjs';
import { executeWorkflow } from '../../scripts/n8n/runWorkflow.mjs';
import { prepareUserFolder } from '../../scripts/n8n/userFolder.mjs';
import { builtOutputKeys, builtSimplifiedKeys, setUp } from './harness.mjs';
import { GROUPS } from './scenarios.mjs';

const ID = 'ryzeAccSimplify01';
const VIP = '120363000000000004@g.us';
const LINK = 'https://chat.whatsapp.com/CUSTOMERS0001';
const rl = (mode, value) => ({ __rl: true, mode, value });
const blockedAdd = (participants) => ({
	operation: 'manageParticipants',
	group: rl('id', GROUPS.customers),
	action: 'add',
	participants,
	options: { sendInviteWhenBlocked: true },
});

/** [name, typeVersion, parameters], run top to bottom. */
const STEPS = [
	['Add (1.2)', 1.2, blockedAdd('5511966680001, 5511966680403')],
	['Add (1.1, saved)', 1.1, blockedAdd('5511966680002, 5511966681403')],
	['List groups (1.2)', 1.2, { operation: 'listGroups', returnAll: true, options: {} }],
	['List groups (1.1, saved)', 1.1, { operation: 'listGroups', returnAll: true, options: {} }],
	['List groups (1.2, Simplify off)', 1.2, { operation: 'listGroups', returnAll: true, simplify: false, options: {} }],
	['Get group (1.2)', 1.2, { operation: 'getGroup', group: rl('id', VIP), options: {} }],
	['Members (1.2)', 1.2, { operation: 'listParticipants', group: rl('id', VIP), options: {} }],
	['Join requests (1.2)', 1.2, { operation: 'listJoinRequests', group: rl('id', GROUPS.waitlist), options: {} }],
	[
		'Create group (1.2)',
		1.2,
		{ operation: 'createGroup', groupName: 'Simplified', participants: '5511966680004, 5511966680000', options: {} },
	],
	[
		'Send invite (1.2)',
		1.2,
		{ operation: 'sendInviteLink', group: rl('id', GROUPS.customers), participants: '5511966680005', options: {} },
	],
];

const WORKFLOW = {
	id: ID,
	name: 'RyzeAPI acceptance: Simplify and node version 1.2',
	nodes: [
		{ id: `${ID}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...STEPS.map(([name, typeVersion, parameters], index) => ({
			id: `${ID}-${index + 1}`,
			name,
			type: 'n8n-nodes-ryzeapi.ryzeApi',
			typeVersion,
			position: [300, index * 160],
			parameters: { instance: rl('list', ''), ...parameters },
			credentials: { ryzeApi: { ...SANDBOX_CREDENTIAL } },
		})),
	],
	connections: { Start: { main: [STEPS.map(([name]) => ({ node: name, type: 'main', index: 0 }))] } },
	settings: { executionOrder: 'v1' },
	pinData: {},
	active: false,
};

let env;
let result;
let messages = [];

before(async () => {
	env = await setUp('simplify');
	const { stages, userFolder, tarball, sim, artifacts } = env;
	await prepareUserFolder({ userFolder, tarball, baseUrl: sim.url, workflows: [WORKFLOW], stages });
	result = await stages.run('n8n execute (Simplify)', () => executeWorkflow(userFolder, ID, { logDir: artifacts }));
	messages = (await (await fetch(`${sim.url}/__sim/messages`)).json()).messages;
});

after(async () => {
	await env?.tearDown();
});

/** A step's two outputs; the run must have ended without an error. */
function outputsOf(name) {
	assert.ok(result.run, `n8n printed no run data (exit code ${result.code}): ${result.stderr.slice(-2000)}`);
	assert.equal(result.run.data.resultData.error, undefined, JSON.stringify(result.run.data.resultData.error));
	const outputs = nodeOutputs(result.run, name);
	for (const item of outputs.flat()) assert.deepEqual(item.pairedItem, { item: 0 }, `${name}: pairedItem`);
	return outputs;
}

/** The keys a simplified item of `operation` has: the simplified ones, and the optional ones its full item had. */
function simplifiedKeys(operation, present = []) {
	const { keys, optional } = builtSimplifiedKeys(operation);
	return [...keys, ...optional.filter((key) => present.includes(key))];
}

const keysOf = (items) => items.map((item) => Object.keys(item.json));

describe('real n8n: Simplify, on by default in node version 1.2, off in saved 1.1 nodes', () => {
	test('Manage Participants 1.2: who, the group, the outcome, and the invite that went; each on its output', () => {
		const [success, failure] = outputsOf('Add (1.2)');
		const sent = messages.filter((message) => message.number === '5511966680403');
		assert.equal(sent.length, 1, `messages to the blocked person: ${JSON.stringify(messages)}`);
		assert.deepEqual(
			success.map((item) => item.json),
			[{ success: true, participant: '5511966680001', group: GROUPS.customers, error: null, errorCode: null }],
		);
		assert.deepEqual(keysOf(failure), [simplifiedKeys('manageParticipants', ['inviteLink', 'inviteSent', 'messageId'])]);
		assert.deepEqual(
			failure.map((item) => [item.json.participant, item.json.errorCode, item.json.inviteLink, item.json.inviteSent, item.json.messageId]),
			[['5511966680403', 'privacy_blocked', LINK, true, sent[0].messageId]],
		);
	});

	test('Manage Participants saved in 1.1: every key, the invite keys included, as before', () => {
		const [success, failure] = outputsOf('Add (1.1, saved)');
		const keys = builtOutputKeys('manageParticipants');
		assert.deepEqual(keysOf(success), [keys]);
		assert.deepEqual(
			keysOf(failure).map((itemKeys) => itemKeys.slice(0, keys.length)),
			[keys],
		);
		for (const key of ['inviteLink', 'inviteSent', 'messageId', 'inviteError', 'inviteErrorCode'])
			assert.ok(key in failure[0].json, `the 1.1 Failure item has no "${key}"`);
		assert.equal(failure[0].json.errorCode, 'privacy_blocked');
	});

	test('List Groups: simplified in 1.2; every key when saved in 1.1 and in 1.2 with Simplify off', () => {
		const [simplified] = outputsOf('List groups (1.2)');
		assert.ok(simplified.length >= 4, `groups listed: ${simplified.length}`);
		for (const keys of keysOf(simplified)) assert.deepEqual(keys, simplifiedKeys('listGroups'));
		assert.ok(simplified.some((item) => item.json.jid === VIP && item.json.name === 'VIP Clients'));
		for (const name of ['List groups (1.1, saved)', 'List groups (1.2, Simplify off)']) {
			const [full] = outputsOf(name);
			assert.equal(full.length, simplified.length, name);
			for (const keys of keysOf(full)) assert.deepEqual(keys, builtOutputKeys('listGroups'), name);
		}
	});

	for (const [name, operation, check] of [
		[
			'Get group (1.2)',
			'getGroup',
			(items) =>
				assert.deepEqual(
					items.map((item) => [item.json.jid, item.json.name]),
					[[VIP, 'VIP Clients']],
				),
		],
		['Members (1.2)', 'listParticipants', (items) => assert.equal(items.length, 7)],
		[
			'Join requests (1.2)',
			'listJoinRequests',
			(items) => assert.ok(items.length > 0 && items.every((item) => item.json.group === GROUPS.waitlist)),
		],
		[
			'Create group (1.2)',
			'createGroup',
			(items) =>
				assert.deepEqual(
					items.map((item) => [item.json.added, item.json.notAdded.map((person) => person.participant), item.json.unconfirmed]),
					[[['5511966680004'], ['5511966680000'], []]],
				),
		],
		[
			'Send invite (1.2)',
			'sendInviteLink',
			(items) =>
				assert.deepEqual(
					items.map((item) => [item.json.participant, item.json.inviteLink]),
					[['5511966680005', LINK]],
				),
		],
	]) {
		test(`${name}: Success items with exactly the simplified keys of ${operation}`, () => {
			const [success, failure] = outputsOf(name);
			assert.deepEqual(failure, []);
			assert.ok(success.length > 0, `${name} gave no item`);
			for (const keys of keysOf(success)) assert.deepEqual(keys, simplifiedKeys(operation));
			check(success);
		});
	}
});
