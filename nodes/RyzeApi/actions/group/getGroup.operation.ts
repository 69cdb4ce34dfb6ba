/**
 * Operation "Get Group" (a read): GET /api/group/info/:instance?identifier=…&participants=false.
 * One item per input item: the group's JID, name, description, invite link and code,
 * creator, creation time, member count, its four settings and `raw` (the group as
 * RyzeAPI sent it). The invite is null where RyzeAPI gives none (WhatsApp shows it to
 * admins only) or gives something that is not a WhatsApp invite (the output pane says
 * which). An answer that cannot be read is a Failure item saying why, with `raw`.
 * Simplify cuts the item to what a workflow acts on.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { failureOf } from '../../helpers/errorCodes';
import { FAILURE_KEYS } from '../../helpers/items';
import { readGroupDetail } from '../../readers/groupDetails';
import type { OutputJson } from '../../helpers/items';
import { runPerItem, type PerItemOperation } from '../runner';
import type { Subtitle } from '../subtitle';
import { optionsFor, readTimeoutOption } from './common.descriptions';
import { groupInfoRequest } from './groupInfo';
import { readGroupTarget, type GroupTarget } from './writes';
import { readSimplifyOf, simplifyFields } from './simplify';

export const option: INodePropertyOptions = {
	name: 'Get Group',
	value: 'getGroup',
	description:
		'Get a group: name, description, invite link (for admins), creator, creation time, member count and its settings (who may edit the info, send messages, add members; whether joining needs admin approval)',
	action: 'Get group details',
};

export const subtitle: Subtitle = [{ text: 'get group' }];

export const description: INodeProperties[] = [
	...simplifyFields(option.value as string),
	optionsFor(option.value as string, [readTimeoutOption]),
];

/** The keys of every item, Success and Failure alike, in this order. */
export const outputKeys = [
	'success',
	'group',
	'jid',
	'name',
	'description',
	'inviteLink',
	'inviteCode',
	'createdBy',
	'createdAt',
	'participantCount',
	'membersCanEditInfo',
	'membersCanSendMessages',
	'membersCanAddOthers',
	'requireAdminApproval',
	'instance',
	...FAILURE_KEYS,
] as const;

/** The keys of a simplified item (Simplify on: simplify.ts). */
export const simplifiedOutputKeys = ['success', 'group', 'jid', 'name', 'inviteLink', 'participantCount', 'error', 'errorCode'] as const;

type GroupItem = OutputJson<(typeof outputKeys)[number]>;

const getGroup: PerItemOperation<GroupTarget, (typeof outputKeys)[number]> = {
	name: 'getGroup',
	kind: 'read',
	outputKeys,
	read: (ctx, itemIndex, settings) => {
		readSimplifyOf(ctx, itemIndex);
		return readGroupTarget(ctx, itemIndex, settings);
	},
	request: groupInfoRequest,
	describe: ({ instance, group }) => `group ${group} on instance ${instance}`,
	map: ({ instance, group }, statusCode, body) => {
		const read = readGroupDetail(body);
		if (!read.ok) return { failure: { ...failureOf('unexpected_response', read.reason, false), statusCode } };
		const { detail } = read;
		const hints: string[] = [];
		// Hints are not redacted like items: they name what RyzeAPI sent only by its keys, never its text.
		if (detail.inviteProblem !== null) {
			hints.push(
				`The invite RyzeAPI gave for group ${group} is not a WhatsApp invite link or code, so inviteLink and inviteCode are null (see raw).`,
			);
		} else if (detail.invite === null)
			hints.push(`RyzeAPI gave no invite link for group ${group}: WhatsApp shows it to group admins only.`);
		const item: GroupItem = {
			success: true,
			group,
			jid: detail.jid,
			name: detail.name,
			description: detail.description,
			inviteLink: detail.invite?.link ?? null,
			inviteCode: detail.invite?.code ?? null,
			createdBy: detail.createdBy,
			createdAt: detail.createdAt,
			participantCount: detail.participantCount,
			membersCanEditInfo: detail.settings.membersCanEditInfo,
			membersCanSendMessages: detail.settings.membersCanSendMessages,
			membersCanAddOthers: detail.settings.membersCanAddOthers,
			requireAdminApproval: detail.settings.requireAdminApproval,
			instance,
			error: null,
			errorCode: null,
			statusCode,
			outcomeUnknown: false,
			raw: detail.raw,
		};
		return { items: [item], hints };
	},
};

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, getGroup);
}
