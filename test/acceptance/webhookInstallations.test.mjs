// The RyzeAPI Trigger's webhook lifecycle in real n8n (issue 21): two n8n installations
// (two user folders, two ports) with the same workflow, the welcome example imported
// into both (export and import keep the workflow, node and webhook ids), against one
// simulator, as a staging and a production n8n would be.
// - production's row survives staging's activation: each has its own row, and a join reaches both;
// - RyzeAPI's deliveries carry the Authorization header the node registered; a delivery without it
//   (the instance and its token inside) is refused with 401 by n8n and runs nothing;
// - deactivating staging disables staging's row only: production keeps running;
// - an enabled row under staging's label that delivers to another n8n is never taken over: activation
//   is refused with the label and where it delivers, and n8n's clean-up leaves the row as it was;
// - answers that are not RyzeAPI's (an HTML page, as from a wrong Base URL) fail activation, naming it;
// - deactivation while RyzeAPI fails leaves a warning in n8n's log naming the label and the
//   instance, never the token.
// Run alone: flock /tmp/ryze-n8n.lock node scripts/acceptance.mjs --runtime=n8n-2.8.4 webhookInstallations
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';

import { publishWorkflows } from '../../scripts/n8n/userFolder.mjs';
import { freePort } from '../../scripts/n8n/cli.mjs';
import { PROJECT_ROOT } from '../../scripts/lib/paths.mjs';
import { login, setUpOwner, startN8n } from '../../scripts/n8n/server.mjs';
import { freshUserFolder, prepareUserFolder } from '../../scripts/n8n/userFolder.mjs';
import { simulatorClient } from './fixtures/joinRequestPoll.mjs';
import { setUp } from './harness.mjs';

const TOKEN = 'sandbox-token';
const CUSTOMERS = '120363000000000001@g.us';
const WELCOME = JSON.parse(readFileSync(join(PROJECT_ROOT, 'examples', 'welcome-new-members.json'), 'utf8'));
const WEBHOOK_ID = WELCOME.nodes.find((node) => node.webhookId).webhookId;

let env;
let stagingFolder;
/** name → {url, cookie, stop, log, hookUrl} */
const n8n = {};
const labels = {};

const { json: simJson, post: simPost } = simulatorClient(() => env.sim.url);
const rows = async () => (await simJson('/__sim/webhooks')).webhooks.filter((row) => row.instance === 'sandbox');
const rowOf = async (label) => (await rows()).find((row) => row.label === label);
const joinCustomers = (participant) => simPost('/__sim/join', { group: CUSTOMERS, participant });

async function waitFor(what, check, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const value = await check();
		if (value) return value;
		await sleep(500);
	}
	throw new Error(`timed out waiting for ${what}`);
}

async function runs(name) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: WELCOME.id }));
	const response = await fetch(`${n8n[name].url}/rest/executions?filter=${filter}&limit=100`, { headers: { cookie: n8n[name].cookie } });
	return (await response.json()).data?.results?.length ?? 0;
}

async function rest(name, path, body) {
	const response = await fetch(`${n8n[name].url}/rest/workflows/${WELCOME.id}${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { cookie: n8n[name].cookie, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, text: await response.text() };
}
const activate = async (name) => rest(name, '/activate', { versionId: JSON.parse((await rest(name, '')).text).data.versionId });
const deactivate = (name) => rest(name, '/deactivate', {});

const publicationStatus = async (name) => {
	// n8n 2.41 only: publication goes through an outbox; 2.8.4 has no such route (activation is synchronous).
	const response = await fetch(`${n8n[name].url}/rest/workflows/${WELCOME.id}/publication-status`, {
		headers: { cookie: n8n[name].cookie },
	});
	return { ok: response.ok, text: await response.text() };
};

/**
 * Activates and resolves the text of the refusal. n8n 2.8.4 answers the activate call with
 * the error; 2.41 answers 200, publishes through an outbox and reports the failure in the
 * workflow's publication status (or its activation error).
 */
async function refusal(name, expected) {
	const answer = await activate(name);
	if (answer.status !== 200) {
		assert.match(answer.text, expected);
		return answer.text;
	}
	return await waitFor(
		`an activation error matching ${expected}`,
		async () => {
			const error = await fetch(`${n8n[name].url}/rest/active-workflows/error/${WELCOME.id}`, { headers: { cookie: n8n[name].cookie } });
			for (const text of [(await publicationStatus(name)).text, await error.text()]) if (expected.test(text)) return text;
			return null;
		},
		90000,
	);
}

/** Deactivates (a failed 2.41 publication may be retried) and waits until n8n has applied it. */
async function deactivateAndSettle(name) {
	await deactivate(name);
	await waitFor(
		'the deactivation applied',
		async () => {
			const { ok, text } = await publicationStatus(name);
			if (!ok || !text.startsWith('{')) return true;
			return JSON.parse(text).data?.status === 'not_published';
		},
		90000,
	);
}

async function startInstallation(name, userFolder) {
	const port = await freePort();
	const log = join(env.artifacts, `${name}.log`);
	const server = await env.stages.run(`n8n start (${name})`, async () =>
		startN8n({ userFolder, port, brokerPort: await freePort(), logFile: log }),
	);
	await setUpOwner(server.url);
	n8n[name] = { ...server, cookie: await login(server.url), log, hookUrl: `${server.url}/webhook/${WEBHOOK_ID}/webhook` };
	const row = await waitFor(`${name}'s webhook row`, async () => (await rows()).find((r) => r.enabled && r.url === n8n[name].hookUrl));
	labels[name] = row.label;
}

before(
	async () => {
		env = await setUp('webhookInstallations');
		stagingFolder = freshUserFolder('ryzeapi-n8n-staging-');
		for (const folder of [env.userFolder, stagingFolder]) {
			await prepareUserFolder({ userFolder: folder, tarball: env.tarball, baseUrl: env.sim.url, workflows: [WELCOME], stages: env.stages });
			await env.stages.run('n8n publish:workflow (welcome)', () => publishWorkflows(folder, [WELCOME.id]));
		}
		await startInstallation('production', env.userFolder);
		await startInstallation('staging', stagingFolder);
	},
	{ timeout: 15 * 60 * 1000 },
);

after(async () => {
	for (const server of Object.values(n8n)) await server.stop().catch(() => {});
	await env?.tearDown();
	if (stagingFolder) rmSync(stagingFolder, { recursive: true, force: true });
});

test("staging's activation leaves production's row alone: a row each, both signed", async () => {
	const all = await rows();
	const own = all.filter((row) => row.enabled);
	assert.deepEqual(own.map((row) => row.url).sort(), [n8n.production.hookUrl, n8n.staging.hookUrl].sort(), JSON.stringify(all));
	assert.notEqual(labels.production, labels.staging);
	for (const row of own) {
		assert.match(row.label, /^n8n-[A-Za-z0-9]+-[0-9a-f]{16}$/);
		assert.match(String(row.authorization), /^Bearer [A-Za-z0-9_-]{43}$/, `${row.label} has no authorization`);
		assert.ok(!String(row.authorization).includes(TOKEN));
	}
});

test('a join reaches both installations; production runs for it', async () => {
	assert.equal((await joinCustomers('5511966661001')).status, 200);
	await waitFor('a production run', async () => (await runs('production')) === 1);
	await waitFor('a staging run', async () => (await runs('staging')) === 1);
	const deliveries = (await simJson('/__sim/deliveries')).deliveries;
	assert.deepEqual(
		deliveries.filter((d) => d.url === n8n.production.hookUrl).map((d) => d.status),
		[200],
	);
});

test('a delivery without the Authorization header is refused with 401 by n8n and runs nothing', async () => {
	const before = await runs('production');
	const unsigned = {
		event: 'group.flow',
		data: { type: 'joined', groupJid: CUSTOMERS, participants: [{ jid: '5511900009999@s.whatsapp.net' }] },
		instanceData: { baseUrl: env.sim.url, instance: 'sandbox', token: TOKEN },
	};
	for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }]) {
		const response = await fetch(n8n.production.hookUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.stringify(unsigned),
		});
		assert.equal(response.status, 401);
	}
	await sleep(3000);
	assert.equal(await runs('production'), before);
});

test("deactivating staging disables staging's row only; production keeps running", async () => {
	const response = await deactivate('staging');
	assert.equal(response.status, 200, response.text);
	// n8n 2.41 unpublishes through an outbox, polled every 15 s.
	await waitFor("staging's row disabled", async () => (await rowOf(labels.staging))?.enabled === false);
	assert.deepEqual([(await rowOf(labels.production)).enabled, (await rowOf(labels.production)).url], [true, n8n.production.hookUrl]);
	const before = await runs('production');
	await joinCustomers('5511966661002');
	await waitFor('another production run', async () => (await runs('production')) === before + 1);
	assert.equal(await runs('staging'), 1);
});

test("an enabled row under staging's label that delivers to another n8n is never taken over", async () => {
	const elsewhere = 'http://127.0.0.9:5678/webhook/their-webhook-id/webhook';
	const seeded = await simPost('/api/events/webhook/sandbox', { label: labels.staging, enabled: true, url: elsewhere }, { token: TOKEN });
	assert.equal(seeded.status, 200);
	const leftAlone = `${labels.staging} on instance sandbox delivers to another n8n; left enabled`;
	const cleanUps = () => readFileSync(n8n.staging.log, 'utf8').split(leftAlone).length - 1;
	const before = cleanUps();
	const text = await refusal(
		'staging',
		new RegExp(`Webhook ${labels.staging} on instance sandbox is enabled and delivers to http://127\\.0\\.0\\.9:5678/webhook`),
	);
	assert.ok(!text.includes(TOKEN));
	// n8n removes the webhooks of a failed activation (the node's delete): the row is not ours to disable.
	await waitFor("n8n's clean-up of the failed activation", async () => cleanUps() > before);
	await deactivateAndSettle('staging');
	const row = await rowOf(labels.staging);
	assert.deepEqual([row.enabled, row.url], [true, elsewhere]);
	await simPost('/api/events/webhook/sandbox', { label: labels.staging, enabled: false }, { token: TOKEN });
});

test('an HTML page at activation (a wrong Base URL) fails activation, naming the Base URL', async () => {
	await env.sim.faults([{ kind: 'html', status: 200, match: { pathPrefix: '/api/events/' }, times: 1000 }]);
	try {
		await refusal('staging', new RegExp(`The Base URL \\(127\\.0\\.0\\.1:${env.sim.port}\\) does not look like RyzeAPI`));
		await deactivateAndSettle('staging');
	} finally {
		await fetch(`${env.sim.url}/__sim/faults`, { method: 'DELETE' });
	}
	assert.equal((await rowOf(labels.staging)).enabled, false);
});

test("deactivation while RyzeAPI fails: n8n's log names the label and the instance, never the token", async () => {
	const activated = await activate('staging');
	assert.equal(activated.status, 200, activated.text);
	await waitFor("staging's row enabled again", async () => (await rowOf(labels.staging))?.enabled === true);
	await env.sim.faults([{ kind: 'status', status: 503, match: { pathPrefix: '/api/events/' }, times: 1000 }]);
	try {
		assert.equal((await deactivate('staging')).status, 200);
		const line = `could not disable webhook ${labels.staging} on instance sandbox`;
		await waitFor('the warning in n8n.log', async () => readFileSync(n8n.staging.log, 'utf8').includes(line), 90000);
	} finally {
		await fetch(`${env.sim.url}/__sim/faults`, { method: 'DELETE' });
	}
	assert.equal((await rowOf(labels.staging)).enabled, true, 'the row stays enabled (RyzeAPI did not answer)');
	for (const name of ['production', 'staging'])
		assert.ok(!readFileSync(n8n[name].log, 'utf8').includes(TOKEN), `the token is in ${name}.log`);
});
