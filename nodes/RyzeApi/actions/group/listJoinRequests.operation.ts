/**
 * Operation "List Join Requests": GET /api/group/requests/:instance?identifier=…
 * One Success item per pending request ({ jid (the LID), phoneNumber, requestedAt,
 * group, instance }), ready to be matched and passed to Approve or Reject.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { failureOf } from '../../helpers/errorCodes';
import { readJoinRequests } from '../../helpers/groupLinks';
import type { CallFailure } from '../../helpers/types';
import { READ_TIMEOUT_MS, readTimeout, validateGroup, validateInstance } from '../../helpers/validation';
import { instancePath } from '../../transport/http/request';
import { runPerItem, type PerItemOperation } from '../runner';
import { optionsFor, readTimeoutOption } from './fields';

export const option: INodePropertyOptions = {
	name: 'List Join Requests',
	value: 'listJoinRequests',
	description:
		'List people waiting for admin approval to join group: one item each, with the LID (jid) to pass to Approve or Reject and their phone number when WhatsApp shares it',
	action: 'List pending group join requests',
};

export const subtitle = JSON.stringify('list join requests');

export const description: INodeProperties[] = [optionsFor(option.value as string, [readTimeoutOption])];

interface Read {
	instance: string;
	group: string;
	timeoutMs: number;
}

/** A whole-call failure of the item, as its one Failure item. */
function failureJson(where: { group: string | null; instance: string | null }, failure: CallFailure) {
	return {
		success: false,
		jid: null,
		phoneNumber: null,
		requestedAt: null,
		group: where.group,
		groupJid: null,
		instance: where.instance,
		error: failure.message,
		errorCode: failure.errorCode,
		statusCode: failure.statusCode,
		outcomeUnknown: failure.outcomeUnknown,
	};
}

const listJoinRequests: PerItemOperation<Read> = {
	name: 'listJoinRequests',
	read: (ctx, itemIndex, settings) => ({
		instance: validateInstance(ctx.getNodeParameter('instance', itemIndex, ''), settings.defaultInstance),
		group: validateGroup(ctx.getNodeParameter('group', itemIndex, '')),
		timeoutMs: readTimeout((ctx.getNodeParameter('options', itemIndex, {}) as IDataObject).timeout, READ_TIMEOUT_MS),
	}),
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
			read.requests.length === 0
				? [`No pending join requests in group ${group}. The queue is empty, or the group does not require admin approval.`]
				: [];
		return { items: read.requests.map((request) => ({ success: true, ...request, group, groupJid: read.groupJid, instance })), hints };
	},
	failureJson,
};

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, listJoinRequests);
}
