/**
 * Leave Group over real sockets against the simulator, in node version 1 and 1.1: the
 * call (DELETE, the group in the query), the item, the group really gone from the
 * instance's list; its kind (RyzeAPI: "Idempotent: yes", so resent only with Retry on
 * Server Errors on, and what a resend after a leave that went through answers); a group
 * it is not in; bad input with no call; Continue On Fail. The back-off between resends
 * is made instant (the number of calls is the point, not the wait).
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { jsonOf, listedGroups, runWrite, VERSIONS, type WriteRun } from '../../../support/groupWrites';
import { SANDBOX, useSimulator } from '../../../support/simulatorHarness';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: async () => await Promise.resolve() }));

const { sim, credentials } = useSimulator();
const { announcements, customers } = SANDBOX.groups;

const leave = (version: number, params: WriteRun['params'], more: Partial<WriteRun> = {}) =>
	runWrite({ version, credentials: credentials(), operation: 'leaveGroup', params, ...more });

const leaveCalls = () => sim().calls.filter((call) => call.path === '/api/group/leave/sandbox');
const listed = async () => await listedGroups(sim().url, 'sandbox', SANDBOX.tokens.sandbox);

const left = (group: string) => ({
	success: true,
	group,
	groupJid: announcements.jid,
	error: null,
	errorCode: null,
	statusCode: 200,
	outcomeUnknown: false,
	raw: null,
});

describe.each(VERSIONS)('Leave Group, node version %s', (version) => {
	it.each([
		['its JID', announcements.jid],
		['its invite link', `https://chat.whatsapp.com/${announcements.inviteCode}`],
	])('leaves a group named by %s: DELETE with the group in the query; it is no longer listed', async (_how, group) => {
		const { outputs } = await leave(version, { group });
		expect(sim().calls).toEqual([
			expect.objectContaining({ method: 'DELETE', path: '/api/group/leave/sandbox', query: { identifier: group }, status: 200 }),
		]);
		expect(jsonOf(outputs![0])).toEqual([left(group)]);
		expect(outputs![0][0].pairedItem).toEqual({ item: 0 });
		expect(outputs![1]).toEqual([]);
		expect(await listed()).not.toContain(announcements.jid);
	});

	it('not resent by default after a 500 (it may have left); with Retry on Server Errors on, resent', async () => {
		sim().scriptFaults([{ kind: 'status', status: 500, times: 5, match: { pathPrefix: '/api/group/leave' } }]);
		const alone = await leave(version, { group: announcements.jid }, { continueOnFail: true });
		expect(leaveCalls()).toHaveLength(1);
		expect(jsonOf(alone.outputs![1])).toEqual([
			expect.objectContaining({ errorCode: 'server_error', statusCode: 500, outcomeUnknown: true }),
		]);

		// The 500 came before the leave was made: the resend makes it.
		sim().reset();
		sim().scriptFaults([{ kind: 'status', status: 500, times: 1, match: { pathPrefix: '/api/group/leave' } }]);
		const retried = await leave(version, { group: announcements.jid, options: { retryOnServerErrors: true } });
		expect(leaveCalls().map((call) => call.status)).toEqual([500, 200]);
		expect(jsonOf(retried.outputs![0])).toEqual([left(announcements.jid)]);
		expect(await listed()).not.toContain(announcements.jid);
	});

	it('after a timeout (the leave made, the answer late): not resent by default, outcomeUnknown', async () => {
		sim().scriptFaults([{ kind: 'delay', ms: 2500, match: { pathPrefix: '/api/group/leave' } }]);
		const { outputs } = await leave(version, { group: announcements.jid, options: { timeout: 1000 } }, { continueOnFail: true });
		expect(leaveCalls()).toHaveLength(1);
		expect(jsonOf(outputs![1])).toEqual([expect.objectContaining({ errorCode: 'timeout', outcomeUnknown: true })]);
		expect(await listed()).not.toContain(announcements.jid);
	});

	it('a resend after a leave that went through answers 404, as RyzeAPI documents: the item says group_not_found', async () => {
		sim().scriptFaults([{ kind: 'status', status: 500, processed: true, times: 1, match: { pathPrefix: '/api/group/leave' } }]);
		const { outputs } = await leave(
			version,
			{ group: announcements.jid, options: { retryOnServerErrors: true } },
			{ continueOnFail: true },
		);
		expect(leaveCalls().map((call) => call.status)).toEqual([500, 404]);
		expect(jsonOf(outputs![1])).toEqual([
			expect.objectContaining({ errorCode: 'group_not_found', statusCode: 404, outcomeUnknown: false }),
		]);
		expect(await listed()).not.toContain(announcements.jid);
	});

	it('a group it is not in: Failure group_not_found; without Continue On Fail a NodeApiError naming the item', async () => {
		await leave(version, { group: announcements.jid });
		const again = await leave(version, { group: announcements.jid }, { continueOnFail: true });
		expect(jsonOf(again.outputs![1])).toEqual([
			{
				success: false,
				group: announcements.jid,
				groupJid: null,
				error: 'Group not found or you are not a member of this group',
				errorCode: 'group_not_found',
				statusCode: 404,
				outcomeUnknown: false,
				raw: null,
			},
		]);
		const { error } = await leave(version, { group: announcements.jid });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(String(error!.description)).toContain(`item 0: leaving group ${announcements.jid} on instance sandbox`);
	});

	it('an answer that does not confirm the leave: Failure unexpected_response, outcomeUnknown', async () => {
		sim().scriptFaults([{ kind: 'garbage' }]);
		const { outputs } = await leave(version, { group: announcements.jid }, { continueOnFail: true });
		expect(jsonOf(outputs![1])).toEqual([
			expect.objectContaining({ errorCode: 'unexpected_response', statusCode: 200, outcomeUnknown: true }),
		]);
		expect(String(outputs![1][0].json.error)).toMatch(/The instance may have left the group: check List Groups/);
	});

	it('bad input (not a group): no call; under Continue On Fail a Failure item, the other items go ahead', async () => {
		const params = (itemIndex: number) => ({ group: itemIndex === 1 ? 'not a group' : customers.jid });
		const { error } = await leave(version, params, { items: 2 });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(/^Group: .* contains spaces \[item 1\]$/);
		expect(sim().calls).toEqual([]);

		const { outputs } = await leave(version, params, { items: 2, continueOnFail: true });
		expect(outputs![0].map((item) => [item.pairedItem, item.json.group])).toEqual([[{ item: 0 }, customers.jid]]);
		expect(outputs![1].map((item) => [item.pairedItem, item.json.errorCode, item.json.group])).toEqual([
			[{ item: 1 }, 'invalid_parameter', null],
		]);
		expect(leaveCalls()).toHaveLength(1);
	});
});
