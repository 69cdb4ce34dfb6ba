import { readInviteLink, readJoinRequests, readResetLink } from '../../../nodes/RyzeApi/readers/groupLinks';

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
			unreadable: [],
			total: 2,
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

	it('keeps every entry that is not a request, with the reason, instead of inventing or dropping it', () => {
		const entries = [{ phoneNumber: '1' }, 'x', { jid: '1@lid' }, null, [1], { jid: 7 }, { jid: '2@lid', phoneNumber: { n: 1 } }];
		const read = readJoinRequests({ requests: entries });
		expect(read).toEqual({
			ok: true,
			groupJid: null,
			total: 7,
			requests: [{ jid: '1@lid', phoneNumber: null, phoneJid: null, requestedAt: null }],
			unreadable: [
				{ position: 0, reason: 'it has no jid', raw: { phoneNumber: '1' } },
				{ position: 1, reason: 'the entry is string, not an object', raw: 'x' },
				{ position: 3, reason: 'the entry is null, not an object', raw: null },
				{ position: 4, reason: 'the entry is a list, not an object', raw: [1] },
				{ position: 5, reason: 'jid is number, not text', raw: { jid: 7 } },
				{ position: 6, reason: 'phoneNumber is object, not text', raw: { jid: '2@lid', phoneNumber: { n: 1 } } },
			],
		});
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

	it.each([
		['a link to another site', { group: { inviteLink: 'https://evil.example/ABC', inviteCode: 'ABC' } }],
		['a plain-http WhatsApp link', { group: { inviteLink: 'http://chat.whatsapp.com/ABC' } }],
		['a link and a code that disagree', { group: { inviteLink: 'https://chat.whatsapp.com/ABC', inviteCode: 'XYZ' } }],
		['a code that is not one', { group: { inviteCode: 'A B/../C' } }],
	])('gives no link for %s: a later node may send it to people', (_title, body) => {
		expect(readInviteLink(body)).toBeNull();
	});
});

describe('readResetLink', () => {
	it('reads the new code and link, and the group when RyzeAPI names it', () => {
		expect(
			readResetLink({
				success: true,
				groupJid: '120363406289005073@g.us',
				inviteCode: 'NEW123XYZ',
				inviteLink: 'https://chat.whatsapp.com/NEW123XYZ',
			}),
		).toEqual({ inviteCode: 'NEW123XYZ', inviteLink: 'https://chat.whatsapp.com/NEW123XYZ', groupJid: '120363406289005073@g.us' });
		expect(readResetLink({ inviteLink: 'https://chat.whatsapp.com/ONLY' })).toEqual({
			inviteCode: 'ONLY',
			inviteLink: 'https://chat.whatsapp.com/ONLY',
			groupJid: null,
		});
		expect(readResetLink({ data: { inviteCode: 'IN_DATA' }, groupJid: 'not a group' })).toEqual({
			inviteCode: 'IN_DATA',
			inviteLink: 'https://chat.whatsapp.com/IN_DATA',
			groupJid: null,
		});
		expect(readResetLink({ success: true })).toBeNull();
		expect(readResetLink({ inviteCode: 'X', inviteLink: 'https://evil.example/X' })).toBeNull();
	});
});
