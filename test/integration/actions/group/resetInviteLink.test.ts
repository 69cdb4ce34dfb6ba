/**
 * Reset Invite Link over real sockets against the simulator, in node version 1 (text
 * fields) and 1.1 (resource locators): the call, the item, the new link really replacing
 * the old one, never a second send (each reset makes a new code), bad input, Continue On Fail.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiGet, jsonOf, runWrite, VERSIONS, type WriteRun } from '../../../support/groupWrites';
import { SANDBOX, useSimulator } from '../../../support/simulatorHarness';

// A resend's back-off made instant: a wrong resend would show at once as a second call.
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: async () => await Promise.resolve() }));

const { sim, credentials } = useSimulator();
const { customers, announcements } = SANDBOX.groups;

const reset = (version: number, params: WriteRun['params'], more: Partial<WriteRun> = {}) =>
	runWrite({ version, credentials: credentials(), operation: 'resetInviteLink', params, ...more });

const codeOf = (jid: string) => sim().state.groups.find((group) => group.jid === jid)!.inviteCode;
const resetCalls = () => sim().calls.filter((call) => call.path === '/api/group/resetLink/sandbox');

describe.each(VERSIONS)('Reset Invite Link, node version %s', (version) => {
	it.each([
		['its JID', customers.jid],
		['its invite link', `https://chat.whatsapp.com/${customers.inviteCode}`],
	])('revokes the link of a group named by %s and gives the new one', async (_how, group) => {
		const { outputs } = await reset(version, { group });
		const code = codeOf(customers.jid);
		expect(code).not.toBe(customers.inviteCode);
		expect(sim().calls).toEqual([
			expect.objectContaining({ method: 'POST', path: '/api/group/resetLink/sandbox', body: { identifier: group }, status: 200 }),
		]);
		expect(jsonOf(outputs![0])).toEqual([
			{
				success: true,
				group,
				groupJid: customers.jid,
				inviteLink: `https://chat.whatsapp.com/${code}`,
				inviteCode: code,
				error: null,
				errorCode: null,
				statusCode: 200,
				outcomeUnknown: false,
				raw: null,
			},
		]);
		expect(outputs![0][0].pairedItem).toEqual({ item: 0 });
		expect(outputs![1]).toEqual([]);
		// The state really changed: the new code finds the group, the old one no longer does.
		const token = SANDBOX.tokens.sandbox;
		const byNew = await apiGet(sim().url, `/api/group/info/sandbox?identifier=${code}&participants=false`, token);
		expect(byNew.status).toBe(200);
		expect((byNew.body.group as { jid: string }).jid).toBe(customers.jid);
		expect((await apiGet(sim().url, `/api/group/info/sandbox?identifier=${customers.inviteCode}`, token)).status).toBe(404);
	});

	it.each([
		['a 500 after the reset was made', [{ kind: 'status' as const, status: 500, processed: true, times: 3 }], {}, 'server_error', 500],
		['a timeout (the reset made, the answer late)', [{ kind: 'delay' as const, ms: 2500 }], { timeout: 1000 }, 'timeout', null],
	])('is a write: after %s it is not sent again, even with Retry on Server Errors on', async (_title, faults, options, code, status) => {
		sim().scriptFaults(faults);
		const { outputs } = await reset(
			version,
			{ group: customers.jid, options: { ...options, retryOnServerErrors: true } },
			{ continueOnFail: true },
		);
		expect(resetCalls()).toHaveLength(1);
		expect(jsonOf(outputs![1])).toEqual([
			expect.objectContaining({
				success: false,
				group: customers.jid,
				inviteLink: null,
				errorCode: code,
				statusCode: status,
				outcomeUnknown: true,
			}),
		]);
		// The one reset was made: a second would have revoked its link too.
		expect(codeOf(customers.jid)).not.toBe(customers.inviteCode);
	});

	it('stops with a NodeApiError saying the reset may have been made when Continue On Fail is off', async () => {
		sim().scriptFaults([{ kind: 'status', status: 500, processed: true }]);
		const { error } = await reset(version, { group: customers.jid });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(String(error!.description)).toMatch(/may have been processed/);
		expect(String(error!.description)).toContain(`resetting the invite link of group ${customers.jid} on instance sandbox`);
	});

	it('a group where the instance is not an admin: Failure not_admin, nothing changed', async () => {
		const { outputs } = await reset(version, { group: announcements.jid }, { continueOnFail: true });
		expect(jsonOf(outputs![1])).toEqual([
			expect.objectContaining({ success: false, errorCode: 'not_admin', statusCode: 403, outcomeUnknown: false }),
		]);
		expect(codeOf(announcements.jid)).toBe(announcements.inviteCode);
	});

	it('an answer whose link is not a WhatsApp invite: never passed on, a Failure that says the link may have been reset', async () => {
		sim().scriptFaults([
			{ kind: 'json', body: { success: true, groupJid: customers.jid, inviteCode: 'X', inviteLink: 'https://evil.example/X' } },
		]);
		const { outputs } = await reset(version, { group: customers.jid }, { continueOnFail: true });
		expect(outputs![0]).toEqual([]);
		expect(jsonOf(outputs![1])).toEqual([
			expect.objectContaining({
				inviteLink: null,
				inviteCode: null,
				errorCode: 'unexpected_response',
				statusCode: 200,
				outcomeUnknown: true,
			}),
		]);
		expect(String(outputs![1][0].json.error)).toMatch(/without a WhatsApp invite link\. The link may have been reset/);
		expect(JSON.stringify(outputs)).not.toContain('evil.example');
	});

	it('bad input (a person instead of a group): no call; under Continue On Fail a Failure item, the other items go ahead', async () => {
		const params = (itemIndex: number) => ({ group: itemIndex === 1 ? '5511999999999@s.whatsapp.net' : customers.jid });
		const { error } = await reset(version, params, { items: 2 });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(/^Group: .* is not a group JID \[item 1\]$/);
		expect(sim().calls).toEqual([]);

		const { outputs } = await reset(version, params, { items: 2, continueOnFail: true });
		expect(outputs![0].map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(outputs![1].map((item) => [item.pairedItem, item.json.errorCode, item.json.group])).toEqual([
			[{ item: 1 }, 'invalid_parameter', null],
		]);
		expect(resetCalls().map((call) => call.body)).toEqual([{ identifier: customers.jid }]);
	});
});
