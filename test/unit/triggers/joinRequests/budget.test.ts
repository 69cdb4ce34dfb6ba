/** What n8n lets a poll take (getPollBudgetMs, else 40 s), and the call sized to fit it (triggers/joinRequests/budget.ts). */
import type { IPollFunctions } from 'n8n-workflow';

import { planCall, pollBudget } from '../../../../nodes/RyzeApi/triggers/joinRequests/budget';
import { SERVER_ERROR_BACKOFF_MS, SERVER_ERROR_RETRIES } from '../../../../nodes/RyzeApi/transport/rateLimit/failures';

const withBudget = (getPollBudgetMs?: unknown) => (getPollBudgetMs === undefined ? {} : { getPollBudgetMs }) as unknown as IPollFunctions;

describe('pollBudget', () => {
	it("is n8n's getPollBudgetMs() when the poll context has it (n8n 2.41.1's durable scheduler: 36 s)", () => {
		expect(pollBudget(withBudget(() => 36_000))).toEqual({ ms: 36_000, label: "n8n's poll budget (36000 ms)" });
		expect(pollBudget(withBudget(() => -5))).toEqual({ ms: 0, label: "n8n's poll budget (0 ms)" });
	});

	it('is 40 s, under the 45 s after which n8n 2.37+ abandons a poll, when n8n gives none or nothing readable', () => {
		const none = { ms: 40_000, label: 'the poll budget of 40000 ms (n8n sets none)' };
		expect(pollBudget(withBudget())).toEqual(none);
		for (const answer of [NaN, Infinity, '36000', null, undefined]) expect(pollBudget(withBudget(() => answer))).toEqual(none);
		expect(
			pollBudget(
				withBudget(() => {
					throw new Error('no budget');
				}),
			),
		).toEqual(none);
		expect(pollBudget(withBudget(36_000))).toEqual(none);
	});
});

describe('planCall: the rate-limit wait, every send with its Timeout, and the back-offs fit the budget', () => {
	const sends = 1 + SERVER_ERROR_RETRIES;
	const backoffs = SERVER_ERROR_BACKOFF_MS * ((SERVER_ERROR_RETRIES * (SERVER_ERROR_RETRIES + 1)) / 2);

	it.each([
		[36_000, { timeoutMs: 8_250, maxWaitMs: 8_250 }],
		[40_000, { timeoutMs: 9_250, maxWaitMs: 9_250 }],
		// n8n 2.41.1's polls outside the durable scheduler: 5 minutes, so the bounds of before (30 s, 60 s).
		[300_000, { timeoutMs: 30_000, maxWaitMs: 60_000 }],
		[7_000, { timeoutMs: 1_000, maxWaitMs: 1_000 }],
	])('%i ms → %j', (budget, plan) => {
		expect(planCall(budget)).toEqual(plan);
	});

	it('plans no call when the Timeout would be under 1 s', () => {
		for (const budget of [6_999, 0, -1, NaN]) expect(planCall(budget)).toBeNull();
	});

	it('never plans more than the budget, for every budget from 7 s to 10 minutes', () => {
		for (let budget = 7_000; budget <= 600_000; budget += 997) {
			const plan = planCall(budget)!;
			expect(plan.maxWaitMs + sends * plan.timeoutMs + backoffs).toBeLessThanOrEqual(budget);
			expect(plan.timeoutMs).toBeGreaterThanOrEqual(1_000);
			expect(plan.timeoutMs).toBeLessThanOrEqual(30_000);
			expect(plan.maxWaitMs).toBeGreaterThanOrEqual(0);
			expect(plan.maxWaitMs).toBeLessThanOrEqual(60_000);
		}
	});
});
