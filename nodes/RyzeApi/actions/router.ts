/** Dispatches a run to its operation. */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { operations } from './group/Group.resource';
import { simplifyOutputs } from './group/simplify';

/** Fields that are text in node version 1 and resource locators from 1.1. */
export const LOCATOR_PARAMETERS: ReadonlySet<string> = new Set(['instance', 'group']);

/**
 * The run's context, except that Instance and Group are always read with
 * `extractValue: true`: a resource locator ({ mode, value }, version 1.1) gives its
 * value, a version-1 text field gives itself. Every operation, and every helper
 * that reads them, gets the same string in both versions.
 */
export function withLocatorValues(ctx: IExecuteFunctions): IExecuteFunctions {
	const getNodeParameter = ((name: string, itemIndex: number, fallback?: unknown, options?: Record<string, unknown>) =>
		LOCATOR_PARAMETERS.has(name)
			? ctx.getNodeParameter(name, itemIndex, fallback, { ...options, extractValue: true })
			: ctx.getNodeParameter(name, itemIndex, fallback, options)) as IExecuteFunctions['getNodeParameter'];
	return new Proxy(ctx, {
		get(target, property, receiver) {
			if (property === 'getNodeParameter') return getNodeParameter;
			const value: unknown = Reflect.get(target, property, receiver);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const ctx = withLocatorValues(this);
	const items = ctx.getInputData();
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const chosen = Object.prototype.hasOwnProperty.call(operations, operation) ? operations[operation] : undefined;
	if (chosen) {
		const outputs = await chosen.execute.call(ctx, items);
		// Simplify: the operation named its simplified keys, and refused a Simplify it cannot read.
		const { simplifiedOutputKeys, simplifiedOptionalOutputKeys } = chosen;
		return simplifiedOutputKeys ? simplifyOutputs(ctx, outputs, { simplifiedOutputKeys, simplifiedOptionalOutputKeys }) : outputs;
	}
	if (operation === '__CUSTOM_API_CALL__') {
		// n8n adds "Custom API Call" to nodes whose credential can sign HTTP Request calls.
		throw new NodeOperationError(ctx.getNode(), 'Custom API calls are made with the HTTP Request node', {
			description:
				'Add an HTTP Request node, set Authentication to "Predefined Credential Type" and pick the Ryze API credential: it sends the token header for any RyzeAPI endpoint',
			itemIndex: 0,
		});
	}
	throw new NodeOperationError(ctx.getNode(), `Operation "${operation}" is not supported`, {
		description: `Choose one of: ${Object.values(operations)
			.map((known) => known.option.name)
			.join(', ')}`,
		itemIndex: 0,
	});
}
