/**
 * Reads a 200 answer of POST /api/group/participants and matches its entries to
 * the participants that were sent. Pure.
 *
 * The per-participant keys are not documented, so entries are matched by any
 * identifier they carry (jid, phone, phoneNumber, number, participant, lid, id),
 * comparing the digits before the `@` (a Brazilian mobile's other form too, when no
 * entry names the form sent: brazilianNumbers.ts). Position is used only when no entry carries
 * an identifier and the counts agree. Nothing else is guessed: a participant no
 * entry names is `missing_result` with `outcomeUnknown`.
 */
import { z } from 'zod';

import { excerpt } from '../../../helpers/apiText';
import { classifyParticipantError } from './whatsappCodes';
import { actionSpec } from './actions';
import { brazilianTwin } from '../../../helpers/brazilianNumbers';
import type { ErrorCode } from '../../../helpers/types';
import type { Participant } from '../../../helpers/participants';
import type { ParticipantAction, ParticipantOutcome } from './types';

export const RESULT_ID_KEYS = ['jid', 'phone', 'phoneNumber', 'number', 'participant', 'lid', 'id'] as const;

const entrySchema = z
	.object({
		success: z.union([z.boolean(), z.string(), z.number()]).optional(),
		error: z.unknown().optional(),
		status: z.union([z.string(), z.number()]).optional(),
		code: z.union([z.string(), z.number()]).optional(),
		message: z.unknown().optional(),
	})
	.passthrough();

const bodySchema = z.union([
	z.object({ participants: z.array(z.unknown()) }).passthrough(),
	z.object({ data: z.object({ participants: z.array(z.unknown()) }).passthrough() }).passthrough(),
]);

export type ParticipantsBody = { ok: true; entries: unknown[]; message: string | null } | { ok: false; reason: string };

/** Validates the shape of a 200 body. Anything else is `unexpected_response`. */
export function readParticipantsBody(body: unknown): ParticipantsBody {
	const parsed = bodySchema.safeParse(body);
	if (!parsed.success) {
		return { ok: false, reason: describeUnexpected(body) };
	}
	const value = parsed.data as Record<string, unknown>;
	const entries =
		'participants' in value ? (value.participants as unknown[]) : ((value.data as Record<string, unknown>).participants as unknown[]);
	const message = typeof value.message === 'string' ? value.message : null;
	return { ok: true, entries, message };
}

function describeUnexpected(body: unknown): string {
	if (body === undefined || body === null || body === '') return 'RyzeAPI answered with an empty body';
	if (typeof body === 'string') {
		const looksHtml = /^\s*</.test(body);
		return looksHtml
			? 'RyzeAPI answered with an HTML page instead of JSON'
			: `RyzeAPI answered with text that is not valid JSON: "${excerpt(body)}"`;
	}
	return 'RyzeAPI answered without a participants list';
}

/** The longest per-participant reason kept in `error` (the entry itself is in `raw`). */
export const MAX_REASON_LENGTH = 300;

/**
 * The identifiers an entry carries, each with the kind of person it names: a LID
 * (`…@lid`, or a bare `lid`), a phone (`…@s.whatsapp.net`, `…@c.us`, or a bare
 * `phone`/`phoneNumber`/`number`), or null when it does not say. A phone and a
 * LID with the same digits are two different people.
 */
export function entryIds(entry: Record<string, unknown>): Array<{ digits: string; kind: 'lid' | 'pn' | null }> {
	const ids: Array<{ digits: string; kind: 'lid' | 'pn' | null }> = [];
	for (const name of RESULT_ID_KEYS) {
		const value = entry[name];
		if (typeof value !== 'string' && typeof value !== 'number') continue;
		const text = String(value).trim().toLowerCase();
		const digits = text.split('@')[0].split(':')[0].replace(/\D/g, '');
		if (digits === '') continue;
		let kind: 'lid' | 'pn' | null = null;
		if (text.endsWith('@lid') || (name === 'lid' && !text.includes('@'))) kind = 'lid';
		else if (
			/@(s\.whatsapp\.net|c\.us)$/.test(text) ||
			((name === 'phone' || name === 'phoneNumber' || name === 'number') && !text.includes('@'))
		)
			kind = 'pn';
		if (!ids.some((id) => id.digits === digits && id.kind === kind)) ids.push({ digits, kind });
	}
	return ids;
}

function entryJid(entry: Record<string, unknown>): string | null {
	for (const name of RESULT_ID_KEYS) {
		const value = entry[name];
		if (typeof value === 'string' && value !== '') return value;
		if (typeof value === 'number') return String(value);
	}
	return null;
}

function errorText(value: unknown): string | null {
	if (value === undefined || value === null || value === false || value === '') return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (typeof value === 'object') {
		const record = value as Record<string, unknown>;
		for (const key of ['message', 'reason', 'text', 'error', 'code']) {
			if (typeof record[key] === 'string' || typeof record[key] === 'number') return String(record[key]);
		}
		try {
			return excerpt(JSON.stringify(value));
		} catch {
			return 'unreadable error';
		}
	}
	return null;
}

function numeric(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && /^\d{3}$/.test(value.trim())) return Number(value);
	return null;
}

/** Reads one entry into an outcome. */
export function readEntry(raw: unknown, action: ParticipantAction, statusCode = 200): ParticipantOutcome {
	const parsed = entrySchema.safeParse(raw);
	if (!parsed.success) {
		return failure(null, 'RyzeAPI returned an entry this node cannot read', 'unexpected_response', raw, statusCode);
	}
	const entry = parsed.data as Record<string, unknown>;
	const jid = entryJid(entry);
	// WhatsApp's code: the entry's status or code, a number in error, or error's own code or status.
	const inner = typeof entry.error === 'object' && entry.error !== null ? (entry.error as Record<string, unknown>) : {};
	const statusNumber = numeric(entry.status) ?? numeric(entry.code) ?? numeric(entry.error) ?? numeric(inner.code) ?? numeric(inner.status);
	const text = errorText(entry.error) ?? (typeof entry.message === 'string' && entry.success !== true ? entry.message : null);

	let success: boolean | null = null;
	if (typeof entry.success === 'boolean') success = entry.success;
	else if (entry.success === 'true' || entry.success === 1) success = true;
	else if (entry.success === 'false' || entry.success === 0) success = false;
	else if (statusNumber !== null) success = statusNumber >= 200 && statusNumber < 300;
	else if (entry.error !== undefined && entry.error !== null && entry.error !== '') success = false;

	if (success === null) {
		return failure(jid, 'RyzeAPI returned an entry without a success flag', 'unexpected_response', raw, statusCode);
	}
	const extra = carriedExtras(entry);
	if (success) {
		return { success: true, jid, error: null, errorCode: null, statusCode, raw, ...(extra ? { extra } : {}) };
	}
	const reason = text ?? (statusNumber !== null ? String(statusNumber) : 'RyzeAPI reported a failure without a reason');
	return {
		success: false,
		jid,
		// The whole entry stays in `raw`; the message is bounded like every other one.
		error: reason.length > MAX_REASON_LENGTH ? excerpt(reason, MAX_REASON_LENGTH) : reason,
		errorCode: classifyParticipantError(text, action, statusNumber, extra?.addRequest !== undefined),
		statusCode,
		raw,
		...(extra ? { extra } : {}),
	};
}

/** Invite codes WhatsApp hands back on a privacy-blocked add. */
function carriedExtras(entry: Record<string, unknown>): Record<string, unknown> | undefined {
	const addRequest = entry.addRequest ?? entry.add_request;
	const inviteCode = entry.inviteCode ?? entry.invite_code;
	const extra: Record<string, unknown> = {};
	if (addRequest !== undefined && addRequest !== null) extra.addRequest = addRequest;
	if (typeof inviteCode === 'string') extra.inviteCode = inviteCode;
	return Object.keys(extra).length > 0 ? extra : undefined;
}

function failure(jid: string | null, error: string, errorCode: ErrorCode, raw: unknown, statusCode: number): ParticipantOutcome {
	return { success: false, jid, error, errorCode, statusCode, raw };
}

/**
 * Matches entries to participants. Returns one outcome per participant, in the
 * order given; a participant no entry answers gets `missing_result`.
 * `positional: false` (a call shared by several executions) never pairs entries
 * without identifiers by position: a server that reorders them would swap one
 * execution's outcome with another's.
 */
export function matchResults(
	participants: Participant[],
	entries: unknown[],
	action: ParticipantAction,
	statusCode = 200,
	positional = true,
): ParticipantOutcome[] {
	const outcomes: Array<ParticipantOutcome | undefined> = new Array(participants.length);
	const read = entries.map((entry) => {
		const ids = entry !== null && typeof entry === 'object' ? entryIds(entry as Record<string, unknown>) : [];
		return { entry, ids, keys: ids.map((id) => id.digits), used: false };
	});

	const byKey = new Map<string, number[]>();
	participants.forEach((participant, index) => {
		const list = byKey.get(participant.key) ?? [];
		list.push(index);
		byKey.set(participant.key, list);
	});

	const anyIdentified = read.some((r) => r.keys.length > 0);
	if (anyIdentified) {
		// The form sent first; then, for the entries left, a Brazilian mobile's other form (brazilianNumbers.ts).
		for (const twin of [false, true]) {
			for (const r of read) {
				if (r.used) continue;
				for (const id of r.ids) {
					const digits = !twin ? id.digits : id.kind === 'lid' ? null : brazilianTwin(id.digits);
					const candidates = digits === null ? [] : (byKey.get(digits) ?? []);
					// A LID entry never answers for a phone with the same digits, nor the reverse; a LID has no other form.
					const sameKind = candidates.filter((index) =>
						twin ? participants[index].kind !== 'lid' : id.kind === null || (participants[index].kind === 'lid') === (id.kind === 'lid'),
					);
					const free = sameKind.find((index) => outcomes[index] === undefined);
					if (free !== undefined) {
						outcomes[free] = readEntry(r.entry, action, statusCode);
						r.used = true;
						break;
					}
				}
			}
		}
	} else if (positional && read.length === participants.length && actionSpec(action).pairing === 'identifier-or-position') {
		// approve/reject resolve phones to LIDs server-side: without identifiers, position proves nothing (helpers/actions.ts).
		read.forEach((r, index) => {
			outcomes[index] = readEntry(r.entry, action, statusCode);
			r.used = true;
		});
	}

	return participants.map((_participant, index) => outcomes[index] ?? missingResult(statusCode));
}

/** A participant the answer did not name: it may have been processed, so its outcome is unknown. */
export function missingResult(statusCode: number): ParticipantOutcome {
	return {
		success: false,
		jid: null,
		error: 'RyzeAPI returned no result for this participant',
		errorCode: 'missing_result',
		statusCode,
		raw: null,
		outcomeUnknown: true,
	};
}
