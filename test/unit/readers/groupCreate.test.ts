import { parseParticipants } from '../../../nodes/RyzeApi/helpers/participants';
import { readCreatedGroup } from '../../../nodes/RyzeApi/readers/groupCreate';

const JID = '120363406289005073@g.us';
const sent = (text: string) => parseParticipants(text).participants;
const creator = { jid: '5511900000001@s.whatsapp.net', isAdmin: true, isSuperAdmin: true };

describe('readCreatedGroup', () => {
	it('compares what was sent with what came back: in, not added (with why), unconfirmed', () => {
		const body = {
			success: true,
			group: {
				jid: JID,
				name: 'Dev Team',
				inviteCode: 'CODE1',
				inviteLink: 'https://chat.whatsapp.com/CODE1',
				participants: [creator, { jid: '5511977770001@s.whatsapp.net' }, { jid: '199789077620010@lid' }],
			},
			failedParticipants: [{ jid: '5511977770000@s.whatsapp.net', success: false, error: 'number is not registered on WhatsApp' }],
		};
		expect(readCreatedGroup(body, sent('5511977770001, 5511977770000, 199789077620010@lid, 5511977770002@c.us'))).toEqual({
			ok: true,
			group: {
				groupJid: JID,
				name: 'Dev Team',
				inviteLink: 'https://chat.whatsapp.com/CODE1',
				inviteCode: 'CODE1',
				added: ['5511977770001', '199789077620010@lid'],
				notAdded: [{ participant: '5511977770000', reason: 'number is not registered on WhatsApp' }],
				unconfirmed: [
					{
						participant: '5511977770002@s.whatsapp.net',
						reason:
							"RyzeAPI's answer neither lists them among the members nor as not added (a member shown only by a LID cannot be matched to a phone number)",
					},
				],
			},
		});
	});

	it.each([
		['a failure list under data', { data: { failed: [{ phone: '5511977770001', error: { message: 'privacy' } }] } }, 'privacy'],
		[
			'a list entry without a reason',
			{ notAdded: [{ participant: '5511977770001' }] },
			'RyzeAPI listed them as not added, without a reason',
		],
		[
			'a member entry with success: false',
			{ members: [{ jid: '5511977770001@s.whatsapp.net', success: false }] },
			'RyzeAPI says they were not added, without a reason',
		],
		[
			'whatsmeow: a member with an error code',
			{ members: [{ JID: '5511977770001@s.whatsapp.net', Error: 408 }] },
			'WhatsApp did not add them (code 408)',
		],
	])('reads %s', (_title, extra, reason) => {
		const { members, ...rest } = extra as { members?: unknown[] };
		const body = { success: true, group: { jid: JID, participants: [creator, ...(members ?? [])] }, ...rest };
		expect(readCreatedGroup(body, sent('5511977770001'))).toMatchObject({
			ok: true,
			group: { added: [], notAdded: [{ participant: '5511977770001', reason }], unconfirmed: [] },
		});
	});

	it('a person listed both in and not added: unconfirmed, never guessed', () => {
		const body = {
			group: { jid: JID, participants: [{ jid: '5511977770001@s.whatsapp.net' }] },
			failedParticipants: [{ jid: '5511977770001@s.whatsapp.net', error: 'x' }],
		};
		expect(readCreatedGroup(body, sent('5511977770001'))).toMatchObject({
			ok: true,
			group: {
				added: [],
				notAdded: [],
				unconfirmed: [{ participant: '5511977770001', reason: /both among the members and as not added/ }],
			},
		});
	});

	it('no member list: nobody is assumed in; no WhatsApp invite: no link', () => {
		const body = { success: true, group: { jid: JID, inviteLink: 'https://evil.example/X' } };
		expect(readCreatedGroup(body, sent('5511977770001'))).toMatchObject({
			ok: true,
			group: {
				inviteLink: null,
				inviteCode: null,
				added: [],
				unconfirmed: [{ participant: '5511977770001', reason: /does not list the group's members/ }],
			},
		});
	});

	it.each([
		['not an object', 'Created'],
		['success: false', { success: false, message: 'nope', group: { jid: JID } }],
		['no group JID', { success: true, group: { name: 'Dev' } }],
	])('not a confirmation: %s', (_title, body) => {
		expect(readCreatedGroup(body, sent('5511977770001'))).toMatchObject({ ok: false });
	});
});
