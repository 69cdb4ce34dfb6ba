/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The RyzeAPI Trigger's webhook lifecycle when RyzeAPI's answers fail it (issue 21),
 * over real sockets: an answer that is not RyzeAPI's JSON (a Base URL at a website)
 * fails activation with a message naming the Base URL; a row that could not be
 * disabled at deactivation is reported in n8n's log by label and instance.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';

import type { IHookFunctions } from 'n8n-workflow';

import { RyzeApiTrigger } from '../../../../nodes/RyzeApi/RyzeApiTrigger.node';
import { SANDBOX, useSimulator } from '../../../support/simulatorHarness';
import { createHookContext, type TriggerOptions } from '../../../support/triggerContext';

const { sim, credentials } = useSimulator();
const hooks = new RyzeApiTrigger().webhookMethods.default;
const nodeUrl = 'http://127.0.0.1:5678/webhook/abc/webhook';

const hook = (over: Partial<TriggerOptions> = {}) =>
	createHookContext({ params: {}, credentials: credentials(), webhookUrl: nodeUrl, ...over }).ctx;
const rowAt = (url: string) => sim().state.webhooks.find((row) => row.url === url);
const activate = async (ctx: IHookFunctions) => (await hooks.checkExists.call(ctx)) || (await hooks.create.call(ctx));
const errorOf = (promise: Promise<unknown>) =>
	promise.then(
		() => null,
		(error: Error & { description?: string }) => error,
	);
/** A server on 127.0.0.1 answering every request with `answer`, for the test's duration. */
async function listen(answer: (res: ServerResponse) => void): Promise<{ url: string; close: () => Promise<void> }> {
	const server: Server = createServer((_req, res) => answer(res));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	return {
		url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('answers that are not RyzeAPI (issue 21, point 3)', () => {
	const expectBaseUrlError = (error: (Error & { description?: string }) | null, host: string) => {
		expect(error?.message).toMatch(new RegExp(`^The Base URL \\(${host}\\) does not look like RyzeAPI: `));
		expect(error?.description).toContain("Set the credential's Base URL");
	};

	it('a Base URL at a website (HTML pages, 200) fails activation with a message naming the Base URL', async () => {
		const website = await listen((res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><html>Welcome</html>'));
		try {
			const site = { credentials: { ...credentials(), baseUrl: website.url } };
			const host = website.url.replace('http://', '');
			expectBaseUrlError(await errorOf(hooks.checkExists.call(hook(site))), host);
			expectBaseUrlError(await errorOf(hooks.create.call(hook(site))), host);
		} finally {
			await website.close();
		}
	});

	it.each([
		['the list answered as an HTML page', { kind: 'html', status: 200, match: { method: 'GET' } }],
		['the list answered as JSON without a list', { kind: 'json', body: { ok: true }, match: { method: 'GET' } }],
		['the register call answered as an HTML page', { kind: 'html', status: 200, match: { method: 'POST' } }],
	] as const)('%s: activation fails', async (_name, fault) => {
		const host = sim().url.replace('http://', '');
		// The two lookups by label are answered normally; the fault hits the list (3rd GET) or the register POST.
		if (fault.match.method === 'GET') sim().scriptFaults([{ kind: 'delay', ms: 0, match: { method: 'GET' }, times: 2 }]);
		sim().scriptFaults([{ ...fault, times: 1 } as never]);
		expectBaseUrlError(await errorOf(hooks.create.call(hook())), host);
	});

	it('an HTML page answered 404 is not "no webhook": the error names the Base URL', async () => {
		sim().scriptFaults([{ kind: 'html', status: 404, times: 10 }]);
		const error = await errorOf(activate(hook()));
		expect(error?.message).toMatch(
			/^Could not read webhook n8n-wf1-[0-9a-f]{16} on instance sandbox: RyzeAPI answered HTTP 404 with an HTML page$/,
		);
		expect(error?.description).toContain("Set the credential's Base URL");
	});
});

describe('the secret never leaves', () => {
	it('an error that echoes the register body shows neither the token nor the secret', async () => {
		await activate(hook());
		const secret = String(rowAt(nodeUrl)?.authorization);
		const echo = `Invalid body {"authorization": "${secret}", "token": "${SANDBOX.tokens.sandbox}"}`;
		sim().scriptFaults([{ kind: 'status', status: 400, message: echo, match: { method: 'POST' } }]);
		const error = await errorOf(hooks.create.call(hook()));
		expect(error?.message).toMatch(/^Could not register webhook n8n-wf1-[0-9a-f]{16} on instance sandbox: Invalid body/);
		expect(`${error?.message} ${error?.description}`).not.toContain(secret.slice(7, 20));
		expect(`${error?.message} ${error?.description}`).not.toContain(SANDBOX.tokens.sandbox);
	});
});

describe('deactivation while RyzeAPI is down (issue 21, point 4)', () => {
	const withLog = (over: Partial<TriggerOptions> = {}) => {
		const warnings: string[] = [];
		const ctx = hook(over);
		Object.assign(ctx, { logger: { debug() {}, info() {}, error() {}, warn: (message: string) => warnings.push(message) } });
		return { ctx, warnings };
	};

	it('nothing answers at the Base URL: the row stays enabled and a warning names the label and the instance, never the token', async () => {
		await activate(hook());
		const label = rowAt(nodeUrl)?.label;
		// RyzeAPI down: nothing listens at its address any more (a refused connection is never resent).
		const gone = await listen((res) => res.end());
		await gone.close();
		const { ctx, warnings } = withLog({ credentials: { ...credentials(), baseUrl: gone.url } });
		expect(await hooks.delete.call(ctx)).toBe(false);
		expect(rowAt(nodeUrl)?.enabled).toBe(true);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toContain(`could not disable webhook ${label} on instance sandbox`);
		expect(warnings[0]).toContain(`{"label": "${label}", "enabled": false}`);
		expect(warnings[0]).not.toContain(SANDBOX.tokens.sandbox);
		expect(warnings[0]).not.toContain(String(rowAt(nodeUrl)?.authorization).slice(7));
	});

	it('RyzeAPI answering the disable call 503 is reported the same way', async () => {
		await activate(hook());
		sim().scriptFaults([{ kind: 'status', status: 503, match: { method: 'POST' } }]);
		const { ctx, warnings } = withLog();
		expect(await hooks.delete.call(ctx)).toBe(false);
		expect(warnings).toEqual([expect.stringContaining(`could not disable webhook ${rowAt(nodeUrl)?.label} on instance sandbox`)]);
	});

	it('a credential without a token: delete warns instead of throwing (a throw would make n8n skip its own clean-up)', async () => {
		const { ctx, warnings } = withLog({ credentials: { ...credentials(), token: '' } });
		expect(await hooks.delete.call(ctx)).toBe(false);
		expect(warnings).toEqual([expect.stringMatching(/^RyzeAPI Trigger: could not disable the webhook of node "RyzeAPI Trigger": Token/)]);
	});
});
