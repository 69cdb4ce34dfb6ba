/**
 * The one error type for input the node refuses before sending anything: a node
 * field, an option, the credential, or the Participants value as a whole. The
 * per-item runner turns it into a NodeOperationError that names the field and
 * the item, or, under Continue On Fail, into Failure items.
 */
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
