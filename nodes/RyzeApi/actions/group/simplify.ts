/**
 * Simplify (`simplify`), n8n's answer to items with more than 10 keys: the simplified
 * item keeps what a workflow branches on and acts on (success, errorCode, error, the
 * participant, the group and, where present, the invite link and the message sent), in
 * the operation's order, on Success and Failure alike, with the same pairedItem.
 *
 * An operation whose items have more than 10 keys names its simplified keys beside its
 * `outputKeys` (`simplifiedOutputKeys`; `simplifiedOptionalOutputKeys` for keys only some
 * items carry, kept where the item has them), shows `simplifyFields` and refuses a
 * Simplify that is not true or false (`readSimplifyOf`); the router cuts its items.
 *
 * Node versions 1 and 1.1: off by default, so saved workflows keep their output. From
 * 1.2 (new nodes, and so new tools): on by default. Two Simplify fields, one per version
 * range (`@version` in displayOptions): n8n fills in the default of the one it shows.
 */
import type { IDisplayOptions, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/inputError';

/** The first node version in which Simplify is on by default. */
const SIMPLIFY_BY_DEFAULT_FROM = 1.2;

/** Whether Simplify is on in a node of `typeVersion` that does not say (n8n fills the same default in). */
function simplifyByDefault(typeVersion: number): boolean {
	return typeVersion >= SIMPLIFY_BY_DEFAULT_FROM;
}

/** The Simplify switch of `operation`, twice: off by default before version 1.2, on from 1.2. */
export function simplifyFields(operation: string): INodeProperties[] {
	const shownIn = (versions: NonNullable<NonNullable<IDisplayOptions['show']>['@version']>): IDisplayOptions => ({
		show: { operation: [operation], '@version': versions },
	});
	return [
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: false,
			displayOptions: shownIn([{ _cnd: { lt: SIMPLIFY_BY_DEFAULT_FROM } }]),
			description: 'Whether to return a simplified version of the response instead of the raw data',
		},
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			displayOptions: shownIn([{ _cnd: { gte: SIMPLIFY_BY_DEFAULT_FROM } }]),
			description: 'Whether to return a simplified version of the response instead of the raw data',
		},
	];
}

/** Simplify as an expression may give it: true, false, or their text. */
function readSimplify(value: unknown): boolean {
	if (value === undefined || value === null || value === '' || value === false || value === 'false') return false;
	if (value === true || value === 'true') return true;
	throw new InputError(
		'Simplify',
		`Simplify "${String(value)}" is not true or false`,
		'Switch Simplify on or off, or make its expression give true or false',
	);
}

/** An input item's Simplify (its node version's default when the node does not say); InputError when it is not true or false. */
export function readSimplifyOf(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return readSimplify(ctx.getNodeParameter('simplify', itemIndex, simplifyByDefault(ctx.getNode().typeVersion)));
}

/** What an operation with Simplify names beside its `outputKeys`. */
export interface SimplifiedKeys {
	/** The keys of every simplified item, a part of `outputKeys` in their order. */
	simplifiedOutputKeys: readonly string[];
	/** Keys only some items carry (of `optionalOutputKeys`), kept where the item has them. */
	simplifiedOptionalOutputKeys?: readonly string[];
}

/**
 * The run's outputs with each item whose input item asked for Simplify cut to its
 * simplified keys, on the same output, with the same pairedItem. An input item whose
 * Simplify cannot be read was already refused by the operation (it reads Simplify with
 * the rest): its Failure item keeps the full keys.
 */
export function simplifyOutputs(ctx: IExecuteFunctions, outputs: INodeExecutionData[][], keys: SimplifiedKeys): INodeExecutionData[][] {
	const byDefault = simplifyByDefault(ctx.getNode().typeVersion);
	const wanted = new Map<number, boolean>();
	const simplifies = (itemIndex: number): boolean => {
		if (!wanted.has(itemIndex)) {
			let simplify = false;
			try {
				simplify = readSimplify(ctx.getNodeParameter('simplify', itemIndex, byDefault));
			} catch {
				// Refused already: the operation read the same value and made the input failure.
			}
			wanted.set(itemIndex, simplify);
		}
		return wanted.get(itemIndex) === true;
	};
	const optional = keys.simplifiedOptionalOutputKeys ?? [];
	return outputs.map((items) =>
		items.map((item) => {
			const itemIndex = (item.pairedItem as { item?: number } | undefined)?.item ?? 0;
			if (!simplifies(itemIndex)) return item;
			const { json } = item;
			const kept = [
				...keys.simplifiedOutputKeys.map((key) => [key, json[key] ?? null] as const),
				...optional.filter((key) => Object.prototype.hasOwnProperty.call(json, key)).map((key) => [key, json[key]] as const),
			];
			return { ...item, json: Object.fromEntries(kept) };
		}),
	);
}
