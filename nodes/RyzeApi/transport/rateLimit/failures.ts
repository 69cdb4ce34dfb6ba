/**
 * The failures the node makes up itself, without an answer to quote: a call
 * refused before sending (or before sending again) because the rate-limit wait
 * would overrun the run's Max Wait, and a call dropped because the execution was
 * stopped. One builder each, shared by the run's sender and the coordinator.
 */
import { excerpt } from '../../helpers/apiText';
import { failureOf } from '../../helpers/errorCodes';
import type { CallFailure } from '../../helpers/types';
import type { RateLimitRefusal } from './pacer';

/** Resends after an outcome that may have been processed, for calls that allow them, and their back-off. */
export const SERVER_ERROR_RETRIES = 2;
export const SERVER_ERROR_BACKOFF_MS = 1000;

/**
 * `said`: the 429 RyzeAPI answered, when the call was sent and refused; without it
 * nothing was sent.
 */
export function rateLimitFailure(refusal: RateLimitRefusal, said: CallFailure | null): CallFailure {
	const message = said
		? `${excerpt(said.message, 160)} (${refusal.message})`
		: `The rate limit of this token is used up, so nothing was sent: ${refusal.message}`;
	const failure = { ...failureOf('rate_limited', message, false), statusCode: said ? said.statusCode : null };
	failure.description = refusal.capped
		? `${failure.description} RyzeAPI kept refusing this call (its rate limit, or WhatsApp throttling), so it was not sent again: try again later.`
		: `${failure.description} Or raise Options → Max Wait on Rate Limit to wait for the reset.`;
	return failure;
}

export function stoppedFailure(): CallFailure {
	return failureOf('network', 'The execution was stopped before this call was sent', false);
}

/** Stopped while its call was in flight: the call goes on for the others, its outcome is unknown to this run. */
export function stoppedInFlightFailure(): CallFailure {
	return failureOf('network', 'The request was cancelled (the execution was stopped)', true);
}

/** This run's Timeout passed while the (shared) call was in flight. */
export function timeoutFailure(timeoutMs: number): CallFailure {
	return failureOf('timeout', `RyzeAPI did not answer within ${timeoutMs} ms`, true);
}

/**
 * The run's whole budget (Max Wait on Rate Limit + Timeout) passed before its
 * call could go (or go again): nothing more was sent for it.
 */
export function queueTimeoutFailure(waitedMs: number, maybeProcessed: boolean): CallFailure {
	return failureOf(
		'timeout',
		`No answer within this run's Max Wait on Rate Limit plus Timeout (${waitedMs} ms): the token was busy with other calls, so nothing ${maybeProcessed ? 'more ' : ''}was sent`,
		maybeProcessed,
	);
}

/** A fault inside the node's coordinator: never a hang, the run gets a failure. */
export function coordinatorFailure(maybeSent: boolean): CallFailure {
	return failureOf('unknown', 'The node failed while coordinating this call with other executions', maybeSent);
}
