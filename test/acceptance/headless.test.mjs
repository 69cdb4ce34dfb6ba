// Acceptance in a real n8n, headless: our packed tarball installed as a community
// package in a fresh user folder, the sandbox credential and the workflows imported
// with fixed ids, then run with `n8n execute-batch` (every workflow that must
// succeed, in one n8n process) and `n8n execute` (the one that must fail).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';

import { PROJECT_ROOT } from '../../scripts/lib/paths.mjs';
import { allItems, nodeOutputs } from '../../scripts/n8n/extractRun.mjs';
import { executeBatch, executeWorkflow } from '../../scripts/n8n/runWorkflow.mjs';
import { prepareUserFolder, readWorkflows } from '../../scripts/n8n/userFolder.mjs';
import { checkApproval, checkCrmAdd, checkOnboarding } from './exampleChecks.mjs';
import { assertItems, assertSyncRun, setUp } from './harness.mjs';
import { BATCH_SCENARIOS, FAULT_SCENARIO, GROUPS, LIST_SCENARIO, NOT_ADMIN_MESSAGE, STOP_SCENARIO } from './scenarios.mjs';
import { SYNC_EXAMPLE_ID, SYNC_EXPECTED, SYNC_LIVE_SCENARIO, VIP_MEMBERS } from './scenarios.mjs';

// The trigger examples (ids ryzeExTrig…) run in a started n8n: triggers.test.mjs.
const EXAMPLES = readWorkflows(join(PROJECT_ROOT, 'examples'))
	.map(({ workflow }) => workflow)
	.filter((workflow) => !workflow.id.startsWith('ryzeExTrig'));
const exampleId = (fragment) => {
	const found = EXAMPLES.find((workflow) => workflow.id.includes(fragment));
	assert.ok(found, `no example workflow with "${fragment}" in its id`);
	return found.id;
};

let env;
let batch;
let stopped;
let followUps;
let faulted;

before(async () => {
	env = await setUp('headless');
	const { stages, userFolder, tarball, sim, artifacts } = env;
	const workflows = [
		...EXAMPLES,
		...BATCH_SCENARIOS.map((scenario) => scenario.workflow),
		STOP_SCENARIO.workflow,
		LIST_SCENARIO.workflow,
		FAULT_SCENARIO.workflow,
		SYNC_LIVE_SCENARIO.workflow,
	];
	await prepareUserFolder({ userFolder, tarball, baseUrl: sim.url, workflows, stages });
	// The second batch runs after the first: offboarding resets the Customers invite link, which
	// first-batch runs use, and the approval example must see the queue once the reject scenario
	// (first batch) has taken 199789077627114@lid out of it. execute-batch does not keep the order.
	const offboardingId = exampleId('Offboard');
	const approvalId = exampleId('Approval');
	const batchIds = [
		...EXAMPLES.map((workflow) => workflow.id).filter((id) => id !== offboardingId && id !== approvalId),
		...BATCH_SCENARIOS.map((scenario) => scenario.workflow.id),
	];
	batch = await stages.run(`n8n execute-batch (${batchIds.length} workflows)`, () =>
		executeBatch(userFolder, batchIds, { dir: join(artifacts, 'batch') }),
	);
	stopped = await stages.run('n8n execute (the failing workflow)', () =>
		executeWorkflow(userFolder, STOP_SCENARIO.workflow.id, { logDir: artifacts }),
	);
	faulted = await stages.run('n8n execute (a scripted fault)', async () => {
		const callsBefore = (await (await fetch(`${sim.url}/__sim/calls`)).json()).calls.length;
		const scripted = await fetch(`${sim.url}/__sim/faults`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ faults: [FAULT_SCENARIO.fault] }),
		});
		assert.equal(scripted.status, 200, 'POST /__sim/faults');
		const result = await executeWorkflow(userFolder, FAULT_SCENARIO.workflow.id, { logDir: artifacts });
		const calls = (await (await fetch(`${sim.url}/__sim/calls`)).json()).calls.slice(callsBefore);
		return { ...result, calls };
	});
	followUps = await stages.run('n8n execute-batch (approval, offboarding, list join requests)', () =>
		// The CRM sync with Dry Run off changes VIP Clients: after the example's dry run (first batch).
		executeBatch(userFolder, [approvalId, offboardingId, LIST_SCENARIO.workflow.id, SYNC_LIVE_SCENARIO.workflow.id], {
			dir: join(artifacts, 'follow-ups'),
		}),
	);
});

after(async () => {
	await env?.tearDown();
});

/** The simulator's state and the texts sent through it, once every run is over. */
async function simulatorAfter() {
	const read = async (path) => (await fetch(`${env.sim.url}${path}`)).json();
	return { state: await read('/__sim/state'), messages: (await read('/__sim/messages')).messages };
}

/** The run of one batch workflow; fails with n8n's own words when it did not succeed. */
function batchRun(id, from = batch) {
	const run = from.runs[id];
	if (!run) {
		const errors = JSON.stringify(from.summary?.summary ?? from.stderr.slice(-2000), null, 1);
		assert.fail(`workflow ${id} has no run data (exit code ${from.code}); n8n said: ${errors}`);
	}
	assert.equal(run.data.resultData.error, undefined, `workflow ${id} failed: ${JSON.stringify(run.data.resultData.error)}`);
	return run;
}

describe('real n8n: example workflows', () => {
	test('the batch of workflows that must succeed succeeded', () => {
		assert.equal(batch.summary?.summary?.failedExecutions, 0, JSON.stringify(batch.summary?.summary));
		assert.equal(batch.code, 0, batch.stderr.slice(-2000));
	});

	test('CRM-triggered add: 1 joins; privacy_blocked is sent the invite link by message; the others notify the team', async () => {
		checkCrmAdd(batchRun(exampleId('CrmAdd')), await simulatorAfter());
	});

	test('form approval: List Join Requests gives the pending requests; 2 phones match and their LIDs are approved; 1 is sent the invite link', async () => {
		checkApproval(batchRun(exampleId('Approval'), followUps), await simulatorAfter());
	});

	test('onboard a cohort: Create Group adds 2 of 4, Update Group turns approval on, Send Invite Link reaches the privacy-blocked one', async () => {
		checkOnboarding(batchRun(exampleId('Onboard')), await simulatorAfter());
	});

	test('offboarding and admin rotation: remove (1 removed, 1 not a member) with the invite link reset, promote, demote', () => {
		assert.equal(followUps.code, 0, followUps.stderr.slice(-2000));
		const run = batchRun(exampleId('Offboard'), followUps);
		const remove = nodeOutputs(run, 'Remove leavers');
		assertItems(remove[0], [{ participant: '5511911110001', errorCode: null, pairedItem: { item: 0 }, action: 'remove' }], {
			output: 'Remove Success',
			success: true,
		});
		const reset = remove[0][0].json;
		assert.equal(reset.inviteLinkReset, true, JSON.stringify(reset));
		assert.match(reset.inviteLink, /^https:\/\/chat\.whatsapp\.com\/[A-Za-z0-9]+$/);
		assert.notEqual(reset.inviteLink, 'https://chat.whatsapp.com/CUSTOMERS0001');
		assert.equal(reset.inviteLink, `https://chat.whatsapp.com/${reset.inviteCode}`);
		assertItems(remove[1], [{ participant: '5511977770002', errorCode: 'not_member', pairedItem: { item: 0 } }], {
			output: 'Remove Failure',
			success: false,
		});
		const promote = nodeOutputs(run, 'Promote new admin');
		assertItems(promote[0], [{ participant: '5511911110003', errorCode: null, pairedItem: { item: 0 }, action: 'promote' }], {
			output: 'Promote Success',
			success: true,
		});
		assertItems(promote[1], [], { output: 'Promote Failure', success: false });
		const demote = nodeOutputs(run, 'Demote former admin');
		assertItems(demote[0], [{ participant: '5511911110002', errorCode: null, pairedItem: { item: 0 }, action: 'demote' }], {
			output: 'Demote Success',
			success: true,
		});
		assertItems(demote[1], [], { output: 'Demote Failure', success: false });
		assert.deepEqual(
			allItems(run, 'Audit log')
				.map((item) => `${item.json.action} ${item.json.participant}`)
				.sort(),
			['demote 5511911110002', 'promote 5511911110003', 'remove 5511911110001'],
		);
		assert.deepEqual(
			allItems(run, 'Notify the team').map((item) => item.json.errorCode),
			['not_member'],
		);
	});
});

describe('real n8n: CRM sync example (List Participant, Compare Datasets, resource locators)', () => {
	test('as shipped (Dry Run on): every member listed; 2 would be added, 1 removed, 3 kept; nothing changed', () => {
		const run = batchRun(SYNC_EXAMPLE_ID);
		assertSyncRun(run, { members: VIP_MEMBERS, expected: SYNC_EXPECTED, dryRun: true, outputsOf: nodeOutputs, itemsOf: allItems });
	});

	test(SYNC_LIVE_SCENARIO.title, () => {
		const run = batchRun(SYNC_LIVE_SCENARIO.workflow.id, followUps);
		assertSyncRun(run, { members: VIP_MEMBERS, expected: SYNC_EXPECTED, dryRun: false, outputsOf: nodeOutputs, itemsOf: allItems });
	});
});

describe('real n8n: scenarios', () => {
	for (const scenario of BATCH_SCENARIOS) {
		test(scenario.title, () => {
			const run = batchRun(scenario.workflow.id);
			const outputs = nodeOutputs(run, 'RyzeAPI');
			const { success, failure, error } = scenario.expected;
			assert.equal(outputs.length, error ? 3 : 2, `the node has ${outputs.length} outputs`);
			assertItems(outputs[0], success, { output: 'Success', success: true });
			assertItems(outputs[1], failure, { output: 'Failure', success: false });
			// What reached the nodes behind each output is what the outputs held.
			assert.equal(allItems(run, 'On Success').length, success.length, 'items that reached "On Success"');
			assert.equal(allItems(run, 'On Failure').length, failure.length, 'items that reached "On Failure"');
			if (error) {
				assert.deepEqual(outputs[2], error, 'the Error output');
				assert.equal(allItems(run, 'On Error').length, 0, 'items that reached "On Error"');
			}
		});
	}

	test(LIST_SCENARIO.title, () => {
		const run = batchRun(LIST_SCENARIO.workflow.id, followUps);
		const [success, failure] = nodeOutputs(run, 'RyzeAPI');
		assert.deepEqual(success, []);
		assert.deepEqual(
			failure.map((item) => [
				item.json.success,
				item.json.errorCode,
				item.json.statusCode,
				item.json.error,
				item.json.group,
				item.pairedItem,
			]),
			[[false, 'not_admin', 403, 'Not authorized to view group requests (must be admin)', GROUPS.announcements, { item: 1 }]],
		);
		const hints = run.data.resultData.runData.RyzeAPI[0].hints ?? [];
		assert.deepEqual(
			hints.map((hint) => [hint.message, hint.location]),
			[
				[
					`No pending join requests in group ${GROUPS.customers}. The queue is empty, or the group does not require admin approval.`,
					'outputPane',
				],
			],
		);
	});

	test(FAULT_SCENARIO.title, () => {
		const { code, run, calls } = faulted;
		assert.equal(code, 0, 'n8n execute exit code');
		const [success, failure] = nodeOutputs(run, 'RyzeAPI');
		assertItems(success, FAULT_SCENARIO.expected.success, { output: 'Success', success: true });
		assertItems(failure, FAULT_SCENARIO.expected.failure, { output: 'Failure', success: false });
		const participantCalls = calls.filter((call) => call.path.startsWith('/api/group/participants/'));
		assert.deepEqual(
			participantCalls.map((call) => [call.status, call.fault]),
			[[0, 'drop']],
			'one call, dropped after processing, never resent',
		);
	});

	test(STOP_SCENARIO.title, () => {
		const { code, run, messages } = stopped;
		assert.equal(code, 1, `n8n execute exit code (messages: ${messages.slice(-5).join(' | ')})`);
		assert.ok(run, `n8n printed no run data; it said:\n${messages.slice(-20).join('\n')}`);
		const { error, lastNodeExecuted, runData } = run.data.resultData;
		assert.equal(error?.message, NOT_ADMIN_MESSAGE);
		assert.equal(error?.name, 'NodeApiError');
		assert.equal(error?.node?.name, 'RyzeAPI');
		assert.equal(lastNodeExecuted, 'RyzeAPI');
		assert.deepEqual(Object.keys(runData).sort(), ['Input items', 'RyzeAPI', 'Start']);
		assert.equal(runData['Input items'][0].data.main[0].length, 1);
		assert.equal(runData.RyzeAPI[0].error?.message, NOT_ADMIN_MESSAGE);
		assert.equal(runData['On Success'], undefined);
		assert.ok(
			messages.some((message) => message.includes(NOT_ADMIN_MESSAGE)),
			'the message is in the command output',
		);
	});
});
