/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code, never packed; linted by eslint.tests.config.mjs */
import { PARTICIPANT_ACTIONS } from '../../../nodes/RyzeApi/actions/group/manageParticipants/actions';
import { InputError } from '../../../nodes/RyzeApi/helpers/inputError';
import { defaultTimeoutMs, validateAction, validateTimeout } from '../../../nodes/RyzeApi/actions/group/manageParticipants/validation';
import { validateBaseUrl, validateGroup, validateInstance, validateTokenPresent } from '../../../nodes/RyzeApi/helpers/validation';

function failure(fn: () => unknown): InputError {
	try {
		fn();
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('expected a InputError');
}

describe('validateAction', () => {
	// The actions come from the table (ACTIONS); actions.test.ts holds the reviewed list of them.
	it('accepts the table’s actions, case-insensitively', () => {
		for (const action of [...PARTICIPANT_ACTIONS, PARTICIPANT_ACTIONS[PARTICIPANT_ACTIONS.length - 1].toUpperCase()]) {
			expect(validateAction(action)).toBe(action.toLowerCase());
		}
	});
	it('lists the table’s actions, in its order, for anything else', () => {
		const error = failure(() => validateAction('kick'));
		expect(error.field).toBe('Action');
		expect(error.message).toBe('Action "kick" is not supported');
		expect(error.hint).toBe(`Use one of: ${PARTICIPANT_ACTIONS.join(', ')}`);
	});
});

describe('validateInstance', () => {
	it('falls back to the credential instance', () => {
		expect(validateInstance('', 'sandbox')).toBe('sandbox');
		expect(validateInstance('  mine ', 'sandbox')).toBe('mine');
	});
	it.each(['a/b', '..', 'a..b', 'a%2Fb', 'a%2fb', 'a?b', 'a#b', 'a\\b'])('refuses %s', (instance) => {
		expect(failure(() => validateInstance(instance, '')).field).toBe('Instance');
	});
	it('refuses an empty instance with a hint about the credential', () => {
		expect(failure(() => validateInstance('', '')).hint).toMatch(/default instance in the RyzeAPI credential/);
	});
	it('accepts unicode names, which are encoded in the path', () => {
		expect(validateInstance('vendas-são-paulo', '')).toBe('vendas-são-paulo');
	});
});

describe('validateGroup', () => {
	it.each([
		['120363406289005073@g.us', '120363406289005073@g.us'],
		['120363406289005073', '120363406289005073@g.us'],
		['ABC123XYZ', 'ABC123XYZ'],
		['https://chat.whatsapp.com/ABC123XYZ', 'https://chat.whatsapp.com/ABC123XYZ'],
	])('accepts %s', (input, expected) => {
		expect(validateGroup(input)).toBe(expected);
	});
	it.each([
		['', /empty/],
		['ABC 123', /contains spaces/],
		['https://evil.example.com/ABC123', /not a WhatsApp invite link/],
		['5511999999999@s.whatsapp.net', /not a group JID/],
		['abc!def', /neither a group JID/],
	])('refuses %p', (input, message) => {
		expect(failure(() => validateGroup(input)).message).toMatch(message);
	});
});

describe('validateTimeout', () => {
	it('defaults by action, with a margin', () => {
		expect(validateTimeout(0, 'add')).toBe(70_000);
		expect(validateTimeout(undefined, 'approve')).toBe(100_000);
		expect(defaultTimeoutMs('reject')).toBe(100_000);
	});
	it('accepts an override', () => {
		expect(validateTimeout(5000, 'add')).toBe(5000);
	});
	it.each([-1, 1.5, 'abc', 10, 700_000])('refuses %p', (value) => {
		expect(failure(() => validateTimeout(value, 'add')).field).toBe('Timeout');
	});
});

describe('validateBaseUrl', () => {
	it.each([
		['https://ryzeapi.cloud', 'https://ryzeapi.cloud'],
		['https://ryzeapi.cloud/', 'https://ryzeapi.cloud'],
		['https://ryzeapi.cloud/api/', 'https://ryzeapi.cloud'],
		['http://127.0.0.1:3000/proxy/', 'http://127.0.0.1:3000/proxy'],
	])('normalizes %s', (input, expected) => {
		expect(validateBaseUrl(input)).toBe(expected);
	});
	it.each([
		['ryzeapi.cloud', /has no scheme/],
		['ftp://ryzeapi.cloud', /scheme "ftp:" is not supported/],
		['file:///etc/passwd', /scheme "file:" is not supported/],
		['https://user:pw@ryzeapi.cloud', /user name or password/],
		['https://ryzeapi.cloud?x=1', /query or a fragment/],
		['', /no Base URL/],
	])('refuses %p', (input, message) => {
		expect(failure(() => validateBaseUrl(input)).message).toMatch(message);
	});
});

describe('validateTokenPresent', () => {
	it('refuses an empty token without echoing anything', () => {
		expect(failure(() => validateTokenPresent('  ')).message).toBe('The RyzeAPI credential has no token');
		expect(() => validateTokenPresent('secret')).not.toThrow();
	});
});
