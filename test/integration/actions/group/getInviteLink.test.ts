/**
 * Get Invite Link over real sockets against the simulator, in node version 1 (text
 * fields) and 1.1 (resource locators): the exact call (GET /info with
 * participants=false, never /resetLink, so the link stays valid), the exact item, a
 * link reset by someone else, no link (not admin) and a link that is not WhatsApp's as
 * Failure items, errors naming the item, Continue On Fail, and the kind (a read: resent
 * after a 500). Back-off sleeps are made instant (the number of calls is the point).
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { outputKeys } from '../../../../nodes/RyzeApi/actions/group/getInviteLink.operation';
import type { Fault } from '../../../simulator';
import { SANDBOX, useSimulator } from '../../../support/simulatorHarness';
import { createVersionedContext, node, rl } from '../../../support/locatorContext';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: async () => await Promise.resolve() }));

const { sim, credentials } = useSimulator();
const { customers, announcements, vip } = SANDBOX.groups;

const VERSIONS = [1, 1.1] as const;

const locate = (value: string) => (value.endsWith('@g.us') ? rl('id', value) : rl('invite', value));

interface Run {
	group?: string;
	groupFor?: (i: number) => string;
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
				operation: 'getInviteLink',
				instance: version === 1 ? '' : rl('list', ''),
				group: version === 1 ? group : locate(group),
				options: {},
			};
		},
	});
	const outputs = await node.execute.call(test.ctx);
	return { ...test, outputs };
}

const linkOf = (code: string) => `https://chat.whatsapp.com/${code}`;

const success = (group: string, groupJid: string, code: string) => ({
	success: true,
	group,
	groupJid,
	inviteLink: linkOf(code),
	inviteCode: code,
	error: null,
	errorCode: null,
	statusCode: 200,
	outcomeUnknown: false,
	raw: null,
});

async function control(route: string, body: unknown): Promise<number> {
	const res = await fetch(`${sim().url}/__sim/${route}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return res.status;
}

describe.each(VERSIONS)('Get Invite Link, node version %s', (version) => {
	it('one call, GET /info with participants=false (never /resetLink: the link still works); one item with the ten keys', async () => {
		const { outputs, extracted } = await run(version);
		expect(outputs).toEqual([[{ json: success(customers.jid, customers.jid, customers.inviteCode), pairedItem: { item: 0 } }], []]);
		expect(Object.keys(outputs[0][0].json)).toEqual([...outputKeys]);
		expect(sim().calls).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/api/group/info/sandbox',
				query: { identifier: customers.jid, participants: 'false' },
				status: 200,
			}),
		]);
		expect(sim().state.groups.find((group) => group.jid === customers.jid)?.inviteCode).toBe(customers.inviteCode);
		if (version === 1.1) expect([...extracted].sort()).toEqual(['group', 'instance']);
	});

	it('by invite link or code; after someone resets the link, the new one', async () => {
		const first = await run(version, { group: linkOf(vip.inviteCode) });
		expect(first.outputs[0].map((entry) => entry.json)).toEqual([success(linkOf(vip.inviteCode), vip.jid, vip.inviteCode)]);
		expect(await control('group-update', { group: vip.jid, resetLink: true })).toBe(200);
		const code = sim().state.groups.find((group) => group.jid === vip.jid)?.inviteCode as string;
		expect(code).not.toBe(vip.inviteCode);
		const second = await run(version, { group: vip.jid });
		expect(second.outputs[0].map((entry) => entry.json)).toEqual([success(vip.jid, vip.jid, code)]);
	});

	it('no link (the instance is not admin): a Failure item not_admin with the group RyzeAPI sent, without stopping the run', async () => {
		const { outputs } = await run(version, { items: 2, groupFor: (i) => (i === 0 ? announcements.jid : customers.jid) });
		const [ok, failure] = outputs;
		expect(ok.map((entry) => [entry.json.inviteCode, entry.pairedItem])).toEqual([[customers.inviteCode, { item: 1 }]]);
		expect(failure.map((entry) => entry.pairedItem)).toEqual([{ item: 0 }]);
		expect(failure[0].json).toEqual({
			success: false,
			group: announcements.jid,
			groupJid: announcements.jid,
			inviteLink: null,
			inviteCode: null,
			error: `RyzeAPI gave no invite link for group ${announcements.jid}: WhatsApp shows it to group admins only`,
			errorCode: 'not_admin',
			statusCode: 200,
			outcomeUnknown: false,
			raw: expect.objectContaining({ jid: announcements.jid, inviteLink: null, inviteCode: null }),
		});
	});

	it.each([
		[
			'a link to another host',
			{ inviteLink: 'https://evil.example/CUSTOMERS0001' },
			'inviteLink "https://evil.example/CUSTOMERS0001" is not a WhatsApp invite link (https://chat.whatsapp.com/…)',
		],
		[
			'a link and a code that disagree',
			{ inviteLink: linkOf('AAA'), inviteCode: 'BBB' },
			'inviteLink and inviteCode name different codes ("AAA", "BBB")',
		],
		['a code that is not a code', { inviteLink: null, inviteCode: 'a b' }, 'inviteCode "a b" is not an invite code'],
		['a link that is not text', { inviteLink: ['x'] }, 'inviteLink is a list, not text'],
	])('%s is never passed on: a Failure item unexpected_response saying what came', async (_title, invite, reason) => {
		const group = { jid: customers.jid, name: customers.name, inviteCode: null, ...invite };
		const { outputs } = await run(version, { faults: [{ kind: 'json', body: { success: true, group } }] });
		expect(outputs[0]).toEqual([]);
		expect(outputs[1].map((entry) => entry.json)).toEqual([
			{
				success: false,
				group: customers.jid,
				groupJid: customers.jid,
				inviteLink: null,
				inviteCode: null,
				error: `RyzeAPI's invite link for group ${customers.jid} is not used: ${reason}`,
				errorCode: 'unexpected_response',
				statusCode: 200,
				outcomeUnknown: false,
				raw: group,
			},
		]);
	});

	it('a 403 with continueOnFail: one Failure item for that input item', async () => {
		const { outputs } = await run(version, {
			continueOnFail: true,
			items: 2,
			faults: [{ kind: 'status', status: 403, message: 'Not authorized' }],
		});
		expect(outputs[0].map((entry) => entry.pairedItem)).toEqual([{ item: 1 }]);
		expect(outputs[1]).toEqual([
			{
				json: {
					success: false,
					group: customers.jid,
					groupJid: null,
					inviteLink: null,
					inviteCode: null,
					error: 'Not authorized',
					errorCode: 'not_admin',
					statusCode: 403,
					outcomeUnknown: false,
					raw: null,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('without continueOnFail: a NodeApiError in the API words, naming the item', async () => {
		const error = await run(version, {
			items: 2,
			groupFor: (i) => (i === 0 ? customers.jid : '120363999999999999@g.us'),
		}).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({ message: 'Group not found or you are not a member of this group', context: { itemIndex: 1 } });
		expect((error as NodeApiError).description).toMatch(
			/\(item 1: the invite link of group 120363999999999999@g.us on instance sandbox\)$/,
		);
	});

	it('a read: sent again after a 500 (which may have been processed)', async () => {
		const { outputs } = await run(version, { faults: [{ kind: 'status', status: 500, processed: true }] });
		expect(outputs[0].map((entry) => entry.json.inviteCode)).toEqual([customers.inviteCode]);
		expect(sim().calls.map((call) => [call.path, call.status])).toEqual([
			['/api/group/info/sandbox', 500],
			['/api/group/info/sandbox', 200],
		]);
	});

	it('bad input is refused before anything is sent, naming field and item; under continueOnFail an invalid_parameter item', async () => {
		await expect(run(version, { group: '5511944440001@s.whatsapp.net' })).rejects.toBeInstanceOf(NodeOperationError);
		const { outputs } = await run(version, { group: 'not a group', continueOnFail: true });
		expect(outputs[1].map((entry) => [entry.json.errorCode, entry.json.group, Object.keys(entry.json)])).toEqual([
			['invalid_parameter', null, [...outputKeys]],
		]);
		expect(String(outputs[1][0].json.error)).toMatch(/^Group: Group "not a group" contains spaces \[item 0\]/);
		expect(sim().calls).toEqual([]);
	});

	it('in tool mode everything is on output 0', async () => {
		const { outputs } = await run(version, { toolMode: true, items: 2, groupFor: (i) => (i === 0 ? announcements.jid : customers.jid) });
		expect(outputs[0].map((entry) => [entry.json.success, entry.json.errorCode])).toEqual([
			[false, 'not_admin'],
			[true, null],
		]);
		expect(outputs[1]).toEqual([]);
	});
});
