/**
 * Reading the group endpoints around participant management. Pure.
 * - GET /api/group/requests: the pending join requests;
 * - GET /api/group/info (participants=false): the current invite link;
 * - POST /api/group/resetLink: the new invite code and link.
 */
import { z } from 'zod';

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

export type JoinRequestsBody =
	| { ok: true; requests: JoinRequest[]; groupJid: string | null; skipped: number }
	| { ok: false; reason: string };

function phoneDigits(value: unknown): string | null {
	if (value === null || value === undefined || value === '') return null;
	const digits = String(value).split('@')[0].split(':')[0].replace(/\D/g, '');
	return digits === '' ? null : digits;
}

/** Reads a 2xx body of GET /api/group/requests. Entries without a jid are counted, not invented. */
export function readJoinRequests(body: unknown): JoinRequestsBody {
	const parsed = requestsBodySchema.safeParse(body);
	if (!parsed.success) {
		return { ok: false, reason: 'RyzeAPI answered without a requests list' };
	}
	const requests: JoinRequest[] = [];
	let skipped = 0;
	for (const entry of parsed.data.requests) {
		const read = requestSchema.safeParse(entry);
		if (!read.success) {
			skipped++;
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
	return { ok: true, requests, groupJid: parsed.data.groupJid ?? null, skipped };
}

function linkFrom(link: unknown, code: unknown): string | null {
	if (typeof link === 'string' && /^https?:\/\//i.test(link)) return link;
	if (typeof code === 'string' && /^[A-Za-z0-9_-]+$/.test(code)) return `${INVITE_LINK_PREFIX}${code}`;
	return null;
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

/** The new code and link from POST /api/group/resetLink. */
export function readResetLink(body: unknown): { inviteCode: string | null; inviteLink: string } | null {
	if (!body || typeof body !== 'object') return null;
	const record = body as Record<string, unknown>;
	const source = (record.data && typeof record.data === 'object' ? record.data : record) as Record<string, unknown>;
	const inviteLink = linkFrom(source.inviteLink, source.inviteCode);
	if (!inviteLink) return null;
	const inviteCode = typeof source.inviteCode === 'string' ? source.inviteCode : inviteLink.slice(inviteLink.lastIndexOf('/') + 1);
	return { inviteCode, inviteLink };
}
