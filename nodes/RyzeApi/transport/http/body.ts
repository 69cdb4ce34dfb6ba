/**
 * Reading an answer's body: at most MAX_RESPONSE_BYTES, and parsed in time linear
 * in its size. The caller races the read against its deadline; on timeout it
 * calls discardBody, which destroys the stream so the socket is let go.
 */

/** More than any RyzeAPI answer can need (a list of 1,024 entries is well under 1 MB). */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export type BodyRead = { ok: true; value: unknown } | { ok: false; reason: 'too_large' | 'closed' };

interface Stream {
	on(event: string, listener: (...args: unknown[]) => void): unknown;
	destroy?: () => void;
	pipe?: unknown;
}

function isStream(value: unknown): value is Stream {
	return (
		value !== null &&
		typeof value === 'object' &&
		typeof (value as Stream).on === 'function' &&
		typeof (value as Stream).pipe === 'function'
	);
}

/** Lets go of a body that will not be read (a stream is destroyed; anything else is left). */
export function discardBody(body: unknown): void {
	if (isStream(body) && typeof body.destroy === 'function') body.destroy();
}

/**
 * The body as text (a stream or a Buffer, read up to `maxBytes`), or as it is when
 * the host already parsed it. A declared Content-Length over the cap fails at once.
 */
export async function readBody(body: unknown, maxBytes: number, contentLength?: string): Promise<BodyRead> {
	if (contentLength !== undefined && Number(contentLength) > maxBytes) {
		discardBody(body);
		return { ok: false, reason: 'too_large' };
	}
	if (isStream(body)) return await readStream(body, maxBytes);
	if (body instanceof Uint8Array) {
		return body.byteLength > maxBytes ? { ok: false, reason: 'too_large' } : { ok: true, value: Buffer.from(body).toString('utf8') };
	}
	if (typeof body === 'string') return body.length > maxBytes ? { ok: false, reason: 'too_large' } : { ok: true, value: body };
	return { ok: true, value: body };
}

function readStream(stream: Stream, maxBytes: number): Promise<BodyRead> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let settled = false;
		const settle = (result: BodyRead) => {
			if (settled) return;
			settled = true;
			resolve(result);
		};
		stream.on('data', (chunk: unknown) => {
			if (settled) return;
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
			size += buffer.length;
			if (size > maxBytes) {
				stream.destroy?.();
				settle({ ok: false, reason: 'too_large' });
				return;
			}
			chunks.push(buffer);
		});
		stream.on('end', () => settle({ ok: true, value: Buffer.concat(chunks).toString('utf8') }));
		stream.on('error', () => settle({ ok: false, reason: 'closed' }));
		stream.on('close', () => settle({ ok: false, reason: 'closed' }));
	});
}

/**
 * Text to a value: JSON when it parses (JSON.parse is linear), the text itself
 * otherwise, undefined when empty. A value the host already parsed is kept.
 */
export function parseBody(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (text === '') return undefined;
	if (text[0] !== '{' && text[0] !== '[' && text[0] !== '"') return value;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return value;
	}
}
