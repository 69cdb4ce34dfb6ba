/**
 * CallSender (transport/rateLimit/send.ts) on a fake clock, with a host whose
 * httpRequestWithAuthentication answers from a script: a 429 is waited out (for
 * Retry-After, else its Reset, else a back-off) and sent again; after a timeout, a
 * dropped connection or a 5xx a write is not sent again unless Retry on Server
 * Errors allows it; reads are sent again (at most SERVER_ERROR_RETRIES times).
 * The waits are counted on the fake clock, never measured.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { CallSender, type Resend } from '../../../../nodes/RyzeApi/transport/rateLimit/send';
import { Pacer } from '../../../../nodes/RyzeApi/transport/rateLimit/pacer';
import { SERVER_ERROR_BACKOFF_MS, SERVER_ERROR_RETRIES } from '../../../../nodes/RyzeApi/transport/rateLimit/failures';
import { MAX_429_RESENDS, RESET_MARGIN_MS } from '../../../../nodes/RyzeApi/transport/rateLimit/window';
import { TRIGGER_MAX_WAIT_MS } from '../../../../nodes/RyzeApi/triggers/connection';
import type { RequestSpec } from '../../../../nodes/RyzeApi/transport/http/request';
import { fakeClock, rateHeaders } from '../../../support/fakeClock';

type Answer = { statusCode: number; headers?: Record<string, string>; body?: unknown } | { throws: Record<string, unknown> };

function setup(script: Answer[], options: { retryOnServerErrors?: boolean; maxWaitMs?: number; start?: number; waitsEndBy?: number } = {}) {
	const clock = fakeClock(options.start ?? 1_700_000_000_000);
	const requests: Array<{ url: string; method: string; at: number }> = [];
	const ctx = {
		helpers: {
			httpRequestWithAuthentication: async (_type: string, request: { url: string; method: string }) => {
				requests.push({ url: request.url, method: request.method, at: clock.now() });
				const next = script[Math.min(requests.length - 1, script.length - 1)];
				if ('throws' in next) throw Object.assign(new Error(String(next.throws.message ?? 'failed')), next.throws);
				return { statusCode: next.statusCode, headers: next.headers ?? {}, body: JSON.stringify(next.body ?? { success: true }) };
			},
		},
	} as unknown as IExecuteFunctions;
	const pacer = new Pacer({
		reserve: 0,
		intervalMs: 0,
		maxWaitMs: options.maxWaitMs ?? 60_000,
		waitsEndBy: options.waitsEndBy,
		sleep: clock.sleep,
		now: clock.now,
	});
	const sender = new CallSender(ctx, 'http://ryze.test', pacer, {
		retryOnServerErrors: options.retryOnServerErrors ?? false,
		sleep: clock.sleep,
	});
	return { clock, requests, sender };
}

const spec: RequestSpec = { method: 'POST', path: '/api/group/participants', body: { action: 'add' }, timeoutMs: 1000 };
const ok = { statusCode: 200, body: { success: true } };
const timeout = { throws: { code: 'ECONNABORTED', message: 'timeout of 1000ms exceeded' } };
const reset = { throws: { code: 'ECONNRESET', message: 'socket hang up' } };
const serverError = { statusCode: 502, body: { success: false, error: 'Bad gateway' } };

describe('CallSender.send: a 429 was not processed, so it is waited out and sent again', () => {
	it('waits what Retry-After asks (3 s, not the 1 s default back-off), then resends', async () => {
		const { clock, requests, sender } = setup([{ statusCode: 429, headers: { 'retry-after': '3' } }, ok]);
		const outcome = await sender.send(spec, 'never');
		expect(outcome.ok).toBe(true);
		expect(requests).toHaveLength(2);
		expect(clock.sleeps).toEqual([3000]);
		expect(requests[1].at - requests[0].at).toBe(3000);
		expect(sender.stats).toEqual({ calls: 2, rateLimited: 1, resent: 1 });
	});

	it('without Retry-After, waits for the 429’s own Reset', async () => {
		const start = 1_700_000_000_000;
		const { clock, requests, sender } = setup([{ statusCode: 429, headers: rateHeaders(0, start / 1000 + 5) }, ok], { start });
		expect((await sender.send(spec, 'never')).ok).toBe(true);
		expect(requests).toHaveLength(2);
		expect(clock.sleeps).toHaveLength(1);
		expect(clock.sleeps[0]).toBeGreaterThanOrEqual(5000);
	});

	it('a Retry-After beyond Max Wait: rate_limited at once, not processed, not sent again, nothing waited', async () => {
		const { clock, requests, sender } = setup([{ statusCode: 429, headers: { 'retry-after': '120' } }, ok], { maxWaitMs: 5000 });
		const outcome = await sender.send(spec, 'always');
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect([outcome.failure.errorCode, outcome.failure.outcomeUnknown, outcome.failure.statusCode]).toEqual(['rate_limited', false, 429]);
		expect(requests).toHaveLength(1);
		expect(clock.sleeps).toEqual([]);
	});

	it('after Remaining 0 with the Reset 60 s away, the next call is refused before sending, naming the reset time', async () => {
		const start = 1_700_000_000_000;
		const { clock, requests, sender } = setup([{ statusCode: 200, headers: rateHeaders(0, start / 1000 + 60) }], {
			maxWaitMs: 5000,
			start,
		});
		expect((await sender.send(spec, 'never')).ok).toBe(true);
		const second = await sender.send(spec, 'never');
		expect(second.ok).toBe(false);
		if (second.ok) return;
		expect([second.failure.errorCode, second.failure.outcomeUnknown, second.failure.statusCode]).toEqual(['rate_limited', false, null]);
		expect(second.failure.message).toMatch(/resets at \d\d:\d\d:\d\d UTC/);
		expect(requests).toHaveLength(1);
		expect(clock.sleeps).toEqual([]);
	});
});

describe('CallSender.send: every 429 costs time, and a call has a cap on its 429 resends (issue 21 finding 1)', () => {
	/** A server that keeps answering 429 (`times` times, then 200: a test never spins forever). */
	const stubborn = (headers: () => Record<string, string>, times = 200): Answer[] => [
		...Array.from({ length: times }, () => ({ statusCode: 429, headers: headers() })),
		ok,
	];

	it('Retry-After: 0 is not "at once": with Max Wait 2 s the call gives up after 2 sends, having waited 1 s', async () => {
		const { clock, requests, sender } = setup(
			stubborn(() => ({ 'retry-after': '0' })),
			{ maxWaitMs: 2000 },
		);
		const outcome = await sender.send(spec, 'never');
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect([outcome.failure.errorCode, outcome.failure.statusCode, outcome.failure.outcomeUnknown]).toEqual(['rate_limited', 429, false]);
		// Before: 4,453 sends in 10 s, never ending (a zero wait cost nothing from Max Wait).
		expect(requests).toHaveLength(2);
		expect(clock.sleeps).toEqual([1000]);
		expect(sender.pacer.waitedMs).toBeLessThanOrEqual(2000);
	});

	it('a 429 whose Reset has just passed backs off 1 s, 2 s, 4 s … instead of resending every 50 ms', async () => {
		const start = 1_700_000_000_000;
		const { clock, requests, sender } = setup(
			stubborn(() => rateHeaders(0, Math.floor(start / 1000) - 1)),
			{ start, maxWaitMs: 7_000 },
		);
		expect((await sender.send(spec, 'never')).ok).toBe(false);
		expect(clock.sleeps).toEqual([1000, 2000, 4000]);
		expect(requests).toHaveLength(4);
	});

	it('with a Max Wait that would allow more, a call is sent again after a 429 at most MAX_429_RESENDS times', async () => {
		const { requests, sender } = setup(
			stubborn(() => ({ 'retry-after': '0' })),
			{ maxWaitMs: 600_000 },
		);
		const outcome = await sender.send(spec, 'always');
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(requests).toHaveLength(1 + MAX_429_RESENDS);
		expect(outcome.failure.errorCode).toBe('rate_limited');
		expect(outcome.failure.message).toContain(`${MAX_429_RESENDS + 1} times in a row`);
		expect(sender.stats).toEqual({ calls: 1 + MAX_429_RESENDS, rateLimited: 1 + MAX_429_RESENDS, resent: MAX_429_RESENDS });
	});

	it(`a trigger's read (resend always, Max Wait ${TRIGGER_MAX_WAIT_MS} ms) against 429 + Retry-After: 0 ends, within its budget`, async () => {
		const { clock, requests, sender } = setup(
			stubborn(() => ({ 'retry-after': '0' })),
			{ maxWaitMs: TRIGGER_MAX_WAIT_MS },
		);
		const outcome = await sender.send({ ...spec, method: 'GET', body: undefined }, 'always');
		expect(outcome.ok).toBe(false);
		expect(requests.length).toBeLessThanOrEqual(1 + MAX_429_RESENDS);
		expect(clock.sleeps.every((ms) => ms >= 1000)).toBe(true);
		expect(clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(TRIGGER_MAX_WAIT_MS);
	});
});

describe('CallSender.send: one answer cannot hold a token for longer than two documented windows (issue 21 finding 2)', () => {
	const start = 1_700_000_000_000;
	const farReset = rateHeaders(0, start / 1000 + 23 * 3600);

	it('after Remaining 0 with a Reset 23 h ahead, the next call waits at most 2 minutes, then goes and learns the window', async () => {
		const fresh = { statusCode: 200, headers: rateHeaders(99, start / 1000 + 180), body: { success: true } };
		const { clock, requests, sender } = setup([{ statusCode: 200, headers: farReset }, fresh, fresh], { start, maxWaitMs: 130_000 });
		expect((await sender.send(spec, 'never')).ok).toBe(true);
		// Before: refused without sending, "in 82800 s", for 23 hours.
		expect((await sender.send(spec, 'never')).ok).toBe(true);
		expect(clock.sleeps).toEqual([120_000 + RESET_MARGIN_MS]);
		// The fresh answer corrected the state: the next call goes at once.
		expect((await sender.send(spec, 'never')).ok).toBe(true);
		expect(clock.sleeps).toHaveLength(1);
		expect(requests).toHaveLength(3);
	});

	it('a run whose Max Wait is shorter is refused naming a reset at most 2 minutes away, not 23 hours', async () => {
		const { sender } = setup([{ statusCode: 200, headers: farReset }], { start, maxWaitMs: 65_000 });
		await sender.send(spec, 'never');
		const refused = await sender.send(spec, 'never');
		expect(refused.ok).toBe(false);
		if (refused.ok) return;
		expect(refused.failure.message).toContain('(in 121 s)');
	});

	it('a 429 with a Reset 23 h ahead is waited out for at most 2 minutes (when Max Wait allows it)', async () => {
		const { clock, requests, sender } = setup([{ statusCode: 429, headers: farReset }, ok], { start, maxWaitMs: 130_000 });
		expect((await sender.send(spec, 'never')).ok).toBe(true);
		expect(clock.sleeps).toEqual([120_000 + RESET_MARGIN_MS]);
		expect(requests).toHaveLength(2);
	});
});

describe('CallSender.send: an outcome that may have been processed', () => {
	it.each([
		['a timeout', timeout, 'timeout'],
		['a dropped connection', reset, 'network'],
		['a 5xx', serverError, 'server_error'],
	])('%s: a write (optIn, Retry on Server Errors off) is not sent again', async (_name, answer, code) => {
		const { clock, requests, sender } = setup([answer, ok]);
		const outcome = await sender.send(spec, 'optIn');
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect([outcome.failure.errorCode, outcome.failure.outcomeUnknown]).toEqual([code, true]);
		expect(requests).toHaveLength(1);
		expect(clock.sleeps).toEqual([]);
		expect(sender.stats.resent).toBe(0);
	});

	it('`never` is never sent again, even with Retry on Server Errors on', async () => {
		const { requests, sender } = setup([serverError, ok], { retryOnServerErrors: true });
		expect((await sender.send(spec, 'never')).ok).toBe(false);
		expect(requests).toHaveLength(1);
	});

	it('a write with Retry on Server Errors on is sent again after a growing back-off, then succeeds', async () => {
		const { clock, requests, sender } = setup([serverError, timeout, ok], { retryOnServerErrors: true });
		expect((await sender.send(spec, 'optIn')).ok).toBe(true);
		expect(requests).toHaveLength(3);
		expect(clock.sleeps).toEqual([SERVER_ERROR_BACKOFF_MS, 2 * SERVER_ERROR_BACKOFF_MS]);
		expect(sender.stats).toEqual({ calls: 3, rateLimited: 0, resent: 2 });
	});

	it(`a read is sent again at most ${SERVER_ERROR_RETRIES} times, then the last failure is returned`, async () => {
		const { clock, requests, sender } = setup([timeout]);
		const outcome = await sender.send({ ...spec, method: 'GET', body: undefined }, 'always');
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.failure.errorCode).toBe('timeout');
		expect(requests).toHaveLength(1 + SERVER_ERROR_RETRIES);
		expect(clock.sleeps).toEqual([SERVER_ERROR_BACKOFF_MS, 2 * SERVER_ERROR_BACKOFF_MS]);
	});

	it.each<[string, Resend]>([
		['always', 'always'],
		['optIn', 'optIn'],
	])('a refused connection (certainly not processed) is not sent again (%s)', async (_name, resend) => {
		const { requests, sender } = setup([{ throws: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' } }, ok], {
			retryOnServerErrors: true,
		});
		const outcome = await sender.send(spec, resend);
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect([outcome.failure.errorCode, outcome.failure.outcomeUnknown]).toEqual(['network', false]);
		expect(requests).toHaveLength(1);
	});

	it('a 4xx other than 429 is final: not sent again', async () => {
		const { requests, sender } = setup([{ statusCode: 403, body: { success: false, error: 'Forbidden' } }, ok], {
			retryOnServerErrors: true,
		});
		const outcome = await sender.send(spec, 'always');
		expect(outcome.ok).toBe(false);
		expect(requests).toHaveLength(1);
	});
});

describe("CallSender.send: no wait ends past the caller's waitsEndBy (a poll's budget less its Timeout, issue 21)", () => {
	const start = 1_700_000_000_000;
	const read = { ...spec, method: 'GET' as const, body: undefined };

	it('429 back-offs (1 s floor, doubling) are waited only while they end by it, though Max Wait would allow more', async () => {
		const { clock, requests, sender } = setup([{ statusCode: 429, headers: { 'retry-after': '0' } }], {
			start,
			maxWaitMs: 60_000,
			waitsEndBy: start + 5_000,
		});
		const outcome = await sender.send(read, 'always');
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		// 1 s ends at +1 s, 2 s at +3 s; 4 s would end at +7 s.
		expect(clock.sleeps).toEqual([1000, 2000]);
		expect(requests).toHaveLength(3);
		expect(outcome.failure.errorCode).toBe('rate_limited');
		expect(outcome.failure.message).toContain("(in 4 s), later than this call's waits may end (2000 ms left)");
	});

	it('a resend after a timeout is not sent when its back-off would end past it: the timeout stands', async () => {
		const { clock, requests, sender } = setup([timeout], { start, waitsEndBy: start + 2_500 });
		const outcome = await sender.send(read, 'always');
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect([outcome.failure.errorCode, outcome.failure.outcomeUnknown]).toEqual(['timeout', true]);
		// 1 s ends at +1 s; the 2 s back-off would end at +3 s.
		expect(clock.sleeps).toEqual([SERVER_ERROR_BACKOFF_MS]);
		expect(requests).toHaveLength(2);
		expect(sender.stats.resent).toBe(1);
	});

	it('a Reset further than it is refused before sending, naming it', async () => {
		const { clock, requests, sender } = setup([{ statusCode: 200, headers: rateHeaders(0, start / 1000 + 10) }], {
			start,
			waitsEndBy: start + 5_000,
		});
		expect((await sender.send(read, 'always')).ok).toBe(true);
		const refused = await sender.send(read, 'always');
		expect(refused.ok).toBe(false);
		if (refused.ok) return;
		expect(refused.failure.errorCode).toBe('rate_limited');
		expect(refused.failure.message).toContain("later than this call's waits may end (5000 ms left)");
		expect(clock.sleeps).toEqual([]);
		expect(requests).toHaveLength(1);
	});
});

describe('CallSender.send: a stopped execution', () => {
	it('sends nothing once stopped', async () => {
		const clock = fakeClock();
		const stop = new AbortController();
		stop.abort();
		let sent = 0;
		const ctx = {
			helpers: {
				httpRequestWithAuthentication: async () => {
					sent++;
					return { statusCode: 200, headers: {}, body: '{}' };
				},
			},
		} as unknown as IExecuteFunctions;
		const pacer = new Pacer({ reserve: 0, intervalMs: 0, maxWaitMs: 60_000, sleep: clock.sleep, now: clock.now, signal: stop.signal });
		const sender = new CallSender(ctx, 'http://ryze.test', pacer, {
			retryOnServerErrors: true,
			sleep: clock.sleep,
		});
		const outcome = await sender.send(spec, 'always');
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect([outcome.failure.errorCode, outcome.failure.outcomeUnknown]).toEqual(['network', false]);
		expect(sent).toBe(0);
	});
});
