/**
 * An execution sees only its own data. When concurrent executions share one call
 * (Combine Across Executions), whatever the server says about the call as a whole
 * (an error text, a body it echoed, an entry's message) may name another
 * execution's participants. `createIsolator` removes them, in the forms the
 * redactor knows for a secret (as sent, URL-encoded, base64 standard and
 * URL-safe, hex, JSON-escaped) and as the digits alone, a Brazilian mobile in
 * its other form too (with or without the ninth digit), and leaves this
 * execution's own participants readable. Pure, linear in what it cleans per form.
 *
 * Unlike the token's redactor it does not match cut-short pieces: phone numbers of
 * one country share long prefixes, and a piece of another's number would eat this
 * execution's own. A digit form only matches as a whole number (no digit right
 * before or after it).
 */
import { MAX_DEPTH, REDACTED, TOO_DEEP } from '../../../../helpers/redact';
import { brazilianTwin } from '../../../../helpers/brazilianNumbers';
import { participantIdentity, type Participant } from '../../../../helpers/participants';

/** Shorter values are not scrubbed: they would mangle ordinary text (no participant is this short). */
const MIN_FORM = 5;

function forms(value: string): string[] {
	const bytes = Buffer.from(value, 'utf8');
	const base64 = bytes.toString('base64');
	return [
		value,
		encodeURIComponent(value),
		base64,
		base64.replace(/=+$/, ''),
		bytes.toString('base64url'),
		bytes.toString('hex'),
		JSON.stringify(value).slice(1, -1),
	];
}

const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';

function scrubText(text: string, all: string[]): string {
	let out = text;
	for (const form of all) {
		if (!out.includes(form)) continue;
		const digits = /^\d+$/.test(form);
		let result = '';
		let from = 0;
		let at = out.indexOf(form, from);
		while (at !== -1) {
			const end = at + form.length;
			if (digits && (isDigit(out[at - 1]) || isDigit(out[end]))) {
				result += out.slice(from, at + 1);
				from = at + 1;
			} else {
				result += out.slice(from, at) + REDACTED;
				from = end;
			}
			at = out.indexOf(form, from);
		}
		out = result + out.slice(from);
	}
	return out;
}

/** A Brazilian mobile's other form, as digits and as a JID: a server may answer under either (brazilianNumbers.ts). */
function otherForms(participant: Participant): string[] {
	const twin = participant.kind === 'lid' ? null : brazilianTwin(participant.key);
	return twin === null ? [] : [twin, `${twin}@s.whatsapp.net`];
}

export type Isolate = <T>(value: T) => T;

/** Nothing to hide (the call carried this execution alone). */
export const noIsolation: Isolate = (value) => value;

/**
 * Removes every participant of `foreign` that is not also one of `own` from any
 * text in a value (strings, arrays, object keys and values, bounded in depth).
 */
export function createIsolator(foreign: Participant[], own: Participant[]): Isolate {
	const mine = new Set(own.flatMap((participant) => [participant.value, participant.key, ...otherForms(participant)]));
	const ownPeople = new Set(own.map(participantIdentity));
	const values = new Set<string>();
	for (const participant of foreign) {
		// One of this execution's own people, in whatever form another execution sent it, stays readable.
		if (ownPeople.has(participantIdentity(participant))) continue;
		for (const value of [participant.value, participant.key, participant.input, ...otherForms(participant)]) {
			if (value.length >= MIN_FORM && !mine.has(value)) values.add(value);
		}
	}
	if (values.size === 0) return noIsolation;
	// Longest first: a JID is scrubbed whole before its digits are looked for.
	const all = [...new Set([...values].flatMap(forms))].filter((form) => form.length >= MIN_FORM).sort((a, b) => b.length - a.length);
	const clean = (value: unknown, depth: number): unknown => {
		if (typeof value === 'string') return scrubText(value, all);
		if (value === null || typeof value !== 'object') return value;
		if (depth >= MAX_DEPTH) return TOO_DEEP;
		if (Array.isArray(value)) return value.map((entry) => clean(entry, depth + 1));
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value as Record<string, unknown>)) copy[scrubText(key, all)] = clean(entry, depth + 1);
		return copy;
	};
	return <T>(value: T) => clean(value, 0) as T;
}
