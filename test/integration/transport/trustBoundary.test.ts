/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * Issue 9, the trust boundary, over real sockets: the simulator on
 * 127.0.0.1:<ephemeral> and, for redirects, a second server on
 * 127.0.0.2:<ephemeral> that must receive nothing at all.
 *
 * Each block proves one fix; each fails on the code before it (4d297e7, the
 * parent of 4938399) — see /tmp/notes/trust-tests.md.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { NodeApiError, NodeOperationError, type INodeExecutionData } from 'n8n-workflow';

import { RyzeApi } from '../../../nodes/RyzeApi/RyzeApi.node';
import { createExecuteContext } from '../../support/executeContext';
import { allText, SANDBOX, useSimulator } from '../../support/simulatorHarness';

const { sim, credentials } = useSimulator();
const node = new RyzeApi();
const { customers, waitlist } = SANDBOX.groups;

// ---------------------------------------------------------------- the other host

interface Trap {
	server: Server;
	port: number;
	received: Array<{ method: string; url: string; headers: IncomingHttpHeaders }>;
	connections: number;
}
let trap: Trap;

beforeAll(async () => {
	const received: Trap['received'] = [];
	const server = createServer((req, res) => {
		received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify({ success: true, participants: [] }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
	trap = { server, port: (server.address() as AddressInfo).port, received, connections: 0 };
	server.on('connection', () => trap.connections++);
});
afterAll(async () => {
	trap.server.closeAllConnections();
	await new Promise<void>((resolve) => trap.server.close(() => resolve()));
});
beforeEach(() => {
	trap.received.length = 0;
	trap.connections = 0;
});

const elsewhere = () => `127.0.0.2:${trap.port}`;

// ---------------------------------------------------------------- running the node

interface Run {
	outputs?: INodeExecutionData[][];
	error?: Error & Record<string, unknown>;
}

async function run(options: {
	params: Record<string, unknown> | ((itemIndex: number) => Record<string, unknown>);
	items?: number;
	continueOnFail?: boolean;
	credentials?: Record<string, unknown>;
}): Promise<Run> {
	const context = createExecuteContext({
		credentials: (options.credentials ?? credentials()) as never,
		continueOnFail: options.continueOnFail,
		items: Array.from({ length: options.items ?? 1 }, () => ({ json: {} })),
		params: options.params,
	});
	try {
		return { outputs: await node.execute.call(context.ctx) };
	} catch (error) {
		return { error: error as Error & Record<string, unknown> };
	}
}

const manage = (extra: Record<string, unknown> = {}) => ({
	operation: 'manageParticipants',
	instance: '',
	group: customers.jid,
	action: 'add',
	participants: '5511977770001, 5511977770002',
	options: {},
	...extra,
});
const listRequests = (extra: Record<string, unknown> = {}) => ({
	operation: 'listJoinRequests',
	instance: '',
	group: waitlist.jid,
	options: {},
	...extra,
});
const listMembers = (extra: Record<string, unknown> = {}) => ({
	operation: 'listParticipants',
	instance: '',
	group: customers.jid,
	options: {},
	...extra,
});

const json = (items: INodeExecutionData[] | undefined) => (items ?? []).map((item) => item.json);
const failures = (result: Run) => json(result.outputs?.[1]);
const successes = (result: Run) => json(result.outputs?.[0]);

// ---------------------------------------------------------------- 1. redirects

const REDIRECTS = [301, 302, 303, 307, 308];

describe.each(REDIRECTS)('a %i redirect to another host is never followed', (status) => {
	const redirect = (pathPrefix: string) => ({
		kind: 'redirect' as const,
		status,
		location: `http://${elsewhere()}/steal?x=1`,
		match: { pathPrefix },
	});

	afterEach(() => {
		// The other host received nothing: no connection, no request, so no token.
		expect(trap.received).toEqual([]);
		expect(trap.connections).toBe(0);
	});

	it('participants POST: Failure `redirect`, outcomeUnknown false, the message names the target host', async () => {
		sim().scriptFaults([redirect('/api/group/participants')]);
		const result = await run({ params: manage(), continueOnFail: true });
		expect(successes(result)).toEqual([]);
		expect(failures(result).map((item) => [item.participant, item.errorCode, item.outcomeUnknown, item.statusCode])).toEqual([
			['5511977770001', 'redirect', false, status],
			['5511977770002', 'redirect', false, status],
		]);
		expect(String(failures(result)[0].error)).toContain(elsewhere());
		expect(sim().calls).toHaveLength(1);
	});

	it('participants POST without Continue On Fail: a NodeApiError naming the item and the host', async () => {
		sim().scriptFaults([redirect('/api/group/participants')]);
		const result = await run({ params: manage() });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toContain(elsewhere());
		expect(result.error).toMatchObject({ context: { itemIndex: 0 } });
		expect(String(result.error?.description)).toMatch(/item 0/);
	});

	it('List Join Requests: Failure `redirect`, not resent although reads are', async () => {
		sim().scriptFaults([redirect('/api/group/requests')]);
		const result = await run({ params: listRequests(), continueOnFail: true });
		expect(failures(result).map((item) => [item.errorCode, item.outcomeUnknown])).toEqual([['redirect', false]]);
		expect(String(failures(result)[0].error)).toContain(elsewhere());
		expect(sim().calls).toHaveLength(1);
	});

	it('List Participants: Failure `redirect`', async () => {
		sim().scriptFaults([redirect('/api/group/info')]);
		const result = await run({ params: listMembers(), continueOnFail: true });
		expect(failures(result).map((item) => [item.errorCode, item.outcomeUnknown])).toEqual([['redirect', false]]);
		expect(String(failures(result)[0].error)).toContain(elsewhere());
	});

	it('the /info follow-up (Attach Invite Link): the item says why there is no link', async () => {
		sim().scriptFaults([redirect('/api/group/info')]);
		const result = await run({
			params: manage({ participants: '5511977770403', options: { attachInviteLink: true } }),
			continueOnFail: true,
		});
		expect(failures(result).map((item) => [item.errorCode, item.inviteLink])).toEqual([['privacy_blocked', null]]);
		expect(String(failures(result)[0].inviteLinkError)).toContain(elsewhere());
		expect(sim().calls.map((call) => call.path)).toEqual(['/api/group/participants/sandbox', '/api/group/info/sandbox']);
	});

	it('the /resetLink follow-up: the removal stays a Success, the reset names the host', async () => {
		sim().scriptFaults([redirect('/api/group/resetLink')]);
		const result = await run({ params: manage({ action: 'remove', participants: '5511911110001', options: { resetInviteLink: true } }) });
		expect(successes(result).map((item) => [item.participant, item.inviteLinkReset])).toEqual([['5511911110001', false]]);
		expect(String(successes(result)[0].inviteLinkError)).toContain(elsewhere());
	});
});

// ---------------------------------------------------------------- 2. the timeout bounds the whole exchange

// The drip would take 25 s or more; the test's own 10 s limit fails it if the 1 s Timeout
// does not cut it. Asserted on the outcome, not on elapsed time: the deadline over headers
// and body is proved on its own in test/unit/transport/http/request.test.ts (a body that never ends), and
// how often a read is sent again, with which pauses, on a fake clock in test/unit/transport/rateLimit/send.test.ts.
describe('Options → Timeout bounds the whole exchange, body included (drip: headers at once, then 1 byte per 150 ms)', () => {
	it('participants POST: Failure `timeout`, outcomeUnknown true, not sent again', async () => {
		sim().scriptFaults([{ kind: 'drip', intervalMs: 150, match: { pathPrefix: '/api/group/participants' } }]);
		const result = await run({ params: manage({ options: { timeout: 1000 } }), continueOnFail: true });
		expect(failures(result).map((item) => [item.errorCode, item.outcomeUnknown])).toEqual([
			['timeout', true],
			['timeout', true],
		]);
		expect(sim().calls).toHaveLength(1);
	}, 10_000);

	it('List Join Requests: an attempt cut at the timeout is a read, so it is sent again and answered', async () => {
		sim().scriptFaults([{ kind: 'drip', intervalMs: 150, times: 1, match: { pathPrefix: '/api/group/requests' } }]);
		const result = await run({ params: listRequests({ options: { timeout: 1000 } }), continueOnFail: true });
		expect(failures(result)).toEqual([]);
		expect(successes(result).length).toBeGreaterThan(0);
		expect(sim().calls).toHaveLength(2);
	}, 10_000);
});

// ---------------------------------------------------------------- 3. silent loss

describe('every entry yields exactly one item', () => {
	it('objects with empty identifier keys, all-blank objects and blank strings in a list', async () => {
		const participants = [
			{ jid: '', phone: '5511977770001' },
			{ jid: '', lid: '', phoneNumber: '5511977770002' },
			{ phone: '  ' },
			'',
			'   ',
		];
		const result = await run({ params: manage({ participants }), continueOnFail: true });
		expect(successes(result).map((item) => item.participant)).toEqual(['5511977770001', '5511977770002']);
		expect(failures(result).map((item) => [item.errorCode, item.participant])).toEqual([
			['invalid_participant', null],
			['invalid_participant', null],
			['invalid_participant', null],
		]);
		expect(sim().calls.map((call) => (call.body as { participants: unknown }).participants)).toEqual([['5511977770001', '5511977770002']]);
	});
});

// ---------------------------------------------------------------- 4. long entries, end to end

describe('a 160,000-character entry', () => {
	it('is refused as invalid_participant at once; the rest of the item goes', async () => {
		const result = await run({ params: manage({ participants: [`${')'.repeat(160_000)}1`, '5511977770001'] }), continueOnFail: true });
		expect(successes(result).map((item) => item.participant)).toEqual(['5511977770001']);
		expect(failures(result).map((item) => [item.errorCode, String(item.error)])).toEqual([
			['invalid_participant', expect.stringMatching(/160001 characters long/)],
		]);
		// The item quotes a bounded excerpt, never the whole entry.
		expect(JSON.stringify(result.outputs).length).toBeLessThan(10_000);
	});
});

// ---------------------------------------------------------------- 5. resetLink never resent

describe('resetLink is never sent twice, even with Retry on Server Errors', () => {
	it.each([
		['a 500', { kind: 'status' as const, status: 500 }],
		['a 503', { kind: 'status' as const, status: 503 }],
		['a dropped connection', { kind: 'drop' as const, processed: true }],
	])('%s on /resetLink: sent exactly once', async (_name, fault) => {
		sim().scriptFaults([{ ...fault, times: 3, match: { pathPrefix: '/api/group/resetLink' } }]);
		const result = await run({
			params: manage({ action: 'remove', participants: '5511911110001', options: { resetInviteLink: true, retryOnServerErrors: true } }),
		});
		expect(successes(result).map((item) => [item.participant, item.inviteLinkReset])).toEqual([['5511911110001', false]]);
		expect(sim().calls.filter((call) => call.path.startsWith('/api/group/resetLink'))).toHaveLength(1);
	});
});

// ---------------------------------------------------------------- 8. approve by phone: no guessed pairing

describe('approve by phone', () => {
	const approve = (participants: string) => manage({ group: waitlist.jid, action: 'approve', participants });

	it('answered with LID-only entries: missing_result, outcomeUnknown true, never a guessed success', async () => {
		sim().scriptFaults([{ kind: 'json', body: { success: true, participants: [{ jid: '199789077627112@lid', success: true }] } }]);
		const result = await run({ params: approve('5511988887777'), continueOnFail: true });
		expect(successes(result)).toEqual([]);
		expect(failures(result).map((item) => [item.participant, item.errorCode, item.outcomeUnknown])).toEqual([
			['5511988887777', 'missing_result', true],
		]);
	});

	it('answered with an entry carrying the LID and the phoneNumber: matched', async () => {
		sim().scriptFaults([
			{
				kind: 'json',
				body: { success: true, participants: [{ jid: '199789077627112@lid', phoneNumber: '5511988887777', success: true }] },
			},
		]);
		const result = await run({ params: approve('5511988887777'), continueOnFail: true });
		expect(failures(result)).toEqual([]);
		expect(successes(result).map((item) => [item.participant, item.success])).toEqual([['5511988887777', true]]);
	});

	it('two phones answered by two LID-only entries: neither is paired by position', async () => {
		sim().scriptFaults([
			{
				kind: 'json',
				body: {
					success: true,
					participants: [
						{ jid: '199789077627112@lid', success: true },
						{ jid: '199789077627113@lid', success: false, error: 'no request' },
					],
				},
			},
		]);
		const result = await run({ params: approve('5511988887777, 5511988886666'), continueOnFail: true });
		expect(successes(result)).toEqual([]);
		expect(failures(result).map((item) => item.errorCode)).toEqual(['missing_result', 'missing_result']);
	});
});

// ---------------------------------------------------------------- 9. redaction, end to end

describe('a token echoed by the server appears nowhere', () => {
	const TOKEN = 'ryze-SECRET-Tok+en/9=AbcDef0123';
	const bytes = Buffer.from(TOKEN, 'utf8');
	const FORMS: Record<string, string> = {
		plain: TOKEN,
		urlEncoded: encodeURIComponent(TOKEN),
		base64: bytes.toString('base64'),
		base64url: bytes.toString('base64url'),
		hex: bytes.toString('hex'),
		cutShort: `${TOKEN.slice(0, 10)}…`,
	};
	const leaks = (text: string) =>
		Object.entries(FORMS).flatMap(([name, form]) =>
			[form, form.slice(0, 10), form.slice(-10)].filter((piece) => name !== 'cutShort' && text.includes(piece)).map(() => name),
		);
	const creds = () => ({ ...credentials(), token: TOKEN });
	const nest = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : { level: nest(depth - 1, leaf) });

	it.each(Object.entries(FORMS))('%s in a 401 error text: not in the items, not in the error', async (_name, form) => {
		const message = `Invalid token ${form} for instance sandbox`;
		sim().scriptFaults([
			{ kind: 'status', status: 401, message },
			{ kind: 'status', status: 401, message },
		]);
		const withItems = await run({ params: manage(), continueOnFail: true, credentials: creds() });
		expect(failures(withItems)).toHaveLength(2);
		expect(leaks(allText(withItems.outputs))).toEqual([]);
		expect(allText(withItems.outputs)).not.toContain(TOKEN.slice(0, 10));
		const thrown = await run({ params: manage(), credentials: creds() });
		expect(thrown.error).toBeInstanceOf(NodeApiError);
		expect(leaks(allText(thrown.error))).toEqual([]);
		expect(allText(thrown.error)).not.toContain(TOKEN.slice(0, 10));
	});

	it('as an object key and 25 levels deep inside a participant entry (kept in `raw`)', async () => {
		sim().scriptFaults([
			{
				kind: 'json',
				body: {
					success: true,
					participants: [
						{ jid: '5511977770001@s.whatsapp.net', success: false, error: 'rejected', [TOKEN]: { [FORMS.hex]: 1 } },
						{
							jid: '5511977770002@s.whatsapp.net',
							success: false,
							error: 'rejected',
							detail: nest(25, { token: TOKEN, b64: FORMS.base64 }),
						},
					],
				},
			},
		]);
		const result = await run({ params: manage(), continueOnFail: true, credentials: creds() });
		expect(failures(result)).toHaveLength(2);
		expect(leaks(allText(result.outputs))).toEqual([]);
	});

	it('in a 5xx body and a non-JSON 400 body, without Continue On Fail', async () => {
		sim().scriptFaults([
			{
				kind: 'json',
				status: 502,
				body: { error: { echo: { headers: { token: FORMS.base64url } } }, message: `upstream said ${FORMS.urlEncoded}` },
			},
		]);
		const first = await run({ params: manage(), credentials: creds() });
		expect(first.error).toBeInstanceOf(NodeApiError);
		expect(leaks(allText(first.error))).toEqual([]);
		sim().scriptFaults([{ kind: 'json', status: 400, body: `token=${FORMS.hex}; bad request` }]);
		const second = await run({ params: manage(), credentials: creds() });
		expect(leaks(allText(second.error))).toEqual([]);
	});
});

// ---------------------------------------------------------------- 10. one rate-limit budget per run

describe('Max Wait on Rate Limit bounds the run', () => {
	const resetIn = (seconds: number) => String(Math.floor(Date.now() / 1000) + seconds);

	it('after Remaining 0 with the Reset 60 s away, the next call fails fast as rate_limited naming the reset time; nothing is sent', async () => {
		// The first answer (a 200) spends the window: Remaining 0, Reset in 60 s.
		const headers = { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': resetIn(60) };
		sim().scriptFaults([{ kind: 'status', status: 200, headers }]);
		const result = await run({
			params: manage({ options: { rateLimitMaxWait: 5000, batching: { batch: { batchSize: 1 } } } }),
			continueOnFail: true,
		});
		const second = failures(result).find((item) => item.participant === '5511977770002');
		expect(second).toMatchObject({ errorCode: 'rate_limited', outcomeUnknown: false });
		expect(String(second?.error)).toMatch(/resets at \d\d:\d\d:\d\d UTC/);
		// Refused before sending, without waiting: on a fake clock in test/unit/transport/rateLimit/send.test.ts (nothing slept).
		expect(sim().calls).toHaveLength(1);
	});

	it('a 429 without any rate-limit header, after an earlier answer whose Reset is 60 s away, backs off instead of giving up', async () => {
		// The simulator always sends X-RateLimit-*: a plain server on 127.0.0.1 answers exactly this.
		const answers = [
			{ status: 200, headers: { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '50', 'X-RateLimit-Reset': resetIn(60) } },
			{ status: 429, headers: {} },
			{ status: 200, headers: {} },
		];
		const seen: number[] = [];
		const server = createServer((req, res) => {
			let body = '';
			req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
			req.on('end', () => {
				const answer = answers[Math.min(seen.length, answers.length - 1)];
				seen.push(answer.status);
				const sent = (JSON.parse(body) as { participants: string[] }).participants;
				const reply =
					answer.status === 200
						? { success: true, participants: sent.map((p) => ({ jid: `${p}@s.whatsapp.net`, success: true })) }
						: { success: false, error: 'Too many requests' };
				res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
				res.end(JSON.stringify(reply));
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const result = await run({
				params: manage({ options: { rateLimitMaxWait: 5000, batching: { batch: { batchSize: 1 } } } }),
				continueOnFail: true,
				credentials: { ...credentials(), baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
			});
			expect(seen).toEqual([200, 429, 200]);
			expect(successes(result).map((item) => item.participant)).toEqual(['5511977770001', '5511977770002']);
		} finally {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});

	it('Retry-After is honoured: the 429 is sent again once it has passed', async () => {
		// How long it waits (what Retry-After asks, 3 s, not the 1 s default back-off) is proved
		// on a fake clock in test/unit/transport/rateLimit/send.test.ts; here, that the header is read off a real answer.
		const blank = { 'X-RateLimit-Limit': '', 'X-RateLimit-Remaining': '', 'X-RateLimit-Reset': '', 'Retry-After': '1' };
		sim().scriptFaults([{ kind: 'status', status: 429, headers: blank }]);
		const result = await run({ params: manage({ options: { rateLimitMaxWait: 5000 } }), continueOnFail: true });
		expect(successes(result)).toHaveLength(2);
		expect(sim().calls.map((call) => call.status)).toEqual([429, 200]);
	});

	it('a Retry-After beyond what Max Wait leaves: rate_limited at once, the 429 not sent again', async () => {
		const blank = { 'X-RateLimit-Limit': '', 'X-RateLimit-Remaining': '', 'X-RateLimit-Reset': '', 'Retry-After': '120' };
		sim().scriptFaults([{ kind: 'status', status: 429, headers: blank }]);
		const result = await run({ params: manage({ options: { rateLimitMaxWait: 5000 } }), continueOnFail: true });
		expect(failures(result).map((item) => [item.errorCode, item.outcomeUnknown])).toEqual([
			['rate_limited', false],
			['rate_limited', false],
		]);
		// Nothing waited: on a fake clock in test/unit/transport/rateLimit/send.test.ts.
		expect(sim().calls).toHaveLength(1);
	});
});

// ---------------------------------------------------------------- 11. a failure after calls that succeeded

describe('a run that fails after earlier calls succeeded (no Continue On Fail)', () => {
	it('says how many participants earlier calls processed, lists them, and points to the error output', async () => {
		sim().scriptFaults([
			{ kind: 'answer', outcome: 'success' },
			{ kind: 'answer', outcome: 'success' },
			{ kind: 'status', status: 403 },
		]);
		const result = await run({
			params: manage({ participants: '5511977770001, 5511977770002, 5511977770003', options: { batching: { batch: { batchSize: 1 } } } }),
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		const description = String(result.error?.description);
		expect(description).toMatch(
			/Earlier calls of this run already processed 2 participant\(s\), 2 of them successfully: 5511977770001, 5511977770002/,
		);
		expect(description).toMatch(/Continue/);
		expect(sim().calls).toHaveLength(3);
	});
});

// ---------------------------------------------------------------- 12. response size cap

describe('an 11 MB answer', () => {
	it('is Failure response_too_large, outcomeUnknown true for a 2xx; nothing of the body is kept', async () => {
		sim().scriptFaults([{ kind: 'huge', bytes: 11 * 1024 * 1024, processed: true }]);
		const result = await run({ params: manage(), continueOnFail: true });
		expect(failures(result).map((item) => [item.errorCode, item.outcomeUnknown, item.statusCode])).toEqual([
			['response_too_large', true, 200],
			['response_too_large', true, 200],
		]);
		expect(JSON.stringify(result.outputs).length).toBeLessThan(5000);
	}, 30_000);
});

// ---------------------------------------------------------------- 13. misleading errors

describe('errors that said the wrong thing', () => {
	it.each([
		['a line feed', 'sandbox-token\n'],
		['a carriage return and line feed', 'sandbox-token\r\n'],
		['a trailing space and a line break', 'sandbox-token \r\n'],
		['a header injected after a line break', 'sandbox-token\r\nX-Evil: 1'],
	])('a token with %s is refused before anything is sent, on "Token (credential)", item 0', async (_name, token) => {
		for (const continueOnFail of [false, true]) {
			const result = await run({ params: manage(), continueOnFail, credentials: { ...credentials(), token } });
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toMatch(/^Token \(credential\): .*line break/);
			expect(result.error).toMatchObject({ context: { itemIndex: 0 } });
		}
		expect(sim().calls).toHaveLength(0);
	});

	it.each([
		[409, 'conflict'],
		[413, 'payload_too_large'],
	])('HTTP %i is %s', async (status, code) => {
		sim().scriptFaults([{ kind: 'status', status }]);
		const result = await run({ params: manage(), continueOnFail: true });
		expect(failures(result).map((item) => [item.errorCode, item.statusCode])).toEqual([
			[code, status],
			[code, status],
		]);
	});

	it.each([500, 502, 503])('a %i description says "may have been processed, check the group" once', async (status) => {
		sim().scriptFaults([{ kind: 'status', status }]);
		const result = await run({ params: manage() });
		const description = String(result.error?.description);
		const sentences = description
			.split(/(?<=[.!?;:])\s+/)
			.map((sentence) => sentence.trim())
			.filter((sentence) => sentence.length > 20);
		expect(sentences.filter((sentence, index) => sentences.indexOf(sentence) !== index)).toEqual([]);
		expect(description.match(/processed/g)).toHaveLength(1);
		expect(description.match(/check the group/g)).toHaveLength(1);
	});
});

// ---------------------------------------------------------------- 14. the real status

describe('statusCode carries the status the server answered', () => {
	it('a 201 shows 201 on the items', async () => {
		sim().scriptFaults([
			{
				kind: 'json',
				status: 201,
				body: {
					success: true,
					participants: [
						{ jid: '5511977770001@s.whatsapp.net', success: true },
						{ jid: '5511977770002@s.whatsapp.net', success: false, error: 'not-authorized' },
					],
				},
			},
		]);
		const result = await run({ params: manage(), continueOnFail: true });
		expect([...successes(result), ...failures(result)].map((item) => [item.participant, item.statusCode])).toEqual([
			['5511977770001', 201],
			['5511977770002', 201],
		]);
	});
});
