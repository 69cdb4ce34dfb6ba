import { readGroupInvite } from '../../../nodes/RyzeApi/readers/groupInvite';

const jid = '120363406289005073@g.us';

describe('readGroupInvite (GET /info, participants=false)', () => {
	it('reads the documented shape: the link under group, its name and JID', () => {
		expect(
			readGroupInvite({
				success: true,
				group: { jid, name: 'Customers', inviteCode: 'AbC123', inviteLink: 'https://chat.whatsapp.com/AbC123' },
			}),
		).toEqual({
			inviteLink: 'https://chat.whatsapp.com/AbC123',
			foreignLink: false,
			sendableLink: 'https://chat.whatsapp.com/AbC123',
			groupName: 'Customers',
			groupJid: jid,
		});
	});

	it('also under data or at the top level; a code alone makes the link', () => {
		expect(readGroupInvite({ data: { jid, subject: 'Team', inviteCode: 'XyZ_9-' } })).toMatchObject({
			sendableLink: 'https://chat.whatsapp.com/XyZ_9-',
			groupName: 'Team',
			groupJid: jid,
		});
		expect(readGroupInvite({ jid, name: 'Top', inviteLink: 'https://chat.whatsapp.com/T0p' })).toMatchObject({ groupName: 'Top' });
	});

	it('no link for a non-admin: both null; the name is still read', () => {
		expect(readGroupInvite({ group: { jid, name: 'Announcements', inviteCode: null, inviteLink: null } })).toEqual({
			inviteLink: null,
			foreignLink: false,
			sendableLink: null,
			groupName: 'Announcements',
			groupJid: jid,
		});
	});

	it.each([
		['another host', 'https://evil.example/AbC'],
		['http', 'http://chat.whatsapp.com/AbC'],
		['a path', 'https://chat.whatsapp.com/AbC/../x'],
		['spaces', 'https://chat.whatsapp.com/AbC def'],
		['too long', `https://chat.whatsapp.com/${'a'.repeat(300)}`],
	])('a link that is not a WhatsApp invite link (%s) is never shown nor sent, and said to be foreign', (_case, link) => {
		const read = readGroupInvite({ group: { inviteLink: link } });
		expect(read.inviteLink).toBeNull();
		expect(read.foreignLink).toBe(true);
		expect(read.sendableLink).toBeNull();
	});

	it('an untrusted name is cleaned and bounded; a JID that is not a group JID is dropped', () => {
		const read = readGroupInvite({ group: { name: ` Ops\n\u0007Team${'x'.repeat(1000)}`, jid: '5511999999999@s.whatsapp.net' } });
		expect(read.groupName).toBe(`OpsTeam${'x'.repeat(193)}`);
		expect(read.groupJid).toBeNull();
		expect(readGroupInvite({ group: { name: 42, jid: ['x'] } })).toEqual({
			inviteLink: null,
			foreignLink: false,
			sendableLink: null,
			groupName: null,
			groupJid: null,
		});
	});

	it.each([null, 'text', 7, [], { group: 'x' }])('never throws: %p', (body) => {
		expect(readGroupInvite(body)).toEqual({ inviteLink: null, foreignLink: false, sendableLink: null, groupName: null, groupJid: null });
	});
});
