/**
 * Reading a group as RyzeAPI describes it (GroupInfo, GroupDetail). Pure.
 * - GET /api/group/info/:instance?participants=false: one group (Get Group, Get Invite Link);
 * - GET /api/group/list/:instance: one entry per group (List Groups), read up to a cap.
 *
 * RyzeAPI documents GroupInfo's keys (jid, name, description, inviteCode, inviteLink,
 * createdBy, participantCount, groupSettings with four flags) and names GroupDetail's
 * extras (createdAt, image, isDefaultSubGroup…) without their values; it documents
 * neither /info's wrapper (`group`, as the reset-link page's "read group.inviteLink"
 * suggests) nor the list's answer. So both are read defensively: the group under
 * `group`, `data.group`, `data` or the body itself; the list where readGroupList's
 * picker finds it; only own keys (a `__proto__` key is never followed). A key of the
 * wrong kind makes the group unreadable with the reason, never a guess. An invite is
 * used only as a WhatsApp invite (https://chat.whatsapp.com/<code>): anything else is
 * reported, never passed on, since a later node may send the link to people.
 */
import { Fields, isRecord, kindOf, own, quoted, type GroupSettings, type Json } from './groupFields';
import { findList, groupJidOf } from './groupList';
import { INVITE_LINK_PREFIX } from './groupLinks';

export interface GroupInvite {
	/** https://chat.whatsapp.com/<code> */
	link: string;
	code: string;
}

/** One group of GET /info; null where RyzeAPI gave nothing. */
export interface GroupDetail {
	jid: string | null;
	name: string | null;
	description: string | null;
	/** null: RyzeAPI gave none (WhatsApp shows it to admins only), or `inviteProblem` says why it is not used. */
	invite: GroupInvite | null;
	inviteProblem: string | null;
	createdBy: string | null;
	/** ISO 8601 when RyzeAPI gave a number (Unix seconds or milliseconds); a text as given. */
	createdAt: string | null;
	participantCount: number | null;
	settings: GroupSettings;
	/** The group object RyzeAPI sent. */
	raw: Record<string, unknown>;
}

export type GroupDetailBody = { ok: true; detail: GroupDetail } | { ok: false; reason: string };

/** One entry of GET /list. */
export interface ListedGroup {
	jid: string;
	name: string | null;
	participantCount: number | null;
	isAdmin: boolean | null;
	isSuperAdmin: boolean | null;
	isCommunity: boolean | null;
	isDefaultSubGroup: boolean | null;
	/** The community the group belongs to. */
	communityJid: string | null;
	raw: unknown;
}

export interface UnreadableGroup {
	/** Its place in RyzeAPI's list, from 0. */
	position: number;
	reason: string;
	raw: unknown;
}

export type ListedGroupsBody =
	| {
			ok: true;
			groups: ListedGroup[];
			unreadable: UnreadableGroup[];
			/** Entries in RyzeAPI's list. */
			total: number;
			/** Entries looked at: fewer than `total` once the limit or the cap is reached. */
			read: number;
			/** Reading stopped at the cap with entries left. */
			capped: boolean;
	  }
	| { ok: false; reason: string };

const INVITE_CODE = /^[A-Za-z0-9_-]{1,64}$/;
const INVITE_LINK = /^https:\/\/chat\.whatsapp\.com\/([A-Za-z0-9_-]{1,64})\/?$/;
/** Keys by which an object is taken for a group. */
const GROUP_KEYS = ['jid', 'id', 'groupJid', 'JID', 'name', 'subject', 'inviteCode', 'inviteLink', 'participantCount', 'groupSettings'];

/** The invite from `inviteLink` and `inviteCode`: both, either, or neither (null, no problem). */
function readInvite(link: unknown, code: unknown): { invite: GroupInvite | null; problem: string | null } {
	const given = (value: unknown) => value !== undefined && value !== null && value !== '';
	for (const [key, value] of [
		['inviteLink', link],
		['inviteCode', code],
	] as const) {
		if (given(value) && typeof value !== 'string') return { invite: null, problem: `${key} is ${kindOf(value)}, not text` };
	}
	const linkCode = given(link) ? INVITE_LINK.exec((link as string).trim())?.[1] : undefined;
	if (given(link) && linkCode === undefined) {
		return { invite: null, problem: `inviteLink ${quoted(link as string)} is not a WhatsApp invite link (${INVITE_LINK_PREFIX}…)` };
	}
	const ownCode = given(code) ? (code as string).trim() : undefined;
	if (ownCode !== undefined && !INVITE_CODE.test(ownCode)) {
		return { invite: null, problem: `inviteCode ${quoted(ownCode)} is not an invite code` };
	}
	if (linkCode !== undefined && ownCode !== undefined && linkCode !== ownCode) {
		return { invite: null, problem: `inviteLink and inviteCode name different codes (${quoted(linkCode)}, ${quoted(ownCode)})` };
	}
	const chosen = linkCode ?? ownCode;
	return { invite: chosen === undefined ? null : { link: `${INVITE_LINK_PREFIX}${chosen}`, code: chosen }, problem: null };
}

/** Reads a 2xx body of GET /api/group/info (participants=false). */
export function readGroupDetail(body: unknown): GroupDetailBody {
	if (!isRecord(body)) return { ok: false, reason: 'RyzeAPI answered the group info without a JSON object' };
	const candidates = [own(body, 'group'), own(own(body, 'data'), 'group'), own(body, 'data'), body];
	const source = candidates.find(
		(candidate): candidate is Json => isRecord(candidate) && GROUP_KEYS.some((key) => own(candidate, key) !== undefined),
	);
	if (source === undefined) return { ok: false, reason: 'RyzeAPI answered the group info without a group' };
	const fields = new Fields(source);
	const outer = own(body, 'groupJid');
	const jid = fields.groupJid(['jid', 'id', 'groupJid', 'JID']) ?? (typeof outer === 'string' ? groupJidOf(outer.trim()) : null);
	const name = fields.text(['name', 'subject', 'Name', 'Subject']);
	const description = fields.text(['description', 'desc', 'topic', 'Topic']);
	const createdBy = fields.text(['createdBy', 'owner', 'OwnerJID']);
	const createdAt = fields.time(['createdAt', 'creation', 'GroupCreated']);
	const participants = own(source, 'participants');
	const participantCount =
		fields.count(['participantCount', 'size', 'participantsCount', 'Size']) ?? (Array.isArray(participants) ? participants.length : null);
	const settings = fields.settings('groupSettings');
	if (fields.problem !== null) return { ok: false, reason: `RyzeAPI's group info could not be read: ${fields.problem}` };
	const { invite, problem } = readInvite(own(source, 'inviteLink'), own(source, 'inviteCode'));
	return {
		ok: true,
		detail: {
			jid,
			name: name === '' ? null : name,
			description,
			invite,
			inviteProblem: problem,
			createdBy: createdBy === '' ? null : createdBy,
			createdAt,
			participantCount,
			settings,
			raw: source,
		},
	};
}

/** One entry of the group list: a group, or the reason it cannot be read. */
function readListedGroup(entry: unknown): { ok: true; group: ListedGroup } | { ok: false; reason: string } {
	if (!isRecord(entry)) return { ok: false, reason: `the entry is ${kindOf(entry)}, not an object` };
	const fields = new Fields(entry);
	const jid = fields.groupJid(['jid', 'id', 'groupJid', 'JID']);
	const name = fields.text(['name', 'subject', 'title', 'Name', 'Subject']);
	const participants = own(entry, 'participants');
	const participantCount =
		fields.count(['participantCount', 'size', 'participantsCount', 'Size']) ?? (Array.isArray(participants) ? participants.length : null);
	const isSuperAdmin = fields.flag(['isSuperAdmin', 'IsSuperAdmin']);
	const isAdmin = fields.flag(['isAdmin', 'IsAdmin']);
	const isCommunity = fields.flag(['isCommunity', 'isParent', 'IsParent']);
	const isDefaultSubGroup = fields.flag(['isDefaultSubGroup', 'IsDefaultSubGroup']);
	const communityJid = fields.groupJid(['communityJid', 'linkedParentJid', 'parentJid', 'LinkedParentJID']);
	if (fields.problem !== null) return { ok: false, reason: fields.problem };
	if (jid === null) return { ok: false, reason: 'it has no jid' };
	return {
		ok: true,
		group: {
			jid,
			name: name === '' ? null : name,
			participantCount,
			// A super-admin (the creator, or promoted by one) is an admin too.
			isAdmin: isSuperAdmin === true ? true : isAdmin,
			isSuperAdmin,
			isCommunity,
			isDefaultSubGroup,
			communityJid,
			raw: entry,
		},
	};
}

export interface GroupListReading {
	/** Keep the groups whose name contains this (case-insensitive); empty keeps all. */
	nameContains: string;
	/** Stop after this many groups (Limit), or null (Return All). */
	limit: number | null;
	/** The most entries turned into results, groups and unreadable ones together. */
	cap: number;
}

/**
 * Reads a 2xx body of GET /api/group/list, in RyzeAPI's order, up to the limit and the
 * cap: however long the list, at most `cap` results are made. An entry that cannot be
 * read is kept with its reason, whatever the name filter (its name is unknown).
 */
export function readListedGroups(body: unknown, reading: GroupListReading): ListedGroupsBody {
	const list = findList(body, [['groups'], ['data'], ['data', 'groups'], ['result'], ['items'], ['data', 'items']]);
	if (list === null) return { ok: false, reason: 'RyzeAPI answered the group list without a list of groups' };
	const wanted = reading.nameContains.trim().toLowerCase();
	const groups: ListedGroup[] = [];
	const unreadable: UnreadableGroup[] = [];
	let position = 0;
	let capped = false;
	for (; position < list.length; position++) {
		if (reading.limit !== null && groups.length >= reading.limit) break;
		if (groups.length + unreadable.length >= reading.cap) {
			capped = true;
			break;
		}
		const read = readListedGroup(list[position]);
		if (!read.ok) unreadable.push({ position, reason: read.reason, raw: list[position] });
		else if (wanted === '' || (read.group.name ?? '').toLowerCase().includes(wanted)) groups.push(read.group);
	}
	return { ok: true, groups, unreadable, total: list.length, read: position, capped };
}
