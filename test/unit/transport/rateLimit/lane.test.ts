/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The token's lane, shared by every execution on a token: FIFO permits, calls in
 * flight counted against the window, one wait for the Reset, refusal and stop.
 * A fake clock moves only when the lane sleeps.
 */
import { TokenLane, type Ticket } from '../../../../nodes/RyzeApi/transport/rateLimit/lane';
import { RESET_MARGIN_MS } from '../../../../nodes/RyzeApi/transport/rateLimit/window';
import { fakeClock, rateHeaders, virtualClock } from '../../../support/fakeClock';

const rate = (remaining: number, resetSeconds: number) => rateHeaders(remaining, resetSeconds);

const ticket = (overrides: Partial<Ticket> = {}): Ticket => ({ reserve: 0, canWait: () => true, cancelled: () => false, ...overrides });

/** Lets every pending promise callback run. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('TokenLane', () => {
	it('probes an unknown window with one call at a time, then lets the window fill', async () => {
		const lane = new TokenLane(fakeClock());
		const order: number[] = [];
		const first = lane.acquire(ticket()).then(() => order.push(1));
		const second = lane.acquire(ticket()).then(() => order.push(2));
		const third = lane.acquire(ticket()).then(() => order.push(3));
		await flush();
		expect(order).toEqual([1]);
		lane.settle(rate(50, 1_060));
		await Promise.all([first, second, third]);
		expect(order).toEqual([1, 2, 3]);
		expect(lane.inFlight).toBe(2);
	});

	it('counts calls in flight against Remaining: never more permits than the window allows', async () => {
		const lane = new TokenLane(fakeClock());
		await lane.acquire(ticket());
		lane.settle(rate(3, 1_060));
		let granted = 0;
		const waiting = Array.from({ length: 5 }, () =>
			lane.acquire(ticket({ canWait: () => false })).then((permit) => permit.ok && granted++),
		);
		await Promise.all(waiting);
		// 3 remain: three permits; the other two would have to wait for the Reset and may not.
		expect(granted).toBe(3);
	});

	it('waits for the Reset once, at the head, and the queue goes out after it in order', async () => {
		const clock = fakeClock(1_000_000);
		const lane = new TokenLane(clock);
		await lane.acquire(ticket());
		lane.settle(rate(0, 1_010));
		const order: string[] = [];
		const runs = ['a', 'b', 'c'].map((name) =>
			lane.acquire(ticket()).then((permit) => {
				order.push(name);
				lane.settle(rate(97, 1_070));
				return permit;
			}),
		);
		const permits = await Promise.all(runs);
		expect(clock.sleeps).toEqual([10_000 + RESET_MARGIN_MS]);
		expect(order).toEqual(['a', 'b', 'c']);
		expect(permits.every((permit) => permit.ok)).toBe(true);
	});

	it('refuses at once the queued runs whose Max Wait cannot cover the Reset, keeps the others', async () => {
		const clock = fakeClock(1_000_000);
		const lane = new TokenLane(clock);
		await lane.acquire(ticket());
		lane.settle(rate(0, 1_060));
		const patient = lane.acquire(ticket({ canWait: (ms) => ms <= 65_000 }));
		const hurried = lane.acquire(ticket({ canWait: (ms) => ms <= 5_000 }));
		const results = await Promise.all([hurried, patient]);
		expect(results[0]).toEqual({ ok: false, reason: 'refused', waitMs: 60_000 + RESET_MARGIN_MS });
		expect(results[1].ok).toBe(true);
		expect(clock.sleeps).toEqual([60_000 + RESET_MARGIN_MS]);
	});

	it('a stopped execution leaves the queue at once; the others go on', async () => {
		const lane = new TokenLane(fakeClock());
		await lane.acquire(ticket());
		// The head waits for the first answer (the window is unknown); these two queue behind it.
		const head = lane.acquire(ticket());
		const stop = new AbortController();
		const stopped = lane.acquire(ticket({ signal: stop.signal, cancelled: () => stop.signal.aborted }));
		const other = lane.acquire(ticket());
		await flush();
		stop.abort();
		expect(await stopped).toEqual({ ok: false, reason: 'cancelled' });
		lane.settle(rate(10, 1_060));
		expect((await head).ok).toBe(true);
		expect((await other).ok).toBe(true);
		expect(lane.idle()).toBe(false);
		lane.settle({});
		lane.settle({});
		expect(lane.idle()).toBe(true);
	});

	it('a stopped head stops waiting for the Reset', async () => {
		const lane = new TokenLane({ now: () => 1_000_000, sleep: () => new Promise(() => {}) });
		await lane.acquire(ticket());
		lane.settle(rate(0, 1_060));
		const stop = new AbortController();
		const head = lane.acquire(ticket({ signal: stop.signal, cancelled: () => stop.signal.aborted }));
		await flush();
		stop.abort();
		expect(await head).toEqual({ ok: false, reason: 'cancelled' });
		expect(lane.idle()).toBe(true);
	});
});

describe('TokenLane: headers are untrusted, waits are bounded (issue 15)', () => {
	const answer = { 'content-type': 'application/json' };

	it('point 2: Remaining 0 with a Reset out of Date range is "window unknown": never throws, never blocks', async () => {
		const lane = new TokenLane(fakeClock());
		await lane.acquire(ticket());
		expect(() => lane.settle({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '99999999999999999' })).not.toThrow();
		// A run that may not wait at all still gets a permit: nothing says the window is spent.
		expect(await lane.acquire(ticket({ canWait: () => false }))).toEqual({ ok: true, waitedMs: 0 });
	});

	it.each([
		['in the year 2100', '4102444800'],
		['not a number', 'soon'],
		['infinite', 'Infinity'],
		['long past', '1000'],
	])('point 5: a Reset %s never blocks the token', async (_name, reset) => {
		const lane = new TokenLane(fakeClock());
		await lane.acquire(ticket());
		lane.settle({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
		expect((await lane.acquire(ticket({ canWait: () => false }))).ok).toBe(true);
	});

	it('point 6: a server that never sends X-RateLimit-* does not serialise the token after its first answer', async () => {
		const clock = virtualClock();
		const lane = new TokenLane(clock);
		await lane.acquire(ticket());
		lane.settle(answer);
		// Five calls at once, none answered yet: all go (serialised, the second would wait for the first's answer).
		const permits = await clock.run(Promise.all(Array.from({ length: 5 }, () => lane.acquire(ticket()))));
		expect(permits.every((permit) => permit.ok)).toBe(true);
		expect(lane.inFlight).toBe(5);
		// Up to the documented cap (8), not beyond: the ninth waits for an answer.
		await clock.run(Promise.all([lane.acquire(ticket()), lane.acquire(ticket()), lane.acquire(ticket())]));
		let ninth = false;
		void lane.acquire(ticket()).then(() => (ninth = true));
		await flush();
		expect(ninth).toBe(false);
		lane.settle(answer);
		await flush();
		expect(ninth).toBe(true);
	});

	it('point 6: a slow probe never holds a waiter past its own budget (Max Wait + Timeout)', async () => {
		const clock = virtualClock(1_000_000);
		const lane = new TokenLane(clock);
		await lane.acquire(ticket());
		// The probe never answers. A waiter with 1 s of budget, and one queued behind it with none.
		const head = lane.acquire(ticket({ budgetMs: () => Math.max(0, 1_001_000 - clock.now()) }));
		const queued = lane.acquire(ticket({ budgetMs: () => 0 }));
		expect(await clock.run(queued)).toEqual({ ok: false, reason: 'expired', waitedMs: 0 });
		expect(await clock.run(head)).toEqual({ ok: false, reason: 'expired', waitedMs: 1_000 });
	});
});
