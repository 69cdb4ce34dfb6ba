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
import * as getGroup from './getGroup.operation';
import * as getInviteLink from './getInviteLink.operation';
import * as listGroups from './listGroups.operation';
import * as listJoinRequests from './listJoinRequests.operation';
import * as listParticipants from './listParticipants/listParticipants.operation';
import * as manageParticipants from './manageParticipants/manageParticipants.operation';
// The group writes (issue 23).
import * as createGroup from './createGroup/createGroup.operation';
import * as joinGroup from './joinGroup.operation';
import * as leaveGroup from './leaveGroup.operation';
import * as resetInviteLink from './resetInviteLink.operation';
import * as updateGroup from './updateGroup/updateGroup.operation';

const groupWrites = [resetInviteLink, updateGroup, createGroup, joinGroup, leaveGroup];

export const operations: Record<string, Operation> = Object.fromEntries(
	[manageParticipants, listJoinRequests, listParticipants, getGroup, getInviteLink, listGroups, ...groupWrites].map((operation) => [
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
