// The Join Request Trigger in a real n8n (`n8n start`), polling every minute (issue 21):
// - a request that left the queue (an empty poll, which n8n 2.8.4 never saves) and asks again after an n8n
//   restart fires once;
// - a spent rate limit (a 429 whose Retry-After is past the poll's budget): the poll ends cleanly within the
//   budget (one send, nothing emitted, a warning in n8n's log, n8n does not abandon it), and the next one works;
// - on n8n 2.41.1 (its polls run on the durable scheduler here, which abandons a poll after 45 s and gives the
//   node getPollBudgetMs(), 36 s): a RyzeAPI that does not answer fails the poll within the budget (at most three
//   sends of at most 8.25 s, every back-off ending 8.25 s before the budget does) instead of being abandoned; the
//   next poll works.
// Nothing here reads the clock: the time bounds only stop a hang.
// Run alone: flock /tmp/ryze-n8n.lock node scripts/acceptance.mjs --runtime=n8n-2.8.4 joinRequestTrigger
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';

import { freePort } from '../../scripts/n8n/cli.mjs';
import { currentRuntime, n8nDir } from '../../scripts/n8n/config.mjs';
import { login, setUpOwner, startN8n } from '../../scripts/n8n/server.mjs';
import { prepareUserFolder, publishWorkflows } from '../../scripts/n8n/userFolder.mjs';
import { joinRequestPoll, simulatorClient, WAITLIST } from './fixtures/joinRequestPoll.mjs';
import { setUp } from './harness.mjs';

const TOKEN = 'sandbox-token';
const A = '199789077627112@lid';
const REQUESTS_PATH = '/api/group/requests/sandbox';
/** n8n 2.41.1 runs its polls on the durable scheduler (off by default there); 2.8.4 has none. */
const DURABLE = currentRuntime().n8nVersion !== '2.8.4';
const SCHEDULER_ENV = DURABLE ? { N8N_SCHEDULER_ENABLED: 'true', N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true' } : {};
const BUDGET = DURABLE ? /n8n's poll budget \(36000 ms\)/ : /the poll budget of 40000 ms \(n8n sets none\)/;
const ABANDONED = /Poll exceeded its timeout and was abandoned/;
const POLL = joinRequestPoll({
	id: 'ryzeJoinReqPoll01',
	name: 'Join requests, restart and budget',
	nodeId: '5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f',
});

let env;
let n8n;
let cookie;
let flatted;
const logs = [];

const { json: simJson, post } = simulatorClient(() => env.sim.url);
const reject = (lid) =>
	post('/api/group/participants/sandbox', { action: 'reject', identifier: WAITLIST, participants: [lid] }, { token: TOKEN });
const polls = async () => (await simJson('/__sim/calls')).calls.filter((call) => call.path === REQUESTS_PATH);
/** Everything the n8n processes of this file logged so far. */
const n8nLog = () => logs.map((file) => (existsSync(file) ? readFileSync(file, 'utf8') : '')).join('\n');

async function waitFor(what, check, timeoutMs = 100000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const found = await check();
		if (found) return found;
		await sleep(500);
	}
	throw new Error(`timed out waiting for ${what}`);
}

/** Waits until n8n has polled again (a new call to the requests endpoint), and a little for what follows. */
async function nextPoll(what, settleMs = 5000) {
	const seen = (await polls()).length;
	await waitFor(what, async () => (await polls()).length > seen, 100000);
	await sleep(settleMs);
}

/** The poll's finished executions, oldest first (n8n 2.41.1 lists one while it runs, before its data is in). */
async function runs() {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: POLL.id }));
	const response = await fetch(`${n8n.url}/rest/executions?filter=${filter}&limit=100`, { headers: { cookie } });
	return ((await response.json()).data?.results ?? [])
		.filter((run) => !['new', 'running', 'waiting'].includes(run.status))
		.sort((a, b) => Number(a.id) - Number(b.id));
}

/** The jids one execution emitted, and its stored text. */
async function emitted(run) {
	const response = await fetch(`${n8n.url}/rest/executions/${run.id}`, { headers: { cookie } });
	const text = await response.text();
	const body = JSON.parse(text);
	const data = typeof body.data.data === 'string' ? flatted.parse(body.data.data) : body.data.data;
	const out = (data.resultData.runData['Join requests'] ?? []).flatMap((r) => r.data?.main?.[0] ?? []);
	return { jids: out.map((item) => item.json.jid), text };
}

async function startOurN8n() {
	const logFile = join(env.artifacts, `n8n-${logs.length + 1}.log`);
	logs.push(logFile);
	n8n = await env.stages.run(`n8n start (${logs.length})`, async () =>
		startN8n({ userFolder: env.userFolder, port: await freePort(), brokerPort: await freePort(), logFile, extraEnv: SCHEDULER_ENV }),
	);
	await setUpOwner(n8n.url);
	cookie = await login(n8n.url);
}

before(
	async () => {
		env = await setUp('joinRequestTrigger');
		const { stages, userFolder, tarball, sim } = env;
		flatted = createRequire(join(n8nDir(), 'package.json'))('flatted');
		await prepareUserFolder({ userFolder, tarball, baseUrl: sim.url, workflows: [POLL], stages });
		await stages.run('n8n publish:workflow (poll)', () => publishWorkflows(userFolder, [POLL.id]));
		await startOurN8n();
	},
	{ timeout: 10 * 60 * 1000 },
);

after(async () => {
	await n8n?.stop();
	await env?.tearDown();
});

test(
	'a request that left (an empty poll, never saved) and asks again after an n8n restart fires once',
	{ timeout: 8 * 60 * 1000 },
	async () => {
		const [first] = await waitFor('the first poll that emits', async () => ((await runs()).length > 0 ? runs() : null), 150000);
		assert.deepEqual((await emitted(first)).jids, [A, '199789077627113@lid', '199789077627114@lid']);
		assert.equal((await reject(A)).status, 200);
		await nextPoll('the poll after A left');
		assert.equal((await runs()).length, 1, 'the poll after A left emits nothing');

		await env.stages.run('n8n stop', () => n8n.stop());
		assert.equal((await post('/__sim/requests', { group: WAITLIST, lid: A, phone: '5511988887777' })).status, 200);
		await startOurN8n();
		await waitFor('the poll after the restart that emits', async () => (await runs()).length > 1);
		await nextPoll('a poll after that');
		const all = await runs();
		const seen = [];
		for (const run of all)
			seen.push({ id: run.id, status: run.status, at: run.startedAt ?? run.createdAt, jids: (await emitted(run)).jids });
		assert.deepEqual(
			seen.slice(1).map((run) => run.jids),
			[[A]],
			`A fires once after the restart; the executions: ${JSON.stringify(seen)}`,
		);
	},
);

test('a spent rate limit: the poll ends cleanly within the budget, and the next one works', { timeout: 6 * 60 * 1000 }, async () => {
	const before = (await runs()).length;
	const queued = await post('/__sim/faults', {
		faults: [{ kind: 'status', status: 429, headers: { 'retry-after': '50' }, match: { method: 'GET', pathPrefix: REQUESTS_PATH } }],
	});
	assert.equal(queued.status, 200);
	const calls = (await polls()).length;
	await nextPoll('the poll that meets the 429');
	const line = await waitFor('the warning in n8n’s log', async () =>
		n8nLog()
			.split('\n')
			.find((text) => text.includes('ended without reading the join requests')),
	);
	assert.match(line, new RegExp(`the poll of group ${WAITLIST} on instance sandbox ended without reading the join requests`));
	assert.match(line, /the token's rate limit does not free up within/);
	assert.match(line, BUDGET);
	assert.match(line, /Nothing was emitted and nothing is lost/);
	assert.ok(!line.includes(TOKEN), 'the token is in the log');
	// The warning says the poll ended on the 429 instead of waiting 50 s for a resend; the next polls met no 429.
	const statuses = (await polls()).slice(calls).map((call) => call.status);
	assert.equal(statuses[0], 429);
	assert.equal(statuses.filter((status) => status === 429).length, 1, `one 429: ${JSON.stringify(statuses)}`);
	assert.equal((await runs()).length, before, 'nothing emitted, no failed execution');

	assert.equal((await post('/__sim/requests', { group: WAITLIST, lid: '199789077627150@lid', phone: '5511955550000' })).status, 200);
	const next = await waitFor('the next poll that emits', async () => {
		const list = await runs();
		return list.length > before ? list : null;
	});
	assert.deepEqual((await emitted(next.at(-1))).jids, ['199789077627150@lid']);
	assert.doesNotMatch(n8nLog(), ABANDONED);
});

test(
	'n8n 2.41.1, durable scheduler: a RyzeAPI that does not answer fails the poll within the budget, and the next one works',
	{ skip: DURABLE ? false : 'n8n 2.8.4 has no durable scheduler: nothing abandons its polls', timeout: 6 * 60 * 1000 },
	async () => {
		const before = (await runs()).length;
		const queued = await post('/__sim/faults', {
			faults: [{ kind: 'delay', ms: 60000, times: 3, match: { method: 'GET', pathPrefix: REQUESTS_PATH } }],
		});
		assert.equal(queued.status, 200);
		const calls = (await polls()).length;
		const failed = await waitFor(
			'the failed poll',
			async () => {
				const list = await runs();
				return list.length > before ? list.at(-1) : null;
			},
			150000,
		);
		assert.equal(failed.status, 'error');
		// Each send's Timeout: 8.25 s of the 36 s budget, less what the poll spent before its call.
		const timeout = Number((await emitted(failed)).text.match(/RyzeAPI did not answer within (\d+) ms/)?.[1]);
		assert.ok(timeout > 0 && timeout <= 8250, `each send's Timeout is at most 8250 ms, not ${timeout}`);
		const sends = (await polls()).length - calls;
		assert.ok(sends >= 1 && sends <= 3, `the first send and at most two resends, not ${sends}`);
		// A delay the poll did not meet must not slow the next one.
		assert.equal((await fetch(`${env.sim.url}/__sim/faults`, { method: 'DELETE' })).status, 200);
		assert.equal((await post('/__sim/requests', { group: WAITLIST, lid: '199789077627151@lid' })).status, 200);
		const next = await waitFor('the next poll that emits', async () => {
			const list = await runs();
			return list.length > before + 1 ? list : null;
		});
		assert.deepEqual((await emitted(next.at(-1))).jids, ['199789077627151@lid']);
		assert.doesNotMatch(n8nLog(), ABANDONED);
	},
);
