/**
 * Reading group.flow deliveries. The expectations are version 1's, unchanged since
 * 0.3.0: saved workflows on trigger version 1 receive exactly this (events.test.ts
 * and the node tests cover what version 2 tells apart).
 */
import { readDelivery, selectChanges } from '../../../../nodes/RyzeApi/triggers/webhook/changes';
import { DEFAULT_EVENTS } from '../../../../nodes/RyzeApi/triggers/webhook/events';
import { MAX_PARTICIPANTS, readEnvelope, type FlowChange } from '../../../../nodes/RyzeApi/triggers/webhook/groupFlow';
import { isoTime } from '../../../../nodes/RyzeApi/triggers/webhook/payloadFields';

const readGroupFlow = (event: string | null, data: unknown) => readDelivery(event, data, 1);
const PARTICIPANT_FLOW_TYPES = DEFAULT_EVENTS;

const G = '120363406289005073@g.us';
const person = (over: Partial<FlowChange>): FlowChange => ({
	type: 'joined',
	group: G,
	groupName: null,
	participant: null,
	lid: null,
	phoneNumber: null,
	state: null,
	timestamp: null,
	...over,
});

describe('readEnvelope', () => {
	it('reads event, data, instance and token', () => {
		const data = { type: 'joined' };
		expect(readEnvelope({ event: 'group.flow', data, instanceData: { baseUrl: 'x', instance: 'sales', token: 'tok' } })).toEqual({
			event: 'group.flow',
			data,
			instance: 'sales',
			token: 'tok',
		});
	});

	it.each([null, 'text', [1, 2], { event: 5, instanceData: 'x' }, { instanceData: { instance: {}, token: 42 } }])(
		'never throws on %p',
		(body) => {
			const envelope = readEnvelope(body);
			expect(envelope.instance).toBeNull();
			expect(envelope.token).toBeNull();
		},
	);
});

describe('readGroupFlow: consumer style', () => {
	it('gives one change per participant, with lid and phone', () => {
		const data = {
			type: 'joined',
			groupJid: G,
			groupName: 'Sales',
			timestamp: '2026-01-02T03:04:05.000Z',
			participants: [
				{ jid: '199789077627112@lid', phoneNumber: '5511999999999@s.whatsapp.net', name: 'Ana' },
				{ jid: '5511888888888@s.whatsapp.net', lid: '2222@lid' },
			],
		};
		expect(readGroupFlow('group.flow', data)).toEqual([
			person({
				groupName: 'Sales',
				timestamp: '2026-01-02T03:04:05.000Z',
				participant: '199789077627112@lid',
				lid: '199789077627112@lid',
				phoneNumber: '5511999999999',
			}),
			person({
				groupName: 'Sales',
				timestamp: '2026-01-02T03:04:05.000Z',
				participant: '5511888888888@s.whatsapp.net',
				lid: '2222@lid',
				phoneNumber: '5511888888888',
			}),
		]);
	});

	it.each([
		['left', 'left'],
		['promoted', 'promoted'],
		['demoted', 'demoted'],
	])('reads type %s', (type, expected) => {
		const [change] = readGroupFlow('group.flow', { type, groupJid: G, participants: [{ jid: '1@lid' }] });
		expect(change.type).toBe(expected);
	});

	it('reads a metadata change as one settings change', () => {
		expect(readGroupFlow('group.flow', { type: 'name', groupJid: G, groupName: 'New name', timestamp: 1767322800 })).toEqual([
			person({ type: 'settings', groupName: 'New name', timestamp: '2026-01-02T03:00:00.000Z' }),
		]);
	});
});

describe('readGroupFlow: Baileys / Evolution style', () => {
	it.each([
		['add', 'joined'],
		['remove', 'left'],
		['promote', 'promoted'],
		['demote', 'demoted'],
	])('action %s with JID texts and objects', (action, type) => {
		const data = {
			id: G,
			author: '5511000000000@s.whatsapp.net',
			action,
			participants: ['5511999999999@s.whatsapp.net', { id: '77@lid', phoneNumber: '5511777777777@s.whatsapp.net' }],
		};
		expect(readGroupFlow('group.flow', data)).toEqual([
			person({ type: type as FlowChange['type'], participant: '5511999999999@s.whatsapp.net', phoneNumber: '5511999999999' }),
			person({ type: type as FlowChange['type'], participant: '77@lid', lid: '77@lid', phoneNumber: '5511777777777' }),
		]);
	});
});

describe('readGroupFlow: whatsmeow style', () => {
	it('reads Join, Leave, Promote and Demote, and settings once', () => {
		const data = {
			JID: G,
			Name: { Name: 'Team', NameSetAt: '2026-01-01T00:00:00Z' },
			Timestamp: '2026-01-02T03:04:05Z',
			Join: ['1@lid'],
			Leave: ['5511222222222@s.whatsapp.net'],
			Promote: ['3@lid'],
			Demote: null,
			Announce: { IsAnnounce: true },
		};
		const changes = readGroupFlow('group.flow', data);
		expect(changes.map((c) => [c.type, c.participant])).toEqual([
			['joined', '1@lid'],
			['left', '5511222222222@s.whatsapp.net'],
			['promoted', '3@lid'],
			['settings', null],
		]);
		expect(changes.every((c) => c.group === G && c.groupName === 'Team' && c.timestamp === '2026-01-02T03:04:05.000Z')).toBe(true);
		expect(changes[1].phoneNumber).toBe('5511222222222');
	});

	it('reads camelCase field names too', () => {
		const [change] = readGroupFlow('group.flow', { jid: G, demote: ['9@lid'] });
		expect(change).toEqual(person({ type: 'demoted', participant: '9@lid', lid: '9@lid' }));
	});
});

describe('readGroupFlow: anything else is one unknown change', () => {
	const unknown = (group: string | null = null) => [person({ type: 'unknown', group })];
	it.each([
		['no data', 'group.flow', undefined, null],
		['a text', 'group.flow', 'joined', null],
		['a list', 'group.flow', [1], null],
		['an unknown type', 'group.flow', { type: 'exploded', groupJid: G, participants: [{ jid: '1@lid' }] }, G],
		['a participant event without participants', 'group.flow', { type: 'joined', groupJid: G, participants: [] }, G],
		['an unreadable participant', 'group.flow', { action: 'add', id: G, participants: [{ name: 'no id' }] }, G],
		['another event', 'message.exchange', { type: 'joined', groupJid: G, participants: ['1@lid'] }, G],
		['no event', null, { type: 'joined', groupJid: G, participants: ['1@lid'] }, G],
		['a whatsmeow group with nothing changed', 'group.flow', { JID: G }, G],
	])('%s', (_name, event, data, group) => {
		expect(readGroupFlow(event, data)).toEqual(unknown(group));
	});

	it('a participant list longer than a group can be is not read', () => {
		const participants = Array.from({ length: MAX_PARTICIPANTS + 1 }, (_v, i) => `${i}@lid`);
		expect(readGroupFlow('group.flow', { type: 'joined', groupJid: G, participants })).toEqual(unknown(G));
	});

	it('an identifier longer than 256 characters is not read', () => {
		expect(readGroupFlow('group.flow', { type: 'joined', groupJid: G, participants: ['1'.repeat(300)] })).toEqual(unknown(G));
	});
});

describe('readGroupFlow: type names are data, not property names', () => {
	it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('type %s is an unknown type, in both versions', (type) => {
		for (const version of [1, 2] as const) {
			expect(readDelivery('group.flow', { type, groupJid: G, participants: [{ jid: '1@lid' }] }, version)).toEqual([
				person({ type: 'unknown', group: G }),
			]);
		}
	});
});

describe('version 2 tells the settings changes apart', () => {
	it('one change per setting event a whatsmeow delivery carries, after the people', () => {
		const data = { JID: G, Name: { Name: 'New' }, Topic: { Topic: 'x' }, Ephemeral: { IsEphemeral: true }, Delete: {}, Join: ['1@lid'] };
		expect(readDelivery('group.flow', data, 2).map((change) => [change.type, change.participant, change.groupName])).toEqual([
			['joined', '1@lid', 'New'],
			['subject', null, 'New'],
			['description', null, 'New'],
			['otherSettings', null, 'New'],
		]);
	});

	it.each([
		['name', 'subject'],
		['subject', 'subject'],
		['topic', 'description'],
		['description', 'description'],
		['announce', 'announce'],
		['locked', 'locked'],
		['restrict', 'locked'],
		['invite_link', 'inviteLink'],
		['ephemeral', 'otherSettings'],
		['membership_approval_mode', 'otherSettings'],
		['link', 'otherSettings'],
		['unlink', 'otherSettings'],
		['delete', 'otherSettings'],
		['settings', 'otherSettings'],
	])('consumer type %s is %s (version 1: settings)', (type, expected) => {
		const data = { type, groupJid: G, groupName: 'Team' };
		expect(readDelivery('group.flow', data, 2)).toEqual([person({ type: expected, groupName: 'Team' })]);
		expect(readDelivery('group.flow', data, 1)).toEqual([person({ type: 'settings', groupName: 'Team' })]);
	});
});

describe('selectChanges', () => {
	const changes = [
		person({ type: 'joined', participant: 'a' }),
		person({ type: 'settings' }),
		person({ type: 'left', group: 'other@g.us', participant: 'b' }),
		person({ type: 'unknown', group: null }),
	];
	it('keeps the selected types and always the unknown', () => {
		expect(selectChanges(changes, PARTICIPANT_FLOW_TYPES, null).map((c) => c.type)).toEqual(['joined', 'left', 'unknown']);
		expect(selectChanges(changes, ['settings'], null).map((c) => c.type)).toEqual(['settings', 'unknown']);
	});
	it('keeps only the filtered group (case-insensitive), and changes that name none', () => {
		expect(selectChanges(changes, [...PARTICIPANT_FLOW_TYPES, 'settings'], ` ${G.toUpperCase()} `).map((c) => c.type)).toEqual([
			'joined',
			'settings',
			'unknown',
		]);
	});
});

describe('isoTime', () => {
	it.each([
		[1767322800, '2026-01-02T03:00:00.000Z'],
		[1767322800000, '2026-01-02T03:00:00.000Z'],
		['1767322800', '2026-01-02T03:00:00.000Z'],
		['2026-01-02T03:00:00Z', '2026-01-02T03:00:00.000Z'],
		['not a date', null],
		[-5, null],
		[{}, null],
	])('%p → %p', (input, expected) => {
		expect(isoTime(input)).toBe(expected);
	});
});
