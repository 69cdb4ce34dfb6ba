/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * Update Group, Reset Invite Link and Group Details over real sockets: a partial update
 * that /info and /list then answer, the same values changing nothing (the page's
 * "Idempotent: partial"), who may change what, and a non-member's preview by link.
 * The answers are held against the contract's zod shapes.
 */
import type { AxiosResponse } from 'axios';

import { GROUP_INFO, GROUP_LIST, GROUP_RESET_LINK, GROUP_UPDATE, ROUTES } from '../../contract/ryzeapi';
import { MESSAGES } from '..';
import { expectError, groups, instances, jid, numbers, tokens, useSim, type Body } from './client';

const { sim, call, get } = useSim();
const C = groups.customers;

const update = (body: Record<string, unknown>, token: string = tokens.sandbox, instance: string = instances.sandbox) =>
	call('PUT', `/api/group/update/${instance}`, body, token);
const info = (identifier: string, instance: string = instances.sandbox, token: string = tokens.sandbox) =>
	get(`/api/group/info/${instance}?identifier=${encodeURIComponent(identifier)}`, token);
const listed = async (instance: string = instances.sandbox, token: string = tokens.account) =>
	(await get(`/api/group/list/${instance}`, token)).data.groups as Body[];
const customers = () => sim().state.groups.find((group) => group.jid === C.jid)!;

describe('PUT /api/group/update/:instance', () => {
	it('is the contract route: PUT, partial', () => {
		expect(ROUTES.update.value).toEqual({ method: 'PUT', path: '/api/group/update/:instance', idempotent: 'partial' });
	});

	it('a name alone renames the group and leaves the rest; /info and /list answer the new name', async () => {
		const before = { ...customers(), settings: { ...customers().settings } };
		const res = await update({ identifier: C.jid, name: 'Customers (VIP)' });
		expect(res.status).toBe(200);
		expect(GROUP_UPDATE.answer.value.parse(res.data)).toBeTruthy();
		expect(res.data.message).toBe(`${GROUP_UPDATE.message.value.updated}name`);
		expect(res.data.group).toMatchObject({
			jid: C.jid,
			name: 'Customers (VIP)',
			description: before.description,
			inviteCode: C.inviteCode,
			participantCount: 5,
			groupSettings: before.settings,
		});
		const detail = await info(C.jid);
		expect(GROUP_INFO.answer.value.parse(detail.data).group.name).toBe('Customers (VIP)');
		const list = await get(`/api/group/list/${instances.sandbox}`);
		expect(GROUP_LIST.answer.value.parse(list.data).groups.find((g) => g.jid === C.jid)?.name).toBe('Customers (VIP)');
		// member-only is in the group too: it sees the new name.
		expect((await listed(instances.memberOnly)).find((g) => g.jid === C.jid)?.name).toBe('Customers (VIP)');
	});

	it('inside groupSettings only the keys sent change; the same values again change nothing', async () => {
		const first = await update({ identifier: C.jid, groupSettings: { membersCanSendMessages: false } });
		expect(first.data.message).toBe(`${GROUP_UPDATE.message.value.updated}membersCanSendMessages`);
		expect(customers().settings).toEqual({
			membersCanEditInfo: false,
			membersCanSendMessages: false,
			membersCanAddOthers: false,
			requireAdminApproval: false,
		});
		const snapshot = JSON.stringify(sim().state.groups);
		const again = await update({ identifier: C.jid, groupSettings: { membersCanSendMessages: false } });
		expect([again.status, again.data.message]).toEqual([200, GROUP_UPDATE.message.value.unchanged]);
		expect(JSON.stringify(sim().state.groups)).toBe(snapshot);
		expect((await listed()).find((g) => g.jid === C.jid)?.groupSettings.membersCanSendMessages).toBe(false);
	});

	it('several fields at once, listed in the message in order; description "" clears it', async () => {
		const res = await update({
			identifier: C.inviteCode,
			name: 'Dev Team',
			description: '',
			groupSettings: { requireAdminApproval: true, membersCanEditInfo: true },
		});
		expect(res.data.message).toBe(`${GROUP_UPDATE.message.value.updated}name, description, membersCanEditInfo, requireAdminApproval`);
		const { group } = (await info(C.jid)).data;
		expect([group.name, group.description, group.groupSettings.requireAdminApproval, group.groupSettings.membersCanEditInfo]).toEqual([
			'Dev Team',
			'',
			true,
			true,
		]);
	});

	it('a picture shows in /info; removeImage takes precedence over image', async () => {
		await update({ identifier: C.jid, image: 'https://example.com/logo.png' });
		expect((await info(C.jid)).data.group.image).toBe('https://example.com/logo.png');
		const res = await update({ identifier: C.jid, image: 'https://example.com/other.png', removeImage: true });
		expect(res.data.message).toBe(`${GROUP_UPDATE.message.value.updated}image`);
		expect((await info(C.jid)).data.group.image).toBeUndefined();
	});

	it('a plain member may rename only while the info is not locked, never change settings', async () => {
		const asMember = (body: Record<string, unknown>) => update(body, tokens.memberOnly, instances.memberOnly);
		expectError(await asMember({ identifier: C.jid, name: 'Mine' }), 403, MESSAGES.updateMustBeAdmin);
		await update({ identifier: C.jid, groupSettings: { membersCanEditInfo: true } });
		const renamed = await asMember({ identifier: C.jid, name: 'Mine' });
		expect([renamed.status, renamed.data.group.name, renamed.data.group.inviteCode]).toEqual([200, 'Mine', null]);
		expectError(await asMember({ identifier: C.jid, groupSettings: { membersCanEditInfo: false } }), 403, MESSAGES.updateMustBeAdmin);
	});

	const refusals: Array<[string, number, string, () => Promise<AxiosResponse>]> = [
		['no identifier', 400, MESSAGES.identifierRequired, () => update({ name: 'x' })],
		['nothing beyond the identifier', 400, MESSAGES.nothingToUpdate, () => update({ identifier: C.jid })],
		['an empty groupSettings', 400, MESSAGES.nothingToUpdate, () => update({ identifier: C.jid, groupSettings: {} })],
		['an empty name', 400, MESSAGES.emptyName, () => update({ identifier: C.jid, name: '  ' })],
		[
			'a setting that is not a boolean',
			400,
			MESSAGES.invalidBody,
			() => update({ identifier: C.jid, groupSettings: { membersCanSendMessages: 'no' } }),
		],
		['a name that is not text', 400, MESSAGES.invalidBody, () => update({ identifier: C.jid, name: 42 })],
		['an unknown group', 404, MESSAGES.groupNotFound, () => update({ identifier: '120363999999999999@g.us', name: 'x' })],
		[
			'a group it is not in',
			404,
			MESSAGES.groupNotFound,
			() => update({ identifier: groups.vip.jid, name: 'x' }, tokens.memberOnly, instances.memberOnly),
		],
		[
			'a disconnected instance',
			503,
			MESSAGES.notConnected,
			() => update({ identifier: C.jid, name: 'x' }, tokens.offline, instances.offline),
		],
		['an unknown token', 401, MESSAGES.invalidToken, () => update({ identifier: C.jid, name: 'x' }, 'nope')],
		[
			'another instance',
			403,
			MESSAGES.instanceMismatch,
			() => update({ identifier: C.jid, name: 'x' }, tokens.sandbox, instances.memberOnly),
		],
	];
	test.each(refusals)('refuses %s: %i, the state untouched', async (_name, status, message, send) => {
		const before = JSON.stringify(sim().state.groups);
		expectError(await send(), status, message);
		expect(JSON.stringify(sim().state.groups)).toBe(before);
	});
});

describe('POST /api/group/resetLink/:instance and GET /api/group/info', () => {
	it('a reset revokes the old code: /info knows the group only by the new one', async () => {
		const res = await call('POST', `/api/group/resetLink/${instances.sandbox}`, { identifier: C.jid });
		const { inviteCode } = GROUP_RESET_LINK.answer.value.parse(res.data);
		expect(customers().revokedCodes).toEqual([C.inviteCode]);
		expectError(await info(C.inviteCode), 404, MESSAGES.groupNotFound);
		expect((await info(`https://chat.whatsapp.com/${inviteCode}`)).data.group.inviteCode).toBe(inviteCode);
	});

	it('a non-member previews a group by its code or link, never by JID, and never sees the invite', async () => {
		const vip = groups.vip;
		for (const identifier of [vip.inviteCode, `https://chat.whatsapp.com/${vip.inviteCode}`]) {
			const res = await info(identifier, instances.memberOnly, tokens.memberOnly);
			expect(res.status).toBe(200);
			const { group } = GROUP_INFO.answer.value.parse(res.data);
			expect([group.jid, group.name, group.inviteCode, group.inviteLink, group.participantCount]).toEqual([
				vip.jid,
				vip.name,
				null,
				null,
				7,
			]);
		}
		expectError(await info(vip.jid, instances.memberOnly, tokens.memberOnly), 404, MESSAGES.groupNotFound);
		expect(GROUP_INFO.previewByLink.value).toBe(true);
		// The member itself still sees its own number among the members, and the preview changed nothing.
		expect((await info(vip.jid)).data.group.participants.map((m: Body) => m.jid)).toContain(jid(numbers.sandbox));
	});
});
