/**
 * Keeps the credential's token out of everything the node emits, even when a
 * server or a proxy echoes it back in an error text. Pure.
 */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are not redacted: they would mangle ordinary text. */
const MIN_SECRET_LENGTH = 6;

export type Redact = <T>(value: T) => T;

export function createRedactor(secret: unknown): Redact {
	if (typeof secret !== 'string' || secret.trim().length < MIN_SECRET_LENGTH) return (value) => value;
	const token = secret.trim();
	const clean = (value: unknown, depth: number): unknown => {
		if (typeof value === 'string') return value.includes(token) ? value.split(token).join(REDACTED) : value;
		if (value === null || typeof value !== 'object' || depth > 20) return value;
		if (Array.isArray(value)) {
			let changed = false;
			const out = value.map((entry) => {
				const next = clean(entry, depth + 1);
				if (next !== entry) changed = true;
				return next;
			});
			return changed ? out : value;
		}
		let copy: Record<string, unknown> | null = null;
		for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
			const next = clean(entry, depth + 1);
			if (next !== entry) {
				copy ??= { ...(value as Record<string, unknown>) };
				copy[key] = next;
			}
		}
		return copy ?? value;
	};
	return <T>(value: T) => clean(value, 0) as T;
}
