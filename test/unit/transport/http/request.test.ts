/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * transport/http/request.ts with a host whose httpRequestWithAuthentication
 * answers canned full responses and streams (no socket): what is asked of the
 * host (a raw stream, the status not thrown, redirects never followed), how each
 * status is reported, the size cap, the deadline over the whole exchange (a
 * request or a body that never ends: asserted on the outcome, the timer is the
 * Timeout itself, a few ms), and classifyTransportError on thrown errors.
 */
import { PassThrough } from 'node:stream';

import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { MAX_RESPONSE_BYTES } from '../../../../nodes/RyzeApi/transport/http/body';
import { classifyTransportError, ryzeApiRequest, type RequestSpec } from '../../../../nodes/RyzeApi/transport/http/request';

function host(answer: (options: IHttpRequestOptions) => Promise<unknown>) {
	const asked: Array<{ type: string; options: IHttpRequestOptions }> = [];
	const ctx = {
		helpers: {
			httpRequestWithAuthentication: async (type: string, options: IHttpRequestOptions) => {
				asked.push({ type, options });
				return await answer(options);
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, asked };
}

const spec: RequestSpec = { method: 'POST', path: '/api/group/participants', body: { action: 'add' }, timeoutMs: 1000 };
const full =
	(statusCode: number, body: unknown, headers: Record<string, unknown> = {}) =>
	async () => ({ statusCode, headers, body });
const streamOf = (text: string) => {
	const stream = new PassThrough();
	stream.end(text);
	return stream;
};

describe('ryzeApiRequest', () => {
	it('asks the host for the raw stream, with the token credential, the status not thrown, redirects not followed', async () => {
		const { ctx, asked } = host(full(200, streamOf('{"success":true}')));
		const outcome = await ryzeApiRequest(ctx, 'http://ryze.test', spec);
		expect(outcome).toEqual({ ok: true, statusCode: 200, headers: {}, body: { success: true } });
		expect(asked).toHaveLength(1);
		expect(asked[0].type).toBe('ryzeApi');
		expect(asked[0].options).toMatchObject({
			method: 'POST',
			url: 'http://ryze.test/api/group/participants',
			encoding: 'stream',
			timeout: 1000,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		});
	});

	it('lower-cases the headers, joining repeated ones', async () => {
		const { ctx } = host(full(200, '{}', { 'X-RateLimit-Remaining': 4, 'Set-Cookie': ['a=1', 'b=2'], Odd: { x: 1 } }));
		const outcome = await ryzeApiRequest(ctx, 'http://ryze.test', spec);
		expect(outcome.headers).toEqual({ 'x-ratelimit-remaining': '4', 'set-cookie': 'a=1, b=2' });
	});

	it.each([301, 302, 303, 307, 308])(
		'a %i is reported as `redirect` (not processed), its body let go, its target host named',
		async (status) => {
			const body = new PassThrough();
			const { ctx, asked } = host(full(status, body, { Location: 'http://127.0.0.2:9/steal' }));
			const outcome = await ryzeApiRequest(ctx, 'http://ryze.test', spec);
			expect(outcome.ok).toBe(false);
			if (outcome.ok) return;
			expect(outcome.failure).toMatchObject({ errorCode: 'redirect', outcomeUnknown: false, statusCode: status });
			expect(outcome.failure.message).toContain('127.0.0.2:9');
			expect(body.destroyed).toBe(true);
			expect(asked).toHaveLength(1);
		},
	);

	it('a redirect to a path, or without Location, names no host', async () => {
		const toPath = await ryzeApiRequest(host(full(302, '', { location: '/elsewhere' })).ctx, 'http://ryze.test', spec);
		const nowhere = await ryzeApiRequest(host(full(302, '')).ctx, 'http://ryze.test', spec);
		expect(!toPath.ok && toPath.failure.message).toContain('a path on the same server');
		expect(!nowhere.ok && nowhere.failure.message).toContain('another address');
	});

	it('a 4xx in the API’s words, not processed; a 5xx maybe processed; an HTML page said as such', async () => {
		const notFound = await ryzeApiRequest(host(full(404, '{"success":false,"error":"Group not found"}')).ctx, 'http://ryze.test', spec);
		expect(!notFound.ok && notFound.failure).toMatchObject({ statusCode: 404, outcomeUnknown: false });
		expect(!notFound.ok && notFound.failure.message).toContain('Group not found');
		const gateway = await ryzeApiRequest(host(full(502, '<html><body>Bad gateway</body></html>')).ctx, 'http://ryze.test', spec);
		expect(!gateway.ok && gateway.failure).toMatchObject({ statusCode: 502, outcomeUnknown: true });
		expect(!gateway.ok && gateway.failure.message).toBe('RyzeAPI answered HTTP 502 with an HTML page');
	});

	it('an answer without an HTTP status is `unexpected_response`, maybe processed', async () => {
		for (const answer of [null, 'text', { body: '{}' }, { statusCode: '200' }]) {
			const outcome = await ryzeApiRequest(host(async () => answer).ctx, 'http://ryze.test', spec);
			expect(!outcome.ok && [outcome.failure.errorCode, outcome.failure.outcomeUnknown]).toEqual(['unexpected_response', true]);
		}
	});

	it('a body over the cap: `response_too_large`; processed when the status was 2xx (outcome unknown), not when 4xx', async () => {
		const big = String(MAX_RESPONSE_BYTES + 1);
		const ok = await ryzeApiRequest(host(full(200, new PassThrough(), { 'content-length': big })).ctx, 'http://ryze.test', spec);
		expect(!ok.ok && ok.failure).toMatchObject({ errorCode: 'response_too_large', outcomeUnknown: true, statusCode: 200 });
		const refused = await ryzeApiRequest(host(full(400, new PassThrough(), { 'content-length': big })).ctx, 'http://ryze.test', spec);
		expect(!refused.ok && refused.failure).toMatchObject({ errorCode: 'response_too_large', outcomeUnknown: false, statusCode: 400 });
	});

	it('a connection that closes while a 200 is read: `network`, maybe processed', async () => {
		const body = new PassThrough();
		body.write('{"participants":[');
		const { ctx } = host(full(200, body));
		const pending = ryzeApiRequest(ctx, 'http://ryze.test', spec);
		setImmediate(() => body.destroy());
		const outcome = await pending;
		expect(!outcome.ok && outcome.failure).toMatchObject({ errorCode: 'network', outcomeUnknown: true, statusCode: 200 });
	});

	it('the Timeout bounds the whole exchange: a request that never answers is `timeout`, maybe processed', async () => {
		const { ctx } = host(() => new Promise(() => undefined));
		const outcome = await ryzeApiRequest(ctx, 'http://ryze.test', { ...spec, timeoutMs: 20 });
		expect(!outcome.ok && [outcome.failure.errorCode, outcome.failure.outcomeUnknown]).toEqual(['timeout', true]);
	});

	it('…and a body that never ends (a drip): `timeout`, and the stream is destroyed so the socket is let go', async () => {
		const body = new PassThrough();
		body.write('{');
		const { ctx } = host(full(200, body));
		const outcome = await ryzeApiRequest(ctx, 'http://ryze.test', { ...spec, timeoutMs: 20 });
		expect(!outcome.ok && [outcome.failure.errorCode, outcome.failure.outcomeUnknown]).toEqual(['timeout', true]);
		expect(body.destroyed).toBe(true);
	});

	it('an answer arriving after the Timeout has its body dropped unread', async () => {
		const body = new PassThrough();
		let answer: (value: unknown) => void = () => undefined;
		const { ctx } = host(() => new Promise((resolve) => (answer = resolve)));
		const outcome = await ryzeApiRequest(ctx, 'http://ryze.test', { ...spec, timeoutMs: 20 });
		expect(!outcome.ok && outcome.failure.errorCode).toBe('timeout');
		answer({ statusCode: 200, headers: {}, body });
		await new Promise((resolve) => setImmediate(resolve));
		expect(body.destroyed).toBe(true);
	});

	it('a thrown error is classified, never rethrown', async () => {
		const { ctx } = host(async () => {
			throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
		});
		const outcome = await ryzeApiRequest(ctx, 'http://ryze.test', spec);
		expect(!outcome.ok && [outcome.failure.errorCode, outcome.failure.outcomeUnknown]).toEqual(['network', false]);
	});
});

describe('classifyTransportError', () => {
	const error = (message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), extra);
	it.each<[string, unknown, string, boolean]>([
		[
			'a header the token cannot be sent in',
			error('Invalid character in header content ["Authorization"]', { code: 'ERR_INVALID_CHAR' }),
			'unauthorized',
			false,
		],
		['axios timeout', error('timeout of 1000ms exceeded', { code: 'ECONNABORTED' }), 'timeout', true],
		['socket timeout', error('x', { code: 'ETIMEDOUT' }), 'timeout', true],
		['refused', error('connect ECONNREFUSED 127.0.0.1:1', { code: 'ECONNREFUSED' }), 'network', false],
		['unknown host', error('getaddrinfo ENOTFOUND nowhere.invalid', { code: 'ENOTFOUND' }), 'network', false],
		['reset', error('socket hang up', { code: 'ECONNRESET' }), 'network', true],
		['cancelled', error('canceled', { code: 'ERR_CANCELED' }), 'network', true],
		['another code', error('x', { code: 'EPROTO' }), 'network', true],
		['nothing known', 'a string', 'network', true],
		['null', null, 'network', true],
	])('%s', (_name, thrown, code, unknown) => {
		const failure = classifyTransportError(thrown, 1000);
		expect([failure.errorCode, failure.outcomeUnknown]).toEqual([code, unknown]);
	});

	it('reads the code from a cause and the texts NodeApiError keeps in `messages`', () => {
		const wrapped = { message: 'Request failed', cause: { code: 'ECONNREFUSED' } };
		expect(classifyTransportError(wrapped, 1000)).toMatchObject({ errorCode: 'network', outcomeUnknown: false });
		const apiError = { message: 'The service refused the connection', messages: ['connect ECONNREFUSED 127.0.0.1:9'] };
		expect(classifyTransportError(apiError, 1000)).toMatchObject({ errorCode: 'network', outcomeUnknown: false });
	});

	it('names the Timeout in its message', () => {
		expect(classifyTransportError({ code: 'ETIMEDOUT' }, 2500).message).toContain('2500 ms');
	});
});
