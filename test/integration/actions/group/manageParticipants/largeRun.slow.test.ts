/**
 * Issue 9: 200,000 input items (one participant each) in one run, in process
 * (test/support/faultyTransport.ts, no sockets): no "Maximum call stack size
 * exceeded", and every participant comes out exactly once, paired with its item.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { RyzeApi } from '../../../../../nodes/RyzeApi/RyzeApi.node';
import { createFaultyContext } from '../../../../support/faultyContext';
import { FaultyRyzeApi, type ServerBehaviour } from '../../../../support/faultyTransport';

const ITEMS = 200_000;
const node = new RyzeApi();
const phone = (index: number) => `5511${String(index).padStart(9, '0')}`;
const success: ServerBehaviour = { kind: 'answer', outcome: 'success', ops: [], keyStyle: 'jid', envelope: 'top' };
const serverError: ServerBehaviour = { kind: 'status', status: 500, variant: 0, body: 'envelope' };

async function runLarge(behaviours: ServerBehaviour[], continueOnFail: boolean, combineItems: boolean) {
	const server = new FaultyRyzeApi(behaviours);
	const context = createFaultyContext(
		{
			credentials: { baseUrl: 'http://ryzeapi.test', token: 'large-run-SECRET-token', instance: 'sandbox' },
			continueOnFail,
			items: Array.from({ length: ITEMS }, () => ({ json: {} })),
			params: (index) => ({
				operation: 'manageParticipants',
				instance: '',
				group: '120363000000000001@g.us',
				action: 'add',
				participants: phone(index),
				options: { batching: { batch: { combineItems, batchSize: 1024 } } },
			}),
		},
		server,
	);
	const outputs = await node.execute.call(context.ctx);
	return { outputs, server };
}

/** Every participant exactly once, on either output, paired with its own item. */
function expectAccounted(outputs: INodeExecutionData[][]): void {
	const seen = new Uint8Array(ITEMS);
	for (const item of [...outputs[0], ...outputs[1]]) {
		const index = (item.pairedItem as { item: number }).item;
		expect(item.json.participant).toBe(phone(index));
		seen[index]++;
	}
	expect(seen.every((count) => count === 1)).toBe(true);
}

describe(`${ITEMS.toLocaleString('en')} items of one participant each, in one run`, () => {
	it('combined into calls of 1,024: all on Success, none lost, no stack overflow', async () => {
		const { outputs, server } = await runLarge([success], false, true);
		expect(outputs[0]).toHaveLength(ITEMS);
		expect(outputs[1]).toHaveLength(0);
		expectAccounted(outputs);
		expect(server.requests).toHaveLength(Math.ceil(ITEMS / 1024));
	}, 120_000);

	it('with Continue On Fail and every other call failing with a 500: all accounted for', async () => {
		const { outputs } = await runLarge([success, serverError], true, true);
		expect(outputs[0].length + outputs[1].length).toBe(ITEMS);
		expect(outputs[1].length).toBeGreaterThan(0);
		expect(outputs[1].every((item) => item.json.errorCode === 'server_error' && item.json.outcomeUnknown === true)).toBe(true);
		expectAccounted(outputs);
	}, 120_000);
});
