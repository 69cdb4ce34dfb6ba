/**
 * Group endpoints: participants, join requests, invite link reset, group info, group list.
 * Each runs the same checks in the same order: token/instance (401/403/404),
 * connection (503), input (400), group (404), role (403).
 */
import { ACTION_NOTES, ACTIONS_CONTRACT } from '../contract/ryzeapi';

import { authorizeInstance } from './auth';
import { fail, isRecord, ok, type ApiResult, type ParsedBody } from './http';
import { MESSAGES } from './messages';
import { applyParticipantAction, isAction } from './participants';
import { inviteLink, randomCode, type SimulatorState } from './state';
import type { Group, GroupRole, Instance, SimulatorConfig } from './types';

export interface GroupRequest {
	state: SimulatorState;
	config: SimulatorConfig;
	instanceName: string;
	token: string | undefined;
	query: URLSearchParams;
	body: ParsedBody;
}

type Access = { instance: Instance; group: Group; role: GroupRole };

/** Token, instance and connection checks. */
function openInstance(req: GroupRequest): { instance: Instance } | { error: ApiResult } {
	const auth = authorizeInstance(req.state, req.token, req.instanceName);
	if ('error' in auth) return auth;
	if (!auth.instance.connected) return { error: fail(503, MESSAGES.notConnected) };
	return auth;
}

/** Group lookup: 404 unless the group exists and the instance is in it. */
function openGroup(req: GroupRequest, instance: Instance, identifier: string): Access | { error: ApiResult } {
	const group = req.state.resolveGroup(identifier);
	const role = group ? req.state.roleOf(group, instance) : null;
	if (!group || !role) return { error: fail(404, MESSAGES.groupNotFound) };
	return { instance, group, role };
}

const hasText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function jsonObject(body: ParsedBody): Record<string, unknown> | null {
	if (!body.ok) return null;
	if (body.value === undefined) return {};
	return isRecord(body.value) ? body.value : null;
}

/** POST /api/group/participants/:instance `{ action, identifier, participants }` */
export function participants(req: GroupRequest): ApiResult {
	const opened = openInstance(req);
	if ('error' in opened) return opened.error;
	const body = jsonObject(req.body);
	if (!body) return fail(400, MESSAGES.invalidBody);
	const { action, identifier, participants: sent } = body;
	if (!isAction(action)) return fail(400, MESSAGES.invalidAction);
	if (!Array.isArray(sent) || sent.length === 0) return fail(400, MESSAGES.participantsRequired);
	if (!hasText(identifier)) return fail(400, MESSAGES.identifierRequired);
	const access = openGroup(req, opened.instance, identifier);
	if ('error' in access) return access.error;
	const { group, role } = access;
	if (role === 'member') return fail(403, MESSAGES.mustBeAdmin);
	if (ACTIONS_CONTRACT[action].permission === 'superadmin' && role !== 'superadmin') {
		return fail(403, MESSAGES.mustBeSuperAdmin);
	}
	const settles = ACTION_NOTES.settleNeedsAdminApproval.value.includes(action);
	if (settles && !group.settings.requireAdminApproval) return fail(400, MESSAGES.noAdminApproval);

	const entries = req.state.changeMembers(group, () =>
		sent.map((participant) => applyParticipantAction(req.state, group, action, participant)),
	);
	const succeeded = entries.filter((entry) => entry.success).length;
	return {
		...ok({
			message: `Participants updated: ${succeeded} succeeded, ${entries.length - succeeded} failed`,
			groupJid: group.jid,
			action,
			participants: entries,
		}),
		delayMs: settles ? req.config.approveLatencyMs : 0,
	};
}

/** GET /api/group/requests/:instance?identifier= */
export function requests(req: GroupRequest): ApiResult {
	const opened = openInstance(req);
	if ('error' in opened) return opened.error;
	const identifier = req.query.get('identifier');
	if (!hasText(identifier)) return fail(400, MESSAGES.identifierRequired);
	const access = openGroup(req, opened.instance, identifier);
	if ('error' in access) return access.error;
	if (access.role === 'member') return fail(403, MESSAGES.requestsMustBeAdmin);
	const pending = access.group.pending.map((request) => ({
		jid: request.lid,
		phoneNumber: request.phone ? `${request.phone}@s.whatsapp.net` : null,
		requestedAt: request.requestedAt,
	}));
	return ok({
		message: `${pending.length} pending requests found`,
		groupJid: access.group.jid,
		requests: pending,
		meta: { total: pending.length },
	});
}

/** POST /api/group/resetLink/:instance `{ identifier }` */
export function resetLink(req: GroupRequest): ApiResult {
	const opened = openInstance(req);
	if ('error' in opened) return opened.error;
	const body = jsonObject(req.body);
	if (!body) return fail(400, MESSAGES.invalidBody);
	if (!hasText(body.identifier)) return fail(400, MESSAGES.identifierRequired);
	const access = openGroup(req, opened.instance, body.identifier);
	if ('error' in access) return access.error;
	if (access.role === 'member') return fail(403, MESSAGES.resetLinkMustBeAdmin);
	access.group.inviteCode = randomCode(22);
	return ok({
		message: 'Group invite link reset successfully',
		groupJid: access.group.jid,
		inviteCode: access.group.inviteCode,
		inviteLink: inviteLink(access.group.inviteCode),
	});
}

/** GET /api/group/info/:instance?identifier=&participants=false */
export function info(req: GroupRequest): ApiResult {
	const opened = openInstance(req);
	if ('error' in opened) return opened.error;
	const identifier = req.query.get('identifier');
	if (!hasText(identifier)) return fail(400, MESSAGES.identifierRequired);
	const access = openGroup(req, opened.instance, identifier);
	if ('error' in access) return access.error;
	const { group, role } = access;
	const isAdmin = role !== 'member';
	const withParticipants = !/^(false|0|no)$/i.test(req.query.get('participants') ?? '');
	return ok({
		message: 'Group found',
		group: {
			jid: group.jid,
			name: group.name,
			description: group.description,
			inviteCode: isAdmin ? group.inviteCode : null,
			inviteLink: isAdmin ? inviteLink(group.inviteCode) : null,
			createdBy: group.createdBy,
			participantCount: group.members.length,
			groupSettings: { ...group.settings },
			...(withParticipants
				? {
						participants: group.members.map(({ jid, lid, isAdmin: admin, isSuperAdmin }) => ({
							jid,
							lid,
							isAdmin: admin,
							isSuperAdmin,
						})),
					}
				: {}),
		},
	});
}

/**
 * GET /api/group/list/:instance: the groups the instance is in, without their member
 * lists (RyzeAPI's shape is undocumented; this one is `{ groups: [GroupInfo…] }`).
 */
export function list(req: GroupRequest): ApiResult {
	const opened = openInstance(req);
	if ('error' in opened) return opened.error;
	const { instance } = opened;
	const groups = req.state.groups
		.map((group) => ({ group, role: req.state.roleOf(group, instance) }))
		.filter((entry): entry is { group: Group; role: GroupRole } => entry.role !== null)
		.map(({ group, role }) => ({
			jid: group.jid,
			name: group.name,
			description: group.description,
			createdBy: group.createdBy,
			participantCount: group.members.length,
			isAdmin: role !== 'member',
			isSuperAdmin: role === 'superadmin',
			groupSettings: { ...group.settings },
		}));
	return ok({ message: `${groups.length} groups found`, groups });
}
