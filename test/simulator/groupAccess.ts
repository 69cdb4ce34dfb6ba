/**
 * What every group route (and Send Text) checks first, in the same order: token and
 * instance (401/403/404), connection (503), then the group (404) and the instance's
 * role in it. Plus the small body helpers they share.
 */
import { authorizeInstance } from './auth';
import { fail, isRecord, type ApiResult, type ParsedBody } from './http';
import { MESSAGES } from './messages';
import type { SimulatorState } from './state';
import type { Group, GroupRole, Instance, SimulatorConfig } from './types';

export interface GroupRequest {
	state: SimulatorState;
	config: SimulatorConfig;
	instanceName: string;
	token: string | undefined;
	query: URLSearchParams;
	body: ParsedBody;
}

export type Access = { instance: Instance; group: Group; role: GroupRole };

/** Token, instance and connection checks. */
export function openInstance(req: GroupRequest): { instance: Instance } | { error: ApiResult } {
	const auth = authorizeInstance(req.state, req.token, req.instanceName);
	if ('error' in auth) return auth;
	if (!auth.instance.connected) return { error: fail(503, MESSAGES.notConnected) };
	return auth;
}

/** Group lookup: 404 unless the group exists and the instance is in it. */
export function openGroup(req: GroupRequest, instance: Instance, identifier: string): Access | { error: ApiResult } {
	const group = req.state.resolveGroup(identifier);
	const role = group ? req.state.roleOf(group, instance) : null;
	if (!group || !role) return { error: fail(404, MESSAGES.groupNotFound) };
	return { instance, group, role };
}

export const hasText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** The JSON object of the body ({} when empty), or null when it is not one. */
export function jsonObject(body: ParsedBody): Record<string, unknown> | null {
	if (!body.ok) return null;
	if (body.value === undefined) return {};
	return isRecord(body.value) ? body.value : null;
}

/** The instance's own phone JID, as groups list it. */
export const selfJid = (instance: Instance): string => `${instance.number}@s.whatsapp.net`;
