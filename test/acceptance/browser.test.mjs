// Acceptance in a real browser: `n8n start` on a fresh user folder with our tarball,
// the sandbox credential and the example workflows; Debian's Chromium (installed
// here with apt-get when missing) logs in, opens the CRM example and our node, runs
// the workflow from the UI and reads the item counts on Success and Failure.
//
// Screenshots go to test-results/acceptance/browser/. With
// RYZE_UPDATE_DOCS_SCREENSHOT=1 the small one is also copied to
// docs/screenshot-editor.png (the picture in the README).
/* global document -- in page.waitForFunction callbacks, which run in the browser */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { ensureChromium, launchChromium } from '../../scripts/browser.mjs';
import { freePort } from '../../scripts/n8n/cli.mjs';
import { PROJECT_ROOT } from '../../scripts/lib/paths.mjs';
import { OWNER } from '../../scripts/n8n/config.mjs';
import { setUpOwner, startN8n } from '../../scripts/n8n/server.mjs';
import { prepareUserFolder, readWorkflows } from '../../scripts/n8n/userFolder.mjs';
import { builtOperationOptions, setUp } from './harness.mjs';

const EXAMPLES = readWorkflows(join(PROJECT_ROOT, 'examples')).map(({ workflow }) => workflow);
const WORKFLOW_ID = 'ryzeExCrmAdd001';
const NODE = 'Add to Customers group';
const SAMPLE_TRIGGER = 'Try it: sample contacts';
const WEBHOOK_TRIGGER = 'CRM: new contact';
const ACTIONS = ['Add', 'Approve Join Request', 'Demote', 'Promote', 'Reject Join Request', 'Remove'];
const DOCS_SCREENSHOT = join(PROJECT_ROOT, 'docs', 'screenshot-editor.png');

let env;
let chromium = { ok: false, why: 'set-up did not finish' };
let n8n;
let browser;
let page;

const canvasNode = (name) => `[data-test-id="canvas-node"][data-node-name="${name}"]`;
const edgeLabel = (from, to) => `[data-test-id="edge-label"][data-source-node-name="${from}"][data-target-node-name="${to}"]`;

/**
 * Waits until the canvas's edge labels read as expected (the run has finished and
 * drawn its item counts), then asserts each one. Every edge keeps a label; an edge
 * the run did not reach has an empty one. `expected`: [from, to, text, what].
 */
async function assertEdgeLabels(expected) {
	const pairs = expected.map(([from, to, text]) => [edgeLabel(from, to), text]);
	await page
		.waitForFunction((list) => list.every(([selector, text]) => document.querySelector(selector)?.textContent.trim() === text), pairs, {
			timeout: 60000,
		})
		.catch(() => {}); // the assertions below say what differs
	for (const [from, to, text, what] of expected) {
		const actual = (
			(await page
				.locator(edgeLabel(from, to))
				.textContent({ timeout: 1000 })
				.catch(() => null)) ?? '(no edge)'
		).trim();
		assert.equal(actual, text, `${what}: the label on ${from} → ${to}`);
	}
}

before(async () => {
	env = await setUp('browser');
	const { stages, userFolder, tarball, sim, artifacts } = env;
	chromium = await stages.run('chromium (apt-get when missing)', () => ensureChromium({ logFile: join(artifacts, 'apt-get.log') }));
	if (!chromium.ok) {
		console.log(`[browser] SKIPPED: ${chromium.why}`);
		return;
	}
	await prepareUserFolder({ userFolder, tarball, baseUrl: sim.url, workflows: EXAMPLES, stages });
	const port = await freePort();
	n8n = await stages.run('n8n start (until the editor answers)', async () =>
		startN8n({ userFolder, port, brokerPort: await freePort(), logFile: join(artifacts, 'n8n-start.log') }),
	);
	assert.equal(await setUpOwner(n8n.url), 'created', 'POST /rest/owner/setup on a fresh database');
	browser = await stages.run('launch chromium', () => launchChromium());
	const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
	const login = await context.request.post(`${n8n.url}/rest/login`, {
		data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
	});
	assert.equal(login.status(), 200, 'POST /rest/login');
	page = await context.newPage();
	page.setDefaultTimeout(60000);
});

after(async () => {
	await browser?.close().catch(() => {});
	await n8n?.stop();
	await env?.tearDown();
});

describe('real n8n in a real browser', () => {
	test('n8n offers the node as an AI Agent tool: "RyzeAPI Tool" with every operation and a tool description', async (t) => {
		if (!chromium.ok) return t.skip(chromium.why);
		const response = await page.context().request.get(`${n8n.url}/types/nodes.json`);
		assert.equal(response.status(), 200, 'GET /types/nodes.json');
		const types = await response.json();
		const node = types.find((type) => type.name === 'n8n-nodes-ryzeapi.ryzeApi');
		const tool = types.find((type) => type.name === 'n8n-nodes-ryzeapi.ryzeApiTool');
		assert.ok(node, 'the node type is registered');
		assert.deepEqual(node.outputNames, ['Success', 'Failure']);
		assert.ok(
			tool,
			`the tool variant is registered (RyzeAPI types: ${types.filter((type) => type.name.includes('ryze')).map((type) => type.name)})`,
		);
		assert.equal(tool.displayName, 'RyzeAPI Tool');
		assert.deepEqual(tool.outputs, ['ai_tool']);
		const names = tool.properties.map((property) => property.name);
		for (const name of ['descriptionType', 'toolDescription', 'operation', 'group', 'participants'])
			assert.ok(names.includes(name), `tool parameter ${name}`);
		const options = tool.properties.find((property) => property.name === 'operation').options;
		// Every operation of the built resource index, by its action; n8n adds its own "Custom API
		// Call" entry to nodes whose credential can sign HTTP Request calls.
		assert.deepEqual(
			options.map((option) => option.action ?? option.value),
			[...builtOperationOptions().map((option) => option.action), '__CUSTOM_API_CALL__'],
		);
	});

	test('log in, open the CRM example and our node: six actions and the Participants field', async (t) => {
		if (!chromium.ok) return t.skip(chromium.why);
		await env.stages.run('browser: open workflow and node', async () => {
			await page.goto(`${n8n.url}/workflow/${WORKFLOW_ID}`);
			await page.waitForSelector(canvasNode(NODE));
			await page.screenshot({ path: join(env.artifacts, '1-canvas.png') });
			await page.dblclick(canvasNode(NODE));
			await page.waitForSelector('[data-test-id="ndv"]');
			assert.ok(await page.isVisible('[data-test-id="parameter-input-participants"]'), 'the Participants field is shown');
			assert.match(await page.textContent('[data-test-id="parameter-input-participants"]'), /\$json\.phone/);
			await page.screenshot({ path: join(env.artifacts, '2-node-panel.png') });
			await page.click('[data-test-id="parameter-input-action"]');
			const options = page.locator('.el-select-dropdown__item[role="option"]:visible .option-headline');
			await options.first().waitFor();
			assert.deepEqual(await options.allTextContents(), ACTIONS);
			await page.screenshot({ path: join(env.artifacts, '3-action-dropdown.png') });
			await page.keyboard.press('Escape');
			await page.click('[data-test-id="ndv-close-button"]');
			await page.waitForSelector('[data-test-id="ndv"]', { state: 'hidden' });
		});
	});

	test('run the workflow from the UI: Success 1 item, Failure 3 items', async (t) => {
		if (!chromium.ok) return t.skip(chromium.why);
		await env.stages.run('browser: run from the UI', async () => {
			await page.hover(canvasNode(SAMPLE_TRIGGER));
			await page.click(`[data-test-id="execute-workflow-button-${SAMPLE_TRIGGER}"]`);
			await assertEdgeLabels([
				[NODE, 'Record who joined', '1 item', 'items on Success'],
				[NODE, 'Invite sent?', '3 items', 'items on Failure'],
				['Invite sent?', 'Record the invite sent', '1 item', 'privacy_blocked → invite link sent by message'],
				['Invite sent?', 'Notify the team', '2 items', 'other errors → notify the team'],
			]);
			// A clean picture: no toast, no hover buttons.
			for (const close of await page.locator('.el-notification__closeBtn').all()) await close.click().catch(() => {});
			await page.mouse.move(5, 300);
			await page.screenshot({ path: join(env.artifacts, '4-after-run.png') });
			await page.setViewportSize({ width: 1200, height: 750 });
			await page.click('[data-test-id="zoom-to-fit"]');
			await page.mouse.move(5, 300);
			await page.waitForTimeout(800);
			const small = join(env.artifacts, 'screenshot-editor.png');
			await page.screenshot({ path: small });
			console.log(`[browser] small screenshot: ${small} (${Math.round(statSync(small).size / 1024)} KB)`);
			if (process.env.RYZE_UPDATE_DOCS_SCREENSHOT === '1') {
				mkdirSync(dirname(DOCS_SCREENSHOT), { recursive: true });
				copyFileSync(small, DOCS_SCREENSHOT);
			}
			await page.setViewportSize({ width: 1600, height: 1000 });

			await page.dblclick(canvasNode(NODE));
			await page.waitForSelector('[data-test-id="branches"]');
			assert.equal((await page.textContent('[data-test-id="branches"] [data-test-id="tab-0"]')).trim(), 'Success Branch (1 item)');
			assert.equal((await page.textContent('[data-test-id="branches"] [data-test-id="tab-1"]')).trim(), 'Failure Branch (3 items)');
			await page.screenshot({ path: join(env.artifacts, '5-node-output.png') });
			await page.click('[data-test-id="ndv-close-button"]');
			await page.waitForSelector('[data-test-id="ndv"]', { state: 'hidden' });
		});
	});

	test('the CRM webhook: a test POST adds the contact, on Success', async (t) => {
		if (!chromium.ok) return t.skip(chromium.why);
		await env.stages.run('browser: webhook run', async () => {
			await page.hover(canvasNode(WEBHOOK_TRIGGER));
			await page.click(`[data-test-id="execute-workflow-button-${WEBHOOK_TRIGGER}"]`);
			await page.getByText('Waiting for trigger event').first().waitFor();
			const contact = { name: 'Hugo Pires', phone: '+55 11 95555-0002' };
			const response = await fetch(`${n8n.url}/webhook-test/ryzeapi-crm-contact`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(contact),
			});
			assert.equal(response.status, 200, `POST /webhook-test/ryzeapi-crm-contact: ${await response.text()}`);
			await assertEdgeLabels([
				[WEBHOOK_TRIGGER, 'Contact', '1 item', 'the webhook gave one contact'],
				[NODE, 'Record who joined', '1 item', 'items on Success'],
				[NODE, 'Invite sent?', '', 'items on Failure'],
				[SAMPLE_TRIGGER, 'Sample CRM contacts', '', 'the sample trigger did not run'],
			]);
			await page.screenshot({ path: join(env.artifacts, '6-webhook-run.png') });
			const state = await env.sim.state();
			const customers = state.groups.find((group) => group.jid === '120363000000000001@g.us');
			assert.ok(
				customers.members.some((member) => member.jid === '5511955550002@s.whatsapp.net'),
				'the simulator has the contact in the Customers group',
			);
		});
	});
});

describe('real n8n in a real browser: node version 1.1 resource locators', () => {
	const SYNC_WORKFLOW_ID = 'ryzeExCrmSync001';
	const LIST_NODE = 'List group members';

	test("the CRM sync example: the Group field lists the instance's groups with member counts, filters, and picking one fills it", async (t) => {
		if (!chromium.ok) return t.skip(chromium.why);
		await env.stages.run('browser: pick a group from the list', async () => {
			page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
			const callsBefore = (await env.sim.calls()).calls.length;
			// Earlier steps added people to Customers: the labels follow the simulator's state.
			const state = await env.sim.state();
			const label = (group) => `${group.name} (${group.members.length} members)`;
			const sandboxGroups = state.groups.filter((group) => group.members.some((m) => m.jid === '5511900000001@s.whatsapp.net'));
			const customers = label(state.groups.find((group) => group.jid === '120363000000000001@g.us'));
			await page.goto(`${n8n.url}/workflow/${SYNC_WORKFLOW_ID}`);
			await page.waitForSelector(canvasNode(LIST_NODE));
			await page.dblclick(canvasNode(LIST_NODE));
			await page.waitForSelector('[data-test-id="ndv"]');
			const field = page.locator('[data-test-id="resource-locator-group"]');
			const input = field.locator('[data-test-id="rlc-input"]');
			assert.equal(await input.inputValue(), 'VIP Clients (7 members)', 'the picked group shows by name (cachedResultName)');
			await input.click();
			const items = page.locator('[data-test-id="rlc-item"]:visible');
			await items.first().waitFor();
			await page
				.waitForFunction((count) => document.querySelectorAll('[data-test-id="rlc-item"]').length >= count, 4, { timeout: 60000 })
				.catch(() => {});
			assert.equal(sandboxGroups.length, 4, 'the sandbox instance is in 4 groups');
			assert.deepEqual(
				(await items.allTextContents()).map((text) => text.trim()).sort(),
				sandboxGroups.map(label).sort(),
				'From List: every group of the instance, with its size',
			);
			await page.screenshot({ path: join(env.artifacts, '7-group-list.png') });
			const search = page.locator('[data-test-id="rlc-search"] input, input[data-test-id="rlc-search"]').first();
			await search.fill('cust');
			// The search goes to RyzeAPI (debounced): wait until the list shows its answer (after the current value).
			await page
				.waitForFunction(
					(text) => {
						const shown = [...document.querySelectorAll('[data-test-id="rlc-item"]')].filter((el) => el.offsetParent !== null);
						return JSON.stringify(shown.map((el) => el.textContent.trim())) === text;
					},
					JSON.stringify(['VIP Clients (7 members)', customers]),
					{ timeout: 60000 },
				)
				.catch(() => {});
			// n8n keeps the current value (its cachedResultName) at the top of the list, whatever the search.
			assert.deepEqual(
				(await items.allTextContents()).map((text) => text.trim()),
				['VIP Clients (7 members)', customers],
				'the search text filters the list',
			);
			await items.filter({ hasText: customers }).click();
			await page
				.waitForFunction(
					(text) => document.querySelector('[data-test-id="resource-locator-group"] [data-test-id="rlc-input"]')?.value === text,
					customers,
					{ timeout: 60000 },
				)
				.catch(() => {});
			assert.equal(await input.inputValue(), customers, 'the picked group fills the field');
			await page.screenshot({ path: join(env.artifacts, '8-group-picked.png') });
			const listCalls = (await env.sim.calls()).calls.slice(callsBefore).filter((call) => call.path === '/api/group/list/sandbox');
			assert.ok(
				listCalls.length >= 1 && listCalls.every((call) => call.status === 200),
				`GET /api/group/list/sandbox answered: ${JSON.stringify(listCalls.map((call) => call.status))}`,
			);
			await page.click('[data-test-id="ndv-close-button"]');
			await page.waitForSelector('[data-test-id="ndv"]', { state: 'hidden' });
		});
	});
});
