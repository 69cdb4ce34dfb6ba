/**
 * Operation "Join Group" (a write, never resent): POST /api/group/join/:instance
 * {identifier: the invite code}. The instance joins by invite link or code; RyzeAPI
 * takes no JID here ("Unlike the other routes, /join does not accept a JID"), so a JID
 * is refused before anything is sent. One item per input item: { inviteCode, groupJid,
 * requiresApproval } — true when the join waits for an admin (it is then a join request,
 * seen in List Join Requests), null when RyzeAPI does not say.
 *
 * Never resent: RyzeAPI calls it idempotent only in part ("repeated calls on an open
 * group return the same groupJid"); on a group that requires approval a repeat is a
 * second request, which nothing documents as harmless.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { FAILURE_KEYS } from '../../helpers/items';
import { InputError } from '../../helpers/inputError';
import { READ_TIMEOUT_MS, readTimeout, validateInstance } from '../../helpers/validation';
import { readJoinAnswer } from '../../readers/groupWrites';
import { instancePath } from '../../transport/http/request';
import type { OutputJson } from '../../helpers/items';
import { runPerItem, type PerItemOperation } from '../runner';
import type { Subtitle } from '../subtitle';
import { optionsFor, readTimeoutOption } from './common.descriptions';
import { itemOptions, shown, unconfirmed } from './writes';

export const option: INodePropertyOptions = {
	name: 'Join Group',
	value: 'joinGroup',
	description:
		'Make the instance join a group by its invite link or code (not its JID): one item with the group JID and requiresApproval (true when the join waits for an admin)',
	action: 'Join group by invite link',
};

export const subtitle: Subtitle = [{ text: 'join group' }];

const FIELD = 'Invite Link or Code';

export const description: INodeProperties[] = [
	{
		displayName: FIELD,
		name: 'inviteLink',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://chat.whatsapp.com/ABC123XYZ',
		displayOptions: { show: { operation: ['joinGroup'] } },
		description: 'The invite link (https://chat.whatsapp.com/ABC123XYZ) or its code (ABC123XYZ). RyzeAPI does not join by group JID.',
	},
	optionsFor(option.value as string, [readTimeoutOption]),
];

/** The keys of every item, Success and Failure alike, in this order. */
export const outputKeys = ['success', 'inviteCode', 'groupJid', 'requiresApproval', ...FAILURE_KEYS] as const;

type JoinItem = OutputJson<(typeof outputKeys)[number]>;

interface Read {
	instance: string;
	/** The invite code: what the node sends, whether a link or a code was given. */
	inviteCode: string;
	group: null;
	timeoutMs: number;
}

const INVITE_CODE = /^[A-Za-z0-9_-]{1,64}$/;
const INVITE_LINK = /^https?:\/\/(?:www\.)?chat\.whatsapp\.com\/([A-Za-z0-9_-]{1,64})\/?$/i;

/** The invite code of an invite link or code; a JID, a group id or anything else is refused. */
function readInviteCode(value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : null;
	const hint = 'Use the invite link (https://chat.whatsapp.com/ABC123XYZ) or its code (ABC123XYZ); Get Invite Link gives it to an admin';
	if (text === null) throw new InputError(FIELD, `${FIELD} must be text, but ${shown(value)} was given`, hint);
	if (text === '') throw new InputError(FIELD, `${FIELD} is empty`, hint);
	if (text.includes('@') || /^\d{15,}$/.test(text)) {
		throw new InputError(FIELD, `${shown(text)} is a JID, and RyzeAPI joins by invite link or code only`, hint);
	}
	const fromLink = INVITE_LINK.exec(text)?.[1];
	if (fromLink !== undefined) return fromLink;
	if (INVITE_CODE.test(text)) return text;
	throw new InputError(FIELD, `${shown(text)} is neither a WhatsApp invite link nor an invite code`, hint);
}

const joinGroup: PerItemOperation<Read, (typeof outputKeys)[number]> = {
	name: 'joinGroup',
	// "Idempotent: partial": only on an open group; a repeat on one that needs approval is another request.
	kind: 'write',
	outputKeys,
	read: (ctx, itemIndex, settings) => ({
		instance: validateInstance(ctx.getNodeParameter('instance', itemIndex, ''), settings.defaultInstance),
		inviteCode: readInviteCode(ctx.getNodeParameter('inviteLink', itemIndex, '')),
		group: null,
		timeoutMs: readTimeout(itemOptions(ctx, itemIndex).timeout, READ_TIMEOUT_MS),
	}),
	request: ({ instance, inviteCode, timeoutMs }) => ({
		method: 'POST',
		path: instancePath('join', instance),
		body: { identifier: inviteCode },
		timeoutMs,
	}),
	describe: ({ instance, inviteCode }) => `joining the group of invite code ${inviteCode} on instance ${instance}`,
	map: ({ inviteCode }, statusCode, body) => {
		const read = readJoinAnswer(body);
		if (!read.ok) return { failure: unconfirmed(statusCode, read.reason, 'The instance may have joined: check List Groups') };
		const hints =
			read.requiresApproval === null
				? [`RyzeAPI did not say whether joining with ${inviteCode} waits for an admin's approval (requiresApproval is null).`]
				: [];
		const item: JoinItem = {
			success: true,
			inviteCode,
			groupJid: read.groupJid,
			requiresApproval: read.requiresApproval,
			error: null,
			errorCode: null,
			statusCode,
			outcomeUnknown: false,
			raw: null,
		};
		return { items: [item], hints };
	},
	knownOnFailure: (read) => ({ inviteCode: read?.inviteCode ?? null }),
};

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, joinGroup);
}
