/**
 * The batcher on a virtual clock (issue 15): each member of a merged call leaves
 * at its own stop or Timeout and the call goes on for the others; the call is
 * aborted only once every member left; untrusted headers never hang anyone;
 * requests that touch one person reach the server in arrival order across actions.
 */
import type { Participant } from '../../../../../../nodes/RyzeApi/helpers/participants';
import type { ApiOutcome, RequestSpec } from '../../../../../../nodes/RyzeApi/transport/http/request';
import {
	ParticipantBatcher,
	type BatchEntry,
	type EntryResult,
} from '../../../../../../nodes/RyzeApi/actions/group/manageParticipants/combine/batcher';
import { TokenLane } from '../../../../../../nodes/RyzeApi/transport/rateLimit/lane';
import { Pacer } from '../../../../../../nodes/RyzeApi/transport/rateLimit/pacer';
import { SERVER_ERROR_BACKOFF_MS, SERVER_ERROR_RETRIES } from '../../../../../../nodes/RyzeApi/transport/rateLimit/failures';
import { MAX_429_RESENDS } from '../../../../../../nodes/RyzeApi/transport/rateLimit/window';
import { rateHeaders, virtualClock } from '../../../../../support/fakeClock';

const person = (value: string): Participant => ({ input: value, value, kind: 'phone', key: value });
const answer = (values: string[], headers: Record<string, string> = {}): ApiOutcome => ({
	ok: true,
	statusCode: 200,
	headers: { 'content-type': 'application/json', ...headers },
	body: { participants: values.map((jid) => ({ jid: `${jid}@s.whatsapp.net`, success: true })) },
});

function setup() {
	const clock = virtualClock(1_000_000);
	const lane = new TokenLane(clock);
	const batcher = new ParticipantBatcher(lane, clock);
	const sent: Array<{ at: number; action: string; participants: string[]; signal?: AbortSignal }> = [];
	/** What the server does with a call: how long it takes and what it answers. */
	let server = async (spec: RequestSpec): Promise<ApiOutcome> => answer((spec.body as { participants: string[] }).participants);
	const entry = (
		values: string[],
		options: { timeoutMs?: number; maxWaitMs?: number; signal?: AbortSignal; mayResend?: boolean } = {},
	): BatchEntry => ({
		participants: values.map(person),
		timeoutMs: options.timeoutMs ?? 10_000,
		batchSize: 100,
		mayResend: options.mayResend ?? false,
		pacer: new Pacer(
			{ reserve: 0, intervalMs: 0, maxWaitMs: options.maxWaitMs ?? 60_000, sleep: clock.sleep, now: clock.now, signal: options.signal },
			lane,
		),
		send: async (spec: RequestSpec, signal?: AbortSignal) => {
			const body = spec.body as { action: string; participants: string[] };
			sent.push({ at: clock.now(), action: body.action, participants: body.participants, signal });
			return await server(spec);
		},
		stats: { calls: 0, rateLimited: 0, resent: 0 },
	});
	const submit = (values: string[], options: Parameters<typeof entry>[1] & { action?: string } = {}) =>
		batcher.submit({ path: '/api/group/participants/sandbox', group: 'g@g.us', action: options.action ?? 'add' }, entry(values, options));
	const timed = (promise: Promise<EntryResult>) => promise.then((result) => ({ at: clock.now() - 1_000_000, result }));
	return {
		clock,
		lane,
		sent,
		submit,
		timed,
		serve: (next: typeof server) => (server = next),
	};
}

const failureOf = (result: EntryResult) => (result.ok ? null : result.failure);
const serverError = (): ApiOutcome => ({
	ok: false,
	failure: { errorCode: 'server_error', message: 'RyzeAPI answered HTTP 500', description: '', statusCode: 500, outcomeUnknown: true },
	headers: {},
});

describe('ParticipantBatcher: Retry on Server Errors (was a 3 s real-socket test in batching.test.ts)', () => {
	it(`with it on, a 5xx is sent again ${SERVER_ERROR_RETRIES} times after a growing back-off, then the failure stands`, async () => {
		const { clock, sent, submit, timed, serve } = setup();
		serve(async () => serverError());
		const result = await clock.run(timed(submit(['5511900000001'], { mayResend: true })));
		expect(sent.map((call) => call.at - 1_000_000)).toEqual([0, SERVER_ERROR_BACKOFF_MS, 3 * SERVER_ERROR_BACKOFF_MS]);
		expect(failureOf(result.result)).toMatchObject({ errorCode: 'server_error', outcomeUnknown: true });
	});

	it('with it off, a 5xx is final: sent once', async () => {
		const { clock, sent, submit, serve } = setup();
		serve(async () => serverError());
		const result = await clock.run(submit(['5511900000001']));
		expect(sent).toHaveLength(1);
		expect(failureOf(result)).toMatchObject({ errorCode: 'server_error', outcomeUnknown: true });
	});

	it('a merged call is sent again only when every member allows it', async () => {
		const { clock, sent, submit, serve } = setup();
		serve(async () => serverError());
		const results = await clock.run(Promise.all([submit(['5511900000001'], { mayResend: true }), submit(['5511900000002'])]));
		expect(sent).toHaveLength(1);
		expect(sent[0].participants).toEqual(['5511900000001', '5511900000002']);
		expect(results.map((result) => failureOf(result)?.errorCode)).toEqual(['server_error', 'server_error']);
	});

	it('a resend that then succeeds answers the member', async () => {
		const { clock, sent, submit, serve } = setup();
		let calls = 0;
		serve(async (spec) => (++calls === 1 ? serverError() : answer((spec.body as { participants: string[] }).participants)));
		const result = await clock.run(submit(['5511900000001'], { mayResend: true }));
		expect(sent).toHaveLength(2);
		expect(result.ok).toBe(true);
	});
});

describe('ParticipantBatcher: every 429 costs time, a call has a cap on its 429 resends (issue 21 finding 1)', () => {
	const tooMany = (headers: Record<string, string>): ApiOutcome => ({
		ok: false,
		failure: {
			errorCode: 'rate_limited',
			message: 'Rate limit exceeded. Try again later.',
			description: '',
			statusCode: 429,
			outcomeUnknown: false,
		},
		headers,
	});

	it('Retry-After: 0 on a merged call: each wait is at least 1 s and comes out of Max Wait; the call ends', async () => {
		const { clock, sent, submit, timed, serve } = setup();
		serve(async () => tooMany({ 'retry-after': '0' }));
		const results = await clock.run(
			Promise.all([
				timed(submit(['5511900000001'], { maxWaitMs: 2_000, timeoutMs: 2_000 })),
				timed(submit(['5511900000002'], { maxWaitMs: 2_000 })),
			]),
			60_000,
		);
		// Before: 514 to 1,531 calls in 5 s.
		expect(sent).toHaveLength(2);
		expect(sent[1].at - sent[0].at).toBe(1_000);
		for (const { at, result } of results) {
			expect(failureOf(result)).toMatchObject({ errorCode: 'rate_limited', statusCode: 429, outcomeUnknown: false });
			expect(at).toBeLessThanOrEqual(2_000);
		}
	});

	it('a Reset just passed backs off 1 s, 2 s, 4 s; with a large Max Wait the call stops after MAX_429_RESENDS resends', async () => {
		const { clock, sent, submit, serve } = setup();
		serve(async () => tooMany(rateHeaders(0, Math.floor(clock.now() / 1000) - 1)));
		const result = await clock.run(submit(['5511900000001'], { maxWaitMs: 600_000 }), 3_600_000);
		expect(sent).toHaveLength(1 + MAX_429_RESENDS);
		const gaps = sent.slice(1).map((call, i) => call.at - sent[i].at);
		expect(gaps.slice(0, 3)).toEqual([1_000, 2_000, 4_000]);
		expect(failureOf(result)).toMatchObject({ errorCode: 'rate_limited', statusCode: 429 });
		expect(failureOf(result)?.message).toContain(`${MAX_429_RESENDS + 1} times in a row`);
	});
});

describe('ParticipantBatcher: a merged call belongs to no execution', () => {
	it('point 7: each member leaves at its own Timeout, not the largest of the call', async () => {
		const { clock, submit, timed, serve } = setup();
		serve(async (spec) => {
			await clock.sleep(5_000);
			return answer((spec.body as { participants: string[] }).participants);
		});
		const a = timed(submit(['5511900000001'], { timeoutMs: 6_000 }));
		const b = timed(submit(['5511900000002'], { timeoutMs: 1_000 }));
		const [resultA, resultB] = await clock.run(Promise.all([a, b]));
		expect(resultB.at).toBe(1_000);
		expect(failureOf(resultB.result)).toMatchObject({ errorCode: 'timeout', outcomeUnknown: true });
		expect(resultA.at).toBe(5_000);
		expect(resultA.result.ok).toBe(true);
	});

	it('point 1: a stopped member leaves at once with its own result; the call is not aborted until every member has left', async () => {
		const { clock, sent, submit, timed, serve } = setup();
		serve(async (spec) => {
			await clock.sleep(3_000);
			return answer((spec.body as { participants: string[] }).participants);
		});
		const stopA = new AbortController();
		const a = timed(submit(['5511900000001'], { signal: stopA.signal }));
		const b = timed(submit(['5511900000002']));
		void clock.sleep(500).then(() => stopA.abort());
		const [resultA, resultB] = await clock.run(Promise.all([a, b]));
		expect(resultA.at).toBe(500);
		expect(failureOf(resultA.result)).toMatchObject({ errorCode: 'network', outcomeUnknown: true });
		expect(resultB).toMatchObject({ at: 3_000, result: { ok: true, shared: true } });
		expect(sent).toHaveLength(1);
		expect(sent[0].signal?.aborted).toBe(false);
	});

	it('point 1: once every member has left, the call is aborted', async () => {
		const { clock, sent, submit, serve } = setup();
		serve(async () => await new Promise<ApiOutcome>(() => {}));
		const stop = new AbortController();
		const a = submit(['5511900000001'], { signal: stop.signal, timeoutMs: 60_000 });
		const b = submit(['5511900000002'], { timeoutMs: 2_000 });
		void clock.sleep(100).then(() => stop.abort());
		await clock.run(Promise.all([a, b]));
		expect(sent[0].signal?.aborted).toBe(true);
	});

	it('point 2: Remaining 0 with a Reset out of Date range: nobody hangs, the token goes on', async () => {
		const { clock, sent, submit, serve } = setup();
		serve(async (spec) =>
			answer((spec.body as { participants: string[] }).participants, {
				'x-ratelimit-remaining': '0',
				'x-ratelimit-reset': '99999999999999999',
			}),
		);
		const first = await clock.run(submit(['5511900000001'], { maxWaitMs: 0 }));
		expect(first.ok).toBe(true);
		const second = await clock.run(submit(['5511900000002'], { maxWaitMs: 0 }));
		expect(second.ok).toBe(true);
		expect(sent).toHaveLength(2);
	});

	it('a fault inside the coordinator (a send that throws) resolves every member with a Failure', async () => {
		const { clock, submit, serve } = setup();
		serve(async () => {
			throw new RangeError('Invalid time value');
		});
		const results = await clock.run(Promise.all([submit(['5511900000001']), submit(['5511900000002'])]));
		for (const result of results) expect(result.ok).toBe(false);
	});

	it('point 4: a remove sent after an add of the same person reaches the server after it, across executions', async () => {
		const { clock, lane, sent, submit, serve } = setup();
		// A learnt window with room: nothing serialises the calls but the order rule.
		await lane.acquire({ reserve: 0, canWait: () => true, cancelled: () => false });
		lane.settle(rateHeaders(90, 1_060));
		serve(async (spec) => {
			await clock.sleep(1_000);
			return answer((spec.body as { participants: string[] }).participants);
		});
		const busy = submit(['5511900000009']);
		// The add key is busy with a call in flight when the add and then the remove arrive.
		await clock.run(clock.sleep(10));
		const add = submit(['5511900000001']);
		const removal = submit(['5511900000001'], { action: 'remove' });
		await clock.run(Promise.all([busy, add, removal]));
		const order = sent.map((call) => `${call.action} ${call.participants.join(',')}`);
		expect(order).toEqual(['add 5511900000009', 'add 5511900000001', 'remove 5511900000001']);
	});

	it('issue 21 finding 3: a remove that arrives while the add of the same person is in flight waits for its answer', async () => {
		const { clock, lane, submit, serve } = setup();
		await lane.acquire({ reserve: 0, canWait: () => true, cancelled: () => false });
		lane.settle(rateHeaders(90, 1_060));
		const log: string[] = [];
		serve(async (spec) => {
			const body = spec.body as { action: string; participants: string[] };
			log.push(`recv ${body.action}`);
			await clock.sleep(body.action === 'add' ? 1_000 : 10);
			log.push(`done ${body.action}`);
			return answer(body.participants);
		});
		const add = submit(['5511900000001']);
		// The add is on the wire when the remove arrives.
		await clock.run(clock.sleep(10));
		const removal = submit(['5511900000001'], { action: 'remove' });
		await clock.run(Promise.all([add, removal]));
		// Before: recv add, recv remove, done remove, done add (the person stayed a member).
		expect(log).toEqual(['recv add', 'done add', 'recv remove', 'done remove']);
	});

	it('issue 21 finding 3: deadlock-free across 30 executions crossing add and remove; per person, one call at a time, in order', async () => {
		const { clock, lane, submit, serve } = setup();
		await lane.acquire({ reserve: 0, canWait: () => true, cancelled: () => false });
		lane.settle(rateHeaders(90, 1_060));
		const calls: Array<{ action: string; participants: string[]; start: number; end: number }> = [];
		serve(async (spec) => {
			const body = spec.body as { action: string; participants: string[] };
			const call = { action: body.action, participants: body.participants, start: clock.now(), end: Infinity };
			calls.push(call);
			await clock.sleep(300);
			call.end = clock.now();
			return answer(body.participants);
		});
		const people = ['5511900000001', '5511900000002', '5511900000003'];
		const asks = Array.from({ length: 30 }, (_, i) => ({
			people: [people[i % 3], people[(i + 1) % 3]],
			action: i % 2 === 0 ? 'add' : 'remove',
		}));
		const runs: Array<Promise<EntryResult>> = [];
		for (const [i, ask] of asks.entries()) {
			runs.push(submit(ask.people, { action: ask.action }));
			await clock.run(clock.sleep(i % 4 === 0 ? 50 : 0));
		}
		const results = await clock.run(Promise.all(runs));
		expect(results.every((result) => result.ok)).toBe(true);
		const collapse = (list: string[]) => list.filter((action, i) => action !== list[i - 1]);
		for (const who of people) {
			const mine = calls.filter((call) => call.participants.includes(who));
			// A call for this person of another action goes only once the previous one was answered.
			for (let i = 1; i < mine.length; i++)
				if (mine[i].action !== mine[i - 1].action) expect(mine[i].start).toBeGreaterThanOrEqual(mine[i - 1].end);
			const asked = asks.filter((ask) => ask.people.includes(who)).map((ask) => ask.action);
			expect(collapse(mine.map((call) => call.action))).toEqual(collapse(asked));
		}
	});

	it('issue 21 finding 4: two executions asking for one Brazilian number in its two forms share one slot, both answered', async () => {
		const { clock, lane, sent, submit } = setup();
		await lane.acquire({ reserve: 0, canWait: () => true, cancelled: () => false });
		lane.settle(rateHeaders(90, 1_060));
		const busy = submit(['5511900000009']);
		await clock.run(clock.sleep(10));
		const results = await clock.run(Promise.all([busy, submit(['5511987654321']), submit(['551187654321'])]));
		expect(sent.map((call) => call.participants)).toEqual([['5511900000009'], ['5511987654321']]);
		expect(results.map((result) => result.ok)).toEqual([true, true, true]);
	});

	it('issue 21 finding 4: a remove of the 12-digit form waits for the add of the 13-digit form in flight', async () => {
		const { clock, lane, sent, submit, serve } = setup();
		await lane.acquire({ reserve: 0, canWait: () => true, cancelled: () => false });
		lane.settle(rateHeaders(90, 1_060));
		serve(async (spec) => {
			await clock.sleep(1_000);
			return answer((spec.body as { participants: string[] }).participants);
		});
		const add = submit(['5511987654321']);
		await clock.run(clock.sleep(10));
		const removal = submit(['551187654321'], { action: 'remove' });
		await clock.run(Promise.all([add, removal]));
		expect(sent.map((call) => [call.action, call.at - 1_000_000])).toEqual([
			['add', 0],
			['remove', 1_000],
		]);
	});

	it('point 4: a remove of someone else is not held back by a busy add', async () => {
		const { clock, lane, sent, submit, serve } = setup();
		await lane.acquire({ reserve: 0, canWait: () => true, cancelled: () => false });
		lane.settle(rateHeaders(90, 1_060));
		serve(async (spec) => {
			await clock.sleep(1_000);
			return answer((spec.body as { participants: string[] }).participants);
		});
		const add = submit(['5511900000001']);
		const removal = submit(['5511900000002'], { action: 'remove' });
		await clock.run(Promise.all([add, removal]));
		expect(sent.map((call) => call.at)).toEqual([1_000_000, 1_000_000]);
	});
});
