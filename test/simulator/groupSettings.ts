/**
 * Changing a group's metadata, shared by `PUT /api/group/update`, `POST /api/group/resetLink`
 * and the control route `POST /__sim/group-update`: the partial update (only the fields
 * sent, and inside `groupSettings` only the keys sent; the same values change nothing),
 * the invite reset (the old code is revoked), and the settings changes they deliver
 * (group.flow: name, topic, announce, locked, link; test/contract/ryzeapi.deliveries.ts).
 */
import { GROUP_SETTINGS_KEYS, GROUP_UPDATE, SETTINGS_EVENTS, type GroupSettingsBody } from '../contract/ryzeapi';

import type { SettingChange } from './eventShapes';
import { inviteLink, randomCode, type SimulatorState } from './state';
import type { Group, GroupRole } from './types';

/** What may change: Update Group's body without `identifier`. */
export interface GroupPatch {
	name?: string;
	description?: string;
	image?: string;
	removeImage?: boolean;
	groupSettings?: Partial<GroupSettingsBody>;
}

const PatchSchema = GROUP_UPDATE.body.value.omit({ identifier: true });

/** The patch in a body, or null when a field has the wrong type (unknown fields are ignored). */
export function readPatch(body: Record<string, unknown>): GroupPatch | null {
	const parsed = PatchSchema.safeParse(body);
	return parsed.success ? parsed.data : null;
}

/** Does the patch name anything to change? */
export const patchIsEmpty = (patch: GroupPatch): boolean =>
	patch.name === undefined &&
	patch.description === undefined &&
	patch.image === undefined &&
	patch.removeImage !== true &&
	Object.keys(patch.groupSettings ?? {}).length === 0;

/** Does the patch touch the settings (admins only), or only name/description/picture? */
export const patchTouchesSettings = (patch: GroupPatch): boolean => Object.keys(patch.groupSettings ?? {}).length > 0;

/**
 * Applies the patch and delivers the settings changes it made. Returns the fields
 * actually updated (name, description, image, then the settings keys), in that order.
 */
export function applyGroupPatch(state: SimulatorState, group: Group, patch: GroupPatch, author: string | null): string[] {
	const updated: string[] = [];
	const changes: SettingChange[] = [];
	const kinds = SETTINGS_EVENTS.byField.value;
	if (patch.name !== undefined && patch.name !== group.name) {
		group.name = patch.name;
		updated.push('name');
		changes.push({ kind: kinds.name, value: group.name, author });
	}
	if (patch.description !== undefined && patch.description !== group.description) {
		group.description = patch.description;
		updated.push('description');
		changes.push({ kind: kinds.description, value: group.description, author });
	}
	// removeImage "takes precedence over image".
	const image = patch.removeImage === true ? null : patch.image;
	if (image !== undefined && image !== (group.image ?? null)) {
		group.image = image;
		updated.push('image');
	}
	for (const key of GROUP_SETTINGS_KEYS) {
		const value = patch.groupSettings?.[key];
		if (value === undefined || value === group.settings[key]) continue;
		group.settings[key] = value;
		updated.push(key);
		if (key === 'membersCanSendMessages') changes.push({ kind: kinds.membersCanSendMessages, value: !value, author });
		if (key === 'membersCanEditInfo') changes.push({ kind: kinds.membersCanEditInfo, value: !value, author });
	}
	state.settingsChanged(group, changes);
	return updated;
}

/** Revokes the invite code, issues a new one and delivers the new link (to admin instances). */
export function resetInvite(state: SimulatorState, group: Group, author: string | null): string {
	group.revokedCodes = [...(group.revokedCodes ?? []), group.inviteCode];
	group.inviteCode = randomCode(22);
	state.settingsChanged(group, [{ kind: 'link', value: inviteLink(group.inviteCode), author }]);
	return group.inviteCode;
}

/** GroupInfo, the create and update routes' answer (the invite for admins only). */
export function groupInfo(group: Group, role: GroupRole | null): Record<string, unknown> {
	const admin = role === 'admin' || role === 'superadmin';
	return {
		name: group.name,
		jid: group.jid,
		description: group.description,
		inviteCode: admin ? group.inviteCode : null,
		inviteLink: admin ? inviteLink(group.inviteCode) : null,
		createdBy: group.createdBy,
		participantCount: group.members.length,
		participants: group.members.map(({ jid, isAdmin, isSuperAdmin }) => ({ jid, isAdmin, isSuperAdmin })),
		groupSettings: { ...group.settings },
	};
}
