/**
 * The one error type for input the node refuses before sending anything: a node
 * field, an option, the credential, or the Participants value as a whole, and the
 * one converter that turns it into what n8n shows: a NodeOperationError that
 * names the field ("Group: … [item 3]" where an item applies; the same words
 * without the item in a picker or a trigger). Under Continue On Fail the per-item
 * runner makes Failure items of it instead.
 */
import { NodeOperationError, type INode } from 'n8n-workflow';

export class InputError extends Error {
	constructor(
		/** The field as the user sees it, e.g. "Group" or "Token (credential)". */
		public readonly field: string,
		message: string,
		/** How to fix it. */
		public readonly hint: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

/**
 * A refused input (or anything else thrown while reading one) as the error n8n
 * shows. `itemIndex`: the item it was read from, in a run; none in a picker, a
 * poll or a webhook, which have no items.
 */
export function fieldError(ctx: { getNode(): INode }, error: unknown, itemIndex?: number): NodeOperationError {
	const options = itemIndex === undefined ? {} : { itemIndex };
	if (error instanceof InputError) {
		const where = itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
		return new NodeOperationError(ctx.getNode(), `${error.field}: ${error.message}${where}`, { ...options, description: error.hint });
	}
	return new NodeOperationError(ctx.getNode(), error as Error, options);
}
