/**
 * Every operation names its output keys (`outputKeys`, and for Manage Participants the
 * follow-ups' `optionalOutputKeys`), and every item it outputs, Success or Failure, has
 * exactly those keys in that order (issue 17). Each operation of the resource index runs
 * against the simulator in the ways that make items: answers read fine, entries that
 * cannot be read, a refused call and an unusable input item (Continue On Fail). A new
 * operation fails here until it has its scenarios below; a scenario that gives no
 * item, or scenarios that give no Success (or no Failure) item, fail naming what the
 * simulator answered (a 404: it has no route for the operation yet).
 */
import { operations } from '../../../../nodes/RyzeApi/actions/group/Group.resource';
import { ROUTES } from '../../../contract/ryzeapi';
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

/** The contract's route a call went to, or null: its method, and its path with `:instance` one path segment. */
function contractRoute(method: string, path: string): string | null {
	const route = Object.entries(ROUTES).find(
		([, fact]) => fact.value.method === method && new RegExp(`^${fact.value.path.replace(':instance', '[^/]+')}/?$`).test(path),
	);
	return route ? route[0] : null;
}

/** "GET /api/group/info/sandbox → 404", each call the simulator received, or "nothing (no call was sent)". */
function simulatorAnswers(): string {
	const calls = sim().calls.map((call) => `${call.method} ${call.path} → ${call.status === 0 ? 'connection dropped' : call.status}`);
	return calls.length === 0 ? 'nothing (no call was sent)' : calls.join(', ');
}

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

describe('Success and Failure items of every operation have the same keys, the ones it names', () => {
	it('has scenarios for every operation of the index', () => {
		const missing = Object.keys(operations).filter((value) => (SCENARIOS[value] ?? []).length === 0);
		if (missing.length > 0) {
			throw new Error(
				`No scenarios for ${missing.join(', ')} in SCENARIOS (test/integration/actions/group/outputKeys.test.ts): add runs that ` +
					'give Success items and every kind of Failure item it makes (a refused call, an unusable input item, entries that cannot be read).',
			);
		}
		expect(Object.keys(SCENARIOS).sort()).toEqual(Object.keys(operations).sort());
	});

	describe.each(Object.keys(operations))('%s', (value) => {
		const operation = operations[value];
		const seen = { success: 0, failure: 0 };
		/** Per scenario: its items, and what the simulator answered. */
		const answered: string[] = [];
		/** Every call its scenarios sent that is to no route of the contract. */
		const offContract = new Set<string>();

		const scenarios = (SCENARIOS[value] ?? []).map((scenario) => [scenario.title, scenario] as const);
		// No scenarios: "has scenarios for every operation" above says so.
		if (scenarios.length > 0)
			it.each(scenarios)('%s', async (title, scenario) => {
				if (scenario.faults) sim().scriptFaults(scenario.faults);
				const [success, failure] = await runNode({
					credentials: credentials(),
					continueOnFail: true,
					params: { operation: value, instance: '', options: {}, ...scenario.params },
				});
				seen.success += success.length;
				seen.failure += failure.length;
				const statuses = simulatorAnswers();
				for (const call of sim().calls) if (!contractRoute(call.method, call.path)) offContract.add(`${call.method} ${call.path}`);
				answered.push(`"${title}": ${success.length} Success, ${failure.length} Failure; the simulator answered ${statuses}`);
				if (success.length + failure.length === 0) {
					throw new Error(`"${title}" gave no item (nothing to check the keys of); the simulator answered ${statuses}`);
				}
				for (const item of [...success, ...failure]) {
					const keys = Object.keys(item.json);
					expect(keys.slice(0, operation.outputKeys.length)).toEqual([...operation.outputKeys]);
					expect(keys.slice(operation.outputKeys.length).filter((key) => !(operation.optionalOutputKeys ?? []).includes(key))).toEqual([]);
				}
			});

		it('calls only routes the RyzeAPI contract documents', () => {
			if (offContract.size > 0) {
				throw new Error(
					`${value} called ${[...offContract].join(', ')}, which the RyzeAPI contract does not list: write down in ROUTES of ` +
						'test/contract/ryzeapi.ts what RyzeAPI documents for it (method, path, idempotent), with the doc page.',
				);
			}
		});

		it('the scenarios gave Success and Failure items (the check above cannot pass on nothing)', () => {
			if (scenarios.length === 0) throw new Error(`No scenario ran for ${value}: add its scenarios to SCENARIOS.`);
			const missing = [seen.success === 0 ? 'Success' : null, seen.failure === 0 ? 'Failure' : null].filter(Boolean);
			if (missing.length > 0) {
				throw new Error(
					`No ${missing.join(' or ')} item from the scenarios of ${value}:\n- ${answered.join('\n- ')}\n` +
						'A 404 on every call means the simulator has no route for it (test/simulator/routes.ts and groupRoutes.ts, after the contract test/contract/ryzeapi.ts).',
				);
			}
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
