/**
 * createRedactor (issue 9): the token echoed back in any of the forms a server,
 * a proxy or a logger may use never survives, whatever the shape it sits in.
 */
import { createRedactor, REDACTED } from '../../../nodes/RyzeApi/helpers/redact';

import { FORMS, leaks, TOKEN } from '../../support/tokenForms';

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

/** Issue 15, point 15: the forms 0.2.0 let through. */
describe('createRedactor: case, HTML entities, spaced out, base64 of a longer text, the Base URL path', () => {
	const textLeaks = (out: string): boolean => {
		const low = out.toLowerCase();
		const squeezed = low.replace(/[^a-z0-9]/g, '');
		return low.includes(TOKEN.toLowerCase().slice(0, 10)) || squeezed.includes('ryzesecrettok');
	};

	it.each([
		['upper case', TOKEN.toUpperCase()],
		['lower case', TOKEN.toLowerCase()],
		['URL-encoded, lower-case escapes', encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())],
		['hex, mixed case', FORMS.hex.replace(/[a-f]/g, (c, i: number) => (i % 2 ? c.toUpperCase() : c))],
	])('%s', (_name, form) => {
		const out = redact(`invalid token ${form} here`);
		expect(out).toBe(`invalid token ${REDACTED} here`);
	});

	const html = (encode: (char: string) => string) => [...TOKEN].map(encode).join('');
	it.each([
		['decimal entities', html((c) => `&#${c.charCodeAt(0)};`)],
		['hex entities', html((c) => `&#x${c.charCodeAt(0).toString(16)};`)],
		['hex entities, upper case X and digits', html((c) => `&#X${c.charCodeAt(0).toString(16).toUpperCase()};`)],
		[
			'named entities for the punctuation',
			TOKEN.replace(/&/g, '&amp;')
				.replace(/"/g, '&quot;')
				.replace(/\+/g, '&plus;')
				.replace(/\//g, '&sol;')
				.replace(/=/g, '&equals;')
				.replace(/\?/g, '&quest;'),
		],
		['named entities for the HTML specials only', TOKEN.replace(/&/g, '&amp;').replace(/"/g, '&quot;')],
		['every other character a decimal entity', html((c) => (c.charCodeAt(0) % 2 ? `&#${c.charCodeAt(0)};` : c))],
	])('%s', (_name, form) => {
		const out = redact(`<p>bad token ${form}</p>`);
		expect(out).toBe(`<p>bad token ${REDACTED}</p>`);
	});

	it.each([
		['spaces', [...TOKEN].join(' ')],
		['dots', [...TOKEN].join('.')],
		['dashes and line breaks', [...TOKEN].join('-\n')],
		['upper case with spaces', [...TOKEN.toUpperCase()].join(' ')],
		['letters and digits only, spaced', [...TOKEN.replace(/[^a-zA-Z0-9]/g, '')].join(' ')],
	])('spaced out with %s', (_name, form) => {
		const out = redact(`token was ${form} !`);
		expect(textLeaks(out)).toBe(false);
		expect(out).toContain(REDACTED);
		expect(out.startsWith('token was ')).toBe(true);
	});

	it('a wordy token: its first word followed by other words is not taken for a cut, spaced-out echo', () => {
		const wordy = createRedactor('sandbox-token');
		expect(wordy('instance sandbox: The connection closed')).toBe('instance sandbox: The connection closed');
		expect(wordy('s a n d b o x - t o k e n')).toBe(REDACTED);
	});

	it('separators farther apart than a few characters are not taken for a spaced-out token', () => {
		const spread = [...'ryzesecret'].join('           ');
		expect(redact(spread)).toBe(spread);
	});

	describe.each([0, 1, 2, 3, 4, 5, 7])('base64 of a text with the token %i bytes in', (prefixLength) => {
		const prefix = 'token: x'.slice(0, prefixLength);
		const text = `${prefix}${TOKEN} and more after it`;
		const b64 = Buffer.from(text).toString('base64');
		it.each([
			['base64', b64],
			['base64url', Buffer.from(text).toString('base64url')],
		])('%s', (_name, encoded) => {
			const out = redact(`Authorization: Basic ${encoded}`);
			expect(out).toContain(REDACTED);
			// Whatever is left decodes to no piece of the token.
			for (const piece of out.split(REDACTED)) {
				const decoded = Buffer.from(piece.replace(/^Authorization: Basic /, ''), 'base64').toString('latin1');
				expect(decoded).not.toContain(TOKEN.slice(0, 6));
				expect(decoded).not.toContain(TOKEN.slice(-6));
			}
		});
	});

	it('base64 of "token: <tok>" (the review\'s case)', () => {
		const encoded = Buffer.from(`token: ${TOKEN}`).toString('base64');
		const out = redact(`echo ${encoded}`);
		expect(out).toContain(REDACTED);
		expect(Buffer.from(out.slice(5), 'base64').toString('latin1')).not.toContain(TOKEN.slice(0, 8));
	});

	describe('a Base URL with a path prefix', () => {
		const withPath = createRedactor(TOKEN, 'https://ryze.example.com/acme-secret-prefix');
		it('a quoted request URL keeps neither the token nor the path prefix', () => {
			const out = withPath(`GET https://ryze.example.com/acme-secret-prefix/api/group/list/x?token=${encodeURIComponent(TOKEN)} failed`);
			expect(out).not.toContain('acme-secret');
			expect(out).not.toContain('secret-prefix');
			expect(textLeaks(out)).toBe(false);
		});
		it('the path as a server echoes it: after a slash, URL-encoded, JSON-escaped, upper case or cut short', () => {
			for (const form of [
				'/acme-secret-prefix/',
				encodeURIComponent('/acme-secret-prefix'),
				'\\/acme-secret-prefix\\/api',
				'/ACME-SECRET-PREFIX',
				'/acme-secr…',
				'&#x2F;acme-secret-prefix',
			]) {
				expect(withPath(`at ${form}`)).not.toMatch(/acme-secr|ACME-SECR/);
			}
		});
		it('the bare words of the path are not rewritten: a value the node built may hold them (issue 21)', () => {
			const built = { instance: 'acme-secret-prefix', note: 'instance acme-secret-prefix is connected' };
			expect(withPath(built)).toBe(built);
		});
		it("a plain-word path is no secret: JIDs, instance names and the node's own words stay as they are (issue 21)", () => {
			const texts = ['5511988880001@s.whatsapp.net', 'instance: "sandbox"', 'RyzeAPI answered HTTP 502', 'GET /sandbox/api/group'];
			for (const path of ['whatsapp', 'sandbox', 'ryzeapi', 'team-a', 'k9', 'api/v1']) {
				const plain = createRedactor(TOKEN, `https://ryze.example.com/${path}`);
				for (const text of texts) expect(plain(text)).toBe(text);
			}
		});
		it('a random-looking segment is a secret wherever it sits in the path, whole or alone', () => {
			const nested = createRedactor(TOKEN, 'https://ryze.example.com/gw/t9f8e7d/v1');
			expect(nested('proxy: ryze.example.com/gw/t9f8e7d/v1/api/x')).toBe('proxy: ryze.example.com[redacted]/api/x');
			expect(nested('upstream saw /t9f8e7d/v1/api/x')).toBe('upstream saw [redacted]/v1/api/x');
			expect(nested('the instance t9f8e7d')).toBe('the instance t9f8e7d');
		});
		it('a Base URL without a path takes nothing away; the host alone is not a secret', () => {
			const plain = createRedactor(TOKEN, 'https://ryze.example.com');
			expect(plain('could not reach https://ryze.example.com/api/instance/list')).toBe(
				'could not reach https://ryze.example.com/api/instance/list',
			);
			expect(withPath('could not reach ryze.example.com')).toBe('could not reach ryze.example.com');
		});
		it('without a token, the path prefix is still redacted', () => {
			expect(createRedactor(undefined, 'https://h.example/acme-secret-prefix')('at /acme-secret-prefix/api')).not.toContain('acme-secret');
		});
	});
});
