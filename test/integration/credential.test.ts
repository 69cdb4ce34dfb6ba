/** The credential's test request, resolved like n8n does, over real sockets. */
import type { IDataObject } from 'n8n-workflow';

import { RyzeApi as RyzeApiCredential } from '../../credentials/RyzeApi.credentials';
import { resolveObject, resolveTemplate } from '../support/expression';
import { n8nLikeHttpRequest } from '../support/executeContext';
import { SANDBOX, useSimulator } from '../support/simulatorHarness';

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
		expect(sim().calls).toEqual([expect.objectContaining({ method: 'GET', path: '/api/instance/list', query: { instanceName: 'sandbox' }, tokenKind: 'instance' })]);
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
