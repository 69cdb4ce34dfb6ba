/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The coordinator's watchdog (issue 15): under random faults (slow, hanging or
 * throwing sends, 4xx/5xx/429, malformed or far-future rate-limit headers, stops
 * at random times), no submission stays unresolved longer than its Timeout plus
 * Max Wait on Rate Limit plus a small margin (a Timeout per attempt, as alone: a
 * resend after a 429 or a 5xx gets its own), every one resolves exactly once,
 * and nothing is left as an unhandled rejection. All on a virtual clock: the
 * bound is checked in virtual time, never against the wall clock.
 *
 * WATCHDOG_RUNS=n runs more cases; WATCHDOG_LOG=file keeps the last case tried
 * (a case that never returns, e.g. a busy loop, leaves it behind);
 * WATCHDOG_REPLAY=file runs that case alone.
 */
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'fs';

import type { Participant } from '../../nodes/RyzeApi/helpers/participants';
import type { ApiOutcome, Headers, RequestSpec } from '../../nodes/RyzeApi/transport/http/request';
import {
	ParticipantBatcher,
	type BatchEntry,
	type EntryResult,
} from '../../nodes/RyzeApi/actions/group/manageParticipants/combine/batcher';
import { SERVER_ERROR_BACKOFF_MS, SERVER_ERROR_RETRIES } from '../../nodes/RyzeApi/transport/rateLimit/failures';
import { TokenLane } from '../../nodes/RyzeApi/transport/rateLimit/lane';
import { Pacer } from '../../nodes/RyzeApi/transport/rateLimit/pacer';
import { virtualClock } from '../support/fakeClock';

/** What the watchdog allows past Timeout + Max Wait: a few turns of the event loop, no virtual time. */
const MARGIN_MS = 0;

const headers = fc.oneof(
	fc.constant<Headers>({}),
	fc.constant<Headers>({ 'content-type': 'application/json' }),
	fc.record({
		'x-ratelimit-remaining': fc.oneof(fc.constant('0'), fc.constant('5'), fc.constant('-1'), fc.constant('NaN'), fc.constant('1e400')),
		'x-ratelimit-reset': fc.oneof(
			fc.constant('99999999999999999'),
			fc.constant('4102444800'),
			fc.constant('garbage'),
			fc.constant('1000'),
			fc.integer({ min: 1_000, max: 1_200 }).map(String),
		),
	}),
	fc.record({
		'retry-after': fc.oneof(fc.constant('2'), fc.constant('-3'), fc.constant('Infinity'), fc.constant('Wed, 21 Oct 2099 07:28:00 GMT')),
	}),
);

const reply = fc.record({
	latencyMs: fc.integer({ min: 0, max: 8_000 }),
	kind: fc.constantFrom('ok', 'status', 'hang', 'throw', 'unknown'),
	status: fc.constantFrom(400, 403, 409, 413, 422, 429, 500, 503),
	headers,
});

const submission = fc.record({
	arrivesAtMs: fc.integer({ min: 0, max: 3_000 }),
	timeoutMs: fc.integer({ min: 1, max: 6_000 }),
	maxWaitMs: fc.integer({ min: 0, max: 6_000 }),
	stopAtMs: fc.option(fc.integer({ min: 0, max: 8_000 }), { nil: undefined }),
	action: fc.constantFrom('add', 'remove'),
	people: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }),
	mayResend: fc.boolean(),
});

const person = (n: number): Participant => {
	const value = `55119000000${String(n).padStart(2, '0')}`;
	return { input: value, value, kind: 'phone', key: value };
};

describe('watchdog: nothing in the coordinator outlives Timeout + Max Wait', () => {
	it('every submission resolves once, within its own bound, under random faults', async () => {
		const unhandled: unknown[] = [];
		const onUnhandled = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', onUnhandled);
		try {
			const replay = process.env.WATCHDOG_REPLAY;
			await fc.assert(
				fc.asyncProperty(
					fc.array(submission, { minLength: 1, maxLength: 8 }),
					fc.array(reply, { minLength: 1, maxLength: 12 }),
					async (subs, replies) => {
						if (process.env.WATCHDOG_LOG) writeFileSync(process.env.WATCHDOG_LOG, JSON.stringify({ subs, replies }));
						const clock = virtualClock(1_000_000);
						const lane = new TokenLane(clock);
						const batcher = new ParticipantBatcher(lane, clock);
						let call = 0;
						const send = async (spec: RequestSpec): Promise<ApiOutcome> => {
							const next = replies[call++ % replies.length];
							await clock.sleep(next.latencyMs);
							if (next.kind === 'hang') return await new Promise<ApiOutcome>(() => {});
							if (next.kind === 'throw') throw new RangeError('Invalid time value');
							if (next.kind === 'unknown')
								return {
									ok: false,
									failure: { errorCode: 'timeout', message: 'x', description: 'y', statusCode: null, outcomeUnknown: true },
									headers: next.headers,
								};
							if (next.kind === 'status')
								return {
									ok: false,
									failure: {
										errorCode: 'unknown',
										message: `HTTP ${next.status}`,
										description: '',
										statusCode: next.status,
										outcomeUnknown: next.status >= 500,
									},
									headers: next.headers,
								};
							const body = spec.body as { participants: string[] };
							return {
								ok: true,
								statusCode: 200,
								headers: next.headers,
								body: { participants: body.participants.map((jid) => ({ jid, success: true })) },
							};
						};
						const resolved: Array<{ at: number; bound: number; count: number }> = [];
						const runs = subs.map(async (sub, index) => {
							await clock.sleep(sub.arrivesAtMs);
							const stop = new AbortController();
							if (sub.stopAtMs !== undefined) void clock.sleep(sub.stopAtMs).then(() => stop.abort());
							const start = clock.now();
							const pacer = new Pacer(
								{ reserve: 0, intervalMs: 0, maxWaitMs: sub.maxWaitMs, sleep: clock.sleep, now: clock.now, signal: stop.signal },
								lane,
							);
							resolved[index] = { at: -1, bound: 0, count: 0 };
							const stats = { calls: 0, rateLimited: 0, resent: 0 };
							const entry: BatchEntry = {
								participants: sub.people.map(person),
								timeoutMs: sub.timeoutMs,
								batchSize: 4,
								mayResend: sub.mayResend,
								pacer,
								send,
								stats,
							};
							const result: EntryResult = await batcher.submit(
								{ path: '/api/group/participants/sandbox', group: 'g@g.us', action: sub.action },
								entry,
							);
							// Each attempt (after a 429, a 5xx with Retry on Server Errors, a split) has its own Timeout, as alone.
							const attempts = 1 + stats.resent + (entry.solo === true ? 1 : 0);
							const backoffs = (attempts - 1) * SERVER_ERROR_BACKOFF_MS * SERVER_ERROR_RETRIES;
							resolved[index].bound = attempts * sub.timeoutMs + sub.maxWaitMs + backoffs + MARGIN_MS;
							resolved[index].count++;
							resolved[index].at = clock.now() - start;
							expect(typeof result.ok).toBe('boolean');
						});
						await clock.run(Promise.all(runs), 24 * 3_600_000);
						for (const entry of resolved) {
							expect(entry.count).toBe(1);
							expect(entry.at).toBeLessThanOrEqual(entry.bound);
						}
					},
				),
				replay
					? { numRuns: 1, examples: [Object.values(JSON.parse(readFileSync(replay, 'utf8')))] as never }
					: { numRuns: Number(process.env.WATCHDOG_RUNS ?? 150), endOnFailure: true },
			);
			await new Promise((resolve) => setImmediate(resolve));
			expect(unhandled).toEqual([]);
		} finally {
			process.off('unhandledRejection', onUnhandled);
		}
	});
});
