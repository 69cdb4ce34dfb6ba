/**
 * Server text as the node quotes it: bounded, flattened, never a whole body. Pure.
 */

/** A bounded excerpt of server text. Linear: one pass, no backtracking. */
export function excerpt(text: string, max = 120): string {
	// Only the start is kept, so only the start is flattened (a 10 MB body costs nothing).
	const head = text.length > max * 4 ? text.slice(0, max * 4) : text;
	const flat = head.replace(/\s+/g, ' ').trim();
	return flat.length > max || head.length < text.length ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The API's own words from an error envelope `{success:false, error:{message}}` or plain text, bounded. */
export function apiErrorMessage(body: unknown): string | null {
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (trimmed === '' || trimmed.startsWith('<')) return null;
		return excerpt(trimmed);
	}
	if (!body || typeof body !== 'object') return null;
	const record = body as Record<string, unknown>;
	const error = record.error;
	if (typeof error === 'string') return excerpt(error, 300);
	if (error && typeof error === 'object') {
		const message = (error as Record<string, unknown>).message;
		if (typeof message === 'string') return excerpt(message, 300);
	}
	if (typeof record.message === 'string') return excerpt(record.message, 300);
	return null;
}
