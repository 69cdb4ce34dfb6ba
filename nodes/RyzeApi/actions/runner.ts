/**
 * The per-item runner: the one place that owns Continue On Fail, pairedItem,
 * item-level error conversion and the Error-output rule (every item carries
 * `success`, failures carry an `errorCode`, and they stay on the Failure output).
 *
 * An operation declares whether it reads or writes (which decides whether a call
 * is sent again after an unknown outcome), the keys of its items (the same on
 * Success and Failure), what to read from an item, what to send, and how an
 * answer maps to items; `runPerItem` runs it for operations that make one call
 * per item, and builds its Failure items from its keys (`failureItem`). Manage
 * Participants, which plans calls across items, uses the same pieces:
 * `readItems`, `failCall`, `failureItem` and the `ResultCollector`.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { failureOf } from '../helpers/errorCodes';
import { InputError } from '../helpers/inputError';
import { failureItem, ResultCollector, type ItemJson, type OutputJson } from '../helpers/items';
import type { Redact } from '../helpers/redact';
import type { CallFailure } from '../helpers/types';
import type { RequestSpec } from '../transport/http/request';
import type { Resend } from '../transport/rateLimit/send';
import { createSender, inputItemError, logRun, readOptionsOnce, readRunSettings, type RunSettings } from './run';
import type { Subtitle } from './subtitle';

/** What every operation file exports; the resource index lists them. */
export interface Operation {
	/** The Operation option: name, value, description, action (tool mode). */
	option: INodePropertyOptions;
	/**
	 * The keys of every item it outputs, Success and Failure alike, in order: `success`
	 * first, `FAILURE_KEYS` last (test/integration/actions/group/outputKeys.test.ts holds
	 * every operation's items to them; Group.resource.test.ts the order).
	 */
	outputKeys: readonly string[];
	/** Keys only some items carry (Manage Participants' follow-ups); none for most operations. */
	optionalOutputKeys?: readonly string[];
	/**
	 * Simplify (group/simplify.ts), on every operation whose items have more than 10 keys:
	 * the keys of a simplified item (test/unit/actions/group/simplify.test.ts holds them to that rule).
	 */
	simplifiedOutputKeys?: readonly string[];
	/** Of `optionalOutputKeys`, those a simplified item keeps where the item has them. */
	simplifiedOptionalOutputKeys?: readonly string[];
	/** What the node's subtitle says for it, as data (actions/subtitle.ts builds the one expression). */
	subtitle: Subtitle;
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]>;
}

export interface Run {
	ctx: IExecuteFunctions;
	settings: RunSettings;
	continueOnFail: boolean;
	out: ResultCollector;
}

export async function startRun(ctx: IExecuteFunctions, items: INodeExecutionData[]): Promise<Run> {
	const settings = await readRunSettings(ctx);
	return { ctx, settings, continueOnFail: ctx.continueOnFail(), out: new ResultCollector(items.length) };
}

/**
 * Reads every item. An InputError stops the run with an error naming the field
 * and the item; under Continue On Fail the item's Failure items stand for it
 * (`inputFailure` builds them from the message) and the run goes on.
 */
export function readItems<T>(
	run: Run,
	count: number,
	read: (itemIndex: number) => T,
	inputFailure: (itemIndex: number, message: string) => ItemJson[],
): Array<{ itemIndex: number; value: T }> {
	const usable: Array<{ itemIndex: number; value: T }> = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			usable.push({ itemIndex, value: read(itemIndex) });
		} catch (error) {
			const converted = inputItemError(run.ctx, error, itemIndex);
			if (!(error instanceof InputError) || !run.continueOnFail) throw converted;
			for (const json of inputFailure(itemIndex, `${converted.message}. ${error.hint}`)) run.out.add(itemIndex, json);
		}
	}
	return usable;
}

/**
 * A whole-call failure as the NodeApiError that stops the node: the API's words as
 * the message; how to fix it, whether it may have been processed, what earlier
 * calls of the run did, and which items and call it concerns as the description.
 */
export function callFailureError(
	ctx: IExecuteFunctions,
	failure: CallFailure,
	where: string,
	itemIndex: number,
	redact: Redact,
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

/** A whole-call failure: stops the run (naming `itemIndex`), or under Continue On Fail becomes Failure items. */
export function failCall(
	run: Run,
	failure: CallFailure,
	where: string,
	itemIndex: number,
	failureItems: () => Array<{ itemIndex: number; json: ItemJson; order?: number }>,
	earlier = '',
): void {
	if (!run.continueOnFail) throw callFailureError(run.ctx, failure, where, itemIndex, run.settings.redact, earlier);
	for (const item of failureItems()) run.out.add(item.itemIndex, item.json, item.order);
}

/** The outputs: input order kept, the token redacted, everything on output 0 in tool mode. */
export function finishRun(run: Run, operation: string, items: number, stats: Parameters<typeof logRun>[3]): INodeExecutionData[][] {
	logRun(run.ctx, operation, items, stats);
	return run.out.route(run.settings.toolMode, run.settings.redact);
}

/**
 * What a per-item operation does, which decides whether its call is sent again
 * after an outcome that may have been processed (timeout, dropped connection, 5xx):
 * - `read`: always (reading twice changes nothing);
 * - `write`: never, unless it says `retryOnServerErrors: true` (only for a write
 *   that is harmless twice), and then only when the user turns Retry on Server Errors on.
 * Mandatory: an operation that does not say is a type error.
 */
export type OperationKind = { kind: 'read' } | { kind: 'write'; retryOnServerErrors?: true };

function resendOf(op: OperationKind): Resend {
	if (op.kind === 'read') return 'always';
	return op.retryOnServerErrors === true ? 'optIn' : 'never';
}

/** An operation that makes one call per item (join requests, members). */
export type PerItemOperation<T extends { group: string | null; instance: string | null }, K extends string = string> = OperationKind & {
	name: string;
	/** The keys of its items, Success and Failure alike (the operation file exports the same list as `outputKeys`). */
	outputKeys: readonly K[];
	read(ctx: IExecuteFunctions, itemIndex: number, settings: RunSettings): T;
	request(read: T): RequestSpec;
	/** "join requests of group … on instance …", for errors. */
	describe(read: T): string;
	/**
	 * A 2xx answer as items (and output-pane hints), or the failure it amounts to. A
	 * whole-call failure's item, and an unusable input item's, are the runner's:
	 * `failureItem(outputKeys, …)` with the item's group and instance (none for an
	 * unusable item).
	 */
	map(read: T, statusCode: number, body: unknown): { items: Array<OutputJson<K>>; hints: string[] } | { failure: CallFailure };
	/**
	 * What else the operation knows of an item whose call failed, beyond its group and
	 * instance (Create Group: the people it did not add; Update Group: what it asked
	 * to change). `read` is null for an input item that could not be read. The runner
	 * still builds the item, with `failureItem`.
	 */
	knownOnFailure?(read: T | null, failure: CallFailure): { readonly [key in K]?: unknown };
};

export async function runPerItem<T extends { group: string | null; instance: string | null }, K extends string>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	op: PerItemOperation<T, K>,
): Promise<INodeExecutionData[][]> {
	const resend = resendOf(op);
	const run = await startRun(ctx, items);
	const sender = createSender(ctx, run.settings, readOptionsOnce(ctx));
	const hints: string[] = [];
	const reads = readItems(
		run,
		items.length,
		(itemIndex) => op.read(ctx, itemIndex, run.settings),
		(_itemIndex, message) => {
			const failure = failureOf('invalid_parameter', message, false);
			return [failureItem(op.outputKeys, failure, op.knownOnFailure?.(null, failure))];
		},
	);
	for (const { itemIndex, value } of reads) {
		const outcome = await sender.send(op.request(value), resend);
		const mapped = outcome.ok ? op.map(value, outcome.statusCode, outcome.body) : { failure: outcome.failure };
		if ('failure' in mapped) {
			// What the runner knows of the item: its group and instance; the operation's other keys are null.
			const known = {
				group: value.group,
				instance: value.instance,
				...op.knownOnFailure?.(value, mapped.failure),
			} as { readonly [key in K]?: unknown };
			failCall(run, mapped.failure, `item ${itemIndex}: ${op.describe(value)}`, itemIndex, () => [
				{ itemIndex, json: failureItem(op.outputKeys, mapped.failure, known) },
			]);
			continue;
		}
		for (const json of mapped.items) run.out.add(itemIndex, json);
		for (const hint of mapped.hints) if (hints.length < 5) hints.push(hint);
	}
	if (hints.length > 0 && typeof ctx.addExecutionHints === 'function') {
		ctx.addExecutionHints(...hints.map((message) => ({ message, location: 'outputPane' as const })));
	}
	return finishRun(run, op.name, items.length, sender);
}
