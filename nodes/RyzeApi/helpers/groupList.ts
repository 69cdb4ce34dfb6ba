/**
 * Reading GET /api/group/list/:instance and GET /api/instance/list for the node's
 * "From List" pickers. Pure.
 *
 * The group list's answer is not documented. It is read defensively: the list may be
 * the body itself or sit under `groups`, `data`, `data.groups`, `result` or `items`;
 * an entry's JID under `jid`, `id`, `groupJid` or `JID`; its name under `name`,
 * `subject` or `title`; its size under `participantCount`, `size`, `participantsCount`,
 * `participants` (a number or a list). An entry without a group JID is counted, not shown.
 */
import { z } from 'zod';

export interface GroupSummary {
	jid: string;
	name: string | null;
	/** Number of members, when RyzeAPI gave it. */
	size: number | null;
}

export type GroupListBody = { ok: true; groups: GroupSummary[]; skipped: number } | { ok: false; reason: string };

export interface InstanceSummary {
	name: string;
	/** connected, connecting, disconnected, loggedout… when RyzeAPI gave it. */
	state: string | null;
	/** The instance's own phone number (digits), when connected. */
	number: string | null;
	profileName: string | null;
}

export type InstanceListBody = { ok: true; instances: InstanceSummary[] } | { ok: false; reason: string };

const record = z.record(z.unknown());
const GROUP_JID = /^[\d-]+@g\.us$/i;

function firstString(source: Record<string, unknown>, keys: string[]): string | null {
	for (const key of keys) {
		const value = source[key];
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
	}
	return null;
}

function firstCount(source: Record<string, unknown>, keys: string[]): number | null {
	for (const key of keys) {
		const value = source[key];
		if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
		if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
		if (Array.isArray(value)) return value.length;
	}
	return null;
}

/** The first array found at the body itself or under one of `paths`. */
function findList(body: unknown, paths: string[][]): unknown[] | null {
	if (Array.isArray(body)) return body;
	for (const path of paths) {
		let current: unknown = body;
		for (const key of path) {
			const parsed = record.safeParse(current);
			current = parsed.success ? parsed.data[key] : undefined;
		}
		if (Array.isArray(current)) return current;
	}
	return null;
}

/** A group JID as RyzeAPI may write it: `…@g.us` (any case), or the bare id (digits). */
export function groupJidOf(value: string | null): string | null {
	if (value === null) return null;
	if (GROUP_JID.test(value)) return value.toLowerCase();
	if (/^\d{15,}$/.test(value)) return `${value}@g.us`;
	return null;
}

export function readGroupList(body: unknown): GroupListBody {
	const list = findList(body, [['groups'], ['data'], ['data', 'groups'], ['result'], ['items'], ['data', 'items']]);
	if (list === null) return { ok: false, reason: 'RyzeAPI answered the group list without a list of groups' };
	const groups: GroupSummary[] = [];
	let skipped = 0;
	for (const entry of list) {
		const parsed = record.safeParse(entry);
		const jid = parsed.success ? groupJidOf(firstString(parsed.data, ['jid', 'id', 'groupJid', 'JID'])) : null;
		if (!parsed.success || jid === null) {
			skipped++;
			continue;
		}
		groups.push({
			jid,
			name: firstString(parsed.data, ['name', 'subject', 'title', 'Name', 'Subject']),
			size: firstCount(parsed.data, ['participantCount', 'size', 'participantsCount', 'participants', 'Participants']),
		});
	}
	return { ok: true, groups, skipped };
}

/** What the "From List" picker shows: `Customers (5 members)`, or the JID when there is no name. */
export function groupLabel(group: GroupSummary): string {
	const name = group.name ?? group.jid;
	if (group.size === null) return name;
	return `${name} (${group.size} ${group.size === 1 ? 'member' : 'members'})`;
}

/** Groups whose name or JID contains the search text (case-insensitive), sorted by name. */
export function filterGroups(groups: GroupSummary[], filter: string | undefined): GroupSummary[] {
	const wanted = (filter ?? '').trim().toLowerCase();
	const matching = wanted === '' ? groups : groups.filter((group) => `${group.name ?? ''}\n${group.jid}`.toLowerCase().includes(wanted));
	return [...matching].sort((a, b) => (a.name ?? a.jid).localeCompare(b.name ?? b.jid) || a.jid.localeCompare(b.jid));
}

export function readInstanceList(body: unknown): InstanceListBody {
	const list = findList(body, [['instances'], ['data'], ['data', 'instances'], ['result']]);
	if (list === null) return { ok: false, reason: 'RyzeAPI answered the instance list without a list of instances' };
	const instances: InstanceSummary[] = [];
	for (const entry of list) {
		const parsed = record.safeParse(entry);
		if (!parsed.success) continue;
		const name = firstString(parsed.data, ['name', 'instanceName', 'instance']);
		if (name === null) continue;
		const connection = record.safeParse(parsed.data.connection);
		const profile = record.safeParse(parsed.data.profile);
		const numberJid = connection.success ? firstString(connection.data, ['numberJid']) : null;
		const digits = numberJid === null ? '' : numberJid.split('@')[0].split(':')[0].replace(/\D/g, '');
		instances.push({
			name,
			state: connection.success ? firstString(connection.data, ['state']) : firstString(parsed.data, ['state', 'status']),
			number: digits === '' ? null : digits,
			profileName: profile.success ? firstString(profile.data, ['name']) : null,
		});
	}
	return { ok: true, instances };
}

export function instanceLabel(instance: InstanceSummary): string {
	const details = [instance.profileName, instance.number, instance.state].filter((part): part is string => part !== null);
	return details.length === 0 ? instance.name : `${instance.name} (${details.join(', ')})`;
}

export function filterInstances(instances: InstanceSummary[], filter: string | undefined): InstanceSummary[] {
	const wanted = (filter ?? '').trim().toLowerCase();
	const matching = wanted === '' ? instances : instances.filter((instance) => instanceLabel(instance).toLowerCase().includes(wanted));
	return [...matching].sort((a, b) => a.name.localeCompare(b.name));
}
