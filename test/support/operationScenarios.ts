/**
 * Per operation of the resource index, the runs against the simulator that together give
 * Success items and every kind of Failure item it makes: answers read fine, entries that
 * cannot be read, a refused call, an unusable input item (under Continue On Fail). Run by
 * test/integration/actions/group/outputKeys.test.ts (every item has the operation's keys;
 * "has scenarios for every operation of the index"), and failureItems.test.ts.
 */
import type { Fault } from '../simulator';
import { SANDBOX } from './simulatorHarness';

const { customers, waitlist, vip, announcements } = SANDBOX.groups;

export interface Scenario {
	title: string;
	params: Record<string, unknown>;
	faults?: Fault[];
}

const refused: Fault = { kind: 'status', status: 403, message: 'Not authorized' };

export const SCENARIOS: Record<string, Scenario[]> = {
	manageParticipants: [
		{
			title: 'an add: one in, one refused, one unusable entry',
			params: { action: 'add', group: customers.jid, participants: '5511977770001, 5511977770000, letters' },
		},
		{
			title: 'an add refused as a whole',
			params: { action: 'add', group: customers.jid, participants: '5511977770002' },
			faults: [refused],
		},
		{ title: 'an unusable input item', params: { action: 'add', group: 'not a group', participants: '5511977770003' } },
		{
			title: 'blocked adds with Send Invite When Add Is Blocked: one invited, one LID, one past the cap',
			params: {
				action: 'add',
				group: customers.jid,
				participants: '5511977770403, 199789077620403@lid, 5511977771403',
				options: { sendInviteWhenBlocked: true, maxInvitesPerRun: 1 },
			},
		},
	],
	listJoinRequests: [
		{ title: 'the pending requests', params: { group: waitlist.jid } },
		{
			title: 'entries that are not requests',
			params: { group: waitlist.jid },
			faults: [
				{ kind: 'json', body: { success: true, groupJid: waitlist.jid, requests: [{ jid: '1@lid' }, { phoneNumber: '5511' }, 'x'] } },
			],
		},
		{ title: 'a refused call', params: { group: waitlist.jid }, faults: [refused] },
		{ title: 'an unusable input item', params: { group: 'not a group' } },
	],
	listGroups: [
		{ title: 'the groups', params: { returnAll: true } },
		{
			title: 'entries that are not groups',
			params: { returnAll: true },
			faults: [{ kind: 'json', body: { success: true, groups: [{ jid: vip.jid, isCommunity: 'x' }, 7, {}] } }],
		},
		{ title: 'a refused call', params: { returnAll: true }, faults: [refused] },
		{ title: 'an unusable input item', params: { returnAll: false, limit: 0 } },
	],
	getGroup: [
		{ title: 'a group', params: { group: customers.jid } },
		{ title: 'a group without invite (not admin)', params: { group: SANDBOX.groups.announcements.jid } },
		{ title: 'an answer that cannot be read', params: { group: customers.jid }, faults: [{ kind: 'garbage' }] },
		{ title: 'a refused call', params: { group: customers.jid }, faults: [refused] },
		{ title: 'an unusable input item', params: { group: 'not a group' } },
	],
	getInviteLink: [
		{ title: 'a link', params: { group: customers.jid } },
		{ title: 'no link (not admin)', params: { group: SANDBOX.groups.announcements.jid } },
		{
			title: "a link that is not WhatsApp's",
			params: { group: customers.jid },
			faults: [{ kind: 'json', body: { group: { jid: customers.jid, inviteLink: 'https://evil.example/x' } } }],
		},
		{ title: 'a refused call', params: { group: customers.jid }, faults: [refused] },
		{ title: 'an unusable input item', params: { group: 'not a group' } },
	],
	sendInviteLink: [
		{
			title: 'invites: one sent, one not on WhatsApp, a LID, an unusable entry',
			params: { group: customers.jid, participants: '5511977770001, 5511977770000, 199789077620004@lid, letters' },
		},
		{ title: 'a group without a link', params: { group: announcements.jid, participants: '5511977770002' } },
		{
			title: 'a refused message',
			params: { group: customers.jid, participants: '5511977770003' },
			faults: [{ ...refused, match: { pathPrefix: '/api/message/text' } }],
		},
		{ title: 'an unusable input item', params: { group: 'not a group', participants: '5511977770004' } },
	],
	listParticipants: [
		{ title: 'the members', params: { group: vip.jid } },
		{
			title: 'entries that are not members',
			params: { group: vip.jid },
			faults: [
				{ kind: 'json', body: { success: true, group: { jid: vip.jid, participants: [{ jid: '5511944440001@s.whatsapp.net' }, 7, {}] } } },
			],
		},
		{ title: 'a refused call', params: { group: vip.jid }, faults: [refused] },
		{ title: 'an unusable input item', params: { group: 'not a group' } },
	],
	// The group writes (issue 23).
	resetInviteLink: [
		{ title: 'a new link', params: { group: customers.jid } },
		{ title: 'an answer without a WhatsApp invite', params: { group: customers.jid }, faults: [{ kind: 'garbage' }] },
		{ title: 'a refused call', params: { group: customers.jid }, faults: [refused] },
		{ title: 'an unusable input item', params: { group: 'not a group' } },
	],
	updateGroup: [
		{ title: 'a rename', params: { group: customers.jid, updateFields: { name: 'Renamed' } } },
		{
			title: 'an answer that does not confirm it',
			params: { group: customers.jid, updateFields: { name: 'R' } },
			faults: [{ kind: 'garbage' }],
		},
		{ title: 'a refused call', params: { group: customers.jid, updateFields: { name: 'R' } }, faults: [refused] },
		{ title: 'nothing to update', params: { group: customers.jid, updateFields: {} } },
	],
	createGroup: [
		{
			title: 'a group, one person not added, one never sent',
			params: { groupName: 'New', participants: '5511977770001, 5511977770000, x' },
		},
		{
			title: 'an answer without the group JID',
			params: { groupName: 'New', participants: '5511977770001' },
			faults: [{ kind: 'json', status: 201, body: { success: true } }],
		},
		{ title: 'a refused call', params: { groupName: 'New', participants: '5511977770001' }, faults: [refused] },
		{ title: 'an unusable input item', params: { groupName: '', participants: '5511977770001' } },
	],
	joinGroup: [
		{ title: 'a join (already in: the same groupJid)', params: { inviteLink: vip.inviteCode } },
		{ title: 'an answer that does not confirm it', params: { inviteLink: vip.inviteCode }, faults: [{ kind: 'garbage' }] },
		{ title: 'a refused call', params: { inviteLink: vip.inviteCode }, faults: [refused] },
		{ title: 'a JID instead of an invite', params: { inviteLink: vip.jid } },
	],
	leaveGroup: [
		{ title: 'a group left', params: { group: SANDBOX.groups.announcements.jid } },
		{ title: 'an answer that does not confirm it', params: { group: SANDBOX.groups.announcements.jid }, faults: [{ kind: 'garbage' }] },
		{ title: 'a refused call', params: { group: SANDBOX.groups.announcements.jid }, faults: [refused] },
		{ title: 'an unusable input item', params: { group: 'not a group' } },
	],
};
