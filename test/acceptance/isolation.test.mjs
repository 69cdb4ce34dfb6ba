// Issue 15 points 1 and 2 in a real n8n (the burst rig of scripts/burst/): with Combine
// Across Executions on, one execution's workflow timeout or stop (through n8n's API)
// leaves the other execution of a merged call answered with its own result, and a
// malformed Reset leaves every webhook answered. Alone:
//
//   flock /tmp/ryze-n8n.lock node scripts/acceptance.mjs isolation --runtime 2.8.4
//
// How the two executions end up in one call: a first webhook's call (the probe of the
// token's unknown window) is held 1.5 s by the simulator; A and B arrive meanwhile and
// queue together; their merged call is then held 8 s. A's workflow times out (5 s) or
// is stopped while that call is in flight.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { stopChildrenOnSignals } from '../../scripts/lib/processes.mjs';
import { startBurstRig } from '../../scripts/burst/harness.mjs';
import { fireAll } from '../../scripts/burst/fire.mjs';
import { WORKFLOWS } from '../../scripts/burst/workflows.mjs';
import { login } from '../../scripts/n8n/server.mjs';

let rig;

before(
	async () => {
		stopChildrenOnSignals();
		rig = await startBurstRig({ label: 'isolation', keys: ['isoTimeout', 'isoOther', 'node'] });
	},
	{ timeout: 10 * 60 * 1000 },
);

after(async () => {
	await rig?.stop();
	rig?.stages.print();
});

const hook = (key) => `${rig.url}/webhook/${WORKFLOWS[key].path}`;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const participantsCalls = async () => (await rig.sim.calls()).calls.filter((call) => call.path.startsWith('/api/group/participants'));
const outcome = (record) => (Array.isArray(record.answer) ? record.answer[0] : record.answer);

/** A probe held 1.5 s, then A (on `keyA`) and B together: their merged call held 8 s. */
async function mergedPair(keyA, phoneA, phoneB, duringCall) {
	await rig.sim.reset();
	await rig.sim.faults([
		{ kind: 'delay', ms: 1500 },
		{ kind: 'delay', ms: 8000 },
	]);
	const probe = fireAll([{ url: hook('node'), body: { name: 'probe', phone: '5511970055001' } }], { timeoutMs: 60000 });
	await pause(300);
	const pair = fireAll(
		[
			{ url: hook(keyA), body: { name: 'A', phone: phoneA } },
			{ url: hook('isoOther'), body: { name: 'B', phone: phoneB } },
		],
		{ timeoutMs: 60000 },
	);
	if (duringCall) {
		await pause(2500);
		await duringCall();
	}
	const [records] = await Promise.all([pair, probe]);
	const calls = await participantsCalls();
	return { a: records[0], b: records[1], calls };
}

const mergedIn = (calls, phones) => calls.some((call) => phones.every((phone) => call.body?.participants?.includes(phone)));

test('point 1: a workflow timeout of A leaves B of the same merged call answered with its own success', { timeout: 120000 }, async () => {
	const { a, b, calls } = await mergedPair('isoTimeout', '5511970055011', '5511970055012');
	assert.ok(mergedIn(calls, ['5511970055011', '5511970055012']), `A and B were not merged: ${JSON.stringify(calls.map((c) => c.body))}`);
	assert.equal(b.status, 200, `B: ${b.status} ${b.text}`);
	assert.equal(outcome(b)?.outcome, 'success', `B: ${b.text}`);
	assert.equal(outcome(b)?.contact, '5511970055012', `B: ${b.text}`);
	assert.notEqual(outcome(a)?.outcome, 'success', `A timed out yet answered success: ${a.text}`);
	assert.ok(a.ms < b.ms, `A (${a.ms} ms) should end at its own timeout, before B (${b.ms} ms)`);
});

test(
	"point 1: stopping A through n8n's API leaves B of the same merged call answered with its own success",
	{ timeout: 120000 },
	async () => {
		const stopA = async () => {
			const cookie = await login(rig.url);
			const listed = await fetch(`${rig.url}/rest/executions?limit=50`, { headers: { cookie } });
			const text = await listed.text();
			assert.equal(listed.status, 200, text.slice(0, 300));
			const json = JSON.parse(text);
			const results = json.data?.results ?? json.data ?? [];
			const running = results.find(
				(execution) => execution.workflowId === WORKFLOWS.node.id && ['running', 'new'].includes(execution.status) && execution.id,
			);
			assert.ok(running, `no running execution of A: ${text.slice(0, 500)}`);
			const stopped = await fetch(`${rig.url}/rest/executions/${running.id}/stop`, { method: 'POST', headers: { cookie } });
			assert.equal(stopped.status, 200, await stopped.text());
		};
		// Here A is the plain workflow ('node'); its execution is stopped while the merged call is in flight.
		const { a, b, calls } = await mergedPair('node', '5511970055021', '5511970055022', stopA);
		assert.ok(mergedIn(calls, ['5511970055021', '5511970055022']), `A and B were not merged: ${JSON.stringify(calls.map((c) => c.body))}`);
		assert.equal(b.status, 200, `B: ${b.status} ${b.text}`);
		assert.equal(outcome(b)?.outcome, 'success', `B: ${b.text}`);
		assert.equal(outcome(b)?.contact, '5511970055022', `B: ${b.text}`);
		assert.notEqual(outcome(a)?.outcome, 'success', `A was stopped yet answered success: ${a.text}`);
	},
);

test('point 2: Remaining 0 with a Reset of 99999999999999999 leaves every webhook answered', { timeout: 120000 }, async () => {
	await rig.sim.reset();
	await rig.sim.faults([
		{ kind: 'status', status: 200, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '99999999999999999' } },
		{ kind: 'status', status: 429, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '99999999999999999' } },
	]);
	const phones = Array.from({ length: 10 }, (_, i) => String(5511970056001 + i));
	const records = await fireAll(
		phones.map((phone) => ({ url: hook('isoOther'), body: { name: phone, phone } })),
		{ timeoutMs: 60000 },
	);
	const unanswered = records.filter((record) => record.status === null);
	assert.deepEqual(unanswered, [], 'every webhook is answered');
	// Later calls on the token go through: the nonsense Reset blocked nothing.
	const later = await fireAll([{ url: hook('isoOther'), body: { name: 'later', phone: '5511970056099' } }], { timeoutMs: 60000 });
	assert.equal(outcome(later[0])?.outcome, 'success', later[0].text);
});
