/**
 * Reading a 2xx answer of Send Text, POST /api/message/text/:instance. Pure.
 *
 * RyzeAPI documents the answer in prose only: a `messageId`, `direction:
 * "outgoing"` and the chat and sender, without saying whether they sit under `data`
 * (reference §11.8; a known client reads `data.data || data`, then `key.id || id`).
 * So the id is looked for there, and only an id of a sane form is taken. A 2xx
 * whose id cannot be read is not called sent or unsent: the message may have gone.
 */

export type SentText =
	| { ok: true; messageId: string; chatJid: string | null; raw: unknown }
	/** `definite`: RyzeAPI said it failed (`success: false`); otherwise it may have been sent. */
	| { ok: false; reason: string; definite: boolean; raw: unknown };

/** WhatsApp's ids are 16–32 characters ("3EB0…"); anything past this is not an id. */
const MAX_ID_LENGTH = 128;

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/** Printable ASCII without spaces, of a bounded length. */
function idText(value: unknown, max = MAX_ID_LENGTH): string | null {
	if (typeof value !== 'string' || value.length === 0 || value.length > max) return null;
	return /^[\x21-\x7e]+$/.test(value) ? value : null;
}

function idOf(record: Record<string, unknown>): string | null {
	return idText(record.messageId) ?? idText(record.id) ?? (isRecord(record.key) ? idText(record.key.id) : null);
}

export function readSentText(body: unknown): SentText {
	if (!isRecord(body)) return { ok: false, reason: 'RyzeAPI answered without a JSON object', definite: false, raw: null };
	if (body.success === false) {
		const said = typeof body.message === 'string' ? body.message.slice(0, 300) : 'no reason given';
		return { ok: false, reason: `RyzeAPI said the message was not sent: ${said}`, definite: true, raw: body };
	}
	for (const candidate of [body.data, body.message, body]) {
		if (!isRecord(candidate)) continue;
		const messageId = idOf(candidate);
		if (messageId === null) continue;
		const chat = isRecord(candidate.chat) ? idText(candidate.chat.jid) : null;
		return { ok: true, messageId, chatJid: chat, raw: candidate };
	}
	return { ok: false, reason: 'RyzeAPI answered without a message id', definite: false, raw: isRecord(body.data) ? body.data : body };
}
