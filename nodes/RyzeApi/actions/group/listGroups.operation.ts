/**
 * Operation "List Groups" (a read): GET /api/group/list/:instance.
 * One Success item per group the instance is in ({ jid, name, participantCount, the
 * roles and community flags when RyzeAPI gives them, instance, raw }), in RyzeAPI's
 * order; Return All or Limit, and Name Contains, as n8n's list operations. An agent
 * finds a group by name here, then passes its `jid` as Group to the other operations.
 * An entry that is not a group becomes a Failure item saying why; none is dropped.
 * However long the list, at most MAX_LISTED_GROUPS items per call: past it a Failure
 * item says how many entries were left unread.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { failureOf } from '../../helpers/errorCodes';
import { InputError } from '../../helpers/inputError';
import { FAILURE_KEYS } from '../../helpers/items';
import { READ_TIMEOUT_MS, readTimeout, validateInstance } from '../../helpers/validation';
import { readListedGroups, type ListedGroup } from '../../readers/groupDetails';
import { instancePath } from '../../transport/http/request';
import { failureItem, type OutputJson } from '../../helpers/items';
import { runPerItem, type PerItemOperation } from '../runner';
import type { Subtitle } from '../subtitle';
import { optionsFor, readTimeoutOption } from './common.descriptions';
import { readSimplifyOf, simplifyFields } from './simplify';

/** The most items one call gives (groups and unreadable entries): far beyond any real account, small enough for memory. */
export const MAX_LISTED_GROUPS = 10_000;
const DEFAULT_LIMIT = 50;

export const option: INodePropertyOptions = {
	name: 'List Groups',
	value: 'listGroups',
	description:
		'List the groups the instance is in: one item each, with the group JID (pass it as Group to the other operations), name and member count. Filter by name to find a group.',
	action: 'List groups and find group by name',
};

export const subtitle: Subtitle = [{ text: 'list groups' }];

const show = { operation: [option.value as string] };

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_LISTED_GROUPS },
		default: 50,
		displayOptions: { show: { ...show, returnAll: [false] } },
		description: 'Max number of results to return',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Name Contains',
				name: 'nameContains',
				type: 'string',
				default: '',
				placeholder: 'Customers',
				description: 'Only groups whose name contains this text (ignoring case)',
			},
		],
	},
	...simplifyFields(option.value as string),
	optionsFor(option.value as string, [readTimeoutOption]),
];

/** The keys of every item, Success and Failure alike, in this order. */
export const outputKeys = [
	'success',
	'jid',
	'name',
	'participantCount',
	'isAdmin',
	'isSuperAdmin',
	'isCommunity',
	'isDefaultSubGroup',
	'communityJid',
	'instance',
	...FAILURE_KEYS,
] as const;

/** The keys of a simplified item (Simplify on: simplify.ts). */
export const simplifiedOutputKeys = ['success', 'jid', 'name', 'participantCount', 'error', 'errorCode'] as const;

type GroupItem = OutputJson<(typeof outputKeys)[number]>;

interface Read {
	instance: string;
	group: null;
	/** null: Return All. */
	limit: number | null;
	nameContains: string;
	timeoutMs: number;
}

function readLimit(returnAll: unknown, limit: unknown): number | null {
	if (returnAll === true || returnAll === 'true') return null;
	const value = limit === undefined || limit === null || limit === '' ? DEFAULT_LIMIT : typeof limit === 'number' ? limit : Number(limit);
	if (!Number.isInteger(value) || value < 1 || value > MAX_LISTED_GROUPS) {
		throw new InputError(
			'Limit',
			`Limit "${String(limit)}" is not a whole number from 1 to ${MAX_LISTED_GROUPS}`,
			'Enter e.g. 50, or turn Return All on',
		);
	}
	return value;
}

function readNameContains(filters: IDataObject): string {
	const value = filters.nameContains;
	if (value === undefined || value === null) return '';
	if (typeof value === 'string' || typeof value === 'number') return String(value);
	throw new InputError('Name Contains', 'Name Contains is not text', 'Enter part of the group name, e.g. Customers');
}

function groupJson(group: ListedGroup, instance: string, statusCode: number): GroupItem {
	return {
		success: true,
		jid: group.jid,
		name: group.name,
		participantCount: group.participantCount,
		isAdmin: group.isAdmin,
		isSuperAdmin: group.isSuperAdmin,
		isCommunity: group.isCommunity,
		isDefaultSubGroup: group.isDefaultSubGroup,
		communityJid: group.communityJid,
		instance,
		error: null,
		errorCode: null,
		statusCode,
		outcomeUnknown: false,
		raw: group.raw,
	};
}

const listGroups: PerItemOperation<Read, (typeof outputKeys)[number]> = {
	name: 'listGroups',
	kind: 'read',
	outputKeys,
	read: (ctx, itemIndex, settings) => {
		readSimplifyOf(ctx, itemIndex);
		return {
			instance: validateInstance(ctx.getNodeParameter('instance', itemIndex, ''), settings.defaultInstance),
			group: null,
			limit: readLimit(ctx.getNodeParameter('returnAll', itemIndex, false), ctx.getNodeParameter('limit', itemIndex, DEFAULT_LIMIT)),
			nameContains: readNameContains(ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject),
			timeoutMs: readTimeout((ctx.getNodeParameter('options', itemIndex, {}) as IDataObject).timeout, READ_TIMEOUT_MS),
		};
	},
	request: ({ instance, timeoutMs }) => ({ method: 'GET', path: instancePath('list', instance), timeoutMs }),
	describe: ({ instance }) => `groups of instance ${instance}`,
	map: ({ instance, limit, nameContains }, statusCode, body) => {
		const read = readListedGroups(body, { nameContains, limit, cap: MAX_LISTED_GROUPS });
		if (!read.ok) return { failure: { ...failureOf('unexpected_response', read.reason, false), statusCode } };
		const unreadable = (position: number, reason: string) => ({
			...failureOf('unexpected_response', `Group list entry ${position + 1} of ${read.total} could not be read: ${reason}`, false),
			statusCode,
		});
		const items = [
			...read.groups.map((group) => groupJson(group, instance, statusCode)),
			...read.unreadable.map((entry) => failureItem(outputKeys, unreadable(entry.position, entry.reason), { instance, raw: entry.raw })),
		];
		const hints: string[] = [];
		if (read.capped) {
			const message = `RyzeAPI listed ${read.total} entries; the node stopped at ${MAX_LISTED_GROUPS} items (its cap per call) and left ${read.total - read.read} unread`;
			items.push(failureItem(outputKeys, { ...failureOf('response_too_large', message, false), statusCode }, { instance }));
			hints.push(`${message}. Use Name Contains to narrow the list.`);
		}
		if (read.groups.length === 0 && read.unreadable.length === 0) {
			hints.push(
				nameContains.trim() === ''
					? `No groups listed for instance ${instance}.`
					: `No group of instance ${instance} has a name containing the Name Contains text.`,
			);
		}
		return { items, hints };
	},
};

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, listGroups);
}
