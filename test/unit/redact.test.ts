/**
 * createRedactor (issue 9): the token echoed back in any of the forms a server,
 * a proxy or a logger may use never survives, whatever the shape it sits in.
 */
import { createRedactor, REDACTED } from '../../nodes/RyzeApi/helpers/redact';

// Characters that change under URL-encoding, base64 and JSON escaping.
const TOKEN = 'ryze-SECRET-Tok+en/9=Ab?c&d"e';
const bytes = Buffer.from(TOKEN, 'utf8');

/** Every form the token may be echoed in; none may appear in what the node emits. */
const FORMS: Record<string, string> = {
	plain: TOKEN,
	urlEncoded: encodeURIComponent(TOKEN),
	base64: bytes.toString('base64'),
	base64NoPadding: bytes.toString('base64').replace(/=+$/, ''),
	base64url: bytes.toString('base64url'),
	hex: bytes.toString('hex'),
	hexUpper: bytes.toString('hex').toUpperCase(),
	jsonEscaped: JSON.stringify(TOKEN).slice(1, -1),
};

/** Any form, or any 10-character piece of its start or end ("first 10 chars…"), left in `text`. */
function leaks(text: string): string[] {
	const found: string[] = [];
	for (const [name, form] of Object.entries(FORMS)) {
		if (text.includes(form)) found.push(name);
		if (text.includes(form.slice(0, 10))) found.push(`${name} (first 10)`);
		if (text.includes(form.slice(-10))) found.push(`${name} (last 10)`);
	}
	return found;
}

const redact = createRedactor(TOKEN);

describe('createRedactor: every echoed form of the token', () => {
	it.each(Object.entries(FORMS))('%s, inside a sentence', (_name, form) => {
		const out = redact(`invalid token ${form} for instance sandbox`);
		expect(leaks(out)).toEqual([]);
		// One marker, nothing of the echo left (forms that share a start are taken as one run).
		expect(out).toBe(`invalid token ${REDACTED} for instance sandbox`);
	});

	it.each(Object.entries(FORMS))('%s, cut short to its first 10 characters and an ellipsis', (_name, form) => {
		const out = redact(`token "${form.slice(0, 10)}…" rejected`);
		expect(out).not.toContain(form.slice(0, 10));
		expect(out).toContain(REDACTED);
	});

	it.each(Object.entries(FORMS))('%s, cut at the start (its last 10 characters)', (_name, form) => {
		const out = redact(`…${form.slice(-10)} rejected`);
		expect(out).not.toContain(form.slice(-10));
	});

	it.each(Object.entries(FORMS))('%s, cut after 20 characters (past where it parts from the other forms): nothing left', (_name, form) => {
		const out = redact(`token "${form.slice(0, 20)}" rejected`);
		expect(out).toBe(`token "${REDACTED}" rejected`);
	});

	it('an echo whose encoding differs only near its end leaves nothing of that end', () => {
		const late = createRedactor('ryze-SECRET-abcdefghij+k');
		expect(late(`x ${encodeURIComponent('ryze-SECRET-abcdefghij+k')} y`)).toBe(`x ${REDACTED} y`);
		const quoted = createRedactor('ryze-SECRET-abcdefghij"k');
		expect(quoted(`x ${JSON.stringify('ryze-SECRET-abcdefghij"k').slice(1, -1)} y`)).toBe(`x ${REDACTED} y`);
	});

	it('the token as an object key, and as a key of a nested object', () => {
		const out = redact({ [TOKEN]: 'unauthorized', details: { [FORMS.base64]: 1, list: [{ [FORMS.hex]: true }] } });
		expect(leaks(JSON.stringify(out))).toEqual([]);
		expect(Object.keys(out)).toEqual([REDACTED, 'details']);
	});

	it('the token nested 25 levels deep (in arrays and objects) does not survive', () => {
		let value: unknown = { message: `bad token ${TOKEN}` };
		for (let depth = 0; depth < 25; depth++) value = depth % 2 === 0 ? { inner: value } : [value];
		const out = redact(value);
		expect(leaks(JSON.stringify(out))).toEqual([]);
		// Shallow parts are kept: only what is too deep to check is replaced.
		expect(out).toHaveProperty('inner');
	});

	it('the trimmed token too, when the credential holds one with spaces around it', () => {
		const spaced = createRedactor(`  ${TOKEN} `);
		expect(leaks(spaced(`echo: ${TOKEN}`))).toEqual([]);
	});

	it('leaves text without the token untouched, and the same object when nothing changed', () => {
		const value = { error: 'Group not found', list: ['5511999999999'] };
		expect(redact(value)).toBe(value);
		expect(redact('ryze is fine')).toBe('ryze is fine');
	});

	it('works on an Error-like plain object of the shape the node emits (message, description)', () => {
		const out = redact({ message: `401: ${FORMS.urlEncoded}`, description: `The server said ${FORMS.base64url}` });
		expect(leaks(JSON.stringify(out))).toEqual([]);
	});
});

describe('createRedactor on 5 MB', () => {
	// Linear: a quadratic scan of any of these would run for hours, not within the test timeout.
	const MB5 = 5 * 1024 * 1024;
	it.each([
		['the token every 1 KB', () => `${'x'.repeat(1000)}${TOKEN}`],
		['its first 8 characters over and over', () => TOKEN.slice(0, 8)],
		['the token minus its last character, over and over', () => TOKEN.slice(0, -1)],
		['its last 9 characters over and over', () => TOKEN.slice(-9)],
		['hex prefixes over and over', () => `${FORMS.hex.slice(0, 12)} `],
	])(
		'%s: scrubbed completely',
		(_name, unit) => {
			const piece = unit();
			const text = piece.repeat(Math.ceil(MB5 / piece.length));
			const out = redact(text);
			expect(out.length).toBeGreaterThan(0);
			expect(leaks(out)).toEqual([]);
		},
		20_000,
	);
});
