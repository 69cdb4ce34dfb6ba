/**
 * Every action of the table (ACTIONS) against the simulator: one row each, with a
 * participant it succeeds for, one it fails for, and where the first one stands in
 * the group afterwards. A new action fails "has a behaviour row for every action"
 * until it has its row, and its row fails until the simulator does what RyzeAPI
 * does for it (test/simulator/participants.ts).
 */
import { PARTICIPANT_ACTIONS } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/actions';
import { runNode } from '../../../../support/executeContext';
import { SANDBOX, useSimulator } from '../../../../support/simulatorHarness';

const { sim, credentials } = useSimulator();
const { customers, waitlist } = SANDBOX.groups;

/** Where a participant stands in the simulator's group. */
function inGroup(groupJid: string, participant: string): { member: boolean; admin: boolean; pending: boolean } {
	const group = sim().state.resolveGroup(groupJid);
	const jid = participant.includes('@') ? participant : `${participant}@s.whatsapp.net`;
	const member = group ? sim().state.findMember(group, jid) : undefined;
	return {
		member: member !== undefined,
		admin: member?.isAdmin === true,
		pending: group?.pending.some((request) => request.lid === jid || `${request.phone}@s.whatsapp.net` === jid) === true,
	};
}

const ACTION_ROWS: Record<
	string,
	{ group: string; participants: string; ok: string[]; codes: string[]; after: { member: boolean; admin: boolean; pending: boolean } }
> = {
	add: {
		group: customers.jid,
		participants: '5511977770001, 5511911110001',
		ok: ['5511977770001'],
		codes: ['already_member'],
		after: { member: true, admin: false, pending: false },
	},
	remove: {
		group: customers.jid,
		participants: '5511911110001, 5511977770001',
		ok: ['5511911110001'],
		codes: ['not_member'],
		after: { member: false, admin: false, pending: false },
	},
	promote: {
		group: customers.jid,
		participants: '5511911110003, 5511977770001',
		ok: ['5511911110003'],
		codes: ['not_member'],
		after: { member: true, admin: true, pending: false },
	},
	demote: {
		group: customers.jid,
		participants: '5511911110002, 5511977770001',
		ok: ['5511911110002'],
		codes: ['not_member'],
		after: { member: true, admin: false, pending: false },
	},
	approve: {
		group: waitlist.jid,
		participants: '199789077627112@lid, 199789077627199@lid',
		ok: ['199789077627112@lid'],
		codes: ['no_pending_request'],
		after: { member: true, admin: false, pending: false },
	},
	reject: {
		group: waitlist.jid,
		participants: '199789077627113@lid, 199789077627199@lid',
		ok: ['199789077627113@lid'],
		codes: ['no_pending_request'],
		after: { member: false, admin: false, pending: false },
	},
};

describe('each action of the table against the simulator', () => {
	it('has a behaviour row for every action of the table', () => {
		const missing = PARTICIPANT_ACTIONS.filter((action) => !(action in ACTION_ROWS));
		if (missing.length > 0) {
			throw new Error(
				`No behaviour row for ${missing.map((action) => `"${action}"`).join(', ')} in ACTION_ROWS of test/integration/actions/group/manageParticipants/actions.test.ts: add one (a participant it ` +
					'succeeds for, one it fails for, what the group is afterwards), and its effect in the simulator ' +
					'(applyParticipantAction in test/simulator/participants.ts) when it changes the group in a new way.',
			);
		}
	});

	it.each(Object.entries(ACTION_ROWS))('%s: successes and failures are split, and the group changes', async (action, row) => {
		const before = inGroup(row.group, row.ok[0]);
		expect(before).not.toEqual(row.after);
		const [success, failure] = await runNode({
			credentials: credentials(),
			params: { operation: 'manageParticipants', instance: '', options: {}, action, group: row.group, participants: row.participants },
		});
		expect(success.map((item) => item.json.participant)).toEqual(row.ok);
		expect(failure.map((item) => item.json.errorCode)).toEqual(row.codes);
		expect([...success, ...failure].every((item) => item.json.action === action)).toBe(true);
		expect(inGroup(row.group, row.ok[0])).toEqual(row.after);
	});
});
