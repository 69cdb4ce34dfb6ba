/**
 * Operation "Get Invite Link" (a read): the group's current invite link from
 * GET /api/group/info/:instance?identifier=…&participants=false, never from
 * /resetLink (which would revoke it). One item per input item: { group, groupJid,
 * inviteLink, inviteCode }. No link is a Failure: RyzeAPI gives none when the instance
 * is not an admin (`not_admin`, as WhatsApp shows the link to admins only), and a link
 * that is not a WhatsApp invite (https://chat.whatsapp.com/<code>) is never passed on
 * (`unexpected_response`, with the group RyzeAPI sent in `raw`), since the next node
 * may send it to people.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { failureOf } from '../../helpers/errorCodes';
import { FAILURE_KEYS } from '../../helpers/items';
import { readGroupDetail } from '../../readers/groupDetails';
import { failureItem, type OutputJson } from '../../helpers/items';
import { runPerItem, type PerItemOperation } from '../runner';
import type { Subtitle } from '../subtitle';
import { optionsFor, readTimeoutOption } from './common.descriptions';
import { groupInfoRequest } from './groupInfo';
import { readGroupTarget, type GroupTarget } from './writes';

export const option: INodePropertyOptions = {
	name: 'Get Invite Link',
	value: 'getInviteLink',
	description:
		'Get the current invite link and code of a group without changing it (the instance must be a group admin). To revoke the link and make a new one, use Reset Invite Link.',
	action: 'Get group invite link',
};

export const subtitle: Subtitle = [{ text: 'get invite link' }];

export const description: INodeProperties[] = [optionsFor(option.value as string, [readTimeoutOption])];

/** The keys of every item, Success and Failure alike, in this order (ten: no Simplify needed). */
export const outputKeys = ['success', 'group', 'groupJid', 'inviteLink', 'inviteCode', ...FAILURE_KEYS] as const;

type InviteItem = OutputJson<(typeof outputKeys)[number]>;

const getInviteLink: PerItemOperation<GroupTarget, (typeof outputKeys)[number]> = {
	name: 'getInviteLink',
	kind: 'read',
	outputKeys,
	read: readGroupTarget,
	request: groupInfoRequest,
	describe: ({ instance, group }) => `the invite link of group ${group} on instance ${instance}`,
	map: ({ group }, statusCode, body) => {
		const read = readGroupDetail(body);
		if (!read.ok) return { failure: { ...failureOf('unexpected_response', read.reason, false), statusCode } };
		const { detail } = read;
		const where = { group, groupJid: detail.jid };
		if (detail.inviteProblem !== null) {
			const message = `RyzeAPI's invite link for group ${group} is not used: ${detail.inviteProblem}`;
			return {
				items: [
					failureItem(
						outputKeys,
						{ ...failureOf('unexpected_response', message, false), statusCode },
						{ group: where.group, groupJid: where.groupJid ?? null, raw: detail.raw },
					),
				],
				hints: [],
			};
		}
		if (detail.invite === null) {
			const message = `RyzeAPI gave no invite link for group ${group}: WhatsApp shows it to group admins only`;
			return {
				items: [
					failureItem(
						outputKeys,
						{ ...failureOf('not_admin', message, false), statusCode },
						{ group: where.group, groupJid: where.groupJid ?? null, raw: detail.raw },
					),
				],
				hints: [],
			};
		}
		const item: InviteItem = {
			success: true,
			group,
			groupJid: detail.jid,
			inviteLink: detail.invite.link,
			inviteCode: detail.invite.code,
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
	return await runPerItem(this, items, getInviteLink);
}
