/** The Join Request Trigger over real sockets against the simulator: de-duplication across polls, Fetch Test Event, 403/404. */
import type { IDataObject } from 'n8n-workflow';

import { RyzeApiJoinRequestTrigger } from '../../nodes/RyzeApi/RyzeApiJoinRequestTrigger.node';
import { SANDBOX, useSimulator } from '../support/simulatorHarness';
import { createPollContext } from '../support/triggerContext';

const { sim, credentials } = useSimulator();
const { groups, tokens } = SANDBOX;
const pollTrigger = new RyzeApiJoinRequestTrigger();

describe('RyzeAPI Join Request Trigger', () => {
	const params = { instance: { __rl: true, mode: 'name', value: '' }, group: { __rl: true, mode: 'list', value: groups.waitlist.jid } };
	const addRequest = (lid: string, phone?: string) =>
		fetch(`${sim().url}/__sim/requests`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ group: groups.waitlist.jid, lid, phone }),
		});
	const poll = async (staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') => {
		const { ctx } = createPollContext({ params, credentials: credentials(), staticData, mode });
		const out = await pollTrigger.poll.call(ctx);
		return out === null ? null : out[0].map((item) => item.json);
	};

	it('emits every pending request once across polls; a new one once; one that comes back is new', async () => {
		const state: IDataObject = {};
		const first = await poll(state);
		expect(first?.map((item) => item.jid)).toEqual(['199789077627112@lid', '199789077627113@lid', '199789077627114@lid']);
		expect(first?.[0]).toEqual({
			jid: '199789077627112@lid',
			lid: '199789077627112@lid',
			phoneNumber: '5511988887777',
			group: groups.waitlist.jid,
			instance: 'sandbox',
			requestedAt: expect.any(String),
		});
		expect(await poll(state)).toBeNull();
		await addRequest('199789077627199@lid', '5511911112222');
		expect((await poll(state))?.map((item) => item.jid)).toEqual(['199789077627199@lid']);
		expect(await poll(state)).toBeNull();
		// Rejected, then asks again: new.
		await fetch(`${sim().url}/api/group/participants/sandbox`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', token: tokens.sandbox },
			body: JSON.stringify({ action: 'reject', identifier: groups.waitlist.jid, participants: ['199789077627199@lid'] }),
		});
		expect(await poll(state)).toBeNull();
		await addRequest('199789077627199@lid');
		expect((await poll(state))?.map((item) => item.jid)).toEqual(['199789077627199@lid']);
		// The state holds the pending set only.
		expect((state.pendingJoinRequests as { pending: string[] }).pending).toHaveLength(4);
	});

	it('Fetch Test Event returns the current queue and leaves the state alone', async () => {
		const state: IDataObject = {};
		expect(await poll(state, 'manual')).toHaveLength(3);
		expect(await poll(state, 'manual')).toHaveLength(3);
		expect(state).toEqual({});
	});

	it.each([
		[
			'403, not an admin',
			{ ...params, instance: 'member-only' },
			tokens.account,
			/Could not read the join requests of group .* on instance member-only/,
		],
		[
			'404, unknown group',
			{ ...params, group: '120363999999999999@g.us' },
			tokens.sandbox,
			/group 120363999999999999@g.us on instance sandbox/,
		],
	])('%s: a clear error naming the group', async (_name, own, token, message) => {
		const { ctx } = createPollContext({ params: own, credentials: { ...credentials(), token }, staticData: {} });
		const error = (await pollTrigger.poll.call(ctx).catch((e: Error) => e)) as Error & { description?: string };
		expect(error).toBeInstanceOf(Error);
		expect(error.message).toMatch(message);
		expect(JSON.stringify({ message: error.message, description: error.description })).not.toContain(token);
	});
});
