/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The catalogue of bad input (docs/reliability.md → Bad input), case by case,
 * through execute() over real sockets against the simulator.
 *
 * Every case ends one of three ways:
 * - `error`: a NodeOperationError that names the field, the item and how to fix
 *   it, before anything is sent; under Continue On Fail the item's participants
 *   become Failure items (`invalid_parameter`) and the other items go ahead;
 * - `invalid`: one bad participant becomes a Failure item `invalid_participant`,
 *   never sent, and the rest of the item goes ahead;
 * - `handled`: accepted (normalized, encoded or defaulted), with the proof.
 *
 * Item 0 is always good; the case is item 1 (run-wide options and the credential
 * apply to the whole run and name item 0).
 */
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { join } from 'node:path';

import { NodeOperationError, type INodeExecutionData } from 'n8n-workflow';

import { PARTICIPANT_ACTIONS } from '../../../nodes/RyzeApi/actions/group/manageParticipants/actions';
import { RyzeApi } from '../../../nodes/RyzeApi/RyzeApi.node';
import { createExecuteContext, type TestContext } from '../../support/executeContext';
import { SANDBOX, useSimulator } from '../../support/simulatorHarness';

const { sim, credentials } = useSimulator();
const node = new RyzeApi();
const { customers, vip } = SANDBOX.groups;

/** The Action hint lists the six actions, in their one place's order. */
const ACTION_HINT = new RegExp(`^Use one of: ${PARTICIPANT_ACTIONS.join(', ')}$`);
const GOOD = '5511977770001';
const OTHER = '5511977770002';

/** Good items of the group writes (item 0 of their cases). */
const UPDATE = { name: 'updateGroup', good: { group: customers.jid, updateFields: { name: 'Good' } } };
const CREATE = { name: 'createGroup', good: { groupName: 'Good', participants: GOOD } };
const JOIN = { name: 'joinGroup', good: { inviteLink: SANDBOX.groups.vip.inviteCode } };
const INVITE_HINT = /invite link \(https:\/\/chat\.whatsapp\.com\/ABC123XYZ\) or its code/;

interface Setup {
	participants?: unknown;
	group?: unknown;
	instance?: unknown;
	action?: unknown;
	/** Options of item 1 only. */
	options?: Record<string, unknown>;
	/** Options of every item (run-wide options are read from item 0). */
	runOptions?: Record<string, unknown>;
	credentials?: (base: { baseUrl: string; token: string; instance: string }) => Record<string, unknown>;
	/** Another operation than Manage Participants: its parameters for a good item 0, and item 1's changes. */
	operation?: { name: string; good: Record<string, unknown>; bad: Record<string, unknown> };
}

type Outcome =
	| { kind: 'error'; field: string; message: RegExp; hint: RegExp; runWide?: boolean }
	| { kind: 'invalid'; input: string; reason: RegExp }
	| { kind: 'handled'; check: (run: Run) => Promise<void> | void };

interface Case {
	id: string;
	/** The columns of docs/reliability.md's Bad input table. */
	field: string;
	input: string;
	setup: Setup;
	outcome: Outcome;
}

interface Run {
	outputs?: INodeExecutionData[][];
	error?: Error & Record<string, unknown>;
	context: TestContext;
}

async function run(setup: Setup, continueOnFail: boolean, items = 2): Promise<Run> {
	const base = credentials();
	const creds = setup.credentials ? setup.credentials(base) : base;
	const context = createExecuteContext({
		credentials: creds as never,
		continueOnFail,
		items: Array.from({ length: items }, () => ({ json: {} })),
		params: (index) =>
			setup.operation
				? operationParams(setup.operation, index)
				: {
						operation: 'manageParticipants',
						instance: index === 1 && 'instance' in setup ? setup.instance : 'sandbox',
						group: index === 1 && 'group' in setup ? setup.group : customers.jid,
						action: index === 1 && 'action' in setup ? setup.action : 'add',
						participants: index === 1 ? ('participants' in setup ? setup.participants : OTHER) : GOOD,
						options: { ...(setup.runOptions ?? {}), ...(index === 1 ? (setup.options ?? {}) : {}) },
					},
	});
	try {
		return { outputs: await node.execute.call(context.ctx), context };
	} catch (error) {
		return { error: error as Error & Record<string, unknown>, context };
	}
}

/** One item of another operation: item 0 good, item 1 with the case's changes. */
function operationParams(operation: NonNullable<Setup['operation']>, index: number): Record<string, unknown> {
	return { operation: operation.name, instance: 'sandbox', options: {}, ...operation.good, ...(index === 1 ? operation.bad : {}) };
}

const sent = (): unknown[] => sim().calls.flatMap((call) => ((call.body ?? {}) as { participants?: unknown[] }).participants ?? []);
const json = (items: INodeExecutionData[]) => items.map((item) => item.json);

const CASES: Case[] = [
	// ---------------------------------------------------------------- Participants
	{
		id: 'P1',
		field: 'Participants',
		input: 'empty',
		setup: { participants: '' },
		outcome: { kind: 'error', field: 'Participants', message: /Participants is empty/, hint: /Enter at least one phone number/ },
	},
	{
		id: 'P2',
		field: 'Participants',
		input: 'whitespace only',
		setup: { participants: '  \t \n  ' },
		outcome: { kind: 'error', field: 'Participants', message: /Participants is empty/, hint: /Enter at least one phone number/ },
	},
	{
		id: 'P3',
		field: 'Participants',
		input: 'separators only (`, ;\\n,,`)',
		setup: { participants: ' , ;\n,, ' },
		outcome: { kind: 'error', field: 'Participants', message: /Participants is empty/, hint: /Enter at least one phone number/ },
	},
	{
		id: 'P4',
		field: 'Participants',
		input: 'letters (`hello`)',
		setup: { participants: `${OTHER}, hello` },
		outcome: { kind: 'invalid', input: 'hello', reason: /contains letters/ },
	},
	{
		id: 'P5',
		field: 'Participants',
		input: 'too short (`12345`)',
		setup: { participants: `${OTHER}, 12345` },
		outcome: { kind: 'invalid', input: '12345', reason: /too short \(5 digits\)/ },
	},
	{
		id: 'P6',
		field: 'Participants',
		input: 'too long (16 digits)',
		setup: { participants: `${OTHER}, 1234567890123456` },
		outcome: { kind: 'invalid', input: '1234567890123456', reason: /too long \(16 digits\)/ },
	},
	{
		id: 'P7',
		field: 'Participants',
		input: 'a `+` in the middle (`55+11977770009`)',
		setup: { participants: `${OTHER}; 55+11977770009` },
		outcome: { kind: 'invalid', input: '55+11977770009', reason: /"\+" may only lead/ },
	},
	{
		id: 'P8',
		field: 'Participants',
		input: 'a JID with the wrong suffix (`…@whatsapp.com`)',
		setup: { participants: `${OTHER}\n5511977770009@whatsapp.com` },
		outcome: { kind: 'invalid', input: '5511977770009@whatsapp.com', reason: /unknown JID suffix "@whatsapp.com"/ },
	},
	{
		id: 'P9',
		field: 'Participants',
		input: 'a group JID as a participant',
		setup: { participants: `${OTHER}, ${customers.jid}` },
		outcome: { kind: 'invalid', input: customers.jid, reason: /a group JID \(@g\.us\) cannot be a participant/ },
	},
	{
		id: 'P10',
		field: 'Participants',
		input: 'a LID that is too short (`12@lid`)',
		setup: { participants: `${OTHER}, 12@lid` },
		outcome: { kind: 'invalid', input: '12@lid', reason: /LID must be digits/ },
	},
	{
		id: 'P11',
		field: 'Participants',
		input: 'an object from an expression (`{phone: …}`)',
		setup: { participants: { phone: OTHER } },
		outcome: {
			kind: 'error',
			field: 'Participants',
			message: /must be text or a list, but an object was given/,
			hint: /\$json\.members\.map/,
		},
	},
	{
		id: 'P12',
		field: 'Participants',
		input: '`null` from an expression',
		setup: { participants: null },
		outcome: { kind: 'error', field: 'Participants', message: /Participants is empty/, hint: /Enter at least one phone number/ },
	},
	{
		id: 'P13',
		field: 'Participants',
		input: 'a boolean from an expression',
		setup: { participants: true },
		outcome: { kind: 'error', field: 'Participants', message: /but a boolean was given/, hint: /separated by commas/ },
	},
	{
		id: 'P14',
		field: 'Participants',
		input: 'a number from an expression (`5511977770002`)',
		setup: { participants: Number(OTHER) },
		outcome: {
			kind: 'handled',
			check: ({ outputs }) => {
				expect(json(outputs![0]).map((item) => [item.participant, item.input])).toEqual([
					[GOOD, GOOD],
					[OTHER, OTHER],
				]);
			},
		},
	},
	{
		id: 'P15',
		field: 'Participants',
		input: 'a number that is not whole (`5.5`) in a list',
		setup: { participants: [OTHER, 5.5] },
		outcome: { kind: 'invalid', input: '5.5', reason: /a number must be a whole phone number/ },
	},
	{
		id: 'P16',
		field: 'Participants',
		input: 'a nested array from an expression (`[[a], [[b]], null]`)',
		setup: { participants: [[OTHER], [['5511977770003']], null, []] },
		outcome: {
			kind: 'handled',
			check: ({ outputs }) => {
				expect(json(outputs![0]).map((item) => item.participant)).toEqual([GOOD, OTHER, '5511977770003']);
				expect(outputs![1]).toEqual([]);
			},
		},
	},
	{
		id: 'P17',
		field: 'Participants',
		input: 'a list nested more than 5 deep',
		setup: { participants: [OTHER, [[[[[['5511977770003']]]]]]] },
		outcome: { kind: 'invalid', input: '[…]', reason: /nested more than 5 deep/ },
	},
	{
		id: 'P18',
		field: 'Participants',
		input: 'an object without phone/jid in a list',
		setup: { participants: [OTHER, { name: 'Ana' }] },
		outcome: { kind: 'invalid', input: '{"name":"Ana"}', reason: /an object without jid, lid, phoneNumber, phone/ },
	},
	{
		id: 'P19',
		field: 'Participants',
		input: '5,000 participants in one item',
		// Numbers ending in 1: none of the simulator's "not on WhatsApp" (…000) or "privacy" (…403) rules.
		setup: { participants: Array.from({ length: 5000 }, (_v, index) => `5511960${String(index).padStart(5, '0')}1`).join(',') },
		outcome: {
			kind: 'handled',
			check: ({ outputs }) => {
				const items = outputs![0].filter((item) => (item.pairedItem as { item: number }).item === 1);
				expect(items).toHaveLength(5000);
				expect(new Set(items.map((item) => item.json.participant)).size).toBe(5000);
				expect(outputs![1]).toEqual([]);
				// Default batching: calls of at most 100; item 0's participant joins item 1's calls (same group and action).
				expect(sim().calls).toHaveLength(51);
				expect(Math.max(...sim().calls.map((call) => (call.body as { participants: unknown[] }).participants.length))).toBe(100);
			},
		},
	},
	{
		id: 'P20',
		field: 'Participants',
		input: 'duplicates in several forms (`+55 11 97777-0002`, `…@c.us`, digits)',
		setup: { participants: `+55 11 97777-0002, ${OTHER}@c.us\n${OTHER}` },
		outcome: {
			kind: 'handled',
			check: ({ outputs }) => {
				expect(json(outputs![0]).map((item) => [item.participant, item.input])).toEqual([
					[GOOD, GOOD],
					[OTHER, '+55 11 97777-0002'],
				]);
				expect(sent()).toEqual([GOOD, OTHER]);
			},
		},
	},
	// ---------------------------------------------------------------- Group
	{
		id: 'G1',
		field: 'Group',
		input: 'empty',
		setup: { group: '' },
		outcome: { kind: 'error', field: 'Group', message: /Group is empty/, hint: /group JID \(e\.g\. 120363406289005073@g\.us\)/ },
	},
	{
		id: 'G2',
		field: 'Group',
		input: 'spaces inside',
		setup: { group: '1203630000 00000001@g.us' },
		outcome: { kind: 'error', field: 'Group', message: /contains spaces/, hint: /copy it again without them/ },
	},
	{
		id: 'G3',
		field: 'Group',
		input: 'an invite link on another host',
		setup: { group: `https://chat.evil.example/${customers.inviteCode}` },
		outcome: { kind: 'error', field: 'Group', message: /is not a WhatsApp invite link/, hint: /https:\/\/chat\.whatsapp\.com\/ABC123XYZ/ },
	},
	{
		id: 'G4',
		field: 'Group',
		input: "a person's JID",
		setup: { group: `${OTHER}@s.whatsapp.net` },
		outcome: { kind: 'error', field: 'Group', message: /is not a group JID/, hint: /belongs in Participants/ },
	},
	{
		id: 'G5',
		field: 'Group',
		input: 'other characters (`abc!`)',
		setup: { group: 'abc!' },
		outcome: {
			kind: 'error',
			field: 'Group',
			message: /neither a group JID, an invite code nor an invite link/,
			hint: /https:\/\/chat\.whatsapp\.com\/<code>/,
		},
	},
	{
		id: 'G6',
		field: 'Group',
		input: 'a group id as a number from an expression (too large to be exact)',
		setup: { group: Number('120363000000000001') },
		outcome: { kind: 'error', field: 'Group', message: /too large to be exact/, hint: /as text/ },
	},
	{
		id: 'G7',
		field: 'Group',
		input: 'a bare group id (digits, no `@g.us`)',
		setup: { group: '120363000000000001' },
		outcome: {
			kind: 'handled',
			check: ({ outputs }) => {
				expect(json(outputs![0]).map((item) => item.group)).toEqual([customers.jid, customers.jid]);
			},
		},
	},
	// ---------------------------------------------------------------- Instance
	{
		id: 'I1',
		field: 'Instance',
		input: 'empty, and no default in the credential',
		setup: { instance: '', credentials: (base) => ({ ...base, instance: '' }) },
		outcome: {
			kind: 'error',
			field: 'Instance',
			message: /No instance name is set/,
			hint: /set a default instance in the RyzeAPI credential/,
		},
	},
	{
		id: 'I2',
		field: 'Instance',
		input: 'containing `/`',
		setup: { instance: 'a/b' },
		outcome: { kind: 'error', field: 'Instance', message: /not allowed in an instance name/, hint: /exactly as RyzeAPI shows it/ },
	},
	{
		id: 'I3',
		field: 'Instance',
		input: 'containing `..`',
		setup: { instance: '../admin' },
		outcome: { kind: 'error', field: 'Instance', message: /not allowed in an instance name/, hint: /exactly as RyzeAPI shows it/ },
	},
	{
		id: 'I4',
		field: 'Instance',
		input: 'containing `%2F`',
		setup: { instance: 'a%2Fb' },
		outcome: { kind: 'error', field: 'Instance', message: /not allowed in an instance name/, hint: /exactly as RyzeAPI shows it/ },
	},
	{
		id: 'I5',
		field: 'Instance',
		input: 'containing `?`',
		setup: { instance: 'a?b=1' },
		outcome: { kind: 'error', field: 'Instance', message: /not allowed in an instance name/, hint: /exactly as RyzeAPI shows it/ },
	},
	{
		id: 'I6',
		field: 'Instance',
		input: 'containing `#`',
		setup: { instance: 'a#b' },
		outcome: { kind: 'error', field: 'Instance', message: /not allowed in an instance name/, hint: /exactly as RyzeAPI shows it/ },
	},
	{
		id: 'I7',
		field: 'Instance',
		input: 'containing `\\`',
		setup: { instance: 'a\\b' },
		outcome: { kind: 'error', field: 'Instance', message: /not allowed in an instance name/, hint: /exactly as RyzeAPI shows it/ },
	},
	{
		id: 'I8',
		field: 'Instance',
		input: 'a line break',
		setup: { instance: 'a\nb' },
		outcome: { kind: 'error', field: 'Instance', message: /control characters/, hint: /Remove line breaks/ },
	},
	{
		id: 'I9',
		field: 'Instance',
		input: 'unicode (`café ☕`)',
		setup: { instance: 'café ☕', credentials: (base) => ({ ...base, token: SANDBOX.tokens.account }) },
		outcome: {
			kind: 'handled',
			check: ({ outputs, context }) => {
				// Percent-encoded in the URL; the simulator decodes it and finds the instance.
				expect(context.requests.map((request) => request.options.url)).toEqual([
					`${sim().url}/api/group/participants/sandbox`,
					`${sim().url}/api/group/participants/caf%C3%A9%20%E2%98%95`,
				]);
				expect(sim().calls[1]).toMatchObject({ path: '/api/group/participants/caf%C3%A9%20%E2%98%95', status: 200, tokenKind: 'account' });
				expect(json(outputs![0]).map((item) => [item.participant, item.instance])).toEqual([
					[GOOD, 'sandbox'],
					[OTHER, 'café ☕'],
				]);
			},
		},
	},
	// ---------------------------------------------------------------- Action
	{
		id: 'A1',
		field: 'Action',
		input: 'not one of the six, from an expression (`kick`)',
		setup: { action: 'kick' },
		outcome: { kind: 'error', field: 'Action', message: /Action "kick" is not supported/, hint: ACTION_HINT },
	},
	{
		id: 'A2',
		field: 'Action',
		input: 'empty, from an expression',
		setup: { action: '' },
		outcome: { kind: 'error', field: 'Action', message: /Action "" is not supported/, hint: ACTION_HINT },
	},
	{
		id: 'A3',
		field: 'Action',
		input: 'not text, from an expression (`{}`)',
		setup: { action: {} },
		outcome: { kind: 'error', field: 'Action', message: /is not supported/, hint: ACTION_HINT },
	},
	{
		id: 'A4',
		field: 'Action',
		input: 'another spelling, from an expression (` ADD `)',
		setup: { action: ' ADD ' },
		outcome: {
			kind: 'handled',
			check: ({ outputs }) => {
				expect(json(outputs![0]).map((item) => item.action)).toEqual(['add', 'add']);
			},
		},
	},
	// ---------------------------------------------------------------- Update Group
	{
		id: 'U1',
		field: 'Update Fields',
		input: 'nothing added',
		setup: { operation: { ...UPDATE, bad: { updateFields: {} } } },
		outcome: {
			kind: 'error',
			field: 'Update Fields',
			message: /Nothing to update: no field to change was added/,
			hint: /Add at least one field/,
		},
	},
	{
		id: 'U2',
		field: 'Update Fields',
		input: 'only Remove Picture, off',
		setup: { operation: { ...UPDATE, bad: { updateFields: { removePicture: false } } } },
		outcome: { kind: 'error', field: 'Update Fields', message: /Nothing to update/, hint: /Add at least one field/ },
	},
	{
		id: 'U3',
		field: 'Name',
		input: 'empty (Update Group)',
		setup: { operation: { ...UPDATE, bad: { updateFields: { name: '  ' } } } },
		outcome: { kind: 'error', field: 'Name', message: /Name is empty/, hint: /remove the Name field to keep the current one/ },
	},
	{
		id: 'U4',
		field: 'Picture URL',
		input: 'not http(s) (`file:///etc/passwd`)',
		setup: { operation: { ...UPDATE, bad: { updateFields: { pictureUrl: 'file:///etc/passwd' } } } },
		outcome: { kind: 'error', field: 'Picture URL', message: /is not an http\(s\) address/, hint: /public address of the picture/ },
	},
	{
		id: 'U5',
		field: 'Remove Picture',
		input: 'on, with a Picture URL',
		setup: { operation: { ...UPDATE, bad: { updateFields: { pictureUrl: 'https://example.com/a.png', removePicture: true } } } },
		outcome: { kind: 'error', field: 'Remove Picture', message: /Remove Picture is on while a Picture URL is given/, hint: /Keep one/ },
	},
	{
		id: 'U6',
		field: 'Members Can Send Messages',
		input: 'not true or false, from an expression (`"maybe"`)',
		setup: { operation: { ...UPDATE, bad: { updateFields: { membersCanSendMessages: 'maybe' } } } },
		outcome: { kind: 'error', field: 'Members Can Send Messages', message: /must be true or false, but "maybe" was given/, hint: /Switch/ },
	},
	{
		id: 'U7',
		field: 'Description',
		input: 'empty (Update Group)',
		setup: { operation: { ...UPDATE, bad: { updateFields: { description: '' } } } },
		outcome: {
			kind: 'handled',
			check: () => {
				// Sent: RyzeAPI clears the description on "".
				expect(sim().calls.map((call) => call.body)).toEqual([
					{ identifier: customers.jid, name: 'Good' },
					{ identifier: customers.jid, description: '' },
				]);
			},
		},
	},
	// ---------------------------------------------------------------- Create Group
	{
		id: 'N1',
		field: 'Group Name',
		input: 'empty',
		setup: { operation: { ...CREATE, bad: { groupName: '' } } },
		outcome: { kind: 'error', field: 'Group Name', message: /Group Name is empty/, hint: /Enter the new group's name/ },
	},
	{
		id: 'N2',
		field: 'Group Name',
		input: 'spaces only',
		setup: { operation: { ...CREATE, bad: { groupName: ' \t ' } } },
		outcome: { kind: 'error', field: 'Group Name', message: /Group Name is empty/, hint: /Enter the new group's name/ },
	},
	{
		id: 'N3',
		field: 'Group Name',
		input: 'longer than any known limit (300 characters)',
		setup: { operation: { ...CREATE, bad: { groupName: 'N'.repeat(300) } } },
		outcome: {
			kind: 'handled',
			check: ({ outputs }) => {
				// RyzeAPI documents no subject limit for groups: sent as it is, RyzeAPI decides.
				expect(sim().calls.map((call) => (call.body as { name: string }).name)).toEqual(['Good', 'N'.repeat(300)]);
				expect(outputs![0]).toHaveLength(2);
			},
		},
	},
	{
		id: 'N4',
		field: 'Participants',
		input: 'no valid entry (Create Group: `hello, 123`)',
		setup: { operation: { ...CREATE, bad: { participants: 'hello, 123' } } },
		outcome: { kind: 'error', field: 'Participants', message: /None of the 2 entries is a valid participant/, hint: /at least one person/ },
	},
	{
		id: 'N5',
		field: 'Participants',
		input: 'one entry that is not a participant (Create Group)',
		setup: { operation: { ...CREATE, bad: { participants: `${OTHER}, hello` } } },
		outcome: {
			kind: 'handled',
			check: ({ outputs }) => {
				expect(sim().calls.map((call) => (call.body as { participants: unknown }).participants)).toEqual([[GOOD], [OTHER]]);
				expect(json(outputs![0])[1]).toMatchObject({
					added: [OTHER],
					notAdded: [{ participant: 'hello', reason: expect.stringMatching(/^Not a valid participant: contains letters/) as unknown }],
				});
			},
		},
	},
	// ---------------------------------------------------------------- Join Group
	{
		id: 'J1',
		field: 'Invite Link or Code',
		input: 'a group JID',
		setup: { operation: { ...JOIN, bad: { inviteLink: customers.jid } } },
		outcome: {
			kind: 'error',
			field: 'Invite Link or Code',
			message: /is a JID, and RyzeAPI joins by invite link or code only/,
			hint: INVITE_HINT,
		},
	},
	{
		id: 'J2',
		field: 'Invite Link or Code',
		input: 'a group id (digits)',
		setup: { operation: { ...JOIN, bad: { inviteLink: '120363000000000001' } } },
		outcome: { kind: 'error', field: 'Invite Link or Code', message: /is a JID/, hint: INVITE_HINT },
	},
	{
		id: 'J3',
		field: 'Invite Link or Code',
		input: 'a link to another site',
		setup: { operation: { ...JOIN, bad: { inviteLink: 'https://evil.example/ABC' } } },
		outcome: {
			kind: 'error',
			field: 'Invite Link or Code',
			message: /neither a WhatsApp invite link nor an invite code/,
			hint: INVITE_HINT,
		},
	},
	{
		id: 'J4',
		field: 'Invite Link or Code',
		input: 'empty',
		setup: { operation: { ...JOIN, bad: { inviteLink: '' } } },
		outcome: { kind: 'error', field: 'Invite Link or Code', message: /Invite Link or Code is empty/, hint: INVITE_HINT },
	},
	{
		id: 'J5',
		field: 'Invite Link or Code',
		input: 'a link (`https://chat.whatsapp.com/<code>/`)',
		setup: { operation: { ...JOIN, bad: { inviteLink: ` https://chat.whatsapp.com/${vip.inviteCode}/ ` } } },
		outcome: {
			kind: 'handled',
			check: () => {
				// The code is sent, whichever was given.
				expect(sim().calls.map((call) => call.body)).toEqual([{ identifier: vip.inviteCode }, { identifier: vip.inviteCode }]);
			},
		},
	},
	// ---------------------------------------------------------------- Options
	{
		id: 'O1',
		field: 'Batch Size',
		input: '0',
		setup: { runOptions: { batching: { batch: { batchSize: 0 } } } },
		outcome: {
			kind: 'error',
			field: 'Batch Size',
			message: /Batch Size 0 is outside 1–1024/,
			hint: /Use 1–1024 participants per call/,
			runWide: true,
		},
	},
	{
		id: 'O2',
		field: 'Batch Size',
		input: 'negative (`-5`)',
		setup: { runOptions: { batching: { batch: { batchSize: -5 } } } },
		outcome: {
			kind: 'error',
			field: 'Batch Size',
			message: /Batch Size -5 is outside 1–1024/,
			hint: /Use 1–1024 participants per call/,
			runWide: true,
		},
	},
	{
		id: 'O3',
		field: 'Batch Size',
		input: 'huge (`5000`)',
		setup: { runOptions: { batching: { batch: { batchSize: 5000 } } } },
		outcome: {
			kind: 'error',
			field: 'Batch Size',
			message: /Batch Size 5000 is outside 1–1024/,
			hint: /Use 1–1024 participants per call/,
			runWide: true,
		},
	},
	{
		id: 'O4',
		field: 'Batch Size',
		input: 'not whole (`2.5`)',
		setup: { runOptions: { batching: { batch: { batchSize: 2.5 } } } },
		outcome: {
			kind: 'error',
			field: 'Batch Size',
			message: /Batch Size "2.5" is not a whole number/,
			hint: /Use 1–1024 participants per call/,
			runWide: true,
		},
	},
	{
		id: 'O5',
		field: 'Batch Interval',
		input: 'negative',
		setup: { runOptions: { batching: { batch: { batchInterval: -1 } } } },
		outcome: {
			kind: 'error',
			field: 'Batch Interval',
			message: /Batch Interval -1 is outside/,
			hint: /pause between calls/,
			runWide: true,
		},
	},
	{
		id: 'O6',
		field: 'Max Wait on Rate Limit',
		input: 'negative',
		setup: { runOptions: { rateLimitMaxWait: -1 } },
		outcome: {
			kind: 'error',
			field: 'Max Wait on Rate Limit',
			message: /Max Wait on Rate Limit -1 is outside/,
			hint: /Use 0 \(never wait\)/,
			runWide: true,
		},
	},
	{
		id: 'O7',
		field: 'Requests to Keep in Reserve',
		input: '100 (of 100 per minute)',
		setup: { runOptions: { reserveRequests: 100 } },
		outcome: {
			kind: 'error',
			field: 'Requests to Keep in Reserve',
			message: /is outside 0–99/,
			hint: /Use 0–99 requests per minute/,
			runWide: true,
		},
	},
	{
		id: 'O8',
		field: 'Timeout',
		input: '0',
		setup: { options: { timeout: 0 } },
		outcome: {
			kind: 'handled',
			check: ({ context }) => {
				// 0 = the action's own limit plus 10 s.
				expect(context.requests.map((request) => request.options.timeout)).toEqual([70_000]);
			},
		},
	},
	{
		id: 'O9',
		field: 'Timeout',
		input: 'negative (`-1`)',
		setup: { options: { timeout: -1 } },
		outcome: {
			kind: 'error',
			field: 'Timeout',
			message: /Timeout "-1" is not a whole, positive number of milliseconds/,
			hint: /Leave it at 0 for the default \(70000 ms for add\)/,
		},
	},
	{
		id: 'O10',
		field: 'Timeout',
		input: 'below 1 s (`500`)',
		setup: { options: { timeout: 500 } },
		outcome: {
			kind: 'error',
			field: 'Timeout',
			message: /Timeout 500 ms is outside 1000–600000 ms/,
			hint: /leave it at 0 for the default/,
		},
	},
	{
		id: 'O11',
		field: 'Timeout',
		input: 'above 10 min (`700000`)',
		setup: { options: { timeout: 700_000 } },
		outcome: {
			kind: 'error',
			field: 'Timeout',
			message: /Timeout 700000 ms is outside 1000–600000 ms/,
			hint: /leave it at 0 for the default/,
		},
	},
	{
		id: 'O12',
		field: 'Timeout',
		input: 'not a number (`"soon"`)',
		setup: { options: { timeout: 'soon' } },
		outcome: {
			kind: 'error',
			field: 'Timeout',
			message: /Timeout "soon" is not a whole, positive number/,
			hint: /Leave it at 0 for the default/,
		},
	},
	// ---------------------------------------------------------------- Credential: Base URL, Token
	{
		id: 'C1',
		field: 'Base URL',
		input: 'no scheme (`127.0.0.1:5678`)',
		setup: { credentials: (base) => ({ ...base, baseUrl: base.baseUrl.replace('http://', '') }) },
		outcome: { kind: 'error', field: 'Base URL (credential)', message: /has no scheme/, hint: /Write it with https:\/\//, runWide: true },
	},
	{
		id: 'C2',
		field: 'Base URL',
		input: 'another scheme (`ftp://…`)',
		setup: { credentials: (base) => ({ ...base, baseUrl: base.baseUrl.replace('http://', 'ftp://') }) },
		outcome: {
			kind: 'error',
			field: 'Base URL (credential)',
			message: /scheme "ftp:" is not supported/,
			hint: /Only http:\/\/ and https:\/\//,
			runWide: true,
		},
	},
	{
		id: 'C3',
		field: 'Base URL',
		input: 'a local file (`file:///etc/passwd`)',
		setup: { credentials: (base) => ({ ...base, baseUrl: 'file:///etc/passwd' }) },
		outcome: {
			kind: 'error',
			field: 'Base URL (credential)',
			message: /scheme "file:" is not supported/,
			hint: /Only http:\/\/ and https:\/\//,
			runWide: true,
		},
	},
	{
		id: 'C4',
		field: 'Base URL',
		input: 'a user and password in it',
		setup: { credentials: (base) => ({ ...base, baseUrl: base.baseUrl.replace('http://', 'http://user:pass@') }) },
		outcome: {
			kind: 'error',
			field: 'Base URL (credential)',
			message: /must not contain a user name or password/,
			hint: /Token field/,
			runWide: true,
		},
	},
	{
		id: 'C5',
		field: 'Base URL',
		input: 'a query (`?x=1`)',
		setup: { credentials: (base) => ({ ...base, baseUrl: `${base.baseUrl}?x=1` }) },
		outcome: {
			kind: 'error',
			field: 'Base URL (credential)',
			message: /must not contain a query or a fragment/,
			hint: /scheme, host and optional path/,
			runWide: true,
		},
	},
	{
		id: 'C6',
		field: 'Base URL',
		input: 'empty',
		setup: { credentials: (base) => ({ ...base, baseUrl: '' }) },
		outcome: { kind: 'error', field: 'Base URL (credential)', message: /has no Base URL/, hint: /https:\/\/ryzeapi\.cloud/, runWide: true },
	},
	{
		id: 'C7',
		field: 'Base URL',
		input: 'a trailing slash, or `/api` at the end',
		setup: { credentials: (base) => ({ ...base, baseUrl: `${base.baseUrl}/api/` }) },
		outcome: {
			kind: 'handled',
			check: ({ outputs, context }) => {
				expect(context.requests[0].options.url).toBe(`${sim().url}/api/group/participants/sandbox`);
				expect(outputs![0]).toHaveLength(2);
			},
		},
	},
	{
		id: 'C8',
		field: 'Base URL',
		input: 'a path prefix (reverse proxy, `http://host/ryze`)',
		setup: { credentials: (base) => ({ ...base, baseUrl: `${proxyUrl}/ryze/` }) },
		outcome: {
			kind: 'handled',
			check: ({ outputs, context }) => {
				expect(context.requests[0].options.url).toBe(`${proxyUrl}/ryze/api/group/participants/sandbox`);
				expect(proxied).toEqual(['/ryze/api/group/participants/sandbox']);
				expect(sim().calls.map((call) => call.path)).toEqual(['/api/group/participants/sandbox']);
				expect(outputs![0]).toHaveLength(2);
			},
		},
	},
	{
		id: 'C9',
		field: 'Token',
		input: 'empty',
		setup: { credentials: (base) => ({ ...base, token: '' }) },
		outcome: {
			kind: 'error',
			field: 'Token (credential)',
			message: /The RyzeAPI credential has no token/,
			hint: /Paste your TokenInstance/,
			runWide: true,
		},
	},
	{
		id: 'C10',
		field: 'Token',
		input: 'spaces only',
		setup: { credentials: (base) => ({ ...base, token: '   ' }) },
		outcome: {
			kind: 'error',
			field: 'Token (credential)',
			message: /The RyzeAPI credential has no token/,
			hint: /Paste your TokenInstance/,
			runWide: true,
		},
	},
];

// A reverse proxy on 127.0.0.1 that serves the simulator under /ryze (for C8).
let proxy: Server;
let proxyUrl = '';
const proxied: string[] = [];
beforeAll(async () => {
	proxy = createServer((req, res) => {
		proxied.push(req.url ?? '');
		const target = new URL(sim().url);
		const upstream = httpRequest(
			{ host: target.hostname, port: target.port, method: req.method, path: (req.url ?? '').replace(/^\/ryze/, ''), headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const address = proxy.address();
	proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
	await new Promise<void>((resolve) => proxy.close(() => resolve()));
});
beforeEach(() => {
	proxied.length = 0;
	// For I9: an instance with a unicode name in the account (same number as "sandbox": superadmin in Customers).
	// The simulator only finds it if it receives the name decoded.
	sim().state.instances.push({ name: 'café ☕', token: 'cafe-token', connected: true, number: '5511900000001', profileName: 'Café' });
	sim().state.accounts[0].instances.push('café ☕');
});

describe('the catalogue of bad input', () => {
	it('has at least 25 cases, and docs/reliability.md lists every one', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(25);
		expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
		const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'reliability.md'), 'utf8');
		const section = doc.slice(doc.indexOf('<!-- reliability:start -->'), doc.indexOf('<!-- reliability:end -->'));
		expect(section.length).toBeGreaterThan(1000);
		for (const c of CASES) {
			expect(section).toContain(`| ${c.id} | ${c.field} | ${c.input} |`);
		}
	});

	const errors = CASES.filter((c) => c.outcome.kind === 'error');
	const invalid = CASES.filter((c) => c.outcome.kind === 'invalid');
	const handled = CASES.filter((c) => c.outcome.kind === 'handled');

	describe.each(errors.map((c) => [`${c.id} ${c.field}: ${c.input}`, c] as const))('%s', (_name, c) => {
		const outcome = c.outcome as Extract<Outcome, { kind: 'error' }>;
		const item = outcome.runWide ? 0 : 1;

		it(`is refused before anything is sent, naming ${outcome.field} and item ${item}, with how to fix it`, async () => {
			const { error } = await run(c.setup, false);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error!.message.startsWith(`${outcome.field}: `)).toBe(true);
			expect(error!.message).toMatch(outcome.message);
			expect(error!.context).toMatchObject({ itemIndex: item });
			expect(String(error!.description)).toMatch(outcome.hint);
			expect(error!.message.endsWith(`[item ${item}]`)).toBe(true);
			expect(sim().calls).toHaveLength(0);
		});

		if (outcome.runWide) {
			it('stops the run even under Continue On Fail (it applies to every item)', async () => {
				const { error } = await run(c.setup, true);
				expect(error).toBeInstanceOf(NodeOperationError);
				expect(sim().calls).toHaveLength(0);
			});
		} else {
			it('under Continue On Fail: Failure items for item 1 that say why, item 0 goes ahead', async () => {
				const { outputs } = await run(c.setup, true);
				if (c.setup.operation) expect(outputs![0].map((entry) => entry.pairedItem)).toEqual([{ item: 0 }]);
				else expect(json(outputs![0]).map((entry) => entry.participant)).toEqual([GOOD]);
				expect(outputs![1].length).toBeGreaterThanOrEqual(1);
				for (const entry of outputs![1]) {
					expect(entry.pairedItem).toEqual({ item: 1 });
					expect(entry.json).toMatchObject({ success: false, errorCode: 'invalid_parameter' });
					expect(String(entry.json.error)).toMatch(outcome.message);
					expect(String(entry.json.error)).toContain(`${outcome.field}: `);
					expect(String(entry.json.error)).toContain('[item 1]');
				}
				// Only item 0's call.
				if (c.setup.operation) expect(sim().calls).toHaveLength(1);
				else expect(sent()).toEqual([GOOD]);
			});
		}
	});

	it.each(invalid.map((c) => [`${c.id} ${c.field}: ${c.input}`, c] as const))(
		'%s → a Failure item invalid_participant, never sent, and the rest goes ahead',
		async (_name, c) => {
			const outcome = c.outcome as Extract<Outcome, { kind: 'invalid' }>;
			const { outputs, error } = await run(c.setup, false);
			expect(error).toBeUndefined();
			expect(json(outputs![0]).map((entry) => entry.participant)).toEqual([GOOD, OTHER]);
			expect(outputs![1]).toHaveLength(1);
			expect(outputs![1][0].pairedItem).toEqual({ item: 1 });
			expect(outputs![1][0].json).toMatchObject({
				success: false,
				participant: null,
				input: outcome.input,
				errorCode: 'invalid_participant',
				statusCode: null,
				outcomeUnknown: false,
			});
			expect(String(outputs![1][0].json.error)).toMatch(/^Not a valid participant: /);
			expect(String(outputs![1][0].json.error)).toMatch(outcome.reason);
			expect(sent()).toEqual([GOOD, OTHER]);
		},
	);

	it.each(handled.map((c) => [`${c.id} ${c.field}: ${c.input}`, c] as const))('%s is handled', async (_name, c) => {
		const outcome = c.outcome as Extract<Outcome, { kind: 'handled' }>;
		const result = await run(c.setup, false);
		expect(result.error).toBeUndefined();
		await outcome.check(result);
	});
});
