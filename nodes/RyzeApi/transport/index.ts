/**
 * The only place that talks HTTP. Every call goes through n8n's
 * httpRequestWithAuthentication (axios inside n8n), which adds the credential's
 * `token` header. HTTP statuses come back as data; network failures come back as
 * a CallFailure. The original error is never passed on: its request config holds
 * the token.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { howToFix } from '../helpers/errorCodes';
import type { CallFailure } from '../helpers/types';

export const CREDENTIAL_TYPE = 'ryzeApi';

export interface RequestSpec {
	method: IHttpRequestMethods;
	/** Path below the base URL, starting with /api/. Path parameters already encoded. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	timeoutMs: number;
}

export interface ApiResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: unknown;
}

export type ApiOutcome = { ok: true; response: ApiResponse } | { ok: false; failure: CallFailure };

export function instancePath(route: string, instance: string): string {
	return `/api/group/${route}/${encodeURIComponent(instance)}`;
}

export async function ryzeApiRequest(
	ctx: IExecuteFunctions,
	baseUrl: string,
	spec: RequestSpec,
): Promise<ApiOutcome> {
	const options: IHttpRequestOptions = {
		method: spec.method,
		url: `${baseUrl}${spec.path}`,
		qs: spec.qs,
		body: spec.body,
		json: true,
		timeout: spec.timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	try {
		const full = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options)) as {
			statusCode?: unknown;
			headers?: unknown;
			body?: unknown;
		};
		if (!full || typeof full !== 'object' || typeof full.statusCode !== 'number') {
			return { ok: false, failure: transportFailure('unexpected_response', 'RyzeAPI answered without an HTTP status', true) };
		}
		return {
			ok: true,
			response: { statusCode: full.statusCode, headers: lowerCaseHeaders(full.headers), body: full.body },
		};
	} catch (error) {
		return { ok: false, failure: classifyTransportError(error, spec.timeoutMs) };
	}
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
			if (typeof value === 'string' || typeof value === 'number') out[key.toLowerCase()] = String(value);
			else if (Array.isArray(value)) out[key.toLowerCase()] = value.map(String).join(', ');
		}
	}
	return out;
}

function errorCodeOf(error: unknown): string {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return '';
}

function messageOf(error: unknown): string {
	let current: unknown = error;
	const parts: string[] = [];
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const { message, messages } = current as { message?: unknown; messages?: unknown };
		if (typeof message === 'string') parts.push(message);
		// NodeApiError keeps the original error texts (e.g. "connect ECONNREFUSED …") here.
		if (Array.isArray(messages)) parts.push(...messages.filter((entry): entry is string => typeof entry === 'string'));
		current = (current as { cause?: unknown }).cause;
	}
	return parts.join(' | ');
}

/** Maps a thrown request error to a failure, without keeping the error itself. */
export function classifyTransportError(error: unknown, timeoutMs: number): CallFailure {
	const code = errorCodeOf(error);
	const message = messageOf(error);
	const has = (name: string) => code === name || message.includes(name);
	if (has('ECONNABORTED') || has('ETIMEDOUT') || has('ESOCKETTIMEDOUT') || /timeout of|timed out|timeout/i.test(message)) {
		return transportFailure('timeout', `RyzeAPI did not answer within ${timeoutMs} ms`, true);
	}
	if (has('ECONNREFUSED') || /refused the connection/i.test(message)) {
		// Refused before anything was sent: the call was certainly not processed.
		return transportFailure('network', 'RyzeAPI refused the connection (is the Base URL right and the server up?)', false);
	}
	if (has('ENOTFOUND') || has('EAI_AGAIN') || /could not be resolved|incorrect host/i.test(message)) {
		return transportFailure('network', 'The host in the Base URL could not be resolved', false);
	}
	if (has('ECONNRESET') || has('EPIPE') || /socket hang up|closed unexpectedly|aborted/i.test(message)) {
		return transportFailure('network', 'The connection to RyzeAPI closed before an answer arrived', true);
	}
	if (code === 'ERR_CANCELED' || /cancel/i.test(message)) {
		return transportFailure('network', 'The request was cancelled (the execution was stopped)', true);
	}
	if (code !== '') {
		return transportFailure('network', `The request to RyzeAPI failed (${code})`, true);
	}
	return transportFailure('network', 'The request to RyzeAPI failed before an answer arrived', true);
}

function transportFailure(errorCode: CallFailure['errorCode'], message: string, outcomeUnknown: boolean): CallFailure {
	return { errorCode, message, description: howToFix(errorCode), statusCode: null, outcomeUnknown };
}
