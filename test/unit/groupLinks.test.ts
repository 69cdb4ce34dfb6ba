import { readInviteLink, readJoinRequests, readResetLink } from '../../nodes/RyzeApi/helpers/groupLinks';

describe('readJoinRequests', () => {
	it('reads the documented shape: LID, phone digits (or null), requestedAt', () => {
		const read = readJoinRequests({
			success: true,
			groupJid: '120363406289005073@g.us',
			requests: [
				{ jid: '199789077627112@lid', phoneNumber: '5511999999999@s.whatsapp.net', requestedAt: '2026-04-20T14:00:00Z' },
				{ jid: '199789077627113@lid', phoneNumber: null },
			],
			meta: { total: 2 },
		});
		expect(read).toEqual({
			ok: true,
			groupJid: '120363406289005073@g.us',
			skipped: 0,
			requests: [
				{
					jid: '199789077627112@lid',
					phoneNumber: '5511999999999',
					phoneJid: '5511999999999@s.whatsapp.net',
					requestedAt: '2026-04-20T14:00:00Z',
				},
				{ jid: '199789077627113@lid', phoneNumber: null, phoneJid: null, requestedAt: null },
			],
		});
	});

	it('counts entries without a jid instead of inventing them', () => {
		const read = readJoinRequests({ requests: [{ phoneNumber: '1' }, 'x', { jid: '1@lid' }] });
		expect(read).toMatchObject({ ok: true, skipped: 2, requests: [{ jid: '1@lid' }] });
	});

	it('refuses a body without a requests list', () => {
		expect(readJoinRequests({ ok: 1 })).toEqual({ ok: false, reason: 'RyzeAPI answered without a requests list' });
		expect(readJoinRequests('<html>')).toMatchObject({ ok: false });
	});
});

describe('readInviteLink', () => {
	it.each([
		[{ group: { inviteLink: 'https://chat.whatsapp.com/ABC' } }, 'https://chat.whatsapp.com/ABC'],
		[{ group: { inviteCode: 'ABC', inviteLink: null } }, 'https://chat.whatsapp.com/ABC'],
		[{ data: { inviteLink: 'https://chat.whatsapp.com/X' } }, 'https://chat.whatsapp.com/X'],
		[{ inviteCode: 'TOP' }, 'https://chat.whatsapp.com/TOP'],
		[{ group: { inviteCode: null, inviteLink: null } }, null],
		[null, null],
	])('%p → %p', (body, link) => {
		expect(readInviteLink(body)).toBe(link);
	});
});

describe('readResetLink', () => {
	it('reads the new code and link', () => {
		expect(readResetLink({ inviteCode: 'NEW123XYZ', inviteLink: 'https://chat.whatsapp.com/NEW123XYZ' })).toEqual({
			inviteCode: 'NEW123XYZ',
			inviteLink: 'https://chat.whatsapp.com/NEW123XYZ',
		});
		expect(readResetLink({ inviteLink: 'https://chat.whatsapp.com/ONLY' })).toEqual({
			inviteCode: 'ONLY',
			inviteLink: 'https://chat.whatsapp.com/ONLY',
		});
		expect(readResetLink({ success: true })).toBeNull();
	});
});
