/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The two triggers over real sockets against the simulator: the webhook lifecycle
 * (one row under its own label, others untouched, the 3-enabled limit), deliveries
 * from the simulator into the node (one item per person, token removed), forged
 * deliveries refused with 401 and no items, a retried delivery answered 200 with no
 * execution, version 2's instance state. The poll: joinRequestTrigger.test.ts.
 */
import { createServer, type Server } from 'node:http';

import type { IWebhookResponseData } from 'n8n-workflow';

import { webhookLabel } from '../../nodes/RyzeApi/triggers/webhook/webhookConfig';
import { RyzeApiTrigger } from '../../nodes/RyzeApi/RyzeApiTrigger.node';
import { TRIGGER_ITEM_KEYS } from '../../nodes/RyzeApi/triggers/webhook/delivery';
import { SANDBOX, useSimulator } from '../support/simulatorHarness';
import { createHookContext, createWebhookContext, type Responded, type TriggerOptions } from '../support/triggerContext';

const { sim, credentials } = useSimulator();
const { groups, tokens, instances } = SANDBOX;
const trigger = new RyzeApiTrigger();
const hooks = trigger.webhookMethods.default;

/** The n8n side: a server that hands every POST to the node's webhook(), like n8n's webhook route. */
interface Run {
	result: IWebhookResponseData;
	responded: Responded;
}
let server: Server;
let nodeUrl = '';
let nodeOptions: () => TriggerOptions;
const runs: Run[] = [];
beforeAll(async () => {
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
			const { ctx, responded } = createWebhookContext(nodeOptions(), body);
			trigger.webhook.call(ctx).then(
				(result) => {
					runs.push({ result, responded });
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
const label = webhookLabel('wf1', 'node-1');
const seedRow = (name: string, enabled = true) =>
	sim().state.webhooks.push({
		instance: instances.sandbox,
		label: name,
		enabled,
		url: enabled ? `http://127.0.0.1:1/${name}` : null,
		authorization: null,
		byEvents: false,
		events: null,
		mediaBase64: false,
		updatedAt: '',
	});

describe('RyzeAPI Trigger: webhook lifecycle', () => {
	it('registers exactly one row under its label, for group.flow only, and disables it on delete; others untouched', async () => {
		seedRow('crm');
		seedRow('old', false);
		expect(await hooks.checkExists.call(hook())).toBe(false);
		const { ctx, requests } = createHookContext(options());
		expect(await hooks.create.call(ctx)).toBe(true);
		expect(requests.at(-1)?.body).toEqual({
			label,
			enabled: true,
			url: nodeUrl,
			byEvents: false,
			events: ['group.flow'],
			mediaBase64: false,
		});
		expect(rows()).toEqual([
			{ label: 'crm', enabled: true, url: 'http://127.0.0.1:1/crm', events: null },
			{ label: 'old', enabled: false, url: null, events: null },
			{ label, enabled: true, url: nodeUrl, events: ['group.flow'] },
		]);
		expect(await hooks.checkExists.call(hook())).toBe(true);
		// Registered for another URL (n8n moved): not ours, create again.
		expect(await hooks.checkExists.call(hook({ webhookUrl: 'http://127.0.0.1:2/x' }))).toBe(false);

		expect(await hooks.delete.call(hook())).toBe(true);
		expect(rows()).toEqual([
			{ label: 'crm', enabled: true, url: 'http://127.0.0.1:1/crm', events: null },
			{ label: 'old', enabled: false, url: null, events: null },
			{ label, enabled: false, url: null, events: null },
		]);
		expect(await hooks.checkExists.call(hook())).toBe(false);
	});

	it('the test webhook has its own label and never replaces the production row', async () => {
		await hooks.create.call(hook());
		const test = { mode: 'manual' as const, webhookUrl: 'http://127.0.0.1:9/webhook-test/abc/webhook' };
		await hooks.create.call(hook(test));
		expect(rows().map((row) => [row.label, row.url])).toEqual([
			[label, nodeUrl],
			[`${label}-test`, 'http://127.0.0.1:9/webhook-test/abc/webhook'],
		]);
		// n8n deletes a test webhook in mode 'internal', with the test URL: only the test row goes.
		await hooks.delete.call(hook({ ...test, mode: 'webhook' }));
		expect(rows().map((row) => [row.label, row.enabled])).toEqual([
			[label, true],
			[`${label}-test`, false],
		]);
	});

	it('fails activation when 3 other webhooks are enabled, saying which and how to free one', async () => {
		['a', 'b', 'c'].forEach((name) => seedRow(name));
		const error = await hooks.create.call(hook()).catch((e: Error & { description?: string }) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toBe('Instance sandbox already has 3 enabled webhooks (a, b, c); RyzeAPI allows 3');
		expect((error as { description?: string }).description).toContain('"enabled": false');
		expect(rows().map((row) => row.label)).toEqual(['a', 'b', 'c']);
		// Its own row, already enabled, does not count against it.
		sim().state.webhooks.splice(2, 1);
		seedRow(label);
		expect(await hooks.create.call(hook())).toBe(true);
	});

	it('a refused call names the instance, without the token', async () => {
		const error = (await hooks.create.call(hook({ params: { instance: 'member-only' } })).catch((e: Error) => e)) as Error;
		expect(error.message).toMatch(/^Could not list the webhooks on instance member-only: /);
		expect(JSON.stringify(error)).not.toContain(tokens.sandbox);
	});
});

describe('RyzeAPI Trigger: deliveries', () => {
	const itemsOf = (run: Run) => run.result.workflowData?.[0].map((item) => item.json) ?? [];

	it('a person joining by link runs the node once with one item, token removed', async () => {
		await hooks.create.call(hook());
		await fetch(`${sim().url}/__sim/join`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ group: groups.customers.jid, participant: '5511955554444', lid: '88@lid' }),
		});
		await sim().deliveriesSettled();
		expect(runs).toHaveLength(1);
		const items = itemsOf(runs[0]);
		expect(items).toHaveLength(1);
		expect(Object.keys(items[0])).toEqual(TRIGGER_ITEM_KEYS[1]);
		expect(items[0]).toMatchObject({
			event: 'group.flow',
			type: 'joined',
			group: groups.customers.jid,
			groupName: 'Customers',
			participant: '5511955554444@s.whatsapp.net',
			lid: '88@lid',
			phoneNumber: '5511955554444',
			instance: 'sandbox',
		});
		expect(JSON.stringify(runs)).not.toContain(tokens.sandbox);
	});

	it('an add of two through the API gives one item per person; filtered events start nothing', async () => {
		await hooks.create.call(hook());
		await fetch(`${sim().url}/api/group/participants/sandbox`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', token: tokens.sandbox },
			body: JSON.stringify({ action: 'add', identifier: groups.customers.jid, participants: ['5511955554444', '5511955554445'] }),
		});
		await sim().deliveriesSettled();
		expect(itemsOf(runs[0]).map((item) => item.participant)).toEqual(['5511955554444@s.whatsapp.net', '5511955554445@s.whatsapp.net']);

		nodeOptions = () => ({ params: { events: ['left'] }, credentials: credentials(), webhookUrl: nodeUrl });
		await fetch(`${sim().url}/__sim/join`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ group: groups.customers.jid, participant: '5511955554446' }),
		});
		await sim().deliveriesSettled();
		expect(runs).toHaveLength(2);
		expect(runs[1].result.workflowData).toBeUndefined();
	});

	const post = (body: unknown) =>
		fetch(nodeUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	const genuine = {
		event: 'group.flow',
		data: { type: 'joined', groupJid: groups.customers.jid, participants: [{ jid: '1@lid' }] },
		instanceData: { baseUrl: 'http://x', instance: 'sandbox', token: tokens.sandbox },
	};

	it.each([
		['another instance', { ...genuine, instanceData: { ...genuine.instanceData, instance: 'member-only' } }],
		['a wrong token', { ...genuine, instanceData: { ...genuine.instanceData, token: 'sandbox-tokem' } }],
		['no token', { ...genuine, instanceData: { instance: 'sandbox' } }],
		['no envelope', genuine.data],
	])('refuses a forged delivery (%s) with 401 and starts nothing', async (_name, forged) => {
		const res = await post(forged);
		expect(res.status).toBe(401);
		expect(runs).toHaveLength(1);
		expect(runs[0].result).toEqual({ noWebhookResponse: true });
		expect(runs[0].result.workflowData).toBeUndefined();
	});

	it('with an account token in the credential, accepts its instance by name (token not comparable)', async () => {
		const account = { ...credentials(), token: tokens.account };
		nodeOptions = () => ({ params: { options: { accountToken: true } }, credentials: account, webhookUrl: nodeUrl });
		expect((await post(genuine)).status).toBe(200);
		expect((await post({ ...genuine, instanceData: { ...genuine.instanceData, instance: 'member-only' } })).status).toBe(401);
		nodeOptions = () => ({ params: {}, credentials: account, webhookUrl: nodeUrl });
		expect((await post(genuine)).status).toBe(401);
		expect(itemsOf(runs[0])).toHaveLength(1);
		expect(JSON.stringify(runs)).not.toContain(tokens.sandbox);
	});

	it('a retried delivery (the same body again, as RyzeAPI retries) is answered 200 and starts nothing', async () => {
		const delivery = { ...genuine, data: { ...genuine.data, timestamp: '2026-01-02T03:04:05.000Z' } };
		expect((await post(delivery)).status).toBe(200);
		expect((await post(delivery)).status).toBe(200);
		expect(runs.map((run) => itemsOf(run).length)).toEqual([1, 0]);
		expect(runs[1].result).toEqual({ webhookResponse: { received: true, items: 0, duplicate: true } });
	});

	it('version 2: Instance State Changed gives the state in one spelling, raw kept', async () => {
		nodeOptions = () => ({ params: { events: ['instanceState'] }, credentials: credentials(), webhookUrl: nodeUrl, typeVersion: 2 });
		const body = { event: 'instance.state', data: { state: 'loggedout' }, instanceData: genuine.instanceData };
		expect((await post(body)).status).toBe(200);
		expect(itemsOf(runs[0])).toEqual([
			{
				event: 'instance.state',
				type: 'instanceState',
				group: null,
				groupName: null,
				participant: null,
				lid: null,
				phoneNumber: null,
				state: 'logged_out',
				instance: 'sandbox',
				timestamp: null,
				raw: { state: 'loggedout' },
			},
		]);
		expect(JSON.stringify(runs)).not.toContain(tokens.sandbox);
	});

	it('an unreadable payload comes out as one unknown item with raw, token removed from raw', async () => {
		const odd = { ...genuine, data: { whatever: true, echo: `token ${tokens.sandbox}` } };
		expect((await post(odd)).status).toBe(200);
		expect(itemsOf(runs[0])).toEqual([
			{
				event: 'group.flow',
				type: 'unknown',
				group: null,
				groupName: null,
				participant: null,
				lid: null,
				phoneNumber: null,
				instance: 'sandbox',
				timestamp: null,
				raw: { whatever: true, echo: 'token [redacted]' },
			},
		]);
	});
});
