/**
 * List Participants' items: the Role filter, the output keys, one item per member
 * (Success) or per entry RyzeAPI listed that could not be read (Failure). Pure.
 */
import { InputError } from '../../../helpers/inputError';
import { FAILURE_KEYS, failureItem, type OutputJson } from '../../../helpers/items';
import type { GroupMember, GroupMembersBody } from '../../../readers/groupMembers';

export const MEMBER_ROLES = ['all', 'admins', 'nonAdmins'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export function validateMemberRole(value: unknown): MemberRole {
	const role = value === undefined || value === null || value === '' ? 'all' : value;
	if (typeof role === 'string' && (MEMBER_ROLES as readonly string[]).includes(role)) return role as MemberRole;
	throw new InputError('Role', `Role "${String(value)}" is not supported`, `Use one of: ${MEMBER_ROLES.join(', ')}`);
}

export function keepsRole(member: GroupMember, role: MemberRole): boolean {
	if (role === 'admins') return member.isAdmin;
	if (role === 'nonAdmins') return !member.isAdmin;
	return true;
}

/** Where the members were read from: what every output item names. */
export interface MembersContext {
	group: string;
	instance: string;
}

/** The keys of every List Participants item, Success and Failure alike, in this order. */
export const outputKeys = [
	'success',
	'jid',
	'lid',
	'phoneNumber',
	'isAdmin',
	'isSuperAdmin',
	'group',
	'groupJid',
	'groupName',
	'instance',
	...FAILURE_KEYS,
] as const;

/** The keys of a simplified item (Simplify on: ../simplify.ts): the member to act on, their role, and the outcome. */
export const simplifiedOutputKeys = ['success', 'jid', 'phoneNumber', 'isAdmin', 'group', 'error', 'errorCode'] as const;

/** An output item of List Participants: the member's keys, and what went wrong (null on Success). */
export type MemberItemJson = OutputJson<(typeof outputKeys)[number]>;

/** What RyzeAPI called the group it listed. */
type GroupNames = { groupJid: string | null; groupName: string | null };

/** One Success item's JSON per member that passes the role filter. */
export function memberJson(member: GroupMember, read: GroupNames, where: MembersContext, statusCode: number): MemberItemJson {
	return {
		success: true,
		jid: member.jid,
		lid: member.lid,
		phoneNumber: member.phoneNumber,
		isAdmin: member.isAdmin,
		isSuperAdmin: member.isSuperAdmin,
		group: where.group,
		groupJid: read.groupJid,
		groupName: read.groupName,
		instance: where.instance,
		error: null,
		errorCode: null,
		statusCode,
		outcomeUnknown: false,
		raw: null,
	};
}

/**
 * A 2xx body of /info as output items: members that pass the role filter as Success,
 * every unreadable entry as Failure (whatever the filter: its role is unknown).
 */
export function membersToItems(
	read: Extract<GroupMembersBody, { ok: true }>,
	role: MemberRole,
	where: MembersContext,
	statusCode: number,
): { success: MemberItemJson[]; failure: MemberItemJson[] } {
	const success = read.members.filter((member) => keepsRole(member, role)).map((member) => memberJson(member, read, where, statusCode));
	const failure = read.unreadable.map((entry) =>
		failureItem(
			outputKeys,
			{
				errorCode: 'unexpected_response',
				message: `Member entry ${entry.position + 1} of ${read.members.length + read.unreadable.length} could not be read: ${entry.reason}`,
				statusCode,
				outcomeUnknown: false,
			},
			{ group: where.group, groupJid: read.groupJid, groupName: read.groupName, instance: where.instance, raw: entry.raw },
		),
	);
	return { success, failure };
}
