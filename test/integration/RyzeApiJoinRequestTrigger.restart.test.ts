/**
 * The Join Request Trigger across an n8n restart, over real sockets against the simulator. n8n 2.8.4 saves a
 * poller's static data only when the poll emits something (ActiveWorkflowManager's __emit); an empty poll's
 * changes live in memory only, and a restart loads what was saved last. This host does the same.
 */
import type { IDataObject } from 'n8n-workflow';

import { RyzeApiJoinRequestTrigger } from '../../nodes/RyzeApi/RyzeApiJoinRequestTrigger.node';
import { SANDBOX, useSimulator } from '../support/simulatorHarness';
import { createPollContext } from '../support/triggerContext';

const { sim, credentials } = useSimulator();
const { groups, tokens } = SANDBOX;
const A = '199789077627112@lid';

/** n8n 2.8.4's poller: static data in memory, saved only after a poll that emitted; a restart reloads the saved copy. */
function n8n284() {
	let saved: IDataObject = {};
	let memory: IDataObject = {};
	const trigger = new RyzeApiJoinRequestTrigger();
	return {
		async poll(): Promise<string[]> {
			const { ctx } = createPollContext({
				params: { instance: { __rl: true, mode: 'name', value: '' }, group: { __rl: true, mode: 'id', value: groups.waitlist.jid } },
				credentials: credentials(),
				staticData: memory,
			});
			const out = await trigger.poll.call(ctx);
			if (out === null) return [];
			saved = JSON.parse(JSON.stringify(memory)) as IDataObject;
			return out[0].map((item) => String(item.json.jid));
		},
		restart() {
			memory = JSON.parse(JSON.stringify(saved)) as IDataObject;
		},
	};
}

const api = (path: string, body: object, headers: Record<string, string> = {}) =>
	fetch(`${sim().url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

it('a request that left (an empty poll, never saved) and asks again after a restart fires once', async () => {
	const host = n8n284();
	expect(await host.poll()).toEqual([A, '199789077627113@lid', '199789077627114@lid']);
	// A leaves the queue (rejected): the next poll emits nothing, so n8n saves nothing.
	const rejected = await api(
		'/api/group/participants/sandbox',
		{ action: 'reject', identifier: groups.waitlist.jid, participants: [A] },
		{ token: tokens.sandbox },
	);
	expect(rejected.status).toBe(200);
	expect(await host.poll()).toEqual([]);
	host.restart();
	expect((await api('/__sim/requests', { group: groups.waitlist.jid, lid: A, phone: '5511988887777' })).status).toBe(200);
	expect(await host.poll()).toEqual([A]);
	expect(await host.poll()).toEqual([]);
	// And once more across another restart: the poll that fired for A was saved.
	host.restart();
	expect(await host.poll()).toEqual([]);
});
