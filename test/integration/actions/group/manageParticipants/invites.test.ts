/**
 * Manage Participants → Options → Send Invite When Add Is Blocked, over real sockets
 * against the simulator (its seeded rule: an added number ending in 403 is refused by
 * privacy settings). Each blocked person gets one private message with the group's
 * link (GET /__sim/messages) and their Failure item says so; off, nothing is sent and
 * the items are what they were; the cap; a LID; a failed send, never resent; and with
 * Combine Across Executions each execution's invites are its own.
 */
import { NodeOperationError, type INodeExecutionData } from 'n8n-workflow';

import { RyzeApi } from '../../../../../nodes/RyzeApi/RyzeApi.node';
import { RESULT_KEYS } from '../../../../property/check';
import { createExecuteContext, runNode } from '../../../../support/executeContext';
import { sentMessages } from '../../../../support/sentMessages';
import { SANDBOX, useSimulator } from '../../../../support/simulatorHarness';

const { sim, credentials, restart } = useSimulator();
const { customers } = SANDBOX.groups;
const link = `https://chat.whatsapp.com/${customers.inviteCode}`;
const defaultText = `We could not add you to the WhatsApp group "${customers.name}". Join it with this link: ${link}`;

const add = (participants: string, options: Record<string, unknown> = {}) => ({
	operation: 'manageParticipants',
	instance: 'sandbox',
	group: customers.jid,
	action: 'add',
	participants,
	options,
});
const on = (extra: Record<string, unknown> = {}) => ({ sendInviteWhenBlocked: true, ...extra });
const invited = (items: INodeExecutionData[]) =>
	items.map((item) => [item.json.participant, item.json.errorCode, item.json.inviteSent, item.json.inviteErrorCode]);
const textCalls = () => sim().calls.filter((call) => call.path.startsWith('/api/message/text'));

async function thrown(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the node to throw');
}

describe('Send Invite When Add Is Blocked', () => {
	it('a privacy-blocked person gets exactly one message with the link, and their Failure item says so', async () => {
		const [success, failure] = await runNode({ credentials: credentials(), params: add('5511977770001, 5511977770403', on()) });
		const sent = await sentMessages(sim());
		expect(sent).toEqual([
			{
				messageId: expect.any(String),
				instance: 'sandbox',
				number: '5511977770403',
				to: '5511977770403@s.whatsapp.net',
				message: defaultText,
			},
		]);
		expect(success.map((item) => Object.keys(item.json).filter((key) => key.startsWith('invite') || key === 'messageId'))).toEqual([[]]);
		expect(failure.map((item) => item.json)).toEqual([
			expect.objectContaining({
				success: false,
				participant: '5511977770403',
				errorCode: 'privacy_blocked',
				inviteLink: link,
				inviteSent: true,
				messageId: sent[0].messageId,
				inviteError: null,
				inviteErrorCode: null,
			}),
		]);
		expect(sim().calls.map((call) => [call.method, call.path])).toEqual([
			['POST', '/api/group/participants/sandbox'],
			['GET', '/api/group/info/sandbox'],
			['POST', '/api/message/text/sandbox'],
		]);
	});

	it('off (the default): nothing is sent, and the items are exactly what they were', async () => {
		const run = async (options: Record<string, unknown>) => {
			await restart();
			const outputs = await runNode({ credentials: credentials(), params: add('5511977770001, 5511977770403, 5511977770000', options) });
			const calls = sim().calls.map((call) => call.path);
			const texts = await sentMessages(sim());
			// WhatsApp's add_request code is new on every add: the only value that may differ.
			const items = outputs.map((output) => output.map((item) => JSON.stringify(item).replace(/"code":"\w+"/g, '"code":"…"')));
			return { items, calls, texts };
		};
		const today = await run({});
		expect(today.calls).toEqual(['/api/group/participants/sandbox']);
		expect(today.texts).toEqual([]);
		for (const options of [
			{ sendInviteWhenBlocked: false },
			{ sendInviteWhenBlocked: false, inviteMessage: 'no link here', maxInvitesPerRun: 'x' },
		])
			expect(await run(options)).toEqual(today);
		expect(today.items[1].map((text) => Object.keys((JSON.parse(text) as INodeExecutionData).json))).toEqual([
			[...RESULT_KEYS, 'addRequest'],
			[...RESULT_KEYS],
		]);
	});

	it("someone who recently left (WhatsApp's 408) is invited too; a full group (500) or an unknown number is not", async () => {
		sim().scriptFaults([
			{
				kind: 'json',
				match: { pathPrefix: '/api/group/participants' },
				body: {
					participants: [
						{ jid: '5511977770408@s.whatsapp.net', error: 408 },
						{ jid: '5511977770500@s.whatsapp.net', error: 'add failed: code 500' },
						{ jid: '5511977770009@s.whatsapp.net', error: 404 },
					],
				},
			},
		]);
		const [, failure] = await runNode({ credentials: credentials(), params: add('5511977770408, 5511977770500, 5511977770009', on()) });
		expect(invited(failure)).toEqual([
			['5511977770408', 'recently_left', true, null],
			['5511977770500', 'group_full', undefined, undefined],
			['5511977770009', 'not_on_whatsapp', undefined, undefined],
		]);
		expect((await sentMessages(sim())).map((message) => message.number)).toEqual(['5511977770408']);
	});

	it('Max Invites per Run: past it, no message, and the item says why', async () => {
		const [, failure] = await runNode({
			credentials: credentials(),
			params: add('5511977770403, 5511977771403, 5511977772403', on({ maxInvitesPerRun: 2 })),
		});
		expect(invited(failure)).toEqual([
			['5511977770403', 'privacy_blocked', true, null],
			['5511977771403', 'privacy_blocked', true, null],
			['5511977772403', 'privacy_blocked', false, 'invite_limit_reached'],
		]);
		expect(failure[2].json.inviteError).toMatch(/^Max Invites per Run \(2\) was reached/);
		expect((await sentMessages(sim())).map((message) => message.number)).toEqual(['5511977770403', '5511977771403']);
	});

	it('a LID without a phone number gets no message, and does not count against the cap', async () => {
		const [, failure] = await runNode({
			credentials: credentials(),
			params: add('199789077620403@lid, 5511977770403', on({ maxInvitesPerRun: 1 })),
		});
		expect(invited(failure)).toEqual([
			['199789077620403@lid', 'privacy_blocked', false, 'no_phone_number'],
			['5511977770403', 'privacy_blocked', true, null],
		]);
		expect(failure[0].json.inviteError).toMatch(/known only by a LID/);
		expect((await sentMessages(sim())).map((message) => message.to)).toEqual(['5511977770403@s.whatsapp.net']);
	});

	it('a failed send is not resent (it may have gone through), even with Retry on Server Errors; the run goes on', async () => {
		sim().scriptFaults([{ kind: 'status', status: 500, processed: true, match: { pathPrefix: '/api/message/text' } }]);
		const [, failure] = await runNode({
			credentials: credentials(),
			params: add('5511977770403, 5511977771403', on({ retryOnServerErrors: true })),
		});
		expect(invited(failure)).toEqual([
			['5511977770403', 'privacy_blocked', false, 'server_error'],
			['5511977771403', 'privacy_blocked', true, null],
		]);
		expect(failure[0].json.inviteError).toMatch(/It may have been sent, and is not sent again/);
		expect(textCalls().map((call) => [(call.body as { number: string }).number, call.status])).toEqual([
			['5511977770403', 500],
			['5511977771403', 200],
		]);
	});

	it('a person blocked in two items (two calls, as digits and as a JID) gets one message; both items carry its id', async () => {
		const [, failure] = await runNode({
			credentials: credentials(),
			items: [{ json: {} }, { json: {} }],
			params: (i) => add(i === 0 ? '5511977770403' : '5511977770403@s.whatsapp.net', on({ batching: { batch: { combineItems: false } } })),
		});
		expect(sim().calls.filter((call) => call.path.startsWith('/api/group/participants'))).toHaveLength(2);
		const sent = await sentMessages(sim());
		expect(sent).toHaveLength(1);
		expect(failure.map((item) => [item.json.messageId, item.pairedItem])).toEqual([
			[sent[0].messageId, { item: 0 }],
			[sent[0].messageId, { item: 1 }],
		]);
	});

	it('no link to send (the instance is no admin): no message, and why', async () => {
		sim().scriptFaults([
			{ kind: 'json', match: { pathPrefix: '/api/group/info' }, body: { success: true, group: { jid: customers.jid, inviteLink: null } } },
		]);
		const [, failure] = await runNode({ credentials: credentials(), params: add('5511977770403', on()) });
		expect(failure.map((item) => [item.json.inviteLink, item.json.inviteSent, item.json.inviteErrorCode])).toEqual([
			[null, false, 'not_admin'],
		]);
		expect(failure[0].json.inviteError).toMatch(/^No invite link to send: RyzeAPI returned no invite link/);
		expect(textCalls()).toEqual([]);
	});

	it('a custom Invite Message, with {{groupName}}', async () => {
		await runNode({
			credentials: credentials(),
			params: add('5511977770403', on({ inviteMessage: 'Join {{groupName}} here: {{ link }}' })),
		});
		expect((await sentMessages(sim())).map((message) => message.message)).toEqual([`Join ${customers.name} here: ${link}`]);
	});

	it.each([
		[
			'an Invite Message without {{link}}',
			{ inviteMessage: 'Join us' },
			/^Invite Message: Invite Message has no \{\{link\}\} placeholder.* \[item 0\]$/,
		],
		['a Max Invites per Run that is not a number from 0 to 1024', { maxInvitesPerRun: 2000 }, /^Max Invites per Run: .* \[item 0\]$/],
	])('%s is refused before anything is sent', async (_case, options, message) => {
		const error = await thrown(runNode({ credentials: credentials(), params: add('5511977770403', on(options)) }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(message);
		expect(sim().calls).toEqual([]);
	});
});

describe('Send Invite When Add Is Blocked, with Combine Across Executions (on)', () => {
	it("each execution's invites are its own: its people, its cap, its items", async () => {
		const node = new RyzeApi();
		const executions = [
			add('5511977770403, 5511977771403', on({ maxInvitesPerRun: 1 })),
			add('5511977772403', on({ maxInvitesPerRun: 1 })),
		];
		const results = await Promise.all(
			executions.map(async (params) => {
				const { ctx } = createExecuteContext({ credentials: credentials(), params });
				return await node.execute.call(ctx);
			}),
		);
		const participantsCalls = sim().calls.filter((call) => call.path.startsWith('/api/group/participants'));
		expect(participantsCalls).toHaveLength(1);
		const sent = await sentMessages(sim());
		expect(sent.map((message) => message.number).sort()).toEqual(['5511977770403', '5511977772403']);
		const idOf = (number: string) => sent.find((message) => message.number === number)?.messageId;
		expect(
			results.map(([, failure]) => failure.map((item) => [item.json.participant, item.json.inviteErrorCode, item.json.messageId])),
		).toEqual([
			[
				['5511977770403', null, idOf('5511977770403')],
				['5511977771403', 'invite_limit_reached', null],
			],
			[['5511977772403', null, idOf('5511977772403')]],
		]);
	});
});
