/**
 * Views of a text for the redactor (redact.ts), each with where its characters
 * come from: lower case without moving anything, HTML entities decoded (named,
 * decimal, hex), and letters and digits only (spaced-out echoes). Pure, linear.
 */

/** Spaced-out characters: at most this many separators between two of them still count as one echo. */
const MAX_GAP = 8;
/** Stands for a longer gap in the spaced-out view: no form contains it, so no match spans it. */
const BREAK = '\u0000';

/** Lower case without moving any character (a code unit that would grow stays as it is). */
export function lower(text: string): string {
	const out = text.toLowerCase();
	if (out.length === text.length) return out;
	let kept = '';
	for (const char of text) {
		const low = char.toLowerCase();
		kept += low.length === char.length ? low : char;
	}
	return kept;
}

/**
 * What separates the characters of a spaced-out echo: ASCII other than letters and
 * digits, Latin-1's controls and signs, general punctuation and spaces (U+2000–206F,
 * U+3000–303F, U+FE30–FE4F, U+FEFF). One code unit at a time, so the quick check
 * (SEPARATORS) and the exact view (isWordChar) agree.
 */
// eslint-disable-next-line no-control-regex -- control characters separate too
const SEPARATORS = /[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\xbf\u2000-\u206f\u3000-\u303f\ufe30-\ufe4f\ufeff]+/g;

function isWordChar(code: number): boolean {
	if (code < 0xc0) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
	return !(
		(code >= 0x2000 && code <= 0x206f) ||
		(code >= 0x3000 && code <= 0x303f) ||
		(code >= 0xfe30 && code <= 0xfe4f) ||
		code === 0xfeff
	);
}

export const skeleton = (text: string): string => text.replace(SEPARATORS, '');

/** The named HTML entities of the punctuation a token may hold (name, then the character). */
const NAMED_ENTITIES = new Map<string, string>(
	(
		'amp & lt < gt > quot " apos \' plus + sol / bsol \\ equals = quest ? num # percnt % excl ! commat @ dollar $ ' +
		'lpar ( rpar ) ast * midast * comma , period . colon : semi ; lowbar _ hyphen - dash - tilde ~ grave ` hat ^ ' +
		'vert | verbar | lsqb [ rsqb ] lbrack [ rbrack ] lcub { rcub } lbrace { rbrace }'
	)
		.split(' ')
		.flatMap((word, index, words) => (index % 2 === 0 ? [[word, words[index + 1]] as [string, string]] : [])),
);
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));?/giy;

/**
 * A view of `text` that decodes HTML entities, in lower case, with where each of
 * its characters starts and ends in `text` (null when it is `text` itself).
 */
export interface View {
	text: string;
	start: Int32Array | null;
	end: Int32Array | null;
}

/** The character an HTML entity at `at` stands for, and where it ends; null when there is none. */
function entityAt(text: string, at: number): { char: string; next: number } | null {
	ENTITY.lastIndex = at;
	const match = ENTITY.exec(text);
	if (!match) return null;
	const point = match[1] ? Number(match[1]) : match[2] ? parseInt(match[2], 16) : NaN;
	const name = match[3]?.toLowerCase();
	let char: string | undefined;
	if (point > 0 && point < 0x10000) char = String.fromCharCode(point);
	else if (name && (match[0].endsWith(';') || name === 'amp')) char = NAMED_ENTITIES.get(name);
	return char === undefined ? null : { char, next: ENTITY.lastIndex };
}

export function decodedView(text: string): View {
	if (!text.includes('&')) return { text: lower(text), start: null, end: null };
	const start = new Int32Array(text.length);
	const end = new Int32Array(text.length);
	const parts: string[] = [];
	let length = 0;
	const keep = (from: number, to: number): void => {
		parts.push(text.slice(from, to));
		for (let i = from; i < to; i++, length++) {
			start[length] = i;
			end[length] = i + 1;
		}
	};
	let kept = 0;
	for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) {
		const entity = entityAt(text, at);
		if (!entity) continue;
		keep(kept, at);
		parts.push(entity.char);
		start[length] = at;
		end[length++] = entity.next;
		kept = entity.next;
		at = entity.next - 1;
	}
	keep(kept, text.length);
	return { text: lower(parts.join('')), start, end };
}

/** The spaced-out view of a decoded view: only letters and digits, gaps longer than MAX_GAP kept as a break. */
export function spacedView(view: View): { text: string; at: Int32Array } {
	const source = view.text;
	const at = new Int32Array(source.length);
	const parts: string[] = [];
	let length = 0;
	let gap = 0;
	for (let i = 0; i < source.length; i++) {
		if (!isWordChar(source.charCodeAt(i))) {
			gap++;
			continue;
		}
		if (gap > MAX_GAP && length > 0) {
			at[length++] = i;
			parts.push(BREAK);
		}
		gap = 0;
		at[length++] = i;
		parts.push(source[i]);
	}
	return { text: parts.join(''), at };
}
