/**
 * Keeps the credential's token out of everything the node emits, even when a
 * server or a proxy echoes it back: as it is or in another case, URL-encoded,
 * base64 (standard or URL-safe, of the token alone or of any text around it, at
 * every byte alignment), hex, JSON-escaped, HTML entities (named, decimal, hex),
 * spaced out ("r y z e", "r.y.z.e"), cut short ("tok+Secr…"), or as an object
 * key. A Base URL path (a reverse proxy's prefix) that can be a secret — a long or
 * random-looking segment, never a plain word like `/whatsapp` — is redacted where
 * a server echoes it, as a path: in the URL, after the host, as `/prefix/…`. So
 * nothing the node built itself (an instance name, a participant, a JID) is ever
 * rewritten for matching it. Pure, and linear in the size of what it cleans
 * (times the number of forms).
 */
import { decodedView, lower, skeleton, spacedView } from './textViews';

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

/** A form to look for, and whether a cut piece of it (MIN_FRAGMENT characters) counts. */
interface Form {
	text: string;
	fragments: boolean;
	/** Only a piece cut at the end counts (its start is what makes it a path: the `/`). */
	headOnly?: boolean;
}

/** The base64 characters that depend only on `bytes` when they sit `align` bytes into a longer text. */
function base64At(bytes: Buffer, align: number): string {
	const encoded = Buffer.concat([Buffer.alloc(align), bytes])
		.toString('base64')
		.replace(/=+$/, '');
	const skip = [0, 2, 3][align];
	const mixedTail = (bytes.length + align) % 3 === 0 ? 0 : 1;
	return encoded.slice(skip, encoded.length - mixedTail);
}

function encodings(secret: string): string[] {
	const bytes = Buffer.from(secret, 'utf8');
	const base64 = bytes.toString('base64');
	const forms = [
		secret,
		encodeURIComponent(secret),
		encodeURI(secret),
		base64,
		base64.replace(/=+$/, ''),
		bytes.toString('base64url'),
		bytes.toString('hex'),
		JSON.stringify(secret).slice(1, -1),
	];
	// Inside the base64 of a longer text ("token: <tok>"), at each of the three byte alignments.
	for (const align of [0, 1, 2]) {
		const inner = base64At(bytes, align);
		forms.push(inner, inner.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return forms;
}

/**
 * Collects, as [start, end) runs of `text`, every occurrence of `form` and, when
 * fragments count, every run that is a cut piece of it: at least MIN_FRAGMENT
 * characters of its start (an echo cut at the end) or of its end (cut at the
 * start). Each scan moves forward only, so this is linear in the text.
 */
function collectRuns(text: string, form: Form, runs: Array<[number, number]>): void {
	const whole = form.text;
	const fragment = form.fragments ? Math.min(MIN_FRAGMENT, whole.length) : whole.length;
	const head = whole.slice(0, fragment);
	const tail = whole.slice(whole.length - fragment);
	let from = 0;
	let at = text.indexOf(head, from);
	while (at !== -1) {
		let end = at + fragment;
		while (end - at < whole.length && text[end] === whole[end - at]) end++;
		if (end - at === whole.length || form.fragments) runs.push([at, end]);
		from = end;
		at = text.indexOf(head, from);
	}
	if (!form.fragments || form.headOnly) return;
	// A piece cut at the start ends with the form's last characters.
	const offset = whole.length - fragment;
	from = 0;
	at = text.indexOf(tail, from);
	while (at !== -1) {
		const end = at + fragment;
		let start = at;
		while (start > from && at - start < offset && text[start - 1] === whole[offset - (at - start) - 1]) start--;
		runs.push([start, end]);
		from = end;
		at = text.indexOf(tail, from);
	}
}

/** Replaces the union of `runs` (in `text`'s positions) by one marker each: the longer of two overlapping echoes wins. */
function replaceRuns(text: string, runs: Array<[number, number]>): string {
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

/**
 * Finds every form in the decoded view and every spaced-out form in the
 * spaced-out view, and replaces the union of what they cover in `text`. Taking
 * the union (not one form after the other) matters when two forms share a start
 * (the token inside its URL-encoded or JSON-escaped echo): no piece of the longer
 * echo is left behind.
 */
function scrub(text: string, forms: Form[], spaced: Form[]): string {
	const view = decodedView(text);
	const found: Array<[number, number]> = [];
	for (const form of forms) collectRuns(view.text, form, found);
	// The exact spaced-out view (with positions) only when the quick one holds a form.
	const squeezed = skeleton(view.text);
	if (spaced.some((form) => squeezed.includes(form.text))) {
		const bare = spacedView(view);
		const spacedFound: Array<[number, number]> = [];
		for (const form of spaced) collectRuns(bare.text, form, spacedFound);
		for (const [start, end] of spacedFound) found.push([bare.at[start], bare.at[end - 1] + 1]);
	}
	if (found.length === 0) return text;
	const runs: Array<[number, number]> =
		view.start && view.end ? found.map(([start, end]) => [view.start![start], view.end![end - 1]]) : found;
	return replaceRuns(text, runs);
}

/** A Base URL path segment shorter than this is never a secret. */
const MIN_PATH_SECRET = 6;
/** A path segment this long is a secret whatever its characters. */
const LONG_PATH_SEGMENT = 16;

/**
 * Whether a Base URL path segment can be a secret: long, or letters and digits
 * mixed (random-looking: `9f8e7d`, `tenant-4821`). A plain word (`whatsapp`,
 * `sandbox`, `ryzeapi`, `team-a`) is not one, however it is used.
 */
function secretSegment(segment: string): boolean {
	if (segment.length >= LONG_PATH_SEGMENT) return true;
	return segment.length >= MIN_PATH_SECRET && /\d/.test(segment) && /[a-z]/i.test(segment);
}

/** A path as a server may have decoded it ("%20" → " "); as it is when it does not decode. */
function decoded(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return path;
	}
}

/**
 * How a server echoes a secret path: as a path, starting with `/` (the whole path,
 * and each secret segment with what follows it), as sent or decoded, URL-encoded,
 * or with JSON's escaped slashes; a piece cut at the end counts. The URL and
 * `host/path` hold these too. Never the bare words: they may be an instance's
 * name, or a part of a JID (`s.whatsapp.net`).
 */
function baseUrlSecrets(baseUrl: unknown): Form[] {
	if (typeof baseUrl !== 'string') return [];
	const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+(\/[^?#]*)?/i.exec(baseUrl.trim());
	const segments = (match?.[1] ?? '').split('/').filter((segment) => segment !== '');
	const secret = segments.filter((segment) => secretSegment(decoded(segment)));
	if (secret.length === 0) return [];
	const forms: Form[] = [];
	for (const path of [`/${segments.join('/')}`, ...secret.map((segment) => `/${segment}`)]) {
		const plain = decoded(path);
		for (const text of [path, plain, encodeURI(plain), encodeURIComponent(plain), plain.replace(/\//g, '\\/')]) {
			forms.push({ text: lower(text), fragments: true, headOnly: true });
		}
	}
	return forms;
}

function unique(forms: Form[]): Form[] {
	// What a form catches: nothing cut (0), cut at the end (1), cut at either end (2). The strongest stays.
	const reach = (form: Form) => (form.fragments ? (form.headOnly ? 1 : 2) : 0);
	const seen = new Map<string, Form>();
	for (const form of forms) {
		if (form.text.length < MIN_SECRET_LENGTH) continue;
		const known = seen.get(form.text);
		if (!known || reach(form) > reach(known)) seen.set(form.text, form);
	}
	return [...seen.values()];
}

/**
 * A redactor for the credential's token and, when given, the Base URL (whose path
 * is a secret when it can be one: see secretSegment). Without a usable token,
 * only the Base URL's path is redacted.
 */
export function createRedactor(secret: unknown, baseUrl?: unknown): Redact {
	const tokenForms: Form[] = [];
	if (typeof secret === 'string' && secret.trim().length >= MIN_SECRET_LENGTH) {
		for (const token of new Set([secret, secret.trim()])) {
			for (const text of encodings(token)) tokenForms.push({ text: lower(text), fragments: true });
		}
	}
	const forms = unique([...tokenForms, ...baseUrlSecrets(baseUrl)]);
	if (forms.length === 0) return (value) => value;
	// Spaced out: the token's forms, letters and digits only, and whole: a cut piece of
	// one ("sandboxt") would also match ordinary words around a wordy token ("sandbox: The").
	// Not the path's: without its slashes it is a bare word, which built values may hold.
	const spaced = unique(tokenForms.map((form) => ({ text: skeleton(form.text), fragments: false })));
	const cleanText = (text: string): string => scrub(text, forms, spaced);
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
			// A `__proto__` key (JSON.parse makes it an own key) stays one: assigned, it would become the copy's prototype.
			if (cleanKey === '__proto__')
				Object.defineProperty(copy, cleanKey, { value: next, enumerable: true, writable: true, configurable: true });
			else copy[cleanKey] = next;
		}
		return changed ? copy : value;
	};
	return <T>(value: T) => clean(value, 0) as T;
}
