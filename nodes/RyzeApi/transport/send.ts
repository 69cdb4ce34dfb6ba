/**
 * Sends one call under the run's policy: paced by the rate limit, a 429 waited
 * out and resent (it was not processed), and — because the endpoint is not
 * idempotent — no resend after a timeout, a dropped connection or a 5xx unless
 * the user opted in.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { type ApiOutcome, type RequestSpec, ryzeApiRequest } from './index';
import type { RateLimitPacer } from './rateLimit';

export interface SendPolicy {
	/** Longest total wait for one call's 429s before giving up on it. */
	rateLimitMaxWaitMs: number;
	/** Resend after a timeout, a dropped connection or a 5xx (risk: a double send). */
	retryOnServerErrors: boolean;
}

export interface SendStats {
	calls: number;
	rateLimited: number;
	resent: number;
}

export const SERVER_ERROR_RETRIES = 2;
const SERVER_ERROR_BACKOFF_MS = 1000;

function mayHaveBeenProcessed(outcome: ApiOutcome): boolean {
	if (!outcome.ok) return outcome.failure.outcomeUnknown;
	return outcome.response.statusCode >= 500;
}

export async function sendCall(
	ctx: IExecuteFunctions,
	baseUrl: string,
	spec: RequestSpec,
	pacer: RateLimitPacer,
	policy: SendPolicy,
	stats: SendStats,
): Promise<ApiOutcome> {
	let waitedFor429 = 0;
	let rateLimitedAttempts = 0;
	let serverErrorRetries = 0;
	for (;;) {
		await pacer.beforeCall();
		stats.calls++;
		const outcome = await ryzeApiRequest(ctx, baseUrl, spec);
		if (outcome.ok) pacer.observe(outcome.response.headers);

		if (outcome.ok && outcome.response.statusCode === 429) {
			stats.rateLimited++;
			const wait = pacer.retryAfter429(rateLimitedAttempts++, waitedFor429, policy.rateLimitMaxWaitMs);
			if (wait === null) return outcome;
			waitedFor429 += wait;
			stats.resent++;
			await pacer.wait(wait);
			continue;
		}
		if (policy.retryOnServerErrors && mayHaveBeenProcessed(outcome) && serverErrorRetries < SERVER_ERROR_RETRIES) {
			serverErrorRetries++;
			stats.resent++;
			await pacer.wait(SERVER_ERROR_BACKOFF_MS * serverErrorRetries);
			continue;
		}
		return outcome;
	}
}

/** One run's sender: every call of the run shares the token's rate-limit budget. */
export class CallSender {
	readonly pacer: RateLimitPacer;
	readonly stats: SendStats = { calls: 0, rateLimited: 0, resent: 0 };

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly baseUrl: string,
		pacer: RateLimitPacer,
		private readonly policy: SendPolicy,
	) {
		this.pacer = pacer;
	}

	/**
	 * `idempotent` calls (reads) are resent after a timeout or a 5xx, since doing
	 * them twice changes nothing; writes follow the user's Retry on Server Errors.
	 */
	async send(spec: RequestSpec, idempotent: boolean): Promise<ApiOutcome> {
		const policy = idempotent ? { ...this.policy, retryOnServerErrors: true } : this.policy;
		return await sendCall(this.ctx, this.baseUrl, spec, this.pacer, policy, this.stats);
	}
}
