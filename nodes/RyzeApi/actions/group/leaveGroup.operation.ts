/**
 * Operation "Leave Group" (a write that may be resent): DELETE
 * /api/group/leave/:instance?identifier=… (JID, invite code or link). The instance
 * leaves the group; one item per input item: { group, groupJid }.
 *
 * Its kind: RyzeAPI documents it as "Idempotent: yes (leaving a group you have already
 * left returns 404)": a second send changes nothing, so it opts in to resends
 * (`retryOnServerErrors`), made only when the user turns Options → Retry on Server
 * Errors on. Not by default, because a resend of a leave that went through answers 404:
 * the item would then say group_not_found for a group the instance did leave.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { FAILURE_KEYS } from '../../helpers/items';
import { readLeaveAnswer } from '../../readers/groupWrites';
import { instancePath } from '../../transport/http/request';
import type { OutputJson } from '../../helpers/items';
import { runPerItem, type PerItemOperation } from '../runner';
import type { Subtitle } from '../subtitle';
import { optionsFor, readTimeoutOption } from './common.descriptions';
import { readGroupTarget, retryOnServerErrorsOption, unconfirmed, type GroupTarget } from './writes';

export const option: INodePropertyOptions = {
	name: 'Leave Group',
	value: 'leaveGroup',
	description: 'Make the instance leave a group. To come back it needs a new invite (or an admin adds it again).',
	action: 'Leave group',
};

export const subtitle: Subtitle = [{ text: 'leave group' }];

export const description: INodeProperties[] = [
	optionsFor(option.value as string, [
		retryOnServerErrorsOption(
			'Leaving twice changes nothing, but if the first call went through, the second answers 404 and the item says group_not_found.',
		),
		readTimeoutOption,
	]),
];

/** The keys of every item, Success and Failure alike, in this order. */
export const outputKeys = ['success', 'group', 'groupJid', ...FAILURE_KEYS] as const;

type LeaveItem = OutputJson<(typeof outputKeys)[number]>;

const leaveGroup: PerItemOperation<GroupTarget, (typeof outputKeys)[number]> = {
	name: 'leaveGroup',
	// "Idempotent: yes": harmless to repeat, so it may be resent, with the user's consent (see above).
	kind: 'write',
	retryOnServerErrors: true,
	outputKeys,
	read: readGroupTarget,
	request: ({ instance, group, timeoutMs }) => ({
		method: 'DELETE',
		path: instancePath('leave', instance),
		qs: { identifier: group },
		timeoutMs,
	}),
	describe: ({ instance, group }) => `leaving group ${group} on instance ${instance}`,
	map: ({ group }, statusCode, body) => {
		const read = readLeaveAnswer(body);
		if (!read.ok) return { failure: unconfirmed(statusCode, read.reason, 'The instance may have left the group: check List Groups') };
		const item: LeaveItem = {
			success: true,
			group,
			groupJid: read.groupJid,
			error: null,
			errorCode: null,
			statusCode,
			outcomeUnknown: false,
			raw: null,
		};
		return { items: [item], hints: [] };
	},
};

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, leaveGroup);
}
