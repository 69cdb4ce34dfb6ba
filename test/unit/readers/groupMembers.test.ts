/** Reading the member list of GET /api/group/info?participants=true, and the items made from it. */
import { InputError } from '../../../nodes/RyzeApi/helpers/inputError';
import { keepsRole, membersToItems, validateMemberRole } from '../../../nodes/RyzeApi/actions/group/listParticipants/items';
import { readGroupMembers, readMember } from '../../../nodes/RyzeApi/readers/groupMembers';

const GROUP = '120363000000000004@g.us';

describe('readMember', () => {
	it.each([
		[
			'a phone JID with a LID',
			{ jid: '5511944440001@s.whatsapp.net', lid: '199789077620001@lid', isAdmin: false, isSuperAdmin: false },
			{
				jid: '5511944440001@s.whatsapp.net',
				lid: '199789077620001@lid',
				phoneNumber: '5511944440001',
				isAdmin: false,
				isSuperAdmin: false,
			},
		],
		[
			'a phone JID, lid null',
			{ jid: '5511944440002@s.whatsapp.net', lid: null, isAdmin: true, isSuperAdmin: false },
			{ jid: '5511944440002@s.whatsapp.net', lid: null, phoneNumber: '5511944440002', isAdmin: true, isSuperAdmin: false },
		],
		[
			'a LID only (phone hidden)',
			{ jid: '199789077620004@lid', lid: '199789077620004@lid', isAdmin: false, isSuperAdmin: false },
			{ jid: '199789077620004@lid', lid: '199789077620004@lid', phoneNumber: null, isAdmin: false, isSuperAdmin: false },
		],
		[
			'a lid and no jid',
			{ lid: '199789077620004@lid' },
			{ jid: '199789077620004@lid', lid: '199789077620004@lid', phoneNumber: null, isAdmin: false, isSuperAdmin: false },
		],
		[
			'a LID as jid and a phoneNumber beside it',
			{ jid: '199789077620005@lid', phoneNumber: '5511944440009@s.whatsapp.net' },
			{ jid: '199789077620005@lid', lid: '199789077620005@lid', phoneNumber: '5511944440009', isAdmin: false, isSuperAdmin: false },
		],
		[
			'a device suffix and @c.us',
			{ jid: '5511944440001:12@c.us' },
			{ jid: '5511944440001:12@c.us', lid: null, phoneNumber: '5511944440001', isAdmin: false, isSuperAdmin: false },
		],
		[
			'Baileys style: id and admin "superadmin"',
			{ id: '5511944449999@s.whatsapp.net', admin: 'superadmin' },
			{ jid: '5511944449999@s.whatsapp.net', lid: null, phoneNumber: '5511944449999', isAdmin: true, isSuperAdmin: true },
		],
		[
			'Baileys style: admin null',
			{ id: '5511944440003@s.whatsapp.net', admin: null },
			{ jid: '5511944440003@s.whatsapp.net', lid: null, phoneNumber: '5511944440003', isAdmin: false, isSuperAdmin: false },
		],
		[
			'whatsmeow style: JID, LID, IsAdmin',
			{ JID: '5511944440001@s.whatsapp.net', LID: '199789077620001@lid', IsAdmin: true, IsSuperAdmin: false },
			{ jid: '5511944440001@s.whatsapp.net', lid: '199789077620001@lid', phoneNumber: '5511944440001', isAdmin: true, isSuperAdmin: false },
		],
		[
			'a super-admin without isAdmin is an admin',
			{ jid: '5511944449999@s.whatsapp.net', isSuperAdmin: true },
			{ jid: '5511944449999@s.whatsapp.net', lid: null, phoneNumber: '5511944449999', isAdmin: true, isSuperAdmin: true },
		],
		[
			'flags as text',
			{ jid: '5511944440001@s.whatsapp.net', isAdmin: 'true', isSuperAdmin: 'false' },
			{ jid: '5511944440001@s.whatsapp.net', lid: null, phoneNumber: '5511944440001', isAdmin: true, isSuperAdmin: false },
		],
	])('%s', (_title, entry, member) => {
		expect(readMember(entry)).toEqual({ ok: true, member });
	});

	it.each([
		['null', null, 'the entry is null, not an object'],
		['a string', '5511944440001@s.whatsapp.net', 'the entry is string, not an object'],
		['a list', ['x'], 'the entry is a list, not an object'],
		['no jid, no lid', { isAdmin: true }, 'it has neither a jid nor a lid'],
		['a number as jid', { jid: 5511944440001 }, 'jid is number, not text'],
		[
			'a group JID as member',
			{ jid: '120363000000000001@g.us' },
			'jid "120363000000000001@g.us" is neither a phone JID (…@s.whatsapp.net) nor a LID (…@lid)',
		],
		['letters as jid', { jid: 'someone' }, 'jid "someone" is neither a phone JID (…@s.whatsapp.net) nor a LID (…@lid)'],
		[
			'a phone JID as lid',
			{ jid: '5511944440001@s.whatsapp.net', lid: '5511944440001@s.whatsapp.net' },
			'lid "5511944440001@s.whatsapp.net" is not a LID (…@lid)',
		],
		['isAdmin not a flag', { jid: '5511944440001@s.whatsapp.net', isAdmin: 'yes' }, 'isAdmin is "yes", not true or false'],
		[
			'admin an unknown role',
			{ jid: '5511944440001@s.whatsapp.net', admin: 'owner' },
			'admin is "owner", not "admin", "superadmin" or null',
		],
	])('cannot read %s, and says why', (_title, entry, reason) => {
		expect(readMember(entry)).toEqual({ ok: false, reason });
	});
});

describe('readGroupMembers', () => {
	const participants = [
		{ jid: '5511944449999@s.whatsapp.net', lid: '199789077620099@lid', isAdmin: true, isSuperAdmin: true },
		{ jid: '199789077620004@lid', lid: '199789077620004@lid', isAdmin: false, isSuperAdmin: false },
		{ jid: 42 },
		{ jid: '5511944440002@s.whatsapp.net', lid: null, isAdmin: false, isSuperAdmin: false },
	];

	it.each([
		[
			'under group (the simulator, and what the docs suggest)',
			{ success: true, group: { jid: GROUP, name: 'VIP Clients', participantCount: 4, participants } },
		],
		['under data', { success: true, data: { id: GROUP, subject: 'VIP Clients', size: 4, participants } }],
		['at the top', { jid: GROUP, name: 'VIP Clients', participantCount: 4, participants }],
	])('reads the list %s, keeping every entry it cannot read', (_title, body) => {
		const read = readGroupMembers(body);
		expect(read).toEqual({
			ok: true,
			groupJid: GROUP,
			groupName: 'VIP Clients',
			reportedCount: 4,
			members: [
				{
					jid: '5511944449999@s.whatsapp.net',
					lid: '199789077620099@lid',
					phoneNumber: '5511944449999',
					isAdmin: true,
					isSuperAdmin: true,
				},
				{ jid: '199789077620004@lid', lid: '199789077620004@lid', phoneNumber: null, isAdmin: false, isSuperAdmin: false },
				{ jid: '5511944440002@s.whatsapp.net', lid: null, phoneNumber: '5511944440002', isAdmin: false, isSuperAdmin: false },
			],
			unreadable: [{ position: 2, reason: 'jid is number, not text', raw: { jid: 42 } }],
		});
	});

	it('takes the group JID from the top when the group has none, and leaves name and count null when absent', () => {
		expect(readGroupMembers({ groupJid: GROUP, group: { participants: [] } })).toEqual({
			ok: true,
			groupJid: GROUP,
			groupName: null,
			reportedCount: null,
			members: [],
			unreadable: [],
		});
	});

	it.each([
		['no body', undefined, 'RyzeAPI answered the group info without a JSON object'],
		['text', 'ok', 'RyzeAPI answered the group info without a JSON object'],
		[
			'participants=false shape',
			{ success: true, group: { jid: GROUP, name: 'x' } },
			'RyzeAPI answered the group info without a participants list',
		],
		['participants not a list', { group: { participants: { a: 1 } } }, 'RyzeAPI answered the group info without a participants list'],
	])('refuses %s', (_title, body, reason) => {
		expect(readGroupMembers(body)).toEqual({ ok: false, reason });
	});
});

describe('role filter and items', () => {
	const admin = { jid: 'a@lid', lid: 'a@lid', phoneNumber: null, isAdmin: true, isSuperAdmin: false };
	const member = { jid: '5511944440002@s.whatsapp.net', lid: null, phoneNumber: '5511944440002', isAdmin: false, isSuperAdmin: false };

	it('filters by role', () => {
		expect([admin, member].filter((m) => keepsRole(m, 'all'))).toEqual([admin, member]);
		expect([admin, member].filter((m) => keepsRole(m, 'admins'))).toEqual([admin]);
		expect([admin, member].filter((m) => keepsRole(m, 'nonAdmins'))).toEqual([member]);
	});

	it('validates the role: empty is all, anything else unknown is refused naming the field', () => {
		expect(validateMemberRole(undefined)).toBe('all');
		expect(validateMemberRole('')).toBe('all');
		expect(validateMemberRole('admins')).toBe('admins');
		expect(() => validateMemberRole('owners')).toThrow(InputError);
		expect(() => validateMemberRole('owners')).toThrow('Role "owners" is not supported');
	});

	it('one Success item per kept member, one Failure item per unreadable entry whatever the filter', () => {
		const read = {
			ok: true as const,
			groupJid: GROUP,
			groupName: 'VIP Clients',
			reportedCount: 3,
			members: [admin, member],
			unreadable: [{ position: 1, reason: 'it has neither a jid nor a lid', raw: {} }],
		};
		const items = membersToItems(read, 'nonAdmins', { group: 'VIPCLIENTS0004', instance: 'sandbox' }, 200);
		expect(items.success).toEqual([
			{
				success: true,
				jid: member.jid,
				lid: null,
				phoneNumber: '5511944440002',
				isAdmin: false,
				isSuperAdmin: false,
				group: 'VIPCLIENTS0004',
				groupJid: GROUP,
				groupName: 'VIP Clients',
				instance: 'sandbox',
				error: null,
				errorCode: null,
				statusCode: 200,
				outcomeUnknown: false,
				raw: null,
			},
		]);
		expect(items.failure).toEqual([
			{
				success: false,
				jid: null,
				lid: null,
				phoneNumber: null,
				isAdmin: null,
				isSuperAdmin: null,
				group: 'VIPCLIENTS0004',
				groupJid: GROUP,
				groupName: 'VIP Clients',
				instance: 'sandbox',
				error: 'Member entry 2 of 3 could not be read: it has neither a jid nor a lid',
				errorCode: 'unexpected_response',
				statusCode: 200,
				outcomeUnknown: false,
				raw: {},
			},
		]);
		expect(Object.keys(items.failure[0])).toEqual(expect.arrayContaining(Object.keys(items.success[0])));
	});
});
