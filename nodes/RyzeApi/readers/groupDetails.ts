/**
 * Reading a group as RyzeAPI describes it (GroupInfo). Pure.
 * - GET /api/group/list/:instance: one entry per group (List Groups), read up to a cap.
 *
 * RyzeAPI documents GroupInfo's keys (jid, name, description, createdBy,
 * participantCount, groupSettings) but not the list's answer. So it is read
 * defensively: the list where readGroupList's picker finds it; only own keys (a
 * `__proto__` key is never followed). A key of the wrong kind makes the entry
 * unreadable with the reason, never a guess.
 */
import { Fields, isRecord, kindOf, own } from './groupFields';
import { findList } from './groupList';

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
