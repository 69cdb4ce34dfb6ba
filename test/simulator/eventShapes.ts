/**
 * The `data` of each delivery, in the shape chosen with `POST /__sim/flow-shape`.
 * RyzeAPI documents the envelope and the event names, not `data` (reference §7.6,
 * §11.10); the forms and what they carry come from the contract
 * (test/contract/ryzeapi.deliveries.ts):
 *
 *   member change   consumer {type, groupJid, groupName, participants: [{jid, lid, phoneNumber}], timestamp}
 *                   baileys  {id, author, action: add|remove|promote|demote, participants}
 *                   whatsmeow {JID, Name, Timestamp, Join|Leave|Promote|Demote}
 *   settings change consumer {type: name|topic|announce|locked|link, groupJid, groupName, author, value, participants: [], timestamp}
 *                   baileys  {id, author, subject|desc|announce|restrict|inviteCode}
 *                   whatsmeow {JID, Sender, Timestamp, Name|Topic|Announce|Locked|NewInviteLink}
 *   instance.state  {state, timestamp} (one form)
 */
import { SETTINGS_EVENTS, type InstanceEventState, type SettingKind } from '../contract/ryzeapi';

import type { Group, Member } from './types';

export type FlowShape = 'consumer' | 'baileys' | 'whatsmeow';
export const FLOW_SHAPES: FlowShape[] = ['consumer', 'baileys', 'whatsmeow'];
export type FlowKind = 'joined' | 'left' | 'promoted' | 'demoted';

export interface FlowPerson {
	/** Phone JID when known, else the LID. */
	jid: string;
	lid: string | null;
}

/** One change of a group's settings, as delivered. */
export interface SettingChange {
	kind: SettingKind;
	/** name/topic: the new text; announce/locked: true when admins only; link: the new invite link. */
	value: string | boolean;
	/** Who made it (a phone JID), null when not known. */
	author: string | null;
}

const BAILEYS_ACTION: Record<FlowKind, string> = { joined: 'add', left: 'remove', promoted: 'promote', demoted: 'demote' };
const WHATSMEOW_LIST: Record<FlowKind, string> = { joined: 'Join', left: 'Leave', promoted: 'Promote', demoted: 'Demote' };

/** The `data` of one member change (group.flow), in the chosen shape. */
export function flowData(shape: FlowShape, group: Group, type: FlowKind, people: FlowPerson[], at: Date): Record<string, unknown> {
	if (shape === 'baileys') {
		return { id: group.jid, author: null, action: BAILEYS_ACTION[type], participants: people.map((p) => p.jid) };
	}
	if (shape === 'whatsmeow') {
		return { JID: group.jid, Name: { Name: group.name }, Timestamp: at.toISOString(), [WHATSMEOW_LIST[type]]: people.map((p) => p.jid) };
	}
	return {
		type,
		groupJid: group.jid,
		groupName: group.name,
		participants: people.map((p) => ({
			jid: p.jid,
			lid: p.lid,
			phoneNumber: p.jid.endsWith('@s.whatsapp.net') ? p.jid : null,
		})),
		timestamp: at.toISOString(),
	};
}

/** whatsmeow's value of one change: GroupName, GroupTopic, GroupAnnounce, GroupLocked, or the link itself. */
function whatsmeowValue(change: SettingChange, at: string): unknown {
	switch (change.kind) {
		case 'name':
			return { Name: change.value, NameSetAt: at, NameSetBy: change.author };
		case 'topic':
			return { Topic: change.value, TopicSetAt: at, TopicSetBy: change.author, TopicDeleted: change.value === '' };
		case 'announce':
			return { IsAnnounce: change.value };
		case 'locked':
			return { IsLocked: change.value };
		default:
			return change.value;
	}
}

/** The `data` of one settings change (group.flow), in the chosen shape. */
export function settingsData(shape: FlowShape, group: Group, change: SettingChange, at: Date): Record<string, unknown> {
	const time = at.toISOString();
	if (shape === 'baileys') {
		// Baileys gives the new invite as its code, not as a link.
		const value = change.kind === 'link' ? String(change.value).replace(/^https:\/\/chat\.whatsapp\.com\//, '') : change.value;
		return { id: group.jid, author: change.author, [SETTINGS_EVENTS.baileysKeys.value[change.kind]]: value };
	}
	if (shape === 'whatsmeow') {
		return {
			JID: group.jid,
			Sender: change.author,
			Timestamp: time,
			[SETTINGS_EVENTS.whatsmeowKeys.value[change.kind]]: whatsmeowValue(change, time),
		};
	}
	return {
		type: change.kind,
		groupJid: group.jid,
		groupName: group.name,
		author: change.author,
		value: change.value,
		participants: [],
		timestamp: time,
	};
}

/** The `data` of an instance.state delivery (its payload is not documented). */
export function instanceStateData(state: InstanceEventState, at: Date): Record<string, unknown> {
	return { state, timestamp: at.toISOString() };
}

/** What changed between two member lists of a group, as group.flow changes (joined, left, promoted, demoted). */
export function membershipChanges(before: Member[], after: Member[]): Array<{ type: FlowKind; people: FlowPerson[] }> {
	const was = new Map(before.map((member) => [member.jid, member.isAdmin || member.isSuperAdmin]));
	const now = new Map(after.map((member) => [member.jid, member.isAdmin || member.isSuperAdmin]));
	const person = (member: Member): FlowPerson => ({ jid: member.jid, lid: member.lid });
	const changes: Array<{ type: FlowKind; people: FlowPerson[] }> = [
		{ type: 'joined', people: after.filter((m) => !was.has(m.jid)).map(person) },
		{ type: 'left', people: before.filter((m) => !now.has(m.jid)).map(person) },
		{ type: 'promoted', people: after.filter((m) => was.get(m.jid) === false && now.get(m.jid) === true).map(person) },
		{ type: 'demoted', people: after.filter((m) => was.get(m.jid) === true && now.get(m.jid) === false).map(person) },
	];
	return changes.filter((change) => change.people.length > 0);
}
