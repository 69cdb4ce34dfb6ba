/**
 * Sends one call under the run's policy: paced by the rate limit, a 429 waited
 * out and resent (it was not processed), and — because writes are not
 * idempotent — no resend after an outcome that may have been processed (timeout,
 * dropped connection, 5xx) unless the call's resend rule allows it.
 */
import type { IExecuteFunctions, IHookFunctions, IPollFunctions } from 'n8n-workflow';

import type { PlannedCall } from '../../helpers/plan';
import type { EntryResult, ParticipantBatcher } from './coordinator';
import { queueTimeoutFailure, rateLimitFailure, SERVER_ERROR_BACKOFF_MS, SERVER_ERROR_RETRIES, stoppedFailure } from './failures';
import { noIsolation } from '../../helpers/isolate';
import { type ApiOutcome, detachedContext, instancePath, type RequestSpec, ryzeApiRequest } from '../http/request';
import type { Pacer, RateLimitRefusal } from './pacer';

/**
 * When a call whose outcome is unknown may be sent again:
 * - `always`: reads (doing them twice changes nothing);
 * - `optIn`: the participants call, only with Retry on Server Errors;
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
	/** Combine Across Executions: participants calls join those of concurrent executions (null: off). */
	batcher: ParticipantBatcher | null;
	/** Batch Size: the most participants this run puts in one call, merged or not. */
	batchSize: number;
}

function rateLimited(refusal: RateLimitRefusal, answered: ApiOutcome | null): ApiOutcome {
	const said = answered && !answered.ok ? answered.failure : null;
	return { ok: false, failure: rateLimitFailure(refusal, said), headers: answered?.headers ?? {} };
}

/** One run's sender: every call of the run shares the pacer, hence the token's budget. */
export class CallSender {
	readonly stats: SendStats = { calls: 0, rateLimited: 0, resent: 0 };

	constructor(
		/** A run's context, or a trigger's (poll, webhook lifecycle): whichever n8n sends the call through. */
		private readonly ctx: IExecuteFunctions | IPollFunctions | IHookFunctions,
		private readonly baseUrl: string,
		readonly pacer: Pacer,
		private readonly options: SenderOptions,
	) {}

	/**
	 * One planned participants call: joined with concurrent executions' calls for
	 * the same instance, group and action when Combine Across Executions is on,
	 * sent alone otherwise. Either way it answers for exactly this run's participants.
	 */
	async sendParticipants(call: PlannedCall): Promise<EntryResult> {
		const path = instancePath('participants', call.instance);
		const { batcher } = this.options;
		if (batcher) {
			return await batcher.submit(
				{ path, group: call.group, action: call.action },
				{
					participants: call.participants,
					timeoutMs: call.timeoutMs,
					batchSize: this.options.batchSize,
					mayResend: this.options.retryOnServerErrors,
					pacer: this.pacer,
					// Bound to the merged call's own signal, not to this execution's stop (http/request.ts, detachedContext).
					send: async (spec, signal) => await ryzeApiRequest(detachedContext(this.ctx, signal), this.baseUrl, spec),
					stats: this.stats,
				},
			);
		}
		const outcome = await this.send(
			{
				method: 'POST',
				path,
				body: { action: call.action, identifier: call.group, participants: call.participants.map((p) => p.value) },
				timeoutMs: call.timeoutMs,
			},
			'optIn',
		);
		return outcome.ok
			? { ok: true, statusCode: outcome.statusCode, body: outcome.body, sent: call.participants, shared: false, isolate: noIsolation }
			: outcome;
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
				serverErrorRetries++;
				this.stats.resent++;
				await this.options.sleep(SERVER_ERROR_BACKOFF_MS * serverErrorRetries);
				continue;
			}
			return outcome;
		}
	}
}
