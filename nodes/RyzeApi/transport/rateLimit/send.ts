/**
 * Where every call to RyzeAPI enters: `CallSender` sends one call under the
 * run's policy — paced by the rate limit, a 429 waited out and resent (it was not
 * processed), and, because writes are not idempotent, no resend after an outcome
 * that may have been processed (timeout, dropped connection, 5xx) unless the
 * call's resend rule allows it.
 *
 * What concurrent executions share. A CRM calls its webhook once per contact, so
 * a burst of 300 won deals is 300 executions with one item each, all on one
 * token's 100 calls per minute. Alone, each would pace itself and they would all
 * hit the limit together. So there is one `TokenLane` per token (registry.ts:
 * Base URL + an HMAC of the token under a random per-process secret; the token
 * itself is never a key): one rate-limit state (window.ts) and one FIFO queue
 * (lane.ts), on which each run's `Pacer` (pacer.ts) waits within its own Max
 * Wait and Timeout. A feature may attach per-lane state of its own (an
 * operation that merges concurrent executions' calls, for one: registry.ts).
 */
import type { IExecuteFunctions, IHookFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import { queueTimeoutFailure, rateLimitFailure, SERVER_ERROR_BACKOFF_MS, SERVER_ERROR_RETRIES, stoppedFailure } from './failures';
import { type ApiOutcome, detachedContext, type RequestSpec, ryzeApiRequest } from '../http/request';
import type { Pacer, RateLimitRefusal } from './pacer';

/**
 * When a call whose outcome is unknown may be sent again:
 * - `always`: reads (doing them twice changes nothing);
 * - `optIn`: writes that are harmless to repeat, only with Retry on Server Errors;
 * - `never`: calls where a second send does harm (resetLink makes a new code each time).
 */
export type Resend = 'always' | 'optIn' | 'never';

export interface SendStats {
	calls: number;
	rateLimited: number;
	resent: number;
}

export interface SenderOptions {
	/** Retry on Server Errors: lets `optIn` calls be resent. */
	retryOnServerErrors: boolean;
	sleep: (ms: number) => Promise<void>;
}

function rateLimited(refusal: RateLimitRefusal, answered: ApiOutcome | null): ApiOutcome {
	const said = answered && !answered.ok ? answered.failure : null;
	return { ok: false, failure: rateLimitFailure(refusal, said), headers: answered?.headers ?? {} };
}

/** One run's sender: every call of the run shares the pacer, hence the token's budget. */
export class CallSender {
	readonly stats: SendStats = { calls: 0, rateLimited: 0, resent: 0 };

	constructor(
		/** A run's context, a picker's, or a trigger's (poll, webhook lifecycle): whichever n8n sends the call through. */
		private readonly ctx: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions,
		private readonly baseUrl: string,
		readonly pacer: Pacer,
		private readonly options: SenderOptions,
	) {}

	/** Whether `optIn` calls may be resent (Retry on Server Errors). */
	get retryOnServerErrors(): boolean {
		return this.options.retryOnServerErrors;
	}

	/**
	 * One exchange, unpaced, bound to `signal` instead of this execution's stop: for
	 * a call that belongs to no one execution (a merged call), whose pacing its
	 * owner does (http/request.ts, detachedContext).
	 */
	async sendDetached(spec: RequestSpec, signal: AbortSignal): Promise<ApiOutcome> {
		return await ryzeApiRequest(detachedContext(this.ctx, signal), this.baseUrl, spec);
	}

	async send(spec: RequestSpec, resend: Resend): Promise<ApiOutcome> {
		const mayResend = resend === 'always' || (resend === 'optIn' && this.options.retryOnServerErrors);
		let rateLimitedAttempts = 0;
		let serverErrorRetries = 0;
		for (;;) {
			const refused = await this.pacer.beforeCall(spec.timeoutMs);
			if (refused === 'cancelled') return { ok: false, failure: stoppedFailure(), headers: {} };
			if (refused && 'expiredAfterMs' in refused) {
				return { ok: false, failure: queueTimeoutFailure(refused.expiredAfterMs, serverErrorRetries > 0), headers: {} };
			}
			if (refused) return rateLimited(refused, null);
			this.stats.calls++;
			const outcome = await ryzeApiRequest(this.ctx, this.baseUrl, spec);
			this.pacer.observe(outcome.headers);
			if (outcome.ok) return outcome;

			if (outcome.failure.statusCode === 429) {
				this.stats.rateLimited++;
				const giveUp = await this.pacer.after429(outcome.headers, rateLimitedAttempts++);
				if (giveUp) return rateLimited(giveUp, outcome);
				this.stats.resent++;
				continue;
			}
			if (mayResend && outcome.failure.outcomeUnknown && serverErrorRetries < SERVER_ERROR_RETRIES) {
				const backOffMs = SERVER_ERROR_BACKOFF_MS * (serverErrorRetries + 1);
				// A back-off that would end past the pacer's waitsEndBy: no resend, the failure stands.
				if (backOffMs > this.pacer.timeLeft()) return outcome;
				serverErrorRetries++;
				this.stats.resent++;
				await this.options.sleep(backOffMs);
				continue;
			}
			return outcome;
		}
	}
}
