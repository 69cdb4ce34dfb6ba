/**
 * The node's per-action table (nodes/RyzeApi/actions/group/manageParticipants/actions.ts) held against the
 * RyzeAPI contract (test/contract/ryzeapi.ts, written from RyzeAPI's docs): the
 * same actions, permissions and server timeouts, WhatsApp's per-participant codes
 * with the same meaning, pairing and follow-ups as the docs' notes say. A seventh
 * action in the node ("ban") fails here until the contract says what RyzeAPI
 * answers for it. The classifier and the pairing are checked through the node's
 * own functions, so a table the code does not read fails too.
 */
import {
	ACTION_NOTES,
	ACTIONS_CONTRACT,
	ADD_REQUEST_MEANS,
	CONTRACT_ACTIONS,
	PARTICIPANTS_ERRORS,
	WHATSAPP_CODES,
	type CodeFact,
	type ContractAction,
} from '../../../../contract/ryzeapi';
import { OPTIONAL_RESULT_KEYS as ORACLE_OPTIONAL_KEYS, RESULT_KEYS as ORACLE_KEYS } from '../../../../property/check';
import { description } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/description';
import {
	ACTIONS,
	actionList,
	PARTICIPANT_ACTIONS,
	WHATSAPP_PARTICIPANT_CODES,
	type ActionSpec,
} from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/actions';
import { classifyParticipantError } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/whatsappCodes';
import { optionalOutputKeys, outputKeys } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/items';
import { matchResults, readEntry } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/entries';
import { parseParticipants } from '../../../../../nodes/RyzeApi/helpers/participants';
import { defaultTimeoutMs } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/validation';
import { RyzeApi } from '../../../../../nodes/RyzeApi/RyzeApi.node';
import { expectReviewed } from '../../../../support/reviewed';
import { renderSubtitle } from '../../../../support/subtitle';

const nodeActions: string[] = [...PARTICIPANT_ACTIONS];
const specOf = (action: string): ActionSpec => (ACTIONS as Record<string, ActionSpec>)[action];
/** The contract's facts for a node action, or a message saying where to write them down. */
function contractFor(action: string): (typeof ACTIONS_CONTRACT)[ContractAction] {
	const facts = (ACTIONS_CONTRACT as Record<string, (typeof ACTIONS_CONTRACT)[ContractAction] | undefined>)[action];
	if (!facts) {
		throw new Error(
			`The node's table has action "${action}", which the RyzeAPI contract does not: write down in test/contract/ryzeapi.ts ` +
				'(ACTIONS_CONTRACT, WHATSAPP_CODES, with the doc page) what RyzeAPI documents for it, or take it out of nodes/RyzeApi/actions/group/manageParticipants/actions.ts.',
		);
	}
	return facts;
}
const codesFor = (action: string): Record<string, CodeFact> => (WHATSAPP_CODES as Record<string, Record<string, CodeFact>>)[action] ?? {};

describe('the node’s actions are the contract’s', () => {
	it.each(nodeActions)('%s is an action RyzeAPI documents', (action) => {
		expect(contractFor(action).source).toMatch(/^https:\/\/docs\.ryzeapi\.cloud\//);
	});

	it('the same actions, in the docs’ order', () => {
		nodeActions.forEach(contractFor);
		expect(nodeActions).toEqual(CONTRACT_ACTIONS);
	});

	it('the validation message lists them as RyzeAPI’s own "Invalid action" does', () => {
		nodeActions.forEach(contractFor);
		expect(PARTICIPANTS_ERRORS.invalidAction.value.message).toBe(`Invalid action. Must be one of: ${actionList(', ')}`);
	});

	it.each(nodeActions)('%s: the permission and the server timeout of the docs’ action table', (action) => {
		const facts = contractFor(action);
		expect({ permission: specOf(action).permission, serverTimeoutMs: specOf(action).serverTimeoutMs }).toEqual({
			permission: facts.permission,
			serverTimeoutMs: facts.serverTimeoutMs,
		});
		// The default wait outlasts the server's own limit, so its answer can arrive.
		expect(defaultTimeoutMs(action as never)).toBeGreaterThan(facts.serverTimeoutMs);
	});

	it.each(nodeActions)('%s: the hint names the permission the docs require', (action) => {
		const mentionsSuperAdmin = /super-admin/i.test(specOf(action).description);
		expect({ action, mentionsSuperAdmin }).toEqual({ action, mentionsSuperAdmin: contractFor(action).permission === 'superadmin' });
	});

	it('the Action parameter offers exactly the table’s actions, with its labels and hints', () => {
		const options = (description.find((p) => p.name === 'action')?.options ?? []) as Array<{
			name: string;
			value: string;
			description: string;
		}>;
		expect(options.map((o) => o.value).sort()).toEqual([...nodeActions].sort());
		for (const option of options)
			expect({ name: option.name, description: option.description }).toEqual({
				name: specOf(option.value).label,
				description: specOf(option.value).description,
			});
	});
});

describe('WhatsApp’s per-participant codes mean what the contract says', () => {
	it.each(nodeActions)('%s: the node maps exactly the codes the contract lists, to the same meaning', (action) => {
		contractFor(action);
		const meanings = Object.fromEntries(Object.entries(codesFor(action)).map(([code, fact]) => [code, fact.meaning]));
		expect({ action, codes: { ...specOf(action).codes } }).toEqual({ action, codes: meanings });
	});

	it('every code the node knows is a WhatsApp code of the contract', () => {
		const contractCodes = [...new Set(Object.values(WHATSAPP_CODES).flatMap((codes) => Object.keys(codes).map(Number)))].sort(
			(a, b) => a - b,
		);
		expect(WHATSAPP_PARTICIPANT_CODES).toEqual(contractCodes);
	});

	const cases = nodeActions.flatMap((action) =>
		Object.entries(codesFor(action)).map(([code, fact]) => [action, Number(code), fact.meaning] as const),
	);

	it('covers every action of the contract (the table of cases is not empty)', () => {
		expect(new Set(cases.map(([action]) => action))).toEqual(new Set(CONTRACT_ACTIONS));
	});

	it.each(cases)('%s, WhatsApp %d → %s, in every form RyzeAPI may pass it, never outcomeUnknown', (action, code, meaning) => {
		const as = action as never;
		expect(classifyParticipantError(String(code), as)).toBe(meaning);
		expect(classifyParticipantError(`failed with code ${code}`, as)).toBe(meaning);
		expect(classifyParticipantError('refused', as, code)).toBe(meaning);
		for (const entry of [
			{ jid: '5511977770001@s.whatsapp.net', success: false, error: code },
			{ jid: '5511977770001@s.whatsapp.net', success: false, error: 'refused', code },
			{ jid: '5511977770001@s.whatsapp.net', success: false, status: code },
		]) {
			const outcome = readEntry(entry, as);
			expect({ errorCode: outcome.errorCode, outcomeUnknown: outcome.outcomeUnknown ?? false }).toEqual({
				errorCode: meaning,
				outcomeUnknown: false,
			});
		}
	});

	it.each(nodeActions)('%s: a 403 with WhatsApp’s add_request is the contract’s privacy block', (action) => {
		expect(classifyParticipantError('403', action as never, 403, true)).toBe(ADD_REQUEST_MEANS.value);
	});
});

describe('pairing and follow-ups follow the docs’ notes', () => {
	it.each(nodeActions)('%s: paired by position only when RyzeAPI does not resolve phones to LIDs', (action) => {
		const resolves = (ACTION_NOTES.resolvesPhoneToLid.value as string[]).includes(action);
		expect(specOf(action).pairing).toBe(resolves ? 'identifier-only' : 'identifier-or-position');
		// Through the node's own pairing: entries naming nobody, as many as sent.
		const { participants } = parseParticipants('5511977770001, 5511977770002');
		const outcomes = matchResults(participants, [{ success: true }, { success: true }], action as never);
		expect(outcomes.map((o) => o.errorCode)).toEqual(resolves ? ['missing_result', 'missing_result'] : [null, null]);
	});

	it.each(nodeActions)('%s: the invite-link reset is offered where the docs say a removed member can rejoin by link', (action) => {
		const rejoins = (ACTION_NOTES.removedCanRejoinByLink.value as string[]).includes(action);
		expect(specOf(action).followUp?.kind === 'reset-link').toBe(rejoins);
	});

	it.each(nodeActions)('%s: the invite link is attached only for failures the contract gives this action', (action) => {
		const followUp = specOf(action).followUp;
		if (followUp?.kind !== 'invite-link') return;
		const meanings = Object.values(codesFor(action)).map((fact) => fact.meaning);
		for (const code of followUp.when) expect(meanings).toContain(code);
	});
});

describe('the property oracle’s output keys are the node’s', () => {
	it('outputKeys and optionalOutputKeys (the oracle keeps its own copy, never reading nodes/)', () => {
		expect({ keys: [...ORACLE_KEYS], optional: [...ORACLE_OPTIONAL_KEYS] }).toEqual({
			keys: [...outputKeys],
			optional: [...optionalOutputKeys],
		});
	});
});

/**
 * The reviewed list of actions, in RyzeAPI's order: what users see (the option's
 * label, the tool-mode action text, the node's subtitle) under the value saved
 * workflows store. Every other test derives the actions from ACTIONS; change this
 * list only together with what it names.
 */
const REVIEWED_ACTIONS: Array<[string, { label: string; action: string; subtitle: string }]> = [
	['add', { label: 'Add', action: 'Add participants to group', subtitle: 'add participants' }],
	['remove', { label: 'Remove', action: 'Remove participants from group', subtitle: 'remove participants' }],
	['promote', { label: 'Promote', action: 'Promote group members to admin', subtitle: 'promote participants' }],
	['demote', { label: 'Demote', action: 'Demote group admins to members', subtitle: 'demote participants' }],
	['approve', { label: 'Approve Join Request', action: 'Approve group join requests', subtitle: 'approve participants' }],
	['reject', { label: 'Reject Join Request', action: 'Reject group join requests', subtitle: 'reject participants' }],
];

describe('the reviewed list of actions', () => {
	it('is the table’s: a new, changed or removed action is written down here with what goes with it', () => {
		const node = new RyzeApi();
		const actual = nodeActions.map(
			(action) =>
				[
					action,
					{
						label: specOf(action).label,
						action: specOf(action).action,
						subtitle: String(renderSubtitle(node, { operation: 'manageParticipants', action })),
					},
				] as [string, { label: string; action: string; subtitle: string }],
		);
		expectReviewed(actual, REVIEWED_ACTIONS, {
			what: 'action',
			where: 'REVIEWED_ACTIONS in test/unit/actions/group/manageParticipants/actions.test.ts',
			added: () =>
				'write down what RyzeAPI documents for it in the contract test/contract/ryzeapi.ts (ACTIONS_CONTRACT, WHATSAPP_CODES, ' +
				'ACTION_NOTES, with the doc page; the tests above say which), then its line in docs/reference.md (Parameters: Action, ' +
				'Error codes), the README’s actions table and CHANGELOG.md',
			removed: (key) =>
				`saved workflows store "${key}" as the Action's value, and a stored value is never removed or renamed (n8n conventions): put its row back in ACTIONS`,
			changed: (_key, field) =>
				field === 'subtitle'
					? 'the canvas shows it under the node: check Manage Participants’ `subtitle` data'
					: `users see the ${field === 'label' ? 'label' : 'tool-mode action text (an AI Agent’s tool name)'}: update docs/reference.md, the README and CHANGELOG.md`,
			order:
				'ACTIONS follows RyzeAPI’s action table (the contract’s CONTRACT_ACTIONS), and the "Use one of" hint, the docs and the Action description list the actions in it',
		});
	});
});
