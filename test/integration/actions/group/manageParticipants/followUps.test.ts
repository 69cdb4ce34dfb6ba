/** List Join Requests, the invite link for privacy-blocked adds, and the link reset after removals. */
import { NodeApiError } from 'n8n-workflow';

import { RyzeApi } from '../../../../../nodes/RyzeApi/RyzeApi.node';
import { createExecuteContext, runNode } from '../../../../support/executeContext';
import { SANDBOX, useSimulator } from '../../../../support/simulatorHarness';

const { sim, credentials } = useSimulator();
const { customers, waitlist, announcements } = SANDBOX.groups;

const list = (group: string, extra: Record<string, unknown> = {}) => ({
	operation: 'listJoinRequests',
	instance: '',
	group,
	options: {},
	...extra,
});
const manage = (extra: Record<string, unknown>) => ({
	operation: 'manageParticipants',
	instance: '',
	group: customers.jid,
	action: 'add',
	participants: '',
	options: {},
	...extra,
});

describe('List Join Requests', () => {
	it('gives one Success item per pending request, ready for approve', async () => {
		const [success, failure] = await runNode({ credentials: credentials(), params: list(waitlist.jid) });
		expect(failure).toEqual([]);
		expect(success.map((item) => ({ ...item.json, requestedAt: typeof item.json.requestedAt }))).toEqual([
			{
				success: true,
				jid: '199789077627112@lid',
				phoneNumber: '5511988887777',
				phoneJid: '5511988887777@s.whatsapp.net',
				requestedAt: 'string',
				group: waitlist.jid,
				groupJid: waitlist.jid,
				instance: 'sandbox',
				error: null,
				errorCode: null,
				statusCode: 200,
				outcomeUnknown: false,
				raw: null,
			},
			{
				success: true,
				jid: '199789077627113@lid',
				phoneNumber: '5511988886666',
				phoneJid: '5511988886666@s.whatsapp.net',
				requestedAt: 'string',
				group: waitlist.jid,
				groupJid: waitlist.jid,
				instance: 'sandbox',
				error: null,
				errorCode: null,
				statusCode: 200,
				outcomeUnknown: false,
				raw: null,
			},
			{
				success: true,
				jid: '199789077627114@lid',
				phoneNumber: null,
				phoneJid: null,
				requestedAt: 'string',
				group: waitlist.jid,
				groupJid: waitlist.jid,
				instance: 'sandbox',
				error: null,
				errorCode: null,
				statusCode: 200,
				outcomeUnknown: false,
				raw: null,
			},
		]);
		expect(success.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(sim().calls).toEqual([
			expect.objectContaining({ method: 'GET', path: '/api/group/requests/sandbox', query: { identifier: waitlist.jid } }),
		]);
	});

	it('feeds approve: matching a form phone to its LID and approving it', async () => {
		const [requests] = await runNode({ credentials: credentials(), params: list(waitlist.jid) });
		const match = requests.find((item) => item.json.phoneNumber === '5511988886666');
		const [approved, failed] = await runNode({
			credentials: credentials(),
			params: manage({ group: waitlist.jid, action: 'approve', participants: match?.json.jid }),
		});
		expect(failed).toEqual([]);
		expect(approved.map((item) => item.json.jid)).toEqual(['199789077627113@lid']);
		const [after] = await runNode({ credentials: credentials(), params: list(waitlist.jid) });
		expect(after.map((item) => item.json.jid)).toEqual(['199789077627112@lid', '199789077627114@lid']);
	});

	it('an empty queue gives no items and an execution hint', async () => {
		const { ctx, hints } = createExecuteContext({ credentials: credentials(), params: list(customers.jid) });
		const [success, failure] = await new RyzeApi().execute.call(ctx);
		expect([success, failure]).toEqual([[], []]);
		expect(hints).toEqual([
			{ message: expect.stringMatching(/^No pending join requests in group 120363000000000001@g.us/), location: 'outputPane' },
		]);
	});

	it.each([
		[announcements.jid, 403, 'not_admin', 'Not authorized to view group requests (must be admin)'],
		['120363999999999999@g.us', 404, 'group_not_found', 'Group not found or you are not a member of this group'],
	])('%s: continueOnFail gives one Failure item for the input item', async (group, status, code, message) => {
		const [success, failure] = await runNode({
			credentials: credentials(),
			continueOnFail: true,
			items: [{ json: {} }, { json: {} }],
			params: (i) => list(i === 0 ? waitlist.jid : group),
		});
		expect(success).toHaveLength(3);
		expect(failure.map((item) => [item.json.errorCode, item.json.statusCode, item.json.error, item.pairedItem])).toEqual([
			[code, status, message, { item: 1 }],
		]);
	});

	it('without continueOnFail: a NodeApiError in the API words, naming the item', async () => {
		const run = runNode({
			credentials: credentials(),
			items: [{ json: {} }, { json: {} }],
			params: (i) => list(i === 0 ? waitlist.jid : announcements.jid),
		});
		await expect(run).rejects.toBeInstanceOf(NodeApiError);
		await expect(
			runNode({
				credentials: credentials(),
				items: [{ json: {} }, { json: {} }],
				params: (i) => list(i === 0 ? waitlist.jid : announcements.jid),
			}),
		).rejects.toMatchObject({
			message: 'Not authorized to view group requests (must be admin)',
			context: { itemIndex: 1 },
		});
	});

	it('reads are resent after a 5xx: listing twice changes nothing', async () => {
		sim().scriptFaults([{ kind: 'status', status: 503 }]);
		const [success] = await runNode({ credentials: credentials(), params: list(waitlist.jid) });
		expect(success).toHaveLength(3);
		expect(sim().calls.map((call) => call.status)).toEqual([503, 200]);
	});

	it('in tool mode everything is on output 0', async () => {
		const [first, second] = await runNode({
			credentials: credentials(),
			toolMode: true,
			continueOnFail: true,
			items: [{ json: {} }, { json: {} }],
			params: (i) => list(i === 0 ? waitlist.jid : announcements.jid),
		});
		expect(first.map((item) => item.json.success)).toEqual([true, true, true, false]);
		expect(second).toEqual([]);
	});
});

describe('Attach Invite Link When Privacy Blocks the Add', () => {
	it('puts the group invite link on privacy-blocked Failure items, with one extra call', async () => {
		const [success, failure] = await runNode({
			credentials: credentials(),
			params: manage({ participants: '5511977770001, 5511977770403, 5511977771403, 5511977770000', options: { attachInviteLink: true } }),
		});
		expect(success.map((item) => item.json.inviteLink)).toEqual([undefined]);
		expect(failure.map((item) => [item.json.errorCode, item.json.inviteLink])).toEqual([
			['privacy_blocked', `https://chat.whatsapp.com/${customers.inviteCode}`],
			['privacy_blocked', `https://chat.whatsapp.com/${customers.inviteCode}`],
			['not_on_whatsapp', undefined],
		]);
		expect(failure[0].json.addRequest).toEqual({ code: expect.any(String), expiration: expect.any(Number) });
		expect(sim().calls.map((call) => [call.method, call.path, call.query])).toEqual([
			['POST', '/api/group/participants/sandbox', {}],
			['GET', '/api/group/info/sandbox', { identifier: customers.jid, participants: 'false' }],
		]);
	});

	it("puts the invite link on people who recently left (WhatsApp's 408), not on a full group (500)", async () => {
		sim().scriptFaults([
			{
				kind: 'json',
				status: 200,
				match: { pathPrefix: '/api/group/participants' },
				body: {
					participants: [
						{ jid: '5511977770408@s.whatsapp.net', error: 408 },
						{ jid: '5511977770500@s.whatsapp.net', error: 'add failed: code 500' },
					],
				},
			},
		]);
		const [success, failure] = await runNode({
			credentials: credentials(),
			params: manage({ participants: '5511977770408, 5511977770500', options: { attachInviteLink: true } }),
		});
		expect(success).toEqual([]);
		expect(failure.map((item) => [item.json.errorCode, item.json.inviteLink, item.json.outcomeUnknown])).toEqual([
			['recently_left', `https://chat.whatsapp.com/${customers.inviteCode}`, false],
			['group_full', undefined, false],
		]);
		expect(sim().calls.map((call) => call.path)).toEqual(['/api/group/participants/sandbox', '/api/group/info/sandbox']);
	});

	it('makes no extra call when nothing was blocked, or when the option is off', async () => {
		await runNode({ credentials: credentials(), params: manage({ participants: '5511977770001', options: { attachInviteLink: true } }) });
		await runNode({ credentials: credentials(), params: manage({ participants: '5511977770403' }) });
		expect(sim().calls.map((call) => call.path)).toEqual(['/api/group/participants/sandbox', '/api/group/participants/sandbox']);
	});

	it('fetches the link once per group across batches', async () => {
		const participants = Array.from({ length: 6 }, (_, i) => `551197777${i}403`);
		const [, failure] = await runNode({
			credentials: credentials(),
			params: manage({ participants, options: { attachInviteLink: true, batching: { batch: { batchSize: 2 } } } }),
		});
		expect(failure.map((item) => item.json.inviteLink)).toEqual(Array(6).fill(`https://chat.whatsapp.com/${customers.inviteCode}`));
		expect(sim().calls.filter((call) => call.path.startsWith('/api/group/info/'))).toHaveLength(1);
	});

	it('says why when the link cannot be read, and keeps the item on Failure', async () => {
		// A 403 is final (a 5xx would be sent again twice first, 1 s + 2 s: that read's resends are
		// in "reads are resent after a 5xx" below and on a fake clock in test/unit/transport/rateLimit/send.test.ts).
		sim().scriptFaults([{ kind: 'status', status: 403, match: { pathPrefix: '/api/group/info' } }]);
		const [, failure] = await runNode({
			credentials: credentials(),
			params: manage({ participants: '5511977770403', options: { attachInviteLink: true } }),
		});
		expect(failure.map((item) => [item.json.errorCode, item.json.inviteLink, item.json.inviteLinkError])).toEqual([
			['privacy_blocked', null, expect.stringMatching(/^Could not read the invite link: /)],
		]);
	});
});

describe('Reset Invite Link After Removal', () => {
	it('resets the link once per group after removals and puts the new link on the removed items', async () => {
		const [success, failure] = await runNode({
			credentials: credentials(),
			items: [{ json: {} }, { json: {} }],
			params: (i) =>
				manage({
					action: 'remove',
					participants: i === 0 ? '5511911110001, 5511977770001' : '5511911110003',
					options: { resetInviteLink: true },
				}),
		});
		expect(failure.map((item) => [item.json.errorCode, item.json.inviteLink])).toEqual([['not_member', undefined]]);
		const links = success.map((item) => item.json.inviteLink);
		expect(links).toHaveLength(2);
		expect(links[0]).toMatch(/^https:\/\/chat\.whatsapp\.com\/[A-Za-z0-9]+$/);
		expect(links[1]).toBe(links[0]);
		expect(success[0].json).toMatchObject({ inviteLinkReset: true, inviteCode: String(links[0]).split('/').pop() });
		expect(links[0]).not.toBe(`https://chat.whatsapp.com/${customers.inviteCode}`);
		expect(sim().calls.map((call) => [call.method, call.path])).toEqual([
			['POST', '/api/group/participants/sandbox'],
			['POST', '/api/group/resetLink/sandbox'],
		]);
		// The old code no longer opens the group.
		const [, old] = await runNode({
			credentials: credentials(),
			continueOnFail: true,
			params: manage({ group: customers.inviteCode, participants: '5511977770009' }),
		});
		expect(old.map((item) => item.json.errorCode)).toEqual(['group_not_found']);
	});

	it('does not reset when nobody was removed', async () => {
		await runNode({
			credentials: credentials(),
			params: manage({ action: 'remove', participants: '5511977770001', options: { resetInviteLink: true } }),
		});
		expect(sim().calls.map((call) => call.path)).toEqual(['/api/group/participants/sandbox']);
	});

	it('keeps the removals on Success and says so when the reset fails; never resends it', async () => {
		sim().scriptFaults([{ kind: 'status', status: 500, match: { pathPrefix: '/api/group/resetLink' } }]);
		const [success] = await runNode({
			credentials: credentials(),
			params: manage({ action: 'remove', participants: '5511911110001', options: { resetInviteLink: true, retryOnServerErrors: false } }),
		});
		expect(success.map((item) => [item.json.success, item.json.inviteLinkReset, item.json.inviteLink, item.json.inviteLinkError])).toEqual([
			[true, false, null, expect.stringMatching(/^The invite link was not reset: /)],
		]);
		expect(sim().calls.filter((call) => call.path.startsWith('/api/group/resetLink'))).toHaveLength(1);
	});
});
