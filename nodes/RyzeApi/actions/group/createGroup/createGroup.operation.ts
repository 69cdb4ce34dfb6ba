/**
 * Operation "Create Group" (a write, never resent): POST /api/group/create/:instance
 * {name, participants, description?, groupSettings?}. One item per input item, the new
 * group: { groupJid, name, inviteLink, inviteCode, added, notAdded, unconfirmed }.
 *
 * RyzeAPI documents no per-person result for a create, so who is in comes from
 * comparing what was sent with what came back (readers/groupCreate.ts): `added` (listed
 * among the members), `notAdded` ({participant, reason}: listed as failed, or an entry
 * that could never be a participant and was not sent), `unconfirmed` ({participant,
 * reason}: the answer does not say). Every person of the item is in exactly one of them,
 * on Failure items too (not created: `notAdded`; may have been: `unconfirmed`).
 *
 * Never resent: "Idempotent: no", and WhatsApp allows two groups of the same name, so
 * a resend after an unknown outcome could make a second group.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { FAILURE_KEYS } from '../../../helpers/items';
import type { CallFailure } from '../../../helpers/types';
import { readTimeout, validateInstance } from '../../../helpers/validation';
import { readCreatedGroup, type PersonOutcome } from '../../../readers/groupCreate';
import { instancePath } from '../../../transport/http/request';
import type { OutputJson } from '../../../helpers/items';
import { runPerItem, type PerItemOperation } from '../../runner';
import type { Subtitle } from '../../subtitle';
import { optionsFor } from '../common.descriptions';
import { itemOptions, unconfirmed } from '../writes';
import { readSimplifyOf, simplifyFields } from '../simplify';
import { createTimeoutOption, GROUP_CREATE_TIMEOUT_MS, parameters, readCreate, type CreateRequest } from './input';

export const option: INodePropertyOptions = {
	name: 'Create Group',
	value: 'createGroup',
	description:
		'Create a WhatsApp group with a name and people, the instance as super admin: one item with the new group JID, its invite link, who was added and who was not (with why)',
	action: 'Create group',
};

export const subtitle: Subtitle = [{ text: 'create group' }];

export const description: INodeProperties[] = [
	...parameters,
	...simplifyFields(option.value as string),
	optionsFor(option.value as string, [createTimeoutOption]),
];

/** The keys of every item, Success and Failure alike, in this order. */
export const outputKeys = [
	'success',
	'groupJid',
	'name',
	'inviteLink',
	'inviteCode',
	'added',
	'notAdded',
	'unconfirmed',
	...FAILURE_KEYS,
] as const;

/**
 * The keys of a simplified item (Simplify on: ../simplify.ts): the new group, its link,
 * and every person in exactly one of added, notAdded and unconfirmed, as in the full item.
 */
export const simplifiedOutputKeys = [
	'success',
	'groupJid',
	'inviteLink',
	'added',
	'notAdded',
	'unconfirmed',
	'error',
	'errorCode',
] as const;

type CreateItem = OutputJson<(typeof outputKeys)[number]>;

type Read = CreateRequest & { instance: string; group: null; timeoutMs: number };

/** The entries that were never sent, as `notAdded`: last, after the people RyzeAPI answered for. */
const invalid = (rejected: CreateRequest['rejected']): PersonOutcome[] =>
	rejected.map((entry) => ({ participant: entry.input, reason: `Not a valid participant: ${entry.reason}` }));

/**
 * What a failed create knows: nobody was added; each person was not (or, when it may
 * have gone through, is unconfirmed). An input item that could not be read has no
 * people to account for: empty lists.
 */
function knownOnFailure(read: Read | null, failure: CallFailure): Partial<CreateItem> {
	if (!read) return { added: [], notAdded: [], unconfirmed: [] };
	const reason = failure.outcomeUnknown
		? 'The group may have been created: look for it with List Groups before running again'
		: 'The group was not created';
	const each = read.participants.map((person) => ({ participant: person.value, reason }));
	return {
		name: read.name,
		added: [],
		notAdded: [...(failure.outcomeUnknown ? [] : each), ...invalid(read.rejected)],
		unconfirmed: failure.outcomeUnknown ? each : [],
	};
}

const createGroup: PerItemOperation<Read, (typeof outputKeys)[number]> = {
	name: 'createGroup',
	// "Idempotent: no": a second send makes a second group.
	kind: 'write',
	outputKeys,
	read: (ctx, itemIndex, settings) => {
		readSimplifyOf(ctx, itemIndex);
		return {
			instance: validateInstance(ctx.getNodeParameter('instance', itemIndex, ''), settings.defaultInstance),
			group: null,
			...readCreate({
				groupName: ctx.getNodeParameter('groupName', itemIndex, ''),
				participants: ctx.getNodeParameter('participants', itemIndex, ''),
				additionalFields: ctx.getNodeParameter('additionalFields', itemIndex, {}),
			}),
			timeoutMs: readTimeout(itemOptions(ctx, itemIndex).timeout, GROUP_CREATE_TIMEOUT_MS),
		};
	},
	request: ({ instance, name, participants, extras, timeoutMs }) => ({
		method: 'POST',
		path: instancePath('create', instance),
		body: { name, participants: participants.map((person) => person.value), ...extras },
		timeoutMs,
	}),
	describe: ({ instance, name, participants }) =>
		`creating group ${JSON.stringify(name.length > 60 ? `${name.slice(0, 59)}…` : name)} with ${participants.length} ${participants.length === 1 ? 'person' : 'people'} on instance ${instance}`,
	map: (read, statusCode, body) => {
		const answer = readCreatedGroup(body, read.participants);
		if (!answer.ok) {
			const check = 'The group may have been created: look for it with List Groups before running again, or a second group would be made';
			return { failure: unconfirmed(statusCode, answer.reason, check) };
		}
		const { group } = answer;
		const hints: string[] = [];
		if (group.unconfirmed.length > 0) {
			hints.push(`RyzeAPI's answer does not say whether ${group.unconfirmed.length} of the people were added: see unconfirmed.`);
		}
		if (group.inviteLink === null)
			hints.push(`RyzeAPI gave no WhatsApp invite link for the new group ${group.groupJid}: read it with Get Invite Link.`);
		const item: CreateItem = {
			success: true,
			groupJid: group.groupJid,
			name: group.name ?? read.name,
			inviteLink: group.inviteLink,
			inviteCode: group.inviteCode,
			added: group.added,
			notAdded: [...group.notAdded, ...invalid(read.rejected)],
			unconfirmed: group.unconfirmed,
			error: null,
			errorCode: null,
			statusCode,
			outcomeUnknown: false,
			raw: null,
		};
		return { items: [item], hints };
	},
	knownOnFailure,
};

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, createGroup);
}
