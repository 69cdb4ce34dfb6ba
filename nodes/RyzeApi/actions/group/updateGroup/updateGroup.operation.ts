/**
 * Operation "Update Group" (a write that may be resent): PUT /api/group/update/:instance
 * {identifier, name?, description?, image?, removeImage?, groupSettings?}, only the
 * fields added under Update Fields (fields.ts). One item per input item: { group,
 * groupJid, name (as RyzeAPI now reports it), updated (what was asked, by the node's
 * field names) }.
 *
 * Its kind: RyzeAPI documents it as "Idempotent: partial (sending the same values
 * produces no effect)". A resend of the same body after an unknown outcome changes
 * nothing the first send did not, so it is harmless — but not free: had someone else
 * changed the same field in between, the resend would set it back. So it is a write
 * that opts in (`retryOnServerErrors`), resent only when the user turns Options →
 * Retry on Server Errors on, never by default.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { FAILURE_KEYS } from '../../../helpers/items';
import { readUpdatedGroup } from '../../../readers/groupWrites';
import { instancePath } from '../../../transport/http/request';
import type { OutputJson } from '../../../helpers/items';
import { runPerItem, type PerItemOperation } from '../../runner';
import type { Subtitle } from '../../subtitle';
import { optionsFor, readTimeoutOption } from '../common.descriptions';
import { readGroupTarget, retryOnServerErrorsOption, unconfirmed, type GroupTarget } from '../writes';
import { readUpdate, updateFieldsProperty, type Update } from './fields';

export const option: INodePropertyOptions = {
	name: 'Update Group',
	value: 'updateGroup',
	description:
		"Change a group's name, description, picture or settings (who may edit the info, send messages, add people; whether joins need approval). Only the fields added are sent.",
	action: 'Update group settings',
};

export const subtitle: Subtitle = [{ text: 'update group' }];

export const description: INodeProperties[] = [
	updateFieldsProperty,
	optionsFor(option.value as string, [
		retryOnServerErrorsOption(
			'RyzeAPI documents an update as idempotent for the same values, but a resend would set back a change someone else made in between.',
		),
		readTimeoutOption,
	]),
];

/** The keys of every item, Success and Failure alike, in this order (ten: no Simplify needed). */
export const outputKeys = ['success', 'group', 'groupJid', 'name', 'updated', ...FAILURE_KEYS] as const;

type UpdateItem = OutputJson<(typeof outputKeys)[number]>;

type Read = GroupTarget & Update;

const updateGroup: PerItemOperation<Read, (typeof outputKeys)[number]> = {
	name: 'updateGroup',
	// "Idempotent: partial": harmless to repeat, so it may be resent, with the user's consent (see above).
	kind: 'write',
	retryOnServerErrors: true,
	outputKeys,
	read: (ctx, itemIndex, settings) => {
		const target = readGroupTarget(ctx, itemIndex, settings);
		return { ...target, ...readUpdate(ctx.getNodeParameter('updateFields', itemIndex, {})) };
	},
	request: ({ instance, group, timeoutMs, body }) => ({
		method: 'PUT',
		path: instancePath('update', instance),
		body: { identifier: group, ...body },
		timeoutMs,
	}),
	describe: ({ instance, group, updated }) => `updating ${Object.keys(updated).join(', ')} of group ${group} on instance ${instance}`,
	map: ({ group, updated }, statusCode, body) => {
		const read = readUpdatedGroup(body);
		if (!read.ok) {
			return { failure: unconfirmed(statusCode, read.reason, 'The group may have been updated: check it with Get Group') };
		}
		const item: UpdateItem = {
			success: true,
			group,
			groupJid: read.groupJid,
			name: read.name,
			updated,
			error: null,
			errorCode: null,
			statusCode,
			outcomeUnknown: false,
			raw: null,
		};
		return { items: [item], hints: [] };
	},
	knownOnFailure: (read) => ({ updated: read?.updated ?? null }),
};

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, updateGroup);
}
