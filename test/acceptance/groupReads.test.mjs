// Acceptance in a real n8n, headless: the group reads as a workflow (and an AI Agent)
// chains them, in node version 1.1 (resource locators). List Groups finds the group by
// name (Filters → Name Contains), Get Group reads it by the listed JID (Simplify on),
// Get Invite Link reads its link; a group where the instance is not admin gives a Failure
// item on the Failure output. Every item has the keys its operation names (read from dist).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { PROJECT_ROOT } from '../../scripts/lib/paths.mjs';
import { SANDBOX_CREDENTIAL } from '../../scripts/n8n/config.mjs';
import { nodeOutputs } from '../../scripts/n8n/extractRun.mjs';
import { executeWorkflow } from '../../scripts/n8n/runWorkflow.mjs';
import { prepareUserFolder } from '../../scripts/n8n/userFolder.mjs';
import { setUp } from './harness.mjs';

const ID = 'ryzeAccGroupReads01';
const VIP = '120363000000000004@g.us';
const ANNOUNCEMENTS = '120363000000000003@g.us';

/** The resource index as built: what each operation says its items carry. */
const { operations } = createRequire(import.meta.url)(
	join(PROJECT_ROOT, 'dist', 'nodes', 'RyzeApi', 'actions', 'group', 'Group.resource.js'),
);
const getGroupModule = createRequire(import.meta.url)(
	join(PROJECT_ROOT, 'dist', 'nodes', 'RyzeApi', 'actions', 'group', 'getGroup.operation.js'),
);

const rl = (mode, value) => ({ __rl: true, mode, value });

function ryze(key, name, [x, y], parameters) {
	return {
		id: `${ID}-${key}`,
		name,
		type: 'n8n-nodes-ryzeapi.ryzeApi',
		typeVersion: 1.1,
		position: [x, y],
		parameters: { instance: rl('list', ''), options: {}, ...parameters },
		credentials: { ryzeApi: { ...SANDBOX_CREDENTIAL } },
	};
}

const WORKFLOW = {
	id: ID,
	name: 'RyzeAPI acceptance: group reads',
	nodes: [
		{ id: `${ID}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		ryze('list', 'Find VIP group', [220, 0], { operation: 'listGroups', returnAll: false, limit: 50, filters: { nameContains: 'vip' } }),
		ryze('group', 'Get group', [440, 0], { operation: 'getGroup', group: rl('id', '={{ $json.jid }}'), simplify: true }),
		ryze('link', 'Get invite link', [660, 0], { operation: 'getInviteLink', group: rl('id', '={{ $json.jid }}') }),
		ryze('notAdmin', 'Link where not admin', [220, 200], { operation: 'getInviteLink', group: rl('id', ANNOUNCEMENTS) }),
	],
	connections: {
		Start: {
			main: [
				[
					{ node: 'Find VIP group', type: 'main', index: 0 },
					{ node: 'Link where not admin', type: 'main', index: 0 },
				],
			],
		},
		'Find VIP group': { main: [[{ node: 'Get group', type: 'main', index: 0 }]] },
		'Get group': { main: [[{ node: 'Get invite link', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
	pinData: {},
	active: false,
};

let env;
let result;

before(async () => {
	env = await setUp('groupReads');
	const { stages, userFolder, tarball, sim, artifacts } = env;
	await prepareUserFolder({ userFolder, tarball, baseUrl: sim.url, workflows: [WORKFLOW], stages });
	result = await stages.run('n8n execute (group reads)', () => executeWorkflow(userFolder, ID, { logDir: artifacts }));
	result.calls = (await (await fetch(`${sim.url}/__sim/calls`)).json()).calls;
});

after(async () => {
	await env?.tearDown();
});

const keysOf = (items) => items.map((item) => Object.keys(item.json));

describe('real n8n: List Groups → Get Group → Get Invite Link (node version 1.1)', () => {
	test('the workflow ran', () => {
		assert.ok(result.run, `n8n printed no run data (exit code ${result.code}): ${result.stderr.slice(-2000)}`);
		assert.equal(result.run.data.resultData.error, undefined, JSON.stringify(result.run.data.resultData.error));
	});

	test('List Groups with Name Contains finds the group: one item with every key', () => {
		const [success, failure] = nodeOutputs(result.run, 'Find VIP group');
		assert.deepEqual(
			success.map((item) => [item.json.jid, item.json.name, item.json.participantCount, item.json.isAdmin]),
			[[VIP, 'VIP Clients', 7, true]],
		);
		assert.deepEqual(keysOf(success), [operations.listGroups.outputKeys]);
		assert.deepEqual(failure ?? [], []);
	});

	test('Get Group by the listed JID, simplified', () => {
		const [success] = nodeOutputs(result.run, 'Get group');
		assert.deepEqual(
			success.map((item) => item.json),
			[
				{
					success: true,
					group: VIP,
					jid: VIP,
					name: 'VIP Clients',
					participantCount: 7,
					inviteLink: 'https://chat.whatsapp.com/VIPCLIENTS0004',
					error: null,
					errorCode: null,
				},
			],
		);
		assert.deepEqual(keysOf(success), [[...getGroupModule.simplifiedOutputKeys]]);
	});

	test('the calls: one list, three /info reads with participants=false, never /resetLink', () => {
		assert.deepEqual(result.calls.map((call) => `${call.method} ${call.path} ${JSON.stringify(call.query)}`).sort(), [
			`GET /api/group/info/sandbox {"identifier":"${ANNOUNCEMENTS}","participants":"false"}`,
			`GET /api/group/info/sandbox {"identifier":"${VIP}","participants":"false"}`,
			`GET /api/group/info/sandbox {"identifier":"${VIP}","participants":"false"}`,
			'GET /api/group/list/sandbox {}',
		]);
	});

	test('Get Invite Link: the link and its code', () => {
		const [success] = nodeOutputs(result.run, 'Get invite link');
		assert.deepEqual(
			success.map((item) => [item.json.groupJid, item.json.inviteLink, item.json.inviteCode]),
			[[VIP, 'https://chat.whatsapp.com/VIPCLIENTS0004', 'VIPCLIENTS0004']],
		);
		assert.deepEqual(keysOf(success), [operations.getInviteLink.outputKeys]);
	});

	test('Get Invite Link where the instance is not admin: a not_admin item on Failure, the run goes on', () => {
		const [success, failure] = nodeOutputs(result.run, 'Link where not admin');
		assert.deepEqual(success, []);
		assert.deepEqual(
			failure.map((item) => [item.json.success, item.json.errorCode, item.json.groupJid, item.pairedItem]),
			[[false, 'not_admin', ANNOUNCEMENTS, { item: 0 }]],
		);
	});
});
