/** What every operation reads once per run: the credential's settings, the mode, the run options, the sender. */
import type { IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import { fieldError } from '../helpers/inputError';
import { readRunOptions, type RunOptions } from './options';
import type { Redact } from '../helpers/redact';
import { laneSender, readConnection, realClock } from '../transport/connection';
import { isToolMode, readToolModeSignals } from '../helpers/toolMode';
import type { Clock } from '../transport/rateLimit/lane';
import type { CallSender } from '../transport/rateLimit/send';

export interface RunSettings {
	baseUrl: string;
	/** Removes the credential's token and the Base URL's secret path from any text the API sent back. */
	redact: Redact;
	defaultInstance: string;
	/** Running as an AI Agent tool: the agent only reads output 0. */
	toolMode: boolean;
	/** The token's lane in the process-wide coordinator: Base URL + a hash of the token, never the token. */
	laneKey: string;
}

/** A refused input as the error that names its field and item ("Group: … [item 3]"). */
export function inputItemError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	return fieldError(ctx, error, itemIndex);
}

/** The credential (read as every context reads it, transport/connection.ts) and the mode; a bad credential names item 0. */
export async function readRunSettings(ctx: IExecuteFunctions): Promise<RunSettings> {
	// The token stays in the connection: a run needs only what is derived from it.
	const { baseUrl, redact, defaultInstance, laneKey } = await readConnection(ctx, 0);
	return { baseUrl, redact, defaultInstance, toolMode: isToolMode(readToolModeSignals(ctx)), laneKey };
}

/** Batching, pacing and resend options, from the first item (defaults when the operation has none). */
export function readOptionsOnce(ctx: IExecuteFunctions): RunOptions {
	try {
		return readRunOptions(ctx.getNodeParameter('options', 0, {}) as Record<string, unknown>);
	} catch (error) {
		// A run-wide option: it names item 0, where it is read.
		throw fieldError(ctx, error, 0);
	}
}

/** Real time (transport/connection.ts): the coordinator's clock for a run. */
export const runClock: Clock = realClock;

/**
 * The run's sender. Its pacer sits on the token's lane, shared with every
 * concurrent execution, picker and trigger on the token.
 */
export function createSender(ctx: IExecuteFunctions, settings: RunSettings, options: RunOptions): CallSender {
	return laneSender(ctx, settings, {
		reserve: options.reserveRequests,
		intervalMs: options.batchIntervalMs,
		maxWaitMs: options.rateLimitMaxWaitMs,
		retryOnServerErrors: options.retryOnServerErrors,
		signal: typeof ctx.getExecutionCancelSignal === 'function' ? ctx.getExecutionCancelSignal() : undefined,
	});
}

export function logRun(ctx: IExecuteFunctions, operation: string, items: number, sender: CallSender): void {
	ctx.logger.debug(`RyzeAPI ${operation} run`, {
		items,
		calls: sender.stats.calls,
		rateLimited: sender.stats.rateLimited,
		resent: sender.stats.resent,
		waitedMs: sender.pacer.waitedMs,
	});
}
