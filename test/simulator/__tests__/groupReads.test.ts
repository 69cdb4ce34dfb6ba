/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/** The simulator's group reads the pickers and List Participant use: GET /api/group/list and /info with participants. */
import axios from 'axios';

import { MESSAGES } from '..';
import { SANDBOX, useSimulator } from '../../support/simulatorHarness';

const { sim } = useSimulator();
const { tokens, groups } = SANDBOX;

const get = (path: string, token: string = tokens.sandbox) =>
	axios.get(`${sim().url}${path}`, { headers: { token }, validateStatus: () => true });

describe('GET /api/group/list/:instance', () => {
	it('lists the groups the instance is in, with name, size and role, without member lists', async () => {
		const res = await get('/api/group/list/sandbox');
		expect(res.status).toBe(200);
		expect(res.data.message).toBe('4 groups found');
		expect(res.data.groups.map((g: Record<string, unknown>) => [g.jid, g.name, g.participantCount, g.isAdmin, g.isSuperAdmin])).toEqual([
			[groups.customers.jid, 'Customers', 5, true, true],
			[groups.waitlist.jid, 'Beta Waitlist', 4, true, false],
			[groups.announcements.jid, 'Announcements', 4, false, false],
			[groups.vip.jid, 'VIP Clients', 7, true, false],
		]);
		expect(res.data.groups.every((g: Record<string, unknown>) => !('participants' in g))).toBe(true);
	});

	it('only the groups of that instance; the usual token, instance and connection checks', async () => {
		const memberOnly = await get('/api/group/list/member-only', tokens.account);
		expect(memberOnly.data.groups.map((g: { jid: string }) => g.jid)).toEqual([
			groups.customers.jid,
			groups.waitlist.jid,
			groups.announcements.jid,
		]);
		expect((await get('/api/group/list/sandbox', 'nope-nope')).status).toBe(401);
		expect((await get('/api/group/list/member-only')).data.error.message).toBe(MESSAGES.instanceMismatch);
		const offline = await get('/api/group/list/offline', tokens.account);
		expect([offline.status, offline.data.error.message]).toEqual([503, MESSAGES.notConnected]);
	});

	it('follows the state: a group the instance is added to shows up with its new size', async () => {
		await axios.post(
			`${sim().url}/api/group/participants/sandbox`,
			{ action: 'add', identifier: groups.vip.jid, participants: ['5511944440077'] },
			{ headers: { token: tokens.sandbox } },
		);
		const res = await get('/api/group/list/sandbox');
		expect(res.data.groups.find((g: { jid: string }) => g.jid === groups.vip.jid).participantCount).toBe(8);
	});
});

describe('GET /api/group/info with participants: VIP Clients', () => {
	it('members carry a phone JID, a LID, both, or (number hidden) the LID as jid', async () => {
		const res = await get(`/api/group/info/sandbox?identifier=${groups.vip.inviteCode}&participants=true`);
		expect(res.data.group.participants).toEqual([
			{ jid: '5511944449999@s.whatsapp.net', lid: '199789077620099@lid', isAdmin: true, isSuperAdmin: true },
			{ jid: `${SANDBOX.numbers.sandbox}@s.whatsapp.net`, lid: null, isAdmin: true, isSuperAdmin: false },
			{ jid: '5511944440001@s.whatsapp.net', lid: '199789077620001@lid', isAdmin: false, isSuperAdmin: false },
			{ jid: '5511944440002@s.whatsapp.net', lid: null, isAdmin: false, isSuperAdmin: false },
			{ jid: '5511944440003@s.whatsapp.net', lid: '199789077620003@lid', isAdmin: false, isSuperAdmin: false },
			{ jid: '199789077620004@lid', lid: '199789077620004@lid', isAdmin: false, isSuperAdmin: false },
			{ jid: '5511944440005@s.whatsapp.net', lid: null, isAdmin: true, isSuperAdmin: false },
		]);
		expect(res.data.group.participantCount).toBe(7);
	});

	it('a member known only by its LID can be removed by that LID', async () => {
		const res = await axios.post(
			`${sim().url}/api/group/participants/sandbox`,
			{ action: 'remove', identifier: groups.vip.jid, participants: ['199789077620004@lid'] },
			{ headers: { token: tokens.sandbox } },
		);
		expect(res.data.participants).toEqual([expect.objectContaining({ jid: '199789077620004@lid', success: true })]);
		const info = await get(`/api/group/info/sandbox?identifier=${groups.vip.jid}`);
		expect(info.data.group.participants.map((m: { jid: string }) => m.jid)).not.toContain('199789077620004@lid');
	});
});
