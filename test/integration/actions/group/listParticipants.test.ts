/**
 * List Participants over real sockets against the simulator, in node version 1 (text
 * fields) and 1.1 (resource locators): the same calls and the same items.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { allText, SANDBOX, useSimulator } from '../../../support/simulatorHarness';
import { createVersionedContext, node, rl } from '../../../support/locatorContext';

const { sim, credentials } = useSimulator();
const { vip, customers } = SANDBOX.groups;
const sandboxNumber = SANDBOX.numbers.sandbox;

/** The resource locator mode a v1.1 user would pick for a value. */
function locate(value: string): unknown {
	if (value === '') return rl('list', '');
	if (value.startsWith('=')) return rl('id', value);
	if (/@g\.us$/.test(value)) return rl('id', value);
	return rl('invite', value);
}

const VERSIONS = [1, 1.1] as const;

function params(version: number, fields: { instance?: string; group: string; options?: Record<string, unknown> }) {
	const instance = fields.instance ?? '';
	return {
		operation: 'listParticipants',
		instance: version === 1 ? instance : instance === '' ? rl('list', '') : rl('name', instance),
		group: version === 1 ? fields.group : locate(fields.group),
		options: fields.options ?? {},
	};
}

async function run(
	version: number,
	options: {
		group: string;
		instance?: string;
		options?: Record<string, unknown>;
		continueOnFail?: boolean;
		toolMode?: boolean;
		items?: number;
		groupFor?: (i: number) => string;
	},
) {
	const count = options.items ?? 1;
	const test = createVersionedContext({
		typeVersion: version,
		credentials: credentials(),
		continueOnFail: options.continueOnFail,
		toolMode: options.toolMode,
		items: Array.from({ length: count }, () => ({ json: {} })),
		params: (i) =>
			params(version, {
				instance: options.instance,
				group: options.groupFor ? options.groupFor(i) : options.group,
				options: options.options,
			}),
	});
	return { ...test, run: async () => await node.execute.call(test.ctx) };
}

const member = (
	jid: string,
	lid: string | null,
	phoneNumber: string | null,
	isAdmin: boolean,
	isSuperAdmin: boolean,
	group: string = vip.jid,
) => ({
	success: true,
	jid,
	lid,
	phoneNumber,
	isAdmin,
	isSuperAdmin,
	group,
	groupJid: vip.jid,
	groupName: vip.name,
	instance: 'sandbox',
	error: null,
	errorCode: null,
	statusCode: 200,
	outcomeUnknown: false,
	raw: null,
});

const ALL_VIP = [
	member('5511944449999@s.whatsapp.net', '199789077620099@lid', '5511944449999', true, true),
	member(`${sandboxNumber}@s.whatsapp.net`, null, sandboxNumber, true, false),
	member('5511944440001@s.whatsapp.net', '199789077620001@lid', '5511944440001', false, false),
	member('5511944440002@s.whatsapp.net', null, '5511944440002', false, false),
	member('5511944440003@s.whatsapp.net', '199789077620003@lid', '5511944440003', false, false),
	member('199789077620004@lid', '199789077620004@lid', null, false, false),
	member('5511944440005@s.whatsapp.net', null, '5511944440005', true, false),
];

describe.each(VERSIONS)('List Participants, node version %s', (version) => {
	it('gives one Success item per member: phone JIDs, LIDs, a LID-only member, admins', async () => {
		const { run: go, extracted } = await run(version, { group: vip.jid });
		const [success, failure] = await go();
		expect(failure).toEqual([]);
		expect(success.map((item) => item.json)).toEqual(ALL_VIP);
		expect(success.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(sim().calls).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/api/group/info/sandbox',
				query: { identifier: vip.jid, participants: 'true' },
				status: 200,
			}),
		]);
		if (version === 1.1) expect([...extracted].sort()).toEqual(['group', 'instance']);
	});

	it.each([
		['admins', ['5511944449999@s.whatsapp.net', `${sandboxNumber}@s.whatsapp.net`, '5511944440005@s.whatsapp.net']],
		['nonAdmins', ['5511944440001@s.whatsapp.net', '5511944440002@s.whatsapp.net', '5511944440003@s.whatsapp.net', '199789077620004@lid']],
		['all', ALL_VIP.map((entry) => entry.jid)],
	])('Options → Role %s', async (role, jids) => {
		const { run: go } = await run(version, { group: vip.jid, options: { role } });
		const [success] = await go();
		expect(success.map((item) => item.json.jid)).toEqual(jids);
	});

	it.each([['VIPCLIENTS0004'], ['https://chat.whatsapp.com/VIPCLIENTS0004']])(
		'accepts the invite code or link %s; group echoes it, groupJid is resolved',
		async (group) => {
			const { run: go } = await run(version, { group });
			const [success] = await go();
			expect(success).toHaveLength(7);
			expect(success[0].json).toMatchObject({ group, groupJid: vip.jid, groupName: vip.name });
			expect(sim().calls[0].query).toEqual({ identifier: group, participants: 'true' });
		},
	);

	it('names the instance: By Name (1.1) or the text field (1)', async () => {
		const { run: go } = await run(version, { group: customers.jid, instance: 'sandbox' });
		const [success] = await go();
		expect(success.map((item) => item.json.instance)).toEqual(Array(5).fill('sandbox'));
		expect(sim().calls[0].path).toBe('/api/group/info/sandbox');
	});

	it('an entry RyzeAPI sent that cannot be read becomes a Failure item saying why; none is lost; the token never shows', async () => {
		sim().scriptFaults([
			{
				kind: 'json',
				body: {
					success: true,
					group: {
						jid: vip.jid,
						name: vip.name,
						participantCount: 5,
						participants: [
							{ jid: '5511944440001@s.whatsapp.net', lid: '199789077620001@lid', isAdmin: false, isSuperAdmin: false },
							null,
							{ jid: SANDBOX.tokens.sandbox },
							{ lid: '199789077620004@lid', isAdmin: 'maybe' },
							{ id: '5511944440002@s.whatsapp.net', admin: 'admin' },
						],
					},
				},
			},
		]);
		const { run: go } = await run(version, { group: vip.jid, options: { role: 'nonAdmins' } });
		const [success, failure] = await go();
		expect(success.map((item) => item.json.jid)).toEqual(['5511944440001@s.whatsapp.net']);
		expect(
			failure.map((item) => [item.json.errorCode, item.json.error, item.json.statusCode, item.json.groupJid, item.pairedItem]),
		).toEqual([
			['unexpected_response', 'Member entry 2 of 5 could not be read: the entry is null, not an object', 200, vip.jid, { item: 0 }],
			[
				'unexpected_response',
				'Member entry 3 of 5 could not be read: jid "[redacted]" is neither a phone JID (…@s.whatsapp.net) nor a LID (…@lid)',
				200,
				vip.jid,
				{ item: 0 },
			],
			['unexpected_response', 'Member entry 4 of 5 could not be read: isAdmin is "maybe", not true or false', 200, vip.jid, { item: 0 }],
		]);
		expect(allText([success, failure])).not.toContain(SANDBOX.tokens.sandbox);
	});

	it('a count that differs from the list is said in an execution hint', async () => {
		sim().scriptFaults([
			{
				kind: 'json',
				body: { success: true, group: { jid: vip.jid, participantCount: 9, participants: [{ jid: '199789077620004@lid' }] } },
			},
		]);
		const { run: go, hints } = await run(version, { group: vip.jid });
		const [success] = await go();
		expect(success).toHaveLength(1);
		expect(hints).toEqual([{ message: `RyzeAPI reported 9 participants in group ${vip.jid} but listed 1.`, location: 'outputPane' }]);
	});

	it.each([
		[
			'a 403',
			{ kind: 'status' as const, status: 403, message: 'Not authorized to view this group' },
			'not_admin',
			403,
			'Not authorized to view this group',
		],
		[
			'a body without participants',
			{ kind: 'garbage' as const },
			'unexpected_response',
			200,
			'RyzeAPI answered the group info without a participants list',
		],
	])('%s with continueOnFail: one Failure item for that input item', async (_title, fault, code, status, message) => {
		sim().scriptFaults([{ ...fault, match: { pathPrefix: '/api/group/info' } }]);
		const { run: go } = await run(version, { group: vip.jid, continueOnFail: true, items: 2 });
		const [success, failure] = await go();
		expect(success.filter((item) => (item.pairedItem as { item: number }).item === 1)).toHaveLength(7);
		expect(
			failure.map((item) => [
				item.json.success,
				item.json.errorCode,
				item.json.statusCode,
				item.json.error,
				item.json.group,
				item.json.instance,
				item.pairedItem,
			]),
		).toEqual([[false, code, status, message, vip.jid, 'sandbox', { item: 0 }]]);
		expect(Object.keys(failure[0].json)).toEqual(expect.arrayContaining(Object.keys(success[0].json)));
	});

	it('an unknown group with continueOnFail: group_not_found for that item only', async () => {
		const { run: go } = await run(version, {
			group: '',
			continueOnFail: true,
			items: 2,
			groupFor: (i) => (i === 0 ? vip.jid : '120363999999999999@g.us'),
		});
		const [success, failure] = await go();
		expect(success).toHaveLength(7);
		expect(failure.map((item) => [item.json.errorCode, item.json.statusCode, item.json.error, item.pairedItem])).toEqual([
			['group_not_found', 404, 'Group not found or you are not a member of this group', { item: 1 }],
		]);
	});

	it('without continueOnFail: a NodeApiError in the API words, naming the item', async () => {
		const { run: go } = await run(version, { group: '', items: 2, groupFor: (i) => (i === 0 ? vip.jid : '120363999999999999@g.us') });
		const error = await go().catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({ message: 'Group not found or you are not a member of this group', context: { itemIndex: 1 } });
		expect((error as NodeApiError).description).toMatch(/item 1: participants of group 120363999999999999@g.us on instance sandbox/);
	});

	it('a person where the group belongs is refused before anything is sent, naming field and item', async () => {
		const { run: go } = await run(version, { group: '5511944440001@s.whatsapp.net' });
		await expect(go()).rejects.toBeInstanceOf(NodeOperationError);
		await expect((await run(version, { group: '5511944440001@s.whatsapp.net' })).run()).rejects.toThrow(
			'Group: Group "5511944440001@s.whatsapp.net" is not a group JID [item 0]',
		);
		expect(sim().calls).toEqual([]);
	});

	it('an unusable group under continueOnFail: an invalid_parameter Failure item', async () => {
		const { run: go } = await run(version, { group: 'not a group', continueOnFail: true });
		const [success, failure] = await go();
		expect(success).toEqual([]);
		expect(failure.map((item) => [item.json.errorCode, item.pairedItem])).toEqual([['invalid_parameter', { item: 0 }]]);
		expect(String(failure[0].json.error)).toMatch(/^Group: Group "not a group" contains spaces \[item 0\]/);
	});

	it('reads are resent after a 5xx', async () => {
		sim().scriptFaults([{ kind: 'status', status: 503, match: { pathPrefix: '/api/group/info' } }]);
		const { run: go } = await run(version, { group: vip.jid });
		const [success] = await go();
		expect(success).toHaveLength(7);
		expect(sim().calls.map((call) => call.status)).toEqual([503, 200]);
	});

	it('in tool mode everything is on output 0', async () => {
		const { run: go } = await run(version, {
			group: '',
			toolMode: true,
			continueOnFail: true,
			items: 2,
			groupFor: (i) => (i === 0 ? vip.jid : '120363999999999999@g.us'),
		});
		const [first, second] = await go();
		expect(first.map((item) => item.json.success)).toEqual([...Array(7).fill(true), false]);
		expect(second).toEqual([]);
	});
});
