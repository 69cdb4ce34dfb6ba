import { InputError } from '../../../nodes/RyzeApi/helpers/inputError';
import {
	normalizeParticipant,
	parseParticipants,
	participantIdentity,
	splitParticipantText,
} from '../../../nodes/RyzeApi/helpers/participants';

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

	it('never glues a short fragment onto a number that is whole on its own (10+ digits)', () => {
		expect(splitParticipantText('11 5511987700016')).toEqual(['11', '5511987700016']);
		expect(splitParticipantText('55 11 98770-0016')).toEqual(['55 11 98770-0016']);
		expect(splitParticipantText('+55 11987700016')).toEqual(['+55 11987700016']);
		const parsed = parseParticipants('11 5511987700016');
		expect(parsed.participants.map((p) => p.value)).toEqual(['5511987700016']);
		expect(parsed.rejected.map((r) => r.input)).toEqual(['11']);
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
		expect(() => parseParticipants(input)).toThrow(InputError);
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

// Issue 9: silent loss, long entries, space-separated formatted numbers.
describe('every entry yields exactly one participant or one rejection', () => {
	const count = (input: unknown) => {
		const parsed = parseParticipants(input);
		return { values: parsed.participants.map((p) => p.value), rejected: parsed.rejected.map((r) => r.input) };
	};

	it('an object with an empty identifier key next to a usable one is that participant', () => {
		expect(count([{ jid: '', phone: '5511987700016' }])).toEqual({ values: ['5511987700016'], rejected: [] });
		expect(count([{ jid: '', lid: '', phoneNumber: '5511987700017' }])).toEqual({ values: ['5511987700017'], rejected: [] });
		expect(count([{ jid: '  ', lid: '199789077627112@lid' }])).toEqual({ values: ['199789077627112@lid'], rejected: [] });
	});

	it('an object whose identifiers are all blank is reported, not dropped', () => {
		const parsed = parseParticipants(['5511987700016', { phone: '  ' }, { jid: '', lid: '', phoneNumber: '' }]);
		expect(parsed.participants.map((p) => p.value)).toEqual(['5511987700016']);
		expect(parsed.rejected).toEqual([
			{ input: '{"phone":"  "}', reason: expect.stringMatching(/an object without jid/) },
			{ input: '{"jid":"","lid":"","phoneNumber":""}', reason: expect.stringMatching(/an object without jid/) },
		]);
	});

	it('blank strings inside a list are each reported as an empty entry', () => {
		const parsed = parseParticipants(['5511987700016', '', '   ', ['\t']]);
		expect(parsed.participants.map((p) => p.value)).toEqual(['5511987700016']);
		expect(parsed.rejected.map((r) => r.reason)).toEqual(['empty entry', 'empty entry', 'empty entry']);
	});

	it('a list of only blank strings is three rejections, not "empty" and not nothing', () => {
		expect(parseParticipants(['', ' ', '  ']).rejected).toHaveLength(3);
	});
});

describe('long entries are refused at once (linear parsing)', () => {
	it.each([
		['160,000 ")"', ')'.repeat(160_000)],
		['160,000 ")" then a digit', `${')'.repeat(160_000)}1`],
		['100,000 "("', '('.repeat(100_000)],
		['100,000 "(" around a number', `${'('.repeat(100_000)}5511987700016x`],
		['100,000 quotes inside digits', `1${'"'.repeat(100_000)}1`],
		['100,000 dashes after a +', `+55${'-'.repeat(100_000)}11987700016`],
	])('%s: one rejection, with its length and a bounded input', (_name, entry) => {
		const parsed = parseParticipants([entry]);
		expect(parsed.participants).toEqual([]);
		expect(parsed.rejected).toHaveLength(1);
		expect(parsed.rejected[0].reason).toMatch(new RegExp(`^${entry.length} characters long; a participant has at most 1000`));
		expect(parsed.rejected[0].input.length).toBeLessThanOrEqual(80);
	});

	it('100,000 spaces inside a +-led number: whitespace only separates, one participant comes out', () => {
		const parsed = parseParticipants(`+55 11${' '.repeat(100_000)}98770-0016`);
		expect(parsed.participants.map((p) => p.value)).toEqual(['5511987700016']);
		expect(parsed.rejected).toEqual([]);
	});

	it('an entry of exactly 1,000 characters is still read; 1,001 is refused for its length', () => {
		const wrapped = (n: number) => `${'('.repeat(n - 14)}5511987700016)`;
		expect(normalizeParticipant(wrapped(1000))).toEqual({ ok: true, participant: expect.objectContaining({ value: '5511987700016' }) });
		expect(normalizeParticipant(wrapped(1001))).toEqual({ ok: false, reason: expect.stringMatching(/^1001 characters long/) });
	});
});

describe('space-separated formatted numbers', () => {
	it('"+55 11 98770-0016 +55 11 98770-0017" is two numbers and nothing else', () => {
		expect(count2('+55 11 98770-0016 +55 11 98770-0017')).toEqual({ values: ['5511987700016', '5511987700017'], rejected: [] });
	});

	it('"11 98770-0016 11 98770-0017" (no +) is two numbers, never a fragment', () => {
		// Without a country code: 11 digits each; what matters is that no piece is sent on its own.
		const { values: sent, rejected } = count2('11 98770-0016 11 98770-0017');
		expect(sent).toEqual(['11987700016', '11987700017']);
		expect(rejected).toEqual([]);
	});

	it('"55 11 98770-0016, 55 11 98770-0017" joins the pieces of each number', () => {
		expect(count2('55 11 98770-0016, 55 11 98770-0017').values).toEqual(['5511987700016', '5511987700017']);
	});

	it('a bare short fragment is never sent: it is refused as too short', () => {
		for (const text of ['5511987700016 11', '+55 11 98770-0016 11', '11 5511987700016', '98770']) {
			const parsed = parseParticipants(text);
			for (const participant of parsed.participants) expect(participant.value.length).toBeGreaterThanOrEqual(10);
			expect(parsed.rejected.every((r) => /too short/.test(r.reason))).toBe(true);
			expect(parsed.participants.length + parsed.rejected.length).toBeGreaterThanOrEqual(1);
		}
		expect(count2('+55 11 98770-0016 11')).toEqual({ values: ['5511987700016'], rejected: ['11'] });
		expect(count2('98770')).toEqual({ values: [], rejected: ['98770'] });
	});

	it('whole numbers separated by spaces stay separate', () => {
		expect(count2('5511987700016 5511987700017 199789077627112@lid').values).toEqual([
			'5511987700016',
			'5511987700017',
			'199789077627112@lid',
		]);
	});
});

describe('Brazilian mobile numbers, with or without the ninth digit, are one person (issue 21 finding 4)', () => {
	const identity = (text: string) => {
		const result = normalizeParticipant(text);
		if (!result.ok) throw new Error(result.reason);
		return participantIdentity(result.participant);
	};

	it.each([
		['5511987654321', '551187654321'],
		['5511987654321@s.whatsapp.net', '551187654321'],
		['+55 (85) 96543-2109', '558565432109@s.whatsapp.net'],
	])('%s and %s share an identity', (a, b) => {
		expect(identity(a)).toBe(identity(b));
	});

	it.each([
		// A landline (2–5 after the area code) has no ninth digit: it is not the mobile with a 9 before it.
		['551134567890', '5511934567890'],
		// Another country, and a LID, never.
		['4411987654321', '441187654321'],
		['5511987654321@lid', '551187654321@lid'],
		['5511987654321', '551187654321@lid'],
	])('%s and %s stay two people', (a, b) => {
		expect(identity(a)).not.toBe(identity(b));
	});

	it('both forms in one list are de-duplicated: the first form is kept', () => {
		expect(count2('551187654321, 5511987654321, 5521987654322').values).toEqual(['551187654321', '5521987654322']);
	});
});

function count2(input: unknown): { values: string[]; rejected: string[] } {
	const parsed = parseParticipants(input);
	return { values: parsed.participants.map((p) => p.value), rejected: parsed.rejected.map((r) => r.input) };
}
