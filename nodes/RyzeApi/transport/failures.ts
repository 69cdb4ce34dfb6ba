/**
 * The failures the node makes up itself, without an answer to quote: a call
 * refused before sending (or before sending again) because the rate-limit wait
 * would overrun the run's Max Wait, and a call dropped because the execution was
 * stopped. One builder each, shared by the run's sender and the coordinator.
 */
import { excerpt } from '../helpers/apiText';
import { failureOf } from '../helpers/errorCodes';
import type { CallFailure } from '../helpers/types';
import type { RateLimitRefusal } from './rateLimit';

/** Resends after an outcome that may have been processed, for calls that allow them, and their back-off. */
export const SERVER_ERROR_RETRIES = 2;
export const SERVER_ERROR_BACKOFF_MS = 1000;

/**
 * `said`: the 429 RyzeAPI answered, when the call was sent and refused; without it
 * nothing was sent for these participants.
 */
export function rateLimitFailure(refusal: RateLimitRefusal, said: CallFailure | null): CallFailure {
	const message = said
		? `${excerpt(said.message, 160)} (${refusal.message})`
		: `The rate limit of this token is used up, so nothing was sent: ${refusal.message}`;
	const failure = { ...failureOf('rate_limited', message, false), statusCode: said ? said.statusCode : null };
	failure.description = `${failure.description} Or raise Options → Max Wait on Rate Limit to wait for the reset.`;
	return failure;
}

export function stoppedFailure(): CallFailure {
	return failureOf('network', 'The execution was stopped before this call was sent', false);
}
