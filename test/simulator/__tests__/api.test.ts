/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The simulator's API over real sockets, as the tests and the sandbox's users rely on
 * it: tokens, validation and permissions, the participant rules, the other endpoints,
 * the control routes, and that no token is ever echoed or recorded.
 */
import type { AxiosResponse } from 'axios';

import { MESSAGES, OUTCOMES } from '..';
import { expectError, groups, instances, jid, numbers, tokens, useSim, type Body } from './client';

const { sim, http, participants, get, memberJids } = useSim();

const reset = (identifier?: string, token: string = tokens.sandbox) =>
	http().post('/api/group/resetLink/sandbox', identifier ? { identifier } : {}, { headers: { token } });
const add = (identifier: unknown, list: unknown, options = {}) => participants('add', identifier, list, options);
const phone = '5511977771111';

describe('refusals: the status and RyzeAPI text, the rate headers, and the state left as it was', () => {
	const [C, W, A] = [groups.customers, groups.waitlist, groups.announcements];
	const M = MESSAGES;
	const member = { token: tokens.memberOnly, instance: instances.memberOnly };
	const account = (instance: string) => ({ token: tokens.account, instance });
	const notJson = () =>
		http().post('/api/group/participants/sandbox', '{"action": add', {
			headers: { token: tokens.sandbox, 'content-type': 'application/json' },
			transformRequest: [(data: unknown) => data],
		});
	const cases: Array<[string, number, string, () => Promise<AxiosResponse>]> = [
		['no token', 401, M.missingToken, () => http().post('/api/group/participants/sandbox', { action: 'add' })],
		['an unknown token', 401, M.invalidToken, () => add(C.jid, [phone], { token: 'nope' })],
		['a TokenInstance of another instance', 403, M.instanceMismatch, () => add(C.jid, [phone], { instance: instances.memberOnly })],
		['a TokenAccount, unknown instance', 404, M.instanceNotFound, () => add(C.jid, [phone], account('ghost'))],
		['a disconnected instance', 503, M.notConnected, () => add(C.jid, [phone], { token: tokens.offline, instance: instances.offline })],
		['group info, disconnected', 503, M.notConnected, () => get(`/api/group/info/offline?identifier=${C.jid}`, tokens.account)],
		['an unknown action', 400, M.invalidAction, () => participants('kick', C.jid, [phone])],
		['participants empty', 400, M.participantsRequired, () => add(C.jid, [])],
		['participants not a list', 400, M.participantsRequired, () => add(C.jid, phone)],
		['no identifier', 400, M.identifierRequired, () => add(undefined, [phone])],
		['an empty identifier', 400, M.identifierRequired, () => add('', [phone])],
		['a body that is not JSON', 400, M.invalidBody, notJson],
		['an unknown group JID', 404, M.groupNotFound, () => add('120363999999999999@g.us', [phone])],
		['an unknown invite link', 404, M.groupNotFound, () => add('https://chat.whatsapp.com/NOPE0000', [phone])],
		['a group name', 404, M.groupNotFound, () => add('Customers', [phone])],
		['add as a plain member', 403, M.mustBeAdmin, () => add(C.jid, [phone], member)],
		['a TokenAccount as a plain member', 403, M.mustBeAdmin, () => add(C.jid, [phone], account(instances.memberOnly))],
		['remove, not admin', 403, M.mustBeAdmin, () => participants('remove', A.jid, [A.members[0]])],
		['promote, admin only', 403, M.mustBeSuperAdmin, () => participants('promote', W.jid, [W.members[0]])],
		['demote, admin only', 403, M.mustBeSuperAdmin, () => participants('demote', W.jid, [W.members[0]])],
		['approve, no approval', 400, M.noAdminApproval, () => participants('approve', C.jid, ['199789077627112@lid'])],
		['reject, no approval', 400, M.noAdminApproval, () => participants('reject', C.jid, ['199789077627112@lid'])],
		['requests, not admin', 403, M.requestsMustBeAdmin, () => get(`/api/group/requests/member-only?identifier=${W.jid}`, member.token)],
		['requests, no identifier', 400, M.identifierRequired, () => get('/api/group/requests/sandbox')],
		['requests, unknown group', 404, M.groupNotFound, () => get('/api/group/requests/sandbox?identifier=NOPE')],
		['resetLink, not admin', 403, M.resetLinkMustBeAdmin, () => reset(A.jid)],
		['resetLink, no identifier', 400, M.identifierRequired, () => reset()],
		['instance list, unknown name', 404, M.instanceNotFound, () => get('/api/instance/list?instanceName=ghost', tokens.account)],
		['an unknown /api route', 404, M.notFound, () => get('/api/nothing/here')],
		['GET on the participants route', 404, M.notFound, () => get('/api/group/participants/sandbox')],
	];
	test.each(cases)('%s: %i', async (_name, status, message, send) => {
		const before = JSON.stringify(sim().state.groups);
		const res = await send();
		expectError(res, status, message);
		expect(res.headers['x-ratelimit-limit']).toBe('100');
		expect(JSON.stringify(sim().state.groups)).toBe(before);
	});
});

describe('participant rules', () => {
	test('add: every outcome, in request order, with counts; a privacy-blocked add carries an addRequest', async () => {
		const failed = (value: string, error: string) => ({ jid: value, success: false, error });
		const rows: Array<[unknown, Body]> = [
			[phone, { jid: jid(phone), success: true }],
			['5511977770000', failed(jid('5511977770000'), OUTCOMES.notOnWhatsApp)],
			[
				'5511977770403',
				{
					...failed(jid('5511977770403'), OUTCOMES.privacyBlocked),
					addRequest: { code: expect.stringMatching(/^[A-Za-z0-9]{8}$/), expiration: expect.any(Number) },
				},
			],
			[groups.customers.members[0], failed(jid(groups.customers.members[0]), OUTCOMES.alreadyMember)],
			['5511977772222@c.us', { jid: jid('5511977772222'), success: true }],
			['5511977773333@s.whatsapp.net', { jid: jid('5511977773333'), success: true }],
			['199700000000001@lid', { jid: '199700000000001@lid', success: true }],
			['+55 11 9', failed('+55 11 9', OUTCOMES.invalidParticipant)],
			[42, failed('42', OUTCOMES.invalidParticipant)],
			[`${phone}@c.us`, failed(jid(phone), OUTCOMES.alreadyMember)],
		];
		const before = Math.floor(Date.now() / 1000);
		const res = await add(
			groups.customers.jid,
			rows.map(([sent]) => sent),
		);
		const after = Math.ceil(Date.now() / 1000);
		expect(res.data).toEqual({
			success: true,
			message: 'Participants updated: 4 succeeded, 6 failed',
			groupJid: groups.customers.jid,
			action: 'add',
			participants: rows.map(([, entry]) => entry),
		});
		// The invitation expires three days after the answer.
		const { expiration } = res.data.participants[2].addRequest;
		expect([expiration >= before + 3 * 86400, expiration <= after + 3 * 86400]).toEqual([true, true]);
		expect(memberJids(groups.customers.jid)).toEqual(expect.arrayContaining([jid(phone), jid('5511977772222'), '199700000000001@lid']));
		expect(memberJids(groups.customers.jid)).not.toContain(jid('5511977770403'));
	});

	test('the group by JID, invite code or invite link; a TokenAccount or Authorization: Bearer works too', async () => {
		const code = groups.customers.inviteCode;
		const link = `https://chat.whatsapp.com/${code}`;
		const forms = [code, link, `http://chat.whatsapp.com/${code}`, `${link}/`, `${link}?utm=x`];
		for (const [index, identifier] of forms.entries()) {
			const res = await add(identifier, [`55119777700${10 + index}`], { token: tokens.account });
			expect([res.status, res.data.groupJid, res.data.participants[0].success]).toEqual([200, groups.customers.jid, true]);
		}
		const bearer = await http().post(
			'/api/group/participants/sandbox',
			{ action: 'add', identifier: groups.customers.jid, participants: [phone] },
			{ headers: { Authorization: `Bearer ${tokens.sandbox}` } },
		);
		expect(bearer.data.participants).toEqual([{ jid: jid(phone), success: true }]);
		expect(sim().calls.map((call) => call.tokenKind)).toEqual(['account', 'account', 'account', 'account', 'account', 'instance']);
	});

	test('remove, promote and demote change the state; reset restores the seed', async () => {
		const [first, admin] = [groups.customers.members[0], groups.customers.admins[0]];
		const promote = await participants('promote', groups.customers.jid, [first, '5511977779999']);
		expect(promote.data.participants).toEqual([
			{ jid: jid(first), success: true },
			{ jid: jid('5511977779999'), success: false, error: OUTCOMES.notMember },
		]);
		expect((await participants('demote', groups.customers.jid, [`${admin}@c.us`])).data.participants).toEqual([
			{ jid: jid(admin), success: true },
		]);
		const customers = () => sim().state.groups.find((group) => group.jid === groups.customers.jid)!;
		const member = (digits: string) => sim().state.findMember(customers(), jid(digits));
		expect([member(first)?.isAdmin, member(admin)?.isAdmin]).toEqual([true, false]);
		expect((await participants('remove', groups.customers.jid, [first, first])).data.participants).toEqual([
			{ jid: jid(first), success: true },
			{ jid: jid(first), success: false, error: OUTCOMES.notMember },
		]);
		expect(member(first)).toBeUndefined();
		sim().reset();
		expect([member(first)?.isAdmin, member(admin)?.isAdmin, sim().calls.length, sim().state.stats.requests]).toEqual([false, true, 0, 0]);
	});

	test('approve by LID and by phone: a phone is resolved to the LID, and the entry carries it as phoneNumber', async () => {
		const [byLid, byPhone, noPhone] = groups.waitlist.pending;
		const res = await participants('approve', groups.waitlist.inviteCode, [byLid.lid, byPhone.phone, phone, noPhone.lid]);
		expect(res.data.message).toBe('Participants updated: 3 succeeded, 1 failed');
		expect(res.data.participants).toEqual([
			{ jid: byLid.lid, success: true },
			{ jid: byPhone.lid, phoneNumber: jid(byPhone.phone!), success: true },
			{ jid: jid(phone), success: false, error: OUTCOMES.noPendingRequest },
			{ jid: noPhone.lid, success: true },
		]);
		expect(memberJids(groups.waitlist.jid)).toEqual(expect.arrayContaining([jid(byLid.phone!), jid(byPhone.phone!), noPhone.lid]));
		expect((await participants('approve', groups.waitlist.jid, [byLid.lid])).data.participants[0].error).toBe(OUTCOMES.noPendingRequest);
		expect((await participants('remove', groups.waitlist.jid, [byLid.lid])).data.participants[0].success).toBe(true);
	});

	test('reject by phone drops the request without adding a member', async () => {
		const [request] = groups.waitlist.pending;
		const res = await participants('reject', groups.waitlist.jid, [`${request.phone}@c.us`]);
		expect(res.data.participants).toEqual([{ jid: request.lid, phoneNumber: jid(request.phone!), success: true }]);
		expect(memberJids(groups.waitlist.jid)).not.toContain(jid(request.phone!));
		expect((await get(`/api/group/requests/sandbox?identifier=${groups.waitlist.jid}`)).data.meta.total).toBe(2);
	});
});

describe('other endpoints', () => {
	test('instance list: a TokenInstance sees its own instance, a TokenAccount all of its own or the one named', async () => {
		const own = await get(`/api/instance/list?instanceName=${instances.memberOnly}`);
		expect(own.data).toEqual({
			success: true,
			message: '1 Instance found',
			instances: [
				{ name: instances.sandbox, connection: { state: 'connected', numberJid: jid(numbers.sandbox) }, profile: { name: 'Sandbox' } },
			],
		});
		const all = await get('/api/instance/list', tokens.account);
		expect(all.data.message).toBe('3 Instances found');
		expect(all.data.instances.map((i: Body) => [i.name, i.connection.state])).toEqual([
			[instances.sandbox, 'connected'],
			[instances.memberOnly, 'connected'],
			[instances.offline, 'disconnected'],
		]);
		const one = await get(`/api/instance/list?instanceName=${instances.offline}`, tokens.account);
		expect(one.data.instances.map((i: Body) => i.name)).toEqual([instances.offline]);
	});

	test('group requests: every pending request with its LID and phone JID (or null)', async () => {
		const res = await get(`/api/group/requests/sandbox?identifier=https://chat.whatsapp.com/${groups.waitlist.inviteCode}`);
		expect(res.data).toEqual({
			success: true,
			message: '3 pending requests found',
			groupJid: groups.waitlist.jid,
			requests: groups.waitlist.pending.map((r) => ({
				jid: r.lid,
				phoneNumber: r.phone ? jid(r.phone) : null,
				requestedAt: r.requestedAt,
			})),
			meta: { total: 3 },
		});
		expect((await get(`/api/group/requests/sandbox?identifier=${groups.customers.jid}`)).data.message).toBe('0 pending requests found');
	});

	test('reset link issues a new code, and the old one stops resolving', async () => {
		const res = await reset(groups.waitlist.inviteCode);
		const { inviteCode } = res.data;
		expect(res.data).toEqual({
			success: true,
			message: 'Group invite link reset successfully',
			groupJid: groups.waitlist.jid,
			inviteCode,
			inviteLink: `https://chat.whatsapp.com/${inviteCode}`,
		});
		expect(inviteCode).toMatch(/^[A-Za-z0-9]{22}$/);
		expectError(await get(`/api/group/info/sandbox?identifier=${groups.waitlist.inviteCode}`), 404, MESSAGES.groupNotFound);
		expect((await get(`/api/group/info/sandbox?identifier=${inviteCode}`)).data.group.jid).toBe(groups.waitlist.jid);
	});

	test('group info with and without participants; the invite hidden from plain members', async () => {
		const { group } = (await get(`/api/group/info/sandbox?identifier=${groups.customers.jid}`)).data;
		expect(group).toMatchObject({
			jid: groups.customers.jid,
			name: groups.customers.name,
			inviteCode: groups.customers.inviteCode,
			inviteLink: `https://chat.whatsapp.com/${groups.customers.inviteCode}`,
			createdBy: jid(numbers.sandbox),
			participantCount: 5,
			groupSettings: { requireAdminApproval: false, membersCanAddOthers: expect.any(Boolean) },
		});
		expect(group.participants).toContainEqual({ jid: jid(numbers.sandbox), lid: null, isAdmin: true, isSuperAdmin: true });
		expect(group.participants).toContainEqual({ jid: jid(groups.customers.admins[0]), lid: null, isAdmin: true, isSuperAdmin: false });
		const lean = (await get(`/api/group/info/sandbox?identifier=${groups.customers.jid}&participants=false`)).data.group;
		expect([lean.participants, lean.participantCount]).toEqual([undefined, 5]);
		const asMember = (await get(`/api/group/info/member-only?identifier=${groups.customers.jid}`, tokens.memberOnly)).data.group;
		expect([asMember.inviteCode, asMember.inviteLink, asMember.participants.length]).toEqual([null, null, 5]);
	});
});

describe('control routes and secrecy', () => {
	test('calls, state, config and reset over HTTP', async () => {
		await add(groups.customers.jid, [phone]);
		await get(`/api/group/info/sandbox?identifier=${groups.customers.jid}&participants=false`, tokens.account);
		const { calls } = (await http().get('/__sim/calls')).data;
		expect(calls).toEqual([
			{
				method: 'POST',
				path: '/api/group/participants/sandbox',
				query: {},
				body: { action: 'add', identifier: groups.customers.jid, participants: [phone] },
				status: 200,
				tokenKind: 'instance',
				at: expect.any(String),
			},
			expect.objectContaining({ method: 'GET', query: { identifier: groups.customers.jid, participants: 'false' }, tokenKind: 'account' }),
		]);
		expect((await http().delete('/__sim/calls')).status).toBe(200);
		expect(sim().calls).toHaveLength(0);
		const state = (await http().get('/__sim/state')).data;
		expect(state.stats).toMatchObject({ requests: 2, processed: 2, rateLimited: 0 });
		expect(state.groups.find((g: Body) => g.jid === groups.customers.jid).members.map((m: Body) => m.jid)).toContain(jid(phone));

		const config = await http().post('/__sim/config', { latencyMs: 5, rateLimit: { limit: 50, windowMs: 60000 } });
		expect(config.data.config).toEqual({ rateLimit: { limit: 50, windowMs: 60000 }, latencyMs: 5, approveLatencyMs: 0 });
		expect((await http().get('/__sim/config')).data.config).toEqual(config.data.config);
		expect((await get('/api/instance/list')).headers['x-ratelimit-limit']).toBe('50');
		for (const bad of [{ latencyMs: -1 }, { approveLatencyMs: 'x' }, { rateLimit: { windowMs: 0 } }]) {
			expect((await http().post('/__sim/config', bad)).status).toBe(400);
		}
		sim().configure({ rateLimit: { limit: 100, windowMs: 60000 }, latencyMs: 0 });

		expect((await http().post('/__sim/reset')).status).toBe(200);
		expect(memberJids(groups.customers.jid)).not.toContain(jid(phone));
		expect(sim().state.stats.requests).toBe(0);
	});

	test('no answer and no recorded call ever contains a token', async () => {
		const secret = 'my-secret-token-value';
		const answers = [
			await get('/api/instance/list', secret),
			await get('/api/instance/list', tokens.account),
			await get('/api/instance/list', null),
			await add(groups.customers.jid, [phone], { token: secret }),
			await add(groups.customers.jid, [phone], { instance: instances.memberOnly }),
			await add(groups.customers.jid, [phone]),
			await get(`/api/group/info/sandbox?identifier=${groups.customers.jid}`, tokens.account),
			await http().get('/__sim/calls'),
			await http().get('/__sim/state'),
		];
		const everything = JSON.stringify([answers.map((res) => [res.headers, res.data]), sim().calls]);
		for (const token of [...Object.values(tokens), secret]) expect(everything).not.toContain(token);
		expect(sim().calls.map((c) => c.tokenKind)).toEqual(['invalid', 'account', 'missing', 'invalid', 'instance', 'instance', 'account']);
	});
});
