import {
	normalizeParticipant,
	parseParticipants,
	ParticipantsInputError,
	splitParticipantText,
} from '../../nodes/RyzeApi/helpers/participants';

const values = (input: unknown) => parseParticipants(input).participants.map((p) => p.value);

describe('normalizeParticipant', () => {
	it.each([
		['5511999999999', '5511999999999', 'phone'],
		['+55 (11) 99999-9999', '5511999999999', 'phone'],
		['+55.11.99999.9999', '5511999999999', 'phone'],
		['5511999999999@s.whatsapp.net', '5511999999999@s.whatsapp.net', 'jid'],
		['5511999999999@C.US', '5511999999999@s.whatsapp.net', 'jid'],
		['5511999999999:12@s.whatsapp.net', '5511999999999@s.whatsapp.net', 'jid'],
		['199789077627112@lid', '199789077627112@lid', 'lid'],
		['"5511999999999"', '5511999999999', 'phone'],
	])('%s → %s (%s)', (input, value, kind) => {
		const result = normalizeParticipant(input);
		expect(result).toEqual({ ok: true, participant: expect.objectContaining({ value, kind, input }) });
	});

	it.each([
		['abc', /letters/],
		['12345', /too short \(5 digits\)/],
		['1234567890123456', /too long \(16 digits\)/],
		['5511+999999999', /"\+" may only lead/],
		['120363406289005073@g.us', /group JID/],
		['5511999999999@example.com', /unknown JID suffix "@example.com"/],
		['abc@lid', /LID must be digits/],
		['55abc@s.whatsapp.net', /must be digits/],
		['5511*99999999', /characters other than digits/],
	])('%s is refused: %s', (input, reason) => {
		const result = normalizeParticipant(input);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(reason);
	});
});

describe('splitParticipantText', () => {
	it('splits on commas, semicolons, newlines and spaces', () => {
		expect(splitParticipantText('5511999999991,5511999999992;5511999999993\n5511999999994 5511999999995')).toEqual([
			'5511999999991',
			'5511999999992',
			'5511999999993',
			'5511999999994',
			'5511999999995',
		]);
	});

	it('keeps a phone number formatted with spaces together', () => {
		expect(splitParticipantText('+55 11 99999-9999, +1 (415) 555 0101')).toEqual(['+55 11 99999-9999', '+1 (415) 555 0101']);
	});

	it('splits valid and invalid pieces when the whole is not a phone', () => {
		expect(splitParticipantText('5511999999999 abc')).toEqual(['5511999999999', 'abc']);
	});
});

describe('parseParticipants', () => {
	it('drops duplicates, including a phone and its JID', () => {
		expect(values('5511999999999, +55 11 99999-9999, 5511999999999@s.whatsapp.net, 199789077627112@lid, 199789077627112@lid')).toEqual([
			'5511999999999',
			'199789077627112@lid',
		]);
	});

	it('keeps the first form written and numbers positions', () => {
		const { participants } = parseParticipants(['5521988888888', '5511999999999']);
		expect(participants.map((p) => [p.input, p.position])).toEqual([
			['5521988888888', 0],
			['5511999999999', 1],
		]);
	});

	it('separates invalid entries from valid ones', () => {
		const parsed = parseParticipants('5511999999999, hello, 123');
		expect(parsed.participants.map((p) => p.value)).toEqual(['5511999999999']);
		expect(parsed.rejected.map((r) => r.input)).toEqual(['hello', '123']);
	});

	it('reads lists from expressions: numbers, nested lists and objects with an identifier', () => {
		expect(
			values([5511999999991, ['5511999999992', ['5511999999993']], { phone: '5511999999994' }, { jid: '199789077627112@lid' }]),
		).toEqual(['5511999999991', '5511999999992', '5511999999993', '5511999999994', '199789077627112@lid']);
	});

	it('rejects objects without an identifier and non-integer numbers as entries', () => {
		const parsed = parseParticipants(['5511999999999', { name: 'Ana' }, 1.5, null]);
		expect(parsed.participants).toHaveLength(1);
		expect(parsed.rejected.map((r) => r.reason)).toEqual([
			expect.stringMatching(/an object without jid/),
			expect.stringMatching(/whole phone number/),
		]);
	});

	it.each([[''], ['   '], [' , ; \n '], [null], [undefined], [[]]])('throws for an empty value %p', (input) => {
		expect(() => parseParticipants(input)).toThrow(ParticipantsInputError);
		expect(() => parseParticipants(input)).toThrow('Participants is empty');
	});

	it('throws for an object or a boolean as the whole value', () => {
		expect(() => parseParticipants({ phone: '5511999999999' })).toThrow(/must be text or a list, but an object/);
		expect(() => parseParticipants(true)).toThrow(/but a boolean/);
	});

	it('parses 5,000 participants', () => {
		const list = Array.from({ length: 5000 }, (_, i) => `55119${String(i).padStart(8, '0')}`);
		expect(parseParticipants(list.join(',')).participants).toHaveLength(5000);
	});
});
