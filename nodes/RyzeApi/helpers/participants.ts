/**
 * Parsing and normalization of a Participants parameter (Manage Participants and
 * every operation that names people). Pure: no n8n, no I/O.
 *
 * Accepts a string (entries separated by commas, semicolons, newlines or spaces),
 * a number, or a list from an expression (strings, numbers, nested lists, or
 * objects that carry a `jid`, `lid`, `phoneNumber`, `phone`, `number` or `id`).
 */
import { phonePerson } from './brazilianNumbers';
import { InputError } from './inputError';

export type ParticipantKind = 'phone' | 'jid' | 'lid';

/** One participant as the user wrote it and as it is sent. */
export interface Participant {
	/** As the user wrote it (trimmed). */
	input: string;
	/** As sent to the API: digits for a phone, the JID or LID otherwise. */
	value: string;
	kind: ParticipantKind;
	/** The digits before the `@`: the key used to match results. */
	key: string;
	/** Its place among the item's distinct participants, which the outputs keep. */
	position?: number;
}

/** An entry that can never be a participant. */
export interface RejectedParticipant {
	input: string;
	reason: string;
}

export interface ParsedParticipants {
	participants: Participant[];
	rejected: RejectedParticipant[];
}

export const MIN_PHONE_DIGITS = 7;
export const MAX_PHONE_DIGITS = 15;
/** No participant is longer; a longer entry is refused before any other check. */
export const MAX_ENTRY_LENGTH = 1000;
const MIN_LID_DIGITS = 6;
const MAX_LID_DIGITS = 20;

/** Keys looked up on an object given as a participant, in order. */
export const PARTICIPANT_OBJECT_KEYS = ['jid', 'lid', 'phoneNumber', 'phone', 'number', 'participant', 'id'];

const PHONE_SUFFIXES = ['s.whatsapp.net', 'c.us'];

type Normalized = { ok: true; participant: Participant } | { ok: false; reason: string };

const OPENING = new Set(['"', "'", '`', '[', '(', '<']);
const CLOSING = new Set(['"', "'", '`', ']', ')', '>']);

/** Strips quotes and brackets around an entry. Two index walks: linear, whatever the input. */
function unwrap(text: string): string {
	let start = 0;
	let end = text.length;
	while (start < end && OPENING.has(text[start])) start++;
	while (end > start && CLOSING.has(text[end - 1])) end--;
	return text.slice(start, end).trim();
}

/** Normalizes one entry. `raw` has been trimmed and is not empty. */
export function normalizeParticipant(raw: string): Normalized {
	const input = raw;
	if (raw.length > MAX_ENTRY_LENGTH) {
		return { ok: false, reason: `${raw.length} characters long; a participant has at most ${MAX_ENTRY_LENGTH}` };
	}
	const text = unwrap(raw);
	if (text === '') return { ok: false, reason: 'empty entry' };

	const at = text.indexOf('@');
	if (at >= 0) {
		const local = text.slice(0, at).replace(/:\d+$/, '').trim();
		const domain = text
			.slice(at + 1)
			.trim()
			.toLowerCase();
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

const digitCount = (text: string): number => {
	let count = 0;
	for (let index = 0; index < text.length; index++) if (text[index] >= '0' && text[index] <= '9') count++;
	return count;
};

/** A piece this long is a whole number (area code included), never the tail of a formatted one. */
const WHOLE_NUMBER_DIGITS = 10;

/** A piece that can be part of a formatted phone number: digits and separators, at most a leading "+". */
const PHONE_PIECE = /^\+?[\d\-.()/]+$/;

/**
 * Groups the space-separated pieces of one segment into numbers. A "+" starts a
 * new number and every following piece belongs to it; a piece of at least
 * MIN_PHONE_DIGITS digits closes the number it is part of ("55 11 98770-0016").
 * Pieces that are not phone pieces (JIDs, LIDs, words) stand alone. A leftover
 * fragment too short to be a number stays one entry, and is refused as too short.
 */
function groupPieces(pieces: string[]): string[] {
	const entries: string[] = [];
	let current: string[] = [];
	let digits = 0;
	const flush = () => {
		if (current.length > 0) entries.push(current.join(' '));
		current = [];
		digits = 0;
	};
	for (const piece of pieces) {
		if (!PHONE_PIECE.test(piece)) {
			flush();
			entries.push(piece);
			continue;
		}
		const pieceDigits = digitCount(piece);
		// A piece with an area code already (10+ digits) is a number of its own: a short fragment before it is not glued on.
		const wholeOnItsOwn = pieceDigits >= WHOLE_NUMBER_DIGITS && current.length > 0 && !current[0].startsWith('+');
		if (piece.startsWith('+') || wholeOnItsOwn || digits + pieceDigits > MAX_PHONE_DIGITS) flush();
		current.push(piece);
		digits += pieceDigits;
		if (pieceDigits >= MIN_PHONE_DIGITS && !current[0].startsWith('+')) flush();
		else if (current[0].startsWith('+') && digits >= MIN_PHONE_DIGITS && pieceDigits >= MIN_PHONE_DIGITS) flush();
	}
	flush();
	return entries;
}

/**
 * Splits free text into entries. Commas, semicolons, tabs and newlines always
 * separate. Spaces separate entries that are whole on their own
 * ("5511999999991 5511999999992"); inside a formatted number they do not
 * ("+55 11 98770-0016 +55 11 98770-0017" is two numbers, never four fragments).
 */
export function splitParticipantText(text: string, out: string[] = []): string[] {
	for (const segment of text.split(/[,;\r\n\t]+/)) {
		const trimmed = segment.trim();
		if (trimmed === '') continue;
		const pieces = trimmed.split(/\s+/);
		if (pieces.length === 1) {
			out.push(trimmed);
			continue;
		}
		const allWhole = pieces.every((piece) => !PHONE_PIECE.test(piece) || (!piece.startsWith('+') && digitCount(piece) >= MIN_PHONE_DIGITS));
		if (allWhole) {
			for (const piece of pieces) out.push(piece);
			continue;
		}
		for (const entry of groupPieces(pieces)) out.push(entry);
	}
	return out;
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function collectEntries(value: unknown, out: string[], rejected: RejectedParticipant[], depth: number): void {
	if (value === null || value === undefined) return;
	if (typeof value === 'string') {
		if (depth > 0 && value.trim() === '') {
			// A blank element of a list is an entry the user gave: it is reported, not dropped.
			rejected.push({ input: value, reason: 'empty entry' });
			return;
		}
		splitParticipantText(value, out);
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
		// An empty or blank value counts as absent: { jid: '', phone: '5511…' } is the phone.
		const key = PARTICIPANT_OBJECT_KEYS.find(
			(name) => (typeof record[name] === 'string' && (record[name] as string).trim() !== '') || typeof record[name] === 'number',
		);
		if (key) {
			out.push(String(record[key]).trim());
			return;
		}
		rejected.push({
			input: excerpt(value),
			reason: `an object without ${PARTICIPANT_OBJECT_KEYS.join(', ')} (or with only empty ones)`,
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
		text = Array.isArray(value) ? '[…]' : typeof value === 'object' ? '{…}' : String(value);
	}
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Parses the Participants parameter into distinct, normalized participants (in the
 * order first seen) and the entries that can never be participants.
 *
 * @throws InputError (field Participants) when the value is empty or of an unusable type.
 */
export function parseParticipants(value: unknown): ParsedParticipants {
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
		throw new InputError(
			'Participants',
			'Participants must be text or a list, but an object was given',
			'Map it to a list, e.g. {{ $json.members.map(m => m.phone) }}, or write numbers separated by commas',
		);
	}
	if (typeof value === 'boolean') {
		throw new InputError(
			'Participants',
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
		const result = normalizeParticipant(entry);
		if (!result.ok) {
			const input = entry.length > 80 ? `${entry.slice(0, 77)}...` : entry;
			if (!seenRejected.has(entry)) {
				seenRejected.add(entry);
				rejected.push({ input, reason: result.reason });
			}
			continue;
		}
		const identity = participantIdentity(result.participant);
		if (seen.has(identity)) continue;
		seen.add(identity);
		participants.push({ ...result.participant, position: participants.length });
	}

	if (participants.length === 0 && rejected.length === 0) {
		throw new InputError(
			'Participants',
			'Participants is empty',
			'Enter at least one phone number with country code (e.g. 5511999999999), JID or LID',
		);
	}
	return { participants, rejected };
}

/**
 * Two forms of the same person share an identity: a phone and its @s.whatsapp.net
 * JID, and a Brazilian mobile with and without its ninth digit (brazilianNumbers.ts).
 */
export function participantIdentity(participant: Participant): string {
	return participant.kind === 'lid' ? `lid:${participant.key}` : `pn:${phonePerson(participant.key)}`;
}
