/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * What an instance's own changes deliver, over real sockets: `instance.state` through
 * `POST /__sim/instance-state` (and the polled instance list that follows it, with its
 * other spelling `loggedout`), and group.flow joined/left when the instance joins or
 * leaves a group through the API.
 */
import { INSTANCE_STATE_EVENTS } from '../../contract/ryzeapi';
import { startReceiver, type Receiver } from '../../support/receiver';
import { MESSAGES } from '..';
import { control, expectError, groups, instances, jid, lids, numbers, tokens, useSim, type Body } from './client';

const { sim, call, get } = useSim();
let receiver: Receiver;
beforeAll(async () => {
	receiver = await startReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
	receiver.received.length = 0;
});

const hook = (
	label: string,
	events: string[],
	extra: Record<string, unknown> = {},
	token: string = tokens.account,
	instance: string = instances.offline,
) => call('POST', `/api/events/webhook/${instance}`, { label, url: `${receiver.url}/${label}`, events, ...extra }, token);
const setState = (state: string, instance: string = instances.offline) => control(sim, 'instance-state', { instance, state });
const polled = async (instance: string = instances.offline) =>
	(await get(`/api/instance/list?instanceName=${instance}`, tokens.account)).data.instances[0].connection.state as string;
const received = async () => {
	await sim().deliveriesSettled();
	return receiver.received.map((r) => ({ path: r.path, body: r.body as Body }));
};

describe('instance.state (POST /__sim/instance-state)', () => {
	it('delivers the state to the instance’s own webhooks that take it, in the envelope, with its token', async () => {
		await hook('state', ['instance.state']);
		await hook('flow', ['group.flow']);
		await hook('by', ['instance.state'], { byEvents: true });
		await hook('other', ['instance.state'], {}, tokens.sandbox, instances.sandbox);
		const res = await setState('connected');
		expect(res.data).toMatchObject({ instance: instances.offline, state: 'connected', connectionState: 'connected' });
		const got = await received();
		expect(got.map((r) => r.path).sort()).toEqual(['/by/instance.state', '/state']);
		expect(got[0].body).toEqual({
			event: 'instance.state',
			data: { state: 'connected', timestamp: expect.any(String) },
			instanceData: { baseUrl: sim().url, instance: instances.offline, token: tokens.offline },
		});
		expect(INSTANCE_STATE_EVENTS.data.value.parse(got[0].body.data)).toBeTruthy();
		const log = (await control(sim, 'deliveries')).data.deliveries as Body[];
		expect(log.map((d) => [d.event, d.type])).toEqual([
			['instance.state', 'connected'],
			['instance.state', 'connected'],
		]);
		expect(JSON.stringify(log)).not.toContain(tokens.offline);
	});

	it.each(INSTANCE_STATE_EVENTS.states.value.map((state) => [state, INSTANCE_STATE_EVENTS.polledStateOf.value[state]]))(
		'%s: the instance list then says %s',
		async (state, spelled) => {
			await setState(state, instances.sandbox);
			expect(await polled(instances.sandbox)).toBe(spelled);
		},
	);

	it('group calls follow the state: a logged-out instance answers 503, a connected one works', async () => {
		expectError(await get('/api/group/list/offline', tokens.account), 503, MESSAGES.notConnected);
		await setState('connected');
		expect((await get('/api/group/list/offline', tokens.account)).status).toBe(200);
		await setState('logged_out');
		expect(await polled()).toBe('loggedout');
		expectError(await get('/api/group/list/offline', tokens.account), 503, MESSAGES.notConnected);
		sim().reset();
		expect(await polled()).toBe('disconnected');
	});

	it('refuses an unknown state or instance', async () => {
		expect((await setState('banned')).status).toBe(400);
		expect((await setState('connected', 'ghost')).status).toBe(404);
		expect(await received()).toEqual([]);
	});
});

describe('group.flow when the instance itself joins or leaves', () => {
	it('a join through the API is "joined" for the instances in the group; a leave is "left" for those still in it', async () => {
		await hook('sandbox', ['group.flow'], {}, tokens.sandbox, instances.sandbox);
		await hook('member', ['group.flow'], {}, tokens.memberOnly, instances.memberOnly);
		await call('POST', '/api/group/join/member-only', { identifier: groups.vip.inviteCode }, tokens.memberOnly);
		await call('DELETE', `/api/group/leave/member-only?identifier=${groups.vip.jid}`, undefined, tokens.memberOnly);
		const got = await received();
		const log = (await control(sim, 'deliveries')).data.deliveries as Body[];
		expect(log.map((d) => [d.label, d.type, d.participants])).toEqual([
			['sandbox', 'joined', [jid(numbers.memberOnly)]],
			['member', 'joined', [jid(numbers.memberOnly)]],
			['sandbox', 'left', [jid(numbers.memberOnly)]],
		]);
		const person = { jid: jid(numbers.memberOnly), lid: lids.memberOnly, phoneNumber: jid(numbers.memberOnly) };
		expect(got.map((r) => r.body.data.participants)).toEqual([[person], [person], [person]]);
	});
});
