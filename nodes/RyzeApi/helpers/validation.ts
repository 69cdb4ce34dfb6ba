/**
 * Validation of the node's and the credential's values before anything is sent.
 * Pure: each function returns the clean value or throws an InputError, which the
 * runner turns into a NodeOperationError naming the field and the item.
 */
import { InputError } from './inputError';

export const MAX_TIMEOUT_MS = 600_000;

/** The instance name goes into the URL path, so traversal and separators are refused. */
export function validateInstance(value: unknown, fallback: unknown): string {
	const own = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value).trim();
	const instance = own !== '' ? own : typeof fallback === 'string' ? fallback.trim() : '';
	if (instance === '') {
		throw new InputError(
			'Instance',
			'No instance name is set',
			'Enter the instance name in the Instance field, or set a default instance in the RyzeAPI credential',
		);
	}
	if (/[/\\?#]|\.\.|%2f|%5c|%2e%2e|%3f|%23/i.test(instance) || instance === '.') {
		throw new InputError(
			'Instance',
			`Instance "${shorten(instance)}" contains a character that is not allowed in an instance name (/, \\, .., ?, # or an encoded slash)`,
			'Use the instance name exactly as RyzeAPI shows it, e.g. my-instance',
		);
	}
	if ([...instance].some((char) => char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127)) {
		throw new InputError('Instance', 'Instance contains control characters', 'Remove line breaks and tabs from the instance name');
	}
	if (instance.length > 100) {
		throw new InputError('Instance', 'Instance name is longer than 100 characters', 'Use the instance name exactly as RyzeAPI shows it');
	}
	return instance;
}

const INVITE_HOSTS = ['chat.whatsapp.com', 'www.chat.whatsapp.com'];

/** A group JID, an invite code or an invite link. */
export function validateGroup(value: unknown): string {
	// A group id is 18+ digits: as a JavaScript number it has already lost its last digits,
	// and would name another group.
	if (typeof value === 'number' && !Number.isSafeInteger(value)) {
		throw new InputError(
			'Group',
			`Group ${String(value)} was given as a number too large to be exact`,
			'Pass the group as text, e.g. "120363406289005073@g.us" (in an expression: String(…) or a JSON string)',
		);
	}
	const group = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (group === '') {
		throw new InputError(
			'Group',
			'Group is empty',
			'Enter the group JID (e.g. 120363406289005073@g.us), its invite code or its invite link',
		);
	}
	if (/\s/.test(group)) {
		throw new InputError(
			'Group',
			`Group "${shorten(group)}" contains spaces`,
			'A group JID, invite code or invite link has no spaces; copy it again without them',
		);
	}
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(group)) {
		const url = parseUrl(group);
		if (!url) {
			throw new InputError('Group', `Group "${shorten(group)}" is not a valid link`, 'Use a link like https://chat.whatsapp.com/ABC123XYZ');
		}
		if (!INVITE_HOSTS.includes(url.hostname.toLowerCase()) || !/^\/[A-Za-z0-9_-]+\/?$/.test(url.pathname)) {
			throw new InputError(
				'Group',
				`Group link "${shorten(group)}" is not a WhatsApp invite link`,
				'Use a link like https://chat.whatsapp.com/ABC123XYZ, the group JID (…@g.us) or the invite code',
			);
		}
		return group;
	}
	if (group.includes('@')) {
		if (!/^[\d-]+@g\.us$/i.test(group)) {
			throw new InputError(
				'Group',
				`Group "${shorten(group)}" is not a group JID`,
				'A group JID ends in @g.us, e.g. 120363406289005073@g.us; a person (@s.whatsapp.net or @lid) belongs in Participants',
			);
		}
		return group.toLowerCase();
	}
	if (!/^[A-Za-z0-9_-]+$/.test(group)) {
		throw new InputError(
			'Group',
			`Group "${shorten(group)}" is neither a group JID, an invite code nor an invite link`,
			'Use the group JID (…@g.us), its invite code (letters and digits) or https://chat.whatsapp.com/<code>',
		);
	}
	// A bare group id (digits) is sent as its JID.
	if (/^\d{15,}$/.test(group)) return `${group}@g.us`;
	return group;
}

/** What a read (join requests, members, invite link, reset) waits when Options → Timeout is 0. */
export const READ_TIMEOUT_MS = 30_000;
export const MIN_TIMEOUT_MS = 1000;

/**
 * The one timeout rule of every operation: Options → Timeout in ms, 0 or empty
 * for `defaultMs`, otherwise a whole number from 1000 to 600000.
 */
export function readTimeout(value: unknown, defaultMs: number, context: { label?: string; why?: string } = {}): number {
	if (value === undefined || value === null || value === '' || value === 0) return defaultMs;
	const ms = typeof value === 'number' ? value : Number(value);
	const byDefault = `the default (${defaultMs} ms${context.label ?? ''})`;
	if (!Number.isFinite(ms) || ms < 0 || !Number.isInteger(ms)) {
		throw new InputError(
			'Timeout',
			`Timeout "${String(value)}" is not a whole, positive number of milliseconds`,
			`Leave it at 0 for ${byDefault} or enter e.g. 120000`,
		);
	}
	if (ms < MIN_TIMEOUT_MS || ms > MAX_TIMEOUT_MS) {
		const hint = context.why ? `${context.why}; leave it at 0 for ${byDefault}` : `Leave it at 0 for ${byDefault}`;
		throw new InputError('Timeout', `Timeout ${ms} ms is outside ${MIN_TIMEOUT_MS}–${MAX_TIMEOUT_MS} ms`, hint);
	}
	return ms;
}

/** The credential's Base URL: http or https, no query, trailing slashes dropped. */
export function validateBaseUrl(value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	const field = 'Base URL (credential)';
	if (text === '') {
		throw new InputError(field, 'The credential has no Base URL', 'Set it to https://ryzeapi.cloud, or the address of your RyzeAPI server');
	}
	if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
		throw new InputError(field, `Base URL "${shorten(text)}" has no scheme`, `Write it with https://, e.g. https://${shorten(text)}`);
	}
	const url = parseUrl(text);
	if (!url) {
		throw new InputError(field, `Base URL "${shorten(text)}" is not a valid URL`, 'Use e.g. https://ryzeapi.cloud');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new InputError(
			field,
			`Base URL scheme "${url.protocol}" is not supported`,
			'Only http:// and https:// are accepted, e.g. https://ryzeapi.cloud',
		);
	}
	if (url.username || url.password) {
		throw new InputError(field, 'Base URL must not contain a user name or password', 'Put the token in the Token field of the credential');
	}
	if (url.search || url.hash) {
		throw new InputError(
			field,
			'Base URL must not contain a query or a fragment',
			'Use only the scheme, host and optional path, e.g. https://ryzeapi.cloud',
		);
	}
	// A path prefix (a reverse proxy) is kept; "/api" itself is added by the node.
	const path = url.pathname.replace(/\/+$/, '').replace(/\/api$/i, '');
	return `${url.protocol}//${url.host}${path}`;
}

/**
 * The token itself is never shown; only whether it is present and sendable. It
 * travels as a header exactly as stored, so a line break or a control character
 * (a paste accident) would make every call fail before it is sent.
 */
export function validateTokenPresent(value: unknown): void {
	const field = 'Token (credential)';
	if (typeof value !== 'string' || value.trim() === '') {
		throw new InputError(
			field,
			'The RyzeAPI credential has no token',
			"Paste your TokenInstance (or TokenAccount) into the credential's Token field",
		);
	}
	for (let index = 0; index < value.length; index++) {
		const code = value.charCodeAt(index);
		if (code < 32 || code === 127 || code > 255) {
			const what = code === 10 || code === 13 ? 'a line break' : code > 255 ? 'a character outside Latin-1' : 'a control character';
			throw new InputError(
				field,
				`The token in the RyzeAPI credential contains ${what}, so it cannot be sent as a header; nothing was sent`,
				'Open the credential and paste the token again, without line breaks or spaces around it',
			);
		}
	}
	if (value !== value.trim()) {
		throw new InputError(
			field,
			'The token in the RyzeAPI credential starts or ends with a space; nothing was sent',
			'Open the credential and paste the token again, without spaces around it',
		);
	}
}

function parseUrl(text: string): URL | null {
	return URL.canParse(text) ? new URL(text) : null;
}

function shorten(text: string): string {
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
