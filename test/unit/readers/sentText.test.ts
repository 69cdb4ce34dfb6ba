import { readSentText } from '../../../nodes/RyzeApi/readers/sentText';

const data = {
	messageId: '3EB0A1B2C3D4E5F60718',
	direction: 'outgoing',
	chat: { jid: '5511999999999@s.whatsapp.net' },
	sender: { jid: '5511900000001@s.whatsapp.net' },
	timestamp: '2026-12-01T10:00:00Z',
};

describe('readSentText (POST /api/message/text)', () => {
	it('reads the id and the chat under data (the errors guide’s envelope), with data as raw', () => {
		expect(readSentText({ success: true, message: 'Message sent successfully', status: 'sent', data })).toEqual({
			ok: true,
			messageId: '3EB0A1B2C3D4E5F60718',
			chatJid: '5511999999999@s.whatsapp.net',
			raw: data,
		});
	});

	it.each([
		['at the top level', { success: true, messageId: 'ABC', chat: { jid: 'x@s.whatsapp.net' } }, 'ABC'],
		['as id', { data: { id: 'ID1' } }, 'ID1'],
		['as key.id (Baileys)', { data: { key: { id: 'KEY1', remoteJid: 'x' } } }, 'KEY1'],
	])('finds the id %s', (_case, body, id) => {
		const read = readSentText(body);
		expect(read.ok && read.messageId).toBe(id);
	});

	it('success: false is a definite refusal, in its own words (bounded)', () => {
		const read = readSentText({ success: false, message: `no ${'x'.repeat(1000)}` });
		expect(read).toMatchObject({ ok: false, definite: true });
		expect(!read.ok && read.reason.length).toBeLessThan(400);
	});

	it.each([
		['no id', { success: true, data: { direction: 'outgoing' } }],
		['an id that is not text', { data: { messageId: 42 } }],
		['an id with spaces', { data: { messageId: 'a b' } }],
		['an id far too long', { data: { messageId: 'A'.repeat(500) } }],
		['not an object', 'sent'],
		['null', null],
	])('%s: not readable, and may have been sent (never called sent or unsent)', (_case, body) => {
		expect(readSentText(body)).toMatchObject({ ok: false, definite: false });
	});
});
