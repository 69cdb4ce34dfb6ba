/** What every operation reads once per run: the credential's settings, the mode, the run options, the sender. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { InputError } from '../helpers/inputError';
import { readRunOptions, type RunOptions } from './options';
import { createRedactor, type Redact } from '../helpers/redact';
import { validateBaseUrl, validateTokenPresent } from '../helpers/validation';
import { isToolMode, readToolModeSignals } from '../helpers/toolMode';
import { CREDENTIAL_TYPE, deadline } from '../transport/http/request';
import type { Clock } from '../transport/rateLimit/lane';
import { lanes } from '../transport/rateLimit/lanes';
import { Pacer } from '../transport/rateLimit/pacer';
import { CallSender } from '../transport/rateLimit/send';

/** Node's timers hold at most 2^31-1 ms (about 24.8 days; more fires at once): longer deadlines are cut to it. */
const MAX_TIMER_MS = 2_147_483_647;

export interface RunSettings {
	baseUrl: string;
	/** Removes the credential's token from any text the API sent back. */
	redact: Redact;
	defaultInstance: string;
	/** Running as an AI Agent tool: the agent only reads output 0. */
	toolMode: boolean;
	/** The token's lane in the process-wide coordinator: Base URL + a hash of the token, never the token. */
	laneKey: string;
}

/** A refused input as the error that names its field and item ("Group: … [item 3]"). */
export function inputItemError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof InputError) {
		return new NodeOperationError(ctx.getNode(), `${error.field}: ${error.message} [item ${itemIndex}]`, {
			description: error.hint,
			itemIndex,
		});
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** A problem with the credential or a run-wide option: it names the field and item 0, where those are read. */
function runWideError(ctx: IExecuteFunctions, error: unknown): NodeOperationError {
	return inputItemError(ctx, error, 0);
}

export async function readRunSettings(ctx: IExecuteFunctions): Promise<RunSettings> {
	const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
	let baseUrl: string;
	try {
		baseUrl = validateBaseUrl(credentials.baseUrl);
		validateTokenPresent(credentials.token);
	} catch (error) {
		throw runWideError(ctx, error);
	}
	const toolMode = isToolMode(readToolModeSignals(ctx));
	return {
		baseUrl,
		redact: createRedactor(credentials.token, baseUrl),
		defaultInstance: typeof credentials.instance === 'string' ? credentials.instance : '',
		toolMode,
		laneKey: lanes.key(baseUrl, credentials.token as string),
	};
}

/** Batching, pacing and resend options, from the first item (defaults when the operation has none). */
export function readOptionsOnce(ctx: IExecuteFunctions): RunOptions {
	try {
		return readRunOptions(ctx.getNodeParameter('options', 0, {}) as Record<string, unknown>);
	} catch (error) {
		throw runWideError(ctx, error);
	}
}

/** Real time. `timer` (the coordinator's deadlines) never keeps the process alive and is let go of once moot. */
export const runClock: Clock = {
	sleep,
	now: () => Date.now(),
	timer: (ms) => {
		const limit = deadline(Math.min(ms, MAX_TIMER_MS));
		return { reached: limit.reached.then(() => undefined), release: limit.release };
	},
};

/**
 * The run's sender. Its pacer sits on the token's lane, shared with every
 * concurrent execution on the token.
 */
export function createSender(ctx: IExecuteFunctions, settings: RunSettings, options: RunOptions): CallSender {
	const { lane } = lanes.laneFor(settings.laneKey, runClock);
	const signal = typeof ctx.getExecutionCancelSignal === 'function' ? ctx.getExecutionCancelSignal() : undefined;
	const pacer = new Pacer(
		{
			reserve: options.reserveRequests,
			intervalMs: options.batchIntervalMs,
			maxWaitMs: options.rateLimitMaxWaitMs,
			signal,
			...runClock,
		},
		lane,
	);
	return new CallSender(ctx, settings.baseUrl, pacer, { retryOnServerErrors: options.retryOnServerErrors, sleep });
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
