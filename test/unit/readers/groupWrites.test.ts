import { readJoinAnswer, readLeaveAnswer, readUpdatedGroup } from '../../../nodes/RyzeApi/readers/groupWrites';

const JID = '120363406289005073@g.us';

describe('readUpdatedGroup', () => {
	it.each([
		['GroupInfo under group (the simulator)', { success: true, message: 'Group updated: name', group: { jid: JID, name: 'Dev' } }],
		['under data.group', { success: true, data: { group: { jid: JID, subject: 'Dev' } } }],
		['under data', { success: true, data: { id: JID, name: 'Dev' } }],
		['at the top', { jid: JID, name: 'Dev' }],
	])('%s', (_title, body) => {
		expect(readUpdatedGroup(body)).toEqual({ ok: true, groupJid: JID, name: 'Dev' });
	});

	it('success: true without the group: acknowledged, the group unknown', () => {
		expect(readUpdatedGroup({ success: true, message: 'No changes' })).toEqual({ ok: true, groupJid: null, name: null });
	});

	it.each([
		['not an object', '<html>', /without a JSON object/],
		['success: false', { success: false, message: 'nope' }, /with success: false \(nope\)/],
		['neither success nor a group', { ok: 1, result: 'weird' }, /without success: true and without the group/],
	])('not an acknowledgement: %s', (_title, body, reason) => {
		const read = readUpdatedGroup(body);
		expect(read.ok).toBe(false);
		expect(!read.ok && read.reason).toMatch(reason);
	});

	it('reads only own keys, and a JID only when it is a group JID', () => {
		const body = JSON.parse('{"success": true, "__proto__": {"jid": "120363406289005073@g.us"}, "group": {"jid": "5511@s.whatsapp.net"}}');
		expect(readUpdatedGroup(body)).toEqual({ ok: true, groupJid: null, name: null });
	});
});

describe('readJoinAnswer', () => {
	it.each([
		[
			{ success: true, groupJid: JID, requiresApproval: false },
			{ ok: true, groupJid: JID, requiresApproval: false },
		],
		[
			{ success: true, groupJid: JID, requiresApproval: 'true' },
			{ ok: true, groupJid: JID, requiresApproval: true },
		],
		[
			{ success: true, groupJid: JID },
			{ ok: true, groupJid: JID, requiresApproval: null },
		],
		[
			{ success: true, data: { groupJid: JID, requiresApproval: true } },
			{ ok: true, groupJid: JID, requiresApproval: true },
		],
		[
			{ groupJid: JID, requiresApproval: 1 },
			{ ok: true, groupJid: JID, requiresApproval: null },
		],
	])('%p → %p', (body, read) => {
		expect(readJoinAnswer(body)).toEqual(read);
	});

	it('refuses an answer that does not confirm the join', () => {
		expect(readJoinAnswer({ ok: 1 })).toMatchObject({ ok: false });
		expect(readJoinAnswer({ success: false, error: 'Invalid invite link or code' })).toEqual({
			ok: false,
			reason: 'RyzeAPI answered the join with success: false (Invalid invite link or code)',
		});
	});
});

describe('readLeaveAnswer', () => {
	it('reads the group left, as documented', () => {
		expect(readLeaveAnswer({ success: true, message: 'Successfully left the group', groupJid: JID })).toEqual({ ok: true, groupJid: JID });
		expect(readLeaveAnswer({ success: true })).toEqual({ ok: true, groupJid: null });
		expect(readLeaveAnswer({ groupJid: 'x' })).toMatchObject({ ok: false });
		expect(readLeaveAnswer(null)).toMatchObject({ ok: false });
	});
});
