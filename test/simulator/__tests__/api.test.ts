/**
 * Integration tests of the RyzeAPI simulator over real sockets.
 */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';

import { MESSAGES, OUTCOMES, SANDBOX, startSimulator, type RunningSimulator } from '..';

const { tokens, groups, instances, numbers } = SANDBOX;
const ALL_TOKENS = Object.values(tokens);
const jid = (digits: string): string => `${digits}@s.whatsapp.net`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let sim: RunningSimulator;
let client: AxiosInstance;

// Response bodies are inspected loosely; the assertions pin the real values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

function participants(
	action: string,
	identifier: unknown,
	list: unknown,
	options: { token?: string; instance?: string; headers?: Record<string, string> } = {},
): Promise<AxiosResponse<Body>> {
	const { token = tokens.sandbox, instance = instances.sandbox, headers = {} } = options;
	return client.post(
		`/api/group/participants/${instance}`,
		{ action, identifier, participants: list },
		{ headers: { token, ...headers } },
	);
}

/** `token: null` sends no token at all. */
const get = (path: string, token: string | null = tokens.sandbox, headers: Record<string, string> = {}) =>
	client.get<Body>(path, { headers: token ? { token, ...headers } : headers });

const memberJids = (groupJid: string): string[] =>
	sim.state.groups.find((group) => group.jid === groupJid)!.members.map((member) => member.jid);

function expectError(res: AxiosResponse, status: number, message: string): void {
	expect(res.status).toBe(status);
	expect(res.headers['content-type']).toMatch(/^application\/json/);
	expect(res.data).toEqual({ success: false, error: { message } });
}

beforeAll(async () => {
	sim = await startSimulator();
	client = axios.create({ baseURL: sim.url, validateStatus: () => true });
});

beforeEach(() => {
	sim.reset();
	sim.configure({ latencyMs: 0, approveLatencyMs: 0 });
});

afterAll(async () => {
	await sim.close();
});

describe('server', () => {
	test('listens on 127.0.0.1 with an ephemeral port', () => {
		expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
		expect(sim.port).toBeGreaterThan(0);
	});

	test('unknown /api route answers 404 Not found with rate headers', async () => {
		const res = await get('/api/nothing/here');
		expectError(res, 404, MESSAGES.notFound);
		expect(res.headers['x-ratelimit-limit']).toBe('100');
		const wrongMethod = await get(`/api/group/participants/${instances.sandbox}`);
		expectError(wrongMethod, 404, MESSAGES.notFound);
	});
});

describe('contract texts', () => {
	test('error and outcome texts are exactly the RyzeAPI ones', () => {
		expect(MESSAGES).toMatchObject({
			missingToken: 'Missing token in header',
			invalidToken: 'Invalid token',
			instanceMismatch: 'Instance token does not match the requested instance',
			instanceNotFound: 'Instance not found',
			notConnected: 'Instance is not connected to WhatsApp',
			groupNotFound: 'Group not found or you are not a member of this group',
			invalidAction: 'Invalid action. Must be one of: add, remove, promote, demote, approve, reject',
			participantsRequired: 'At least one participant is required',
			identifierRequired: 'Identifier is required',
			invalidBody: 'Invalid request body',
			mustBeAdmin: 'Not authorized to perform this action (must be admin)',
			mustBeSuperAdmin: 'Not authorized to perform this action (must be super admin)',
			noAdminApproval: 'Group does not require admin approval',
			requestsMustBeAdmin: 'Not authorized to view group requests (must be admin)',
			resetLinkMustBeAdmin: 'Not authorized to reset group invite link (must be admin)',
			notFound: 'Not found',
			rateLimited: 'Rate limit exceeded. Try again later.',
			whatsappRateLimited: 'WhatsApp rate-overlimit, try again later',
		});
		expect(OUTCOMES).toEqual({
			invalidParticipant: 'invalid participant',
			notOnWhatsApp: 'number is not registered on WhatsApp',
			privacyBlocked: 'privacy settings do not allow adding this participant (403)',
			alreadyMember: 'participant is already a member of the group (409)',
			notMember: 'participant is not a member of the group (404)',
			noPendingRequest: 'no pending join request for this participant (404)',
		});
	});
});

describe('auth', () => {
	test('missing token is 401', async () => {
		const res = await client.post('/api/group/participants/sandbox', { action: 'add' });
		expectError(res, 401, MESSAGES.missingToken);
	});

	test('unknown token is 401', async () => {
		expectError(await participants('add', groups.customers.jid, ['5511977771111'], { token: 'nope' }), 401, MESSAGES.invalidToken);
	});

	test('instance token for another instance is 403', async () => {
		const res = await participants('add', groups.customers.jid, ['5511977771111'], { instance: instances.memberOnly });
		expectError(res, 403, MESSAGES.instanceMismatch);
		expect(memberJids(groups.customers.jid)).not.toContain(jid('5511977771111'));
	});

	test('account token works for every owned instance; unknown instance is 404', async () => {
		const ok = await participants('add', groups.customers.jid, ['5511977771111'], { token: tokens.account });
		expect(ok.status).toBe(200);
		expect(ok.data.participants).toEqual([{ jid: jid('5511977771111'), success: true }]);
		const asMember = await participants('add', groups.customers.jid, ['5511977772222'], {
			token: tokens.account,
			instance: instances.memberOnly,
		});
		expectError(asMember, 403, MESSAGES.mustBeAdmin);
		const unknown = await participants('add', groups.customers.jid, ['5511977772222'], {
			token: tokens.account,
			instance: 'ghost',
		});
		expectError(unknown, 404, MESSAGES.instanceNotFound);
	});

	test('Authorization: Bearer is accepted', async () => {
		const res = await client.post(
			'/api/group/participants/sandbox',
			{ action: 'add', identifier: groups.customers.jid, participants: ['5511977771111'] },
			{ headers: { Authorization: `Bearer ${tokens.sandbox}` } },
		);
		expect(res.status).toBe(200);
		expect(sim.calls[0].tokenKind).toBe('instance');
	});

	test('disconnected instance answers 503 on group calls', async () => {
		const res = await participants('add', groups.customers.jid, ['5511977771111'], {
			token: tokens.offline,
			instance: instances.offline,
		});
		expectError(res, 503, MESSAGES.notConnected);
		expectError(await get(`/api/group/info/offline?identifier=${groups.customers.jid}`, tokens.account), 503, MESSAGES.notConnected);
	});
});

describe('validation and permissions', () => {
	test('the 400s', async () => {
		expectError(await participants('kick', groups.customers.jid, ['5511977771111']), 400, MESSAGES.invalidAction);
		expectError(await participants('add', groups.customers.jid, []), 400, MESSAGES.participantsRequired);
		expectError(await participants('add', groups.customers.jid, '5511977771111'), 400, MESSAGES.participantsRequired);
		expectError(await participants('add', groups.customers.jid, undefined), 400, MESSAGES.participantsRequired);
		expectError(await participants('add', '', ['5511977771111']), 400, MESSAGES.identifierRequired);
		expectError(await participants('add', undefined, ['5511977771111']), 400, MESSAGES.identifierRequired);
		const notJson = await client.post('/api/group/participants/sandbox', '{"action": add', {
			headers: { token: tokens.sandbox, 'content-type': 'application/json' },
			transformRequest: [(data: unknown) => data],
		});
		expectError(notJson, 400, MESSAGES.invalidBody);
	});

	test('member-only instance gets 403 must be admin', async () => {
		const res = await participants('add', groups.customers.jid, ['5511977771111'], {
			token: tokens.memberOnly,
			instance: instances.memberOnly,
		});
		expectError(res, 403, MESSAGES.mustBeAdmin);
		expectError(await participants('remove', groups.announcements.jid, [groups.announcements.members[0]]), 403, MESSAGES.mustBeAdmin);
	});

	test('promote/demote need super admin; approve needs an approval group', async () => {
		expectError(await participants('promote', groups.waitlist.jid, [groups.waitlist.members[0]]), 403, MESSAGES.mustBeSuperAdmin);
		expectError(await participants('demote', groups.waitlist.jid, [groups.waitlist.members[0]]), 403, MESSAGES.mustBeSuperAdmin);
		expectError(await participants('approve', groups.customers.jid, ['199789077627112@lid']), 400, MESSAGES.noAdminApproval);
		expectError(await participants('reject', groups.customers.jid, ['199789077627112@lid']), 400, MESSAGES.noAdminApproval);
	});

	test('unknown group is 404', async () => {
		for (const identifier of ['120363999999999999@g.us', 'NOPE0000', 'https://chat.whatsapp.com/NOPE0000', 'Customers']) {
			expectError(await participants('add', identifier, ['5511977771111']), 404, MESSAGES.groupNotFound);
		}
	});

	test('group may be given as JID, invite code or invite link', async () => {
		const code = groups.customers.inviteCode;
		const forms = [
			groups.customers.jid,
			code,
			`https://chat.whatsapp.com/${code}`,
			`http://chat.whatsapp.com/${code}`,
			`https://chat.whatsapp.com/${code}/`,
			`https://chat.whatsapp.com/${code}?utm=x`,
		];
		for (const [index, identifier] of forms.entries()) {
			const res = await participants('add', identifier, [`55119777700${10 + index}`]);
			expect(res.status).toBe(200);
			expect(res.data.groupJid).toBe(groups.customers.jid);
			expect(res.data.participants[0].success).toBe(true);
		}
	});
});

describe('participant actions', () => {
	test('add: every outcome, in request order, with counts', async () => {
		const before = Math.floor(Date.now() / 1000);
		const res = await participants('add', groups.customers.jid, [
			'5511977771111',
			'5511977770000',
			'5511977770403',
			groups.customers.members[0],
			'5511977772222@c.us',
			'5511977773333@s.whatsapp.net',
			'199700000000001@lid',
			'+55 11 9',
			42,
		]);
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({
			success: true,
			message: 'Participants updated: 4 succeeded, 5 failed',
			groupJid: groups.customers.jid,
			action: 'add',
		});
		const entries = res.data.participants;
		expect(entries).toHaveLength(9);
		expect(entries[0]).toEqual({ jid: jid('5511977771111'), success: true });
		expect(entries[1]).toEqual({ jid: jid('5511977770000'), success: false, error: OUTCOMES.notOnWhatsApp });
		expect(entries[2]).toMatchObject({ jid: jid('5511977770403'), success: false, error: OUTCOMES.privacyBlocked });
		expect(entries[2].addRequest.code).toMatch(/^[A-Za-z0-9]{8}$/);
		expect(entries[2].addRequest.expiration - before).toBeGreaterThanOrEqual(3 * 86400);
		expect(entries[2].addRequest.expiration - before).toBeLessThanOrEqual(3 * 86400 + 5);
		expect(entries[3]).toEqual({ jid: jid(groups.customers.members[0]), success: false, error: OUTCOMES.alreadyMember });
		expect(entries[4]).toEqual({ jid: jid('5511977772222'), success: true });
		expect(entries[5]).toEqual({ jid: jid('5511977773333'), success: true });
		expect(entries[6]).toEqual({ jid: '199700000000001@lid', success: true });
		expect(entries[7]).toEqual({ jid: '+55 11 9', success: false, error: OUTCOMES.invalidParticipant });
		expect(entries[8]).toEqual({ jid: '42', success: false, error: OUTCOMES.invalidParticipant });
		const members = memberJids(groups.customers.jid);
		expect(members).toEqual(expect.arrayContaining([jid('5511977771111'), jid('5511977772222'), '199700000000001@lid']));
		expect(members).not.toContain(jid('5511977770000'));
		expect(members).not.toContain(jid('5511977770403'));
	});

	test('adding twice in one request: second is 409', async () => {
		const res = await participants('add', groups.customers.jid, ['5511977771111', '5511977771111@c.us']);
		expect(res.data.participants.map((entry: Body) => entry.error ?? 'ok')).toEqual(['ok', OUTCOMES.alreadyMember]);
	});

	test('remove, promote, demote mutate state; reset restores the seed', async () => {
		const [first, admin] = [groups.customers.members[0], groups.customers.admins[0]];
		const promote = await participants('promote', groups.customers.jid, [first, '5511977779999']);
		expect(promote.data.message).toBe('Participants updated: 1 succeeded, 1 failed');
		expect(promote.data.participants[1]).toEqual({ jid: jid('5511977779999'), success: false, error: OUTCOMES.notMember });
		const demote = await participants('demote', groups.customers.jid, [`${admin}@c.us`]);
		expect(demote.data.participants).toEqual([{ jid: jid(admin), success: true }]);
		const group = () => sim.state.groups.find((g) => g.jid === groups.customers.jid)!;
		expect(group().members.find((m) => m.jid === jid(first))!.isAdmin).toBe(true);
		expect(group().members.find((m) => m.jid === jid(admin))!.isAdmin).toBe(false);

		const remove = await participants('remove', groups.customers.jid, [first, first]);
		expect(remove.data.participants).toEqual([
			{ jid: jid(first), success: true },
			{ jid: jid(first), success: false, error: OUTCOMES.notMember },
		]);
		expect(memberJids(groups.customers.jid)).not.toContain(jid(first));
		const onAdminGroup = await participants('remove', groups.waitlist.jid, [groups.waitlist.members[0]]);
		expect(onAdminGroup.data.participants[0].success).toBe(true);

		sim.reset();
		expect(memberJids(groups.customers.jid)).toContain(jid(first));
		expect(memberJids(groups.waitlist.jid)).toContain(jid(groups.waitlist.members[0]));
		expect(group().members.find((m) => m.jid === jid(admin))!.isAdmin).toBe(true);
		expect(sim.calls).toHaveLength(0);
		expect(sim.state.stats.requests).toBe(0);
	});

	test('approve by LID and by phone (resolved to the LID); no pending is 404', async () => {
		const [byLid, byPhone, noPhone] = groups.waitlist.pending;
		const res = await participants('approve', groups.waitlist.inviteCode, [byLid.lid, byPhone.phone, '5511977771111', noPhone.lid]);
		expect(res.data.message).toBe('Participants updated: 3 succeeded, 1 failed');
		expect(res.data.participants).toEqual([
			{ jid: byLid.lid, success: true },
			{ jid: byPhone.lid, phoneNumber: jid(byPhone.phone!), success: true },
			{ jid: jid('5511977771111'), success: false, error: OUTCOMES.noPendingRequest },
			{ jid: noPhone.lid, success: true },
		]);
		const members = memberJids(groups.waitlist.jid);
		expect(members).toEqual(expect.arrayContaining([jid(byLid.phone), jid(byPhone.phone), noPhone.lid]));
		expect(sim.state.groups.find((g) => g.jid === groups.waitlist.jid)!.pending).toHaveLength(0);
		const again = await participants('approve', groups.waitlist.jid, [byLid.lid]);
		expect(again.data.participants[0].error).toBe(OUTCOMES.noPendingRequest);
		const removeByLid = await participants('remove', groups.waitlist.jid, [byLid.lid]);
		expect(removeByLid.data.participants[0].success).toBe(true);
	});

	test('reject drops the request without adding a member', async () => {
		const [request] = groups.waitlist.pending;
		const res = await participants('reject', groups.waitlist.jid, [`${request.phone}@c.us`]);
		expect(res.data.participants).toEqual([{ jid: request.lid, phoneNumber: jid(request.phone!), success: true }]);
		expect(memberJids(groups.waitlist.jid)).not.toContain(jid(request.phone));
		const requests = await get(`/api/group/requests/sandbox?identifier=${groups.waitlist.jid}`);
		expect(requests.data.meta.total).toBe(2);
	});

	test('approveLatencyMs and latencyMs delay answers', async () => {
		sim.configure({ approveLatencyMs: 250 });
		let started = Date.now();
		await participants('approve', groups.waitlist.jid, [groups.waitlist.pending[0].lid]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(240);
		started = Date.now();
		await participants('add', groups.customers.jid, ['5511977771111']);
		expect(Date.now() - started).toBeLessThan(200);
		sim.configure({ approveLatencyMs: 0, latencyMs: 150 });
		started = Date.now();
		await get('/api/instance/list');
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});
});

describe('rate limit', () => {
	let limited: RunningSimulator;
	let rl: AxiosInstance;

	beforeAll(async () => {
		limited = await startSimulator({ rateLimit: { limit: 3, windowMs: 1000 } });
		rl = axios.create({ baseURL: limited.url, validateStatus: () => true });
	});

	afterAll(() => limited.close());

	const add = (number: string, token: string | null = tokens.sandbox) =>
		rl.post(
			'/api/group/participants/sandbox',
			{ action: 'add', identifier: groups.customers.jid, participants: [number] },
			{ headers: token ? { token } : {} },
		);

	async function startOfWindow(): Promise<number> {
		await sleep(1000 - (Date.now() % 1000) + 20);
		return Date.now();
	}

	test('4th call in a window is 429 and not processed; the next window works', async () => {
		const start = await startOfWindow();
		const answers = [];
		for (const n of ['5511977770011', '5511977770012', '5511977770013', '5511977770014']) answers.push(await add(n));
		expect(Date.now() - start).toBeLessThan(900);
		expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
		expect(answers.map((r) => r.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
		const expectedReset = String(Math.ceil((Math.floor(start / 1000) * 1000 + 1000) / 1000));
		for (const r of answers) {
			expect(r.headers['x-ratelimit-limit']).toBe('3');
			expect(r.headers['x-ratelimit-reset']).toBe(expectedReset);
		}
		expectError(answers[3], 429, MESSAGES.rateLimited);
		const members = limited.state.groups.find((g) => g.jid === groups.customers.jid)!.members.map((m) => m.jid);
		expect(members).toContain(jid('5511977770013'));
		expect(members).not.toContain(jid('5511977770014'));
		expect(limited.state.stats).toMatchObject({ requests: 4, processed: 3, rateLimited: 1 });

		// Other tokens and anonymous callers have their own buckets; 401s carry the headers too.
		const anonymous = await add('5511977770015', null);
		expectError(anonymous, 401, MESSAGES.missingToken);
		expect(anonymous.headers['x-ratelimit-remaining']).toBe('2');
		const account = await rl.get('/api/instance/list', { headers: { token: tokens.account } });
		expect(account.headers['x-ratelimit-remaining']).toBe('2');

		await startOfWindow();
		const fresh = await add('5511977770014');
		expect(fresh.status).toBe(200);
		expect(fresh.headers['x-ratelimit-remaining']).toBe('2');
		expect(fresh.data.participants[0].success).toBe(true);
	});
});

describe('faults', () => {
	const addOne = (number = '5511977771111', headers: Record<string, string> = {}) =>
		participants('add', groups.customers.jid, [number], { headers });
	const isMember = (number: string) => memberJids(groups.customers.jid).includes(jid(number));

	test('status fault replaces the answer and is not processed', async () => {
		sim.scriptFaults([{ kind: 'status', status: 500 }, { kind: 'status', status: 429, message: 'slow down' }]);
		const first = await addOne('5511977771111');
		expectError(first, 500, 'Internal server error');
		const second = await addOne('5511977772222');
		expectError(second, 429, 'slow down');
		expect(second.headers['x-ratelimit-remaining']).toBe('0');
		expect(isMember('5511977771111')).toBe(false);
		expect(isMember('5511977772222')).toBe(false);
		expect(sim.state.stats).toMatchObject({ requests: 2, processed: 0, faulted: 2 });
		expect(sim.calls.map((c) => [c.status, c.fault])).toEqual([
			[500, 'status'],
			[429, 'status'],
		]);
		expect((await addOne('5511977773333')).status).toBe(200);
	});

	test('whatsapp429 keeps normal rate headers', async () => {
		sim.scriptFaults([{ kind: 'whatsapp429' }]);
		const res = await addOne();
		expectError(res, 429, MESSAGES.whatsappRateLimited);
		expect(Number(res.headers['x-ratelimit-remaining'])).toBeGreaterThan(0);
		expect(isMember('5511977771111')).toBe(false);
	});

	test('html, empty, garbage and json faults', async () => {
		sim.scriptFaults([
			{ kind: 'html' },
			{ kind: 'empty' },
			{ kind: 'empty', status: 204 },
			{ kind: 'garbage' },
			{ kind: 'json', status: 202, body: { queued: true } },
		]);
		const html = await addOne();
		expect(html.status).toBe(502);
		expect(html.headers['content-type']).toMatch(/^text\/html/);
		expect(html.data).toContain('<html>');
		const empty = await addOne();
		expect(empty.status).toBe(200);
		expect(empty.data).toBe('');
		expect((await addOne()).status).toBe(204);
		const garbage = await addOne();
		expect(garbage.status).toBe(200);
		expect(garbage.data).toEqual({ ok: 1, result: 'weird' });
		const json = await addOne();
		expect(json.status).toBe(202);
		expect(json.data).toEqual({ queued: true });
		expect(isMember('5511977771111')).toBe(false);
	});

	test('truncated is processed but cut in half', async () => {
		sim.scriptFaults([{ kind: 'truncated' }]);
		const res = await client.post(
			'/api/group/participants/sandbox',
			{ action: 'add', identifier: groups.customers.jid, participants: ['5511977771111'] },
			{ headers: { token: tokens.sandbox }, responseType: 'text', transitional: { silentJSONParsing: true } },
		);
		expect(res.status).toBe(200);
		const full = JSON.stringify({
			success: true,
			message: 'Participants updated: 1 succeeded, 0 failed',
			groupJid: groups.customers.jid,
			action: 'add',
			participants: [{ jid: jid('5511977771111'), success: true }],
		});
		expect(res.data).toBe(full.slice(0, Math.floor(full.length / 2)));
		expect(() => JSON.parse(res.data as unknown as string)).toThrow();
		expect(isMember('5511977771111')).toBe(true);
	});

	test('delay waits, then answers normally', async () => {
		sim.scriptFaults([{ kind: 'delay', ms: 200 }]);
		const started = Date.now();
		const res = await addOne();
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
		expect(res.status).toBe(200);
		expect(res.data.participants[0].success).toBe(true);
	});

	test('drop destroys the socket; processed:true applies the change first', async () => {
		sim.scriptFaults([{ kind: 'drop' }, { kind: 'drop', processed: true }]);
		await expect(addOne('5511977771111')).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(isMember('5511977771111')).toBe(false);
		await expect(addOne('5511977772222')).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect(isMember('5511977772222')).toBe(true);
		expect(sim.calls.map((c) => c.status)).toEqual([0, 0]);
		expect((await addOne('5511977773333')).status).toBe(200);
	});

	test('mutate: reorder, missing, extra, duplicate', async () => {
		const sent = ['5511977771111', '5511977772222', '5511977770000'];
		const ask = () => participants('add', groups.customers.jid, sent);
		sim.scriptFaults([{ kind: 'mutate', ops: ['reorder'] }]);
		const reorder = (await ask()).data.participants.map((e: Body) => e.jid);
		expect(reorder).toEqual([jid('5511977770000'), jid('5511977772222'), jid('5511977771111')]);
		sim.reset();
		sim.scriptFaults([{ kind: 'mutate', ops: ['missing'] }]);
		const missing = (await ask()).data.participants;
		expect(missing.map((e: Body) => e.jid)).toEqual([jid('5511977771111'), jid('5511977772222')]);
		expect(isMember('5511977772222')).toBe(true);
		sim.reset();
		sim.scriptFaults([{ kind: 'mutate', ops: ['extra'] }]);
		const extra = (await ask()).data.participants;
		expect(extra).toHaveLength(4);
		expect(sent.map(jid)).not.toContain(extra[3].jid);
		expect(extra[3]).toMatchObject({ success: true });
		sim.reset();
		sim.scriptFaults([{ kind: 'mutate', ops: ['duplicate'] }]);
		const dup = (await ask()).data;
		expect(dup.participants.map((e: Body) => e.jid)).toEqual([jid(sent[0]), jid(sent[0]), jid(sent[1]), jid(sent[2])]);
		expect(dup.message).toBe('Participants updated: 2 succeeded, 1 failed');
	});

	test('mutate keyStyle renames the identifier key', async () => {
		const sent = ['5511977771111', '199700000000001@lid'];
		const styles: Array<[string, unknown[]]> = [
			['phone', ['5511977771111', '199700000000001@lid']],
			['number', ['5511977771111', '199700000000001@lid']],
			['phoneNumber', ['5511977771111', '199700000000001@lid']],
			['participant', [jid('5511977771111'), '199700000000001@lid']],
			['lid', [jid('5511977771111'), '199700000000001@lid']],
			['id', [jid('5511977771111'), '199700000000001@lid']],
		];
		for (const [keyStyle, values] of styles) {
			sim.reset();
			sim.scriptFaults([{ kind: 'mutate', ops: [], keyStyle: keyStyle as 'phone' }]);
			const entries = (await participants('add', groups.customers.jid, sent)).data.participants;
			expect(entries.map((e: Body) => e[keyStyle])).toEqual(values);
			expect(entries.every((e: Body) => !('jid' in e))).toBe(true);
		}
		sim.reset();
		sim.scriptFaults([{ kind: 'mutate', ops: ['reorder'], keyStyle: 'none' }]);
		const none = (await participants('add', groups.customers.jid, sent)).data.participants;
		expect(none).toEqual([{ success: true }, { success: true }]);
	});

	test('match makes a queued fault wait for a matching request', async () => {
		sim.scriptFaults([
			{ kind: 'status', status: 503, match: { pathPrefix: '/api/group/info' } },
			{ kind: 'garbage', match: { method: 'get', pathPrefix: '/api/instance' } },
		]);
		const add = await addOne();
		expect(add.status).toBe(200);
		const list = await get('/api/instance/list');
		expect(list.data).toEqual({ ok: 1, result: 'weird' });
		const info = await get(`/api/group/info/sandbox?identifier=${groups.customers.jid}`);
		expectError(info, 503, 'Service unavailable');
		expect((await get(`/api/group/info/sandbox?identifier=${groups.customers.jid}`)).status).toBe(200);
	});

	test('x-sim-fault header applies to that request only', async () => {
		const res = await addOne('5511977771111', { 'x-sim-fault': JSON.stringify({ kind: 'status', status: 502 }) });
		expectError(res, 502, 'Bad gateway');
		const bad = await addOne('5511977771111', { 'x-sim-fault': '{nope' });
		expectError(bad, 400, MESSAGES.invalidFaultHeader);
		expect(isMember('5511977771111')).toBe(false);
		expect((await addOne('5511977771111')).status).toBe(200);
	});

	test('answer builds a 200 from the request itself, in every outcome, without touching the state', async () => {
		const sent = ['5511977771111', '+5511977772222', '5511977773333@c.us', '199700000000001@lid'];
		const ask = () => participants('add', groups.customers.jid, sent);
		sim.scriptFaults([
			{ kind: 'answer', outcome: 'success' },
			{ kind: 'answer', outcome: 'failure' },
			{ kind: 'answer', outcome: 'partial', error: 'not-authorized' },
		]);
		const all = (await ask()).data;
		expect(all).toEqual({
			success: true,
			message: 'Participants updated: 4 succeeded, 0 failed',
			groupJid: groups.customers.jid,
			action: 'add',
			participants: [
				{ jid: jid('5511977771111'), success: true },
				{ jid: jid('5511977772222'), success: true },
				{ jid: jid('5511977773333'), success: true },
				{ jid: '199700000000001@lid', success: true },
			],
		});
		const none = (await ask()).data;
		expect(none.message).toBe('Participants updated: 0 succeeded, 4 failed');
		expect(none.participants.map((e: Body) => [e.success, e.error])).toEqual(sent.map(() => [false, OUTCOMES.notOnWhatsApp]));
		const partial = (await ask()).data;
		expect(partial.participants.map((e: Body) => [e.success, e.error])).toEqual([
			[true, undefined],
			[false, 'not-authorized'],
			[true, undefined],
			[false, 'not-authorized'],
		]);
		expect(isMember('5511977771111')).toBe(false);
		expect(sim.state.stats).toMatchObject({ requests: 3, processed: 0, faulted: 3 });
		expect(sim.calls.map((c) => c.fault)).toEqual(['answer', 'answer', 'answer']);
	});

	test('answer: the failure text follows the action, and ops and keyStyle apply', async () => {
		sim.scriptFaults([
			{ kind: 'answer', outcome: 'failure' },
			{ kind: 'answer', outcome: 'failure' },
			{ kind: 'answer', outcome: 'partial', ops: ['reorder', 'duplicate'], keyStyle: 'phone' },
		]);
		const remove = (await participants('remove', groups.customers.jid, ['5511977771111'])).data;
		expect(remove.participants[0].error).toBe(OUTCOMES.notMember);
		const approve = (await participants('approve', groups.waitlist.jid, ['5511977771111'])).data;
		expect(approve.participants[0].error).toBe(OUTCOMES.noPendingRequest);
		const mutated = (await participants('add', groups.customers.jid, ['5511977771111', '5511977772222'])).data;
		expect(mutated.participants).toEqual([
			{ phone: '5511977772222', success: false, error: OUTCOMES.notOnWhatsApp },
			{ phone: '5511977772222', success: false, error: OUTCOMES.notOnWhatsApp },
			{ phone: '5511977771111', success: true },
		]);
	});

	test('answer and times also work through the header and the admin route', async () => {
		const header = { 'x-sim-fault': JSON.stringify({ kind: 'answer', outcome: 'failure', error: 'boom', times: 5 }) };
		const viaHeader = (await addOne('5511977771111', header)).data;
		expect(viaHeader.participants).toEqual([{ jid: jid('5511977771111'), success: false, error: 'boom' }]);
		// times is ignored in the header: the next request is normal.
		expect((await addOne('5511977771111')).data.participants[0].success).toBe(true);

		const queued = await client.post('/__sim/faults', { faults: [{ kind: 'status', status: 503, times: 3 }, { kind: 'garbage' }] });
		expect(queued.data.queued).toBe(2);
		expect((await client.get('/__sim/faults')).data.faults).toEqual([
			{ kind: 'status', status: 503, times: 3 },
			{ kind: 'garbage', times: 1 },
		]);
		expect([(await addOne()).status, (await addOne()).status]).toEqual([503, 503]);
		expect((await client.get('/__sim/faults')).data.faults[0]).toEqual({ kind: 'status', status: 503, times: 1 });
		expect((await addOne()).status).toBe(503);
		expect((await addOne()).data).toEqual({ ok: 1, result: 'weird' });
		expect((await addOne('5511977772222')).status).toBe(200);
	});

	test('times keeps a matching fault waiting for N matching requests', async () => {
		sim.scriptFaults([{ kind: 'drop', times: 2, match: { pathPrefix: '/api/group/participants' } }]);
		expect((await get('/api/instance/list')).status).toBe(200);
		await expect(addOne('5511977771111')).rejects.toMatchObject({ code: 'ECONNRESET' });
		await expect(addOne('5511977772222')).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect((await addOne('5511977773333')).status).toBe(200);
	});

	test.each([
		[{ kind: 'answer' }, 'answer fault needs an outcome'],
		[{ kind: 'answer', outcome: 'most' }, 'answer fault needs an outcome'],
		[{ kind: 'answer', outcome: 'success', ops: ['shuffle'] }, 'answer ops must be a list of'],
		[{ kind: 'answer', outcome: 'success', keyStyle: 'uuid' }, 'keyStyle must be one of'],
		[{ kind: 'answer', outcome: 'success', error: 42 }, 'answer error must be a string'],
		[{ kind: 'garbage', times: 0 }, 'times must be a whole number'],
		[{ kind: 'garbage', times: 1.5 }, 'times must be a whole number'],
	])('refuses the invalid fault %p', async (fault, message) => {
		const res = await client.post('/__sim/faults', { faults: [fault] });
		expect(res.status).toBe(400);
		expect(res.data.error.message).toContain(message);
	});

	test('POST /__sim/faults queues faults in order and validates them', async () => {
		const queued = await client.post('/__sim/faults', { faults: [{ kind: 'status', status: 500 }, { kind: 'garbage' }] });
		expect(queued.status).toBe(200);
		expect(queued.data.queued).toBe(2);
		expect((await addOne()).status).toBe(500);
		expect((await addOne()).data).toEqual({ ok: 1, result: 'weird' });
		expect((await addOne()).status).toBe(200);
		const invalid = await client.post('/__sim/faults', { faults: [{ kind: 'explode' }] });
		expect(invalid.status).toBe(400);
		expect(invalid.data.error.message).toContain('unknown fault kind');
		expect((await client.post('/__sim/faults', { faults: [{ kind: 'mutate', ops: ['shuffle'] }] })).status).toBe(400);
	});
});

describe('other endpoints', () => {
	test('instance list', async () => {
		const own = await get(`/api/instance/list?instanceName=${instances.memberOnly}`);
		expect(own.status).toBe(200);
		expect(own.data).toEqual({
			success: true,
			message: '1 Instance found',
			instances: [
				{
					name: instances.sandbox,
					connection: { state: 'connected', numberJid: jid(numbers.sandbox) },
					profile: { name: 'Sandbox' },
				},
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
		expect(one.data.message).toBe('1 Instance found');
		expect(one.data.instances[0].name).toBe(instances.offline);
		expectError(await get('/api/instance/list?instanceName=ghost', tokens.account), 404, MESSAGES.instanceNotFound);
		expectError(await get('/api/instance/list', null), 401, MESSAGES.missingToken);
		expectError(await get('/api/instance/list', 'bogus'), 401, MESSAGES.invalidToken);
		const before = JSON.stringify(sim.state.groups);
		await get('/api/instance/list', tokens.account);
		expect(JSON.stringify(sim.state.groups)).toBe(before);
	});

	test('group requests', async () => {
		const res = await get(`/api/group/requests/sandbox?identifier=https://chat.whatsapp.com/${groups.waitlist.inviteCode}`);
		expect(res.status).toBe(200);
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
		const customers = await get(`/api/group/requests/sandbox?identifier=${groups.customers.jid}`);
		expect(customers.data.message).toBe('0 pending requests found');
		expectError(
			await get(`/api/group/requests/member-only?identifier=${groups.waitlist.jid}`, tokens.memberOnly),
			403,
			MESSAGES.requestsMustBeAdmin,
		);
		expectError(await get('/api/group/requests/sandbox'), 400, MESSAGES.identifierRequired);
		expectError(await get('/api/group/requests/sandbox?identifier=NOPE'), 404, MESSAGES.groupNotFound);
	});

	test('reset link issues a new code; the old one stops resolving', async () => {
		const res = await client.post(
			'/api/group/resetLink/sandbox',
			{ identifier: groups.waitlist.inviteCode },
			{ headers: { token: tokens.sandbox } },
		);
		expect(res.status).toBe(200);
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
		const member = await client.post(
			'/api/group/resetLink/sandbox',
			{ identifier: groups.announcements.jid },
			{ headers: { token: tokens.sandbox } },
		);
		expectError(member, 403, MESSAGES.resetLinkMustBeAdmin);
		const missing = await client.post('/api/group/resetLink/sandbox', {}, { headers: { token: tokens.sandbox } });
		expectError(missing, 400, MESSAGES.identifierRequired);
		sim.reset();
		expect((await get(`/api/group/info/sandbox?identifier=${groups.waitlist.inviteCode}`)).status).toBe(200);
	});

	test('group info with and without participants; invite hidden from members', async () => {
		const res = await get(`/api/group/info/sandbox?identifier=${groups.customers.jid}`);
		expect(res.status).toBe(200);
		expect(res.data.message).toBe('Group found');
		const group = res.data.group;
		expect(group).toMatchObject({
			jid: groups.customers.jid,
			name: groups.customers.name,
			inviteCode: groups.customers.inviteCode,
			inviteLink: `https://chat.whatsapp.com/${groups.customers.inviteCode}`,
			createdBy: jid(numbers.sandbox),
			participantCount: 5,
			groupSettings: { requireAdminApproval: false },
		});
		expect(typeof group.description).toBe('string');
		expect(Object.keys(group.groupSettings).sort()).toEqual(
			['membersCanAddOthers', 'membersCanEditInfo', 'membersCanSendMessages', 'requireAdminApproval'],
		);
		expect(group.participants).toContainEqual({ jid: jid(numbers.sandbox), lid: null, isAdmin: true, isSuperAdmin: true });
		expect(group.participants).toContainEqual({
			jid: jid(groups.customers.admins[0]),
			lid: null,
			isAdmin: true,
			isSuperAdmin: false,
		});
		const lean = await get(`/api/group/info/sandbox?identifier=${groups.customers.jid}&participants=false`);
		expect(lean.data.group.participants).toBeUndefined();
		expect(lean.data.group.participantCount).toBe(5);
		const asMember = await get(`/api/group/info/member-only?identifier=${groups.customers.jid}`, tokens.memberOnly);
		expect(asMember.data.group).toMatchObject({ inviteCode: null, inviteLink: null });
		expect(asMember.data.group.participants).toHaveLength(5);
		await participants('add', groups.customers.jid, ['5511977771111']);
		expect((await get(`/api/group/info/sandbox?identifier=${groups.customers.jid}`)).data.group.participantCount).toBe(6);
	});
});

describe('admin routes and secrecy', () => {
	test('calls, state, config and reset over HTTP', async () => {
		await participants('add', groups.customers.jid, ['5511977771111']);
		await get(`/api/group/info/sandbox?identifier=${groups.customers.jid}&participants=false`, tokens.account);
		const calls = (await client.get('/__sim/calls')).data.calls;
		expect(calls).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: '/api/group/participants/sandbox',
				query: {},
				body: { action: 'add', identifier: groups.customers.jid, participants: ['5511977771111'] },
				status: 200,
				tokenKind: 'instance',
			}),
			expect.objectContaining({
				method: 'GET',
				path: '/api/group/info/sandbox',
				query: { identifier: groups.customers.jid, participants: 'false' },
				status: 200,
				tokenKind: 'account',
			}),
		]);
		expect(typeof calls[0].at).toBe('string');
		expect((await client.delete('/__sim/calls')).status).toBe(200);
		expect(sim.calls).toHaveLength(0);

		const state = (await client.get('/__sim/state')).data;
		expect(state.stats).toMatchObject({ requests: 2, processed: 2, rateLimited: 0 });
		expect(state.groups.find((g: Body) => g.jid === groups.customers.jid).members.map((m: Body) => m.jid)).toContain(
			jid('5511977771111'),
		);

		const config = await client.post('/__sim/config', { latencyMs: 5, rateLimit: { limit: 50, windowMs: 60000 } });
		expect(config.data.config).toEqual({ rateLimit: { limit: 50, windowMs: 60000 }, latencyMs: 5, approveLatencyMs: 0 });
		expect((await get('/api/instance/list')).headers['x-ratelimit-limit']).toBe('50');
		expect((await client.post('/__sim/config', { latencyMs: -1 })).status).toBe(400);
		sim.configure({ rateLimit: { limit: 100, windowMs: 60000 }, latencyMs: 0 });

		expect((await client.post('/__sim/reset')).status).toBe(200);
		expect(memberJids(groups.customers.jid)).not.toContain(jid('5511977771111'));
		expect(sim.state.stats.requests).toBe(0);
	});

	test('no response or call log ever contains a token', async () => {
		const seen: string[] = [];
		const keep = (res: AxiosResponse) => seen.push(JSON.stringify(res.headers) + JSON.stringify(res.data));
		const secret = 'my-secret-token-value';
		keep(await get('/api/instance/list', secret));
		keep(await get('/api/instance/list', tokens.account));
		keep(await get('/api/instance/list', null));
		keep(await participants('add', groups.customers.jid, ['5511977771111'], { token: secret }));
		keep(await participants('add', groups.customers.jid, ['5511977771111'], { instance: instances.memberOnly }));
		keep(await participants('add', groups.customers.jid, ['5511977771111']));
		keep(await get(`/api/group/info/sandbox?identifier=${groups.customers.jid}`, tokens.account));
		keep(await client.get('/__sim/calls'));
		keep(await client.get('/__sim/state'));
		const everything = seen.join('\n') + JSON.stringify(sim.calls);
		for (const token of [...ALL_TOKENS, secret]) expect(everything).not.toContain(token);
		expect(sim.calls.map((c) => c.tokenKind)).toEqual(['invalid', 'account', 'missing', 'invalid', 'instance', 'instance', 'account']);
	});
});
