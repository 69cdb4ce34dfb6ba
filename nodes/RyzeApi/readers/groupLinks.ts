/**
 * Reading the group endpoints around participant management. Pure.
 * - GET /api/group/requests: the pending join requests;
 * - GET /api/group/info (participants=false): the current invite link;
 * - POST /api/group/resetLink: the new invite code and link.
 */
import { z } from 'zod';

import { groupJidOf } from './groupList';

export const INVITE_LINK_PREFIX = 'https://chat.whatsapp.com/';

export interface JoinRequest {
	/** The requester's LID (…@lid): pass it to approve or reject. */
	jid: string;
	/** Digits only, or null when WhatsApp hides it. */
	phoneNumber: string | null;
	/** The phone as RyzeAPI gave it (…@s.whatsapp.net), or null. */
	phoneJid: string | null;
	requestedAt: string | null;
}

const requestSchema = z
	.object({
		jid: z.string().min(1),
		phoneNumber: z.union([z.string(), z.number(), z.null()]).optional(),
		requestedAt: z.union([z.string(), z.number(), z.null()]).optional(),
	})
	.passthrough();

const requestsBodySchema = z.object({ requests: z.array(z.unknown()), groupJid: z.string().optional() }).passthrough();

/** An entry of the requests list that is not a request this node can read: kept with the reason, never dropped. */
export interface UnreadableJoinRequest {
	/** Its place in RyzeAPI's list, from 0. */
	position: number;
	reason: string;
	raw: unknown;
}

export type JoinRequestsBody =
	| { ok: true; requests: JoinRequest[]; groupJid: string | null; unreadable: UnreadableJoinRequest[]; total: number }
	| { ok: false; reason: string };

/** Why an entry is not a request: which field is missing or of the wrong kind. */
function unreadableReason(entry: unknown): string {
	if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
		return `the entry is ${entry === null ? 'null' : Array.isArray(entry) ? 'a list' : typeof entry}, not an object`;
	}
	const record = entry as Record<string, unknown>;
	if (record.jid === undefined || record.jid === null || record.jid === '') return 'it has no jid';
	if (typeof record.jid !== 'string') return `jid is ${Array.isArray(record.jid) ? 'a list' : typeof record.jid}, not text`;
	for (const key of ['phoneNumber', 'requestedAt']) {
		const value = record[key];
		if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number') {
			return `${key} is ${Array.isArray(value) ? 'a list' : typeof value}, not text`;
		}
	}
	return 'it is not a join request';
}

function phoneDigits(value: unknown): string | null {
	if (value === null || value === undefined || value === '') return null;
	const digits = String(value).split('@')[0].split(':')[0].replace(/\D/g, '');
	return digits === '' ? null : digits;
}

/**
 * Reads a 2xx body of GET /api/group/requests. An entry that is not a request
 * (no jid, not an object…) is returned as unreadable with the reason: not
 * invented, not dropped.
 */
export function readJoinRequests(body: unknown): JoinRequestsBody {
	const parsed = requestsBodySchema.safeParse(body);
	if (!parsed.success) {
		return { ok: false, reason: 'RyzeAPI answered without a requests list' };
	}
	const requests: JoinRequest[] = [];
	const unreadable: UnreadableJoinRequest[] = [];
	for (const [position, entry] of parsed.data.requests.entries()) {
		const read = requestSchema.safeParse(entry);
		if (!read.success) {
			unreadable.push({ position, reason: unreadableReason(entry), raw: entry });
			continue;
		}
		const { jid, phoneNumber, requestedAt } = read.data;
		requests.push({
			jid,
			phoneNumber: phoneDigits(phoneNumber),
			phoneJid: phoneNumber === null || phoneNumber === undefined || phoneNumber === '' ? null : String(phoneNumber),
			requestedAt: requestedAt === null || requestedAt === undefined ? null : String(requestedAt),
		});
	}
	return { ok: true, requests, groupJid: parsed.data.groupJid ?? null, unreadable, total: parsed.data.requests.length };
}

/** An invite code as WhatsApp writes it (22 characters today; any length up to 64 is read). */
const INVITE_CODE = /^[A-Za-z0-9_-]{1,64}$/;
const INVITE_LINK = /^https:\/\/chat\.whatsapp\.com\/([A-Za-z0-9_-]{1,64})\/?$/;

/**
 * The invite link from `inviteLink` or `inviteCode`, only ever as
 * https://chat.whatsapp.com/<code>. An answer whose link points anywhere else, or
 * whose link and code disagree, gives none: a later node may send the link to people.
 */
function linkFrom(link: unknown, code: unknown): string | null {
	const linkGiven = typeof link === 'string' && link.trim() !== '';
	const fromLink = linkGiven ? INVITE_LINK.exec(link.trim())?.[1] : undefined;
	if (linkGiven && fromLink === undefined) return null;
	const ownCode = typeof code === 'string' && INVITE_CODE.test(code.trim()) ? code.trim() : undefined;
	if (fromLink !== undefined && ownCode !== undefined && fromLink !== ownCode) return null;
	const chosen = fromLink ?? ownCode;
	return chosen === undefined ? null : `${INVITE_LINK_PREFIX}${chosen}`;
}

/** The invite link from GET /api/group/info, which may nest the group under `group` or `data`. */
export function readInviteLink(body: unknown): string | null {
	if (!body || typeof body !== 'object') return null;
	const record = body as Record<string, unknown>;
	for (const candidate of [record.group, record.data, record]) {
		if (candidate && typeof candidate === 'object') {
			const group = candidate as Record<string, unknown>;
			const link = linkFrom(group.inviteLink, group.inviteCode);
			if (link) return link;
		}
	}
	return null;
}

/** What POST /api/group/resetLink answers: the new link, its code, and the group (when RyzeAPI names it). */
export interface ResetLink {
	inviteCode: string;
	inviteLink: string;
	/** `groupJid` of the answer, or null when it is missing or not a group JID. */
	groupJid: string | null;
}

/** The new code and link from POST /api/group/resetLink, or null when the answer carries no WhatsApp invite. */
export function readResetLink(body: unknown): ResetLink | null {
	if (!body || typeof body !== 'object') return null;
	const record = body as Record<string, unknown>;
	const source = (record.data && typeof record.data === 'object' ? record.data : record) as Record<string, unknown>;
	const inviteLink = linkFrom(source.inviteLink, source.inviteCode);
	if (!inviteLink) return null;
	const jid = typeof source.groupJid === 'string' ? source.groupJid : typeof record.groupJid === 'string' ? record.groupJid : null;
	return { inviteCode: inviteLink.slice(INVITE_LINK_PREFIX.length), inviteLink, groupJid: groupJidOf(jid === null ? null : jid.trim()) };
}
