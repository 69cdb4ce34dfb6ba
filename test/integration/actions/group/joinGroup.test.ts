/**
 * Join Group over real sockets against the simulator, in node version 1 and 1.1: the
 * call (the code, whether a link or a code was given), the item (requiresApproval), the
 * instance really in the group or waiting in its join requests, never sent twice, a JID
 * and other bad input refused with no call, Continue On Fail. The `member-only` instance
 * is in every sandbox group but VIP Clients.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiGet, jsonOf, listedGroups, runWrite, VERSIONS, writeContext, type WriteRun } from '../../../support/groupWrites';
import { SANDBOX, useSimulator } from '../../../support/simulatorHarness';

// A resend's back-off made instant: a wrong resend would show at once as a second call.
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: async () => await Promise.resolve() }));

const { sim, credentials } = useSimulator();
const { vip, customers } = SANDBOX.groups;
const instance = SANDBOX.instances.memberOnly;
const token = SANDBOX.tokens.memberOnly;

const join = (version: number, params: WriteRun['params'], more: Partial<WriteRun> = {}) =>
	runWrite({ version, credentials: { ...credentials(), token, instance }, operation: 'joinGroup', params, ...more });

const joinCalls = () => sim().calls.filter((call) => call.path === `/api/group/join/${instance}`);

const joined = (requiresApproval: boolean | null) => ({
	success: true,
	inviteCode: vip.inviteCode,
	groupJid: vip.jid,
	requiresApproval,
	error: null,
	errorCode: null,
	statusCode: 200,
	outcomeUnknown: false,
	raw: null,
});

describe.each(VERSIONS)('Join Group, node version %s', (version) => {
	it.each([
		['its code', vip.inviteCode],
		['its link', ` https://chat.whatsapp.com/${vip.inviteCode}/ `],
	])('joins by %s: the code is sent, the instance is in the group', async (_how, inviteLink) => {
		const { outputs } = await join(version, { inviteLink });
		expect(sim().calls).toEqual([
			expect.objectContaining({ method: 'POST', path: `/api/group/join/${instance}`, body: { identifier: vip.inviteCode }, status: 200 }),
		]);
		expect(jsonOf(outputs![0])).toEqual([joined(false)]);
		expect(outputs![0][0].pairedItem).toEqual({ item: 0 });
		expect(outputs![1]).toEqual([]);
		expect(await listedGroups(sim().url, instance, token)).toContain(vip.jid);
	});

	it('a group that requires approval: requiresApproval true, and the instance waits in its join requests', async () => {
		sim().state.groups.find((group) => group.jid === vip.jid)!.settings.requireAdminApproval = true;
		const { outputs } = await join(version, { inviteLink: vip.inviteCode });
		expect(jsonOf(outputs![0])).toEqual([joined(true)]);
		expect(await listedGroups(sim().url, instance, token)).not.toContain(vip.jid);
		const requests = await apiGet(sim().url, `/api/group/requests/sandbox?identifier=${vip.jid}`, SANDBOX.tokens.sandbox);
		expect((requests.body.requests as Array<{ jid: string }>).map((request) => request.jid)).toEqual([SANDBOX.lids.memberOnly]);
	});

	it('an answer that does not say whether approval is needed: requiresApproval null, and a hint says so', async () => {
		sim().scriptFaults([{ kind: 'json', body: { success: true, message: 'Successfully joined the group', groupJid: vip.jid } }]);
		const test = writeContext({
			version,
			credentials: { ...credentials(), token, instance },
			operation: 'joinGroup',
			params: { inviteLink: vip.inviteCode },
		});
		const [success] = await test.execute();
		expect(jsonOf(success)).toEqual([joined(null)]);
		expect(test.hints).toEqual([
			{
				message: `RyzeAPI did not say whether joining with ${vip.inviteCode} waits for an admin's approval (requiresApproval is null).`,
				location: 'outputPane',
			},
		]);
	});

	it.each([
		['a 500 after the join was made', [{ kind: 'status' as const, status: 500, processed: true, times: 3 }], {}, 'server_error'],
		['a timeout', [{ kind: 'delay' as const, ms: 2500 }], { timeout: 1000 }, 'timeout'],
	])('never sent twice: after %s one call, outcomeUnknown', async (_title, faults, options, code) => {
		sim().scriptFaults(faults);
		// Retry on Server Errors on: a join never opts in to resends, whatever the option says.
		const params = { inviteLink: vip.inviteCode, options: { ...options, retryOnServerErrors: true } };
		const { outputs } = await join(version, params, { continueOnFail: true });
		expect(joinCalls()).toHaveLength(1);
		expect(jsonOf(outputs![1])).toEqual([
			expect.objectContaining({
				success: false,
				inviteCode: vip.inviteCode,
				groupJid: null,
				requiresApproval: null,
				errorCode: code,
				outcomeUnknown: true,
			}),
		]);
	});

	it('a revoked code: RyzeAPI refuses it; Failure, and without Continue On Fail a NodeApiError naming the item', async () => {
		// An admin resets the link (sandbox, with the node's Reset Invite Link): the old code is revoked.
		await runWrite({ version, credentials: credentials(), operation: 'resetInviteLink', params: { group: vip.jid } });
		const { outputs } = await join(version, { inviteLink: vip.inviteCode }, { continueOnFail: true });
		expect(jsonOf(outputs![1])).toEqual([
			expect.objectContaining({
				error: 'Invite link has been revoked or expired',
				errorCode: 'bad_request',
				statusCode: 400,
				outcomeUnknown: false,
			}),
		]);
		const { error } = await join(version, { inviteLink: vip.inviteCode });
		expect(error).toBeInstanceOf(NodeApiError);
		// (The instance's name is part of its token here, so the redactor hides it.)
		expect(String(error!.description)).toContain(`item 0: joining the group of invite code ${vip.inviteCode} on instance `);
	});

	it.each([
		[
			'a group JID',
			customers.jid,
			/^Invite Link or Code: "120363000000000001@g\.us" is a JID, and RyzeAPI joins by invite link or code only \[item 1\]$/,
		],
		['a group id', '120363000000000001', /is a JID, and RyzeAPI joins by invite link or code only/],
		['a person', '5511999999999@s.whatsapp.net', /is a JID/],
		['empty', '  ', /^Invite Link or Code: Invite Link or Code is empty \[item 1\]$/],
		['a link to another site', 'https://evil.example/ABC', /is neither a WhatsApp invite link nor an invite code/],
		['a list', ['ABC'], /must be text, but a list was given/],
	])('%s: refused, naming the field and the item; no call', async (_title, bad, message) => {
		const params = (itemIndex: number) => ({ inviteLink: itemIndex === 1 ? bad : vip.inviteCode });
		const { error } = await join(version, params, { items: 2 });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(message);
		expect(String((error as { description?: unknown }).description)).toMatch(
			/invite link \(https:\/\/chat\.whatsapp\.com\/ABC123XYZ\) or its code/,
		);
		expect(sim().calls).toEqual([]);

		const { outputs } = await join(version, params, { items: 2, continueOnFail: true });
		expect(jsonOf(outputs![0])).toEqual([joined(false)]);
		expect(outputs![1].map((item) => [item.pairedItem, item.json.errorCode, item.json.inviteCode])).toEqual([
			[{ item: 1 }, 'invalid_parameter', null],
		]);
		expect(joinCalls()).toHaveLength(1);
	});
});
