/**
 * Batching, pacing, 429 recovery and the no-double-send rule, over real sockets
 * against the simulator with a small rate-limit window (5 calls per second).
 */
import { NodeApiError, NodeOperationError, type INodeExecutionData } from 'n8n-workflow';

import { runNode } from '../../../../support/executeContext';
import { SANDBOX, useSimulator } from '../../../../support/simulatorHarness';

const { sim, credentials } = useSimulator({ rateLimit: { limit: 5, windowMs: 1000 } });
const { customers, waitlist } = SANDBOX.groups;

const phone = (i: number) => `55119${String(70_000_001 + i)}`;
const items = (count: number) => Array.from({ length: count }, (_, i) => ({ json: { phone: phone(i) } }));
const params = (i: number, overrides: Record<string, unknown> = {}) => ({
	operation: 'manageParticipants',
	group: customers.jid,
	action: 'add',
	participants: phone(i),
	options: {},
	...overrides,
});
const pairs = (list: INodeExecutionData[]) => list.map((item) => [item.json.participant, (item.pairedItem as { item: number }).item]);

describe('batching', () => {
	it('combines a burst of single-person items into calls of Batch Size, keeping order and pairedItem', async () => {
		const [success, failure] = await runNode({
			credentials: credentials(),
			items: items(25),
			params: (i) => params(i, { options: { batching: { batch: { batchSize: 10 } } } }),
		});
		expect(failure).toEqual([]);
		expect(pairs(success)).toEqual(Array.from({ length: 25 }, (_, i) => [phone(i), i]));
		expect(sim().calls.map((call) => (call.body as { participants: string[] }).participants.length)).toEqual([10, 10, 5]);
	});

	it('combines only items that agree on instance, group and action', async () => {
		const rows = [
			{ group: customers.jid, action: 'add', participants: phone(1) },
			{ group: waitlist.jid, action: 'approve', participants: '199789077627112@lid' },
			{ group: customers.jid, action: 'add', participants: phone(2) },
			{ group: customers.jid, action: 'remove', participants: '5511911110003' },
			{ group: waitlist.jid, action: 'approve', participants: '199789077627113@lid' },
		];
		const [success, failure] = await runNode({
			credentials: credentials(),
			items: rows.map((json) => ({ json })),
			params: (i) => params(i, rows[i]),
		});
		expect(failure).toEqual([]);
		expect(pairs(success)).toEqual([
			[phone(1), 0],
			['199789077627112@lid', 1],
			[phone(2), 2],
			['5511911110003', 3],
			['199789077627113@lid', 4],
		]);
		expect(
			sim().calls.map((call) => [(call.body as { action: string }).action, (call.body as { participants: string[] }).participants]),
		).toEqual([
			['add', [phone(1), phone(2)]],
			['approve', ['199789077627112@lid', '199789077627113@lid']],
			['remove', ['5511911110003']],
		]);
	});

	it('sends a person asked for by two items once, and answers both items', async () => {
		const [success] = await runNode({
			credentials: credentials(),
			items: items(2),
			params: (i) => params(i, { participants: i === 0 ? phone(7) : `${phone(7)}@s.whatsapp.net` }),
		});
		// `participant` is what was sent (item 0's form); `input` is what each item wrote.
		expect(pairs(success)).toEqual([
			[phone(7), 0],
			[phone(7), 1],
		]);
		expect(success.map((item) => item.json.input)).toEqual([phone(7), `${phone(7)}@s.whatsapp.net`]);
		expect(sim().calls).toHaveLength(1);
	});

	it('turns combining off: one call per item', async () => {
		await runNode({
			credentials: credentials(),
			items: items(3),
			params: (i) => params(i, { options: { batching: { batch: { combineItems: false } } } }),
		});
		expect(sim().calls).toHaveLength(3);
	});

	it('refuses a bad Batch Size before sending, naming the field', async () => {
		await expect(
			runNode({
				credentials: credentials(),
				items: items(2),
				params: (i) => params(i, { options: { batching: { batch: { batchSize: 0 } } } }),
			}),
		).rejects.toThrow(new NodeOperationError({} as never, 'Batch Size: Batch Size 0 is outside 1–1024 [item 0]'));
		expect(sim().calls).toHaveLength(0);
	});
});

describe('pacing under the rate limit', () => {
	// How long it waits (until Reset, plus a margin) is proved on a fake clock in test/unit/transport/rateLimit/pacer.test.ts (Pacer).
	it('waits for the next window instead of tripping the limit: 7 calls, limit 5/s, no 429', async () => {
		const [success, failure] = await runNode({
			credentials: credentials(),
			items: items(7),
			params: (i) => params(i, { options: { batching: { batch: { combineItems: false } } } }),
		});
		expect([success.length, failure.length]).toEqual([7, 0]);
		expect(sim().state.stats.rateLimited).toBe(0);
		expect(sim().calls.map((call) => call.status)).toEqual(Array(7).fill(200));
		// 7 calls at 5 per window: the simulator saw them in at least 2 of its windows (its own clock, not a duration).
		expect(new Set(sim().calls.map((call) => Math.floor(Date.parse(call.at) / 1000))).size).toBeGreaterThanOrEqual(2);
	});

	it('keeps the reserve unused in each window', async () => {
		await runNode({
			credentials: credentials(),
			items: items(4),
			params: (i) => params(i, { options: { reserveRequests: 3, batching: { batch: { combineItems: false } } } }),
		});
		const byWindow = new Map<number, number>();
		for (const call of sim().calls) {
			const window = Math.floor(Date.parse(call.at) / 1000);
			byWindow.set(window, (byWindow.get(window) ?? 0) + 1);
		}
		expect(Math.max(...byWindow.values())).toBeLessThanOrEqual(2);
		expect(sim().state.stats.rateLimited).toBe(0);
	});
});

describe('429', () => {
	it('waits until Reset and resends: the participants still succeed', async () => {
		sim().scriptFaults([{ kind: 'status', status: 429 }]);
		const [success, failure] = await runNode({ credentials: credentials(), params: params(1) });
		expect([success.length, failure.length]).toEqual([1, 0]);
		expect(sim().calls.map((call) => call.status)).toEqual([429, 200]);
	});

	it('handles a 429 from WhatsApp throttling the same way', async () => {
		sim().scriptFaults([{ kind: 'whatsapp429' }]);
		const [success] = await runNode({ credentials: credentials(), params: params(1) });
		expect(success).toHaveLength(1);
		expect(sim().calls.map((call) => call.status)).toEqual([429, 200]);
	});

	it('past the maximum wait: rate_limited Failure items under continueOnFail', async () => {
		sim().scriptFaults([{ kind: 'status', status: 429 }]);
		const [success, failure] = await runNode({
			credentials: credentials(),
			continueOnFail: true,
			items: items(2),
			params: (i) => params(i, { options: { rateLimitMaxWait: 0 } }),
		});
		expect(success).toEqual([]);
		expect(failure.map((item) => [item.json.participant, item.json.errorCode, item.json.statusCode, item.json.outcomeUnknown])).toEqual([
			[phone(0), 'rate_limited', 429, false],
			[phone(1), 'rate_limited', 429, false],
		]);
		expect(sim().calls).toHaveLength(1);
	});

	it('past the maximum wait: a NodeApiError without continueOnFail', async () => {
		sim().scriptFaults([{ kind: 'status', status: 429 }]);
		const run = runNode({ credentials: credentials(), params: params(1, { options: { rateLimitMaxWait: 0 } }) });
		await expect(run).rejects.toThrow('Rate limit exceeded. Try again later.');
		await expect(run).rejects.toBeInstanceOf(NodeApiError);
		// The next execution on the token knows the window is spent (the shared lane): it sends nothing.
		const alone = { rateLimitMaxWait: 0, batching: { batch: { combineAcrossExecutions: false } } };
		await expect(runNode({ credentials: credentials(), params: params(1, { options: alone }) })).rejects.toThrow(
			/rate limit of this token is used up, so nothing was sent: the limit resets at \d\d:\d\d:\d\d UTC/,
		);
		expect(sim().calls).toHaveLength(1);
	});
});

describe('never double-send', () => {
	it.each([
		['a 500', { kind: 'status', status: 500, processed: true }, 'server_error'],
		['a 503', { kind: 'status', status: 503 }, 'server_error'],
		['a dropped connection', { kind: 'drop', processed: true }, 'network'],
	])('does not resend after %s by default: Failure with outcomeUnknown', async (_name, fault, code) => {
		sim().scriptFaults([fault as never]);
		const [success, failure] = await runNode({ credentials: credentials(), continueOnFail: true, params: params(1) });
		expect(success).toEqual([]);
		expect(failure.map((item) => [item.json.errorCode, item.json.outcomeUnknown])).toEqual([[code, true]]);
		expect(sim().calls).toHaveLength(1);
	});

	it('does not resend after a timeout by default', async () => {
		sim().scriptFaults([{ kind: 'delay', ms: 1300 }]);
		const [, failure] = await runNode({
			credentials: credentials(),
			continueOnFail: true,
			params: params(1, { options: { timeout: 1000 } }),
		});
		expect(failure.map((item) => [item.json.errorCode, item.json.outcomeUnknown])).toEqual([['timeout', true]]);
		expect(sim().calls).toHaveLength(1);
	});

	it('resends after a 5xx when "Retry on Server Errors" is on', async () => {
		sim().scriptFaults([{ kind: 'status', status: 502 }]);
		const [success, failure] = await runNode({ credentials: credentials(), params: params(1, { options: { retryOnServerErrors: true } }) });
		expect([success.length, failure.length]).toEqual([1, 0]);
		expect(sim().calls.map((call) => call.status)).toEqual([502, 200]);
	});

	// With the option on, it gives up after two resends (1 s + 2 s of back-off): on a virtual
	// clock in test/unit/actions/group/manageParticipants/combine/batcher.test.ts, "Retry on Server Errors".
});
