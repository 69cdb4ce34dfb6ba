/**
 * Reading the group list (GET /list) from the contract's shape (test/contract/ryzeapi.groups.ts:
 * the list's `documented: false` answer) and from hostile ones: wrong types, missing keys,
 * `__proto__` keys, lists far too long.
 */
import { GROUP_LIST } from '../../contract/ryzeapi.groups';
import { readListedGroups, type GroupListReading } from '../../../nodes/RyzeApi/readers/groupDetails';

const JID = '120363406289005073@g.us';
const SETTINGS = { membersCanEditInfo: true, membersCanSendMessages: true, membersCanAddOthers: false, requireAdminApproval: false };

const ALL: GroupListReading = { nameContains: '', limit: null, cap: 10_000 };
const entry = (i: number, more: Record<string, unknown> = {}) => ({ jid: `1203631${String(i).padStart(11, '0')}@g.us`, ...more });

describe('readListedGroups', () => {
	it("reads the contract's (undocumented) list answer", () => {
		// GroupInfo without invite and members, with the instance's roles.
		const listed = {
			name: 'Dev Team',
			jid: JID,
			description: 'd',
			createdBy: 'o@s.whatsapp.net',
			participantCount: 3,
			groupSettings: SETTINGS,
		};
		const groups = [
			{ ...listed, isAdmin: true, isSuperAdmin: false },
			{ ...listed, jid: '120363406289005074@g.us', name: 'Ops', isAdmin: false, isSuperAdmin: true },
		];
		const body = { success: true, message: '2 groups found', groups };
		expect(GROUP_LIST.answer.value.safeParse(body).success).toBe(true);
		expect(readListedGroups(body, ALL)).toEqual({
			ok: true,
			groups: [
				{
					jid: JID,
					name: 'Dev Team',
					participantCount: 3,
					isAdmin: true,
					isSuperAdmin: false,
					isCommunity: null,
					isDefaultSubGroup: null,
					communityJid: null,
					raw: groups[0],
				},
				// A super-admin is an admin, whatever isAdmin says.
				{
					jid: '120363406289005074@g.us',
					name: 'Ops',
					participantCount: 3,
					isAdmin: true,
					isSuperAdmin: true,
					isCommunity: null,
					isDefaultSubGroup: null,
					communityJid: null,
					raw: groups[1],
				},
			],
			unreadable: [],
			total: 2,
			read: 2,
			capped: false,
		});
	});

	it('community flags when given: isCommunity (or whatsmeow IsParent), isDefaultSubGroup, the parent community', () => {
		const read = readListedGroups(
			[entry(1, { isCommunity: true }), entry(2, { IsParent: false, isDefaultSubGroup: true, linkedParentJid: '120363000000000001' })],
			ALL,
		);
		expect(read.ok && read.groups.map((group) => [group.isCommunity, group.isDefaultSubGroup, group.communityJid])).toEqual([
			[true, null, null],
			[false, true, '120363000000000001@g.us'],
		]);
	});

	it('an entry that cannot be read is kept with its place and reason, whatever the name filter', () => {
		const list = [
			null,
			'x',
			[],
			{},
			entry(1, { name: 7 }),
			entry(2, { isAdmin: 'maybe' }),
			entry(3, { communityJid: 'c@s.whatsapp.net' }),
			entry(4, { name: 'Keep' }),
		];
		const read = readListedGroups({ groups: list }, { ...ALL, nameContains: 'keep' });
		expect(read.ok && read.unreadable).toEqual([
			{ position: 0, reason: 'the entry is null, not an object', raw: null },
			{ position: 1, reason: 'the entry is a string, not an object', raw: 'x' },
			{ position: 2, reason: 'the entry is a list, not an object', raw: [] },
			{ position: 3, reason: 'it has no jid', raw: {} },
			{ position: 4, reason: 'name is a number, not text', raw: list[4] },
			{ position: 5, reason: 'isAdmin is "maybe", not true or false', raw: list[5] },
			{ position: 6, reason: 'communityJid "c@s.whatsapp.net" is not a group JID (…@g.us)', raw: list[6] },
		]);
		expect(read.ok && read.groups.map((group) => group.name)).toEqual(['Keep']);
	});

	it('Name Contains: part of the name, ignoring case and surrounding spaces; a group without a name never matches', () => {
		const list = [entry(1, { name: 'VIP Clients' }), entry(2, { name: 'Customers' }), entry(3)];
		const read = readListedGroups(list, { ...ALL, nameContains: '  clie ' });
		expect(read.ok && read.groups.map((group) => group.name)).toEqual(['VIP Clients']);
	});

	it('the limit counts groups, in RyzeAPI order, and nothing after it is read', () => {
		const list = [entry(1), 0, entry(2), entry(3), 0];
		expect(readListedGroups(list, { ...ALL, limit: 2 })).toMatchObject({
			ok: true,
			total: 5,
			read: 3,
			capped: false,
			unreadable: [{ position: 1 }],
		});
	});

	it('a list of 10^6 entries: at most `cap` results, and it says it stopped with entries left', () => {
		const list = Array.from({ length: 1_000_000 }, (_, i) => (i % 2 === 0 ? entry(i) : 'x'));
		const read = readListedGroups({ groups: list }, { ...ALL, cap: 1000 });
		expect(read.ok && [read.groups.length, read.unreadable.length, read.read, read.total, read.capped]).toEqual([
			500,
			500,
			1000,
			1_000_000,
			true,
		]);
	});

	it('a list exactly at the cap is not capped', () => {
		const read = readListedGroups(
			Array.from({ length: 10 }, (_, i) => entry(i)),
			{ ...ALL, cap: 10 },
		);
		expect(read.ok && [read.groups.length, read.capped]).toEqual([10, false]);
	});

	it('follows no __proto__ key', () => {
		const list = JSON.parse('[{"__proto__": {"jid": "120363406289005073@g.us"}, "name": "N"}]') as unknown;
		expect(readListedGroups(list, ALL)).toMatchObject({ ok: true, groups: [], unreadable: [{ position: 0, reason: 'it has no jid' }] });
	});

	it.each([[null], ['groups'], [{ groups: 'many' }], [{ success: true }]])('no list in %j: refused', (body) => {
		expect(readListedGroups(body, ALL)).toEqual({ ok: false, reason: 'RyzeAPI answered the group list without a list of groups' });
	});
});
