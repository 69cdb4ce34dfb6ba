import { InputError } from '../../../../nodes/RyzeApi/helpers/inputError';
import { Pacer } from '../../../../nodes/RyzeApi/transport/rateLimit/pacer';
import { formatResetTime, readRateLimit, RESET_MARGIN_MS, retryAfterMs } from '../../../../nodes/RyzeApi/transport/rateLimit/window';
import { readRunOptions } from '../../../../nodes/RyzeApi/actions/options';
import { fakeClock, rateHeaders } from '../../../support/fakeClock';

const headers = rateHeaders;

describe('readRateLimit', () => {
	it('reads the three headers, Reset in seconds', () => {
		expect(readRateLimit(headers(7, 1_700_000_000), 1_699_999_970_000)).toEqual({ limit: 100, remaining: 7, resetAtMs: 1_700_000_000_000 });
	});
	it('point 2/5: a Reset that is not finite, long past or more than 24 h away reads as unknown; formatting never throws', () => {
		const now = 1_700_000_000_000;
		for (const reset of ['99999999999999999', '4102444800', 'NaN', '-5', '1000'])
			expect(readRateLimit({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, now).resetAtMs).toBeNull();
		expect(readRateLimit({ 'x-ratelimit-remaining': '1e400' }, now).remaining).toBeNull();
		expect(() => formatResetTime(Number('99999999999999999'))).not.toThrow();
		const pacer = new Pacer({ reserve: 0, intervalMs: 0, maxWaitMs: 0, sleep: async () => {}, now: () => now });
		expect(() => pacer.refusal(Number.MAX_VALUE)).not.toThrow();
	});
	it('issue 21 finding 2: a Reset further ahead than two documented (one-minute) windows reads as two windows ahead', () => {
		const now = 1_700_000_000_000;
		for (const hours of [23, 1, 0.05]) expect(readRateLimit(headers(0, now / 1000 + hours * 3600), now).resetAtMs).toBe(now + 120_000);
		expect(readRateLimit(headers(0, now / 1000 + 90), now).resetAtMs).toBe(now + 90_000);
	});
	it('tolerates missing or garbage headers', () => {
		expect(readRateLimit({ 'x-ratelimit-remaining': 'abc' }, 0)).toEqual({ limit: null, remaining: null, resetAtMs: null });
	});
});

describe('Pacer', () => {
	const make = (clock: ReturnType<typeof fakeClock>, reserve = 0, intervalMs = 0, maxWaitMs = 65_000) =>
		new Pacer({ reserve, intervalMs, maxWaitMs, sleep: clock.sleep, now: clock.now });

	it('does not wait while calls remain', async () => {
		const clock = fakeClock();
		const pacer = make(clock);
		expect(await pacer.beforeCall()).toBeNull();
		pacer.observe(headers(1, 1_002));
		expect(await pacer.beforeCall()).toBeNull();
		expect(clock.sleeps).toEqual([]);
	});

	it('waits until Reset when Remaining reaches the floor, then forgets the old count', async () => {
		const clock = fakeClock(1_000_000);
		const pacer = make(clock);
		pacer.observe(headers(0, 1_002));
		await pacer.beforeCall();
		expect(clock.sleeps).toEqual([1_002_000 - 1_000_000 + RESET_MARGIN_MS]);
		pacer.observe({});
		await pacer.beforeCall();
		expect(clock.sleeps).toHaveLength(1);
		expect(pacer.waitedMs).toBe(2000 + RESET_MARGIN_MS);
	});

	it('keeps the reserve free', async () => {
		const clock = fakeClock(1_000_000);
		const pacer = make(clock, 5);
		pacer.observe(headers(6, 1_001));
		await pacer.beforeCall();
		expect(clock.sleeps).toEqual([]);
		pacer.observe(headers(5, 1_001));
		await pacer.beforeCall();
		expect(clock.sleeps).toEqual([1000 + RESET_MARGIN_MS]);
	});

	it('keeps the batch interval between calls, outside the rate-limit budget', async () => {
		const clock = fakeClock();
		const pacer = make(clock, 0, 300, 0);
		await pacer.beforeCall();
		pacer.observe(headers(50, 2_000));
		clock.advance(100);
		expect(await pacer.beforeCall()).toBeNull();
		expect(clock.sleeps).toEqual([200]);
	});

	it('fails fast, saying when the limit resets, when Reset is further away than Max Wait', async () => {
		const clock = fakeClock(1_000_000);
		const pacer = make(clock, 0, 0, 5000);
		pacer.observe(headers(0, 1_060));
		const refusal = await pacer.beforeCall();
		expect(clock.sleeps).toEqual([]);
		if (refusal === null || refusal === 'cancelled' || 'expiredAfterMs' in refusal)
			throw new Error(`expected a refusal, got ${String(refusal)}`);
		expect(refusal.waitMs).toBe(60_000 + RESET_MARGIN_MS);
		expect(refusal.message).toMatch(/resets at \d\d:\d\d:\d\d UTC \(in 61 s\)/);
	});

	it("waitsEndBy (a poll's budget less its Timeout) bounds every wait from now: a Reset, a 429's back-off, a queued ticket", () => {
		const clock = fakeClock(1_000_000);
		const bounded = new Pacer({ reserve: 0, intervalMs: 0, maxWaitMs: 60_000, waitsEndBy: 1_004_000, sleep: clock.sleep, now: clock.now });
		expect([bounded.canWait(4_000), bounded.canWait(4_001)]).toEqual([true, false]);
		expect(bounded.refuses429(0, 4_001)?.message).toMatch(/\(in 5 s\), later than this call's waits may end \(4000 ms left\)$/);
		expect(bounded.refuses429(0, 4_000)).toBeNull();
		// In the token's queue: its Max Wait left plus its Timeout, but never past waitsEndBy.
		expect(bounded.ticket(8_250).budgetMs?.()).toBe(4_000);
		expect(make(clock, 0, 0, 60_000).ticket(8_250).budgetMs?.()).toBe(68_250);
		clock.advance(5_000);
		expect([bounded.timeLeft(), bounded.canWait(0), bounded.canWait(1)]).toEqual([0, true, false]);
	});

	it('caps the total wait of a run, not each call: the second long wait is refused', async () => {
		const clock = fakeClock(1_000_000);
		const pacer = make(clock, 0, 0, 65_000);
		pacer.observe(headers(0, 1_060));
		expect(await pacer.beforeCall()).toBeNull();
		expect(clock.sleeps).toEqual([60_000 + RESET_MARGIN_MS]);
		pacer.observe(headers(0, 1_120));
		expect(await pacer.beforeCall()).not.toBeNull();
		expect(clock.sleeps).toHaveLength(1);
	});

	it('waits out a 429 until its own Reset, within what is left of the budget', async () => {
		const clock = fakeClock(1_000_000);
		const pacer = make(clock, 0, 0, 65_000);
		expect(await pacer.after429(headers(0, 1_003), 0)).toBeNull();
		expect(clock.sleeps).toEqual([3000 + RESET_MARGIN_MS]);
		expect(await pacer.after429(headers(0, 1_070), 1)).not.toBeNull();
	});

	it('honours Retry-After (seconds or a date) before Reset', async () => {
		const clock = fakeClock(1_000_000);
		const pacer = make(clock);
		await pacer.after429({ ...headers(0, 1_050), 'retry-after': '2' }, 0);
		await pacer.after429({ 'retry-after': new Date(clock.now() + 5000).toUTCString() }, 1);
		expect(clock.sleeps).toEqual([2000, 5000]);
	});

	it('a 429 without headers backs off 1 s, 2 s, 4 s, even after an old answer set a far Reset', async () => {
		const clock = fakeClock(1_000_000);
		const pacer = make(clock);
		pacer.observe(headers(0, 2_000_000));
		for (const attempt of [0, 1, 2]) expect(await pacer.after429({}, attempt)).toBeNull();
		expect(clock.sleeps).toEqual([1000, 2000, 4000]);
		expect(await make(fakeClock(), 0, 0, 500).after429({}, 0)).not.toBeNull();
	});

	it('after a Retry-After wait the old count is forgotten: the next call goes, even if Reset is far', async () => {
		const clock = fakeClock(1_000_000);
		const pacer = make(clock, 0, 0, 5000);
		const answer = { ...headers(0, 1_040), 'retry-after': '1' };
		pacer.observe(answer);
		expect(await pacer.after429(answer, 0)).toBeNull();
		expect(await pacer.beforeCall()).toBeNull();
		expect(clock.sleeps).toEqual([1000]);
	});

	it('reads Retry-After defensively', () => {
		expect(retryAfterMs({ 'retry-after': '1.5' }, 0)).toBe(1500);
		expect(retryAfterMs({ 'retry-after': 'soon' }, 0)).toBeNull();
		expect(retryAfterMs({ 'retry-after': '-3' }, 0)).toBeNull();
		expect(retryAfterMs({}, 0)).toBeNull();
	});
});

describe('readRunOptions', () => {
	it('defaults: combine items, 100 per call, no pause, 65 s wait, no resend', () => {
		expect(readRunOptions({})).toEqual({
			batching: { combineItems: true, batchSize: 100, combineAcrossExecutions: true },
			batchIntervalMs: 0,
			rateLimitMaxWaitMs: 65_000,
			retryOnServerErrors: false,
			reserveRequests: 0,
		});
	});

	it('reads the batching collection', () => {
		expect(
			readRunOptions({ batching: { batch: { combineItems: false, batchSize: 1024, batchInterval: 250 } }, retryOnServerErrors: true }),
		).toMatchObject({
			batching: { combineItems: false, batchSize: 1024 },
			batchIntervalMs: 250,
			retryOnServerErrors: true,
		});
	});

	it.each([
		[{ batching: { batch: { batchSize: 0 } } }, 'Batch Size', /outside 1–1024/],
		[{ batching: { batch: { batchSize: -5 } } }, 'Batch Size', /outside 1–1024/],
		[{ batching: { batch: { batchSize: 5000 } } }, 'Batch Size', /outside 1–1024/],
		[{ batching: { batch: { batchSize: 2.5 } } }, 'Batch Size', /not a whole number/],
		[{ batching: { batch: { batchInterval: -1 } } }, 'Batch Interval', /outside/],
		[{ rateLimitMaxWait: -1 }, 'Max Wait on Rate Limit', /outside/],
		[{ reserveRequests: 100 }, 'Requests to Keep in Reserve', /outside 0–99/],
	])('refuses %p', (options, field, message) => {
		let error: unknown;
		try {
			readRunOptions(options as Record<string, unknown>);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(InputError);
		expect((error as InputError).field).toBe(field);
		expect((error as InputError).message).toMatch(message);
	});
});
