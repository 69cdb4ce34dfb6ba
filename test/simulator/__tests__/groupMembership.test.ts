/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * Create Group, Join Group and Leave Group over real sockets: a created group that List
 * Groups shows, the people it could not add (the seeded add rules), a join by code or
 * link (or a queued request where approval is required), a leave that List Groups
 * follows. The answers are held against the contract's zod shapes.
 */
import type { AxiosResponse } from 'axios';

import { GROUP_CREATE, GROUP_JOIN, GROUP_LEAVE, PARTICIPANTS_BRAZIL_FALLBACK } from '../../contract/ryzeapi';
import { MESSAGES, OUTCOMES, SANDBOX } from '..';
import { expectError, groups, instances, jid, lids, numbers, tokens, useSim, type Body } from './client';

const { sim, call, get, participants } = useSim();

const create = (body: Record<string, unknown>, token: string = tokens.sandbox, instance: string = instances.sandbox) =>
	call('POST', `/api/group/create/${instance}`, body, token);
const join = (identifier: unknown, token: string = tokens.memberOnly, instance: string = instances.memberOnly) =>
	call('POST', `/api/group/join/${instance}`, identifier === undefined ? {} : { identifier }, token);
const leave = (identifier: string, token: string = tokens.sandbox, instance: string = instances.sandbox) =>
	call('DELETE', `/api/group/leave/${instance}?identifier=${encodeURIComponent(identifier)}`, undefined, token);
const listed = async (instance: string) =>
	((await get(`/api/group/list/${instance}`, tokens.account)).data.groups as Body[]).map((g) => g.jid);
const { notOnWhatsAppSuffix, privacyBlockedSuffix } = SANDBOX.rules;

describe('POST /api/group/create/:instance', () => {
	it('makes a group List Groups shows, the instance its super admin; the people it cannot add come back', async () => {
		const sent = [
			'5511977770001',
			`551197777${notOnWhatsAppSuffix}`,
			`5511977770${privacyBlockedSuffix}`,
			'abc',
			numbers.sandbox,
			numbers.memberOnly,
		];
		const res = await create({
			name: 'Dev Team',
			participants: sent,
			description: 'Technical discussions',
			groupSettings: { requireAdminApproval: true },
		});
		expect(res.status).toBe(GROUP_CREATE.status.value);
		const { group, failedParticipants } = GROUP_CREATE.answer.value.parse(res.data);
		expect(group).toMatchObject({
			name: 'Dev Team',
			description: 'Technical discussions',
			createdBy: jid(numbers.sandbox),
			inviteLink: `https://chat.whatsapp.com/${group.inviteCode}`,
			groupSettings: { ...GROUP_CREATE.defaultSettings.value, requireAdminApproval: true },
			participantCount: 3,
		});
		expect(group.participants).toEqual([
			{ jid: jid(numbers.sandbox), isAdmin: true, isSuperAdmin: true },
			{ jid: jid('5511977770001'), isAdmin: false, isSuperAdmin: false },
			{ jid: jid(numbers.memberOnly), isAdmin: false, isSuperAdmin: false },
		]);
		expect(failedParticipants).toEqual([
			{ jid: jid(sent[1]), success: false, error: OUTCOMES.notOnWhatsApp },
			{
				jid: jid(sent[2]),
				success: false,
				error: OUTCOMES.privacyBlocked,
				addRequest: { code: expect.any(String), expiration: expect.any(Number) },
			},
			{ jid: 'abc', success: false, error: OUTCOMES.invalidParticipant },
			{ jid: jid(numbers.sandbox), success: false, error: OUTCOMES.alreadyMember },
		]);
		expect(await listed(instances.sandbox)).toContain(group.jid);
		// Another instance of the account it added sees the group too.
		expect(await listed(instances.memberOnly)).toContain(group.jid);
		const detail = await get(`/api/group/info/sandbox?identifier=${group.inviteCode}`);
		expect(detail.data.group.participants.map((m: Body) => m.jid)).toEqual(group.participants?.map((m) => m.jid));
	});

	it('is not idempotent: the same body twice makes two groups', async () => {
		const body = { name: 'Twice', participants: ['5511977770001'] };
		const [first, second] = [await create(body), await create(body)];
		expect(first.data.group.jid).not.toBe(second.data.group.jid);
		expect(first.data.group.inviteCode).not.toBe(second.data.group.inviteCode);
		expect((await get('/api/group/list/sandbox')).data.groups.filter((g: Body) => g.name === 'Twice')).toHaveLength(2);
		expect(GROUP_CREATE.route.value.idempotent).toBe(false);
	});

	it('adds a number as sent: no Brazilian 12/13-digit fallback (not documented for groups)', async () => {
		const twelve = '551111110001'; // 5511911110001 without the 9, a member of Customers
		const res = await create({ name: 'BR', participants: [twelve] });
		expect(res.data.group.participants.map((m: Body) => m.jid)).toContain(jid(twelve));
		expect([PARTICIPANTS_BRAZIL_FALLBACK.value, PARTICIPANTS_BRAZIL_FALLBACK.documented]).toEqual([false, false]);
	});

	const refusals: Array<[string, number, string, () => Promise<AxiosResponse>]> = [
		['no name', 400, MESSAGES.nameRequired, () => create({ participants: ['5511977770001'] })],
		['a blank name', 400, MESSAGES.nameRequired, () => create({ name: ' ', participants: ['5511977770001'] })],
		['no participants', 400, MESSAGES.participantsRequired, () => create({ name: 'x' })],
		['an empty participants list', 400, MESSAGES.participantsRequired, () => create({ name: 'x', participants: [] })],
		[
			'a setting that is not a boolean',
			400,
			MESSAGES.invalidBody,
			() => create({ name: 'x', participants: ['5511977770001'], groupSettings: { requireAdminApproval: 1 } }),
		],
		[
			'a disconnected instance',
			503,
			MESSAGES.notConnected,
			() => create({ name: 'x', participants: ['5511977770001'] }, tokens.offline, instances.offline),
		],
	];
	test.each(refusals)('refuses %s: %i, no group made', async (_name, status, message, send) => {
		expectError(await send(), status, message);
		expect(sim().state.groups).toHaveLength(4);
	});
});

describe('POST /api/group/join/:instance', () => {
	const vip = groups.vip;

	it('joins by link or code; a repeat answers the same groupJid; List Groups and /info follow', async () => {
		const res = await join(`https://chat.whatsapp.com/${vip.inviteCode}`);
		expect(GROUP_JOIN.answer.value.parse(res.data)).toEqual({
			success: true,
			message: GROUP_JOIN.message.value.joined,
			groupJid: vip.jid,
			requiresApproval: false,
		});
		expect((await join(vip.inviteCode)).data).toEqual(res.data);
		expect(await listed(instances.memberOnly)).toContain(vip.jid);
		const members = (await get(`/api/group/info/sandbox?identifier=${vip.jid}`)).data.group.participants as Body[];
		expect(members.filter((m) => m.jid === jid(numbers.memberOnly))).toEqual([
			{ jid: jid(numbers.memberOnly), lid: lids.memberOnly, isAdmin: false, isSuperAdmin: false },
		]);
	});

	it('where approval is required: a request in /requests until an admin approves it', async () => {
		const made = await create({ name: 'Gated', participants: ['5511977770001'], groupSettings: { requireAdminApproval: true } });
		const { jid: gated, inviteCode } = made.data.group;
		const queued = await join(inviteCode);
		expect(queued.data).toEqual({ success: true, message: GROUP_JOIN.message.value.queued, groupJid: gated, requiresApproval: true });
		expect((await join(inviteCode)).data.requiresApproval).toBe(true);
		const requests = (await get(`/api/group/requests/sandbox?identifier=${gated}`)).data.requests;
		expect(requests).toEqual([{ jid: lids.memberOnly, phoneNumber: jid(numbers.memberOnly), requestedAt: expect.any(String) }]);
		expect(await listed(instances.memberOnly)).not.toContain(gated);
		expect((await participants('approve', gated, [numbers.memberOnly])).data.participants[0].success).toBe(true);
		expect(await listed(instances.memberOnly)).toContain(gated);
	});

	const refusals: Array<[string, number, string, () => Promise<AxiosResponse>]> = [
		['a group JID', 400, MESSAGES.invalidInvite, () => join(vip.jid)],
		['no identifier', 400, MESSAGES.invalidInvite, () => join(undefined)],
		['what is not a code', 400, MESSAGES.invalidInvite, () => join('not a code!')],
		['an unknown code', 404, MESSAGES.joinGroupNotFound, () => join('NOPE0000')],
		['a disconnected instance', 503, MESSAGES.notConnected, () => join(vip.inviteCode, tokens.offline, instances.offline)],
	];
	test.each(refusals)('refuses %s: %i, nobody joins', async (_name, status, message, send) => {
		const before = JSON.stringify(sim().state.groups);
		expectError(await send(), status, message);
		expect(JSON.stringify(sim().state.groups)).toBe(before);
	});

	it('an old code after a reset: "revoked or expired"; the new code works', async () => {
		const reset = await call('POST', '/api/group/resetLink/sandbox', { identifier: vip.jid });
		expectError(await join(vip.inviteCode), 400, MESSAGES.inviteRevoked);
		expect((await join(reset.data.inviteLink)).data.groupJid).toBe(vip.jid);
		expect(GROUP_JOIN.acceptsJid.value).toBe(false);
	});
});

describe('DELETE /api/group/leave/:instance', () => {
	const A = groups.announcements;

	it('leaves by JID or link; List Groups follows; leaving again is a 404', async () => {
		const res = await leave(A.jid);
		expect(GROUP_LEAVE.answer.value.parse(res.data)).toEqual({ success: true, message: GROUP_LEAVE.message.value, groupJid: A.jid });
		expect(await listed(instances.sandbox)).not.toContain(A.jid);
		expectError(await leave(A.jid), 404, MESSAGES.groupNotFound);
		const byLink = await leave(`https://chat.whatsapp.com/${groups.customers.inviteCode}`, tokens.memberOnly, instances.memberOnly);
		expect([byLink.status, byLink.data.groupJid]).toEqual([200, groups.customers.jid]);
		expect(await listed(instances.memberOnly)).toEqual([groups.waitlist.jid, A.jid]);
	});

	it('a left group can be joined again with its invite', async () => {
		await leave(groups.customers.jid, tokens.memberOnly, instances.memberOnly);
		expect((await join(groups.customers.inviteCode)).data.groupJid).toBe(groups.customers.jid);
		expect(await listed(instances.memberOnly)).toContain(groups.customers.jid);
	});

	it('refuses a missing identifier (400) and a disconnected instance (503)', async () => {
		expectError(await call('DELETE', '/api/group/leave/sandbox'), 400, MESSAGES.identifierRequired);
		expectError(await leave(A.jid, tokens.offline, instances.offline), 503, MESSAGES.notConnected);
		expect(await listed(instances.sandbox)).toContain(A.jid);
	});
});
