/**
 * Reading the member list of GET /api/group/info/:instance?participants=true. Pure.
 *
 * RyzeAPI documents the member entries only as `{ jid, lid, isAdmin, isSuperAdmin }`
 * (GroupInfo). They are read defensively: the group may sit under `group` or `data`
 * or be the body itself; a member's JID under `jid`, `id` or `JID`, its LID under `lid`
 * or `LID`, a phone under `phoneNumber`/`phone`; the roles as booleans (`isAdmin`,
 * `IsAdmin`…) or Baileys' `admin: "admin" | "superadmin"`. An entry that cannot be read
 * is kept as an unreadable entry with the reason, never dropped.
 */
import { z } from 'zod';

import { groupJidOf } from './groupList';

export interface GroupMember {
	/** As RyzeAPI gave it: the phone JID (…@s.whatsapp.net) or, when the number is hidden, the LID. */
	jid: string;
	/** The member's LID (…@lid), or null when RyzeAPI gave none. */
	lid: string | null;
	/** Digits only, or null when WhatsApp hides the number. */
	phoneNumber: string | null;
	isAdmin: boolean;
	isSuperAdmin: boolean;
}

export interface UnreadableMember {
	/** Its place in RyzeAPI's list, from 0. */
	position: number;
	reason: string;
	raw: unknown;
}

export type GroupMembersBody =
	| {
			ok: true;
			groupJid: string | null;
			groupName: string | null;
			/** participantCount as RyzeAPI gave it, or null. */
			reportedCount: number | null;
			members: GroupMember[];
			unreadable: UnreadableMember[];
	  }
	| { ok: false; reason: string };

const record = z.record(z.unknown());

const PHONE_JID = /^(\d{5,20})(?::\d+)?@(?:s\.whatsapp\.net|c\.us)$/i;
const LID_JID = /^(\d{1,25})(?::\d+)?@lid$/i;

function text(source: Record<string, unknown>, keys: string[]): { value: string | null; wrongType: string | null } {
	for (const key of keys) {
		const value = source[key];
		if (value === undefined || value === null || value === '') continue;
		if (typeof value === 'string') return { value: value.trim(), wrongType: null };
		return { value: null, wrongType: `${key} is ${Array.isArray(value) ? 'a list' : typeof value}, not text` };
	}
	return { value: null, wrongType: null };
}

type Flag = { ok: true; value: boolean | null } | { ok: false; reason: string };

function flag(source: Record<string, unknown>, keys: string[]): Flag {
	for (const key of keys) {
		const value = source[key];
		if (value === undefined || value === null) continue;
		if (typeof value === 'boolean') return { ok: true, value };
		if (value === 'true' || value === 1) return { ok: true, value: true };
		if (value === 'false' || value === 0) return { ok: true, value: false };
		return { ok: false, reason: `${key} is ${JSON.stringify(value)}, not true or false` };
	}
	return { ok: true, value: null };
}

function digitsOf(value: string | null): string | null {
	if (value === null) return null;
	const phone = PHONE_JID.exec(value);
	if (phone) return phone[1];
	if (/^\+?[\d\s().-]{5,30}$/.test(value)) {
		const digits = value.replace(/\D/g, '');
		return digits.length >= 5 && digits.length <= 20 ? digits : null;
	}
	return null;
}

/** One member entry: a member, or the reason it cannot be read. */
export function readMember(entry: unknown): { ok: true; member: GroupMember } | { ok: false; reason: string } {
	const parsed = record.safeParse(entry);
	if (!parsed.success) {
		return { ok: false, reason: `the entry is ${entry === null ? 'null' : Array.isArray(entry) ? 'a list' : typeof entry}, not an object` };
	}
	const source = parsed.data;
	const jidField = text(source, ['jid', 'id', 'JID']);
	const lidField = text(source, ['lid', 'LID']);
	const phoneField = text(source, ['phoneNumber', 'PhoneNumber', 'phone']);
	for (const field of [jidField, lidField]) {
		if (field.wrongType) return { ok: false, reason: field.wrongType };
	}
	const jid = jidField.value;
	if (jid !== null && !PHONE_JID.test(jid) && !LID_JID.test(jid)) {
		return { ok: false, reason: `jid "${jid.slice(0, 80)}" is neither a phone JID (…@s.whatsapp.net) nor a LID (…@lid)` };
	}
	if (lidField.value !== null && !LID_JID.test(lidField.value)) {
		return { ok: false, reason: `lid "${lidField.value.slice(0, 80)}" is not a LID (…@lid)` };
	}
	const lid = lidField.value ?? (jid !== null && LID_JID.test(jid) ? jid : null);
	if (jid === null && lid === null) return { ok: false, reason: 'it has neither a jid nor a lid' };

	const admin = source.admin;
	const adminRole = admin === 'admin' || admin === 'superadmin' ? admin : null;
	const isAdminFlag = flag(source, ['isAdmin', 'IsAdmin']);
	const isSuperAdminFlag = flag(source, ['isSuperAdmin', 'IsSuperAdmin']);
	if (!isAdminFlag.ok) return { ok: false, reason: isAdminFlag.reason };
	if (!isSuperAdminFlag.ok) return { ok: false, reason: isSuperAdminFlag.reason };
	if (isAdminFlag.value === null && isSuperAdminFlag.value === null && adminRole === null && admin !== undefined && admin !== null) {
		return { ok: false, reason: `admin is ${JSON.stringify(admin)}, not "admin", "superadmin" or null` };
	}
	const isSuperAdmin = isSuperAdminFlag.value ?? adminRole === 'superadmin';
	// A super-admin (the creator, or promoted by one) is an admin too.
	const isAdmin = isSuperAdmin || (isAdminFlag.value ?? adminRole !== null);

	return {
		ok: true,
		member: {
			jid: jid ?? (lid as string),
			lid,
			phoneNumber: digitsOf(jid) ?? digitsOf(phoneField.value),
			isAdmin,
			isSuperAdmin,
		},
	};
}

/** Reads a 2xx body of GET /api/group/info with participants=true. */
export function readGroupMembers(body: unknown): GroupMembersBody {
	const top = record.safeParse(body);
	if (!top.success) return { ok: false, reason: 'RyzeAPI answered the group info without a JSON object' };
	const candidates = [top.data.group, top.data.data, top.data];
	const group = candidates
		.map((candidate) => record.safeParse(candidate))
		.find((parsed) => parsed.success && Array.isArray(parsed.data.participants));
	if (!group?.success) {
		return { ok: false, reason: 'RyzeAPI answered the group info without a participants list' };
	}
	const source = group.data;
	const members: GroupMember[] = [];
	const unreadable: UnreadableMember[] = [];
	(source.participants as unknown[]).forEach((entry, position) => {
		const read = readMember(entry);
		if (read.ok) members.push(read.member);
		else unreadable.push({ position, reason: read.reason, raw: entry });
	});
	const jid = text(source, ['jid', 'id', 'groupJid', 'JID']).value;
	const name = text(source, ['name', 'subject', 'Name', 'Subject']).value;
	const count = source.participantCount ?? source.size;
	return {
		ok: true,
		groupJid: groupJidOf(jid) ?? groupJidOf(text(top.data, ['groupJid']).value),
		groupName: name,
		reportedCount: typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : null,
		members,
		unreadable,
	};
}
