/**
 * Operation "Reset Invite Link" (a write): POST /api/group/resetLink/:instance
 * {identifier}. Revokes the group's invite link and makes a new one; one item per input
 * item: { group, groupJid, inviteLink, inviteCode }. Never sent twice: RyzeAPI documents
 * it as not idempotent ("each call generates a different code"), so a resend after an
 * unknown outcome would revoke the link the first call made. A 2xx without a WhatsApp
 * invite link (https://chat.whatsapp.com/<code>) is a Failure with `outcomeUnknown`:
 * the link may have been reset, and a link to anywhere else is never passed on.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { FAILURE_KEYS } from '../../helpers/items';
import { readResetLink } from '../../readers/groupLinks';
import { refusal } from '../../readers/groupWrites';
import { instancePath } from '../../transport/http/request';
import type { OutputJson } from '../../helpers/items';
import { runPerItem, type PerItemOperation } from '../runner';
import type { Subtitle } from '../subtitle';
import { optionsFor, readTimeoutOption } from './common.descriptions';
import { readGroupTarget, unconfirmed, type GroupTarget } from './writes';

export const option: INodePropertyOptions = {
	name: 'Reset Invite Link',
	value: 'resetInviteLink',
	description:
		"Revoke the group's invite link and make a new one (the instance must be a group admin): the old link stops working at once. To read the current link without changing it, use Get Invite Link.",
	action: 'Reset group invite link',
};

export const subtitle: Subtitle = [{ text: 'reset invite link' }];

export const description: INodeProperties[] = [optionsFor(option.value as string, [readTimeoutOption])];

/** The keys of every item, Success and Failure alike, in this order (ten: no Simplify needed). */
export const outputKeys = ['success', 'group', 'groupJid', 'inviteLink', 'inviteCode', ...FAILURE_KEYS] as const;

type ResetItem = OutputJson<(typeof outputKeys)[number]>;

const resetInviteLink: PerItemOperation<GroupTarget, (typeof outputKeys)[number]> = {
	name: 'resetInviteLink',
	// "Idempotent: no (each call generates a different code)": a second send revokes the first one's link.
	kind: 'write',
	outputKeys,
	read: readGroupTarget,
	request: ({ instance, group, timeoutMs }) => ({
		method: 'POST',
		path: instancePath('resetLink', instance),
		body: { identifier: group },
		timeoutMs,
	}),
	describe: ({ instance, group }) => `resetting the invite link of group ${group} on instance ${instance}`,
	map: ({ group }, statusCode, body) => {
		const refused = refusal(body, 'the reset');
		const link = refused ? null : readResetLink(body);
		if (link === null) {
			const reason = refused?.reason ?? `RyzeAPI answered the reset (HTTP ${statusCode}) without a WhatsApp invite link`;
			const check = 'The link may have been reset (the old one would then no longer work): read the current one with Get Invite Link';
			return { failure: unconfirmed(statusCode, reason, check) };
		}
		const item: ResetItem = {
			success: true,
			group,
			groupJid: link.groupJid,
			inviteLink: link.inviteLink,
			inviteCode: link.inviteCode,
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
	return await runPerItem(this, items, resetInviteLink);
}
