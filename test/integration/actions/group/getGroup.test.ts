/**
 * Get Group over real sockets against the simulator, in node version 1 (text fields) and
 * 1.1 (resource locators): the exact call (GET /info with participants=false), the exact
 * item, what a change to the group shows, an invite RyzeAPI does not give or gives in a
 * form that is not WhatsApp's, Simplify, answers that cannot be read, errors naming the
 * item, Continue On Fail, and the kind (a read: resent after a 500). Back-off sleeps are
 * made instant (the number of calls is the point, not the wait).
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { outputKeys, simplifiedOutputKeys } from '../../../../nodes/RyzeApi/actions/group/getGroup.operation';
import type { Fault } from '../../../simulator';
import { allText, SANDBOX, useSimulator } from '../../../support/simulatorHarness';
import { createVersionedContext, node, rl } from '../../../support/locatorContext';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: async () => await Promise.resolve() }));

const { sim, credentials } = useSimulator();
const { customers, announcements } = SANDBOX.groups;
const sandboxJid = `${SANDBOX.numbers.sandbox}@s.whatsapp.net`;

const VERSIONS = [1, 1.1] as const;

/** The resource locator mode a v1.1 user would pick for a value. */
const locate = (value: string) => (value.endsWith('@g.us') ? rl('id', value) : rl('invite', value));

interface Run {
	group?: string;
	groupFor?: (i: number) => string;
	simplify?: unknown;
	continueOnFail?: boolean;
	toolMode?: boolean;
	items?: number;
	faults?: Fault[];
}

async function run(version: number, options: Run = {}) {
	if (options.faults) sim().scriptFaults(options.faults);
	const test = createVersionedContext({
		typeVersion: version,
		credentials: credentials(),
		continueOnFail: options.continueOnFail,
		toolMode: options.toolMode,
		items: Array.from({ length: options.items ?? 1 }, () => ({ json: {} })),
		params: (i) => {
			const group = options.groupFor ? options.groupFor(i) : (options.group ?? customers.jid);
			return {
				operation: 'getGroup',
				instance: version === 1 ? 'sandbox' : rl('name', 'sandbox'),
				group: version === 1 ? group : locate(group),
				simplify: options.simplify ?? false,
				options: {},
			};
		},
	});
	const outputs = await node.execute.call(test.ctx);
	return { ...test, outputs };
}

const settings = { membersCanEditInfo: false, membersCanSendMessages: true, membersCanAddOthers: false, requireAdminApproval: false };
const description = 'Sandbox group where the sandbox instance is the super admin.';

/** /info's group for Customers, as the simulator sends it (participants=false: no member list). */
const CUSTOMERS_RAW = {
	jid: customers.jid,
	name: customers.name,
	description,
	inviteCode: customers.inviteCode,
	inviteLink: `https://chat.whatsapp.com/${customers.inviteCode}`,
	createdBy: sandboxJid,
	participantCount: 5,
	groupSettings: settings,
};

const CUSTOMERS_ITEM = {
	success: true,
	group: customers.jid,
	jid: customers.jid,
	name: customers.name,
	description,
	inviteLink: `https://chat.whatsapp.com/${customers.inviteCode}`,
	inviteCode: customers.inviteCode,
	createdBy: sandboxJid,
	createdAt: null,
	participantCount: 5,
	...settings,
	instance: 'sandbox',
	error: null,
	errorCode: null,
	statusCode: 200,
	outcomeUnknown: false,
	raw: CUSTOMERS_RAW,
};

const failureItem = (fields: Record<string, unknown>) => ({
	...Object.fromEntries(outputKeys.map((key) => [key, null])),
	success: false,
	instance: 'sandbox',
	outcomeUnknown: false,
	...fields,
});

describe.each(VERSIONS)('Get Group, node version %s', (version) => {
	it('one call, GET /info with participants=false; one item with every key, in order', async () => {
		const { outputs, extracted } = await run(version);
		expect(outputs).toEqual([[{ json: CUSTOMERS_ITEM, pairedItem: { item: 0 } }], []]);
		expect(Object.keys(outputs[0][0].json)).toEqual([...outputKeys]);
		expect(sim().calls).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/api/group/info/sandbox',
				query: { identifier: customers.jid, participants: 'false' },
				status: 200,
			}),
		]);
		if (version === 1.1) expect([...extracted].sort()).toEqual(['group', 'instance']);
	});

	it('by invite code or link: group as given, jid resolved; a group changed by someone else reads as it is now', async () => {
		const changed = await fetch(`${sim().url}/__sim/group-update`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ group: customers.jid, name: 'Renamed', groupSettings: { requireAdminApproval: true } }),
		});
		expect(changed.status).toBe(200);
		const link = `https://chat.whatsapp.com/${customers.inviteCode}`;
		const { outputs } = await run(version, { items: 2, groupFor: (i) => (i === 0 ? customers.inviteCode : link) });
		expect(outputs[0].map((entry) => [entry.json.group, entry.json.jid, entry.json.name, entry.json.requireAdminApproval])).toEqual([
			[customers.inviteCode, customers.jid, 'Renamed', true],
			[link, customers.jid, 'Renamed', true],
		]);
		expect(sim().calls.map((call) => call.query)).toEqual([
			{ identifier: customers.inviteCode, participants: 'false' },
			{ identifier: link, participants: 'false' },
		]);
	});

	it('an instance that is not admin gets no invite: null link and code, and the output pane says why', async () => {
		const { outputs, hints } = await run(version, { group: announcements.jid });
		expect(outputs[0][0].json).toMatchObject({
			success: true,
			jid: announcements.jid,
			inviteLink: null,
			inviteCode: null,
			membersCanSendMessages: false,
		});
		expect(hints).toEqual([
			{
				message: `RyzeAPI gave no invite link for group ${announcements.jid}: WhatsApp shows it to group admins only.`,
				location: 'outputPane',
			},
		]);
	});

	it('an invite that is not a WhatsApp invite is never passed on: null link and code, and a hint that never echoes it', async () => {
		const group = { ...CUSTOMERS_RAW, inviteLink: `https://evil.example/${SANDBOX.tokens.sandbox}`, inviteCode: null };
		const { outputs, hints } = await run(version, { faults: [{ kind: 'json', body: { success: true, group } }] });
		expect(outputs[0][0].json).toMatchObject({
			success: true,
			name: customers.name,
			inviteLink: null,
			inviteCode: null,
			raw: { ...group, inviteLink: 'https://evil.example/[redacted]' },
		});
		expect(allText([outputs, hints])).not.toContain(SANDBOX.tokens.sandbox);
		expect(hints.map((hint) => hint.message)).toEqual([
			`The invite RyzeAPI gave for group ${customers.jid} is not a WhatsApp invite link or code, so inviteLink and inviteCode are null (see raw).`,
		]);
	});

	it('GroupDetail extras and other spellings: createdAt in Unix seconds as ISO 8601, a code without a link, under data', async () => {
		const group = { id: customers.jid, subject: 'Spelled', createdAt: 1700000000, inviteCode: 'ABC123', size: 3, isEphemeral: false };
		const { outputs } = await run(version, { faults: [{ kind: 'json', body: { data: group } }] });
		expect(outputs[0][0].json).toEqual({
			...CUSTOMERS_ITEM,
			name: 'Spelled',
			description: null,
			inviteLink: 'https://chat.whatsapp.com/ABC123',
			inviteCode: 'ABC123',
			createdBy: null,
			createdAt: '2023-11-14T22:13:20.000Z',
			participantCount: 3,
			membersCanEditInfo: null,
			membersCanSendMessages: null,
			membersCanAddOthers: null,
			requireAdminApproval: null,
			raw: group,
		});
	});

	it('Simplify: success, group, jid, name, inviteLink, participantCount, error, errorCode, on both outputs', async () => {
		const { outputs } = await run(version, {
			simplify: true,
			continueOnFail: true,
			items: 2,
			groupFor: (i) => (i === 0 ? customers.jid : '120363999999999999@g.us'),
		});
		expect(outputs.flat().map((entry) => [entry.json, entry.pairedItem])).toEqual([
			[
				{
					success: true,
					group: customers.jid,
					jid: customers.jid,
					name: customers.name,
					participantCount: 5,
					inviteLink: CUSTOMERS_ITEM.inviteLink,
					error: null,
					errorCode: null,
				},
				{ item: 0 },
			],
			[
				{
					success: false,
					group: '120363999999999999@g.us',
					jid: null,
					name: null,
					participantCount: null,
					inviteLink: null,
					error: 'Group not found or you are not a member of this group',
					errorCode: 'group_not_found',
				},
				{ item: 1 },
			],
		]);
		expect(outputs.flat().every((entry) => Object.keys(entry.json).join() === simplifiedOutputKeys.join())).toBe(true);
	});

	it.each([
		['a 403', { kind: 'status' as const, status: 403, message: 'Not authorized' }, 'not_admin', 403, 'Not authorized'],
		['a body without a group', { kind: 'garbage' as const }, 'unexpected_response', 200, 'RyzeAPI answered the group info without a group'],
		[
			'a group whose count is not a count',
			{ kind: 'json' as const, body: { success: true, group: { ...CUSTOMERS_RAW, participantCount: { n: 5 } } } },
			'unexpected_response',
			200,
			"RyzeAPI's group info could not be read: participantCount is an object, not a count",
		],
		[
			'a setting that is not true or false',
			{ kind: 'json' as const, body: { group: { ...CUSTOMERS_RAW, groupSettings: { ...settings, membersCanAddOthers: 'sometimes' } } } },
			'unexpected_response',
			200,
			`RyzeAPI's group info could not be read: groupSettings.membersCanAddOthers is "sometimes", not true or false`,
		],
	])('%s with continueOnFail: one Failure item for that input item, with every key', async (_title, fault, code, status, message) => {
		const { outputs } = await run(version, { continueOnFail: true, items: 2, faults: [fault] });
		const [success, failure] = outputs;
		expect(success.map((entry) => [entry.json.jid, entry.pairedItem])).toEqual([[customers.jid, { item: 1 }]]);
		expect(failure).toEqual([
			{ json: failureItem({ group: customers.jid, error: message, errorCode: code, statusCode: status }), pairedItem: { item: 0 } },
		]);
		expect(Object.keys(failure[0].json)).toEqual([...outputKeys]);
	});

	it('without continueOnFail: a NodeApiError in the API words, naming the item; the token never shows', async () => {
		const error = await run(version, {
			items: 2,
			groupFor: (i) => (i === 0 ? customers.jid : '120363999999999999@g.us'),
		}).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({ message: 'Group not found or you are not a member of this group', context: { itemIndex: 1 } });
		expect((error as NodeApiError).description).toMatch(/\(item 1: group 120363999999999999@g.us on instance sandbox\)$/);
		expect(allText(error)).not.toContain(SANDBOX.tokens.sandbox);
	});

	it('a read: sent again after a 500 (which may have been processed)', async () => {
		const { outputs } = await run(version, { faults: [{ kind: 'status', status: 500, processed: true }] });
		expect(outputs[0].map((entry) => entry.json.jid)).toEqual([customers.jid]);
		expect(sim().calls.map((call) => call.status)).toEqual([500, 200]);
	});

	it('a person where the group belongs is refused before anything is sent, naming field and item', async () => {
		const error = await run(version, { group: '5511944440001@s.whatsapp.net' }).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe('Group: Group "5511944440001@s.whatsapp.net" is not a group JID [item 0]');
		expect(sim().calls).toEqual([]);
	});

	it('Simplify that is neither true nor false is refused; under continueOnFail an invalid_parameter item with every key', async () => {
		await expect(run(version, { simplify: 'yes' })).rejects.toThrow('Simplify: Simplify "yes" is not true or false [item 0]');
		const { outputs } = await run(version, { simplify: 'yes', continueOnFail: true });
		expect(outputs[1].map((entry) => [entry.json.errorCode, Object.keys(entry.json)])).toEqual([['invalid_parameter', [...outputKeys]]]);
		expect(sim().calls).toEqual([]);
	});

	it('in tool mode everything is on output 0', async () => {
		const { outputs } = await run(version, {
			toolMode: true,
			continueOnFail: true,
			items: 2,
			groupFor: (i) => (i === 0 ? customers.jid : '120363999999999999@g.us'),
		});
		expect(outputs[0].map((entry) => entry.json.success)).toEqual([true, false]);
		expect(outputs[1]).toEqual([]);
	});
});
