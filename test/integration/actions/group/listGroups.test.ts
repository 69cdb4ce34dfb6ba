/**
 * List Groups over real sockets against the simulator, in node version 1 (Instance as
 * text) and 1.1 (a resource locator; the Group field is hidden and never read): the
 * exact call, the exact items, Return All / Limit / Name Contains, Simplify, entries
 * that are not groups, a list far too long (capped, and said), errors naming the item,
 * Continue On Fail, and the kind (a read: resent after a 500). Back-off sleeps are made
 * instant (the number of calls is the point, not the wait).
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { outputKeys, simplifiedOutputKeys } from '../../../../nodes/RyzeApi/actions/group/listGroups.operation';
import type { Fault } from '../../../simulator';
import { allText, SANDBOX, useSimulator } from '../../../support/simulatorHarness';
import { createVersionedContext, node, rl } from '../../../support/locatorContext';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: async () => await Promise.resolve() }));

const { sim, credentials } = useSimulator();
const { customers, waitlist, announcements, vip } = SANDBOX.groups;
const sandboxJid = `${SANDBOX.numbers.sandbox}@s.whatsapp.net`;

const VERSIONS = [1, 1.1] as const;
const MAX = 10_000;

interface Run {
	instance?: string;
	returnAll?: boolean;
	limit?: unknown;
	filters?: Record<string, unknown>;
	simplify?: unknown;
	continueOnFail?: boolean;
	toolMode?: boolean;
	items?: number;
	instanceFor?: (i: number) => string;
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
			const instance = options.instanceFor ? options.instanceFor(i) : (options.instance ?? '');
			return {
				operation: 'listGroups',
				instance: version === 1 ? instance : instance === '' ? rl('list', '') : rl('name', instance),
				// Hidden for List Groups: whatever it holds is never read.
				group: version === 1 ? 'not a group' : rl('id', 'not a group'),
				returnAll: options.returnAll ?? true,
				...(options.limit !== undefined ? { limit: options.limit } : {}),
				filters: options.filters ?? {},
				simplify: options.simplify ?? false,
				options: {},
			};
		},
	});
	const outputs = await node.execute.call(test.ctx);
	return { ...test, outputs };
}

const settings = { membersCanEditInfo: false, membersCanSendMessages: true, membersCanAddOthers: false, requireAdminApproval: false };

/** The simulator's list entry (its documented, undocumented-by-RyzeAPI shape), as `raw`. */
const entry = (
	group: { jid: string; name: string },
	description: string,
	createdBy: string,
	participantCount: number,
	role: 'superadmin' | 'admin' | 'member',
	groupSettings = settings,
) => ({
	jid: group.jid,
	name: group.name,
	description,
	createdBy,
	participantCount,
	isAdmin: role !== 'member',
	isSuperAdmin: role === 'superadmin',
	groupSettings,
});

const RAW = [
	entry(customers, 'Sandbox group where the sandbox instance is the super admin.', sandboxJid, 5, 'superadmin'),
	entry(
		waitlist,
		'Sandbox group that requires admin approval; the sandbox instance is an admin.',
		`${waitlist.owner}@s.whatsapp.net`,
		4,
		'admin',
		{ ...settings, requireAdminApproval: true },
	),
	entry(
		announcements,
		'Sandbox group where the sandbox instance is a plain member.',
		`${announcements.owner}@s.whatsapp.net`,
		4,
		'member',
		{
			...settings,
			membersCanSendMessages: false,
		},
	),
	entry(
		vip,
		'Sandbox group for the CRM sync example: phone JIDs, LIDs and a member known only by its LID.',
		`${vip.owner}@s.whatsapp.net`,
		7,
		'admin',
	),
];

const item = (raw: (typeof RAW)[number]) => ({
	success: true,
	jid: raw.jid,
	name: raw.name,
	participantCount: raw.participantCount,
	isAdmin: raw.isAdmin,
	isSuperAdmin: raw.isSuperAdmin,
	isCommunity: null,
	isDefaultSubGroup: null,
	communityJid: null,
	instance: 'sandbox',
	error: null,
	errorCode: null,
	statusCode: 200,
	outcomeUnknown: false,
	raw,
});

const ALL = RAW.map(item);
/** Every key null: what a Failure item starts from. */
const NONE = Object.fromEntries(outputKeys.map((key) => [key, null]));
/** A distinct group JID per number. */
const groupJid = (i: number) => `1203631${String(i).padStart(11, '0')}@g.us`;
const names = (items: Array<{ json: Record<string, unknown> }>) => items.map((entry) => entry.json.name);

describe.each(VERSIONS)('List Groups, node version %s', (version) => {
	it('one call, GET /api/group/list/{instance} without a query; one Success item per group, in RyzeAPI order', async () => {
		const { outputs, extracted } = await run(version);
		const [success, failure] = outputs;
		expect(failure).toEqual([]);
		expect(success.map((entry) => entry.json)).toEqual(ALL);
		expect(success.map((entry) => Object.keys(entry.json))).toEqual(Array(4).fill([...outputKeys]));
		expect(success.map((entry) => entry.pairedItem)).toEqual(Array(4).fill({ item: 0 }));
		expect(sim().calls).toEqual([expect.objectContaining({ method: 'GET', path: '/api/group/list/sandbox', query: {}, status: 200 })]);
		if (version === 1.1) expect([...extracted]).toEqual(['instance']);
	});

	it('Limit: the first N groups (default 50); Return All ignores it', async () => {
		expect(names((await run(version, { returnAll: false, limit: 2 })).outputs[0])).toEqual([customers.name, waitlist.name]);
		expect(names((await run(version, { returnAll: false })).outputs[0])).toHaveLength(4);
		expect(names((await run(version, { returnAll: true, limit: 1 })).outputs[0])).toHaveLength(4);
		expect(sim().calls.map((call) => call.path)).toEqual(Array(3).fill('/api/group/list/sandbox'));
	});

	it('Name Contains: ignoring case, before the limit; nothing matching says so in a hint', async () => {
		expect(names((await run(version, { filters: { nameContains: 'CLIENT' } })).outputs[0])).toEqual([vip.name]);
		expect(names((await run(version, { filters: { nameContains: 'n' }, returnAll: false, limit: 2 })).outputs[0])).toEqual([
			announcements.name,
			vip.name,
		]);
		const none = await run(version, { filters: { nameContains: 'nobody' } });
		expect(none.outputs).toEqual([[], []]);
		expect(none.hints).toEqual([
			{ message: 'No group of instance sandbox has a name containing the Name Contains text.', location: 'outputPane' },
		]);
	});

	it('Simplify: success, jid, name, participantCount, error, errorCode, on both outputs', async () => {
		const { outputs } = await run(version, {
			simplify: true,
			continueOnFail: true,
			faults: [{ kind: 'json', body: { success: true, groups: [RAW[0], { name: 'no jid' }] } }],
		});
		expect(outputs.flat().map((entry) => entry.json)).toEqual([
			{ success: true, jid: customers.jid, name: customers.name, participantCount: 5, error: null, errorCode: null },
			{
				success: false,
				jid: null,
				name: null,
				participantCount: null,
				error: 'Group list entry 2 of 2 could not be read: it has no jid',
				errorCode: 'unexpected_response',
			},
		]);
		expect(outputs.flat().every((entry) => Object.keys(entry.json).join() === simplifiedOutputKeys.join())).toBe(true);
	});

	it('an entry that is not a group is a Failure item saying which and why, with the entry in raw; none is lost; the token never shows', async () => {
		const groups = [
			{ id: '120363000000000009', subject: 'Bare id', size: '12', isCommunity: true, linkedParentJid: '120363000000000010@g.us' },
			null,
			{ jid: SANDBOX.tokens.sandbox },
			{ jid: '120363000000000011@g.us', participantCount: -1 },
			{ jid: '120363000000000012@g.us', isAdmin: 'maybe' },
		];
		const { outputs } = await run(version, { faults: [{ kind: 'json', body: { data: { groups } } }] });
		const [success, failure] = outputs;
		expect(success.map((entry) => entry.json)).toEqual([
			{
				...ALL[0],
				jid: '120363000000000009@g.us',
				name: 'Bare id',
				participantCount: 12,
				isAdmin: null,
				isSuperAdmin: null,
				isCommunity: true,
				communityJid: '120363000000000010@g.us',
				raw: groups[0],
			},
		]);
		expect(
			failure.map((entry) => [entry.json.errorCode, entry.json.error, entry.json.raw, entry.json.statusCode, entry.pairedItem]),
		).toEqual([
			['unexpected_response', 'Group list entry 2 of 5 could not be read: the entry is null, not an object', null, 200, { item: 0 }],
			[
				'unexpected_response',
				'Group list entry 3 of 5 could not be read: jid "[redacted]" is not a group JID (…@g.us)',
				{ jid: '[redacted]' },
				200,
				{ item: 0 },
			],
			[
				'unexpected_response',
				'Group list entry 4 of 5 could not be read: participantCount is -1, not a count',
				groups[3],
				200,
				{ item: 0 },
			],
			[
				'unexpected_response',
				'Group list entry 5 of 5 could not be read: isAdmin is "maybe", not true or false',
				groups[4],
				200,
				{ item: 0 },
			],
		]);
		expect(failure.every((entry) => Object.keys(entry.json).join() === outputKeys.join())).toBe(true);
		expect(allText(outputs)).not.toContain(SANDBOX.tokens.sandbox);
	});

	// Large data that no node version changes (the Group field is not read): once, in the last version.
	if (version === VERSIONS[VERSIONS.length - 1]) {
		it(`a hostile list of 10^6 entries (within the 10 MiB body cap): at most ${MAX} items, then a Failure item saying so`, async () => {
			// Every 100th entry a group, the rest a 0 (not a group): 2.3 MB of JSON.
			const groups = Array.from({ length: 1_000_000 }, (_, i) => (i % 100 === 0 ? { jid: groupJid(i) } : 0));
			const { outputs, hints } = await run(version, { faults: [{ kind: 'json', body: { groups } }] });
			const [success, failure] = outputs;
			expect(success.map((entry) => entry.json.jid)).toEqual(Array.from({ length: MAX / 100 }, (_, i) => groupJid(i * 100)));
			expect(failure).toHaveLength(MAX - MAX / 100 + 1);
			expect(failure[0].json.error).toBe('Group list entry 2 of 1000000 could not be read: the entry is a number, not an object');
			const notice = failure[failure.length - 1].json;
			expect(notice).toEqual({
				...NONE,
				success: false,
				instance: 'sandbox',
				errorCode: 'response_too_large',
				error: `RyzeAPI listed 1000000 entries; the node stopped at ${MAX} items (its cap per call) and left 990000 unread`,
				statusCode: 200,
				outcomeUnknown: false,
			});
			expect(hints.map((hint) => hint.message)).toEqual([`${String(notice.error)}. Use Name Contains to narrow the list.`]);
			expect(sim().calls).toHaveLength(1);
		});

		it('a Limit reads only what it needs: the entries past it are not looked at, no cap notice', async () => {
			const groups = Array.from({ length: 1_000_000 }, (_, i) => (i < 3 ? { jid: groupJid(i) } : 0));
			const { outputs } = await run(version, { returnAll: false, limit: 3, faults: [{ kind: 'json', body: { groups } }] });
			expect(outputs[0].map((entry) => entry.json.jid)).toEqual([groupJid(0), groupJid(1), groupJid(2)]);
			expect(outputs[1]).toEqual([]);
			expect(sim().calls).toHaveLength(1);
		});
	}

	it.each([
		['a 403', { kind: 'status' as const, status: 403, message: 'Not authorized' }, 'not_admin', 403, 'Not authorized'],
		[
			'a body without a list',
			{ kind: 'garbage' as const },
			'unexpected_response',
			200,
			'RyzeAPI answered the group list without a list of groups',
		],
	])('%s with continueOnFail: one Failure item for that input item, the other lists', async (_title, fault, code, status, message) => {
		const { outputs } = await run(version, { continueOnFail: true, items: 2, faults: [fault] });
		const [success, failure] = outputs;
		expect(success.map((entry) => entry.pairedItem)).toEqual(Array(4).fill({ item: 1 }));
		expect(failure.map((entry) => [entry.json, entry.pairedItem])).toEqual([
			[
				{ ...NONE, success: false, instance: 'sandbox', error: message, errorCode: code, statusCode: status, outcomeUnknown: false },
				{ item: 0 },
			],
		]);
	});

	it('without continueOnFail: a NodeApiError in the API words, naming the item', async () => {
		const error = await run(version, {
			items: 2,
			instanceFor: (i) => (i === 0 ? 'sandbox' : 'member-only'),
		}).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({ context: { itemIndex: 1 } });
		expect((error as NodeApiError).description).toMatch(/\(item 1: groups of instance member-only\)$/);
		expect(sim().calls.map((call) => [call.path, call.status])).toEqual([
			['/api/group/list/sandbox', 200],
			['/api/group/list/member-only', 403],
		]);
	});

	it('a read: sent again after a 500 (which may have been processed)', async () => {
		const { outputs } = await run(version, { faults: [{ kind: 'status', status: 500, processed: true }] });
		expect(outputs[0]).toHaveLength(4);
		expect(sim().calls.map((call) => [call.path, call.status])).toEqual([
			['/api/group/list/sandbox', 500],
			['/api/group/list/sandbox', 200],
		]);
	});

	it.each([
		[{ returnAll: false, limit: 0 }, 'Limit: Limit "0" is not a whole number from 1 to 10000 [item 0]'],
		[{ returnAll: false, limit: 'many' }, 'Limit: Limit "many" is not a whole number from 1 to 10000 [item 0]'],
		[{ filters: { nameContains: { a: 1 } } }, 'Name Contains: Name Contains is not text [item 0]'],
		[{ simplify: 'maybe' }, 'Simplify: Simplify "maybe" is not true or false [item 0]'],
	])('bad input %j is refused before anything is sent, naming field and item', async (options, message) => {
		const error = await run(version, options).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(message);
		expect(sim().calls).toEqual([]);
	});

	it('bad input under continueOnFail: an invalid_parameter Failure item with every key, the other item lists', async () => {
		const { outputs } = await run(version, { continueOnFail: true, items: 2, instanceFor: (i) => (i === 0 ? 'a/../b' : 'sandbox') });
		const [success, failure] = outputs;
		expect(success).toHaveLength(4);
		expect(failure.map((entry) => [entry.json.errorCode, entry.json.instance, entry.pairedItem])).toEqual([
			['invalid_parameter', null, { item: 0 }],
		]);
		expect(Object.keys(failure[0].json)).toEqual([...outputKeys]);
	});

	it('in tool mode everything is on output 0', async () => {
		const { outputs } = await run(version, { toolMode: true, faults: [{ kind: 'json', body: { groups: [RAW[0], 'x'] } }] });
		expect(outputs[0].map((entry) => entry.json.success)).toEqual([true, false]);
		expect(outputs[1]).toEqual([]);
	});
});
