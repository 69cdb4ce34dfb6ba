/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/** The credential's test request, resolved like n8n does, over real sockets. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { RyzeApi as RyzeApiCredential } from '../../../credentials/RyzeApi.credentials';
import { resolveObject, resolveTemplate } from '../../support/expression';
import { n8nLikeHttpRequest } from '../../support/executeContext';
import { SANDBOX, useSimulator } from '../../support/simulatorHarness';

const { sim } = useSimulator();
const credential = new RyzeApiCredential();

async function testCredential(data: Record<string, string>): Promise<{ statusCode: number; body: unknown }> {
	const request = credential.test.request;
	const response = (await n8nLikeHttpRequest(
		{
			method: request.method,
			baseURL: String(resolveTemplate(request.baseURL, data)),
			url: String(request.url),
			qs: resolveObject(request.qs as Record<string, unknown>, data) as IDataObject,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// n8n passes the test request's own options on (convertN8nRequestToAxios: maxRedirects 0).
			disableFollowRedirect: request.disableFollowRedirect,
		},
		data,
		{ name: 'credential test' } as never,
	)) as { statusCode: number; body: unknown };
	return response;
}

describe('credential test', () => {
	it('passes with the right token and instance (trailing slash on the Base URL too)', async () => {
		const result = await testCredential({ baseUrl: `${sim().url}/`, token: SANDBOX.tokens.sandbox, instance: 'sandbox' });
		expect(result.statusCode).toBe(200);
		expect(sim().calls).toEqual([
			expect.objectContaining({ method: 'GET', path: '/api/instance/list', query: { instanceName: 'sandbox' }, tokenKind: 'instance' }),
		]);
	});

	it('fails with a wrong token', async () => {
		const result = await testCredential({ baseUrl: sim().url, token: 'wrong', instance: 'sandbox' });
		expect(result.statusCode).toBe(401);
	});

	it('fails with an account token and an unknown instance', async () => {
		const result = await testCredential({ baseUrl: sim().url, token: SANDBOX.tokens.account, instance: 'nope' });
		expect(result.statusCode).toBe(404);
	});

	it('changes nothing in the groups', async () => {
		const groups = () => JSON.stringify((sim().state.snapshot() as { groups: unknown }).groups);
		const before = groups();
		await testCredential({ baseUrl: sim().url, token: SANDBOX.tokens.sandbox, instance: 'sandbox' });
		expect(groups()).toBe(before);
		expect(before).toContain(SANDBOX.groups.customers.jid);
	});
});

describe('credential test and redirects (issue 9)', () => {
	// Another host, 127.0.0.2:<ephemeral>: it must receive nothing, so never the token.
	let other: Server;
	let port = 0;
	const received: Array<{ url: string; token: unknown }> = [];
	let connections = 0;
	beforeAll(async () => {
		other = createServer((req, res) => {
			received.push({ url: req.url ?? '', token: req.headers.token });
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{"success":true,"data":[]}');
		});
		other.on('connection', () => connections++);
		await new Promise<void>((resolve) => other.listen(0, '127.0.0.2', resolve));
		port = (other.address() as AddressInfo).port;
	});
	afterAll(async () => {
		other.closeAllConnections();
		await new Promise<void>((resolve) => other.close(() => resolve()));
	});
	beforeEach(() => {
		received.length = 0;
		connections = 0;
	});

	it('the test request does not follow redirects', () => {
		expect(credential.test.request.disableFollowRedirect).toBe(true);
	});

	it.each([301, 302, 303, 307, 308])('a %i to another host: the test fails on the 3xx, the other host receives nothing', async (status) => {
		sim().scriptFaults([
			{
				kind: 'redirect',
				status,
				location: `http://127.0.0.2:${port}/api/instance/list?instanceName=sandbox`,
				match: { pathPrefix: '/api/instance/list' },
			},
		]);
		const result = await testCredential({ baseUrl: sim().url, token: SANDBOX.tokens.sandbox, instance: 'sandbox' });
		expect(result.statusCode).toBe(status);
		expect(received).toEqual([]);
		expect(connections).toBe(0);
		expect(sim().calls).toHaveLength(1);
	});
});
