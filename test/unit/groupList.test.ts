/** Reading the group list and the instance list for the "From List" pickers. */
import {
	filterGroups,
	filterInstances,
	groupLabel,
	instanceLabel,
	readGroupList,
	readInstanceList,
} from '../../nodes/RyzeApi/helpers/groupList';

describe('readGroupList', () => {
	const expected = [
		{ jid: '120363000000000001@g.us', name: 'Customers', size: 5 },
		{ jid: '120363000000000004@g.us', name: 'VIP Clients', size: null },
	];

	it.each([
		[
			'{ groups } (the simulator)',
			{
				success: true,
				message: '2 groups found',
				groups: [
					{ jid: '120363000000000001@g.us', name: 'Customers', participantCount: 5 },
					{ jid: '120363000000000004@g.us', name: 'VIP Clients' },
				],
			},
		],
		[
			'a bare list',
			[
				{ jid: '120363000000000001@g.us', name: 'Customers', participantCount: 5 },
				{ jid: '120363000000000004@g.us', name: 'VIP Clients' },
			],
		],
		[
			'{ data: [...] } with subject and size',
			{
				data: [
					{ id: '120363000000000001@g.us', subject: 'Customers', size: 5 },
					{ id: '120363000000000004@g.us', subject: 'VIP Clients' },
				],
			},
		],
		[
			'{ data: { groups } } with participants lists',
			{
				data: {
					groups: [
						{ groupJid: '120363000000000001@G.US', title: 'Customers', participants: [1, 2, 3, 4, 5] },
						{ JID: '120363000000000004', name: 'VIP Clients' },
					],
				},
			},
		],
		[
			'a count as text',
			{
				groups: [
					{ jid: '120363000000000001@g.us', name: 'Customers', participantCount: '5' },
					{ jid: '120363000000000004@g.us', name: 'VIP Clients', participantCount: -1 },
				],
			},
		],
	])('reads %s', (_title, body) => {
		expect(readGroupList(body)).toEqual({ ok: true, groups: expected, skipped: 0 });
	});

	it('counts entries without a group JID instead of showing them', () => {
		const read = readGroupList({
			groups: [
				null,
				'x',
				{ name: 'no jid' },
				{ jid: '5511999999999@s.whatsapp.net', name: 'a person' },
				{ jid: '120363000000000001@g.us' },
			],
		});
		expect(read).toEqual({ ok: true, groups: [{ jid: '120363000000000001@g.us', name: null, size: null }], skipped: 4 });
	});

	it.each([[undefined], ['text'], [{ success: true }], [{ groups: 'none' }]])('refuses %p', (body) => {
		expect(readGroupList(body)).toEqual({ ok: false, reason: 'RyzeAPI answered the group list without a list of groups' });
	});
});

describe('group picker', () => {
	const groups = [
		{ jid: '120363000000000004@g.us', name: 'VIP Clients', size: 7 },
		{ jid: '120363000000000001@g.us', name: 'Customers', size: 1 },
		{ jid: '120363000000000009@g.us', name: null, size: null },
	];

	it('labels with the name and the member count when present', () => {
		expect(groups.map(groupLabel)).toEqual(['VIP Clients (7 members)', 'Customers (1 member)', '120363000000000009@g.us']);
	});

	it('filters by name or JID, case-insensitively, and sorts by name', () => {
		expect(filterGroups(groups, undefined).map((g) => g.jid)).toEqual([
			'120363000000000009@g.us',
			'120363000000000001@g.us',
			'120363000000000004@g.us',
		]);
		expect(filterGroups(groups, ' vip ').map((g) => g.name)).toEqual(['VIP Clients']);
		expect(filterGroups(groups, '0001@').map((g) => g.name)).toEqual(['Customers']);
		expect(filterGroups(groups, 'nothing')).toEqual([]);
	});
});

describe('readInstanceList and the instance picker', () => {
	it('reads { instances } as the instance list endpoint gives it', () => {
		const read = readInstanceList({
			success: true,
			instances: [
				{ name: 'sandbox', connection: { state: 'connected', numberJid: '5511900000001@s.whatsapp.net' }, profile: { name: 'Sandbox' } },
				{ name: 'offline', connection: { state: 'disconnected', numberJid: null }, profile: { name: 'Offline' } },
				{ connection: {} },
				'junk',
			],
		});
		expect(read).toEqual({
			ok: true,
			instances: [
				{ name: 'sandbox', state: 'connected', number: '5511900000001', profileName: 'Sandbox' },
				{ name: 'offline', state: 'disconnected', number: null, profileName: 'Offline' },
			],
		});
		if (!read.ok) return;
		expect(read.instances.map(instanceLabel)).toEqual(['sandbox (Sandbox, 5511900000001, connected)', 'offline (Offline, disconnected)']);
		expect(filterInstances(read.instances, 'DISCONN').map((i) => i.name)).toEqual(['offline']);
		expect(filterInstances(read.instances, '').map((i) => i.name)).toEqual(['offline', 'sandbox']);
	});

	it('labels a bare name as itself, and refuses a body without a list', () => {
		expect(instanceLabel({ name: 'x', state: null, number: null, profileName: null })).toBe('x');
		expect(readInstanceList({ success: true })).toEqual({
			ok: false,
			reason: 'RyzeAPI answered the instance list without a list of instances',
		});
	});
});
