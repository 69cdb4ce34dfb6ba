/**
 * Reading GET /api/group/list/:instance and GET /api/instance/list for the node's
 * "From List" pickers. Pure.
 *
 * The group list's answer is not documented. It is read defensively: the list may be
 * the body itself or sit under `groups`, `data`, `data.groups`, `result` or `items`;
 * an entry's JID under `jid`, `id`, `groupJid` or `JID`; its name under `name`,
 * `subject` or `title`; its size under `participantCount`, `size`, `participantsCount`,
 * `participants` (a number or a list). An entry without a group JID is counted, not shown.
 *
 * What a picker shows is bounded, whatever the server sends: at most
 * MAX_PICKER_RESULTS entries per search (the search text applied first), labels cut
 * at MAX_LABEL characters, and only values that would pass as typed values. An
 * entry whose value would not (an instance name with `/`, a control character, a
 * leading `=` that n8n would take for an expression, or the token in it) is left
 * out: n8n's list-search items have no disabled state, and an entry that can be
 * picked is an entry that gets used. Such a name can still be typed By Name, where
 * it is refused with a message.
 */
import { z } from 'zod';

import type { Redact } from '../helpers/redact';
import { validateInstance } from '../helpers/validation';

/** The most entries one search shows; the search text narrows the list first. */
export const MAX_PICKER_RESULTS = 1000;
/** The longest label a picker shows, in characters. */
export const MAX_LABEL = 200;

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
export function findList(body: unknown, paths: string[][]): unknown[] | null {
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

/** Groups whose name or JID contains the search text (case-insensitive), sorted by name; the first MAX_PICKER_RESULTS. */
export function filterGroups(groups: GroupSummary[], filter: string | undefined): GroupSummary[] {
	const wanted = (filter ?? '').trim().toLowerCase();
	const matching = wanted === '' ? groups : groups.filter((group) => `${group.name ?? ''}\n${group.jid}`.toLowerCase().includes(wanted));
	const sorted = [...matching].sort((a, b) => (a.name ?? a.jid).localeCompare(b.name ?? b.jid) || a.jid.localeCompare(b.jid));
	return sorted.slice(0, MAX_PICKER_RESULTS);
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

/** Would `name` pass as a typed Instance value? Not when validateInstance refuses it, nor with a leading `=` (an expression). */
export function usableInstanceName(name: string): boolean {
	if (name.startsWith('=')) return false;
	try {
		return validateInstance(name, '') === name;
	} catch {
		// validateInstance throws only its InputError: the name would be refused if typed.
		return false;
	}
}

/** Usable instances whose label contains the search text (case-insensitive), sorted by name; the first MAX_PICKER_RESULTS. */
export function filterInstances(instances: InstanceSummary[], filter: string | undefined): InstanceSummary[] {
	const wanted = (filter ?? '').trim().toLowerCase();
	const matching = instances.filter(
		(instance) => usableInstanceName(instance.name) && (wanted === '' || instanceLabel(instance).toLowerCase().includes(wanted)),
	);
	return matching.sort((a, b) => a.name.localeCompare(b.name)).slice(0, MAX_PICKER_RESULTS);
}

/** A label cut to `max` characters (the last one an ellipsis), never splitting a surrogate pair. */
export function cutLabel(text: string, max = MAX_LABEL): string {
	if (text.length <= max) return text;
	let end = max - 1;
	const code = text.charCodeAt(end - 1);
	if (code >= 0xd800 && code <= 0xdbff) end--;
	return `${text.slice(0, end)}…`;
}

/**
 * Picker entries as n8n shows them: labels redacted and cut; an entry whose value
 * the redactor would change (the token in a name) or that starts with `=` is left
 * out, since its value would be wrong or an expression. The label is cut before it
 * is redacted (with room for a whole token past the cut), so a huge label costs
 * little, and cut again after.
 */
export function pickerEntries(entries: Array<{ label: string; value: string }>, redact: Redact): Array<{ name: string; value: string }> {
	const results: Array<{ name: string; value: string }> = [];
	for (const { label, value } of entries) {
		if (value.startsWith('=') || redact(value) !== value) continue;
		results.push({ name: cutLabel(redact(cutLabel(label, MAX_LABEL * 2))), value });
	}
	return results;
}
