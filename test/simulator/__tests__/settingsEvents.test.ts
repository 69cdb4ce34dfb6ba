/**
 * Settings-change deliveries (group.flow: name, topic, announce, locked, link) from Update
 * Group, Reset Invite Link and the control route, in the three data forms; the webhook's
 * Authorization header on every delivery; re-sending a past delivery (replay). Over real
 * sockets: a webhook receiver on loopback.
 */
import { DELIVERY_CONTRACT, SETTINGS_EVENTS, SettingsFlowData } from '../../contract/ryzeapi';
import { startReceiver, type Receiver } from '../../support/receiver';
import { control, groups, instances, jid, numbers, tokens, useSim, type Body } from './client';

const { sim, call } = useSim();
let receiver: Receiver;
beforeAll(async () => {
	receiver = await startReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
	receiver.received.length = 0;
	receiver.status = 200;
});

const C = groups.customers;
const hook = (label: string, extra: Record<string, unknown> = {}, token: string = tokens.sandbox, instance: string = instances.sandbox) =>
	call('POST', `/api/events/webhook/${instance}`, { label, url: `${receiver.url}/${label}`, events: ['group.flow'], ...extra }, token);
const update = (body: Record<string, unknown>) => call('PUT', '/api/group/update/sandbox', { identifier: C.jid, ...body });
const settled = async (): Promise<Array<{ path: string; data: Body; authorization: unknown }>> => {
	await sim().deliveriesSettled();
	return receiver.received.map((r) => ({ path: r.path, data: (r.body as Body).data, authorization: r.headers.authorization }));
};
const deliveries = async () => (await control(sim, 'deliveries')).data.deliveries as Body[];

describe('settings changes through Update Group', () => {
	it('one delivery per changed field, to every instance in the group, with who changed it', async () => {
		await hook('mine');
		await hook('theirs', {}, tokens.memberOnly, instances.memberOnly);
		await update({ name: 'Dev Team', description: 'New', groupSettings: { membersCanSendMessages: false, membersCanEditInfo: true } });
		const got = await settled();
		// The log is in the order the deliveries were made; the receiver sees them as they arrive.
		expect((await deliveries()).map((d) => [d.label, d.type])).toEqual([
			['mine', 'name'],
			['theirs', 'name'],
			['mine', 'topic'],
			['theirs', 'topic'],
			['mine', 'locked'],
			['theirs', 'locked'],
			['mine', 'announce'],
			['theirs', 'announce'],
		]);
		const mine = got.filter((d) => d.path === '/mine').map((d) => SettingsFlowData.parse(d.data));
		expect(Object.fromEntries(mine.map((d) => [d.type, d.value]))).toEqual({
			name: 'Dev Team',
			topic: 'New',
			locked: false,
			announce: true,
		});
		expect(mine.every((d) => d.author === jid(numbers.sandbox) && d.groupJid === C.jid && d.groupName === 'Dev Team')).toBe(true);
		expect(got.filter((d) => d.path === '/theirs')).toHaveLength(4);
		expect(SETTINGS_EVENTS.kinds.value).toEqual(['name', 'topic', 'announce', 'locked', 'link']);
	});

	it('the same values again, a picture, the add mode or the approval setting deliver nothing', async () => {
		await hook('mine');
		await update({ name: 'Dev Team' });
		expect((await settled()).map((d) => d.data.type)).toEqual(['name']);
		receiver.received.length = 0;
		await update({ name: 'Dev Team', image: 'https://example.com/a.png' });
		await update({ groupSettings: { membersCanAddOthers: true, requireAdminApproval: true } });
		expect(await settled()).toEqual([]);
		expect(SETTINGS_EVENTS.notDelivered.value).toEqual(['image', 'membersCanAddOthers', 'requireAdminApproval']);
	});

	it('a cleared description is a topic change to ""', async () => {
		await hook('mine');
		await update({ description: '' });
		expect((await settled()).map((d) => [d.data.type, d.data.value])).toEqual([['topic', '']]);
	});
});

describe('the new invite link', () => {
	it('a reset delivers link to the admin instances only', async () => {
		await hook('mine');
		await hook('theirs', {}, tokens.memberOnly, instances.memberOnly);
		const reset = await call('POST', '/api/group/resetLink/sandbox', { identifier: C.jid });
		const got = await settled();
		expect(got.map((d) => [d.path, d.data.type, d.data.value])).toEqual([['/mine', 'link', reset.data.inviteLink]]);
	});
});

describe('the control route POST /__sim/group-update', () => {
	it('someone else changes the group: the same deliveries, with that person as author', async () => {
		await hook('mine');
		const res = await control(sim, 'group-update', { group: C.inviteCode, by: '5511911110002', name: 'Renamed', resetLink: true });
		expect(res.data.updated).toEqual(['name', 'inviteCode']);
		const got = await settled();
		expect((await deliveries()).map((d) => d.type)).toEqual(['name', 'link']);
		expect(got.map((d) => d.data.author)).toEqual([jid('5511911110002'), jid('5511911110002')]);
		expect(got.find((d) => d.data.type === 'link')?.data.value).toBe(`https://chat.whatsapp.com/${res.data.group.inviteCode}`);
	});

	it('refuses an unknown group, a wrong type, a bad author', async () => {
		expect((await control(sim, 'group-update', { group: 'NOPE', name: 'x' })).status).toBe(404);
		expect((await control(sim, 'group-update', { group: C.jid, groupSettings: { membersCanEditInfo: 'yes' } })).status).toBe(400);
		expect((await control(sim, 'group-update', { group: C.jid, by: 'someone', name: 'x' })).status).toBe(400);
	});

	it.each<[string, Body[]]>([
		[
			'whatsmeow',
			[
				{ JID: C.jid, Sender: null, Timestamp: expect.any(String), Name: { Name: 'N', NameSetAt: expect.any(String), NameSetBy: null } },
				{
					JID: C.jid,
					Sender: null,
					Timestamp: expect.any(String),
					Topic: { Topic: '', TopicSetAt: expect.any(String), TopicSetBy: null, TopicDeleted: true },
				},
				{ JID: C.jid, Sender: null, Timestamp: expect.any(String), Locked: { IsLocked: false } },
				{ JID: C.jid, Sender: null, Timestamp: expect.any(String), Announce: { IsAnnounce: true } },
				{
					JID: C.jid,
					Sender: null,
					Timestamp: expect.any(String),
					NewInviteLink: expect.stringMatching(/^https:\/\/chat\.whatsapp\.com\/\w{22}$/),
				},
			],
		],
		[
			'baileys',
			[
				{ id: C.jid, author: null, subject: 'N' },
				{ id: C.jid, author: null, desc: '' },
				{ id: C.jid, author: null, restrict: false },
				{ id: C.jid, author: null, announce: true },
				{ id: C.jid, author: null, inviteCode: expect.stringMatching(/^\w{22}$/) },
			],
		],
	])('in the %s form', async (shape, expected) => {
		await hook('mine');
		await control(sim, 'flow-shape', { shape });
		const change = {
			name: 'N',
			description: '',
			groupSettings: { membersCanEditInfo: true, membersCanSendMessages: false },
			resetLink: true,
		};
		await control(sim, 'group-update', { group: C.jid, ...change });
		const got = (await settled()).map((d) => d.data);
		expect([got.length, (await deliveries()).map((d) => d.type)]).toEqual([5, ['name', 'topic', 'locked', 'announce', 'link']]);
		expect(got).toEqual(expect.arrayContaining(expected));
	});
});

describe('the Authorization header (reference §11.10)', () => {
	it('a webhook with an authorization string gets it on every delivery; one without gets none', async () => {
		await hook('auth', { authorization: 'Bearer svc-token-xyz' });
		await hook('none');
		await hook('object', { authorization: { type: 'Bearer', token: 'x' } });
		await control(sim, 'join', { group: C.jid, participant: '5511955554444' });
		await update({ name: 'Dev Team' });
		const got = await settled();
		expect(got.filter((d) => d.path === '/auth').map((d) => d.authorization)).toEqual(['Bearer svc-token-xyz', 'Bearer svc-token-xyz']);
		expect(got.filter((d) => d.path !== '/auth').map((d) => d.authorization)).toEqual([undefined, undefined, undefined, undefined]);
		const log = await deliveries();
		expect(log.map((d) => [d.label, d.authorization])).toEqual([
			['auth', true],
			['none', false],
			['object', false],
			['auth', true],
			['none', false],
			['object', false],
		]);
		expect(JSON.stringify(log)).not.toContain('svc-token-xyz');
		expect([DELIVERY_CONTRACT.authorizationHeader.value, DELIVERY_CONTRACT.authorizationForm.value]).toEqual(['Authorization', 'string']);
	});
});

describe('POST /__sim/deliveries/replay (RyzeAPI retries from a queue)', () => {
	it('re-sends a past delivery exactly: same URL, body and header; the log says which one it repeats', async () => {
		await hook('auth', { authorization: 'Bearer svc-token-xyz' });
		receiver.status = 500;
		await control(sim, 'join', { group: C.jid, participant: '5511955554444' });
		await sim().deliveriesSettled();
		const [first] = await deliveries();
		expect(first).toMatchObject({ id: 1, status: 500, type: 'joined' });
		receiver.status = 200;
		const replayed = await control(sim, 'deliveries/replay', { id: first.id });
		expect(replayed.data.delivery).toMatchObject({ id: 2, replayOf: 1, label: 'auth', type: 'joined' });
		await control(sim, 'deliveries/replay', { id: 2 });
		await sim().deliveriesSettled();
		expect((await deliveries()).map((d) => [d.id, d.replayOf, d.status])).toEqual([
			[1, undefined, 500],
			[2, 1, 200],
			[3, 1, 200],
		]);
		const [a, b, c] = receiver.received;
		expect([b.body, c.body]).toEqual([a.body, a.body]);
		expect([a.path, b.path, c.path, b.headers.authorization]).toEqual(['/auth', '/auth', '/auth', 'Bearer svc-token-xyz']);
		expect(DELIVERY_CONTRACT.retrySchedule).toMatchObject({ value: null, documented: false });
	});

	it('refuses an unknown id (404), also after the log is cleared', async () => {
		await hook('mine');
		await control(sim, 'join', { group: C.jid, participant: '5511955554444' });
		await sim().deliveriesSettled();
		expect((await control(sim, 'deliveries/replay', { id: 99 })).status).toBe(404);
		expect((await control(sim, 'deliveries/replay', { id: 'one' })).status).toBe(404);
		await sim().deliveriesSettled();
		expect((await call('DELETE', `/__sim/deliveries`, undefined, null)).status).toBe(200);
		expect((await control(sim, 'deliveries/replay', { id: 1 })).status).toBe(404);
		expect(receiver.received).toHaveLength(1);
	});
});
