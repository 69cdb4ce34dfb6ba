/**
 * Send Invite Link over real sockets against the simulator: the group's link read from
 * /info (never /resetLink), then one Send Text per person, {number, message}; one item
 * per participant; a LID, an unusable entry or a group without a link make no message;
 * each message is a write, sent once and never resent, on the token's lane; node
 * versions 1 and 1.1 make the same calls.
 */
import { NodeApiError, NodeOperationError, type INodeExecutionData } from 'n8n-workflow';

import { createVersionedContext, node, rl } from '../../../support/locatorContext';
import { runNode } from '../../../support/executeContext';
import { sentMessages } from '../../../support/sentMessages';
import { SANDBOX, useSimulator } from '../../../support/simulatorHarness';

const { sim, credentials } = useSimulator();
const { customers, announcements, vip } = SANDBOX.groups;
const customersLink = `https://chat.whatsapp.com/${customers.inviteCode}`;

const invite = (overrides: Record<string, unknown> = {}) => ({
	operation: 'sendInviteLink',
	instance: '',
	group: customers.jid,
	participants: '',
	options: {},
	...overrides,
});

const json = (items: INodeExecutionData[]) => items.map((item) => item.json);
const calls = () => sim().calls.map((call) => [call.method, call.path, call.status]);

async function thrown(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
	try {
		await promise;
	} catch (error) {
		return error as Error & Record<string, unknown>;
	}
	throw new Error('expected the node to throw');
}

describe('Send Invite Link', () => {
	it("reads the group's link once, then sends each person one message with it; one item per participant", async () => {
		const [success, failure] = await runNode({
			credentials: credentials(),
			params: invite({ participants: '+55 11 97777-0001, 5511977770002@s.whatsapp.net, 5511977770000, letters' }),
		});
		const sent = await sentMessages(sim());
		const text = `You are invited to join the WhatsApp group "${customers.name}": ${customersLink}`;
		expect(sent).toEqual([
			{ messageId: expect.any(String), instance: 'sandbox', number: '5511977770001', to: '5511977770001@s.whatsapp.net', message: text },
			{
				messageId: expect.any(String),
				instance: 'sandbox',
				number: '5511977770002@s.whatsapp.net',
				to: '5511977770002@s.whatsapp.net',
				message: text,
			},
		]);
		expect(json(success)).toEqual([
			{
				success: true,
				participant: '5511977770001',
				input: '+55 11 97777-0001',
				jid: '5511977770001@s.whatsapp.net',
				group: customers.jid,
				groupJid: customers.jid,
				instance: 'sandbox',
				inviteLink: customersLink,
				messageId: sent[0].messageId,
				error: null,
				errorCode: null,
				statusCode: 200,
				outcomeUnknown: false,
				raw: expect.objectContaining({ messageId: sent[0].messageId, direction: 'outgoing' }),
			},
			expect.objectContaining({ participant: '5511977770002@s.whatsapp.net', messageId: sent[1].messageId, success: true }),
		]);
		// RyzeAPI refused one number (not on WhatsApp): that person's Failure, and the run went on.
		expect(
			failure.map((item) => [item.json.participant, item.json.input, item.json.errorCode, item.json.statusCode, item.json.messageId]),
		).toEqual([
			['5511977770000', '5511977770000', 'not_on_whatsapp', 400, null],
			[null, 'letters', 'invalid_participant', null, null],
		]);
		expect([...success, ...failure].every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(sim().calls.map((call) => [call.method, call.path, call.query, call.body])).toEqual([
			['GET', '/api/group/info/sandbox', { identifier: customers.jid, participants: 'false' }, undefined],
			['POST', '/api/message/text/sandbox', {}, { number: '5511977770001', message: text }],
			['POST', '/api/message/text/sandbox', {}, { number: '5511977770002@s.whatsapp.net', message: text }],
			['POST', '/api/message/text/sandbox', {}, { number: '5511977770000', message: text }],
		]);
	});

	it('fills {{link}} and {{groupName}} in a template, also written { {{ link }} } or \\{{link}} (Expression mode)', async () => {
		await runNode({
			credentials: credentials(),
			params: invite({ group: vip.jid, participants: '5511977770001', message: 'Hi! {{ groupName }}: {{link}} (again: \\{{link}})' }),
		});
		expect((await sentMessages(sim())).map((message) => message.message)).toEqual([
			`Hi! ${vip.name}: https://chat.whatsapp.com/${vip.inviteCode} (again: https://chat.whatsapp.com/${vip.inviteCode})`,
		]);
	});

	it('a LID cannot be messaged: a Failure saying so, and no call at all when no one else is named', async () => {
		const [success, failure] = await runNode({ credentials: credentials(), params: invite({ participants: '199789077620004@lid' }) });
		expect(success).toEqual([]);
		expect(json(failure)).toEqual([
			expect.objectContaining({
				success: false,
				participant: '199789077620004@lid',
				errorCode: 'no_phone_number',
				error: expect.stringMatching(/^This person is known only by a LID/),
				messageId: null,
				statusCode: null,
			}),
		]);
		expect(sim().calls).toEqual([]);
	});

	it('a group without a link stops the run before any message, naming the field and the item', async () => {
		const run = runNode({
			credentials: credentials(),
			items: [{ json: {} }, { json: {} }],
			params: (i) => invite({ group: i === 0 ? customers.jid : announcements.jid, participants: `551197777000${i + 1}` }),
		});
		const error = await thrown(run);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			`Group: RyzeAPI gave no invite link for group ${announcements.jid}: WhatsApp shows it to group admins only [item 1]`,
		);
		expect(await sentMessages(sim())).toEqual([]);
		expect(calls()).toEqual([
			['GET', '/api/group/info/sandbox', 200],
			['GET', '/api/group/info/sandbox', 200],
		]);
	});

	it('under Continue On Fail, a group without a link is a Failure per person; the other items still go', async () => {
		const [success, failure] = await runNode({
			credentials: credentials(),
			continueOnFail: true,
			items: [{ json: {} }, { json: {} }],
			params: (i) => invite({ group: i === 0 ? customers.jid : announcements.jid, participants: `551197777000${i + 1}` }),
		});
		expect(success.map((item) => [item.json.participant, item.pairedItem])).toEqual([['5511977770001', { item: 0 }]]);
		expect(
			failure.map((item) => [item.json.participant, item.json.errorCode, item.json.groupJid, item.json.inviteLink, item.pairedItem]),
		).toEqual([['5511977770002', 'not_admin', announcements.jid, null, { item: 1 }]]);
		expect((await sentMessages(sim())).map((message) => message.number)).toEqual(['5511977770001']);
	});

	it.each([
		['without {{link}}', 'Join us!', /^Message: Message has no \{\{link\}\} placeholder/],
		['empty', '  ', /^Message: Message is empty/],
		['too long', `{{link}} ${'x'.repeat(5000)}`, /^Message: Message is 5009 characters long/],
	])('a message %s is refused before anything is sent', async (_case, message, expected) => {
		const error = await thrown(runNode({ credentials: credentials(), params: invite({ participants: '5511977770001', message }) }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(expected);
		expect(error.message).toMatch(/\[item 0\]$/);
		expect(sim().calls).toEqual([]);
	});

	it('a message is a write: after a 500 that may have gone through it is not sent again, even with Retry on Server Errors', async () => {
		sim().scriptFaults([{ kind: 'status', status: 500, processed: true, match: { pathPrefix: '/api/message/text' } }]);
		const [, failure] = await runNode({
			credentials: credentials(),
			continueOnFail: true,
			params: invite({ participants: '5511977770001', options: { retryOnServerErrors: true } }),
		});
		expect(failure.map((item) => [item.json.errorCode, item.json.outcomeUnknown, item.json.statusCode])).toEqual([
			['server_error', true, 500],
		]);
		expect(sim().calls.filter((call) => call.path.startsWith('/api/message/text'))).toHaveLength(1);
		expect(await sentMessages(sim())).toHaveLength(1);
	});

	it('without Continue On Fail such a failure stops the run, naming the item and who was already invited', async () => {
		const text = { pathPrefix: '/api/message/text' };
		sim().scriptFaults([
			{ kind: 'delay', ms: 0, match: text },
			{ kind: 'status', status: 503, match: text },
		]);
		const error = await thrown(
			runNode({
				credentials: credentials(),
				items: [{ json: {} }, { json: {} }],
				params: (i) => invite({ participants: `551197777000${i + 1}` }),
			}),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({ context: { itemIndex: 1 } });
		expect(error.description).toMatch(/This call may have been processed/);
		expect(error.description).toMatch(/Earlier messages of this run already invited 1 person\(s\): 5511977770001\./);
		expect(error.description).toMatch(/item 1: the invite to 5511977770002 for group/);
		expect(
			sim()
				.calls.filter((call) => call.path.startsWith('/api/message/text'))
				.map((call) => call.status),
		).toEqual([200, 503]);
	});

	it('the link is a read: resent after a 5xx', async () => {
		sim().scriptFaults([{ kind: 'status', status: 503, match: { pathPrefix: '/api/group/info' } }]);
		const [success] = await runNode({ credentials: credentials(), params: invite({ participants: '5511977770001' }) });
		expect(success).toHaveLength(1);
		expect(calls()).toEqual([
			['GET', '/api/group/info/sandbox', 503],
			['GET', '/api/group/info/sandbox', 200],
			['POST', '/api/message/text/sandbox', 200],
		]);
	});

	it('a person named by two items for the same group (as digits, as a JID) gets one message; both items carry its id', async () => {
		const [success] = await runNode({
			credentials: credentials(),
			items: [{ json: {} }, { json: {} }],
			params: (i) => invite({ participants: i === 0 ? '5511977770001' : '5511977770001@c.us' }),
		});
		const sent = await sentMessages(sim());
		expect(sent).toHaveLength(1);
		expect(success.map((item) => [item.json.messageId, item.pairedItem])).toEqual([
			[sent[0].messageId, { item: 0 }],
			[sent[0].messageId, { item: 1 }],
		]);
	});

	it("waits its turn on the token's rate limit: a spent window is waited out, never answered 429", async () => {
		sim().configure({ rateLimit: { limit: 2, windowMs: 1000 } });
		const [success, failure] = await runNode({
			credentials: credentials(),
			params: invite({ participants: '5511977770001, 5511977770002, 5511977770003' }),
		});
		expect([success.length, failure.length]).toEqual([3, 0]);
		expect(sim().calls.filter((call) => call.status === 429)).toEqual([]);
		expect(await sentMessages(sim())).toHaveLength(3);
	});

	it.each([
		['By JID', rl('id', customers.jid)],
		['By Invite Link or Code', rl('invite', customersLink)],
	])('version 1.1 (Group %s) makes the same calls and items as version 1', async (_mode, group) => {
		const run = async (typeVersion: number, groupValue: unknown) => {
			sim().reset();
			const { ctx } = createVersionedContext({
				typeVersion,
				credentials: credentials(),
				params: invite({ group: groupValue, participants: '5511977770001, 199789077620004@lid' }),
			});
			const outputs = await node.execute.call(ctx);
			return {
				calls: sim().calls.map(({ method, path, query, body }) => ({ method, path, query, body })),
				outputs: outputs.map((output) => output.map((item) => ({ ...item.json, messageId: typeof item.json.messageId, raw: null }))),
			};
		};
		const v1 = await run(1, group.value);
		expect(v1.calls).toHaveLength(2);
		expect(await run(1.1, group)).toEqual(v1);
	});
});
