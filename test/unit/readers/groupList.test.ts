/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never packed; linted by eslint.tests.config.mjs */
/** Reading the group list and the instance list for the "From List" pickers. */
import {
	cutLabel,
	filterGroups,
	filterInstances,
	groupLabel,
	instanceLabel,
	MAX_LABEL,
	MAX_PICKER_RESULTS,
	pickerEntries,
	readGroupList,
	readInstanceList,
	usableInstanceName,
} from '../../../nodes/RyzeApi/readers/groupList';
import { createRedactor } from '../../../nodes/RyzeApi/helpers/redact';

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

/** Issue 15, point 12: the pickers' bounds and value rules. */
describe('picker bounds', () => {
	it('the bounds are 1,000 results and 200 characters', () => {
		expect([MAX_PICKER_RESULTS, MAX_LABEL]).toEqual([1000, 200]);
	});

	it('filterGroups: at most 1,000, the filter applied first', () => {
		const groups = Array.from({ length: 5000 }, (_, i) => ({
			jid: `1203630${String(i).padStart(11, '0')}@g.us`,
			name: `G${i}`,
			size: null,
		}));
		expect(filterGroups(groups, undefined)).toHaveLength(1000);
		expect(filterGroups(groups, 'G4999').map((group) => group.name)).toEqual(['G4999']);
	});

	it('filterInstances: at most 1,000, and only names that pass as typed values', () => {
		const instance = (name: string) => ({ name, state: null, number: null, profileName: null });
		const many = Array.from({ length: 2000 }, (_, i) => instance(`i${String(i).padStart(4, '0')}`));
		expect(filterInstances(many, '')).toHaveLength(1000);
		const odd = ['=x', '={{1}}', 'a/b', '..', 'a\tb', 'x'.repeat(101), 'ok'].map(instance);
		expect(filterInstances(odd, undefined).map((entry) => entry.name)).toEqual(['ok']);
	});

	it.each([
		['ok', true],
		['café ☕', true],
		['=expr', false],
		['a/b', false],
		['%2F', false],
		['x'.repeat(101), false],
		[' padded ', false],
	])('usableInstanceName(%j) is %s', (name, usable) => {
		expect(usableInstanceName(name)).toBe(usable);
	});

	it('cutLabel: 200 characters at most, an ellipsis last, no half surrogate pair', () => {
		expect(cutLabel('short')).toBe('short');
		expect(cutLabel('x'.repeat(1_000_000))).toBe(`${'x'.repeat(199)}…`);
		const emoji = `${'x'.repeat(198)}😀😀`;
		const cut = cutLabel(emoji);
		expect(cut.length).toBeLessThanOrEqual(200);
		expect(cut).toBe(`${'x'.repeat(198)}…`);
	});

	it('pickerEntries: labels redacted and cut; a value with a leading "=" or the token is left out', () => {
		const token = 'tok-SECRET-123456';
		const redact = createRedactor(token);
		const out = pickerEntries(
			[
				{ label: `Shop ${token.toUpperCase()}`, value: 'shop' },
				{ label: 'formula', value: '={{ $env.X }}' },
				{ label: 'leaky', value: `inst-${token}` },
				{ label: `${'L'.repeat(195)}${token}${'M'.repeat(1_000_000)}`, value: 'long' },
			],
			redact,
		);
		expect(out.map((entry) => entry.value)).toEqual(['shop', 'long']);
		expect(out[0].name).toBe('Shop [redacted]');
		expect(out[1].name).toHaveLength(200);
		expect(out[1].name).not.toContain('tok-');
	});
});
