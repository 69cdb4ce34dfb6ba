/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * Issues 21 (point 4) and 22 (point 3): one connection reader for every context.
 * A Base URL with a secret path prefix goes through every entry point — the three
 * operations, both pickers, the RyzeAPI Trigger's lifecycle and a delivery, the
 * Join Request Trigger's poll — to a gateway on 127.0.0.1 that serves the simulator
 * under the prefix and, when told to fail, echoes the request's path, full URL
 * and token. No error, item or log line may show the prefix or the token, and
 * nothing the node built (jid, instance, participant, group) may be rewritten:
 * plain-word prefixes (`/whatsapp`, `/sandbox`, `/ryzeapi`) change no output at all.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeExecutionData, Logger } from 'n8n-workflow';

import { searchGroups, searchInstances } from '../../../nodes/RyzeApi/methods/listSearch';
import { RyzeApi } from '../../../nodes/RyzeApi/RyzeApi.node';
import { RyzeApiJoinRequestTrigger } from '../../../nodes/RyzeApi/RyzeApiJoinRequestTrigger.node';
import { RyzeApiTrigger } from '../../../nodes/RyzeApi/RyzeApiTrigger.node';
import { nodeSecret } from '../../../nodes/RyzeApi/triggers/webhook/deliveryAuth';
import { createExecuteContext } from '../../support/executeContext';
import { createLoadOptionsContext, rl } from '../../support/locatorContext';
import { allText, SANDBOX, useSimulator } from '../../support/simulatorHarness';
import { createHookContext, createPollContext, createWebhookContext, type TriggerOptions } from '../../support/triggerContext';

const { sim, restart } = useSimulator();
const { customers, waitlist, vip } = SANDBOX.groups;
const TOKEN = SANDBOX.tokens.sandbox;
const PREFIX = 'tenant-secret-prefix-9f8e7d';
const node = new RyzeApi();
const hooks = new RyzeApiTrigger().webhookMethods.default;

// ---------------------------------------------------------------- the gateway

/** What the gateway does: serve the simulator under `/prefix`, or fail the paths that match `fail`. */
const gate = { prefix: PREFIX, fail: null as RegExp | null, status: 404, echo: true };
let gateway: Server;
let gatewayOrigin = '';
beforeAll(async () => {
	gateway = createServer((req, res) => {
		const url = req.url ?? '/';
		const under = `/${gate.prefix}/`;
		if (!url.startsWith(under) || gate.fail?.test(url.slice(under.length - 1))) {
			const echo = { message: `Cannot ${req.method} ${url}; the token was ${String(req.headers.token)}`, url: `${gatewayOrigin}${url}` };
			res.writeHead(url.startsWith(under) ? gate.status : 404, { 'Content-Type': 'application/json' });
			res.end(gate.echo ? JSON.stringify(echo) : '');
			return;
		}
		const target = new URL(sim().url);
		const upstream = httpRequest(
			{ host: target.hostname, port: target.port, method: req.method, path: url.slice(under.length - 1), headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
	gatewayOrigin = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
});
afterAll(async () => {
	gateway.closeAllConnections();
	await new Promise<void>((resolve) => gateway.close(() => resolve()));
});
beforeEach(() => Object.assign(gate, { prefix: PREFIX, fail: null, status: 404, echo: true }));

const credentials = (prefix = PREFIX) => ({ baseUrl: `${gatewayOrigin}/${prefix}`, token: TOKEN, instance: 'sandbox' });
const direct = () => ({ baseUrl: sim().url, token: TOKEN, instance: 'sandbox' });

/** What of the prefix or the token a text shows. */
function leaks(text: string): string[] {
	return [PREFIX, 'secret-prefix', '9f8e7d', TOKEN, 'tenant-secr'].filter((secret) => text.toLowerCase().includes(secret));
}

const logger = (lines: string[]): Logger =>
	Object.fromEntries(['debug', 'info', 'warn', 'error'].map((level) => [level, (message: string) => lines.push(message)])) as never;

async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
	try {
		return { value: await promise };
	} catch (error) {
		return { error };
	}
}

// ---------------------------------------------------------------- the entry points

const OPERATIONS: Record<string, Record<string, unknown>> = {
	'Manage Participants': {
		operation: 'manageParticipants',
		instance: '',
		group: customers.jid,
		action: 'add',
		participants: '5511988880001',
	},
	'List Participants': { operation: 'listParticipants', instance: '', group: vip.jid, options: {} },
	'List Join Requests': { operation: 'listJoinRequests', instance: '', group: waitlist.jid, options: {} },
};

async function execute(params: Record<string, unknown>, creds: Record<string, string>, continueOnFail = false) {
	const test = createExecuteContext({ params, credentials: creds, continueOnFail });
	const outcome = await settle(node.execute.call(test.ctx));
	return { ...outcome, logs: test.logs };
}

const json = (outputs?: INodeExecutionData[][]) => outputs?.map((output) => output.map((item) => item.json));

describe.each(Object.entries(OPERATIONS))('%s with a secret Base URL path', (_name, params) => {
	it('gives the items a Base URL without the prefix gives (nothing built is rewritten), and shows no secret', async () => {
		const plain = await execute(params, direct());
		await restart();
		const through = await execute(params, credentials());
		expect(through.error).toBeUndefined();
		expect(json(through.value)).toEqual(json(plain.value));
		expect(json(through.value)?.flat().length).toBeGreaterThan(0);
		expect(leaks(allText([through.value, through.logs]))).toEqual([]);
	});

	it.each([false, true])('an error that echoes the path and the token shows neither (Continue On Fail: %s)', async (continueOnFail) => {
		gate.fail = /^\/api\//;
		const run = await execute(params, credentials(), continueOnFail);
		expect(continueOnFail ? run.value : run.error).toBeDefined();
		expect(allText([run.value, run.error, run.logs])).toMatch(/Cannot (GET|POST) \[redacted\]\/api\/group\//);
		expect(leaks(allText([run.value, run.error, run.logs]))).toEqual([]);
		if (continueOnFail) expect(json(run.value)?.[1][0]).toMatchObject({ instance: 'sandbox' });
	});
});

describe('the pickers with a secret Base URL path', () => {
	const pickers = { instances: searchInstances, groups: searchGroups };
	it.each(Object.entries(pickers))('%s: the same results as without the prefix; an echoed error shows no secret', async (_name, search) => {
		const picker = (creds: Record<string, string>) =>
			createLoadOptionsContext({ credentials: creds, parameters: { instance: rl('list', '') } }).ctx;
		const plain = await search.call(picker(direct()));
		expect(plain.results.length).toBeGreaterThan(0);
		expect(await search.call(picker(credentials()))).toEqual(plain);
		gate.fail = /^\/api\//;
		const failed = await settle(search.call(picker(credentials())));
		expect(allText(failed.error)).toMatch(/Cannot GET \[redacted\]\/api\//);
		expect(leaks(allText(failed.error))).toEqual([]);
	});
});

describe('the triggers with a secret Base URL path', () => {
	const options = (over: Partial<TriggerOptions> = {}): TriggerOptions => ({
		params: { instance: rl('list', ''), group: rl('id', waitlist.jid) },
		credentials: credentials(),
		webhookUrl: 'http://127.0.0.1:9/webhook/abc/webhook',
		...over,
	});
	const hookCtx = (lines: string[]) => Object.assign(createHookContext(options()).ctx, { logger: logger(lines) });

	it('RyzeAPI Trigger: checkExists, create and delete work through the prefix, and their echoed errors show no secret', async () => {
		const lines: string[] = [];
		expect(await hooks.checkExists.call(hookCtx(lines))).toBe(false);
		expect(await hooks.create.call(hookCtx(lines))).toBe(true);
		expect(sim().state.webhooks.map((row) => row.enabled)).toEqual([true]);
		gate.fail = /^\/api\//;
		gate.status = 403;
		const errors = [await settle(hooks.checkExists.call(hookCtx(lines))), await settle(hooks.create.call(hookCtx(lines)))];
		expect(await hooks.delete.call(hookCtx(lines))).toBe(false);
		for (const { error } of errors) expect(allText(error)).toMatch(/Cannot (GET|POST) \[redacted\]\/api\/events\//);
		expect(leaks(allText([errors, lines]))).toEqual([]);
	});

	it("Join Request Trigger: a poll's items are the plain Base URL's; its echoed error shows no secret", async () => {
		const poll = new RyzeApiJoinRequestTrigger();
		const lines: string[] = [];
		const pollCtx = (creds: Record<string, string>) =>
			Object.assign(createPollContext(options({ credentials: creds, mode: 'manual' })).ctx, { logger: logger(lines) });
		const plain = await poll.poll.call(pollCtx(direct()));
		expect(plain?.[0].length).toBeGreaterThan(0);
		expect(await poll.poll.call(pollCtx(credentials()))).toEqual(plain);
		gate.fail = /^\/api\//;
		const failed = await settle(poll.poll.call(pollCtx(credentials())));
		expect(allText(failed.error)).toMatch(/Cannot GET \[redacted\]\/api\/group\/requests\//);
		expect(leaks(allText([failed.error, lines]))).toEqual([]);
	});

	it('RyzeAPI Trigger: a delivery that echoes the Base URL and the token gives items without them, built values intact', async () => {
		const data = {
			type: 'joined',
			groupJid: customers.jid,
			participants: [{ jid: '5511955554444@s.whatsapp.net' }],
			trace: `POST ${credentials().baseUrl}/api/events/webhook/sandbox with token ${TOKEN}`,
		};
		const body = { event: 'group.flow', data, instanceData: { baseUrl: credentials().baseUrl, instance: 'sandbox', token: TOKEN } };
		// Signed as RyzeAPI signs a delivery: the Authorization the node registered.
		const authorization = nodeSecret(TOKEN, 'wf1', 'node-1', 'http://127.0.0.1:9/webhook/abc/webhook');
		const { ctx } = createWebhookContext(options({ params: {} }), body, { authorization });
		const items = (await new RyzeApiTrigger().webhook.call(ctx)).workflowData?.[0].map((item) => item.json);
		expect(items).toHaveLength(1);
		expect(items?.[0]).toMatchObject({ group: customers.jid, participant: '5511955554444@s.whatsapp.net', instance: 'sandbox' });
		expect((items?.[0].raw as { trace: string }).trace).toBe(
			`POST http://127.0.0.1:${new URL(gatewayOrigin).port}[redacted]/api/events/webhook/sandbox with token [redacted]`,
		);
		expect(leaks(allText(items))).toEqual([]);
	});
});

describe('a plain-word Base URL path (issue 21 point 4) is not a secret: nothing is rewritten', () => {
	it.each(['whatsapp', 'sandbox', 'ryzeapi'])('/%s', async (prefix) => {
		gate.prefix = prefix;
		for (const params of Object.values(OPERATIONS)) {
			const plain = await execute(params, direct());
			await restart();
			const through = await execute(params, credentials(prefix));
			expect(json(through.value)).toEqual(json(plain.value));
		}
		// Manage Participants' jid and instance, as the node built them.
		expect(JSON.stringify(json((await execute(OPERATIONS['Manage Participants'], credentials(prefix))).value))).toContain(
			'"jid":"5511988880001@s.whatsapp.net"',
		);
		gate.fail = /^\/api\//;
		gate.status = 502;
		gate.echo = false;
		const failed = await execute(OPERATIONS['Manage Participants'], credentials(prefix));
		expect((failed.error as Error).message).toBe('RyzeAPI answered HTTP 502');
		const items = json((await execute(OPERATIONS['Manage Participants'], credentials(prefix), true)).value)?.[1];
		expect(items?.[0]).toMatchObject({ instance: 'sandbox', participant: '5511988880001', error: 'RyzeAPI answered HTTP 502' });
	});
});
