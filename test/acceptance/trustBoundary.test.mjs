// Acceptance in a real n8n (issue 9, the trust boundary): our packed tarball in a
// fresh user folder, workflows run with `n8n execute-batch`, faults scripted into
// the simulator through its admin route (POST /__sim/faults), and a second server
// on 127.0.0.2 as a redirect target that must receive nothing.
//
//   node scripts/acceptance.mjs trustBoundary                 (every runtime)
//   RYZE_N8N_RUNTIME=n8n-2.8.4 node scripts/acceptance.mjs trustBoundary
//
// Each case uses its own instance name, so that its fault (matched by path) meets
// its own workflow whatever order execute-batch runs them in.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { nodeOutputs } from '../../scripts/n8n/extractRun.mjs';
import { executeBatch } from '../../scripts/n8n/runWorkflow.mjs';
import { prepareUserFolder } from '../../scripts/n8n/userFolder.mjs';
import { SANDBOX_LOGIN } from '../../scripts/lib/simulator.mjs';
import { setUp } from './harness.mjs';
import { GROUPS, scenarioWorkflow } from './scenarios.mjs';

const TOKEN = SANDBOX_LOGIN.token;
const tokenBytes = Buffer.from(TOKEN, 'utf8');
/** The token in every form a server may echo it in; none may be stored or shown. */
const TOKEN_FORMS = {
	plain: TOKEN,
	urlEncoded: encodeURIComponent(TOKEN),
	base64: tokenBytes.toString('base64').replace(/=+$/, ''),
	base64url: tokenBytes.toString('base64url'),
	hex: tokenBytes.toString('hex'),
};
const leaks = (text) =>
	Object.entries(TOKEN_FORMS)
		.filter(([, form]) => text.includes(form))
		.map(([name]) => name);

/**
 * The drip: one byte every DRIP_MS, under the timeout, so that a timer that only
 * fires while the socket is idle (axios's own) never does; the 92-byte answer
 * takes 74 s to arrive whole.
 */
const DRIP_MS = 800;
const TIMEOUT_MS = 1000;
const DRIP_BYTES = 92;

const manage = (instance, extra = {}) => ({
	operation: 'manageParticipants',
	instance,
	group: '={{ $json.group }}',
	action: 'add',
	participants: '={{ $json.participants }}',
	options: {},
	...extra,
});

const CASES = {
	redirect: scenarioWorkflow({
		id: 'ryzeAccTrust01',
		name: 'trust: redirect to another host',
		onError: 'continueRegularOutput',
		items: [{ group: GROUPS.customers, participants: '5511966670001, 5511966670002' }],
		parameters: manage('trust-redirect'),
	}),
	drip: scenarioWorkflow({
		id: 'ryzeAccTrust02',
		name: 'trust: an answer that drips',
		onError: 'continueRegularOutput',
		items: [{ group: GROUPS.customers, participants: '5511966670011' }],
		parameters: manage('trust-drip', { options: { timeout: TIMEOUT_MS } }),
	}),
	emptyIds: scenarioWorkflow({
		id: 'ryzeAccTrust03',
		name: 'trust: empty identifiers',
		onError: 'continueRegularOutput',
		items: [
			{
				group: GROUPS.customers,
				action: 'add',
				participants: [{ jid: '', phone: '5511966670021' }, { jid: '', lid: '', phoneNumber: '5511966670022' }, { phone: '  ' }, '', '   '],
			},
		],
	}),
	longEntry: scenarioWorkflow({
		id: 'ryzeAccTrust04',
		name: 'trust: a 160,001-character entry',
		onError: 'continueRegularOutput',
		items: [{ group: GROUPS.customers, action: 'add', participants: [`${')'.repeat(160_000)}1`, '5511966670031'] }],
	}),
	echo: scenarioWorkflow({
		id: 'ryzeAccTrust05',
		name: 'trust: the server echoes the token',
		onError: 'continueRegularOutput',
		items: [{ group: GROUPS.customers, participants: '5511966670041' }],
		parameters: manage('trust-echo'),
	}),
};

let env;
let batch;
let trap;
let faultsLeft;
let calls;

before(async () => {
	env = await setUp('trustBoundary');
	const { stages, userFolder, tarball, sim, artifacts } = env;

	trap = await stages.run('start the redirect target on 127.0.0.2', async () => {
		const received = [];
		let connections = 0;
		const server = createServer((req, res) => {
			received.push({ method: req.method, url: req.url, token: req.headers.token !== undefined });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"success":true,"participants":[]}');
		});
		server.on('connection', () => connections++);
		await new Promise((resolve) => server.listen(0, '127.0.0.2', resolve));
		return { server, received, connections: () => connections, host: `127.0.0.2:${server.address().port}` };
	});

	await prepareUserFolder({ userFolder, tarball, baseUrl: sim.url, workflows: Object.values(CASES), stages });
	await sim.faults([
		{
			kind: 'redirect',
			status: 307,
			location: `http://${trap.host}/api/group/participants/sandbox`,
			match: { pathPrefix: '/api/group/participants/trust-redirect' },
		},
		{ kind: 'drip', intervalMs: DRIP_MS, match: { pathPrefix: '/api/group/participants/trust-drip' } },
		{
			kind: 'status',
			status: 401,
			message: `Invalid token ${TOKEN} (${TOKEN_FORMS.base64} / ${TOKEN_FORMS.hex} / ${TOKEN.slice(0, 10)}…)`,
			match: { pathPrefix: '/api/group/participants/trust-echo' },
		},
	]);
	batch = await stages.run(`n8n execute-batch (${Object.keys(CASES).length} workflows)`, () =>
		executeBatch(
			userFolder,
			Object.values(CASES).map((workflow) => workflow.id),
			{ dir: join(artifacts, 'batch') },
		),
	);
	faultsLeft = await (await fetch(`${sim.url}/__sim/faults`)).json();
	calls = (await sim.calls()).calls;
});

after(async () => {
	if (trap) {
		trap.server.closeAllConnections();
		await new Promise((resolve) => trap.server.close(resolve));
	}
	await env?.tearDown();
});

function runOf(workflow) {
	const run = batch.runs[workflow.id];
	if (!run)
		assert.fail(
			`workflow ${workflow.id} has no run data (exit code ${batch.code}); n8n said: ${JSON.stringify(batch.summary?.summary ?? batch.stderr.slice(-2000))}`,
		);
	assert.equal(run.data.resultData.error, undefined, `workflow ${workflow.id} failed: ${JSON.stringify(run.data.resultData.error)}`);
	return run;
}
const outputsOf = (workflow) => nodeOutputs(runOf(workflow), 'RyzeAPI').map((items) => items.map((item) => item.json));

describe('real n8n: the trust boundary', () => {
	test('every fault was met by its workflow', () => {
		assert.deepEqual(faultsLeft.faults ?? faultsLeft, []);
		assert.equal(batch.summary?.summary?.failedExecutions, 0, JSON.stringify(batch.summary?.summary));
	});

	test('a 307 to 127.0.0.2 is not followed: Failure `redirect` naming that host; the other host received nothing', () => {
		const [success, failure] = outputsOf(CASES.redirect);
		assert.deepEqual(success, []);
		assert.deepEqual(
			failure.map((item) => [item.participant, item.errorCode, item.outcomeUnknown, item.statusCode]),
			[
				['5511966670001', 'redirect', false, 307],
				['5511966670002', 'redirect', false, 307],
			],
		);
		assert.match(failure[0].error, new RegExp(trap.host.replace(/\./g, '\\.')));
		assert.deepEqual(trap.received, []);
		assert.equal(trap.connections(), 0);
		assert.equal(calls.filter((call) => call.path === '/api/group/participants/trust-redirect').length, 1);
	});

	test(`an answer that drips 1 byte per ${DRIP_MS} ms is cut at the ${TIMEOUT_MS} ms timeout: Failure timeout, outcomeUnknown`, () => {
		const [success, failure] = outputsOf(CASES.drip);
		assert.deepEqual(success, []);
		assert.deepEqual(
			failure.map((item) => [item.participant, item.errorCode, item.outcomeUnknown]),
			[['5511966670011', 'timeout', true]],
		);
		// The node cut the answer: its run ended before the dripped answer could have arrived whole
		// (92 bytes × 800 ms = 74 s; the node's own run time, n8n's start not included). A logical
		// bound, not a benchmark: a node that waited for the whole answer could not end sooner.
		const [nodeRun] = runOf(CASES.drip).data.resultData.runData.RyzeAPI;
		assert.ok(
			nodeRun.executionTime < DRIP_BYTES * DRIP_MS,
			`the RyzeAPI node ran ${nodeRun.executionTime} ms, the whole answer takes ${DRIP_BYTES * DRIP_MS} ms`,
		);
		assert.equal(calls.filter((call) => call.path === '/api/group/participants/trust-drip').length, 1);
	});

	test('objects with empty identifier keys are their usable key; blank ones and blank strings are Failure items, none lost', () => {
		const [success, failure] = outputsOf(CASES.emptyIds);
		assert.deepEqual(
			success.map((item) => item.participant),
			['5511966670021', '5511966670022'],
		);
		assert.deepEqual(
			failure.map((item) => [item.errorCode, item.participant]),
			[
				['invalid_participant', null],
				['invalid_participant', null],
				['invalid_participant', null],
			],
		);
	});

	test('a 160,001-character entry is refused as invalid_participant; the other participant of the item goes', () => {
		const [success, failure] = outputsOf(CASES.longEntry);
		assert.deepEqual(
			success.map((item) => item.participant),
			['5511966670031'],
		);
		assert.deepEqual(
			failure.map((item) => item.errorCode),
			['invalid_participant'],
		);
		assert.match(failure[0].error, /160001 characters long/);
		assert.ok(JSON.stringify(failure[0]).length < 2000, 'the Failure item quotes a bounded excerpt, never the whole entry');
	});

	test('the token echoed by the server (plain, base64, hex, cut short) is not in the items', () => {
		const [success, failure] = outputsOf(CASES.echo);
		assert.deepEqual(success, []);
		assert.deepEqual(
			failure.map((item) => item.errorCode),
			['unauthorized'],
		);
		assert.deepEqual(leaks(JSON.stringify(failure)), []);
		assert.ok(!JSON.stringify(failure).includes(TOKEN.slice(0, 10)));
	});

	test('no token in anything n8n stored or printed: run data, logs, the user folder and its database', () => {
		for (const workflow of Object.values(CASES)) assert.deepEqual(leaks(JSON.stringify(runOf(workflow))), [], `run data of ${workflow.id}`);
		assert.deepEqual(leaks(batch.stdout + batch.stderr), [], 'n8n output');
		// Every file n8n wrote: the sqlite database (execution data included), its WAL, logs, snapshots.
		const scanned = [];
		let runDataStored = false;
		const walk = (dir) => {
			for (const name of readdirSync(dir)) {
				const path = join(dir, name);
				const stat = statSync(path);
				if (stat.isDirectory()) {
					if (name !== 'node_modules') walk(path);
				} else if (stat.size < 200 * 1024 * 1024) {
					const text = readFileSync(path).toString('latin1');
					assert.deepEqual(leaks(text), [], `token found in ${path}`);
					if (name.startsWith('database.sqlite') && text.includes('5511966670041')) runDataStored = true;
					scanned.push(name);
				}
			}
		};
		walk(join(env.userFolder, '.n8n'));
		walk(join(env.artifacts, 'batch'));
		assert.ok(
			scanned.some((name) => name.startsWith('database.sqlite')),
			`no database scanned (${scanned.join(', ')})`,
		);
		assert.ok(existsSync(join(env.userFolder, '.n8n', 'database.sqlite')));
		// The scan means something: the database holds the run data of the echo workflow.
		assert.ok(runDataStored, 'the execution data of the echo workflow is not in the database');
	});
});
