/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * Small HTTP helpers: the result/reply shapes, the error envelope, body reading.
 */
import type { IncomingMessage } from 'node:http';

/** What an API handler produces: a status and a JSON body. */
export interface ApiResult {
	status: number;
	body: unknown;
	/** Extra delay before answering (approve/reject latency). */
	delayMs?: number;
}

/** An HTTP answer as written to the socket, after faults. */
export interface Answer {
	drop?: false;
	status: number;
	body: string;
	contentType?: string;
	/** Send X-RateLimit-Remaining: 0. */
	exhausted?: boolean;
	delayMs?: number;
	/** Extra response headers (Location, Retry-After …). */
	headers?: Record<string, string>;
	/** Write the body one byte every this many ms, after the headers. */
	dripMs?: number;
	/** Pad the body with this many spaces before its last character (a huge answer without a huge string). */
	padBytes?: number;
}

/** An answer, or a dropped connection. */
export type Reply = Answer | { drop: true };

export function ok(body: Record<string, unknown>): ApiResult {
	return { status: 200, body: { success: true, ...body } };
}

export function errorBody(message: string): Record<string, unknown> {
	return { success: false, error: { message } };
}

export function fail(status: number, message: string): ApiResult {
	return { status, body: errorBody(message) };
}

export function jsonReply(result: ApiResult): Answer {
	return {
		status: result.status,
		body: JSON.stringify(result.body),
		contentType: 'application/json',
		delayMs: result.delayMs,
	};
}

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the whole request body as UTF-8 (capped at 1 MiB; the rest is discarded). */
export function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; raw: string };

/** Empty text parses as `undefined`; invalid JSON keeps the raw text. */
export function parseJson(text: string): ParsedBody {
	if (text.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false, raw: text };
	}
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
