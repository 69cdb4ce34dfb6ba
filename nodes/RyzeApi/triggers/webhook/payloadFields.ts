/**
 * Reading single fields of an untrusted delivery payload: texts bounded and
 * trimmed, times as ISO 8601. Pure, never throws.
 */

/** Identifiers and names longer than this are not read (the payload is kept whole in `raw`). */
const MAX_TEXT = 256;

export type Rec = Record<string, unknown>;

export function isRecord(value: unknown): value is Rec {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A finite number or a non-empty text of at most MAX_TEXT characters, trimmed; anything else null. */
export function text(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed === '' || trimmed.length > MAX_TEXT ? null : trimmed;
}

/** The first of `keys` present on `record` as text. */
export function pick(record: Rec, keys: readonly string[]): string | null {
	for (const key of keys) {
		const found = text(record[key]);
		if (found !== null) return found;
	}
	return null;
}

/** Seconds, milliseconds or a date text → ISO 8601; anything else → null. */
export function isoTime(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
		const date = new Date(value < 1e12 ? value * 1000 : value);
		return Number.isNaN(date.getTime()) ? null : date.toISOString();
	}
	const raw = text(value);
	if (raw === null) return null;
	if (/^\d+$/.test(raw)) return isoTime(Number(raw));
	if (!/^\d{4}-\d{2}-\d{2}/.test(raw)) return null;
	const date = new Date(raw);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The time a payload gives in `timestamp`, `Timestamp` or `t`. */
export function payloadTime(record: Rec): string | null {
	return isoTime(record.timestamp ?? record.Timestamp ?? record.t);
}
