/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * Execution isolation (issue 15) over real sockets against the simulator: with
 * Combine Across Executions on, each execution gets what it would have got alone.
 * The test context binds each request to `this.getExecutionCancelSignal()` as
 * n8n-core's httpRequestWithAuthentication does.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { RyzeApi } from '../../../../../nodes/RyzeApi/RyzeApi.node';
import { createExecuteContext, type ContextOptions } from '../../../../support/executeContext';
import { allText, SANDBOX, useSimulator } from '../../../../support/simulatorHarness';

const { sim, credentials } = useSimulator({ rateLimit: { limit: 100, windowMs: 60_000 } });
const { customers } = SANDBOX.groups;
const node = new RyzeApi();

const phone = (i: number) => `55119${String(72_000_001 + i)}`;
const params = (participants: string, overrides: Record<string, unknown> = {}) => ({
	operation: 'manageParticipants',
	instance: 'sandbox',
	group: customers.jid,
	action: 'add',
	participants,
	options: {},
	...overrides,
});

type Execution = Partial<ContextOptions> & { params: Record<string, unknown> };

function start(execution: Execution): Promise<INodeExecutionData[][] | Error> {
	const { ctx } = createExecuteContext({ credentials: credentials(), ...execution });
	return node.execute.call(ctx).catch((error: Error) => error);
}

const outputs = (result: INodeExecutionData[][] | Error) => {
	if (result instanceof Error) throw result;
	return result;
};
const summary = (result: INodeExecutionData[][] | Error) =>
	outputs(result)
		.flat()
		.map((item) => [item.json.participant, item.json.success, item.json.errorCode, item.json.outcomeUnknown ?? null]);
const participantsCalls = () => sim().calls.filter((call) => call.path.startsWith('/api/group/participants'));
const sentIn = (call: { body: unknown }) => (call.body as { participants: string[] }).participants;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('issue 15: one execution never reaches another', () => {
	it('point 1: stopping one member of a merged call takes only it out; the call goes on for the other', async () => {
		sim().configure({ latencyMs: 400 });
		const stop = new AbortController();
		const a = start({ params: params(phone(1)), cancelSignal: stop.signal, continueOnFail: true });
		const b = start({ params: params(phone(2)), continueOnFail: true });
		await pause(150);
		expect(participantsCalls().map(sentIn)).toEqual([[phone(1), phone(2)].sort()].map((s) => expect.arrayContaining(s)));
		stop.abort();
		const [resultA, resultB] = await Promise.all([a, b]);
		expect(summary(resultB)).toEqual([[phone(2), true, null, false]]);
		expect(summary(resultA)).toEqual([[phone(1), false, 'network', true]]);
		expect(participantsCalls()).toHaveLength(1);
	});

	it('point 2: Remaining 0 with an unreadable Reset leaves every execution answered, and the token usable', async () => {
		sim().scriptFaults([
			{ kind: 'status', status: 200, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '99999999999999999' } },
		]);
		// Both are answered (the fault's body is no participants list: a Failure each), nothing hangs or throws.
		const first = await Promise.all([
			start({ params: params(phone(3)), continueOnFail: true }),
			start({ params: params(phone(4)), continueOnFail: true }),
		]);
		expect(first.flatMap((result) => summary(result).map(([participant]) => participant)).sort()).toEqual([phone(3), phone(4)]);
		const later = await Promise.all([start({ params: params(phone(5)) }), start({ params: params(phone(6)) })]);
		expect(later.map((result) => summary(result).map(([participant, success]) => [participant, success]))).toEqual([
			[[phone(5), true]],
			[[phone(6), true]],
		]);
	});

	it.each([
		['500', { kind: 'status', status: 500 }],
		['403', { kind: 'status', status: 403 }],
		['409', { kind: 'status', status: 409 }],
		['non-JSON 200', { kind: 'json', status: 200, body: 'internal error while adding PHONE' }],
	])('point 3: a whole-call failure (%s) of a merged call shows nothing of the other execution', async (_name, fault) => {
		const aPhone = phone(10);
		const message = `internal error while adding ${aPhone} (${aPhone}@s.whatsapp.net)`;
		const scripted = 'body' in fault ? { ...fault, body: message } : { ...fault, message };
		sim().scriptFaults([scripted as { kind: 'status'; status: number }]);
		const results = await Promise.all([
			start({ params: params(aPhone), continueOnFail: true }),
			start({ params: params(phone(11)), continueOnFail: true }),
			start({ params: params(phone(12)), toolMode: false, node: { type: 'n8n-nodes-ryzeapi.ryzeApiTool', rewireOutputLogTo: 'ai_tool' } }),
			start({ params: params(phone(13)) }),
		]);
		expect(sentIn(participantsCalls()[0])).toHaveLength(4);
		for (const result of results.slice(1)) {
			expect(allText(result)).not.toContain(aPhone);
			expect(allText(result)).not.toContain(Buffer.from(aPhone).toString('base64'));
		}
		// A's own failure still reads the server's words about its own number.
		if (!('body' in fault)) expect(allText(results[0])).toContain(aPhone);
	});

	it("point 8: a merged call refused with 422 (nothing processed) is split: one execution's input never fails another", async () => {
		sim().scriptFaults([{ kind: 'status', status: 422, message: 'Unprocessable participant' }]);
		const results = await Promise.all([
			start({ params: params(phone(20)), continueOnFail: true }),
			start({ params: params(phone(21)), continueOnFail: true }),
		]);
		expect(results.map((result) => summary(result).map(([participant, success]) => [participant, success]))).toEqual([
			[[phone(20), true]],
			[[phone(21), true]],
		]);
		expect(participantsCalls().map(sentIn).slice(1)).toEqual(expect.arrayContaining([[phone(20)], [phone(21)]]));
	});

	it('point 11: entries without identifiers are never paired by position in a call shared by several executions', async () => {
		// Two entries, no identifiers, in an order nobody can check.
		const body = { success: true, participants: [{ success: false, error: 'not on WhatsApp' }, { success: true }] };
		sim().scriptFaults([{ kind: 'json', status: 200, body }]);
		const results = await Promise.all([
			start({ params: params(phone(30)), continueOnFail: true }),
			start({ params: params(phone(31)), continueOnFail: true }),
		]);
		expect(results.map(summary)).toEqual([[[phone(30), false, 'missing_result', true]], [[phone(31), false, 'missing_result', true]]]);
	});

	it('point 11: alone, the same answer is still read by position (counts agree, one caller)', async () => {
		const body = { success: true, participants: [{ success: true }, { success: false, error: 'not on WhatsApp' }] };
		sim().scriptFaults([{ kind: 'json', status: 200, body }]);
		const result = await start({ params: params(`${phone(32)}, ${phone(33)}`), continueOnFail: true });
		expect(summary(result).map(([participant, success]) => [participant, success])).toEqual([
			[phone(32), true],
			[phone(33), false],
		]);
	});
});
