/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * Token handling. A token is read from the `token` header (or
 * `Authorization: Bearer <token>`) and is never logged, echoed or recorded.
 */
import type { IncomingHttpHeaders } from 'node:http';

import { fail, type ApiResult } from './http';
import { MESSAGES } from './messages';
import type { SimulatorState } from './state';
import type { Instance } from './types';

export function extractToken(headers: IncomingHttpHeaders): string | undefined {
	const header = headers.token;
	const token = (Array.isArray(header) ? header[0] : header)?.trim();
	if (token) return token;
	const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
	return bearer ? bearer[1] : undefined;
}

/** 401 for a missing or unknown token, or null when the token is valid. */
export function checkToken(state: SimulatorState, token: string | undefined): ApiResult | null {
	const kind = state.tokenKind(token);
	if (kind === 'missing') return fail(401, MESSAGES.missingToken);
	if (kind === 'invalid') return fail(401, MESSAGES.invalidToken);
	return null;
}

/**
 * Resolves the instance named in the path for this token. A TokenInstance only
 * opens its own instance (403 otherwise); a TokenAccount opens every instance it
 * owns (404 for any other name).
 */
export function authorizeInstance(
	state: SimulatorState,
	token: string | undefined,
	name: string,
): { instance: Instance } | { error: ApiResult } {
	const tokenError = checkToken(state, token);
	if (tokenError || !token) return { error: tokenError ?? fail(401, MESSAGES.missingToken) };
	const own = state.instanceByToken(token);
	if (own) return own.name === name ? { instance: own } : { error: fail(403, MESSAGES.instanceMismatch) };
	const account = state.accountByToken(token);
	const instance = account?.instances.includes(name) ? state.instance(name) : undefined;
	return instance ? { instance } : { error: fail(404, MESSAGES.instanceNotFound) };
}
