/**
 * Update Group over real sockets against the simulator, in node version 1 and 1.1: only
 * the fields added are sent (groupSettings included), the item says what was asked and
 * what the group is now called, /info then answers the new values and the fields not
 * added are untouched; its kind (a write resent only with Retry on Server Errors on);
 * nothing to update and other bad input (no call); Continue On Fail. The back-off
 * between resends is made instant (the number of calls is the point, not the wait).
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiGet, jsonOf, runWrite, VERSIONS, type WriteRun } from '../../../support/groupWrites';
import { SANDBOX, useSimulator } from '../../../support/simulatorHarness';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: async () => await Promise.resolve() }));

const { sim, credentials } = useSimulator();
const { customers, announcements } = SANDBOX.groups;

const update = (version: number, params: WriteRun['params'], more: Partial<WriteRun> = {}) =>
	runWrite({ version, credentials: credentials(), operation: 'updateGroup', params, ...more });

const updateCalls = () => sim().calls.filter((call) => call.path === '/api/group/update/sandbox');

/** The group as /info answers it now, to a client outside the node. */
async function info(group = customers.jid) {
	const { body } = await apiGet(sim().url, `/api/group/info/sandbox?identifier=${group}&participants=false`, SANDBOX.tokens.sandbox);
	return body.group as { name: string; description: string; groupSettings: Record<string, boolean>; image?: string | null };
}

const success = (updated: Record<string, unknown>, name: string = customers.name) => ({
	success: true,
	group: customers.jid,
	groupJid: customers.jid,
	name,
	updated,
	error: null,
	errorCode: null,
	statusCode: 200,
	outcomeUnknown: false,
	raw: null,
});

describe.each(VERSIONS)('Update Group, node version %s', (version) => {
	it('renames the group: only the name is sent, /info answers the new name, nothing else changes', async () => {
		const before = await info();
		sim().calls.length = 0;
		const { outputs } = await update(version, { group: customers.jid, updateFields: { name: '  Customers 2025 ' } });
		expect(sim().calls).toEqual([
			expect.objectContaining({
				method: 'PUT',
				path: '/api/group/update/sandbox',
				body: { identifier: customers.jid, name: 'Customers 2025' },
				status: 200,
			}),
		]);
		expect(jsonOf(outputs![0])).toEqual([success({ name: 'Customers 2025' }, 'Customers 2025')]);
		expect(outputs![0][0].pairedItem).toEqual({ item: 0 });
		expect(outputs![1]).toEqual([]);
		expect(await info()).toEqual({ ...before, name: 'Customers 2025' });
	});

	it('settings: only the ones added are sent inside groupSettings; the others keep their values', async () => {
		const before = await info();
		sim().calls.length = 0;
		const updateFields = { membersCanSendMessages: false, requireAdminApproval: true };
		const { outputs } = await update(version, { group: customers.jid, updateFields });
		expect(updateCalls().map((call) => call.body)).toEqual([{ identifier: customers.jid, groupSettings: updateFields }]);
		expect(jsonOf(outputs![0])).toEqual([success(updateFields)]);
		expect((await info()).groupSettings).toEqual({ ...before.groupSettings, ...updateFields });
	});

	it('every field: sent under RyzeAPI names (image, groupSettings), reported under the node names', async () => {
		const updateFields = {
			name: 'All Fields',
			description: 'Our best customers',
			pictureUrl: 'https://example.com/logo.png',
			membersCanEditInfo: false,
			membersCanSendMessages: true,
			membersCanAddOthers: true,
			requireAdminApproval: true,
		};
		const { outputs } = await update(version, { group: customers.jid, updateFields });
		expect(updateCalls().map((call) => call.body)).toEqual([
			{
				identifier: customers.jid,
				name: 'All Fields',
				description: 'Our best customers',
				image: 'https://example.com/logo.png',
				groupSettings: { membersCanEditInfo: false, membersCanSendMessages: true, membersCanAddOthers: true, requireAdminApproval: true },
			},
		]);
		expect(jsonOf(outputs![0])).toEqual([success(updateFields, 'All Fields')]);
		expect(await info()).toMatchObject({ name: 'All Fields', description: 'Our best customers', image: 'https://example.com/logo.png' });
	});

	it('an empty description is sent, and clears it; Remove Picture sends removeImage', async () => {
		await update(version, { group: customers.jid, updateFields: { description: 'x', pictureUrl: 'https://example.com/a.png' } });
		sim().calls.length = 0;
		const { outputs } = await update(version, { group: customers.jid, updateFields: { description: '', removePicture: true } });
		expect(updateCalls().map((call) => call.body)).toEqual([{ identifier: customers.jid, description: '', removeImage: true }]);
		expect(jsonOf(outputs![0])).toEqual([success({ description: '', removePicture: true })]);
		const now = await info();
		expect(now.description).toBe('');
		expect(now.image ?? null).toBeNull();
	});

	it('a write resent only with Retry on Server Errors on (RyzeAPI: "Idempotent: partial"), and then harmlessly', async () => {
		const fault = { kind: 'status' as const, status: 500, processed: true, times: 5, match: { pathPrefix: '/api/group/update' } };
		sim().scriptFaults([fault]);
		const alone = await update(version, { group: customers.jid, updateFields: { name: 'Once' } }, { continueOnFail: true });
		expect(updateCalls()).toHaveLength(1);
		expect(jsonOf(alone.outputs![1])).toEqual([
			expect.objectContaining({
				success: false,
				updated: { name: 'Once' },
				errorCode: 'server_error',
				statusCode: 500,
				outcomeUnknown: true,
			}),
		]);

		sim().reset();
		sim().scriptFaults([{ ...fault, times: 1 }]);
		const retried = await update(version, {
			group: customers.jid,
			updateFields: { name: 'Twice' },
			options: { retryOnServerErrors: true },
		});
		expect(updateCalls().map((call) => [call.body, call.status])).toEqual([
			[{ identifier: customers.jid, name: 'Twice' }, 500],
			[{ identifier: customers.jid, name: 'Twice' }, 200],
		]);
		// The first send was processed; the second, of the same values, changed nothing more.
		expect(jsonOf(retried.outputs![0])).toEqual([success({ name: 'Twice' }, 'Twice')]);
		expect((await info()).name).toBe('Twice');
	});

	it('after a timeout: not resent by default (the update may have been made), resent with Retry on Server Errors on', async () => {
		sim().scriptFaults([{ kind: 'delay', ms: 2500, match: { pathPrefix: '/api/group/update' } }]);
		const { outputs } = await update(
			version,
			{ group: customers.jid, updateFields: { name: 'Late' }, options: { timeout: 1000 } },
			{ continueOnFail: true },
		);
		expect(updateCalls()).toHaveLength(1);
		expect(jsonOf(outputs![1])).toEqual([expect.objectContaining({ errorCode: 'timeout', outcomeUnknown: true })]);

		sim().reset();
		sim().scriptFaults([{ kind: 'delay', ms: 2500, match: { pathPrefix: '/api/group/update' } }]);
		const retried = await update(version, {
			group: customers.jid,
			updateFields: { name: 'Late' },
			options: { timeout: 1000, retryOnServerErrors: true },
		});
		expect(updateCalls()).toHaveLength(2);
		expect(jsonOf(retried.outputs![0])).toEqual([success({ name: 'Late' }, 'Late')]);
	});

	it('a member may not change settings: Failure not_admin, and the NodeApiError names the item and the fields', async () => {
		const params = { group: announcements.jid, updateFields: { membersCanAddOthers: true } };
		const { outputs } = await update(version, params, { continueOnFail: true });
		expect(jsonOf(outputs![1])).toEqual([
			{
				success: false,
				group: announcements.jid,
				groupJid: null,
				name: null,
				updated: { membersCanAddOthers: true },
				error: 'Not authorized to update group (must be admin)',
				errorCode: 'not_admin',
				statusCode: 403,
				outcomeUnknown: false,
				raw: null,
			},
		]);
		const { error } = await update(version, params);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(String(error!.description)).toContain(`item 0: updating membersCanAddOthers of group ${announcements.jid} on instance sandbox`);
	});

	it('an answer that does not confirm the update: Failure unexpected_response, outcomeUnknown (it may have been made)', async () => {
		sim().scriptFaults([{ kind: 'garbage' }]);
		const { outputs } = await update(version, { group: customers.jid, updateFields: { name: 'Maybe' } }, { continueOnFail: true });
		expect(jsonOf(outputs![1])).toEqual([
			expect.objectContaining({ errorCode: 'unexpected_response', statusCode: 200, outcomeUnknown: true }),
		]);
		expect(String(outputs![1][0].json.error)).toMatch(/without success: true and without the group\. The group may have been updated/);
	});

	it.each([
		['nothing added', {}, /^Update Fields: Nothing to update: no field to change was added \[item 1\]$/],
		['only Remove Picture, off', { removePicture: false }, /^Update Fields: Nothing to update/],
		['an empty name', { name: '   ' }, /^Name: Name is empty \[item 1\]$/],
		['a picture and Remove Picture', { pictureUrl: 'https://example.com/a.png', removePicture: true }, /^Remove Picture: /],
		['a picture that is not http(s)', { pictureUrl: 'file:///etc/passwd' }, /^Picture URL: .* is not an http\(s\) address/],
		['a setting that is not true or false', { membersCanSendMessages: 'maybe' }, /^Members Can Send Messages: .* must be true or false/],
	])('%s: refused, naming the field and the item; no call', async (_title, updateFields, message) => {
		const params = (itemIndex: number) => ({ group: customers.jid, updateFields: itemIndex === 1 ? updateFields : { name: 'Good' } });
		const { error } = await update(version, params, { items: 2 });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(message);
		expect(sim().calls).toEqual([]);

		const { outputs } = await update(version, params, { items: 2, continueOnFail: true });
		expect(jsonOf(outputs![0])).toEqual([success({ name: 'Good' }, 'Good')]);
		expect(outputs![1].map((item) => [item.pairedItem, item.json.errorCode, item.json.updated])).toEqual([
			[{ item: 1 }, 'invalid_parameter', null],
		]);
		expect(updateCalls()).toHaveLength(1);
	});
});
