/**
 * Create Group over real sockets against the simulator, in node version 1 and 1.1: the
 * call (name, people as Manage Participants parses them, only the Additional Fields
 * added), the item (who is in, who is not and why, who the answer does not account for,
 * the invite link), the group really made (listed, its settings), never sent twice (a
 * resend could make a second group), bad input with no call, Continue On Fail.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { OUTCOMES } from '../../../simulator';
import { apiGet, jsonOf, listedGroups, runWrite, VERSIONS, type WriteRun } from '../../../support/groupWrites';
import { SANDBOX, useSimulator } from '../../../support/simulatorHarness';

// A resend's back-off made instant: a wrong resend would show at once as a second call.
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: async () => await Promise.resolve() }));

const { sim, credentials } = useSimulator();

const create = (version: number, params: WriteRun['params'], more: Partial<WriteRun> = {}) =>
	runWrite({ version, credentials: credentials(), operation: 'createGroup', params, ...more });

const createCalls = () => sim().calls.filter((call) => call.path === '/api/group/create/sandbox');
const named = (name: string) => sim().state.groups.filter((group) => group.name === name);
const NOT_SENT_LETTERS = 'Not a valid participant: contains letters; use a phone number with country code, a JID or a LID';

describe.each(VERSIONS)('Create Group, node version %s', (version) => {
	it('creates the group: who is in, who is not and why (RyzeAPI said, or never sent), its invite link; it is listed', async () => {
		const { outputs } = await create(version, {
			groupName: ' Launch Team ',
			participants: '5511977770001, +55 11 97777-0000\n5511977770403; hello, 5511977770001@c.us',
			additionalFields: { description: 'The launch', requireAdminApproval: true },
		});
		expect(sim().calls).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: '/api/group/create/sandbox',
				body: {
					name: 'Launch Team',
					participants: ['5511977770001', '5511977770000', '5511977770403'],
					description: 'The launch',
					groupSettings: { requireAdminApproval: true },
				},
				status: 201,
			}),
		]);
		const [made] = named('Launch Team');
		expect(jsonOf(outputs![0])).toEqual([
			{
				success: true,
				groupJid: made.jid,
				name: 'Launch Team',
				inviteLink: `https://chat.whatsapp.com/${made.inviteCode}`,
				inviteCode: made.inviteCode,
				added: ['5511977770001'],
				notAdded: [
					{ participant: '5511977770000', reason: OUTCOMES.notOnWhatsApp },
					{ participant: '5511977770403', reason: OUTCOMES.privacyBlocked },
					{ participant: 'hello', reason: NOT_SENT_LETTERS },
				],
				unconfirmed: [],
				error: null,
				errorCode: null,
				statusCode: 201,
				outcomeUnknown: false,
				raw: null,
			},
		]);
		expect(outputs![0][0].pairedItem).toEqual({ item: 0 });
		expect(outputs![1]).toEqual([]);
		// The state really changed: the instance lists the group, /info gives its description and settings.
		expect(await listedGroups(sim().url, 'sandbox', SANDBOX.tokens.sandbox)).toContain(made.jid);
		const { body } = await apiGet(sim().url, `/api/group/info/sandbox?identifier=${made.jid}&participants=false`, SANDBOX.tokens.sandbox);
		expect(body.group).toMatchObject({
			name: 'Launch Team',
			description: 'The launch',
			groupSettings: { membersCanEditInfo: true, membersCanSendMessages: true, membersCanAddOthers: false, requireAdminApproval: true },
		});
	});

	it('JIDs and LIDs are sent and matched as given; no Additional Fields, none sent', async () => {
		const { outputs } = await create(version, {
			groupName: 'Forms',
			participants: ['5511977770002@s.whatsapp.net', '199789077620010@lid', { phone: '5511977770003' }],
		});
		expect(createCalls().map((call) => call.body)).toEqual([
			{ name: 'Forms', participants: ['5511977770002@s.whatsapp.net', '199789077620010@lid', '5511977770003'] },
		]);
		expect(jsonOf(outputs![0])).toEqual([
			expect.objectContaining({
				added: ['5511977770002@s.whatsapp.net', '199789077620010@lid', '5511977770003'],
				notAdded: [],
				unconfirmed: [],
			}),
		]);
	});

	it.each([
		[
			'no member list: everyone unconfirmed, never assumed in',
			{ success: true, group: { jid: '120363000000009999@g.us', name: 'X', inviteCode: 'NEWCODE1' } },
			[],
			['5511977770001', '5511977770002'],
			/does not list the group's members/,
		],
		[
			'members as whatsmeow reports them (a failed add carries its error code)',
			{
				success: true,
				group: {
					jid: '120363000000009999@g.us',
					participants: [{ jid: '5511977770001@s.whatsapp.net' }, { JID: '5511977770002@s.whatsapp.net', Error: 403, AddRequest: {} }],
				},
			},
			[{ participant: '5511977770002', reason: 'WhatsApp did not add them (code 403)' }],
			[],
			null,
		],
		[
			'a member shown only by its LID for a number that was sent: unconfirmed',
			{
				success: true,
				group: { jid: '120363000000009999@g.us', participants: [{ jid: '5511977770001@s.whatsapp.net' }, { jid: '199789077620011@lid' }] },
			},
			[],
			['5511977770002'],
			/neither lists them among the members nor as not added/,
		],
	])('%s', async (_title, body, notAdded, unconfirmed, why) => {
		sim().scriptFaults([{ kind: 'json', status: 201, body }]);
		const { outputs } = await create(version, { groupName: 'X', participants: '5511977770001, 5511977770002' });
		const [item] = jsonOf(outputs![0]);
		expect(item.notAdded).toEqual(notAdded);
		expect((item.unconfirmed as Array<{ participant: string }>).map((entry) => entry.participant)).toEqual(unconfirmed);
		for (const entry of item.unconfirmed as Array<{ reason: string }>) expect(entry.reason).toMatch(why!);
		const people = [...(item.added as string[]), ...notAdded.map((entry) => entry.participant), ...unconfirmed].sort();
		expect(people).toEqual(['5511977770001', '5511977770002']);
	});

	it.each([
		['a 500 after the group was made', [{ kind: 'status' as const, status: 500, processed: true, times: 3 }], {}, 'server_error'],
		['a timeout (the group made, the answer late)', [{ kind: 'delay' as const, ms: 2500 }], { timeout: 1000 }, 'timeout'],
	])('never sent twice: after %s one call, one group, everyone unconfirmed', async (_title, faults, options, code) => {
		sim().scriptFaults(faults);
		// Retry on Server Errors on: a create never opts in to resends, whatever the option says.
		const params = { groupName: 'Once', participants: '5511977770001', options: { ...options, retryOnServerErrors: true } };
		const { outputs } = await create(version, params, { continueOnFail: true });
		expect(createCalls()).toHaveLength(1);
		expect(named('Once')).toHaveLength(1);
		expect(jsonOf(outputs![1])).toEqual([
			expect.objectContaining({
				success: false,
				groupJid: null,
				name: 'Once',
				added: [],
				notAdded: [],
				unconfirmed: [
					{ participant: '5511977770001', reason: 'The group may have been created: look for it with List Groups before running again' },
				],
				errorCode: code,
				outcomeUnknown: true,
			}),
		]);
	});

	it('a refusal (nothing made): everyone notAdded; without Continue On Fail a NodeApiError naming the item', async () => {
		const refused = { kind: 'status' as const, status: 400, message: 'At least one participant is required' };
		sim().scriptFaults([refused]);
		const { outputs } = await create(version, { groupName: 'No', participants: '5511977770001, x' }, { continueOnFail: true });
		expect(jsonOf(outputs![1])).toEqual([
			expect.objectContaining({
				notAdded: [
					{ participant: '5511977770001', reason: 'The group was not created' },
					{ participant: 'x', reason: NOT_SENT_LETTERS },
				],
				unconfirmed: [],
				errorCode: 'bad_request',
				outcomeUnknown: false,
			}),
		]);
		sim().scriptFaults([refused]);
		const { error } = await create(version, { groupName: 'No', participants: '5511977770001' });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(String(error!.description)).toContain('item 0: creating group "No" with 1 person on instance sandbox');
	});

	it('as an AI Agent tool: the item goes to output 0, which is all the agent reads, Success or Failure', async () => {
		const { outputs } = await create(version, { groupName: 'Tool', participants: '5511977770001' }, { toolMode: true });
		expect(outputs![0].map((item) => [item.json.success, item.json.added])).toEqual([[true, ['5511977770001']]]);
		sim().scriptFaults([{ kind: 'status', status: 403, message: 'Not authorized' }]);
		const refused = await create(version, { groupName: 'Tool', participants: '5511977770001' }, { toolMode: true, continueOnFail: true });
		expect(refused.outputs![0].map((item) => [item.json.success, item.json.errorCode])).toEqual([[false, 'not_admin']]);
		expect(refused.outputs![1]).toEqual([]);
	});

	it('a 2xx without the group JID: Failure that says the group may have been created', async () => {
		sim().scriptFaults([{ kind: 'json', status: 201, body: { success: true, message: 'Group created successfully' } }]);
		const { outputs } = await create(version, { groupName: 'Y', participants: '5511977770001' }, { continueOnFail: true });
		expect(jsonOf(outputs![1])).toEqual([
			expect.objectContaining({ errorCode: 'unexpected_response', statusCode: 201, outcomeUnknown: true }),
		]);
		expect(String(outputs![1][0].json.error)).toMatch(/without the new group JID\. The group may have been created/);
	});

	it('a long name is sent as it is: RyzeAPI documents no group subject limit, so it decides', async () => {
		const name = 'N'.repeat(300);
		const { outputs } = await create(version, { groupName: name, participants: '5511977770001' });
		expect(createCalls().map((call) => (call.body as { name: string }).name)).toEqual([name]);
		expect(outputs![0]).toHaveLength(1);
	});

	it.each([
		['an empty name', { groupName: '' }, /^Group Name: Group Name is empty \[item 1\]$/],
		['a name of spaces', { groupName: '   ' }, /^Group Name: Group Name is empty \[item 1\]$/],
		['a name that is an object', { groupName: { a: 1 } }, /^Group Name: Group Name must be text, but an object was given/],
		['no participant', { participants: '' }, /^Participants: Participants is empty \[item 1\]$/],
		['no valid participant', { participants: 'hello, 123' }, /^Participants: None of the 2 entries is a valid participant/],
		['a setting that is not true or false', { additionalFields: { membersCanAddOthers: 'yes' } }, /^Members Can Add Others: /],
	])('%s: refused, naming the field and the item; no call', async (_title, bad, message) => {
		const good = { groupName: 'Good', participants: '5511977770001' };
		const params = (itemIndex: number) => (itemIndex === 1 ? { ...good, ...bad } : good);
		const { error } = await create(version, params, { items: 2 });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(message);
		expect(sim().calls).toEqual([]);

		const { outputs } = await create(version, params, { items: 2, continueOnFail: true });
		expect(outputs![0].map((item) => [item.pairedItem, item.json.name])).toEqual([[{ item: 0 }, 'Good']]);
		expect(outputs![1].map((item) => [item.pairedItem, item.json.errorCode, item.json.notAdded])).toEqual([
			[{ item: 1 }, 'invalid_parameter', []],
		]);
		expect(createCalls()).toHaveLength(1);
	});
});
