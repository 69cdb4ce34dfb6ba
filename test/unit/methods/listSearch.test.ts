/**
 * A picker's call (methods/listSearch.ts, issue 22 point 2) on a virtual clock:
 * it goes through the token's lane like every other call — a 429 waited out
 * within the picker's short Max Wait, a read resent after an unknown outcome —
 * and the whole search answers within LIST_SEARCH_BOUND_MS, after which nothing
 * more is sent. Waits are counted on the clock, never measured.
 */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import {
	LIST_SEARCH_BOUND_MS,
	LIST_SEARCH_MAX_WAIT_MS,
	LIST_SEARCH_TIMEOUT_MS,
	pickerCall,
} from '../../../nodes/RyzeApi/methods/listSearch';
import { lanes } from '../../../nodes/RyzeApi/transport/rateLimit/lanes';
import { virtualClock } from '../../support/fakeClock';

type Answer = { statusCode: number; headers?: Record<string, string>; body?: unknown } | 'hang';

let lane = 0;
function setup(script: Answer[]) {
	const clock = virtualClock(1_700_000_000_000);
	const sent: number[] = [];
	const reply = (answer: Exclude<Answer, 'hang'>) => ({
		statusCode: answer.statusCode,
		headers: answer.headers ?? {},
		body: JSON.stringify(answer.body ?? { instances: [] }),
	});
	/** Answers the request left hanging, when the test says so. */
	let release: (answer: Exclude<Answer, 'hang'>) => void = () => {};
	const ctx = {
		helpers: {
			httpRequestWithAuthentication: async () => {
				sent.push(clock.now());
				const next = script[Math.min(sent.length - 1, script.length - 1)];
				if (next !== 'hang') return reply(next);
				return await new Promise((resolve) => (release = (answer) => resolve(reply(answer))));
			},
		},
	} as unknown as ILoadOptionsFunctions;
	// A lane of its own per test: the process's lanes keyed by a Base URL no other test uses.
	const conn = { baseUrl: `http://picker-${++lane}.test`, laneKey: lanes.key(`http://picker-${lane}.test`, 'picker-token') };
	const call = () =>
		clock.run(pickerCall(ctx, conn, { method: 'GET', path: '/api/instance/list', timeoutMs: LIST_SEARCH_TIMEOUT_MS }, clock));
	return { clock, sent, call, release: (answer: Exclude<Answer, 'hang'>) => release(answer) };
}

const ok = { statusCode: 200, body: { instances: [] } };

describe('pickerCall: one search on the token lane, within a picker-sized bound', () => {
	it('waits out a 429 whose Retry-After fits the picker Max Wait, then sends again', async () => {
		const { sent, call } = setup([{ statusCode: 429, headers: { 'retry-after': '3' } }, ok]);
		expect((await call()).ok).toBe(true);
		expect(sent.map((at) => at - sent[0])).toEqual([0, 3000]);
	});

	it('refuses a 429 whose Retry-After is past the picker Max Wait, at once, sending nothing more', async () => {
		const { sent, call } = setup([{ statusCode: 429, headers: { 'retry-after': String(LIST_SEARCH_MAX_WAIT_MS / 1000 + 1) } }, ok]);
		const outcome = await call();
		expect(outcome.ok ? null : outcome.failure.errorCode).toBe('rate_limited');
		expect(sent).toHaveLength(1);
	});

	it('resends a read after a 502 (its outcome unknown)', async () => {
		const { sent, call } = setup([{ statusCode: 502 }, ok]);
		expect((await call()).ok).toBe(true);
		expect(sent).toHaveLength(2);
	});

	it('answers at LIST_SEARCH_BOUND_MS when RyzeAPI does not, and sends nothing for the search after it', async () => {
		const { clock, sent, call, release } = setup(['hang', ok]);
		const start = clock.now();
		const outcome = await call();
		expect(outcome.ok ? null : outcome.failure).toMatchObject({
			errorCode: 'timeout',
			message: `RyzeAPI did not answer within ${LIST_SEARCH_BOUND_MS} ms`,
		});
		expect(clock.now() - start).toBe(LIST_SEARCH_BOUND_MS);
		// The call in flight ends (here with a 502, which a read would resend after a back-off): no resend goes out.
		release({ statusCode: 502 });
		await clock.run(clock.sleep(60_000));
		expect(sent).toHaveLength(1);
	});

	it('counts rate-limit waits and resends inside the bound', async () => {
		// 502 (resent after 1 s), a 429 asking for the whole Max Wait, then no answer: the bound still holds.
		const { clock, sent, call } = setup([{ statusCode: 502 }, { statusCode: 429, headers: { 'retry-after': '5' } }, 'hang']);
		const start = clock.now();
		const outcome = await call();
		expect(outcome.ok ? null : outcome.failure.errorCode).toBe('timeout');
		expect(sent.map((at) => at - start)).toEqual([0, 1000, 1000 + LIST_SEARCH_MAX_WAIT_MS]);
		expect(clock.now() - start).toBe(LIST_SEARCH_BOUND_MS);
	});
});
