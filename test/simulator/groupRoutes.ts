/**
 * Group endpoints: participants, join requests, invite link reset, group info, group list
 * (update, create, join, leave: groupAdmin.ts). Each runs the same checks in the same
 * order: token/instance (401/403/404), connection (503), input (400), group (404), role (403).
 */
import { ACTION_NOTES, ACTIONS_CONTRACT, GROUP_INFO } from '../contract/ryzeapi';

import { hasText, jsonObject, openGroup, openInstance, selfJid, type GroupRequest } from './groupAccess';
import { resetInvite } from './groupSettings';
import { fail, ok, type ApiResult } from './http';
import { MESSAGES } from './messages';
import { applyParticipantAction, isAction } from './participants';
import { identifierKey, inviteLink } from './state';
import type { Group, GroupRole } from './types';

export type { GroupRequest } from './groupAccess';

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
	resetInvite(req.state, access.group, selfJid(opened.instance));
	return ok({
		message: 'Group invite link reset successfully',
		groupJid: access.group.jid,
		inviteCode: access.group.inviteCode,
		inviteLink: inviteLink(access.group.inviteCode),
	});
}

/**
 * A group the instance is not in, named by its invite code or link: "To preview the group
 * without joining, use GET /info with the link as the identifier" (Join Group page). By JID
 * it stays 404 ("… or you are not a member of this group").
 */
function previewByLink(req: GroupRequest, identifier: string): Group | null {
	if (!GROUP_INFO.previewByLink.value || identifierKey(identifier).endsWith('@g.us')) return null;
	return req.state.resolveGroup(identifier) ?? null;
}

/** GET /api/group/info/:instance?identifier=&participants=false (a non-member may preview by code or link) */
export function info(req: GroupRequest): ApiResult {
	const opened = openInstance(req);
	if ('error' in opened) return opened.error;
	const identifier = req.query.get('identifier');
	if (!hasText(identifier)) return fail(400, MESSAGES.identifierRequired);
	const found = openGroup(req, opened.instance, identifier);
	const preview = 'error' in found ? previewByLink(req, identifier) : null;
	if ('error' in found && !preview) return found.error;
	const { group, role } = 'error' in found ? { group: preview as Group, role: null } : found;
	const isAdmin = role === 'admin' || role === 'superadmin';
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
			...(group.image ? { image: group.image } : {}),
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
