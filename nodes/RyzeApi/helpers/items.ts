/**
 * Routes every operation's output items to Success and Failure, in input order,
 * each with a pairedItem to its input item. Pure.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { CallFailure } from './types';

/**
 * What went wrong, the last keys of every operation's items (null on Success): the
 * one list of them, spread into each operation's keys.
 */
export const FAILURE_KEYS = ['error', 'errorCode', 'statusCode', 'outcomeUnknown', 'raw'] as const;

/** Any output item: it says whether it succeeded; the rest is the operation's. */
export interface ItemJson {
	success: boolean;
}

/** An output item of an operation whose keys are `K` (its `outputKeys`): every one of them, on both outputs. */
export type OutputJson<K extends string> = ItemJson & Record<K, unknown>;

/** What a Failure item says went wrong. */
export type ItemFailure = Pick<CallFailure, 'errorCode' | 'message' | 'statusCode' | 'outcomeUnknown'>;

/**
 * A Failure item of any operation, built from its `outputKeys` and in their order:
 * `success: false`, the failure in `error`, `errorCode`, `statusCode` and
 * `outcomeUnknown`, what the operation knows (`known`: the group, the instance, an
 * unreadable entry as `raw`…), and null for every other key. No key outside
 * `outputKeys`: Success and Failure items keep the same keys.
 */
export function failureItem<K extends string>(
	outputKeys: readonly K[],
	failure: ItemFailure,
	known: { readonly [key in K]?: unknown } = {},
): OutputJson<K> {
	const said: Record<string, unknown> = {
		success: false,
		error: failure.message,
		errorCode: failure.errorCode,
		statusCode: failure.statusCode,
		outcomeUnknown: failure.outcomeUnknown,
	};
	const has = (facts: object, key: string) => Object.prototype.hasOwnProperty.call(facts, key);
	const json: Record<string, unknown> = {};
	for (const key of outputKeys) {
		if (has(said, key)) json[key] = said[key];
		else json[key] = has(known, key) ? ((known as Record<string, unknown>)[key] ?? null) : null;
	}
	return json as OutputJson<K>;
}

/**
 * Collects results per input item, so that the outputs keep the input order
 * whatever order the calls ran in.
 */
export class ResultCollector {
	private readonly perItem: Array<Array<{ json: ItemJson; order: number }>>;

	constructor(itemCount: number) {
		this.perItem = Array.from({ length: itemCount }, () => []);
	}

	/** `order` is the participant's place in its item; entries without one go last. */
	add(itemIndex: number, json: ItemJson, order = Number.MAX_SAFE_INTEGER): void {
		this.perItem[itemIndex].push({ json, order });
	}

	/** [Success, Failure]; in tool mode everything goes on output 0, which is all an AI Agent reads. */
	route(toolMode: boolean, redact: <T>(value: T) => T = (value) => value): INodeExecutionData[][] {
		const success: INodeExecutionData[] = [];
		const failure: INodeExecutionData[] = [];
		this.perItem.forEach((list, itemIndex) => {
			const ordered = [...list].sort((a, b) => a.order - b.order);
			for (const { json } of ordered) {
				const item: INodeExecutionData = { json: redact(json) as unknown as IDataObject, pairedItem: { item: itemIndex } };
				if (json.success || toolMode) success.push(item);
				else failure.push(item);
			}
		});
		return [success, failure];
	}
}
