/**
 * Parsing and normalization of the Participants parameter. Pure: no n8n, no I/O.
 *
 * Accepts a string (entries separated by commas, semicolons, newlines or spaces),
 * a number, or a list from an expression (strings, numbers, nested lists, or
 * objects that carry a `jid`, `lid`, `phoneNumber`, `phone`, `number` or `id`).
 */
import type { ParsedParticipants, Participant, RejectedParticipant } from './types';

export const MIN_PHONE_DIGITS = 7;
export const MAX_PHONE_DIGITS = 15;
const MIN_LID_DIGITS = 6;
const MAX_LID_DIGITS = 20;

/** Keys looked up on an object given as a participant, in order. */
export const PARTICIPANT_OBJECT_KEYS = ['jid', 'lid', 'phoneNumber', 'phone', 'number', 'participant', 'id'];

const PHONE_SUFFIXES = ['s.whatsapp.net', 'c.us'];

/** Thrown for a Participants value that is not usable as a whole (the caller names the item). */
export class ParticipantsInputError extends Error {
	constructor(
		message: string,
		public readonly hint: string,
	) {
		super(message);
		this.name = 'ParticipantsInputError';
	}
}

type Normalized = { ok: true; participant: Participant } | { ok: false; reason: string };

/** Normalizes one entry. `raw` has been trimmed and is not empty. */
export function normalizeParticipant(raw: string): Normalized {
	const input = raw;
	const text = raw.replace(/^["'`[(<]+|["'`\])>]+$/g, '').trim();
	if (text === '') return { ok: false, reason: 'empty entry' };

	const at = text.indexOf('@');
	if (at >= 0) {
		const local = text.slice(0, at).replace(/:\d+$/, '').trim();
		const domain = text.slice(at + 1).trim().toLowerCase();
		if (domain === 'g.us') {
			return { ok: false, reason: 'a group JID (@g.us) cannot be a participant' };
		}
		if (domain === 'lid') {
			if (!/^\d+$/.test(local) || local.length < MIN_LID_DIGITS || local.length > MAX_LID_DIGITS) {
				return { ok: false, reason: 'a LID must be digits followed by @lid, e.g. 199789077627112@lid' };
			}
			return { ok: true, participant: { input, value: `${local}@lid`, kind: 'lid', key: local } };
		}
		if (PHONE_SUFFIXES.includes(domain)) {
			const digits = local.replace(/^\+/, '');
			if (!/^\d+$/.test(digits)) {
				return { ok: false, reason: `the part before @${domain} must be digits` };
			}
			const lengthProblem = phoneLengthProblem(digits);
			if (lengthProblem) return { ok: false, reason: lengthProblem };
			return {
				ok: true,
				participant: { input, value: `${digits}@s.whatsapp.net`, kind: 'jid', key: digits },
			};
		}
		return {
			ok: false,
			reason: `unknown JID suffix "@${domain}"; use a phone number, @s.whatsapp.net, @c.us or @lid`,
		};
	}

	if (/[a-z]/i.test(text)) {
		return { ok: false, reason: 'contains letters; use a phone number with country code, a JID or a LID' };
	}
	if (!/^\+?[\d\s\-.()/]+$/.test(text)) {
		return {
			ok: false,
			reason: text.includes('+')
				? 'a "+" may only lead the number'
				: 'contains characters other than digits, spaces, dashes, dots and parentheses',
		};
	}
	const digits = text.replace(/\D/g, '');
	const lengthProblem = phoneLengthProblem(digits);
	if (lengthProblem) return { ok: false, reason: lengthProblem };
	return { ok: true, participant: { input, value: digits, kind: 'phone', key: digits } };
}

function phoneLengthProblem(digits: string): string | undefined {
	if (digits.length < MIN_PHONE_DIGITS) {
		return `too short (${digits.length} digits); include the country code, e.g. 5511999999999`;
	}
	if (digits.length > MAX_PHONE_DIGITS) {
		return `too long (${digits.length} digits); a phone number has at most ${MAX_PHONE_DIGITS} digits`;
	}
	return undefined;
}

/**
 * Splits free text into entries. Commas, semicolons and newlines always separate.
 * Spaces separate too, unless the pieces only make sense together as one formatted
 * phone number ("+55 11 99999-9999").
 */
export function splitParticipantText(text: string): string[] {
	const entries: string[] = [];
	for (const segment of text.split(/[,;\r\n\t]+/)) {
		const trimmed = segment.trim();
		if (trimmed === '') continue;
		const pieces = trimmed.split(/\s+/);
		const keepWhole =
			pieces.length > 1 &&
			!pieces.every((piece) => normalizeParticipant(piece).ok) &&
			normalizeParticipant(trimmed).ok;
		if (keepWhole) {
			entries.push(trimmed);
		} else {
			entries.push(...pieces);
		}
	}
	return entries;
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function collectEntries(value: unknown, out: string[], rejected: RejectedParticipant[], depth: number): void {
	if (value === null || value === undefined) return;
	if (typeof value === 'string') {
		out.push(...splitParticipantText(value));
		return;
	}
	if (typeof value === 'number' || typeof value === 'bigint') {
		if (typeof value === 'number' && (!Number.isFinite(value) || !Number.isInteger(value))) {
			rejected.push({ input: String(value), reason: 'a number must be a whole phone number' });
			return;
		}
		out.push(BigInt(value).toString());
		return;
	}
	if (Array.isArray(value)) {
		if (depth > 5) {
			rejected.push({ input: '[…]', reason: 'lists nested more than 5 deep' });
			return;
		}
		for (const element of value) collectEntries(element, out, rejected, depth + 1);
		return;
	}
	if (typeof value === 'object' && depth > 0) {
		const record = value as Record<string, unknown>;
		const key = PARTICIPANT_OBJECT_KEYS.find(
			(name) => typeof record[name] === 'string' || typeof record[name] === 'number',
		);
		if (key) {
			out.push(String(record[key]).trim());
			return;
		}
		rejected.push({
			input: excerpt(value),
			reason: `an object without ${PARTICIPANT_OBJECT_KEYS.join(', ')}`,
		});
		return;
	}
	rejected.push({ input: excerpt(value), reason: `${describe(value)} is not a participant` });
}

function excerpt(value: unknown): string {
	let text: string;
	try {
		text = JSON.stringify(value) ?? String(value);
	} catch {
		text = String(value);
	}
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Parses the Participants parameter into distinct, normalized participants (in the
 * order first seen) and the entries that can never be participants.
 *
 * @throws ParticipantsInputError when the value is empty or of an unusable type.
 */
export function parseParticipants(value: unknown): ParsedParticipants {
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
		throw new ParticipantsInputError(
			'Participants must be text or a list, but an object was given',
			'Map it to a list, e.g. {{ $json.members.map(m => m.phone) }}, or write numbers separated by commas',
		);
	}
	if (typeof value === 'boolean') {
		throw new ParticipantsInputError(
			'Participants must be text or a list, but a boolean was given',
			'Enter phone numbers (with country code), JIDs or LIDs, separated by commas',
		);
	}
	const entries: string[] = [];
	const rejected: RejectedParticipant[] = [];
	collectEntries(value, entries, rejected, 0);

	const participants: Participant[] = [];
	const seen = new Set<string>();
	const seenRejected = new Set<string>();
	for (const entry of entries) {
		if (entry === '') continue;
		const result = normalizeParticipant(entry);
		if (!result.ok) {
			if (!seenRejected.has(entry)) {
				seenRejected.add(entry);
				rejected.push({ input: entry, reason: result.reason });
			}
			continue;
		}
		const identity = participantIdentity(result.participant);
		if (seen.has(identity)) continue;
		seen.add(identity);
		participants.push({ ...result.participant, position: participants.length });
	}

	if (participants.length === 0 && rejected.length === 0) {
		throw new ParticipantsInputError(
			'Participants is empty',
			'Enter at least one phone number with country code (e.g. 5511999999999), JID or LID',
		);
	}
	return { participants, rejected };
}

/** Two forms of the same person (a phone and its @s.whatsapp.net JID) share an identity. */
export function participantIdentity(participant: Participant): string {
	return participant.kind === 'lid' ? `lid:${participant.key}` : `pn:${participant.key}`;
}
