/**
 * Keeps the credential's token out of everything the node emits, even when a
 * server or a proxy echoes it back: as it is, URL-encoded, base64 (standard or
 * URL-safe), hex, JSON-escaped, cut short ("tok+Secr…"), or as an object key.
 * Pure, and linear in the size of what it cleans.
 */
export const REDACTED = '[redacted]';
/** What stands for a part of a value nested deeper than MAX_DEPTH. */
export const TOO_DEEP = '[nested too deep]';

/** Secrets shorter than this are not redacted: they would mangle ordinary text. */
const MIN_SECRET_LENGTH = 6;
/** A cut-short echo is recognised from this many leading (or trailing) characters. */
const MIN_FRAGMENT = 8;
/** Deeper than this, a value is replaced: it cannot be checked without unbounded recursion. */
export const MAX_DEPTH = 20;

export type Redact = <T>(value: T) => T;

function encodings(token: string): string[] {
	const bytes = Buffer.from(token, 'utf8');
	const base64 = bytes.toString('base64');
	const forms = [
		token,
		encodeURIComponent(token),
		encodeURI(token),
		base64,
		base64.replace(/=+$/, ''),
		bytes.toString('base64url'),
		bytes.toString('hex'),
		bytes.toString('hex').toUpperCase(),
		JSON.stringify(token).slice(1, -1),
	];
	return [...new Set(forms)].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/**
 * Collects, as [start, end) runs of `text`, every occurrence of `form` and every
 * run that is a cut piece of it: at least MIN_FRAGMENT characters of its start
 * (an echo cut at the end) or of its end (cut at the start). Each scan moves
 * forward only, so this is linear in the text.
 */
function collectRuns(text: string, form: string, runs: Array<[number, number]>): void {
	const fragment = Math.min(MIN_FRAGMENT, form.length);
	const head = form.slice(0, fragment);
	const tail = form.slice(form.length - fragment);
	let from = 0;
	let at = text.indexOf(head, from);
	while (at !== -1) {
		let end = at + fragment;
		while (end - at < form.length && text[end] === form[end - at]) end++;
		runs.push([at, end]);
		from = end;
		at = text.indexOf(head, from);
	}
	// A piece cut at the start ends with the form's last characters.
	const offset = form.length - fragment;
	from = 0;
	at = text.indexOf(tail, from);
	while (at !== -1) {
		const end = at + fragment;
		let start = at;
		while (start > from && at - start < offset && text[start - 1] === form[offset - (at - start) - 1]) start--;
		runs.push([start, end]);
		from = end;
		at = text.indexOf(tail, from);
	}
}

/**
 * Replaces the union of the runs of every form by one marker each. Taking the
 * union (not one form after the other) matters when two forms share a start (the
 * token inside its URL-encoded or JSON-escaped echo): the longer run wins, and no
 * piece of the longer echo is left behind.
 */
function scrub(text: string, forms: string[]): string {
	const runs: Array<[number, number]> = [];
	for (const form of forms) collectRuns(text, form, runs);
	if (runs.length === 0) return text;
	runs.sort((a, b) => a[0] - b[0]);
	let out = '';
	let kept = 0;
	let [start, end] = runs[0];
	for (const [nextStart, nextEnd] of runs) {
		if (nextStart <= end) {
			end = Math.max(end, nextEnd);
			continue;
		}
		out += text.slice(kept, start) + REDACTED;
		kept = end;
		[start, end] = [nextStart, nextEnd];
	}
	return out + text.slice(kept, start) + REDACTED + text.slice(end);
}

export function createRedactor(secret: unknown): Redact {
	if (typeof secret !== 'string' || secret.trim().length < MIN_SECRET_LENGTH) return (value) => value;
	const forms = [...new Set([...encodings(secret), ...encodings(secret.trim())])];
	const probes = forms.map((form) => [
		form.slice(0, Math.min(MIN_FRAGMENT, form.length)),
		form.slice(-Math.min(MIN_FRAGMENT, form.length)),
	]);
	const cleanText = (text: string): string => {
		const present = forms.filter((_form, index) => text.includes(probes[index][0]) || text.includes(probes[index][1]));
		return present.length === 0 ? text : scrub(text, present);
	};
	const clean = (value: unknown, depth: number): unknown => {
		if (typeof value === 'string') return cleanText(value);
		if (value === null || typeof value !== 'object') return value;
		if (depth >= MAX_DEPTH) return TOO_DEEP;
		if (Array.isArray(value)) {
			let changed = false;
			const out = value.map((entry) => {
				const next = clean(entry, depth + 1);
				if (next !== entry) changed = true;
				return next;
			});
			return changed ? out : value;
		}
		let changed = false;
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
			const cleanKey = cleanText(key);
			const next = clean(entry, depth + 1);
			if (next !== entry || cleanKey !== key) changed = true;
			copy[cleanKey] = next;
		}
		return changed ? copy : value;
	};
	return <T>(value: T) => clean(value, 0) as T;
}
