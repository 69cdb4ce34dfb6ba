/**
 * Simplify (`simplify`), n8n's answer to items with more than 10 keys: the simplified
 * item keeps what a workflow branches on and acts on (success, errorCode, error, the
 * group), in the operation's order, on Success and Failure alike. Off by default, so
 * saved workflows keep their output.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/inputError';

/** The Simplify switch of `operation`. */
export function simplifyField(operation: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		displayOptions: { show: { operation: [operation] } },
		description: 'Whether to return a simplified version of the response instead of the raw data',
	};
}

/** Simplify as an expression may give it: true, false, or their text. */
export function readSimplify(value: unknown): boolean {
	if (value === undefined || value === null || value === '' || value === false || value === 'false') return false;
	if (value === true || value === 'true') return true;
	throw new InputError(
		'Simplify',
		`Simplify "${String(value)}" is not true or false`,
		'Switch Simplify on or off, or make its expression give true or false',
	);
}

/**
 * The run's outputs with each item whose input item asked for Simplify cut to `keys`.
 * An input item whose Simplify cannot be read was already refused by the operation
 * (it reads Simplify with the rest): its Failure item keeps the full keys.
 */
export function simplifyOutputs(ctx: IExecuteFunctions, outputs: INodeExecutionData[][], keys: readonly string[]): INodeExecutionData[][] {
	const wanted = new Map<number, boolean>();
	const simplifies = (itemIndex: number): boolean => {
		if (!wanted.has(itemIndex)) {
			let simplify = false;
			try {
				simplify = readSimplify(ctx.getNodeParameter('simplify', itemIndex, false));
			} catch {
				// Refused already: the operation read the same value and made the input failure.
			}
			wanted.set(itemIndex, simplify);
		}
		return wanted.get(itemIndex) === true;
	};
	return outputs.map((items) =>
		items.map((item) => {
			const itemIndex = (item.pairedItem as { item?: number } | undefined)?.item ?? 0;
			if (!simplifies(itemIndex)) return item;
			return { ...item, json: Object.fromEntries(keys.map((key) => [key, item.json[key] ?? null])) };
		}),
	);
}
