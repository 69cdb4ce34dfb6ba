/** The events API (webhook configs) and group.flow deliveries, over real sockets. */
import { EVENTS_CONTRACT } from '../../contract/ryzeapi.events';
import { startReceiver, type Receiver } from '../../support/receiver';
import { expectError, groups, instances, jid, tokens, useSim, type Body } from './client';

const { sim, http, participants } = useSim();
let receiver: Receiver;
beforeAll(async () => {
	receiver = await startReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
	receiver.received.length = 0;
	receiver.status = 200;
});

type As = { token?: string; instance?: string };
const setWebhook = (body: unknown, { token = tokens.sandbox as string, instance = instances.sandbox as string }: As = {}) =>
	http().post<Body>(`/api/events/webhook/${instance}`, body, { headers: { token } });
const getWebhook = (query = '', { token = tokens.sandbox as string, instance = instances.sandbox as string }: As = {}) =>
	http().get<Body>(`/api/events/getWebhook/${instance}${query}`, { headers: { token } });
const register = (label: string, url = `${receiver.url}/${label}`) =>
	setWebhook({ label, enabled: true, url, events: ['group.flow'], byEvents: false, mediaBase64: false });
const admin = (path: string, body: unknown) => http().post<Body>(`/__sim/${path}`, body);

describe('webhook configs', () => {
	it('upserts by label, lists sorted, reads one by label or 404', async () => {
		expect((await register('b')).status).toBe(200);
		expect((await register('a')).status).toBe(200);
		expect((await register('b', `${receiver.url}/b2`)).data.webhook.url).toBe(`${receiver.url}/b2`);
		const list = await getWebhook();
		expect(list.data.webhooks.map((w: Body) => [w.label, w.enabled])).toEqual([
			['a', true],
			['b', true],
		]);
		expect((await getWebhook('?label=b')).data.webhook).toMatchObject({ label: 'b', enabled: true, events: ['group.flow'] });
		expectError(await getWebhook('?label=zzz'), 404, 'Webhook not found');
		expect((await setWebhook({ enabled: true, url: `${receiver.url}/d` })).data.webhook.label).toBe('default');
		expect((await getWebhook('?label=')).data.webhook.label).toBe('default');
	});

	it(`allows ${EVENTS_CONTRACT.maxEnabledWebhooks.value} enabled per instance; a soft-disable frees one and keeps the row`, async () => {
		for (const label of ['a', 'b', 'c']) expect((await register(label)).status).toBe(200);
		expectError(await register('d'), 400, EVENTS_CONTRACT.tooManyWebhooksMessage.value);
		expect((await register('a', `${receiver.url}/again`)).status).toBe(200);
		const off = await setWebhook({ label: 'b', enabled: false });
		expect(off.data.webhook).toMatchObject({ label: 'b', enabled: false, url: null, events: null, authorization: null });
		expect((await register('d')).status).toBe(200);
		expect((await getWebhook()).data.webhooks.map((w: Body) => w.label)).toEqual(['a', 'b', 'c', 'd']);
		// Another instance has its own three.
		expect((await register('x', receiver.url)).status).toBe(400);
		expect((await setWebhook({ label: 'x', url: receiver.url }, { token: tokens.memberOnly, instance: instances.memberOnly })).status).toBe(
			200,
		);
	});

	it('refuses a bad body, a foreign instance, a missing token', async () => {
		expect((await setWebhook({ label: 'a', enabled: true })).status).toBe(400);
		expect((await setWebhook({ label: 'a', url: receiver.url, events: ['nope'] })).status).toBe(400);
		expect((await setWebhook({ label: 'x'.repeat(65), url: receiver.url })).status).toBe(400);
		expect((await setWebhook({ label: 'a', url: receiver.url }, { instance: instances.memberOnly })).status).toBe(403);
		expect((await getWebhook('', { token: 'nope-nope' })).status).toBe(401);
	});
});

describe('group.flow deliveries', () => {
	it('delivers a participant added through the API, with the envelope and the instance token', async () => {
		await register('n8n');
		await participants('add', groups.customers.jid, ['5511977776666']);
		await sim().deliveriesSettled();
		expect(receiver.received).toHaveLength(1);
		const [{ path, body }] = receiver.received;
		expect(path).toBe('/n8n');
		expect(body).toEqual({
			event: 'group.flow',
			data: {
				type: 'joined',
				groupJid: groups.customers.jid,
				groupName: 'Customers',
				participants: [{ jid: jid('5511977776666'), lid: null, phoneNumber: jid('5511977776666') }],
				timestamp: expect.any(String),
			},
			instanceData: { baseUrl: sim().url, instance: instances.sandbox, token: tokens.sandbox },
		});
		const log = (await http().get<Body>('/__sim/deliveries')).data.deliveries;
		expect(log).toEqual([expect.objectContaining({ label: 'n8n', type: 'joined', status: 200 })]);
		expect(JSON.stringify(log)).not.toContain(tokens.sandbox);
	});

	it('delivers left, promoted, demoted, and approve as joined; nothing to disabled or other-event webhooks', async () => {
		await register('n8n');
		await setWebhook({ label: 'messages', url: `${receiver.url}/messages`, events: ['message.exchange'] });
		await setWebhook({ label: 'off', url: `${receiver.url}/off` });
		await setWebhook({ label: 'off', enabled: false });
		await participants('add', groups.customers.jid, ['5511977776666']);
		await participants('promote', groups.customers.jid, ['5511977776666']);
		await participants('demote', groups.customers.jid, ['5511977776666']);
		await participants('remove', groups.customers.jid, ['5511977776666']);
		await participants('approve', groups.waitlist.jid, ['199789077627112@lid']);
		await sim().deliveriesSettled();
		const types = receiver.received.map((r) => [r.path, (r.body as Body).data.type]);
		expect(types).toEqual([
			['/n8n', 'joined'],
			['/n8n', 'promoted'],
			['/n8n', 'demoted'],
			['/n8n', 'left'],
			['/n8n', 'joined'],
		]);
		expect((receiver.received[4].body as Body).data.participants[0]).toEqual({
			jid: jid('5511988887777'),
			lid: '199789077627112@lid',
			phoneNumber: jid('5511988887777'),
		});
	});

	it('admin join by link and leave deliver joined and left; admin requests add to the queue', async () => {
		await register('n8n');
		expect((await admin('join', { group: groups.customers.inviteCode, participant: '5511955554444' })).status).toBe(200);
		expect((await admin('leave', { group: groups.customers.jid, participant: '5511955554444' })).status).toBe(200);
		expect((await admin('join', { group: groups.customers.jid, participant: 'nope' })).status).toBe(400);
		expect((await admin('leave', { group: groups.customers.jid, participant: '5511955554444' })).status).toBe(404);
		await sim().deliveriesSettled();
		expect(receiver.received.map((r) => (r.body as Body).data.type)).toEqual(['joined', 'left']);

		expect((await admin('requests', { group: groups.waitlist.jid, lid: '199789077627199@lid', phone: '5511911112222' })).status).toBe(200);
		expect((await admin('requests', { group: groups.waitlist.jid, lid: '199789077627199@lid' })).status).toBe(409);
		const queue = await http().get<Body>(`/api/group/requests/${instances.sandbox}?identifier=${groups.waitlist.jid}`, {
			headers: { token: tokens.sandbox },
		});
		expect(queue.data.requests.map((r: Body) => r.jid)).toContain('199789077627199@lid');
	});

	it.each([
		['baileys', { id: groups.customers.jid, author: null, action: 'add', participants: [jid('5511955554444')] }],
		['whatsmeow', { JID: groups.customers.jid, Name: { Name: 'Customers' }, Timestamp: expect.any(String), Join: [jid('5511955554444')] }],
	])('delivers in the %s shape when asked', async (shape, data) => {
		await register('n8n');
		expect((await admin('flow-shape', { shape })).status).toBe(200);
		await admin('join', { group: groups.customers.jid, participant: '5511955554444' });
		await sim().deliveriesSettled();
		expect((receiver.received[0].body as Body).data).toEqual(data);
	});

	it('appends the event with byEvents, and never calls a non-loopback URL', async () => {
		await setWebhook({ label: 'by', url: `${receiver.url}/base`, byEvents: true });
		await setWebhook({ label: 'far', url: 'http://192.0.2.1/hook' });
		await admin('join', { group: groups.customers.jid, participant: '5511955554444' });
		await sim().deliveriesSettled();
		expect(receiver.received.map((r) => r.path)).toEqual(['/base/group.flow']);
		const log = (await http().get<Body>('/__sim/deliveries')).data.deliveries;
		expect(log.find((d: Body) => d.label === 'far').status).toBe(-1);
	});

	it('a reset clears webhooks and deliveries', async () => {
		await register('n8n');
		sim().reset();
		expect((await getWebhook()).data.webhooks).toEqual([]);
	});
});
