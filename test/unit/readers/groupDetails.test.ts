/**
 * Reading a group (GET /info, participants=false) and the group list (GET /list) from
 * the contract's shapes (test/contract/ryzeapi.groups.ts: GroupInfo, GroupDetail, and the
 * list's `documented: false` answer) and from hostile ones: wrong types, missing keys,
 * `__proto__` keys, invites that are not WhatsApp's, lists far too long.
 */
import { GROUP_INFO, GROUP_LIST } from '../../contract/ryzeapi.groups';
import { readGroupDetail, readListedGroups, type GroupListReading } from '../../../nodes/RyzeApi/readers/groupDetails';

const JID = '120363406289005073@g.us';
const SETTINGS = { membersCanEditInfo: true, membersCanSendMessages: true, membersCanAddOthers: false, requireAdminApproval: false };

/** The overview's GroupInfo example (reference §5.1), as GroupDetail without members. */
const GROUP_INFO_EXAMPLE = {
	name: 'Dev Team',
	jid: JID,
	description: 'Technical discussions',
	inviteCode: 'ABC123XYZ',
	inviteLink: 'https://chat.whatsapp.com/ABC123XYZ',
	createdBy: '5511999999999@s.whatsapp.net',
	participantCount: 3,
	groupSettings: SETTINGS,
};

const detailOf = (group: Record<string, unknown>) => {
	const read = readGroupDetail({ success: true, message: 'Group found', group });
	if (!read.ok) throw new Error(read.reason);
	return read.detail;
};

describe('readGroupDetail', () => {
	it("reads the contract's /info answer (GroupDetail under `group`)", () => {
		const body = { success: true, message: 'Group found', group: { ...GROUP_INFO_EXAMPLE, createdAt: '2025-01-01T00:00:00Z' } };
		expect(GROUP_INFO.answer.value.safeParse(body).success).toBe(true);
		expect(readGroupDetail(body)).toEqual({
			ok: true,
			detail: {
				jid: JID,
				name: 'Dev Team',
				description: 'Technical discussions',
				invite: { link: 'https://chat.whatsapp.com/ABC123XYZ', code: 'ABC123XYZ' },
				inviteProblem: null,
				createdBy: '5511999999999@s.whatsapp.net',
				createdAt: '2025-01-01T00:00:00Z',
				participantCount: 3,
				settings: SETTINGS,
				raw: body.group,
			},
		});
	});

	it.each([
		['under data.group', { data: { group: GROUP_INFO_EXAMPLE } }],
		['under data', { data: GROUP_INFO_EXAMPLE }],
		['the body itself', GROUP_INFO_EXAMPLE],
	])('finds the group %s', (_title, body) => {
		const read = readGroupDetail(body);
		expect(read.ok && read.detail.jid).toBe(JID);
	});

	it('missing keys are null, never guessed; the JID may come from a top-level groupJid', () => {
		const read = readGroupDetail({ groupJid: JID, group: { name: 'Only a name' } });
		expect(read).toEqual({
			ok: true,
			detail: {
				jid: JID,
				name: 'Only a name',
				description: null,
				invite: null,
				inviteProblem: null,
				createdBy: null,
				createdAt: null,
				participantCount: null,
				settings: { membersCanEditInfo: null, membersCanSendMessages: null, membersCanAddOthers: null, requireAdminApproval: null },
				raw: { name: 'Only a name' },
			},
		});
	});

	it('an empty description stays empty (cleared), an empty name is none', () => {
		expect(detailOf({ jid: JID, name: '', description: '' })).toMatchObject({ name: null, description: '' });
	});

	it.each([
		['a count as text', { participantCount: '12' }, { participantCount: 12 }],
		['a member list without a count', { participants: [{}, {}] }, { participantCount: 2 }],
		[
			'flags as text or 0/1',
			{ groupSettings: { membersCanEditInfo: 'true', requireAdminApproval: 0 } },
			{ settings: expect.objectContaining({ membersCanEditInfo: true, requireAdminApproval: false }) },
		],
		['createdAt in Unix seconds', { createdAt: 1_700_000_000 }, { createdAt: '2023-11-14T22:13:20.000Z' }],
		['createdAt in milliseconds', { createdAt: 1_700_000_000_123 }, { createdAt: '2023-11-14T22:13:20.123Z' }],
		[
			'whatsmeow spellings',
			{ JID: JID, Name: 'N', Topic: 'T', OwnerJID: 'o@s.whatsapp.net' },
			{ jid: JID, name: 'N', description: 'T', createdBy: 'o@s.whatsapp.net' },
		],
		['a bare group id', { jid: undefined, id: '120363406289005073' }, { jid: JID }],
	])('reads %s', (_title, group, expected) => {
		expect(detailOf({ jid: JID, ...group })).toMatchObject(expected);
	});

	it.each([
		[null, 'RyzeAPI answered the group info without a JSON object'],
		[[GROUP_INFO_EXAMPLE], 'RyzeAPI answered the group info without a JSON object'],
		['text', 'RyzeAPI answered the group info without a JSON object'],
		[{ success: true, message: 'ok' }, 'RyzeAPI answered the group info without a group'],
		[{ group: 'Dev Team' }, 'RyzeAPI answered the group info without a group'],
		[{ group: { ...GROUP_INFO_EXAMPLE, name: 42 } }, "RyzeAPI's group info could not be read: name is a number, not text"],
		[
			{ group: { ...GROUP_INFO_EXAMPLE, jid: '5511999999999@s.whatsapp.net' } },
			`RyzeAPI's group info could not be read: jid "5511999999999@s.whatsapp.net" is not a group JID (…@g.us)`,
		],
		[
			{ group: { ...GROUP_INFO_EXAMPLE, participantCount: 2.5 } },
			"RyzeAPI's group info could not be read: participantCount is 2.5, not a count",
		],
		[
			{ group: { ...GROUP_INFO_EXAMPLE, participantCount: [1] } },
			"RyzeAPI's group info could not be read: participantCount is a list, not a count",
		],
		[
			{ group: { ...GROUP_INFO_EXAMPLE, groupSettings: [] } },
			"RyzeAPI's group info could not be read: groupSettings is a list, not an object",
		],
		[
			{ group: { ...GROUP_INFO_EXAMPLE, groupSettings: { membersCanEditInfo: 'no' } } },
			`RyzeAPI's group info could not be read: groupSettings.membersCanEditInfo is "no", not true or false`,
		],
		[{ group: { ...GROUP_INFO_EXAMPLE, createdAt: -1 } }, "RyzeAPI's group info could not be read: createdAt is -1, not a time"],
		[{ group: { ...GROUP_INFO_EXAMPLE, createdAt: 1e300 } }, "RyzeAPI's group info could not be read: createdAt is 1e+300, not a time"],
		[
			{ group: { ...GROUP_INFO_EXAMPLE, createdBy: { jid: 'x' } } },
			"RyzeAPI's group info could not be read: createdBy is an object, not text",
		],
	])('refuses %j: %s', (body, reason) => {
		expect(readGroupDetail(body)).toEqual({ ok: false, reason });
	});

	it('a long value in a reason is cut', () => {
		const read = readGroupDetail({ group: { jid: `${'9'.repeat(500)}@s.whatsapp.net` } });
		expect(read.ok).toBe(false);
		expect(!read.ok && read.reason.length).toBeLessThan(200);
	});

	it('follows no __proto__ key: own keys only', () => {
		const parsed = JSON.parse('{"group": {"__proto__": {"jid": "120363406289005073@g.us", "inviteCode": "EVIL"}, "name": "N"}}') as unknown;
		expect(readGroupDetail(parsed)).toMatchObject({ ok: true, detail: { jid: null, name: 'N', invite: null } });
		const inherited = {
			group: Object.assign(Object.create({ jid: JID, inviteLink: 'https://chat.whatsapp.com/EVIL' }) as object, { name: 'N' }),
		};
		expect(readGroupDetail(inherited)).toMatchObject({ ok: true, detail: { jid: null, invite: null } });
		expect(({} as Record<string, unknown>).jid).toBeUndefined();
	});

	describe('the invite', () => {
		it.each([
			['a code only', { inviteCode: 'ABC-12_x' }, { link: 'https://chat.whatsapp.com/ABC-12_x', code: 'ABC-12_x' }],
			[
				'a link only',
				{ inviteLink: 'https://chat.whatsapp.com/ABC123XYZ/' },
				{ link: 'https://chat.whatsapp.com/ABC123XYZ', code: 'ABC123XYZ' },
			],
			['both null (not admin)', { inviteLink: null, inviteCode: null }, null],
			['both empty', { inviteLink: '', inviteCode: '' }, null],
		])('%s', (_title, invite, expected) => {
			expect(detailOf({ jid: JID, ...invite })).toMatchObject({ invite: expected, inviteProblem: null });
		});

		it.each([
			[
				{ inviteLink: 'http://chat.whatsapp.com/ABC' },
				'inviteLink "http://chat.whatsapp.com/ABC" is not a WhatsApp invite link (https://chat.whatsapp.com/…)',
			],
			[
				{ inviteLink: 'https://chat.whatsapp.com.evil.example/ABC' },
				'inviteLink "https://chat.whatsapp.com.evil.example/ABC" is not a WhatsApp invite link (https://chat.whatsapp.com/…)',
			],
			[
				{ inviteLink: 'https://chat.whatsapp.com/ABC?next=https://evil.example', inviteCode: 'ABC' },
				'inviteLink "https://chat.whatsapp.com/ABC?next=https://evil.example" is not a WhatsApp invite link (https://chat.whatsapp.com/…)',
			],
			[
				{ inviteLink: 'javascript:alert(1)' },
				'inviteLink "javascript:alert(1)" is not a WhatsApp invite link (https://chat.whatsapp.com/…)',
			],
			[{ inviteCode: '../../etc' }, 'inviteCode "../../etc" is not an invite code'],
			[{ inviteCode: 'A'.repeat(65) }, `inviteCode "${'A'.repeat(65)}" is not an invite code`],
			[{ inviteCode: 123 }, 'inviteCode is a number, not text'],
			[{ inviteLink: 'https://chat.whatsapp.com/AAA', inviteCode: 'BBB' }, 'inviteLink and inviteCode name different codes ("AAA", "BBB")'],
		])('%j is never used: %s', (invite, problem) => {
			expect(detailOf({ jid: JID, ...invite })).toMatchObject({ invite: null, inviteProblem: problem });
		});
	});
});

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
