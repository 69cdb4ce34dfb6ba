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
 * Replaces, in `text`, every occurrence of `form` and every run that is a cut
 * piece of it: at least MIN_FRAGMENT characters of its start (an echo cut at the
 * end) or of its end (cut at the start). Each scan moves forward only.
 */
function scrub(text: string, form: string): string {
	const fragment = Math.min(MIN_FRAGMENT, form.length);
	const head = form.slice(0, fragment);
	const tail = form.slice(form.length - fragment);
	let out = '';
	let from = 0;
	let at = text.indexOf(head, from);
	while (at !== -1) {
		let end = at + fragment;
		while (end - at < form.length && text[end] === form[end - at]) end++;
		out += text.slice(from, at) + REDACTED;
		from = end;
		at = text.indexOf(head, from);
	}
	text = out + text.slice(from);
	if (!text.includes(tail)) return text;
	// A piece cut at the start ends with the form's last characters.
	out = '';
	from = 0;
	at = text.indexOf(tail, from);
	while (at !== -1) {
		const end = at + fragment;
		let start = at;
		const offset = form.length - fragment;
		while (start > from && at - start < offset && text[start - 1] === form[offset - (at - start) - 1]) start--;
		out += text.slice(from, start) + REDACTED;
		from = end;
		at = text.indexOf(tail, from);
	}
	return out + text.slice(from);
}

export function createRedactor(secret: unknown): Redact {
	if (typeof secret !== 'string' || secret.trim().length < MIN_SECRET_LENGTH) return (value) => value;
	const forms = [...new Set([...encodings(secret), ...encodings(secret.trim())])];
	const probes = forms.map((form) => [form.slice(0, Math.min(MIN_FRAGMENT, form.length)), form.slice(-Math.min(MIN_FRAGMENT, form.length))]);
	const cleanText = (text: string): string => {
		let out = text;
		forms.forEach((form, index) => {
			const [head, tail] = probes[index];
			if (out.includes(head) || out.includes(tail)) out = scrub(out, form);
		});
		return out;
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
