/**
 * The run-wide options (batching, pacing, resend policy), validated. Pure.
 * They are read once per run, from the first item, like the batching options of
 * n8n's HTTP Request node: they describe how the node talks to RyzeAPI, not what
 * an item asks for.
 */
import { InputError } from '../helpers/inputError';

export interface BatchingOptions {
	combineItems: boolean;
	batchSize: number;
	/** Join the calls of concurrent executions (the coordinator); planning itself ignores it. */
	combineAcrossExecutions: boolean;
}

export const DEFAULT_BATCH_SIZE = 100;
/** WhatsApp's group size limit: no call can usefully carry more. */
export const MAX_BATCH_SIZE = 1024;

export interface RunOptions {
	batching: BatchingOptions;
	batchIntervalMs: number;
	rateLimitMaxWaitMs: number;
	retryOnServerErrors: boolean;
	reserveRequests: number;
}

/** One full 60 s window plus a margin: a 429 is waited out once, then reported. */
export const DEFAULT_RATE_LIMIT_MAX_WAIT_MS = 65_000;
export const MAX_WAIT_LIMIT_MS = 3_600_000;

function wholeNumber(value: unknown, field: string, min: number, max: number, hint: string): number {
	const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	if (!Number.isFinite(number) || !Number.isInteger(number)) {
		throw new InputError(field, `${field} "${String(value)}" is not a whole number`, hint);
	}
	if (number < min || number > max) {
		throw new InputError(field, `${field} ${number} is outside ${min}–${max}`, hint);
	}
	return number;
}

export function readRunOptions(options: Record<string, unknown>): RunOptions {
	const batching = ((options.batching as Record<string, unknown> | undefined)?.batch ?? {}) as Record<string, unknown>;
	const combineItems = batching.combineItems === undefined ? true : batching.combineItems !== false;
	const combineAcrossExecutions = batching.combineAcrossExecutions === undefined ? true : batching.combineAcrossExecutions !== false;
	const batchSize =
		batching.batchSize === undefined
			? DEFAULT_BATCH_SIZE
			: wholeNumber(
					batching.batchSize,
					'Batch Size',
					1,
					MAX_BATCH_SIZE,
					`Use 1–${MAX_BATCH_SIZE} participants per call (a WhatsApp group holds at most ${MAX_BATCH_SIZE}); the default is ${DEFAULT_BATCH_SIZE}`,
				);
	const batchIntervalMs =
		batching.batchInterval === undefined
			? 0
			: wholeNumber(
					batching.batchInterval,
					'Batch Interval',
					0,
					MAX_WAIT_LIMIT_MS,
					'Use 0 (no pause) or a pause between calls in milliseconds, e.g. 1000',
				);
	const rateLimitMaxWaitMs =
		options.rateLimitMaxWait === undefined
			? DEFAULT_RATE_LIMIT_MAX_WAIT_MS
			: wholeNumber(
					options.rateLimitMaxWait,
					'Max Wait on Rate Limit',
					0,
					MAX_WAIT_LIMIT_MS,
					`Use 0 (never wait) up to ${MAX_WAIT_LIMIT_MS} ms; the default ${DEFAULT_RATE_LIMIT_MAX_WAIT_MS} waits out one full minute`,
				);
	const reserveRequests =
		options.reserveRequests === undefined
			? 0
			: wholeNumber(
					options.reserveRequests,
					'Requests to Keep in Reserve',
					0,
					99,
					'Use 0–99 requests per minute to leave for other workflows on the same token',
				);
	return {
		batching: { combineItems, batchSize, combineAcrossExecutions },
		batchIntervalMs,
		rateLimitMaxWaitMs,
		retryOnServerErrors: options.retryOnServerErrors === true,
		reserveRequests,
	};
}
