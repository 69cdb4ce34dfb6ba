/**
 * The resource index: every operation of the node, in one place. The node's
 * Operation parameter, its subtitle, its parameters and the router all derive
 * from `operations`.
 *
 * Adding an operation, and what fails when a step is forgotten:
 * 1. RyzeAPI's route, with its doc page, in ROUTES of test/contract/ryzeapi.ts
 *    (outputKeys.test.ts: "calls only routes the RyzeAPI contract documents"), then
 *    in the simulator, test/simulator/routes.ts + groupRoutes.ts (outputKeys.test.ts:
 *    "the scenarios gave Success and Failure items", naming the simulator's 404).
 * 2. `<name>.operation.ts` (a folder for a larger one) exporting `option` (name in
 *    Title Case; `action` in sentence case, no article, naming the group:
 *    RyzeApi.node.test.ts), `subtitle` as data, e.g. `[{ text: 'leave group' }]` or
 *    `[{ parameter: 'action' }, { text: ' participants' }]` (typecheck;
 *    Group.resource.test.ts renders it with n8n's own expression code),
 *    `description` built with `optionsFor` or shown for this operation only
 *    (Group.resource.test.ts), `outputKeys` with 'success' first and
 *    `...FAILURE_KEYS` last (Group.resource.test.ts) and `execute`. One call per item:
 *    a `PerItemOperation` (`kind` is mandatory, items typed by `outputKeys`: typecheck)
 *    run by `runPerItem`, whose Failure items are `failureItem(outputKeys, …)`
 *    (helpers/items.ts), as are the operation's own (an entry it cannot read).
 * 3. One import and one entry in `operations` below (test/repo/exports.test.ts
 *    lists the exports nothing reads).
 * 4. Its scenarios in SCENARIOS of test/support/operationScenarios.ts, run by outputKeys.test.ts
 *    ("has scenarios for every operation of the index"), and its own behaviour test
 *    (nothing fails without it: review).
 * 5. Its row in REVIEWED_OPERATIONS of test/unit/actions/group/Group.resource.test.ts,
 *    once docs/reference.md, the README's Operations table and CHANGELOG.md say it
 *    (the reviewed list fails, naming them; the texts themselves are reviewed).
 */
import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../runner';
import { subtitleExpression } from '../subtitle';
import { groupFields } from './common.descriptions';
import * as getGroup from './getGroup.operation';
import * as getInviteLink from './getInviteLink.operation';
import * as listGroups from './listGroups.operation';
import * as listJoinRequests from './listJoinRequests.operation';
import * as listParticipants from './listParticipants/listParticipants.operation';
import * as manageParticipants from './manageParticipants/manageParticipants.operation';
import * as sendInviteLink from './sendInviteLink/sendInviteLink.operation';
// The group writes (issue 23).
import * as createGroup from './createGroup/createGroup.operation';
import * as joinGroup from './joinGroup.operation';
import * as leaveGroup from './leaveGroup.operation';
import * as resetInviteLink from './resetInviteLink.operation';
import * as updateGroup from './updateGroup/updateGroup.operation';

const groupWrites = [resetInviteLink, updateGroup, createGroup, joinGroup, leaveGroup];

export const operations: Record<string, Operation> = Object.fromEntries(
	[manageParticipants, listJoinRequests, listParticipants, getGroup, getInviteLink, listGroups, ...groupWrites, sendInviteLink].map(
		(operation) => [operation.option.value as string, operation],
	),
);

export const DEFAULT_OPERATION = manageParticipants.option.value as string;

/**
 * The one resource, Group. n8n (2.8 to 2.41, NodeHelpers.makeDescription) describes a
 * tool whose description is "Set Automatically" by its operation's `action` only when
 * the Operation parameter is shown for a `resource` value; without one, every RyzeAPI
 * tool got the node's description. A saved workflow stores no resource: n8n fills in
 * the default, so it still shows its operation, in every node version.
 */
const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [{ name: 'Group', value: 'group' }],
	default: 'group',
};

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['group'] } },
	// Sorted by name, as n8n's lint asks.
	options: Object.values(operations)
		.map((operation) => operation.option)
		.sort((a, b) => a.name.localeCompare(b.name)),
	default: DEFAULT_OPERATION,
};

/** Built from every operation's `subtitle` data (actions/subtitle.ts). */
export const subtitle = subtitleExpression(Object.entries(operations).map(([value, operation]) => [value, operation.subtitle]));

export const properties: INodeProperties[] = [
	resourceProperty,
	operationProperty,
	...groupFields,
	...Object.values(operations).flatMap((operation) => operation.description),
];
