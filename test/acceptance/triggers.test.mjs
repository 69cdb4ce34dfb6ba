// The two triggers in a real n8n (`n8n start`): the welcome example (RyzeAPI Trigger,
// event Joined) and a Join Request Trigger polling every 10 s, published before start.
// - activation registers exactly one webhook on the instance and leaves its others alone;
// - a delivery (two people added through the API) runs the workflow once, one item per person;
// - a forged delivery is refused (401) and runs nothing;
// - the polling trigger emits each pending request once across polls (a new one once);
// - the join-request example, activated, approves a CRM person, and the welcome workflow runs for them;
// - deactivation disables the webhook.
// Run alone: flock /tmp/ryze-n8n.lock node scripts/acceptance.mjs --runtime=n8n-2.8.4 triggers
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';

import { freePort } from '../../scripts/n8n/cli.mjs';
import { PROJECT_ROOT } from '../../scripts/lib/paths.mjs';
import { n8nDir } from '../../scripts/n8n/config.mjs';
import { login, setUpOwner, startN8n } from '../../scripts/n8n/server.mjs';
import { prepareUserFolder, publishWorkflows } from '../../scripts/n8n/userFolder.mjs';
import { joinRequestPoll, simulatorClient, WAITLIST } from './fixtures/joinRequestPoll.mjs';
import { setUp } from './harness.mjs';

const CUSTOMERS = '120363000000000001@g.us';
const TOKEN = 'sandbox-token';
const example = (file) => JSON.parse(readFileSync(join(PROJECT_ROOT, 'examples', file), 'utf8'));
const WELCOME = example('welcome-new-members.json');
const APPROVE = example('approve-crm-join-requests.json');
const POLL = joinRequestPoll({
	id: 'ryzeTrigPoll00001',
	name: 'Join requests every minute',
	nodeId: '0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b',
});

let env;
let n8n;
let cookie;
let flatted;

const { json: simJson, post } = simulatorClient(() => env.sim.url);
const sandboxRows = async () => (await simJson('/__sim/webhooks')).webhooks;

async function executions(workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const response = await fetch(`${n8n.url}/rest/executions?filter=${filter}&limit=100`, { headers: { cookie } });
	const body = await response.json();
	return (body.data?.results ?? []).sort((a, b) => Number(a.id) - Number(b.id));
}

/** The executions that have ended (their run data is complete): what the checks read items from. */
const finished = async (workflowId) =>
	(await executions(workflowId)).filter((execution) => !['new', 'running', 'waiting'].includes(execution.status));

/** The items a node put out in one execution (run data is stored flatted). */
async function nodeItems(executionId, nodeName) {
	const response = await fetch(`${n8n.url}/rest/executions/${executionId}`, { headers: { cookie } });
	const text = await response.text();
	const body = JSON.parse(text);
	const data = typeof body.data.data === 'string' ? flatted.parse(body.data.data) : body.data.data;
	const runs = data.resultData.runData[nodeName] ?? [];
	return { items: runs.flatMap((run) => run.data?.main?.[0] ?? []).map((item) => item.json), text };
}

/**
 * Until `check` resolves something truthy. The bound only stops a hang (a loaded machine
 * makes n8n slower, never wrong); it is no measurement.
 */
async function waitFor(what, check, timeoutMs = 120000) {
	const deadline = Date.now() + timeoutMs;
	let last;
	while (Date.now() < deadline) {
		last = await check();
		if (last) return last;
		await sleep(500);
	}
	throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
}

before(
	async () => {
		env = await setUp('triggers');
		const { stages, userFolder, tarball, sim, artifacts } = env;
		flatted = createRequire(join(n8nDir(), 'package.json'))('flatted');
		await prepareUserFolder({ userFolder, tarball, baseUrl: sim.url, workflows: [WELCOME, APPROVE, POLL], stages });
		await stages.run('n8n publish:workflow (welcome, poll)', () => publishWorkflows(userFolder, [WELCOME.id, POLL.id]));
		// Another consumer's webhook on the instance, before n8n activates anything.
		const other = await post(
			'/api/events/webhook/sandbox',
			{ label: 'crm-other', enabled: true, url: 'http://127.0.0.1:9/crm' },
			{ token: TOKEN },
		);
		assert.equal(other.status, 200);
		n8n = await stages.run('n8n start', async () =>
			startN8n({ userFolder, port: await freePort(), brokerPort: await freePort(), logFile: join(artifacts, 'n8n.log') }),
		);
		await setUpOwner(n8n.url);
		cookie = await login(n8n.url);
	},
	{ timeout: 10 * 60 * 1000 },
);

after(async () => {
	await n8n?.stop();
	await env?.tearDown();
});

const welcomeUrl = () => `${n8n.url}/webhook/${WELCOME.nodes.find((node) => node.webhookId).webhookId}/webhook`;

test('activation registers exactly one webhook for group.flow at n8n, and leaves the other alone', async () => {
	const rows = await waitFor('the webhook row', async () => {
		const all = await sandboxRows();
		return all.some((row) => row.url === welcomeUrl()) ? all : null;
	});
	const own = rows.filter((row) => row.instance === 'sandbox' && row.label !== 'crm-other');
	assert.equal(own.length, 1, JSON.stringify(rows));
	assert.match(own[0].label, /^n8n-[A-Za-z0-9]+-[0-9a-f]{16}$/);
	assert.ok(own[0].label.length <= 64);
	assert.deepEqual(
		[own[0].enabled, own[0].url, own[0].events, own[0].byEvents, own[0].mediaBase64],
		[true, welcomeUrl(), ['group.flow'], false, false],
	);
	const other = rows.find((row) => row.label === 'crm-other');
	assert.deepEqual([other.enabled, other.url], [true, 'http://127.0.0.1:9/crm']);
});

test('a delivery runs the welcome workflow once, with one item per person', async () => {
	const added = await post(
		'/api/group/participants/sandbox',
		{ action: 'add', identifier: CUSTOMERS, participants: ['5511966660001', '5511966660002'] },
		{ token: TOKEN },
	);
	assert.equal(added.status, 200);
	const [run] = await waitFor('the welcome execution', async () => {
		const list = await finished(WELCOME.id);
		return list.length > 0 ? list : null;
	});
	// "Once": a second execution would have started by now (a grace for a check that something does not happen).
	await sleep(2000);
	assert.equal((await executions(WELCOME.id)).length, 1);
	const { items, text } = await nodeItems(run.id, 'Someone joined');
	assert.deepEqual(
		items.map((item) => [item.type, item.group, item.participant, item.phoneNumber]),
		[
			['joined', CUSTOMERS, '5511966660001@s.whatsapp.net', '5511966660001'],
			['joined', CUSTOMERS, '5511966660002@s.whatsapp.net', '5511966660002'],
		],
	);
	assert.equal((await nodeItems(run.id, 'Log new member')).items.length, 2);
	assert.ok(!text.includes(TOKEN), 'the token is in the stored execution');
	const deliveries = (await simJson('/__sim/deliveries')).deliveries;
	assert.deepEqual(
		deliveries.filter((d) => d.url === welcomeUrl()).map((d) => d.status),
		[200],
	);
});

test('a forged delivery is refused with 401 and runs nothing', async () => {
	const before = (await executions(WELCOME.id)).length;
	const forged = {
		event: 'group.flow',
		data: { type: 'joined', groupJid: CUSTOMERS, participants: [{ jid: '5511900009999@s.whatsapp.net' }] },
		instanceData: { baseUrl: env.sim.url, instance: 'sandbox', token: 'forged-token-123' },
	};
	for (const body of [
		forged,
		{ ...forged, instanceData: { ...forged.instanceData, instance: 'member-only', token: 'member-only-token' } },
	]) {
		const response = await fetch(welcomeUrl(), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		assert.equal(response.status, 401);
	}
	// A grace for a check that something does not happen: an accepted delivery starts its execution at once.
	await sleep(3000);
	assert.equal((await executions(WELCOME.id)).length, before);
});

test('the polling trigger emits each pending request once across polls', async () => {
	const items = async () => {
		const list = await finished(POLL.id);
		const all = [];
		for (const run of list) all.push(...(await nodeItems(run.id, 'Join requests')).items.map((item) => item.jid));
		return { runs: list.length, jids: all };
	};
	const polls = async () => (await simJson('/__sim/calls')).calls.filter((call) => call.path === '/api/group/requests/sandbox').length;
	// Polls come every minute; the bound (2.5 minutes) only stops a hang.
	const nextPoll = async (what) => {
		const seen = await polls();
		await waitFor(what, async () => (await polls()) > seen, 150000);
	};
	// The poll n8n runs on activation emits what was pending then.
	const first = await waitFor('the first poll', async () => ((await items()).runs > 0 ? items() : null));
	assert.deepEqual(first.jids, ['199789077627112@lid', '199789077627113@lid', '199789077627114@lid']);
	// The next scheduled poll: the same three still pending, nothing emitted (a poll that emits
	// nothing stores no execution; the grace is for a check that something does not happen).
	await nextPoll('a scheduled poll');
	await sleep(3000);
	assert.deepEqual(await items(), first);
	assert.equal((await post('/__sim/requests', { group: WAITLIST, lid: '199789077627150@lid', phone: '5511955550000' })).status, 200);
	await nextPoll('the poll after a new request');
	const second = await waitFor('the execution of the poll after a new request', async () => {
		const now = await items();
		return now.runs > first.runs ? now : null;
	});
	assert.equal(second.runs, first.runs + 1);
	assert.deepEqual(second.jids, [...first.jids, '199789077627150@lid']);
});

test('the join-request example approves a CRM person; the welcome workflow runs for them', async () => {
	// Only the new request of a CRM person is left pending for it: the others are settled first.
	for (const lid of ['199789077627112@lid', '199789077627113@lid', '199789077627114@lid', '199789077627150@lid']) {
		await post('/api/group/participants/sandbox', { action: 'reject', identifier: WAITLIST, participants: [lid] }, { token: TOKEN });
	}
	await post('/__sim/requests', { group: WAITLIST, lid: '199789077627160@lid', phone: '5511977775555' });
	const before = (await executions(WELCOME.id)).length;
	const workflow = await (await fetch(`${n8n.url}/rest/workflows/${APPROVE.id}`, { headers: { cookie } })).json();
	const activated = await fetch(`${n8n.url}/rest/workflows/${APPROVE.id}/activate`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify({ versionId: workflow.data.versionId }),
	});
	assert.equal(activated.status, 200, await activated.text());
	const welcomed = await waitFor('the welcome run for the approved person', async () => {
		const list = await finished(WELCOME.id);
		return list.length > before ? list.at(-1) : null;
	});
	const { items } = await nodeItems(welcomed.id, 'Someone joined');
	assert.deepEqual(
		items.map((item) => [item.group, item.participant, item.lid]),
		[[WAITLIST, '5511977775555@s.whatsapp.net', '199789077627160@lid']],
	);
	await fetch(`${n8n.url}/rest/workflows/${APPROVE.id}/deactivate`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: '{}',
	});
});

test('deactivation disables the webhook and leaves the other alone', async () => {
	const response = await fetch(`${n8n.url}/rest/workflows/${WELCOME.id}/deactivate`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: '{}',
	});
	assert.equal(response.status, 200, await response.text());
	// n8n 2.41 unpublishes through an outbox, polled every 15 s.
	const rows = await waitFor('the webhook row disabled', async () => {
		const all = await sandboxRows();
		return all.some((row) => row.label !== 'crm-other' && row.enabled) ? null : all;
	}).catch(async () => sandboxRows());
	writeFileSync(join(env.artifacts, 'webhooks.json'), JSON.stringify(rows, null, 1));
	const own = rows.filter((row) => row.instance === 'sandbox' && row.label !== 'crm-other');
	assert.equal(own.length, 1);
	assert.deepEqual([own[0].enabled, own[0].url], [false, null]);
	assert.equal(rows.find((row) => row.label === 'crm-other').enabled, true);
});
