/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never packed; linted by eslint.tests.config.mjs */
/** The "From List" pickers of Instance and Group (node version 1.1), over real sockets against the simulator. */
import { NodeOperationError } from 'n8n-workflow';

import { LIST_SEARCH_TIMEOUT_MS, searchGroups, searchInstances } from '../../../nodes/RyzeApi/methods/listSearch';
import { allText, SANDBOX, useSimulator } from '../../support/simulatorHarness';
import { createExecuteContext } from '../../support/executeContext';
import { createLoadOptionsContext, node, rl } from '../../support/locatorContext';

const { sim, credentials } = useSimulator();
const { customers, waitlist, announcements, vip } = SANDBOX.groups;

const SANDBOX_GROUPS = [
	{ name: 'Announcements (4 members)', value: announcements.jid },
	{ name: 'Beta Waitlist (4 members)', value: waitlist.jid },
	{ name: 'Customers (5 members)', value: customers.jid },
	{ name: 'VIP Clients (7 members)', value: vip.jid },
];

describe('the node declares the pickers', () => {
	it('methods.listSearch holds both, and the 1.1 locators point at them', () => {
		expect(Object.keys(node.methods.listSearch).sort()).toEqual(['searchGroups', 'searchInstances']);
		const locators = node.description.properties.filter((p) => p.type === 'resourceLocator');
		expect(locators.map((p) => [p.name, p.modes?.find((m) => m.name === 'list')?.typeOptions?.searchListMethod])).toEqual([
			['instance', 'searchInstances'],
			['group', 'searchGroups'],
		]);
	});
});

describe('searchGroups', () => {
	it('lists the groups of the instance with name and member count, sorted, from GET /api/group/list', async () => {
		const { ctx, requests } = createLoadOptionsContext({ credentials: credentials(), parameters: { instance: rl('list', 'sandbox') } });
		expect(await searchGroups.call(ctx)).toEqual({ results: SANDBOX_GROUPS });
		expect(sim().calls).toEqual([
			expect.objectContaining({ method: 'GET', path: '/api/group/list/sandbox', status: 200, tokenKind: 'instance' }),
		]);
		expect(requests[0]).toEqual({
			credentialType: 'ryzeApi',
			options: expect.objectContaining({
				method: 'GET',
				url: `${sim().url}/api/group/list/sandbox`,
				disableFollowRedirect: true,
				timeout: LIST_SEARCH_TIMEOUT_MS,
				ignoreHttpStatusErrors: true,
			}),
		});
		expect(allText(requests)).not.toContain(SANDBOX.tokens.sandbox);
	});

	it('filters by the search text (name or JID, any case)', async () => {
		const { ctx } = createLoadOptionsContext({ credentials: credentials(), parameters: { instance: rl('list', '') } });
		expect(await searchGroups.call(ctx, 'vip')).toEqual({ results: [{ name: 'VIP Clients (7 members)', value: vip.jid }] });
		expect(await searchGroups.call(ctx, '0001@G.US')).toEqual({ results: [{ name: 'Customers (5 members)', value: customers.jid }] });
		expect(await searchGroups.call(ctx, 'nothing like it')).toEqual({ results: [] });
	});

	it("uses the Instance field: a TokenAccount sees another instance's groups; empty means the credential default", async () => {
		const account = { ...credentials(), token: SANDBOX.tokens.account };
		const memberOnly = createLoadOptionsContext({ credentials: account, parameters: { instance: rl('name', 'member-only') } });
		expect((await searchGroups.call(memberOnly.ctx)).results.map((r) => r.value)).toEqual([announcements.jid, waitlist.jid, customers.jid]);
		const byDefault = createLoadOptionsContext({ credentials: account, parameters: { instance: rl('list', '') } });
		expect((await searchGroups.call(byDefault.ctx)).results).toHaveLength(4);
		const version1 = createLoadOptionsContext({ credentials: account, parameters: { instance: 'member-only' }, typeVersion: 1 });
		expect((await searchGroups.call(version1.ctx)).results).toHaveLength(3);
		expect(sim().calls.map((call) => call.path)).toEqual([
			'/api/group/list/member-only',
			'/api/group/list/sandbox',
			'/api/group/list/member-only',
		]);
	});

	it('an Instance expression (which the picker cannot evaluate) falls back to the default, or says so', async () => {
		const withDefault = createLoadOptionsContext({
			credentials: credentials(),
			parameters: { instance: rl('name', '={{ $json.instance }}') },
		});
		expect((await searchGroups.call(withDefault.ctx)).results).toHaveLength(4);
		const noDefault = createLoadOptionsContext({
			credentials: { ...credentials(), instance: '' },
			parameters: { instance: rl('name', '={{ $json.instance }}') },
		});
		await expect(searchGroups.call(noDefault.ctx)).rejects.toThrow(
			'The Instance field is an expression, which the group list cannot evaluate',
		);
	});

	it.each([
		['a wrong token', { token: 'wrong-token-123456' }, undefined, 'Could not load the groups of instance sandbox: Invalid token', 1],
		[
			// A 503 may come after processing: a read is sent again (twice), as every read of the node is.
			'a disconnected instance',
			{ token: SANDBOX.tokens.offline, instance: 'offline' },
			undefined,
			'Could not load the groups of instance offline: Instance is not connected to WhatsApp',
			3,
		],
		[
			'a redirect (never followed)',
			{},
			{ kind: 'redirect' as const, status: 302, location: 'http://127.0.0.2:9/steal' },
			'Could not load the groups of instance sandbox: RyzeAPI answered 302, a redirect to 127.0.0.2:9, which the node does not follow',
			1,
		],
		['a body without a group list', {}, { kind: 'garbage' as const }, 'RyzeAPI answered the group list without a list of groups', 1],
	])('%s: a NodeOperationError saying what to do, without the token', async (_title, credentialChange, fault, message, calls) => {
		if (fault) sim().scriptFaults([fault]);
		const creds = { ...credentials(), ...credentialChange };
		const { ctx } = createLoadOptionsContext({ credentials: creds, parameters: { instance: rl('list', '') } });
		const error = await searchGroups.call(ctx).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(message);
		expect(allText(error)).not.toContain(String(creds.token));
		expect(sim().calls).toHaveLength(calls);
	});

	it('a dropped connection (its outcome unknown): the read is sent again, and the list comes', async () => {
		sim().scriptFaults([{ kind: 'drop' }]);
		const { ctx } = createLoadOptionsContext({ credentials: credentials(), parameters: { instance: rl('list', '') } });
		expect(await searchGroups.call(ctx)).toEqual({ results: SANDBOX_GROUPS });
		expect(sim().calls.map((call) => call.path)).toEqual(['/api/group/list/sandbox', '/api/group/list/sandbox']);
	});
});

/** Issue 22, point 2: a picker's call goes through the token's lane like every other call. */
describe("the pickers share the token's lane with the runs", () => {
	it('after a run spent the window, a picker sends nothing and says the rate limit is used up', async () => {
		sim().configure({ rateLimit: { limit: 1, windowMs: 3_600_000 } });
		const run = createExecuteContext({
			credentials: credentials(),
			params: { operation: 'listParticipants', instance: '', group: SANDBOX.groups.vip.jid, options: {} },
		});
		await node.execute.call(run.ctx);
		const { ctx } = createLoadOptionsContext({ credentials: credentials() });
		const error = await searchInstances.call(ctx).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(/^Could not load the instances: The rate limit of this token is used up, so nothing was sent/);
		expect((error as { description?: string }).description).toBe(
			"The token's rate limit is used up: try again after the reset. Or enter the value by hand (By Name / By JID).",
		);
		expect(sim().calls.map((call) => call.path)).toEqual(['/api/group/info/sandbox']);
	});
});

describe('searchInstances', () => {
	it('a TokenInstance sees its own instance', async () => {
		const { ctx } = createLoadOptionsContext({ credentials: credentials() });
		expect(await searchInstances.call(ctx)).toEqual({
			results: [{ name: 'sandbox (Sandbox, 5511900000001, connected)', value: 'sandbox' }],
		});
		expect(sim().calls).toEqual([expect.objectContaining({ method: 'GET', path: '/api/instance/list', query: {}, status: 200 })]);
	});

	it('a TokenAccount sees every instance, filtered by the search text', async () => {
		const { ctx } = createLoadOptionsContext({ credentials: { ...credentials(), token: SANDBOX.tokens.account } });
		expect((await searchInstances.call(ctx)).results.map((r) => r.value)).toEqual(['member-only', 'offline', 'sandbox']);
		expect(await searchInstances.call(ctx, 'disconnected')).toEqual({
			results: [{ name: 'offline (Offline, disconnected)', value: 'offline' }],
		});
	});

	it('a wrong token: the API words, no token', async () => {
		const { ctx } = createLoadOptionsContext({ credentials: { ...credentials(), token: 'wrong-token-123456' } });
		const error = await searchInstances.call(ctx).catch((thrown: unknown) => thrown);
		expect((error as Error).message).toBe('Could not load the instances: Invalid token');
		expect(allText(error)).not.toContain('wrong-token-123456');
	});
});

/** Issue 15, point 12: what a server sends to a picker is bounded, redacted and validated. */
describe('the pickers bound and check what the server lists', () => {
	it('instance names: one with a leading "=" (an expression), a "/" or the token is left out; labels are redacted', async () => {
		const token = SANDBOX.tokens.sandbox;
		const instances = [
			{ name: 'good', profile: { name: `Shop ${token}` } },
			{ name: '={{ $env.SECRET }}' },
			{ name: '../admin' },
			{ name: `x-${token}` },
			{ name: 'line\nbreak' },
			{ name: 'i'.repeat(1_000_000) },
			{ name: 'also-good', profile: { name: 'P'.repeat(1_000_000) } },
		];
		sim().scriptFaults([{ kind: 'json', status: 200, body: { instances } }]);
		const { ctx } = createLoadOptionsContext({ credentials: credentials() });
		const { results } = await searchInstances.call(ctx);
		expect(results.map((result) => result.value)).toEqual(['also-good', 'good']);
		expect(results[1].name).toBe('good (Shop [redacted])');
		expect(results[0].name).toHaveLength(200);
		expect(JSON.stringify(results)).not.toContain(token);
	});

	it('3,000 instances: at most 1,000 results', async () => {
		const instances = Array.from({ length: 3000 }, (_, i) => ({ name: `inst-${String(i).padStart(4, '0')}` }));
		sim().scriptFaults([{ kind: 'json', status: 200, body: { instances } }]);
		const { ctx } = createLoadOptionsContext({ credentials: credentials() });
		expect((await searchInstances.call(ctx)).results).toHaveLength(1000);
	});
});
