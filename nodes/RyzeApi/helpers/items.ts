/**
 * Routes every operation's output items to Success and Failure, in input order,
 * each with a pairedItem to its input item. Pure.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/**
 * What went wrong, the last keys of every operation's items (null on Success): the
 * one list of them, spread into each operation's keys.
 */
export const FAILURE_KEYS = ['error', 'errorCode', 'statusCode', 'outcomeUnknown', 'raw'] as const;

/** Any output item: it says whether it succeeded; the rest is the operation's. */
export interface ItemJson {
	success: boolean;
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
