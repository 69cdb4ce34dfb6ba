/**
 * Tool mode over real sockets against the simulator, as n8n 2.8.4's Agent v3 runs a
 * tool: an ordinary ExecuteContext whose isToolExecution() is false, the node being
 * the Tool variant with its output rewired to ai_tool, and the input item carrying
 * the model's arguments plus toolCallId. The agent reads output 0 only.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { runNode } from '../../support/executeContext';
import { SANDBOX, useSimulator } from '../../support/simulatorHarness';

const { sim, credentials } = useSimulator();
const { customers, waitlist } = SANDBOX.groups;

const TOOL_TYPE = 'n8n-nodes-ryzeapi.ryzeApiTool';
const agentInput = { participants: '5511966660001, 5511966660000', toolCallId: 'call_ryze_1' };

const manage = {
	operation: 'manageParticipants',
	instance: '',
	group: customers.jid,
	action: 'add',
	participants: agentInput.participants,
	options: {},
};

const pick = (items: INodeExecutionData[]) =>
	items.map((item) => ({
		participant: item.json.participant,
		success: item.json.success,
		errorCode: item.json.errorCode,
		pairedItem: item.pairedItem,
	}));

const bothOnOutput0 = [
	{ participant: '5511966660001', success: true, errorCode: null, pairedItem: { item: 0 } },
	{ participant: '5511966660000', success: false, errorCode: 'not_on_whatsapp', pairedItem: { item: 0 } },
];

describe('tool mode without isToolExecution (Agent v3 engine requests)', () => {
	it('the Tool variant, output rewired to ai_tool, isToolExecution() false: success and failure both on output 0', async () => {
		const outputs = await runNode({
			credentials: credentials(),
			toolMode: false,
			node: { type: TOOL_TYPE, rewireOutputLogTo: 'ai_tool' },
			items: [{ json: agentInput }],
			params: manage,
		});
		expect(pick(outputs[0])).toEqual(bothOnOutput0);
		expect(outputs[1]).toEqual([]);
		expect(sim().calls).toHaveLength(1);
	});

	it('the Tool variant alone (an n8n without isToolExecution): both on output 0', async () => {
		const [first, second] = await runNode({ credentials: credentials(), node: { type: TOOL_TYPE }, params: manage });
		expect(pick(first)).toEqual(bothOnOutput0);
		expect(second).toEqual([]);
	});

	it('the plain node rewired to ai_tool: both on output 0', async () => {
		const [first, second] = await runNode({
			credentials: credentials(),
			toolMode: false,
			node: { rewireOutputLogTo: 'ai_tool' },
			params: manage,
		});
		expect(pick(first)).toEqual(bothOnOutput0);
		expect(second).toEqual([]);
	});

	it('a plain node whose input item happens to carry toolCallId keeps Success and Failure apart', async () => {
		const [success, failure] = await runNode({
			credentials: credentials(),
			toolMode: false,
			items: [{ json: agentInput }],
			params: manage,
		});
		expect(pick(success)).toEqual([bothOnOutput0[0]]);
		expect(pick(failure)).toEqual([bothOnOutput0[1]]);
	});

	it('List Join Requests as the Tool variant: the requests and a failing group both on output 0', async () => {
		const list = (group: string) => ({ operation: 'listJoinRequests', instance: '', group, options: {} });
		const [first, second] = await runNode({
			credentials: credentials(),
			toolMode: false,
			continueOnFail: true,
			node: { type: TOOL_TYPE, rewireOutputLogTo: 'ai_tool' },
			items: [{ json: { toolCallId: 'call_1' } }, { json: { toolCallId: 'call_1' } }],
			params: (itemIndex) => list(itemIndex === 0 ? waitlist.jid : '120363999999999999@g.us'),
		});
		expect(first.filter((item) => item.json.success === true).length).toBeGreaterThan(0);
		expect(first.filter((item) => item.json.success === false).map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(second).toEqual([]);
	});
});

/** Issue 15, point 13: a model could add 3,000 people in one tool call (30 calls in 186 ms). */
describe('Max Participants per Tool Call', () => {
	const numbers = (count: number) => Array.from({ length: count }, (_, i) => `55119${String(70000000 + i)}`).join(', ');
	const asTool = { type: TOOL_TYPE, rewireOutputLogTo: 'ai_tool' as const };

	it('3,000 participants in one tool call: the model gets a clear error and nothing is sent', async () => {
		const run = runNode({
			credentials: credentials(),
			toolMode: false,
			node: asTool,
			items: [{ json: { toolCallId: 'call_big' } }],
			params: { ...manage, participants: numbers(3000) },
		});
		await expect(run).rejects.toThrow(
			'Too many participants for one tool call: 3000, the most is 100 (Max Participants per Tool Call). Nothing was sent [item 0]',
		);
		expect(sim().calls).toHaveLength(0);
	});

	it('the cap counts across the items of one tool call, and the option sets it', async () => {
		const run = runNode({
			credentials: credentials(),
			toolMode: true,
			node: asTool,
			items: [{ json: {} }, { json: {} }],
			params: { ...manage, participants: numbers(3), options: { maxToolParticipants: 5 } },
		});
		await expect(run).rejects.toThrow('Too many participants for one tool call: 6, the most is 5');
		expect(sim().calls).toHaveLength(0);
	});

	it('at the cap, the call goes out', async () => {
		const [first] = await runNode({
			credentials: credentials(),
			toolMode: true,
			node: asTool,
			params: { ...manage, participants: numbers(5), options: { maxToolParticipants: 5 } },
		});
		expect(first).toHaveLength(5);
		expect(sim().calls).toHaveLength(1);
	});

	it('under Continue On Fail: every participant comes back to the model as a Failure item, nothing sent', async () => {
		const [first, second] = await runNode({
			credentials: credentials(),
			toolMode: true,
			continueOnFail: true,
			node: asTool,
			params: { ...manage, participants: numbers(4), options: { maxToolParticipants: 3 } },
		});
		expect(first).toHaveLength(4);
		expect(first.every((item) => item.json.success === false && item.json.errorCode === 'invalid_parameter')).toBe(true);
		expect(String(first[0].json.error)).toContain('Too many participants for one tool call: 4, the most is 3');
		expect(second).toEqual([]);
		expect(sim().calls).toHaveLength(0);
	});

	it('a cap that is not a whole number from 1 is refused, naming the option', async () => {
		const run = runNode({
			credentials: credentials(),
			toolMode: true,
			node: asTool,
			params: { ...manage, options: { maxToolParticipants: 0 } },
		});
		await expect(run).rejects.toThrow('Max Participants per Tool Call: "0" is not a whole number from 1 [item 0]');
		expect(sim().calls).toHaveLength(0);
	});

	it('outside tool mode the option has no effect', async () => {
		const [success, failure] = await runNode({
			credentials: credentials(),
			toolMode: false,
			params: { ...manage, participants: numbers(4), options: { maxToolParticipants: 2 } },
		});
		expect(success.length + failure.length).toBe(4);
		expect(sim().calls).toHaveLength(1);
	});
});
