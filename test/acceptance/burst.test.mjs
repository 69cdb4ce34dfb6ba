// Issue 10's targets in a real n8n: a CRM calls one webhook per contact, 300 won deals
// at once = 300 concurrent executions with one item each, sharing one token's 100 calls
// per minute. Part of `npm run test:acceptance` (on every runtime); alone:
//
//   npm run test:burst        # = node scripts/acceptance.mjs burst
//
// Before the cross-execution coordinator 9 of its 11 tests failed (each execution paced
// alone: 500 calls, 300 × 429, 200 of 300 added, 100 executions stopped with an error
// after ~60 s). Takes about 3-4 minutes: both big bursts start at the beginning of a
// fresh rate-limit window (up to 60 s of waiting each).
//
// Only what must hold on any machine, however loaded, is asserted: every contact added
// or answered, 0 lost, 0 × 429, each answer for its own contact, calls within one
// rate-limit window's budget. How many calls a burst takes and how fast it is answered
// depend on how fast n8n takes in the webhooks (32 calls and 208 of 300 answered within
// 30 s on a busy machine, 5 calls and all within 6 s on a quiet one): those are figures
// of `npm run bench:burst` (docs/benchmarks.md), never assertions here.
// RYZE_ACCEPTANCE_TARBALL=<tgz> skips the build. Logs, every answer and every call:
// test-results/burst/acceptance/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { stopChildrenOnSignals } from '../../scripts/lib/processes.mjs';
import { startBurstRig, spendWindow } from '../../scripts/burst/harness.mjs';
import { markdownTable } from '../../scripts/burst/measure.mjs';
import { SANDBOX_LOGIN } from '../../scripts/lib/simulator.mjs';

const N = 300;

let rig;
/** The simulator's calls per window per token (RyzeAPI's: 100 per minute). */
let limit;
const memo = (fn) => {
	let promise;
	return () => (promise ??= fn());
};

before(
	async () => {
		stopChildrenOnSignals();
		rig = await startBurstRig({ label: 'acceptance', keys: ['node', 'nodeTokenB'] });
		limit = (await (await fetch(`${rig.sim.url}/__sim/config`)).json()).config.rateLimit.limit;
	},
	{ timeout: 10 * 60 * 1000 },
);

after(async () => {
	await rig?.stop();
	rig?.stages.print();
});

/** The numbers, so that every failing assertion shows the whole picture. */
const show = (summary) =>
	`\n${markdownTable([{ label: 'this burst', summary }])}\nanswer kinds: ${JSON.stringify(summary.kinds)}; lost e.g. ${JSON.stringify(
		summary.examples.lost.map(({ phone, kind, status, text, error, sent }) => ({ phone, kind, status, text, error, sent })),
	)}${
		summary.examples.lost.some((contact) => !contact.sent)
			? `\n(a lost contact no call carried never reached the node's call: look for n8n's own error in ${rig.artifacts}/n8n.log)`
			: ''
	}`;

// The proving ground itself: a burst the node handles today (far below the limit) passes
// the checks the big burst is held to, and a contact that cannot be added is answered on
// the Failure branch with its own contact and code.
test('control: 10 webhooks at once (one number not on WhatsApp): 9 added on Success, 1 on Failure, 0 lost', async () => {
	const notOnWhatsApp = '5511970099000';
	const summary = await rig.runBurst([{ key: 'node', count: 9, phones: [notOnWhatsApp] }], { name: 'control', align: false });
	assert.equal(summary.contacts, 10, show(summary));
	assert.equal(summary.added, 9, show(summary));
	assert.equal(summary.lost, 0, show(summary));
	assert.equal(summary.success, 9, show(summary));
	assert.equal(summary.failure, 1, show(summary));
	assert.deepEqual(
		summary.examples.failure.map(({ phone, errorCode }) => ({ phone, errorCode })),
		[{ phone: notOnWhatsApp, errorCode: 'not_on_whatsapp' }],
		show(summary),
	);
	assert.equal(summary.kinds.foreign ?? 0, 0, show(summary));
	assert.equal(summary.successNotAdded + summary.addedNotSuccess, 0, show(summary));
	assert.equal(summary.rateLimited, 0, show(summary));
	assert.ok(summary.calls >= 1 && summary.calls <= 10, show(summary));
});

const defaultBurst = memo(async () => {
	const summary = await rig.stages.run(`burst: ${N} webhooks, RyzeAPI node with its defaults`, () =>
		rig.runBurst([{ key: 'node', count: N }], { name: 'default-node' }),
	);
	console.log(markdownTable([{ label: 'RyzeAPI node, defaults', summary }]));
	return summary;
});

test(`default node: ${N} of ${N} contacts added`, async () => {
	const summary = await defaultBurst();
	assert.equal(summary.added, N, show(summary));
});

test('default node: 0 lost (every webhook answered with a definite success or failure for its own contact)', async () => {
	const summary = await defaultBurst();
	assert.equal(summary.lost, 0, show(summary));
	assert.equal(summary.success + summary.failure, N, show(summary));
});

test('default node: each execution answered on its own branch with its own contact', async () => {
	const summary = await defaultBurst();
	assert.equal(summary.kinds.foreign ?? 0, 0, `answers carrying another contact${show(summary)}`);
	// Every contact is new to the group: Success is the right branch for each, and a
	// Success answer means the contact really is in the group (and the other way round).
	assert.equal(summary.success, N, show(summary));
	assert.equal(summary.successNotAdded, 0, `success answers for contacts not in the group${show(summary)}`);
	assert.equal(summary.addedNotSuccess, 0, `contacts in the group whose webhook did not answer success${show(summary)}`);
});

test('default node: 0 × 429', async () => {
	const summary = await defaultBurst();
	assert.equal(summary.rateLimited, 0, show(summary));
});

// Within each rate-limit window's budget, counted per window from the simulator's call log.
// Not the total: the total depends on how fast n8n takes in the webhooks (5 calls on an idle
// machine, 98 at a load average of 19 on 2 cores, where n8n took 63 s to start the 300
// executions and the node sent what had arrived about once a second); it is a figure of
// npm run bench:burst.
test("default node: in every rate-limit window, participants calls within the window's budget", async () => {
	const summary = await defaultBurst();
	const most = summary.tokens.A.mostCallsInOneWindow;
	assert.ok(most >= 1 && most <= limit, `${most} participants calls in one window, budget ${limit}${show(summary)}`);
});

// Two credentials with different tokens in the same burst: token A (TokenInstance) and
// token B (the TokenAccount), half the burst each. Token A's window has just been spent
// by another client, so A's half must wait for the next window; B's half must not.
const twoTokens = memo(async () => {
	let spent = 0;
	const summary = await rig.stages.run(`burst: ${N / 2} + ${N / 2} webhooks on two tokens, token A's window spent`, () =>
		rig.runBurst(
			[
				{ key: 'node', count: N / 2 },
				{ key: 'nodeTokenB', count: N / 2 },
			],
			{ name: 'two-tokens', beforeBurst: async () => (spent = await spendWindow(rig.sim.url, SANDBOX_LOGIN.token, 100)) },
		),
	);
	console.log(`token A: ${spent} reads spent its window before the burst`);
	console.log(markdownTable([{ label: 'two tokens, A spent', summary }]));
	return summary;
});

test(`two tokens: all ${N} added, 0 lost, each half answered for its own contacts`, async () => {
	const summary = await twoTokens();
	assert.equal(summary.added, N, show(summary));
	assert.equal(summary.lost, 0, show(summary));
	assert.equal(summary.kinds.foreign ?? 0, 0, show(summary));
});

test('two tokens: no call mixes the two tokens, each token carries exactly its own contacts', async () => {
	const summary = await twoTokens();
	for (const token of ['A', 'B']) {
		const s = summary.tokens[token];
		assert.ok(s, `no contacts for token ${token}`);
		assert.equal(s.foreignParticipants, 0, `token ${token}'s calls carried the other token's contacts${show(summary)}`);
		assert.ok(s.calls >= 1, `token ${token} made no participants call${show(summary)}`);
	}
});

test("two tokens: in every rate-limit window, each token's participants calls within the window's budget", async () => {
	const summary = await twoTokens();
	for (const token of ['A', 'B']) {
		const most = summary.tokens[token].mostCallsInOneWindow;
		assert.ok(most <= limit, `token ${token}: ${most} participants calls in one window, budget ${limit}${show(summary)}`);
	}
});

// Token A's window is spent, so no call of A can be answered 200 before it reopens. B's lane
// is its own: B's calls go through while A waits, so B's first answered call comes before A's
// (an order of the simulator's call log, not a time). The one speed assumption: n8n starts
// the first of B's 150 executions before A's window reopens, about 59 s after the burst.
test("two tokens: token B is not held back by token A's spent window (0 × 429 on B, B answered before A)", async () => {
	const summary = await twoTokens();
	const b = summary.tokens.B;
	assert.equal(b.rateLimited, 0, show(summary));
	assert.equal(b.success, N / 2, show(summary));
	const firstAnswered = (kind) => summary.callOrder.findIndex((call) => call.tokenKind === kind && call.status === 200);
	const [a200, b200] = [firstAnswered('instance'), firstAnswered('account')];
	assert.ok(b200 >= 0 && a200 >= 0, `no answered call for ${b200 < 0 ? 'B' : 'A'}${show(summary)}`);
	assert.ok(b200 < a200, `token A's first answered call (#${a200}) came before token B's (#${b200})${show(summary)}`);
});
