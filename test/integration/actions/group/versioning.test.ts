/**
 * Node versions 1 (Instance and Group as text) and 1.1 (resource locators) make the
 * same calls and give the same items, for every operation; version-1 workflows keep
 * working unchanged.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { RecordedCall } from '../../../simulator';
import { SANDBOX, useSimulator } from '../../../support/simulatorHarness';
import { createVersionedContext, node, rl } from '../../../support/locatorContext';

const { sim, credentials, restart } = useSimulator();
const { customers, waitlist, vip } = SANDBOX.groups;

type Fields = Record<string, unknown> & { instance: string; group: string };

/** The same parameters in 1.1: every way the locators can hold them. */
const LOCATOR_FORMS: Array<[string, (fields: Fields) => Record<string, unknown>]> = [
	['From List', (f) => ({ ...f, instance: rl('list', f.instance), group: rl('list', f.group, 'a cached name') })],
	[
		'By Name / By JID or By Invite Link or Code',
		(f) => ({ ...f, instance: rl('name', f.instance), group: rl(/@g\.us$/.test(f.group) ? 'id' : 'invite', f.group) }),
	],
];

const strip = (calls: RecordedCall[]) => calls.map(({ method, path, query, body, status }) => ({ method, path, query, body, status }));
const withoutTimes = (outputs: INodeExecutionData[][]) =>
	outputs.map((output) =>
		output.map((item) => ({
			json: { ...item.json, requestedAt: undefined, inviteCode: undefined, inviteLink: undefined },
			pairedItem: item.pairedItem,
		})),
	);

async function runAs(version: number, params: (i: number) => Record<string, unknown>, items: number, continueOnFail = false) {
	await restart();
	const { ctx } = createVersionedContext({
		typeVersion: version,
		credentials: credentials(),
		continueOnFail,
		items: Array.from({ length: items }, () => ({ json: {} })),
		params,
	});
	const outputs = await node.execute.call(ctx).catch((error: Error) => [[{ json: { thrown: error.message } }]] as INodeExecutionData[][]);
	return { outputs: withoutTimes(outputs), calls: strip(sim().calls) };
}

const CASES: Array<[string, Fields[], boolean?]> = [
	[
		'Manage Participant: add, two items into one call',
		[
			{
				operation: 'manageParticipants',
				instance: '',
				group: customers.jid,
				action: 'add',
				participants: '5511977780001, 5511977780000',
				options: {},
			},
			{
				operation: 'manageParticipants',
				instance: 'sandbox',
				group: customers.jid,
				action: 'add',
				participants: '5511977780002',
				options: {},
			},
		],
	],
	[
		'Manage Participant: remove by invite link, with the link reset',
		[
			{
				operation: 'manageParticipants',
				instance: '',
				group: 'https://chat.whatsapp.com/CUSTOMERS0001',
				action: 'remove',
				participants: '5511911110001, 5511977780009',
				options: { resetInviteLink: true },
			},
		],
	],
	['List Join Request by invite code', [{ operation: 'listJoinRequests', instance: '', group: waitlist.inviteCode, options: {} }]],
	['List Participant, admins only', [{ operation: 'listParticipants', instance: 'sandbox', group: vip.jid, options: { role: 'admins' } }]],
	[
		'an unusable group under continueOnFail (failure items name group and instance)',
		[
			{
				operation: 'manageParticipants',
				instance: 'sandbox',
				group: '5511911110001@s.whatsapp.net',
				action: 'add',
				participants: '5511977780001',
				options: {},
			},
		],
		true,
	],
	[
		'an unknown group without continueOnFail (the error)',
		[{ operation: 'listJoinRequests', instance: '', group: '120363999999999999@g.us', options: {} }],
	],
	[
		'Manage Participant: approve by phone and reject by LID, promote and demote, across four items',
		[
			{ operation: 'manageParticipants', instance: '', group: waitlist.jid, action: 'approve', participants: '5511988887777', options: {} },
			{
				operation: 'manageParticipants',
				instance: '',
				group: waitlist.inviteCode,
				action: 'reject',
				participants: '199789077627114@lid',
				options: {},
			},
			{
				operation: 'manageParticipants',
				instance: 'sandbox',
				group: customers.jid,
				action: 'promote',
				participants: '5511911110003',
				options: {},
			},
			{
				operation: 'manageParticipants',
				instance: 'sandbox',
				group: customers.jid,
				action: 'demote',
				participants: '5511911110002',
				options: {},
			},
		],
	],
	[
		'an unusable instance under continueOnFail (failure items name it)',
		[
			{
				operation: 'manageParticipants',
				instance: 'a/../b',
				group: customers.jid,
				action: 'add',
				participants: '5511977780001',
				options: {},
			},
			{ operation: 'listParticipants', instance: 'a/../b', group: vip.jid, options: {} },
		],
		true,
	],
];

describe.each(CASES)('%s', (_title, itemParams, continueOnFail = false) => {
	let v1: Awaited<ReturnType<typeof runAs>>;

	beforeEach(async () => {
		v1 = await runAs(1, (i) => itemParams[i], itemParams.length, continueOnFail);
	});

	it('version 1 does something (the comparison is not empty)', () => {
		expect(v1.outputs.flat().length + v1.calls.length).toBeGreaterThan(0);
	});

	it.each(LOCATOR_FORMS)('version 1.1 with %s: the same calls and the same items', async (_form, toLocators) => {
		const v11 = await runAs(1.1, (i) => toLocators(itemParams[i]), itemParams.length, continueOnFail);
		expect(v11.calls).toEqual(v1.calls);
		expect(v11.outputs).toEqual(v1.outputs);
	});
});

describe('version 1.1 locators', () => {
	it('an empty Instance (From List, nothing picked) uses the credential default, as an empty text field does', async () => {
		const v11 = await runAs(
			1.1,
			() => ({ operation: 'listParticipants', instance: rl('list', ''), group: rl('id', vip.jid), options: {} }),
			1,
		);
		expect(v11.calls.map((call) => call.path)).toEqual(['/api/group/info/sandbox']);
	});

	it('a whole text value where a locator is expected (e.g. from $fromAI) still works', async () => {
		const v11 = await runAs(1.1, () => ({ operation: 'listParticipants', instance: 'sandbox', group: vip.jid, options: {} }), 1);
		expect(v11.outputs[0]).toHaveLength(7);
	});
});
