/**
 * What an invite message needs from GET /api/group/info (participants=false): the
 * group's invite link, its name (for the {{groupName}} placeholder) and its JID.
 * Pure. The answer is untrusted: only text of a known form is taken, bounded, and
 * anything else is null (RyzeAPI documents the detail under `group`; the link
 * reader also looks under `data` and at the top level).
 */
import { INVITE_LINK_PREFIX, readInviteLink } from './groupLinks';

/** Longer than any WhatsApp subject; a longer name is cut, never sent whole in a message. */
const MAX_GROUP_NAME_LENGTH = 200;
/** Longer than any chat.whatsapp.com link (a code is 22 characters). */
const MAX_LINK_LENGTH = 200;

export interface GroupInvite {
	/** The group's WhatsApp invite link (readInviteLink: only https://chat.whatsapp.com/<code>), or null. */
	inviteLink: string | null;
	/** RyzeAPI gave a link or code, but not a WhatsApp invite: it is never shown nor sent. */
	foreignLink: boolean;
	/** The link when it is one this node sends to people: https://chat.whatsapp.com/<code>; else null. */
	sendableLink: string | null;
	groupName: string | null;
	groupJid: string | null;
}

function candidates(body: unknown): Array<Record<string, unknown>> {
	if (!body || typeof body !== 'object') return [];
	const record = body as Record<string, unknown>;
	return [record.group, record.data, record].filter(
		(candidate): candidate is Record<string, unknown> => !!candidate && typeof candidate === 'object' && !Array.isArray(candidate),
	);
}

/** Printable text without control characters, cut to `max`; null when nothing is left. */
function cleanText(value: unknown, max: number): string | null {
	if (typeof value !== 'string') return null;
	let text = '';
	for (const char of value.trimStart().slice(0, max * 2)) {
		const code = char.codePointAt(0) ?? 0;
		if (code >= 32 && code !== 127) text += char;
		if (text.length >= max) break;
	}
	text = text.trim();
	return text === '' ? null : text;
}

/** A WhatsApp invite link of the usual form: the only links an invite message carries. */
function isSendableLink(link: string | null): link is string {
	return (
		link !== null &&
		link.length <= MAX_LINK_LENGTH &&
		link.startsWith(INVITE_LINK_PREFIX) &&
		/^[A-Za-z0-9_-]+$/.test(link.slice(INVITE_LINK_PREFIX.length))
	);
}

export function readGroupInvite(body: unknown): GroupInvite {
	const inviteLink = readInviteLink(body);
	let groupName: string | null = null;
	let groupJid: string | null = null;
	for (const candidate of candidates(body)) {
		groupName ??= cleanText(candidate.name ?? candidate.subject, MAX_GROUP_NAME_LENGTH);
		const jid = typeof candidate.jid === 'string' ? candidate.jid.trim() : '';
		if (groupJid === null && jid.length <= 64 && /^[\d-]+@g\.us$/.test(jid)) groupJid = jid;
	}
	const foreignLink =
		inviteLink === null && candidates(body).some((group) => typeof group.inviteLink === 'string' || typeof group.inviteCode === 'string');
	return { inviteLink, foreignLink, sendableLink: isSendableLink(inviteLink) ? inviteLink : null, groupName, groupJid };
}
