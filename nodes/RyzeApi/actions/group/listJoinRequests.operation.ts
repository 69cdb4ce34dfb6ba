/**
 * Operation "List Join Requests" (a read): GET /api/group/requests/:instance?identifier=…
 * One Success item per pending request ({ jid (the LID), phoneNumber, phoneJid,
 * requestedAt, group, groupJid, instance }), ready to be matched and passed to Approve
 * or Reject. An entry that is not a request becomes a Failure item saying why; none is
 * dropped. Success and Failure items have the same keys (`outputKeys`).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { failureOf } from '../../helpers/errorCodes';
import { FAILURE_KEYS, failureItem, type OutputJson } from '../../helpers/items';
import { readJoinRequests } from '../../readers/groupLinks';
import { READ_TIMEOUT_MS, readTimeout, validateGroup, validateInstance } from '../../helpers/validation';
import { instancePath } from '../../transport/http/request';
import { runPerItem, type PerItemOperation } from '../runner';
import type { Subtitle } from '../subtitle';
import { optionsFor, readTimeoutOption } from './common.descriptions';
import { readSimplifyOf, simplifyFields } from './simplify';

export const option: INodePropertyOptions = {
	name: 'List Join Requests',
	value: 'listJoinRequests',
	description:
		'List people waiting for admin approval to join group: one item each, with the LID (jid) to pass to Approve or Reject and their phone number when WhatsApp shares it',
	action: 'List pending group join requests',
};

export const subtitle: Subtitle = [{ text: 'list join requests' }];

export const description: INodeProperties[] = [
	...simplifyFields(option.value as string),
	optionsFor(option.value as string, [readTimeoutOption]),
];

/** The keys of every item, Success and Failure alike, in this order. */
export const outputKeys = [
	'success',
	'jid',
	'phoneNumber',
	'phoneJid',
	'requestedAt',
	'group',
	'groupJid',
	'instance',
	...FAILURE_KEYS,
] as const;

/** The keys of a simplified item (Simplify on: simplify.ts): the requester to approve or reject, and the outcome. */
export const simplifiedOutputKeys = ['success', 'jid', 'phoneNumber', 'group', 'error', 'errorCode'] as const;

type JoinRequestItem = OutputJson<(typeof outputKeys)[number]>;

interface Read {
	instance: string;
	group: string;
	timeoutMs: number;
}

const listJoinRequests: PerItemOperation<Read, (typeof outputKeys)[number]> = {
	name: 'listJoinRequests',
	kind: 'read',
	outputKeys,
	read: (ctx, itemIndex, settings) => {
		readSimplifyOf(ctx, itemIndex);
		return {
			instance: validateInstance(ctx.getNodeParameter('instance', itemIndex, ''), settings.defaultInstance),
			group: validateGroup(ctx.getNodeParameter('group', itemIndex, '')),
			timeoutMs: readTimeout((ctx.getNodeParameter('options', itemIndex, {}) as IDataObject).timeout, READ_TIMEOUT_MS),
		};
	},
	request: ({ instance, group, timeoutMs }) => ({
		method: 'GET',
		path: instancePath('requests', instance),
		qs: { identifier: group },
		timeoutMs,
	}),
	describe: ({ instance, group }) => `join requests of group ${group} on instance ${instance}`,
	map: ({ instance, group }, statusCode, body) => {
		const read = readJoinRequests(body);
		if (!read.ok) return { failure: { ...failureOf('unexpected_response', read.reason, false), statusCode } };
		const hints =
			read.total === 0
				? [`No pending join requests in group ${group}. The queue is empty, or the group does not require admin approval.`]
				: [];
		const success = read.requests.map(
			(request): JoinRequestItem => ({
				success: true,
				jid: request.jid,
				phoneNumber: request.phoneNumber,
				phoneJid: request.phoneJid,
				requestedAt: request.requestedAt,
				group,
				groupJid: read.groupJid,
				instance,
				error: null,
				errorCode: null,
				statusCode,
				outcomeUnknown: false,
				raw: null,
			}),
		);
		// An entry that is not a request: a Failure item saying which and why, the entry in `raw`.
		const failure = read.unreadable.map((entry) =>
			failureItem(
				outputKeys,
				{
					...failureOf(
						'unexpected_response',
						`Join request entry ${entry.position + 1} of ${read.total} could not be read: ${entry.reason}`,
						false,
					),
					statusCode,
				},
				{ group, groupJid: read.groupJid, instance, raw: entry.raw },
			),
		);
		return { items: [...success, ...failure], hints };
	},
};

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, listJoinRequests);
}
