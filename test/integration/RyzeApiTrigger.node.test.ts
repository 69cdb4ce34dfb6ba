/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The two triggers over real sockets against the simulator: deliveries from the
 * simulator into the node (one item per person, token removed), forged deliveries
 * refused with 401 and no items, a retried delivery answered 200 with no execution,
 * version 2's instance state. The webhook lifecycle and the Authorization header:
 * triggers/webhook/lifecycle.test.ts. The poll: joinRequestTrigger.test.ts.
 */
import { createServer, type Server } from 'node:http';

import type { IWebhookResponseData } from 'n8n-workflow';

import { nodeSecret } from '../../nodes/RyzeApi/triggers/webhook/deliveryAuth';
import { RyzeApiTrigger } from '../../nodes/RyzeApi/RyzeApiTrigger.node';
import { TRIGGER_ITEM_KEYS } from '../../nodes/RyzeApi/triggers/webhook/delivery';
import { SANDBOX, useSimulator } from '../support/simulatorHarness';
import { createHookContext, createWebhookContext, type Responded, type TriggerOptions } from '../support/triggerContext';

const { sim, credentials } = useSimulator();
const { groups, tokens } = SANDBOX;
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
			const { ctx, responded } = createWebhookContext(nodeOptions(), body, req.headers);
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

	// Signed as RyzeAPI signs the deliveries of the row the node registers (lifecycle.test.ts proves the header itself).
	const post = (body: unknown, token: string = tokens.sandbox) =>
		fetch(nodeUrl, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: nodeSecret(token, 'wf1', 'node-1', nodeUrl) },
			body: JSON.stringify(body),
		});
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
		expect((await post(genuine, tokens.account)).status).toBe(200);
		expect((await post({ ...genuine, instanceData: { ...genuine.instanceData, instance: 'member-only' } }, tokens.account)).status).toBe(
			401,
		);
		nodeOptions = () => ({ params: {}, credentials: account, webhookUrl: nodeUrl });
		expect((await post(genuine, tokens.account)).status).toBe(401);
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
