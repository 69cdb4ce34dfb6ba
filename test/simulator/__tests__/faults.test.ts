/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The simulator's faults over real sockets: each kind's answer, whether it touches the
 * state, and the ways to script them (queue, match, times, header, control route).
 */
import { request } from 'node:http';

import { MESSAGES, OUTCOMES, type Fault, type KeyStyle, type MutateOp } from '..';
import { MAX_HUGE_BYTES } from '../faults';
import { expectError, groups, jid, tokens, useSim, type Body } from './client';

const { sim, http, participants, get, memberJids } = useSim();

const addOne = (number = '5511977771111', headers: Record<string, string> = {}) =>
	participants('add', groups.customers.jid, [number], { headers });
const isMember = (number: string) => memberJids(groups.customers.jid).includes(jid(number));
const faultHeader = (fault: unknown) => ({ 'x-sim-fault': JSON.stringify(fault) });

/** The normal answer to adding one new participant to Customers. */
const addAnswer = (number: string) => ({
	success: true,
	message: 'Participants updated: 1 succeeded, 0 failed',
	groupJid: groups.customers.jid,
	action: 'add',
	participants: [{ jid: jid(number), success: true }],
});

/** One raw POST: the status, the headers and the body as the chunks it arrived in. */
function rawAdd(number: string, fault: unknown): Promise<{ status: number; headers: Record<string, unknown>; chunks: Buffer[] }> {
	const body = JSON.stringify({ action: 'add', identifier: groups.customers.jid, participants: [number] });
	return new Promise((resolve, reject) => {
		const req = request(`${sim().url}/api/group/participants/sandbox`, {
			method: 'POST',
			headers: { token: tokens.sandbox, 'content-type': 'application/json', ...faultHeader(fault) },
		});
		req.on('response', (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, chunks }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

describe('fault kinds', () => {
	const phone = '5511977771111';
	const full = JSON.stringify(addAnswer(phone));
	const error = (message: string) => JSON.stringify({ success: false, error: { message } });
	const location = 'http://127.0.0.2:9/steal?x=1';
	const answers: Array<[Fault, number, string | RegExp, boolean, Record<string, string>?]> = [
		[{ kind: 'status', status: 500 }, 500, error('Internal server error'), false],
		[{ kind: 'status', status: 429, message: 'slow down' }, 429, error('slow down'), false, { 'x-ratelimit-remaining': '0' }],
		[
			{ kind: 'status', status: 503, processed: true, headers: { 'Retry-After': '3' } },
			503,
			error('Service unavailable'),
			true,
			{ 'retry-after': '3' },
		],
		[{ kind: 'whatsapp429' }, 429, error(MESSAGES.whatsappRateLimited), false, { 'x-ratelimit-remaining': '99' }],
		[{ kind: 'html' }, 502, /^<html>[^]*502 Bad Gateway[^]*<\/html>\r\n$/, false, { 'content-type': 'text/html; charset=utf-8' }],
		[{ kind: 'empty' }, 200, '', false],
		[{ kind: 'empty', status: 204, processed: true }, 204, '', true],
		[{ kind: 'garbage' }, 200, '{"ok":1,"result":"weird"}', false],
		[{ kind: 'json', status: 202, body: { queued: true } }, 202, '{"queued":true}', false],
		[{ kind: 'truncated' }, 200, full.slice(0, Math.floor(full.length / 2)), true],
		[{ kind: 'redirect', location }, 307, '', false, { location }],
		[{ kind: 'redirect', status: 302, location }, 302, '', false, { location }],
	];
	test.each(answers)('%j answers %i', async (fault, status, body, processed, headers = {}) => {
		const res = await rawAdd(phone, fault);
		const text = Buffer.concat(res.chunks).toString();
		expect(res.status).toBe(status);
		if (typeof body === 'string') expect(text).toBe(body);
		else expect(text).toMatch(body);
		expect(res.headers).toMatchObject(headers);
		expect(isMember(phone)).toBe(processed);
		expect(sim().calls.map((call) => [call.status, call.fault])).toEqual([[status, fault.kind]]);
		expect(sim().state.stats).toMatchObject({ requests: 1, faulted: 1, processed: processed ? 1 : 0 });
	});

	test('delay: processed, answered normally, after a request sent later without one', async () => {
		const order: string[] = [];
		const delayed = addOne('5511977771111', faultHeader({ kind: 'delay', ms: 1000 })).then((res) => {
			order.push('delayed');
			return res;
		});
		await addOne('5511977772222').then(() => order.push('plain'));
		const res = await delayed;
		expect(order).toEqual(['plain', 'delayed']);
		expect(res.data).toEqual(addAnswer('5511977771111'));
	});

	test('drop destroys the socket; processed:true makes the change first', async () => {
		sim().scriptFaults([{ kind: 'drop' }, { kind: 'drop', processed: true }]);
		await expect(addOne('5511977771111')).rejects.toMatchObject({ code: 'ECONNRESET' });
		await expect(addOne('5511977772222')).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect([isMember('5511977771111'), isMember('5511977772222')]).toEqual([false, true]);
		expect(sim().calls.map((c) => c.status)).toEqual([0, 0]);
	});

	test('drip: processed; the headers (full Content-Length) at once, then the normal body one byte at a time', async () => {
		const { status, headers, chunks } = await rawAdd('5511977771111', { kind: 'drip', intervalMs: 2 });
		const body = Buffer.concat(chunks).toString();
		expect(status).toBe(200);
		expect(JSON.parse(body)).toEqual(addAnswer('5511977771111'));
		expect(headers['content-length']).toBe(String(Buffer.byteLength(body)));
		expect(chunks.length).toBeGreaterThan(1);
		expect(chunks[0].length).toBeLessThan(body.length);
		expect(isMember('5511977771111')).toBe(true);
	});

	test('huge: a 200 of exactly `bytes`, still the valid answer (padded with spaces); processed only when asked', async () => {
		const bytes = 2 * 1024 * 1024;
		const { status, headers, chunks } = await rawAdd('5511977771111', { kind: 'huge', bytes, processed: true });
		const body = Buffer.concat(chunks);
		expect([status, headers['content-length'], body.length]).toEqual([200, String(bytes), bytes]);
		expect(JSON.parse(body.toString())).toEqual(addAnswer('5511977771111'));
		expect(isMember('5511977771111')).toBe(true);

		const unprocessed = await rawAdd('5511977772222', { kind: 'huge', bytes: 1024 });
		expect(Buffer.concat(unprocessed.chunks).length).toBe(1024);
		expect(isMember('5511977772222')).toBe(false);
		// Smaller than the answer itself: the answer, unpadded.
		const small = await rawAdd('5511977773333', { kind: 'huge', bytes: 1, processed: true });
		expect(JSON.parse(Buffer.concat(small.chunks).toString())).toEqual(addAnswer('5511977773333'));
	});

	test('mutate: reorder, missing, extra, duplicate', async () => {
		const sent = ['5511977771111', '5511977772222', '5511977770000'];
		const ask = async (ops: MutateOp[]) => {
			sim().reset();
			sim().scriptFaults([{ kind: 'mutate', ops }]);
			return (await participants('add', groups.customers.jid, sent)).data;
		};
		expect((await ask(['reorder'])).participants.map((e: Body) => e.jid)).toEqual([jid(sent[2]), jid(sent[1]), jid(sent[0])]);
		expect((await ask(['missing'])).participants.map((e: Body) => e.jid)).toEqual([jid(sent[0]), jid(sent[1])]);
		expect(isMember(sent[1])).toBe(true);
		const extra = (await ask(['extra'])).participants;
		expect(extra).toHaveLength(4);
		expect(sent.map(jid)).not.toContain(extra[3].jid);
		expect(extra[3]).toMatchObject({ success: true });
		const dup = await ask(['duplicate']);
		expect(dup.participants.map((e: Body) => e.jid)).toEqual([jid(sent[0]), jid(sent[0]), jid(sent[1]), jid(sent[2])]);
		expect(dup.message).toBe('Participants updated: 2 succeeded, 1 failed');
	});

	test('mutate keyStyle renames the identifier key (bare digits for the phone keys), or drops it', async () => {
		const sent = ['5511977771111', '199700000000001@lid'];
		const ask = async (keyStyle: KeyStyle, ops: MutateOp[] = []) => {
			sim().reset();
			sim().scriptFaults([{ kind: 'mutate', ops, keyStyle }]);
			return (await participants('add', groups.customers.jid, sent)).data.participants as Body[];
		};
		for (const keyStyle of ['phone', 'number', 'phoneNumber', 'participant', 'lid', 'id'] as const) {
			const phone = ['phone', 'number', 'phoneNumber'].includes(keyStyle) ? sent[0] : jid(sent[0]);
			expect(await ask(keyStyle)).toEqual([
				{ [keyStyle]: phone, success: true },
				{ [keyStyle]: sent[1], success: true },
			]);
		}
		expect(await ask('none', ['reorder'])).toEqual([{ success: true }, { success: true }]);
	});

	test('answer: a 200 built from the request itself, state untouched; the failure text follows the action; ops and keyStyle apply', async () => {
		const sent = ['5511977771111', '+5511977772222', '5511977773333@c.us', '199700000000001@lid'];
		const outcomes = async (action = 'add', list: unknown[] = sent, group: string = groups.customers.jid) =>
			((await participants(action, group, list)).data.participants as Body[]).map((e) => [e.jid ?? e.phone, e.success, e.error]);
		sim().scriptFaults([
			{ kind: 'answer', outcome: 'success' },
			{ kind: 'answer', outcome: 'partial', error: 'not-authorized' },
			{ kind: 'answer', outcome: 'failure' },
			{ kind: 'answer', outcome: 'failure' },
			{ kind: 'answer', outcome: 'partial', ops: ['reorder', 'duplicate'], keyStyle: 'phone' },
		]);
		const asAnswered = [jid('5511977771111'), jid('5511977772222'), jid('5511977773333'), '199700000000001@lid'];
		expect(await outcomes()).toEqual(asAnswered.map((value) => [value, true, undefined]));
		expect(await outcomes()).toEqual(
			asAnswered.map((value, index) => (index % 2 ? [value, false, 'not-authorized'] : [value, true, undefined])),
		);
		expect(await outcomes('remove', sent.slice(0, 1))).toEqual([[asAnswered[0], false, OUTCOMES.notMember]]);
		expect(await outcomes('approve', sent.slice(0, 1), groups.waitlist.jid)).toEqual([[asAnswered[0], false, OUTCOMES.noPendingRequest]]);
		expect(await outcomes('add', sent.slice(0, 2))).toEqual([
			['5511977772222', false, OUTCOMES.notOnWhatsApp],
			['5511977772222', false, OUTCOMES.notOnWhatsApp],
			['5511977771111', true, undefined],
		]);
		expect(isMember('5511977771111')).toBe(false);
		expect(sim().state.stats).toMatchObject({ requests: 5, processed: 0, faulted: 5 });
	});
});

describe('scripting faults', () => {
	test('match: a queued fault waits for a matching request; times: it applies to the next N of them', async () => {
		sim().scriptFaults([
			{ kind: 'drop', times: 2, match: { pathPrefix: '/api/group/participants' } },
			{ kind: 'garbage', match: { method: 'get', pathPrefix: '/api/instance' } },
		]);
		const info = `/api/group/info/sandbox?identifier=${groups.customers.jid}`;
		expect((await get(info)).status).toBe(200);
		expect((await get('/api/instance/list')).data).toEqual({ ok: 1, result: 'weird' });
		await expect(addOne('5511977771111')).rejects.toMatchObject({ code: 'ECONNRESET' });
		await expect(addOne('5511977772222')).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect((await addOne('5511977773333')).status).toBe(200);
		expect(sim().calls.map((call) => call.fault)).toEqual([undefined, 'garbage', 'drop', 'drop', undefined]);
	});

	test('the x-sim-fault header applies to that request only (times ignored); an unreadable one is 400', async () => {
		expectError(await addOne('5511977771111', faultHeader({ kind: 'status', status: 502 })), 502, 'Bad gateway');
		const viaHeader = await addOne('5511977771111', faultHeader({ kind: 'answer', outcome: 'failure', error: 'boom', times: 5 }));
		expect(viaHeader.data.participants).toEqual([{ jid: jid('5511977771111'), success: false, error: 'boom' }]);
		expectError(await addOne('5511977771111', { 'x-sim-fault': '{nope' }), 400, MESSAGES.invalidFaultHeader);
		expect(isMember('5511977771111')).toBe(false);
		expect((await addOne('5511977771111')).data.participants[0].success).toBe(true);
	});

	test('POST /__sim/faults queues in order, GET lists what is left with times, DELETE clears', async () => {
		const queued = await http().post('/__sim/faults', { faults: [{ kind: 'status', status: 503, times: 2 }, { kind: 'garbage' }] });
		expect([queued.status, queued.data.queued]).toEqual([200, 2]);
		expect((await http().get('/__sim/faults')).data.faults).toEqual([
			{ kind: 'status', status: 503, times: 2 },
			{ kind: 'garbage', times: 1 },
		]);
		expect((await addOne()).status).toBe(503);
		expect((await http().get('/__sim/faults')).data.faults[0]).toEqual({ kind: 'status', status: 503, times: 1 });
		expect((await addOne()).status).toBe(503);
		expect((await addOne()).data).toEqual({ ok: 1, result: 'weird' });
		expect((await addOne('5511977772222')).status).toBe(200);
		await http().post('/__sim/faults', { faults: [{ kind: 'drop' }] });
		expect((await http().delete('/__sim/faults')).status).toBe(200);
		expect((await addOne('5511977773333')).status).toBe(200);
	});

	test.each([
		[{ kind: 'explode' }, 'unknown fault kind'],
		[{ kind: 'mutate', ops: ['shuffle'] }, 'mutate ops must be a list of'],
		[{ kind: 'answer' }, 'answer fault needs an outcome'],
		[{ kind: 'answer', outcome: 'most' }, 'answer fault needs an outcome'],
		[{ kind: 'answer', outcome: 'success', keyStyle: 'uuid' }, 'keyStyle must be one of'],
		[{ kind: 'answer', outcome: 'success', error: 42 }, 'answer error must be a string'],
		[{ kind: 'garbage', times: 0 }, 'times must be a whole number'],
		[{ kind: 'garbage', times: 1.5 }, 'times must be a whole number'],
		[{ kind: 'redirect' }, 'redirect fault needs a location'],
		[{ kind: 'redirect', location: '/x', status: 200 }, 'redirect status must be a 3xx'],
		[{ kind: 'drip', intervalMs: 0 }, 'drip fault needs intervalMs >= 1'],
		[{ kind: 'huge', bytes: 0 }, 'huge fault needs bytes from 1'],
		[{ kind: 'huge', bytes: MAX_HUGE_BYTES + 1 }, 'huge fault needs bytes from 1'],
	])('refuses the invalid fault %p, and queues nothing', async (fault, message) => {
		const res = await http().post('/__sim/faults', { faults: [{ kind: 'garbage' }, fault] });
		expect(res.status).toBe(400);
		expect(res.data.error.message).toContain(message);
		expect((await http().get('/__sim/faults')).data.faults).toEqual([]);
	});
});
