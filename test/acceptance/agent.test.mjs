// Acceptance in a real n8n: an AI Agent (v3.1) with an OpenAI Chat Model (v1.3)
// whose credential points at a scripted OpenAI-compatible server on 127.0.0.1
// (fakeOpenAi.mjs), and the RyzeAPI Tool against the simulator. Headless:
// Manual trigger → AI Agent, run with `n8n execute`.
//
// The model first calls the RyzeAPI tool with two phones chosen through $fromAI,
// one of which the simulator reports as not on WhatsApp (…000); then answers with
// text built from what the tool returned. Agent v3 runs the tool as an ordinary
// node execution (isToolExecution() false) and shows the model its output 0 only,
// so this proves that the failure reaches the model as well as the success.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { n8nDir } from '../../scripts/n8n/config.mjs';
import { executeWorkflow } from '../../scripts/n8n/runWorkflow.mjs';
import { importCredentials, importWorkflows, sandboxCredential } from '../../scripts/n8n/userFolder.mjs';
import { installTarball } from '../../scripts/lib/package.mjs';
import { findTool, startFakeOpenAi, toolMessages } from './fakeOpenAi.mjs';
import { GROUP_AGENT_CREDENTIAL, GROUP_AGENT_OPERATIONS, GROUP_AGENT_REPLIES, GROUP_AGENT_WORKFLOW } from './fixtures/agentGroups.mjs';
import { builtOperations, ITEM_KEYS, setUp } from './harness.mjs';
import { groupAgentChecks } from './agentGroupChecks.mjs';

const WORKFLOW = JSON.parse(readFileSync(new URL('./fixtures/agent-workflow.json', import.meta.url), 'utf8'));
const OPENAI_CREDENTIAL = { id: 'fakeOpenAiCred01', name: 'Fake OpenAI (acceptance)' };
const TOOL_NODE = 'RyzeAPI';
const AGENT_NODE = 'AI Agent';
const JOINS = '5511966660001';
const NOT_ON_WHATSAPP = '5511966660000';
const TOOL_CALL_ID = 'call_ryze_accept_1';

const LANGCHAIN_PACKAGE = join(n8nDir(), 'node_modules', '@n8n', 'n8n-nodes-langchain', 'package.json');
const hasAgent = existsSync(LANGCHAIN_PACKAGE);
const n8nVersion = () => JSON.parse(readFileSync(join(n8nDir(), 'node_modules', 'n8n', 'package.json'), 'utf8')).version;

/** The final answer, written from the tool message the model received: what it says depends on what the tool returned. */
function finalText(body) {
	const results = toolMessages(body).find((message) => message.toolCallId === TOOL_CALL_ID)?.parsed;
	if (!Array.isArray(results)) return { text: `No RyzeAPI results reached me (got ${JSON.stringify(toolMessages(body))}).` };
	const joined = results.filter((item) => item.success === true).map((item) => item.participant);
	const failed = results.filter((item) => item.success === false).map((item) => `${item.participant} (${item.errorCode})`);
	return { text: `Joined: ${joined.join(', ') || 'nobody'}. Not added: ${failed.join(', ') || 'nobody'}.` };
}

let env;
let fake;
let result;
/** The second scenario (List Groups, then Get Invite Link): its fake model, run and simulator calls. */
const groupAgent = { fake: null, result: null, calls: [] };
const groupAgentMissing = GROUP_AGENT_OPERATIONS.filter((operation) => !builtOperations().includes(operation));

/** The run, or a failure in n8n's own words. */
function agentRun() {
	const { run } = result;
	assert.ok(run, `n8n printed no run data (exit ${result.code}):\n${result.messages.slice(-30).join('\n')}`);
	assert.equal(run.data.resultData.error, undefined, `the workflow failed: ${JSON.stringify(run.data.resultData.error)}`);
	return run;
}

/** The tool's answer as the model received it, in the second chat completion. */
function toolAnswer() {
	const completions = fake.completions();
	assert.ok(
		completions.length >= 2,
		`the model was asked ${completions.length} time(s): ${JSON.stringify(completions, null, 1).slice(0, 3000)}`,
	);
	const messages = toolMessages(completions[1].body);
	const answer = messages.find((message) => message.toolCallId === TOOL_CALL_ID);
	assert.ok(answer, `no tool message for ${TOOL_CALL_ID} in the second request: ${JSON.stringify(completions[1].body.messages, null, 1)}`);
	assert.ok(Array.isArray(answer.parsed), `the tool message is not a JSON list: ${answer.content}`);
	return answer.parsed;
}

describe('real n8n: AI Agent with the RyzeAPI Tool', { skip: hasAgent ? false : `no @n8n/n8n-nodes-langchain in ${n8nDir()}` }, () => {
	before(async () => {
		env = await setUp('agent');
		const { stages, userFolder, tarball, sim, artifacts } = env;
		fake = await stages.run('start the fake OpenAI server', () =>
			startFakeOpenAi({
				replies: [
					(body) => {
						const tool = findTool(body, /ryze/i);
						if (!tool) throw new Error(`no RyzeAPI tool among ${JSON.stringify(body?.tools?.map((entry) => entry.function?.name))}`);
						return { toolCalls: [{ id: TOOL_CALL_ID, name: tool.name, arguments: { participants: `${JOINS}, ${NOT_ON_WHATSAPP}` } }] };
					},
					finalText,
				],
			}),
		);
		if (groupAgentMissing.length === 0) {
			groupAgent.fake = await stages.run('start the fake OpenAI server (groups)', () => startFakeOpenAi({ replies: GROUP_AGENT_REPLIES }));
		}
		const openAi = (credential, server) => ({
			...credential,
			type: 'openAiApi',
			data: { apiKey: 'sk-fake-acceptance', url: server.baseUrl },
		});
		await stages.run('install the tarball into the user folder', () => installTarball(tarball, userFolder));
		await stages.run('n8n import:credentials', () =>
			importCredentials(userFolder, [
				sandboxCredential(sim.url),
				openAi(OPENAI_CREDENTIAL, fake),
				...(groupAgent.fake ? [openAi(GROUP_AGENT_CREDENTIAL, groupAgent.fake)] : []),
			]),
		);
		await stages.run('n8n import:workflow', () =>
			importWorkflows(userFolder, [WORKFLOW, ...(groupAgent.fake ? [GROUP_AGENT_WORKFLOW] : [])]),
		);
		result = await stages.run('n8n execute (AI Agent → RyzeAPI Tool)', () =>
			executeWorkflow(userFolder, WORKFLOW.id, { logDir: artifacts }),
		);
		if (groupAgent.fake) {
			const before = (await sim.calls()).calls.length;
			groupAgent.result = await stages.run('n8n execute (AI Agent → List groups → Get invite link)', () =>
				executeWorkflow(userFolder, GROUP_AGENT_WORKFLOW.id, { logDir: artifacts }),
			);
			groupAgent.calls = (await sim.calls()).calls.slice(before);
			writeFileSync(join(artifacts, 'openai-requests-groups.json'), JSON.stringify(groupAgent.fake.requests, null, 2));
		}
		writeFileSync(join(artifacts, 'openai-requests.json'), JSON.stringify(fake.requests, null, 2));
		if (result.run) writeFileSync(join(artifacts, 'run.json'), JSON.stringify(result.run, null, 2));
		console.log(
			`[agent] n8n ${n8nVersion()}: exit ${result.code}, ${fake.completions().length} chat completion(s), streamed: ${fake.completions().map((entry) => entry.stream)}`,
		);
	});

	after(async () => {
		await fake?.stop();
		await groupAgent.fake?.stop();
		await env?.tearDown();
	});

	test('the workflow runs to the end', () => {
		agentRun();
		assert.equal(result.code, 0, result.messages.slice(-20).join('\n'));
	});

	test('the model is offered the RyzeAPI tool, with participants to fill', () => {
		const first = fake.completions()[0];
		assert.ok(first, 'the model was never asked');
		const tool = findTool(first.body, /ryze/i);
		assert.ok(tool, `tools offered: ${JSON.stringify(first.body.tools)}`);
		assert.ok(tool.parameters?.properties?.participants, `the tool's parameters: ${JSON.stringify(tool.parameters)}`);
	});

	test('the tool answer the model receives carries every participant: the success and the failure with its errorCode', () => {
		const items = toolAnswer();
		assert.deepEqual(
			items.map((item) => [item.participant, item.success, item.errorCode]),
			[
				[JOINS, true, null],
				[NOT_ON_WHATSAPP, false, 'not_on_whatsapp'],
			],
		);
		for (const item of items) {
			for (const key of ITEM_KEYS) assert.ok(key in item, `the model's item has no "${key}": ${JSON.stringify(item)}`);
			assert.equal(item.action, 'add');
			assert.equal(item.groupJid, '120363000000000001@g.us');
		}
		assert.equal(typeof items[1].error, 'string');
		assert.doesNotMatch(JSON.stringify(items), /sandbox-token/);
	});

	test('the RyzeAPI Tool node ran once, as the Tool variant, with everything on output 0 and one call to the API', async () => {
		const run = agentRun();
		const runs = run.data.resultData.runData[TOOL_NODE];
		assert.equal(runs?.length, 1, `runs of ${TOOL_NODE}: ${JSON.stringify(runs)}`);
		const outputs = runs[0].data?.ai_tool;
		assert.ok(outputs, `the tool's outputs are not rewired to ai_tool: ${JSON.stringify(runs[0].data)}`);
		assert.deepEqual(
			outputs[0].map((item) => [item.json.participant, item.json.success]),
			[
				[JOINS, true],
				[NOT_ON_WHATSAPP, false],
			],
		);
		assert.deepEqual(outputs[1] ?? [], []);
		const calls = (await env.sim.calls()).calls.filter((call) => call.path.startsWith('/api/group/participants/'));
		assert.deepEqual(
			calls.map((call) => call.body),
			[{ action: 'add', identifier: '120363000000000001@g.us', participants: [JOINS, NOT_ON_WHATSAPP] }],
		);
	});

	test('the agent finishes with the final text, written from both results', () => {
		const run = agentRun();
		const output = run.data.resultData.runData[AGENT_NODE]?.at(-1)?.data?.main?.[0]?.[0]?.json?.output;
		assert.equal(output, `Joined: ${JOINS}. Not added: ${NOT_ON_WHATSAPP} (not_on_whatsapp).`);
		assert.equal(fake.completions().length, 2);
	});

	describe(
		'the agent lists groups to find one by name, then acts on its JID (List Groups, Get Invite Link)',
		{ skip: groupAgentMissing.length > 0 ? `not built yet: ${groupAgentMissing.join(', ')}` : false },
		() => {
			for (const [title, check] of Object.entries(groupAgentChecks(groupAgent))) {
				if (typeof check === 'function') test(title, check);
				else test(title, { todo: check.todo }, check.check);
			}
		},
	);
});

describe(
	"the fake OpenAI server, read by the runtime's own @langchain/openai",
	{ skip: hasAgent ? false : 'no langchain in this n8n' },
	() => {
		test('streamed (SSE) and plain JSON answers give the same tool call and the same text', async () => {
			const require = createRequire(LANGCHAIN_PACKAGE);
			const { ChatOpenAI } = require('@langchain/openai');
			const server = await startFakeOpenAi({
				replies: [
					{ toolCalls: [{ id: 'call_a', name: 'RyzeAPI', arguments: { participants: `${JOINS}, ${NOT_ON_WHATSAPP}` } }] },
					{ text: 'Joined: 5511966660001.' },
					{ toolCalls: [{ id: 'call_a', name: 'RyzeAPI', arguments: { participants: `${JOINS}, ${NOT_ON_WHATSAPP}` } }] },
					{ text: 'Joined: 5511966660001.' },
				],
			});
			try {
				const tool = {
					type: 'function',
					function: {
						name: 'RyzeAPI',
						description: 'Manage group participants',
						parameters: { type: 'object', properties: { participants: { type: 'string' } } },
					},
				};
				// `stream()` for the SSE side: `invoke()` with streaming on would count tokens with
				// tiktoken, which downloads its encoding from the internet.
				const model = new ChatOpenAI({
					apiKey: 'sk-fake',
					model: 'gpt-4o-mini',
					maxRetries: 0,
					configuration: { baseURL: server.baseUrl },
				});
				const collect = async (stream) => {
					let full;
					for await (const chunk of await stream) full = full ? full.concat(chunk) : chunk;
					return full;
				};
				const picked = (call, text) => ({
					toolCalls: call.tool_calls.map(({ id, name, args }) => ({ id, name, args })),
					text: text.content,
				});
				const seen = [
					picked(await model.bindTools([tool]).invoke('add them'), await model.invoke('and now?')),
					picked(await collect(model.bindTools([tool]).stream('add them')), await collect(model.stream('and now?'))),
				];
				assert.deepEqual(
					server.completions().map((entry) => entry.stream === true),
					[false, false, true, true],
				);
				assert.deepEqual(seen[0], {
					toolCalls: [{ id: 'call_a', name: 'RyzeAPI', args: { participants: `${JOINS}, ${NOT_ON_WHATSAPP}` } }],
					text: 'Joined: 5511966660001.',
				});
				assert.deepEqual(seen[1], seen[0]);
			} finally {
				await server.stop();
			}
		});
	},
);
