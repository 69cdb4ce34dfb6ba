/**
 * How one poll keeps n8n's poll budget. From n8n 2.37 the durable scheduler
 * abandons a poll after N8N_SCHEDULER_POLL_TIMEOUT (45 s by default): nothing is
 * emitted, the state is not saved, and n8n counts a failure. Newer versions say
 * how long a poll may take (`getPollBudgetMs()`: 2.41.1 gives the durable
 * scheduler's polls 45 s less a margin, 36 s; its other polls 5 minutes). Where
 * the context has no such method, the poll keeps to DEFAULT_POLL_BUDGET_MS.
 *
 * The call is sized to fit: the rate-limit wait (W) plus every send the transport
 * may make of a read (one, then SERVER_ERROR_RETRIES resends after an unknown
 * outcome, each within its Timeout T) plus their back-offs. And no wait of the
 * call (the token's queue, a Reset, a 429's back-off of at least 1 s, a resend's
 * back-off) may end later than the budget's end less T, so that the send after
 * it still ends within the budget: a wait that would is not begun, and the poll
 * ends without emitting, so the state is left as it was.
 */
import type { IPollFunctions } from 'n8n-workflow';

import { READ_TIMEOUT_MS } from '../../helpers/validation';
import { SERVER_ERROR_BACKOFF_MS, SERVER_ERROR_RETRIES } from '../../transport/rateLimit/failures';

/** The budget where n8n gives none: under the 45 s after which n8n 2.37+ abandons a poll. */
const DEFAULT_POLL_BUDGET_MS = 40_000;
/** The most a poll waits for the rate limit, however large its budget: what every trigger call waited before budgets. */
const MAX_RATE_LIMIT_WAIT_MS = 60_000;
/** A Timeout shorter than this is no call: the poll ends at once. */
const MIN_CALL_TIMEOUT_MS = 1_000;
/** Sends of one read: the first and the resends after an unknown outcome (transport/rateLimit/send.ts). */
const SENDS = 1 + SERVER_ERROR_RETRIES;
/** The resends' back-offs: 1 s, then 2 s. */
const BACKOFFS_MS = Array.from({ length: SERVER_ERROR_RETRIES }, (_, i) => SERVER_ERROR_BACKOFF_MS * (i + 1)).reduce((a, b) => a + b, 0);

/** What this poll may take, and how a log line names it. */
export interface PollBudget {
	ms: number;
	/** "n8n's poll budget (36000 ms)", "the poll budget of 40000 ms (n8n sets none)". */
	label: string;
}

/** What n8n lets this poll take: getPollBudgetMs() when the context has it and it answers a number, else 40 s. */
export function pollBudget(ctx: IPollFunctions): PollBudget {
	const read = (ctx as { getPollBudgetMs?: unknown }).getPollBudgetMs;
	if (typeof read === 'function') {
		try {
			const value: unknown = read.call(ctx);
			if (typeof value === 'number' && Number.isFinite(value)) {
				const ms = Math.max(0, value);
				return { ms, label: `n8n's poll budget (${ms} ms)` };
			}
		} catch {
			// A host whose method throws gives no budget.
		}
	}
	return { ms: DEFAULT_POLL_BUDGET_MS, label: `the poll budget of ${DEFAULT_POLL_BUDGET_MS} ms (n8n sets none)` };
}

export interface CallPlan {
	/** Each send's Timeout. */
	timeoutMs: number;
	/** All the rate-limit waiting of the call. */
	maxWaitMs: number;
}

/**
 * The call that fits `budgetMs`: W + SENDS × T + back-offs ≤ budget, with W = T
 * until T reaches READ_TIMEOUT_MS (30 s) and W MAX_RATE_LIMIT_WAIT_MS (60 s), the
 * bounds of a poll before budgets. 36 s: T = W = 8.25 s; 40 s: 9.25 s. Null when
 * T would be under MIN_CALL_TIMEOUT_MS (a budget under 7 s).
 */
export function planCall(budgetMs: number): CallPlan | null {
	const spare = budgetMs - BACKOFFS_MS;
	const timeoutMs = Math.min(READ_TIMEOUT_MS, Math.floor(spare / (SENDS + 1)));
	if (!(timeoutMs >= MIN_CALL_TIMEOUT_MS)) return null;
	return { timeoutMs, maxWaitMs: Math.min(MAX_RATE_LIMIT_WAIT_MS, spare - SENDS * timeoutMs) };
}

/**
 * The poll's context, counting the requests sent through it, so that the poll can
 * tell a call never sent (the token's queue took its time) from one that failed.
 */
export function countingSends(ctx: IPollFunctions): { ctx: IPollFunctions; sent: () => number } {
	let sent = 0;
	const send = ctx.helpers.httpRequestWithAuthentication;
	const helpers = new Proxy(ctx.helpers, {
		get(target, property) {
			if (property !== 'httpRequestWithAuthentication') return Reflect.get(target, property, target) as unknown;
			return async (...args: unknown[]) => {
				sent++;
				// On the real context, as the transport calls it: n8n-core reads its cancel signal from `this`.
				return await (send as (...args: unknown[]) => Promise<unknown>).call(ctx, ...args);
			};
		},
	});
	const counted = new Proxy(ctx, {
		get(target, property) {
			if (property === 'helpers') return helpers;
			const value = Reflect.get(target, property, target) as unknown;
			// Methods run on the real context (it may keep private state).
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
	return { ctx: counted, sent: () => sent };
}
