/** What every operation reads once per run: the credential's settings and the mode. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { type ResultCollector, resultJson } from '../helpers/items';
import { createRedactor, type Redact } from '../helpers/redact';
import type { CallFailure } from '../helpers/types';
import { ParticipantsInputError, parseParticipants } from '../helpers/participants';
import { readRunOptions, type RunOptions } from '../helpers/options';
import { ValidationError, validateBaseUrl, validateTokenPresent } from '../helpers/validation';
import { isToolMode, readToolModeSignals } from '../helpers/toolMode';
import { CREDENTIAL_TYPE } from '../transport';
import { laneFor, laneKey } from '../transport/coordinator';
import { Pacer } from '../transport/rateLimit';
import { CallSender } from '../transport/send';

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

/** A problem with the credential or a run-wide option: it names the field and item 0, where those are read. */
function runWideError(ctx: IExecuteFunctions, error: unknown): NodeOperationError {
	if (error instanceof ValidationError) {
		return new NodeOperationError(ctx.getNode(), `${error.field}: ${error.message} [item 0]`, {
			description: error.hint,
			itemIndex: 0,
		});
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: 0 });
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
		redact: createRedactor(credentials.token),
		defaultInstance: typeof credentials.instance === 'string' ? credentials.instance : '',
		toolMode,
		laneKey: laneKey(baseUrl, credentials.token as string),
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

const clock = { sleep, now: () => Date.now() };

/**
 * The run's sender. Its pacer sits on the token's lane, shared with every
 * concurrent execution on the token; its participants calls join theirs when
 * Combine Across Executions is on (and no Batch Interval asks for spaced calls).
 */
export function createSender(ctx: IExecuteFunctions, settings: RunSettings, options: RunOptions): CallSender {
	const { lane, batcher } = laneFor(settings.laneKey, clock);
	const signal = typeof ctx.getExecutionCancelSignal === 'function' ? ctx.getExecutionCancelSignal() : undefined;
	const pacer = new Pacer(
		{
			reserve: options.reserveRequests,
			intervalMs: options.batchIntervalMs,
			maxWaitMs: options.rateLimitMaxWaitMs,
			signal,
			...clock,
		},
		lane,
	);
	const combine = options.batching.combineAcrossExecutions && options.batchIntervalMs === 0;
	return new CallSender(ctx, settings.baseUrl, pacer, {
		retryOnServerErrors: options.retryOnServerErrors,
		sleep,
		batcher: combine ? batcher : null,
		batchSize: options.batching.batchSize,
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

/**
 * Under continueOnFail, an item whose parameters are unusable still accounts for
 * its participants: one Failure item each, or one for the item when even the
 * participants cannot be read.
 */
export function failItem(
	ctx: IExecuteFunctions,
	collector: ResultCollector,
	itemIndex: number,
	message: string,
	hint: string,
): void {
	const read = (name: string): string | null => {
		try {
			const value = ctx.getNodeParameter(name, itemIndex, '');
			return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
		} catch {
			return null;
		}
	};
	const context = { action: null, group: read('group'), instance: read('instance') };
	const outcome = {
		success: false,
		jid: null,
		error: `${message}. ${hint}`,
		errorCode: 'invalid_parameter' as const,
		statusCode: null,
		raw: null,
	};
	let participants: Array<{ value: string | null; input: string | null; position?: number }> = [];
	try {
		const parsed = parseParticipants(ctx.getNodeParameter('participants', itemIndex, ''));
		participants = [
			...parsed.participants,
			...parsed.rejected.map((rejected) => ({ value: null, input: rejected.input })),
		];
	} catch (error) {
		// The participants themselves are unusable: one Failure item stands for the item.
		if (!(error instanceof ParticipantsInputError)) {
			throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		}
	}
	if (participants.length === 0) {
		collector.add(itemIndex, resultJson(context, { value: null, input: null }, outcome));
		return;
	}
	for (const participant of participants) {
		collector.add(itemIndex, resultJson(context, { value: participant.value, input: participant.input }, outcome), participant.position);
	}
}

/** A whole-call failure of a group read, as one Failure item for its input item. */
export function failureJson(
	where: { group: string | null; instance: string | null },
	failure: Pick<CallFailure, 'errorCode' | 'message' | 'statusCode' | 'outcomeUnknown'>,
): IDataObject {
	return {
		success: false,
		jid: null,
		phoneNumber: null,
		requestedAt: null,
		group: where.group,
		groupJid: null,
		instance: where.instance,
		error: failure.message,
		errorCode: failure.errorCode,
		statusCode: failure.statusCode,
		outcomeUnknown: failure.outcomeUnknown,
	};
}

/**
 * A whole-call failure as the NodeApiError that stops the node: the API's words as
 * the message; how to fix it, whether it may have been processed, and which
 * items and call it concerns as the description.
 */
export function callFailureError(
	ctx: IExecuteFunctions,
	failure: CallFailure,
	where: string,
	itemIndex: number,
	redact: Redact,
	/** What earlier calls of this run already did, when some did. */
	earlier = '',
): NodeApiError {
	const message = redact(failure.message);
	const processed = failure.outcomeUnknown
		? 'This call may have been processed: check the group before running the workflow again.'
		: 'This call changed nothing.';
	return new NodeApiError(
		ctx.getNode(),
		{ message, errorCode: failure.errorCode },
		{
			message,
			description: redact(`${failure.description} ${processed}${earlier} (${where})`),
			httpCode: failure.statusCode === null ? undefined : String(failure.statusCode),
			itemIndex,
		},
	);
}
