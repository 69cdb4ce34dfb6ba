/**
 * Two polls of one Join Request Trigger at once, over real sockets against the simulator. n8n 2.41.1's durable
 * scheduler builds each poll's workflow from the database, where the static data is what the last poll that
 * emitted saved; two polls of one trigger that overlap (the activation poll and a scheduled one, a task run again
 * after a restart) each start from that saved state. Each emits once what is new, never both.
 */
import type { IDataObject } from 'n8n-workflow';

import { RyzeApiJoinRequestTrigger } from '../../nodes/RyzeApi/RyzeApiJoinRequestTrigger.node';
import { SANDBOX, useSimulator } from '../support/simulatorHarness';
import { createPollContext } from '../support/triggerContext';

const { sim, credentials } = useSimulator();
const { groups } = SANDBOX;
const SEEDED = ['199789077627112@lid', '199789077627113@lid', '199789077627114@lid'];
const NEW = '199789077627188@lid';
const trigger = new RyzeApiJoinRequestTrigger();

async function poll(staticData: IDataObject, workflowId: string, nodeId = 'join-requests'): Promise<string[]> {
	const { ctx } = createPollContext({
		params: { instance: { __rl: true, mode: 'name', value: '' }, group: { __rl: true, mode: 'id', value: groups.waitlist.jid } },
		credentials: credentials(),
		staticData,
		workflowId,
		nodeId,
	});
	const out = await trigger.poll.call(ctx);
	return out === null ? [] : out[0].map((item) => String(item.json.jid));
}
const copy = (state: IDataObject) => JSON.parse(JSON.stringify(state)) as IDataObject;
const newRequest = async () =>
	await fetch(`${sim().url}/__sim/requests`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ group: groups.waitlist.jid, lid: NEW }),
	});

it('two overlapping polls of one trigger, each from the state saved before the other: a new request fires once', async () => {
	const saved: IDataObject = {};
	expect(await poll(saved, 'wf-overlap')).toEqual(SEEDED);
	expect((await newRequest()).status).toBe(200);
	const [first, second] = await Promise.all([poll(copy(saved), 'wf-overlap'), poll(copy(saved), 'wf-overlap')]);
	expect([...first, ...second]).toEqual([NEW]);
	// And the poll after them, from the same old saved state, knows it too.
	expect(await poll(copy(saved), 'wf-overlap')).toEqual([]);
});

it('another workflow, or another trigger node of the same workflow, keeps its own state', async () => {
	expect(await poll({}, 'wf-a')).toEqual(SEEDED);
	expect(await poll({}, 'wf-b')).toEqual(SEEDED);
	expect(await poll({}, 'wf-a', 'second-trigger')).toEqual(SEEDED);
	expect((await newRequest()).status).toBe(200);
	expect(await poll({}, 'wf-c')).toEqual([...SEEDED, NEW]);
});
