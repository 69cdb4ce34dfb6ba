/**
 * createRedactor on 5 MB adversarial texts (large data: `npm run test:slow`): every
 * echoed form of the token is scrubbed. Linear: a quadratic scan of any of these
 * would run for hours. The small cases are in redact.test.ts.
 */
import { createRedactor } from '../../../nodes/RyzeApi/helpers/redact';

import { FORMS, leaks, TOKEN } from '../../support/tokenForms';

const redact = createRedactor(TOKEN);

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

describe('createRedactor on 5 MB of the new forms', () => {
	const MB5 = 5 * 1024 * 1024;
	it.each([
		['decimal entities of the token', () => [...TOKEN].map((c) => `&#${c.charCodeAt(0)};`).join('')],
		['ampersands over and over', () => '&&#&#x&amp'],
		['the token spaced out, minus its last character', () => [...TOKEN.slice(0, -1)].join(' ')],
		['upper-case token every 1 KB', () => `${'y'.repeat(1000)}${TOKEN.toUpperCase()}`],
		['spaced letters with long gaps', () => 'r          y          '],
	])(
		'%s: scrubbed, and bounded',
		(_name, unit) => {
			const piece = unit();
			const text = piece.repeat(Math.ceil(MB5 / piece.length));
			const out = redact(text);
			expect(out.length).toBeGreaterThan(0);
			expect(out.toLowerCase()).not.toContain(TOKEN.toLowerCase().slice(0, 10));
		},
		20_000,
	);
});
