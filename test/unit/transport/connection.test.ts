/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * Issue 22 point 3: one connection reader and one field-error converter for every
 * context n8n gives the node. Each context reads the same connection — the
 * redactor knows the Base URL's secret path in all of them (the triggers' copy did
 * not) — and a refused credential reads the same words everywhere, with the item
 * where items apply.
 */
import { NodeOperationError, type INode } from 'n8n-workflow';

import { readConnection, type CredentialContext } from '../../../nodes/RyzeApi/transport/connection';
import { fieldError, InputError } from '../../../nodes/RyzeApi/helpers/inputError';

const BASE_URL = 'http://127.0.0.1:8/tenant-secret-prefix-9f8e7d';
const TOKEN = 'ryze-token-0123456789';
const node: INode = { id: 'n', name: 'RyzeAPI', type: 'n8n-nodes-ryzeapi.ryzeApi', typeVersion: 1.1, position: [0, 0], parameters: {} };

/**
 * Any context n8n gives (execute, load options, poll, hook, webhook): the reader
 * uses only what they all have, getCredentials and getNode. The real contexts go
 * through it in test/integration/transport/connection.test.ts.
 */
const contextOf = (credentials: Record<string, unknown>) =>
	({ getNode: () => node, getCredentials: async () => ({ ...credentials }) }) as unknown as CredentialContext;

describe('readConnection, in any context', () => {
	it('checks the Base URL, keeps its path, and builds the redactor with it and the token', async () => {
		const conn = await readConnection(contextOf({ baseUrl: `${BASE_URL}/api/`, token: TOKEN, instance: 'sandbox' }));
		expect({ baseUrl: conn.baseUrl, token: conn.token, defaultInstance: conn.defaultInstance }).toEqual({
			baseUrl: BASE_URL,
			token: TOKEN,
			defaultInstance: 'sandbox',
		});
		expect(conn.redact(`Cannot GET /tenant-secret-prefix-9f8e7d/api/group/requests/sandbox (token ${TOKEN})`)).toBe(
			'Cannot GET [redacted]/api/group/requests/sandbox (token [redacted])',
		);
		expect(conn.laneKey.startsWith(`${BASE_URL} `)).toBe(true);
		expect(conn.laneKey).not.toContain(TOKEN);
	});

	it('a missing token or a bad Base URL: the field, the hint, no item', async () => {
		const noToken = await readConnection(contextOf({ baseUrl: BASE_URL, token: ' ' })).catch((error: unknown) => error);
		expect(noToken).toBeInstanceOf(NodeOperationError);
		expect((noToken as Error).message).toBe('Token (credential): The RyzeAPI credential has no token');
		const badUrl = await readConnection(contextOf({ baseUrl: 'ftp://x', token: TOKEN })).catch((error: unknown) => error);
		expect((badUrl as Error).message).toBe('Base URL (credential): Base URL scheme "ftp:" is not supported');
	});
});

describe('readConnection in a run names the item where it reads the credential', () => {
	it('"[item 0]", with the same words', async () => {
		const error = await readConnection(contextOf({ baseUrl: BASE_URL, token: '' }), 0).catch((thrown: unknown) => thrown);
		expect((error as Error).message).toBe('Token (credential): The RyzeAPI credential has no token [item 0]');
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(0);
	});
});

describe('fieldError: the one converter of a refused input', () => {
	const refused = new InputError('Group', 'Group is empty', 'Enter the group JID');
	const ctx = { getNode: () => node };

	it('names the field, and the item where one applies; the hint is the description', () => {
		expect(fieldError(ctx, refused, 3)).toMatchObject({ message: 'Group: Group is empty [item 3]', description: 'Enter the group JID' });
		expect(fieldError(ctx, refused, 3).context.itemIndex).toBe(3);
		expect(fieldError(ctx, refused)).toMatchObject({ message: 'Group: Group is empty', description: 'Enter the group JID' });
		expect(fieldError(ctx, refused).context.itemIndex).toBeUndefined();
	});

	it('anything else keeps its own message', () => {
		expect(fieldError(ctx, new Error('boom'), 1).message).toBe('boom');
	});
});
