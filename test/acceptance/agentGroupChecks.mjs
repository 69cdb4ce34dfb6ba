// What agent.test.mjs checks of the AI Agent that finds a group by name with List Groups,
// then reads its invite link by JID (fixtures/agentGroups.mjs): what the model was
// offered, what it received from each tool, which calls reached the simulator, and the
// final answer. One function per test, titled; `state` is filled by the test's before().
import assert from 'node:assert/strict';

import { findTool } from './fakeOpenAi.mjs';
import { LINK_CALL_ID, LINK_TOOL, LIST_CALL_ID, LIST_TOOL, WANTED, toolAnswerIn } from './fixtures/agentGroups.mjs';
import { builtAction, builtSimplifiedKeys } from './harness.mjs';
import { GROUPS } from './scenarios.mjs';

const WAITLIST_LINK = 'https://chat.whatsapp.com/WAITLIST0002';

/** The tests, by title: a check, or { todo, check }. `state` is { fake, result, calls } (agent.test.mjs). */
export function groupAgentChecks(state) {
	const completions = () => state.fake.completions();
	const run = () => {
		const { run: ran, code, messages } = state.result;
		assert.ok(ran, `n8n printed no run data (exit ${code}):\n${messages.slice(-30).join('\n')}`);
		assert.equal(ran.data.resultData.error, undefined, `the workflow failed: ${JSON.stringify(ran.data.resultData.error)}`);
		return ran;
	};
	/** The answer of one tool call as the model received it, in the request after the call. */
	const received = (position, callId) => {
		const request = completions()[position];
		assert.ok(request, `the model was asked ${completions().length} time(s): ${JSON.stringify(completions().map((entry) => entry.reply))}`);
		const answer = toolAnswerIn(request.body, callId);
		assert.ok(Array.isArray(answer), `no JSON list answered ${callId}: ${JSON.stringify(request.body.messages, null, 1)}`);
		assert.doesNotMatch(JSON.stringify(answer), /sandbox-token/);
		return answer;
	};
	return {
		'the workflow runs to the end, asking the model three times': () => {
			run();
			assert.equal(state.result.code, 0, state.result.messages.slice(-20).join('\n'));
			assert.equal(completions().length, 3, JSON.stringify(completions().map((entry) => entry.reply)));
		},
		'the model is offered both tools, with the text to search and the JID to fill': () => {
			const [first] = completions();
			const list = findTool(first.body, LIST_TOOL);
			const link = findTool(first.body, LINK_TOOL);
			assert.ok(list && link, `tools offered: ${JSON.stringify(first.body.tools)}`);
			assert.ok(list.parameters?.properties?.nameContains, `List groups' parameters: ${JSON.stringify(list.parameters)}`);
			assert.ok(link.parameters?.properties?.groupJid, `Get invite link's parameters: ${JSON.stringify(link.parameters)}`);
		},
		// n8n (2.8.4 and 2.41.1, NodeHelpers.makeDescription) describes a tool by its operation's action
		// only when the Operation parameter is shown for a Resource: the node's Resource parameter (Group).
		'with the tool description set automatically, each tool tells the model what its operation does (its action text)': () => {
			const [first] = completions();
			for (const [pattern, operation] of [
				[LIST_TOOL, 'listGroups'],
				[LINK_TOOL, 'getInviteLink'],
			]) {
				const { name, description } = findTool(first.body, pattern);
				assert.ok(description.includes(builtAction(operation)), `${name} is described as ${JSON.stringify(description)}`);
			}
		},
		'List groups (a version 1.2 tool, Simplify on by default): the model receives the groups whose name contains its text, simplified, each with its JID':
			() => {
				const groups = received(1, LIST_CALL_ID);
				assert.deepEqual(
					groups.map((group) => [group.success, group.jid, group.name, group.participantCount]),
					[[true, GROUPS.waitlist, WANTED.name, 4]],
				);
				assert.deepEqual(Object.keys(groups[0]), builtSimplifiedKeys('listGroups').keys);
			},
		'Get invite link: called with the JID the model found there; the model receives the link': () => {
			const [item] = received(2, LINK_CALL_ID);
			assert.deepEqual(
				[item.success, item.groupJid, item.inviteLink, item.inviteCode],
				[true, GROUPS.waitlist, WAITLIST_LINK, 'WAITLIST0002'],
			);
			assert.deepEqual(
				state.calls.map((call) => [call.method, call.path, call.query, call.status]),
				[
					['GET', '/api/group/list/sandbox', {}, 200],
					['GET', '/api/group/info/sandbox', { identifier: GROUPS.waitlist, participants: 'false' }, 200],
				],
				'one List Groups call, one /info call by the JID, never /resetLink',
			);
		},
		'each tool ran once as a tool, and the agent answers with the link': () => {
			const { runData } = run().data.resultData;
			for (const node of ['List groups', 'Get invite link']) {
				assert.equal(runData[node]?.length, 1, `runs of ${node}: ${JSON.stringify(runData[node])}`);
				assert.ok(runData[node][0].data?.ai_tool, `${node}'s output is not rewired to ai_tool`);
			}
			const output = runData['AI Agent']?.at(-1)?.data?.main?.[0]?.[0]?.json?.output;
			assert.equal(output, `The invite link of ${WANTED.name} (${GROUPS.waitlist}) is ${WAITLIST_LINK}.`);
		},
	};
}
