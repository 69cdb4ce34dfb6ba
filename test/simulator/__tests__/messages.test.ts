/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * Send Text over real sockets: the answer and its message id, the recipient forms, the
 * Brazilian 12/13-digit fallback, groups (members only; announce groups admins only), the
 * refusals, the sent-message log (`/__sim/messages`), and that the new routes share the
 * pipeline: rate limit headers and faults.
 */
import type { AxiosResponse } from 'axios';

import { MESSAGES_BRAZIL_FALLBACK, SEND_TEXT } from '../../contract/ryzeapi';
import { MESSAGES } from '..';
import { control, expectError, groups, instances, jid, numbers, tokens, useSim, type Body } from './client';

const { sim, http, call } = useSim();

const send = (body: Record<string, unknown>, token: string = tokens.sandbox, instance: string = instances.sandbox) =>
	call('POST', `/api/message/text/${instance}`, body, token);
const sent = async () => (await control(sim, 'messages')).data.messages as Body[];

describe('POST /api/message/text/:instance', () => {
	it('sends a text: the contract answer with a new message id, and the log records it', async () => {
		const res = await send({ number: '5511977771111', message: 'Hello!', linkPreview: true, delay: 3 });
		expect(res.status).toBe(200);
		const answer = SEND_TEXT.answer.value.parse(res.data);
		expect(answer).toMatchObject({
			success: true,
			...SEND_TEXT.sentMessage.value,
			data: { direction: 'outgoing', chat: { jid: jid('5511977771111') }, sender: { jid: jid(numbers.sandbox) } },
		});
		expect(answer.data.messageId).toMatch(SEND_TEXT.messageIdForm.value);
		const second = await send({ number: '5511977771111', message: 'Again' });
		expect(second.data.data.messageId).not.toBe(answer.data.messageId);
		expect(await sent()).toEqual([
			{
				messageId: answer.data.messageId,
				instance: instances.sandbox,
				number: '5511977771111',
				to: jid('5511977771111'),
				message: 'Hello!',
				linkPreview: true,
				delay: 3,
				replyTo: null,
				mention: [],
				mentionAll: false,
				at: expect.any(String),
			},
			expect.objectContaining({ messageId: second.data.data.messageId, message: 'Again', linkPreview: false, delay: null }),
		]);
		expect((await http().delete('/__sim/messages')).status).toBe(200);
		expect(await sent()).toEqual([]);
	});

	it.each([
		['a phone JID', jid('5511977771111'), jid('5511977771111')],
		['a @c.us JID', '5511977771111@c.us', jid('5511977771111')],
		['a LID', '199789077620004@lid', '199789077620004@lid'],
		['a newsletter', '120363422585881117@newsletter', '120363422585881117@newsletter'],
		['the status broadcast', 'status@broadcast', 'status@broadcast'],
	])('takes %s', async (_name, number, to) => {
		const res = await send({ number, message: 'x' });
		expect([res.status, res.data.data.chat.jid]).toEqual([200, to]);
		expect((await sent()).map((m) => m.to)).toEqual([to]);
	});

	it('Brazil: a 55 number is tried with and without the 9; the form WhatsApp knows wins', async () => {
		// 5511911110001 is a member of Customers; 551111110001 is the same line without the 9.
		expect((await send({ number: '551111110001', message: 'x' })).data.data.chat.jid).toBe(jid('5511911110001'));
		// Neither form known: sent as is.
		expect((await send({ number: '551122223333', message: 'x' })).data.data.chat.jid).toBe(jid('551122223333'));
		expect(MESSAGES_BRAZIL_FALLBACK.documented).toBeUndefined();
	});

	it('to a group it is in: chat.groupName and the mentions; an announce group takes admins only', async () => {
		const res = await send({ number: groups.customers.jid, message: 'Hi @5511911110001', mention: ['5511911110001'], replyTo: '3EB0AAAA' });
		expect(res.data.data).toMatchObject({
			chat: { jid: groups.customers.jid, groupName: 'Customers' },
			mentions: ['5511911110001'],
			replyTo: '3EB0AAAA',
		});
		expectError(await send({ number: groups.announcements.jid, message: 'x' }), 403, MESSAGES.adminsOnly);
		expectError(await send({ number: groups.vip.jid, message: 'x' }, tokens.memberOnly, instances.memberOnly), 404, MESSAGES.groupNotFound);
		// Its owner opens it to everyone: then the member's text goes through.
		const opened = { group: groups.announcements.jid, by: groups.announcements.owner, groupSettings: { membersCanSendMessages: true } };
		expect((await control(sim, 'group-update', opened)).status).toBe(200);
		expect((await send({ number: groups.announcements.jid, message: 'x' })).status).toBe(200);
	});

	const refusals: Array<[string, number, string, () => Promise<AxiosResponse>]> = [
		['no number', 400, MESSAGES.numberRequired, () => send({ message: 'x' })],
		['no message', 400, MESSAGES.messageRequired, () => send({ number: '5511977771111' })],
		['an empty message', 400, MESSAGES.messageRequired, () => send({ number: '5511977771111', message: '' })],
		['"text" instead of "message"', 400, MESSAGES.messageRequired, () => send({ number: '5511977771111', text: 'x' })],
		['a number that is no recipient', 400, MESSAGES.invalidNumber, () => send({ number: '+55 (11) 9', message: 'x' })],
		['a number not on WhatsApp', 400, MESSAGES.numberNotOnWhatsApp, () => send({ number: '5511977770000', message: 'x' })],
		['a delay that is not a number', 400, MESSAGES.invalidBody, () => send({ number: '5511977771111', message: 'x', delay: 'soon' })],
		[
			'a disconnected instance',
			503,
			MESSAGES.notConnected,
			() => send({ number: '5511977771111', message: 'x' }, tokens.offline, instances.offline),
		],
		[
			'no token',
			401,
			MESSAGES.missingToken,
			() => call('POST', '/api/message/text/sandbox', { number: '5511977771111', message: 'x' }, null),
		],
	];
	test.each(refusals)('refuses %s: %i, nothing sent', async (_name, status, message, request) => {
		expectError(await request(), status, message);
		expect(await sent()).toEqual([]);
	});
});

describe('the new routes go through the same pipeline', () => {
	it('rate-limit headers, and the limit counts them', async () => {
		sim().configure({ rateLimit: { limit: 2, windowMs: 1e12 } });
		try {
			const first = await send({ number: '5511977771111', message: 'x' });
			expect([first.headers['x-ratelimit-limit'], first.headers['x-ratelimit-remaining']]).toEqual(['2', '1']);
			await call('PUT', '/api/group/update/sandbox', { identifier: groups.customers.jid, name: 'x' });
			expectError(await call('DELETE', `/api/group/leave/sandbox?identifier=${groups.customers.jid}`), 429, MESSAGES.rateLimited);
			expect(sim().state.stats.rateLimited).toBe(1);
		} finally {
			sim().configure({ rateLimit: { limit: 100, windowMs: 60000 } });
		}
	});

	it('a queued fault matches them by path; a processed drop sends the text but answers nothing', async () => {
		sim().scriptFaults([{ kind: 'status', status: 500, match: { pathPrefix: '/api/group/create' } }]);
		expectError(
			await call('POST', '/api/group/create/sandbox', { name: 'x', participants: ['5511977771111'] }),
			500,
			'Internal server error',
		);
		expect(sim().state.groups).toHaveLength(4);
		sim().scriptFaults([{ kind: 'drop', processed: true, match: { pathPrefix: '/api/message/text' } }]);
		const dropped = await send({ number: '5511977771111', message: 'maybe' }).catch((error: Error) => error);
		expect(dropped).toBeInstanceOf(Error);
		expect((await sent()).map((m) => m.message)).toEqual(['maybe']);
		expect(sim().calls.map((c) => [c.path, c.status, c.fault])).toEqual([
			['/api/group/create/sandbox', 500, 'status'],
			['/api/message/text/sandbox', 0, 'drop'],
		]);
	});
});
