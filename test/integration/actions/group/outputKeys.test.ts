/**
 * Every operation names its output keys (`outputKeys`, and for Manage Participants the
 * follow-ups' `optionalOutputKeys`), and every item it outputs, Success or Failure, has
 * exactly those keys in that order (issue 17). Each operation of the resource index runs
 * against the simulator in the ways that make items: answers read fine, entries that
 * cannot be read, a refused call and an unusable input item (Continue On Fail). A new
 * operation fails here until it has its scenarios below.
 */
import { operations } from '../../../../nodes/RyzeApi/actions/group/Group.resource';
import type { Fault } from '../../../simulator';
import { runNode } from '../../../support/executeContext';
import { SANDBOX, useSimulator } from '../../../support/simulatorHarness';

const { sim, credentials } = useSimulator();
const { customers, waitlist, vip, announcements } = SANDBOX.groups;

interface Scenario {
	title: string;
	params: Record<string, unknown>;
	faults?: Fault[];
}

const refused: Fault = { kind: 'status', status: 403, message: 'Not authorized' };

/** Per operation: runs that together give Success items and every kind of Failure item it makes. */
const SCENARIOS: Record<string, Scenario[]> = {
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
};

describe('Success and Failure items of every operation have the same keys, the ones it names', () => {
	it('has scenarios for every operation of the index', () => {
		expect(Object.keys(SCENARIOS).sort()).toEqual(Object.keys(operations).sort());
	});

	describe.each(Object.keys(operations))('%s', (value) => {
		const operation = operations[value];
		const seen = { success: 0, failure: 0 };

		it.each((SCENARIOS[value] ?? []).map((scenario) => [scenario.title, scenario] as const))('%s', async (_title, scenario) => {
			if (scenario.faults) sim().scriptFaults(scenario.faults);
			const [success, failure] = await runNode({
				credentials: credentials(),
				continueOnFail: true,
				params: { operation: value, instance: '', options: {}, ...scenario.params },
			});
			seen.success += success.length;
			seen.failure += failure.length;
			for (const item of [...success, ...failure]) {
				const keys = Object.keys(item.json);
				expect(keys.slice(0, operation.outputKeys.length)).toEqual([...operation.outputKeys]);
				expect(keys.slice(operation.outputKeys.length).filter((key) => !(operation.optionalOutputKeys ?? []).includes(key))).toEqual([]);
			}
		});

		it('the scenarios gave Success and Failure items (the check above cannot pass on nothing)', () => {
			expect(seen.success).toBeGreaterThan(0);
			expect(seen.failure).toBeGreaterThan(0);
		});
	});
});

describe('List Join Requests drops nothing', () => {
	it('an entry that is not a request is a Failure item saying which and why, with the entry in raw', async () => {
		sim().scriptFaults([
			{ kind: 'json', body: { success: true, groupJid: waitlist.jid, requests: [{ jid: '1@lid' }, { phoneNumber: '5511' }, 'x'] } },
		]);
		const [success, failure] = await runNode({
			credentials: credentials(),
			continueOnFail: false,
			params: { operation: 'listJoinRequests', instance: '', options: {}, group: waitlist.jid },
		});
		expect(success.map((item) => item.json.jid)).toEqual(['1@lid']);
		expect(failure.map((item) => [item.json.errorCode, item.json.error, item.json.raw, item.json.statusCode, item.pairedItem])).toEqual([
			['unexpected_response', 'Join request entry 2 of 3 could not be read: it has no jid', { phoneNumber: '5511' }, 200, { item: 0 }],
			['unexpected_response', 'Join request entry 3 of 3 could not be read: the entry is string, not an object', 'x', 200, { item: 0 }],
		]);
	});
});
