/**
 * Send Text, `POST /api/message/text/:instance {number, message, delay?, linkPreview?,
 * replyTo?, replyPrivate?, mention?, mentionAll?}` (test/contract/ryzeapi.messages.ts).
 * Same checks as the group routes (token, instance, connection), then:
 *
 *   number   digits (8-15), `<digits>@s.whatsapp.net` or `@c.us`, `<digits>@lid`, a group JID
 *            (the instance must be in it; an announce group takes admins only),
 *            `<digits>@newsletter` or `status@broadcast`; anything else 400.
 *   Brazil   a 55 number of 12 or 13 digits is also tried with / without the 9 after the
 *            area code: the form a known account has (an instance, a group member) wins.
 *   not on WhatsApp   digits ending in 000 (the add rule of participants.ts): 400.
 *
 * The text is recorded (`GET /__sim/messages`) and answered with a new message id.
 * `delay` is recorded, not waited.
 */
import { randomBytes } from 'node:crypto';

import { MESSAGES_BRAZIL_FALLBACK, SEND_TEXT } from '../contract/ryzeapi';

import { hasText, jsonObject, openInstance, selfJid, type GroupRequest } from './groupAccess';
import { fail, ok, type ApiResult } from './http';
import { MESSAGES } from './messages';
import { parseParticipant } from './participants';
import { SANDBOX } from './seed';
import type { SimulatorState } from './state';
import type { Instance } from './types';

type Chat = { to: string; groupName?: string } | { error: ApiResult };

/** The other Brazilian form: 55 + area + 9 + 8 digits ↔ 55 + area + 8 digits. */
export function brazilVariant(digits: string): string | null {
	if (!digits.startsWith('55')) return null;
	if (digits.length === 13 && digits[4] === '9') return digits.slice(0, 4) + digits.slice(5);
	if (digits.length === 12) return `${digits.slice(0, 4)}9${digits.slice(4)}`;
	return null;
}

/** A number the simulated WhatsApp knows: an instance's, or a member's of some group. */
function known(state: SimulatorState, digits: string): boolean {
	const jid = `${digits}@s.whatsapp.net`;
	return (
		state.instances.some((instance) => instance.number === digits) || state.groups.some((group) => group.members.some((m) => m.jid === jid))
	);
}

function phoneChat(state: SimulatorState, digits: string): Chat {
	const variant = MESSAGES_BRAZIL_FALLBACK.value ? brazilVariant(digits) : null;
	const chosen = !known(state, digits) && variant !== null && known(state, variant) ? variant : digits;
	if (chosen.endsWith(SANDBOX.rules.notOnWhatsAppSuffix)) return { error: fail(400, MESSAGES.numberNotOnWhatsApp) };
	return { to: `${chosen}@s.whatsapp.net` };
}

function resolveChat(state: SimulatorState, instance: Instance, number: string): Chat {
	const value = number.trim();
	if (/^\d+(-\d+)?@g\.us$/.test(value)) {
		const group = state.groups.find((candidate) => candidate.jid === value);
		const role = group ? state.roleOf(group, instance) : null;
		if (!group || !role) return { error: fail(404, MESSAGES.groupNotFound) };
		if (!group.settings.membersCanSendMessages && role === 'member') return { error: fail(403, MESSAGES.adminsOnly) };
		return { to: group.jid, groupName: group.name };
	}
	if (/^\d+@newsletter$/.test(value) || value === 'status@broadcast') return { to: value };
	const ref = parseParticipant(value);
	if (!ref) return { error: fail(400, MESSAGES.invalidNumber) };
	return ref.kind === 'lid' ? { to: ref.jid } : phoneChat(state, ref.digits);
}

/** whatsmeow's form of a message id: "3EB0" and 16 hex digits. */
const messageId = (): string => `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;

/** POST /api/message/text/:instance */
export function sendText(req: GroupRequest): ApiResult {
	const opened = openInstance(req);
	if ('error' in opened) return opened.error;
	const { instance } = opened;
	const body = jsonObject(req.body);
	if (!body) return fail(400, MESSAGES.invalidBody);
	if (!hasText(body.number)) return fail(400, MESSAGES.numberRequired);
	if (!hasText(body.message)) return fail(400, MESSAGES.messageRequired);
	const parsed = SEND_TEXT.body.value.safeParse(body);
	if (!parsed.success) return fail(400, MESSAGES.invalidBody);
	const sent = parsed.data;
	const chat = resolveChat(req.state, instance, sent.number);
	if ('error' in chat) return chat.error;
	const at = new Date().toISOString();
	const id = messageId();
	req.state.messages.push({
		messageId: id,
		instance: instance.name,
		number: sent.number,
		to: chat.to,
		message: sent.message,
		linkPreview: sent.linkPreview === true,
		delay: sent.delay ?? null,
		replyTo: sent.replyTo ?? null,
		mention: sent.mention ?? [],
		mentionAll: sent.mentionAll === true,
		at,
	});
	return ok({
		...SEND_TEXT.sentMessage.value,
		data: {
			messageId: id,
			direction: 'outgoing',
			chat: { jid: chat.to, ...(chat.groupName !== undefined ? { groupName: chat.groupName } : {}) },
			sender: { jid: selfJid(instance) },
			timestamp: at,
			...(sent.mention && sent.mention.length > 0 ? { mentions: sent.mention } : {}),
			...(sent.replyTo ? { replyTo: sent.replyTo } : {}),
		},
	});
}
