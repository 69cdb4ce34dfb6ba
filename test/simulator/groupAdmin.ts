/**
 * The group routes that change a group or the instance's place in it, from the contract
 * (test/contract/ryzeapi.groupAdmin.ts), with the same checks in the same order as
 * groupRoutes.ts: token/instance, connection, input (400), group (404), role (403).
 *
 *   PUT    /api/group/update/:instance  {identifier, name?, description?, image?, removeImage?, groupSettings?}
 *          a partial update; the same values change nothing; members may edit name,
 *          description and picture while the info is not locked, settings need an admin
 *   POST   /api/group/create/:instance  {name, participants[], description?, image?, communityJid?, groupSettings?}
 *          201; the instance is super admin; people who cannot be added (the add rules of
 *          participants.ts) come back in failedParticipants; no event
 *   POST   /api/group/join/:instance    {identifier: code or link, never a JID}
 *          joins (group.flow joined), or queues a join request when the group requires approval
 *   DELETE /api/group/leave/:instance?identifier=   the instance leaves (group.flow left)
 */
import { GROUP_CREATE, GROUP_JOIN, GROUP_LEAVE, GROUP_UPDATE } from '../contract/ryzeapi';

import { hasText, jsonObject, openGroup, openInstance, selfJid, type GroupRequest } from './groupAccess';
import { applyGroupPatch, groupInfo, patchIsEmpty, patchTouchesSettings, readPatch } from './groupSettings';
import { fail, ok, type ApiResult } from './http';
import { MESSAGES } from './messages';
import { applyParticipantAction } from './participants';
import { identifierKey, randomCode } from './state';
import type { Group } from './types';

/** PUT /api/group/update/:instance */
export function update(req: GroupRequest): ApiResult {
	const opened = openInstance(req);
	if ('error' in opened) return opened.error;
	const body = jsonObject(req.body);
	if (!body) return fail(400, MESSAGES.invalidBody);
	if (!hasText(body.identifier)) return fail(400, MESSAGES.identifierRequired);
	const patch = readPatch(body);
	if (!patch) return fail(400, MESSAGES.invalidBody);
	if (patchIsEmpty(patch)) return fail(400, MESSAGES.nothingToUpdate);
	if (patch.name !== undefined && patch.name.trim() === '') return fail(400, MESSAGES.emptyName);
	const access = openGroup(req, opened.instance, body.identifier);
	if ('error' in access) return access.error;
	const { group, role } = access;
	const membersMayEdit = GROUP_UPDATE.membersEditInfoWhenUnlocked.value && group.settings.membersCanEditInfo;
	if (role === 'member' && (patchTouchesSettings(patch) || !membersMayEdit)) return fail(403, MESSAGES.updateMustBeAdmin);
	const updated = applyGroupPatch(req.state, group, patch, selfJid(opened.instance));
	const { message } = GROUP_UPDATE;
	return ok({
		message: updated.length > 0 ? `${message.value.updated}${updated.join(', ')}` : message.value.unchanged,
		group: groupInfo(group, role),
	});
}

const CreateExtras = GROUP_CREATE.body.value.pick({ description: true, image: true, communityJid: true, groupSettings: true });

/** POST /api/group/create/:instance */
export function create(req: GroupRequest): ApiResult {
	const opened = openInstance(req);
	if ('error' in opened) return opened.error;
	const { instance } = opened;
	const body = jsonObject(req.body);
	if (!body) return fail(400, MESSAGES.invalidBody);
	if (!hasText(body.name)) return fail(400, MESSAGES.nameRequired);
	if (!Array.isArray(body.participants) || body.participants.length === 0) return fail(400, MESSAGES.participantsRequired);
	const extras = CreateExtras.safeParse(body);
	if (!extras.success) return fail(400, MESSAGES.invalidBody);
	const { description, image, groupSettings } = extras.data;
	const group: Group = {
		jid: req.state.newGroupJid(),
		name: body.name,
		description: description ?? '',
		inviteCode: randomCode(22),
		createdBy: selfJid(instance),
		settings: { ...GROUP_CREATE.defaultSettings.value, ...groupSettings },
		members: [{ jid: selfJid(instance), lid: instance.lid ?? null, isAdmin: true, isSuperAdmin: true }],
		pending: [],
		image: image ?? null,
	};
	// WhatsApp adds each person as an add would (the same rules and failures); no group.flow: the group is new.
	const entries = body.participants.map((participant) => applyParticipantAction(req.state, group, 'add', participant));
	req.state.groups.push(group);
	return {
		status: GROUP_CREATE.status.value,
		body: {
			success: true,
			message: GROUP_CREATE.message.value,
			group: groupInfo(group, 'superadmin'),
			failedParticipants: entries.filter((entry) => !entry.success),
		},
	};
}

const INVITE_CODE = /^[A-Za-z0-9_-]{1,64}$/;

/** POST /api/group/join/:instance */
export function join(req: GroupRequest): ApiResult {
	const opened = openInstance(req);
	if ('error' in opened) return opened.error;
	const { instance } = opened;
	const body = jsonObject(req.body);
	if (!body) return fail(400, MESSAGES.invalidBody);
	// A missing identifier, a JID (GROUP_JOIN.acceptsJid is false) or anything that is not a code: one documented text.
	const code = hasText(body.identifier) ? identifierKey(body.identifier) : '';
	if (!INVITE_CODE.test(code)) return fail(400, MESSAGES.invalidInvite);
	const group = req.state.groups.find((candidate) => candidate.inviteCode === code);
	if (!group) return req.state.revokedGroup(code) ? fail(400, MESSAGES.inviteRevoked) : fail(404, MESSAGES.joinGroupNotFound);
	const joined = { message: GROUP_JOIN.message.value.joined, groupJid: group.jid, requiresApproval: false };
	// "repeated calls on an open group return the same groupJid"
	if (req.state.roleOf(group, instance)) return ok(joined);
	if (group.settings.requireAdminApproval && GROUP_JOIN.queuedWhenApprovalRequired.value) {
		if (!group.pending.some((request) => request.phone === instance.number)) {
			const lid = instance.lid ?? `${instance.number}@lid`;
			group.pending.push({ lid, phone: instance.number, requestedAt: new Date().toISOString() });
		}
		return ok({ message: GROUP_JOIN.message.value.queued, groupJid: group.jid, requiresApproval: true });
	}
	req.state.changeMembers(group, () => {
		group.members.push({ jid: selfJid(instance), lid: instance.lid ?? null, isAdmin: false, isSuperAdmin: false });
	});
	return ok(joined);
}

/** DELETE /api/group/leave/:instance?identifier= (JID, code or link) */
export function leave(req: GroupRequest): ApiResult {
	const opened = openInstance(req);
	if ('error' in opened) return opened.error;
	const identifier = req.query.get('identifier');
	if (!hasText(identifier)) return fail(400, MESSAGES.identifierRequired);
	const access = openGroup(req, opened.instance, identifier);
	// Already left: 404, as the page says ("Idempotent: yes (… returns 404)").
	if ('error' in access) return access.error;
	const { group } = access;
	const self = selfJid(opened.instance);
	req.state.changeMembers(group, () => {
		group.members = group.members.filter((member) => member.jid !== self);
	});
	return ok({ message: GROUP_LEAVE.message.value, groupJid: group.jid });
}
