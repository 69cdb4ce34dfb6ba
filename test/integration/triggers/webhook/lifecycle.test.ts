/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The RyzeAPI Trigger's webhook lifecycle over real sockets against the simulator
 * (issue 21): one row per workflow + node + n8n installation, registered with a
 * secret of the node's own that RyzeAPI sends back as the Authorization header of
 * every delivery; a row that delivers to another n8n never taken over nor disabled.
 * Failing answers: lifecycleFailures.test.ts. Only the node's public surface is
 * called (the hooks, webhook()); secrets are read from the simulator's rows, never
 * computed here.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';

import type { IHookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { RyzeApiTrigger } from '../../../../nodes/RyzeApi/RyzeApiTrigger.node';
import { SANDBOX, useSimulator } from '../../../support/simulatorHarness';
import { createHookContext, createWebhookContext, type TriggerOptions } from '../../../support/triggerContext';

const { sim, credentials } = useSimulator();
const { groups, tokens, instances } = SANDBOX;
const trigger = new RyzeApiTrigger();
const hooks = trigger.webhookMethods.default;

/** The n8n side: hands every POST to the node's webhook() with its headers, like n8n's webhook route. */
const runs: Array<{ result: IWebhookResponseData; status: number }> = [];
let server: Server;
let nodeUrl = '';
let nodeOptions: () => TriggerOptions;
beforeAll(async () => {
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
			const { ctx, responded } = createWebhookContext(nodeOptions(), body, req.headers);
			trigger.webhook.call(ctx).then(
				(result) => {
					runs.push({ result, status: responded.status ?? 200 });
					res.writeHead(responded.status ?? 200).end();
				},
				() => res.writeHead(500).end(),
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	nodeUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/webhook/abc/webhook`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
	runs.length = 0;
	nodeOptions = () => ({ params: {}, credentials: credentials(), webhookUrl: nodeUrl });
});

const options = (over: Partial<TriggerOptions> = {}): TriggerOptions => ({ ...nodeOptions(), ...over });
const hook = (over: Partial<TriggerOptions> = {}) => createHookContext(options(over)).ctx;
const rows = () => sim().state.webhooks.map(({ label, enabled, url, events }) => ({ label, enabled, url, events }));
const rowAt = (url: string) => sim().state.webhooks.find((row) => row.url === url);
const seedRow = (label: string, enabled = true, url: string | null = enabled ? `http://127.0.0.1:1/${label}` : null) =>
	sim().state.webhooks.push({
		instance: instances.sandbox,
		label,
		enabled,
		url,
		authorization: null,
		byEvents: false,
		events: enabled ? ['group.flow'] : null,
		mediaBase64: false,
		updatedAt: '',
	});
const join = async (participant: string) => {
	await fetch(`${sim().url}/__sim/join`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ group: groups.customers.jid, participant }),
	});
	await sim().deliveriesSettled();
};
const activate = async (ctx: IHookFunctions) => (await hooks.checkExists.call(ctx)) || (await hooks.create.call(ctx));
const errorOf = (promise: Promise<unknown>) =>
	promise.then(
		() => null,
		(error: Error & { description?: string }) => error,
	);
/** What 0.3.0 named this node's row: no installation in the hash. */
const label030 = `n8n-wf1-${createHash('sha256').update('wf1\nnode-1').digest('hex').slice(0, 16)}`;

describe('lifecycle', () => {
	it('registers one row under its label, with the node secret, for group.flow only; disables it on delete; others untouched', async () => {
		seedRow('crm');
		seedRow('old', false);
		expect(await hooks.checkExists.call(hook())).toBe(false);
		const { ctx, requests } = createHookContext(options());
		expect(await hooks.create.call(ctx)).toBe(true);
		const own = rowAt(nodeUrl);
		expect(requests.at(-1)?.body).toEqual({
			label: own?.label,
			enabled: true,
			url: nodeUrl,
			authorization: own?.authorization,
			byEvents: false,
			events: ['group.flow'],
			mediaBase64: false,
		});
		expect(own?.label).toMatch(/^n8n-wf1-[0-9a-f]{16}$/);
		expect(own?.authorization).toMatch(/^Bearer [A-Za-z0-9_-]{43}$/);
		expect(rows()).toEqual([
			{ label: 'crm', enabled: true, url: 'http://127.0.0.1:1/crm', events: ['group.flow'] },
			{ label: 'old', enabled: false, url: null, events: null },
			{ label: own?.label, enabled: true, url: nodeUrl, events: ['group.flow'] },
		]);
		expect(await hooks.checkExists.call(hook())).toBe(true);
		expect(await hooks.delete.call(hook())).toBe(true);
		expect(rows().map((row) => [row.label, row.enabled])).toEqual([
			['crm', true],
			['old', false],
			[own?.label, false],
		]);
		expect(await hooks.checkExists.call(hook())).toBe(false);
	});

	it('version 2 with Instance State Changed subscribes to instance.state too; a row without it is registered again', async () => {
		const v2 = { typeVersion: 2, params: { events: ['joined', 'instanceState'] } };
		const { ctx, requests } = createHookContext(options(v2));
		expect(await activate(ctx)).toBe(true);
		expect((requests.at(-1)?.body as { events: string[] }).events).toEqual(['group.flow', 'instance.state']);
		expect(await hooks.checkExists.call(hook(v2))).toBe(true);
		// The same row, seen by the node without the event (version 1, or Instance State Changed not selected): still ours.
		expect(await hooks.checkExists.call(hook({ typeVersion: 2, params: { events: ['joined'] } }))).toBe(true);
		// A row registered for group.flow only is not enough once Instance State Changed is selected.
		rowAt(nodeUrl)!.events = ['group.flow'];
		expect(await hooks.checkExists.call(hook(v2))).toBe(false);
	});

	it('the test webhook has its own row and never replaces the production row', async () => {
		await hooks.create.call(hook());
		const test = { mode: 'manual' as const, webhookUrl: nodeUrl.replace('/webhook/', '/webhook-test/') };
		await hooks.create.call(hook(test));
		const production = rowAt(nodeUrl)?.label;
		expect(rows().map((row) => [row.label, row.url])).toEqual([
			[production, nodeUrl],
			[`${production}-test`, test.webhookUrl],
		]);
		// n8n deletes a test webhook in mode 'internal', with the test URL: only the test row goes.
		await hooks.delete.call(hook({ ...test, mode: 'webhook' }));
		expect(rows().map((row) => [row.label, row.enabled])).toEqual([
			[production, true],
			[`${production}-test`, false],
		]);
	});

	it('fails activation when 3 other webhooks are enabled, saying which and how to free one', async () => {
		['a', 'b', 'c'].forEach((name) => seedRow(name));
		const error = await errorOf(hooks.create.call(hook()));
		expect(error?.message).toBe('Instance sandbox already has 3 enabled webhooks (a, b, c); RyzeAPI allows 3');
		expect(error?.description).toContain('"enabled": false');
		expect(rows().map((row) => row.label)).toEqual(['a', 'b', 'c']);
	});

	it('a refused call names the instance, without the token', async () => {
		const error = await errorOf(hooks.create.call(hook({ params: { instance: 'member-only' } })));
		expect(error?.message).toMatch(/^Could not read webhook n8n-wf1-[0-9a-f]{16} on instance member-only: /);
		expect(JSON.stringify(error)).not.toContain(tokens.sandbox);
	});
});

describe('signed deliveries (issue 21, point 1)', () => {
	const genuine = {
		event: 'group.flow',
		data: { type: 'joined', groupJid: groups.customers.jid, participants: [{ jid: '1@lid' }] },
		instanceData: { baseUrl: 'http://x', instance: 'sandbox', token: tokens.sandbox },
	};
	const post = (headers: Record<string, string>) =>
		fetch(nodeUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(genuine) });

	it("RyzeAPI's deliveries carry the registered secret and run the node; the secret tells nothing of the token", async () => {
		await activate(hook());
		await join('5511955554444');
		expect(runs.map((run) => [run.status, run.result.workflowData?.[0].length])).toEqual([[200, 1]]);
		const secret = String(rowAt(nodeUrl)?.authorization);
		expect(secret).toMatch(/^Bearer [A-Za-z0-9_-]{43}$/);
		for (const form of [tokens.sandbox, Buffer.from(tokens.sandbox).toString('base64'), Buffer.from(tokens.sandbox).toString('hex')]) {
			expect(secret).not.toContain(form);
		}
	});

	it.each<[string, Record<string, string>]>([
		['no Authorization header', {}],
		['another secret', { Authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }],
		['the instance token as the header', { Authorization: `Bearer ${tokens.sandbox}` }],
	])('a delivery with the instance and its token but %s is refused with 401 and starts nothing', async (_name, headers) => {
		await activate(hook());
		const response = await post(headers);
		expect(response.status).toBe(401);
		expect(runs.map((run) => [run.status, run.result.workflowData])).toEqual([[401, undefined]]);
	});

	it('with an account token the Authorization header protects the webhook: a delivery without it is refused', async () => {
		const account = { ...credentials(), token: tokens.account };
		nodeOptions = () => ({ params: { options: { accountToken: true } }, credentials: account, webhookUrl: nodeUrl });
		await activate(hook());
		await join('5511955554445');
		expect((await post({})).status).toBe(401);
		expect(runs.map((run) => [run.status, run.result.workflowData?.[0].length])).toEqual([
			[200, 1],
			[401, undefined],
		]);
	});

	it('a row of an older version (no authorization) is replaced on activation: signed, and each change delivered once', async () => {
		seedRow(label030, true, nodeUrl);
		expect(await hooks.checkExists.call(hook())).toBe(false);
		expect(await hooks.create.call(hook())).toBe(true);
		const enabled = sim().state.webhooks.filter((row) => row.enabled);
		expect(enabled.map((row) => [row.url, typeof row.authorization])).toEqual([[nodeUrl, 'string']]);
		expect(rows().find((row) => row.label === label030)?.enabled).toBe(false);
		await join('5511955554446');
		expect(runs.map((run) => run.status)).toEqual([200]);
	});
});

describe('installations (issue 21, point 2)', () => {
	const stagingUrl = () => nodeUrl.replace(/:\d+\//, ':1/');

	it('two n8n installations of one workflow get a row each: activating one leaves the other, deactivating it too', async () => {
		await activate(hook());
		await activate(hook({ webhookUrl: stagingUrl() }));
		expect(rows().map((row) => [row.enabled, row.url])).toEqual([
			[true, nodeUrl],
			[true, stagingUrl()],
		]);
		await join('5511955554447');
		expect(runs.map((run) => run.status)).toEqual([200]);
		await hooks.delete.call(hook({ webhookUrl: stagingUrl() }));
		expect(rowAt(nodeUrl)?.enabled).toBe(true);
		await join('5511955554448');
		expect(runs.map((run) => run.status)).toEqual([200, 200]);
	});

	it('never takes over an enabled row under its label that delivers to another n8n: refused, saying which, where and how', async () => {
		await activate(hook());
		const row = rowAt(nodeUrl);
		if (!row) throw new Error('no row');
		row.url = 'http://10.1.2.3:5678/webhook/their-id/webhook';
		for (const method of [hooks.checkExists, hooks.create]) {
			const error = await errorOf(method.call(hook()));
			expect(error?.message).toBe(
				`Webhook ${row.label} on instance sandbox is enabled and delivers to http://10.1.2.3:5678/webhook, not to this n8n (${nodeUrl.replace('/abc/webhook', '')})`,
			);
			expect(error?.description).toContain(`{"label": "${row.label}", "enabled": false}`);
			expect(error?.description).not.toContain('their-id');
		}
		// n8n calls delete after a failed activation: the other n8n's row stays as it was.
		await hooks.delete.call(hook());
		expect([row.enabled, row.url]).toEqual([true, 'http://10.1.2.3:5678/webhook/their-id/webhook']);
	});

	it("leaves an older version's row that delivers to another n8n alone", async () => {
		seedRow(label030, true, 'http://10.1.2.3:5678/webhook/abc/webhook');
		await activate(hook());
		expect(rows().map((row) => [row.label === label030, row.enabled, row.url])).toEqual([
			[true, true, 'http://10.1.2.3:5678/webhook/abc/webhook'],
			[false, true, nodeUrl],
		]);
	});
});
