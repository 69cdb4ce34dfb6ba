/**
 * Simplify over real sockets against the simulator: what a simplified item says (Manage
 * Participants with Send Invite When Add Is Blocked, its fullest case), the version rule
 * (a workflow saved in 1.1 keeps its full items; 1.2 simplifies unless told not to), tool
 * mode, and a Simplify that is not true or false, refused for every operation that has it.
 * outputKeys.test.ts checks every operation's simplified items against its full ones.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { operations } from '../../../../nodes/RyzeApi/actions/group/Group.resource';
import { runVersioned } from '../../../support/locatorContext';
import { SCENARIOS } from '../../../support/operationScenarios';
import { sentMessages } from '../../../support/sentMessages';
import { SANDBOX, useSimulator } from '../../../support/simulatorHarness';

const { sim, credentials, restart } = useSimulator();
const { customers } = SANDBOX.groups;
const link = `https://chat.whatsapp.com/${customers.inviteCode}`;

/** Manage Participants, add: one joins, one is privacy-blocked and gets the link by message. */
const blockedAdd = {
	operation: 'manageParticipants',
	instance: '',
	group: customers.jid,
	action: 'add',
	participants: '5511977770001, 5511977770403',
	options: { sendInviteWhenBlocked: true },
};

const run = (typeVersion: number, params: Record<string, unknown>, more: { toolMode?: boolean; continueOnFail?: boolean } = {}) =>
	runVersioned({ typeVersion, credentials: credentials(), params, ...more });
const jsons = (outputs: INodeExecutionData[][]) => outputs.map((items) => items.map((item) => item.json));
const keys = (outputs: INodeExecutionData[][]) => outputs.map((items) => items.map((item) => Object.keys(item.json)));

describe('Simplify', () => {
	it('version 1.2 (on by default): who, which group, the outcome, and the invite that went, on the same outputs', async () => {
		const outputs = await run(1.2, blockedAdd);
		const [message] = await sentMessages(sim());
		expect(jsons(outputs)).toEqual<IDataObject[][]>([
			[{ success: true, participant: '5511977770001', group: customers.jid, error: null, errorCode: null }],
			[
				{
					success: false,
					participant: '5511977770403',
					group: customers.jid,
					error: 'privacy settings do not allow adding this participant (403)',
					errorCode: 'privacy_blocked',
					inviteLink: link,
					inviteSent: true,
					messageId: message.messageId,
				},
			],
		]);
		expect(keys(outputs)[1]).toEqual([['success', 'participant', 'group', 'error', 'errorCode', 'inviteLink', 'inviteSent', 'messageId']]);
		expect(outputs.map((items) => items.map((item) => item.pairedItem))).toEqual([[{ item: 0 }], [{ item: 0 }]]);
	});

	it('a workflow saved in version 1.1 (Simplify not stored) keeps every key; so does 1.2 with Simplify off', async () => {
		const { outputKeys } = operations.manageParticipants;
		// The blocked add's item: WhatsApp's private invitation, then the invite sent by message.
		const invite = ['addRequest', 'inviteLink', 'inviteSent', 'messageId', 'inviteError', 'inviteErrorCode'];
		const saved = await run(1.1, blockedAdd);
		await restart();
		const off = await run(1.2, { ...blockedAdd, simplify: false });
		for (const outputs of [saved, off]) expect(keys(outputs)).toEqual([[[...outputKeys]], [[...outputKeys, ...invite]]]);
	});

	it('version 1.1 with Simplify on simplifies, as before', async () => {
		expect(keys(await run(1.1, { ...blockedAdd, simplify: true }))).toEqual([
			[['success', 'participant', 'group', 'error', 'errorCode']],
			[['success', 'participant', 'group', 'error', 'errorCode', 'inviteLink', 'inviteSent', 'messageId']],
		]);
	});

	it('tool mode, version 1.2: the model gets the simplified items, all on output 0', async () => {
		const outputs = await run(1.2, blockedAdd, { toolMode: true });
		expect(outputs[1]).toEqual([]);
		expect(
			outputs[0].map((item) => [item.json.participant, item.json.errorCode, item.json.inviteSent, Object.keys(item.json).length]),
		).toEqual([
			['5511977770001', null, undefined, 5],
			['5511977770403', 'privacy_blocked', true, 8],
		]);
	});

	const simplifying = Object.keys(operations).filter((value) => operations[value].simplifiedOutputKeys !== undefined);

	it.each(simplifying)('%s: a Simplify that is not true or false is refused, naming the item, before any call', async (value) => {
		const params = (itemIndex: number) => ({
			operation: value,
			instance: '',
			options: {},
			...SCENARIOS[value][0].params,
			...(itemIndex === 1 ? { simplify: 'maybe' } : {}),
		});
		const items = [{ json: {} }, { json: {} }];
		await expect(runVersioned({ typeVersion: 1.2, credentials: credentials(), items, params })).rejects.toThrow(
			'Simplify: Simplify "maybe" is not true or false [item 1]',
		);
		expect(sim().calls).toEqual([]);
		// Under Continue On Fail: item 1's Failure item keeps every key; item 0's items are simplified.
		const outputs = await runVersioned({ typeVersion: 1.2, credentials: credentials(), items, params, continueOnFail: true });
		const ofItem = (itemIndex: number) => outputs.flat().filter((item) => (item.pairedItem as { item: number }).item === itemIndex);
		const refused = ofItem(1);
		expect(refused.length).toBeGreaterThan(0);
		for (const item of refused) {
			expect(Object.keys(item.json)).toEqual([...operations[value].outputKeys]);
			expect(item.json.errorCode).toBe('invalid_parameter');
		}
		for (const item of ofItem(0))
			expect(Object.keys(item.json)).toEqual(expect.arrayContaining([...(operations[value].simplifiedOutputKeys ?? [])]));
		expect(ofItem(0).every((item) => Object.keys(item.json).length < operations[value].outputKeys.length)).toBe(true);
	});
});
