/**
 * The resource index: every operation of the node, in one place. The node's
 * Operation parameter, its subtitle, its parameters and the router all derive
 * from `operations`. Adding an operation: one `<name>.operation.ts` that exports
 * `option`, `subtitle`, `description`, `outputKeys` and `execute`, plus one line here
 * (ARCHITECTURE.md walks it, for a read and for a write).
 */
import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../runner';
import { groupFields } from './common.descriptions';
import * as listJoinRequests from './listJoinRequests.operation';
import * as listParticipants from './listParticipants/listParticipants.operation';
import * as manageParticipants from './manageParticipants/manageParticipants.operation';
import * as sendInviteLink from './sendInviteLink/sendInviteLink.operation';

export const operations: Record<string, Operation> = Object.fromEntries(
	[manageParticipants, listJoinRequests, listParticipants, sendInviteLink].map((operation) => [
		operation.option.value as string,
		operation,
	]),
);

export const DEFAULT_OPERATION = manageParticipants.option.value as string;

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	// Sorted by name, as n8n's lint asks.
	options: Object.values(operations)
		.map((operation) => operation.option)
		.sort((a, b) => a.name.localeCompare(b.name)),
	default: DEFAULT_OPERATION,
};

/** "={{ {"manageParticipants": $parameter["action"] + " participants", …}[$parameter["operation"]] }}" */
export const subtitle = `={{ ({ ${Object.entries(operations)
	.map(([value, operation]) => `${JSON.stringify(value)}: ${operation.subtitle}`)
	.join(', ')} })[$parameter["operation"]] }}`;

export const properties: INodeProperties[] = [
	operationProperty,
	...groupFields,
	...Object.values(operations).flatMap((operation) => operation.description),
];
