/**
 * The only place that talks HTTP, and the only place that turns what came back
 * into an outcome. Every call goes through n8n's httpRequestWithAuthentication
 * (axios inside n8n), which adds the credential's `token` header.
 *
 * One outcome per call: `answered` (a 2xx and its parsed body) or a `CallFailure`
 * (any other status, a redirect, a timeout, a network error, a body too large).
 * The trust boundary lives here:
 * - redirects are never followed, so the token never leaves the Base URL's host;
 * - the timeout bounds the whole exchange, body included (see body.ts);
 * - the body is read up to MAX_RESPONSE_BYTES and parsed in linear time;
 * - the thrown error itself is never passed on: its request config holds the token.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { apiErrorMessage } from '../../helpers/apiText';
import { classifyHttpFailure, failureOf } from '../../helpers/errorCodes';
import type { CallFailure } from '../../helpers/types';
import { MAX_RESPONSE_BYTES, parseBody, readBody, discardBody } from './body';

export const CREDENTIAL_TYPE = 'ryzeApi';

export interface RequestSpec {
	method: IHttpRequestMethods;
	/** Path below the base URL, starting with /api/. Path parameters already encoded. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Bounds the whole exchange: connecting, headers and the full body. */
	timeoutMs: number;
}

export type Headers = Record<string, string>;

/** What one call came to. `headers` are kept on failures too: a 429 carries the rate limit. */
export type ApiOutcome =
	| { ok: true; statusCode: number; headers: Headers; body: unknown }
	| { ok: false; failure: CallFailure; headers: Headers };

export function instancePath(route: string, instance: string): string {
	return `/api/group/${route}/${encodeURIComponent(instance)}`;
}

/**
 * The context a merged call is sent through: the member's own context (its
 * credential, its helpers, everything else bound to it), except for the cancel
 * signal. n8n-core's httpRequestWithAuthentication sets
 * `requestOptions.abortSignal = this.getExecutionCancelSignal()` whenever `this`
 * has that method, overriding any signal the node passes, and `this` is whatever
 * the helper is called with (`.call(ctx, …)` below). Called with this view, the
 * request is bound to `signal`, the call's own, which the coordinator aborts only
 * once every execution in the call has left; one execution's stop or timeout no
 * longer cancels the others' call. ARCHITECTURE.md, "A merged call belongs to no
 * execution", has the n8n versions this was checked against.
 */
export function detachedContext<T extends object>(ctx: T, signal: AbortSignal): T {
	return new Proxy(ctx, {
		get(target, property) {
			if (property === 'getExecutionCancelSignal') return () => signal;
			const value = Reflect.get(target, property, target) as unknown;
			// Methods run on the real context (it may keep private state).
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}

const TIMED_OUT: unique symbol = Symbol('timed out');

/**
 * A promise that settles when `ms` have passed, and a way to let go of it. Built
 * on AbortSignal.timeout, whose timer never keeps the process alive (n8n's cloud
 * rules ban setTimeout; sleepWithAbort is gone from newer n8n-workflow releases).
 */
export function deadline(ms: number): { reached: Promise<typeof TIMED_OUT>; release: () => void } {
	const signal = AbortSignal.timeout(ms);
	let onAbort = () => {};
	const reached = new Promise<typeof TIMED_OUT>((resolve) => {
		onAbort = () => resolve(TIMED_OUT);
		signal.addEventListener('abort', onAbort, { once: true });
	});
	return { reached, release: () => signal.removeEventListener('abort', onAbort) };
}

export async function ryzeApiRequest(
	// The triggers call from their poll and webhook-lifecycle contexts.
	ctx: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions,
	baseUrl: string,
	spec: RequestSpec,
): Promise<ApiOutcome> {
	const options: IHttpRequestOptions = {
		method: spec.method,
		url: `${baseUrl}${spec.path}`,
		qs: spec.qs,
		body: spec.body,
		json: true,
		// The raw body: read here under the size cap and the deadline, parsed here.
		encoding: 'stream',
		timeout: spec.timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A 3xx is reported, never followed: the token header must not reach another host.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
	};
	// axios's own timeout only fires while the socket is idle; this one bounds the whole exchange.
	const limit = deadline(spec.timeoutMs);
	const timedOut = (): ApiOutcome => ({
		ok: false,
		failure: failureOf('timeout', `RyzeAPI did not answer within ${spec.timeoutMs} ms`, true),
		headers: {},
	});
	try {
		const request = ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options) as Promise<unknown>;
		const first = await Promise.race([request, limit.reached]);
		if (first === TIMED_OUT) {
			// Whenever the answer still comes, its body is dropped unread.
			request.then(
				(late) => discardBody((late as { body?: unknown } | null)?.body),
				() => undefined,
			);
			return timedOut();
		}
		const full = first as { statusCode?: unknown; headers?: unknown; body?: unknown } | null;
		if (!full || typeof full !== 'object' || typeof full.statusCode !== 'number') {
			discardBody(full?.body);
			return { ok: false, failure: failureOf('unexpected_response', 'RyzeAPI answered without an HTTP status', true), headers: {} };
		}
		const statusCode = full.statusCode;
		const headers = lowerCaseHeaders(full.headers);
		if (statusCode >= 300 && statusCode < 400) {
			discardBody(full.body);
			return { ok: false, failure: redirectFailure(statusCode, headers.location), headers };
		}
		const read = await Promise.race([readBody(full.body, MAX_RESPONSE_BYTES, headers['content-length']), limit.reached]);
		if (read === TIMED_OUT) {
			discardBody(full.body);
			return timedOut();
		}
		const processed = statusCode >= 200 && statusCode < 300;
		if (!read.ok) {
			const failure =
				read.reason === 'too_large'
					? failureOf(
							'response_too_large',
							`RyzeAPI answered HTTP ${statusCode} with more than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB`,
							processed,
						)
					: failureOf('network', `The connection to RyzeAPI closed while the answer (HTTP ${statusCode}) was being read`, processed);
			return { ok: false, failure: { ...failure, statusCode }, headers };
		}
		const body = parseBody(read.value);
		if (processed) return { ok: true, statusCode, headers, body };
		return { ok: false, failure: httpFailure(statusCode, body), headers };
	} catch (error) {
		return { ok: false, failure: classifyTransportError(error, spec.timeoutMs), headers: {} };
	} finally {
		limit.release();
	}
}

/** A non-2xx answer, in the API's own words where it gave any. */
export function httpFailure(statusCode: number, body: unknown): CallFailure {
	const failure = classifyHttpFailure(statusCode, apiErrorMessage(body));
	if (typeof body === 'string' && /^\s*</.test(body)) failure.message = `RyzeAPI answered HTTP ${statusCode} with an HTML page`;
	return failure;
}

function redirectFailure(statusCode: number, location: string | undefined): CallFailure {
	let target = 'another address';
	if (location !== undefined && URL.canParse(location)) target = new URL(location).host.slice(0, 100);
	else if (location !== undefined) target = 'a path on the same server';
	return {
		...failureOf('redirect', `RyzeAPI answered ${statusCode}, a redirect to ${target}, which the node does not follow`, false),
		statusCode,
	};
}

function lowerCaseHeaders(headers: unknown): Headers {
	const out: Headers = {};
	if (headers && typeof headers === 'object') {
		for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
			if (typeof value === 'string' || typeof value === 'number') out[key.toLowerCase()] = String(value);
			else if (Array.isArray(value)) out[key.toLowerCase()] = value.map(String).join(', ');
		}
	}
	return out;
}

/** Walks an error and its causes (bounded), collecting codes and texts. */
function errorChain(error: unknown): { code: string; message: string } {
	let current: unknown = error;
	let code = '';
	const parts: string[] = [];
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const { code: own, message, messages } = current as { code?: unknown; message?: unknown; messages?: unknown };
		if (code === '' && typeof own === 'string' && /^(E[A-Z_]+|ERR_[A-Z_]+)$/.test(own)) code = own;
		if (typeof message === 'string') parts.push(message.slice(0, 500));
		// NodeApiError keeps the original error texts (e.g. "connect ECONNREFUSED …") here.
		if (Array.isArray(messages)) {
			for (const entry of messages.slice(0, 10)) if (typeof entry === 'string') parts.push(entry.slice(0, 500));
		}
		current = (current as { cause?: unknown }).cause;
	}
	return { code, message: parts.join(' | ') };
}

/** Maps a thrown request error to a failure, without keeping the error itself. */
export function classifyTransportError(error: unknown, timeoutMs: number): CallFailure {
	const { code, message } = errorChain(error);
	const has = (name: string) => code === name || message.includes(name);
	if (has('ERR_INVALID_CHAR') || /invalid character in header/i.test(message)) {
		// Node refuses to send a header with a line break or a control character: nothing left n8n.
		return failureOf('unauthorized', 'The token in the RyzeAPI credential contains a character that cannot be sent in a header', false);
	}
	if (has('ECONNABORTED') || has('ETIMEDOUT') || has('ESOCKETTIMEDOUT') || /timeout of|timed out|timeout/i.test(message)) {
		return failureOf('timeout', `RyzeAPI did not answer within ${timeoutMs} ms`, true);
	}
	if (has('ECONNREFUSED') || /refused the connection/i.test(message)) {
		// Refused before anything was sent: the call was certainly not processed.
		return failureOf('network', 'RyzeAPI refused the connection (is the Base URL right and the server up?)', false);
	}
	if (has('ENOTFOUND') || has('EAI_AGAIN') || /could not be resolved|incorrect host/i.test(message)) {
		return failureOf('network', 'The host in the Base URL could not be resolved', false);
	}
	if (has('ECONNRESET') || has('EPIPE') || /socket hang up|closed unexpectedly|aborted/i.test(message)) {
		return failureOf('network', 'The connection to RyzeAPI closed before an answer arrived', true);
	}
	if (code === 'ERR_CANCELED' || /cancel/i.test(message)) {
		return failureOf('network', 'The request was cancelled (the execution was stopped)', true);
	}
	if (code !== '') return failureOf('network', `The request to RyzeAPI failed (${code})`, true);
	return failureOf('network', 'The request to RyzeAPI failed before an answer arrived', true);
}
