/**
 * A delivery's `data` walked once, at most MAX_RAW_CHARS of it: its size (is it
 * small enough to be kept as the items' `raw`?) and a digest of its content (the
 * identity of a retried delivery, recentDeliveries.ts). Linear in what it reads,
 * never more than the cap; never throws.
 */
import { createHash } from 'crypto';

import { MAX_DEPTH } from '../../helpers/redact';

/**
 * `data` up to this many characters (its texts, keys and numbers) is kept as `raw`;
 * beyond, `raw` is left out and the changes read from it still come out. A
 * 1,024-person delivery with names is about 280 KB.
 */
export const MAX_RAW_CHARS = 1024 * 1024;

export interface RawData {
	/** Characters read: at most the cap plus one. */
	chars: number;
	/** More than MAX_RAW_CHARS: not kept. */
	tooLarge: boolean;
	/** SHA-256 (hex) of the content read: the same `data` gives the same digest, key order included. */
	digest: string;
}

/** Walks `data` depth first, each text, key and number tagged with its kind and length, stopping past `cap`. */
export function readRawData(data: unknown, cap = MAX_RAW_CHARS): RawData {
	const parts: string[] = [];
	let chars = 0;
	/** False once past the cap: every walk then returns at once. */
	const put = (part: string): boolean => {
		// A text longer than what is left is read only up to the cap.
		const piece = part.length > cap - chars ? part.slice(0, cap - chars + 1) : part;
		parts.push(piece);
		chars += piece.length;
		return chars <= cap;
	};
	const walk = (value: unknown, depth: number): boolean => {
		if (typeof value === 'string') return put(`s${value.length}:${value}`);
		if (value === null || typeof value !== 'object') return put(`${typeof value}:${String(value)};`);
		// As the redactor does: below MAX_DEPTH, `raw` holds a marker, so the content there is not read.
		if (depth >= MAX_DEPTH) return put('deep;');
		if (Array.isArray(value)) {
			if (!put('[')) return false;
			for (const entry of value) if (!walk(entry, depth + 1)) return false;
			return put(']');
		}
		if (!put('{')) return false;
		for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
			if (!put(`k${key.length}:${key}`) || !walk(entry, depth + 1)) return false;
		}
		return put('}');
	};
	const tooLarge = !walk(data, 0);
	return { chars, tooLarge, digest: createHash('sha256').update(parts.join(''), 'utf8').digest('hex') };
}
