/**
 * Reading a RyzeAPI webhook delivery: its envelope, and the `data` of `group.flow`.
 * Pure, bounded, never throws.
 *
 * RyzeAPI documents the envelope ({event, data, instanceData: {baseUrl, instance,
 * token}}) but NOT the `data` of `group.flow`. Three shapes are read:
 * - consumer style: {type, groupJid, groupName, participants: [{jid, lid?, phoneNumber?, name?}], timestamp};
 * - Baileys / Evolution style: {id, author, action: add|remove|promote|demote, participants: [jid | {id|jid, phoneNumber?}]};
 * - whatsmeow style: {JID, Name?, Timestamp, Join[], Leave[], Promote[], Demote[], Topic?, Announce?, …}.
 * Which `type`/`action` values and whatsmeow fields mean which event is the events
 * table's (events.ts). A payload none of the shapes reads is null (one `unknown`).
 */
import { GROUP_FLOW_EVENT, TRIGGER_EVENTS, type EventKind } from './events';
import { isoTime, isRecord, payloadTime, pick, text, type Rec } from './payloadFields';

export { GROUP_FLOW_EVENT };

/** A group has at most 1,024 members: a list longer than this is not a participant list. */
export const MAX_PARTICIPANTS = 1024;

export interface Envelope {
	event: string | null;
	data: unknown;
	instance: string | null;
	/** The instance's token as delivered, or null: compared, then thrown away. */
	token: string | null;
}

/** One change a delivery carries: `type` is an event's value (events.ts) or `unknown`. */
export interface FlowChange {
	type: string;
	group: string | null;
	groupName: string | null;
	participant: string | null;
	lid: string | null;
	phoneNumber: string | null;
	/** instance.state only: the instance's state, one spelling per state (instanceState.ts). */
	state: string | null;
	timestamp: string | null;
}

export function readEnvelope(body: unknown): Envelope {
	if (!isRecord(body)) return { event: null, data: body, instance: null, token: null };
	const instanceData = isRecord(body.instanceData) ? body.instanceData : {};
	return {
		event: text(body.event),
		data: body.data,
		instance: text(instanceData.instance),
		token: typeof instanceData.token === 'string' ? instanceData.token : null,
	};
}

function digits(value: string | null): string | null {
	if (value === null) return null;
	const found = value.split('@')[0].split(':')[0].replace(/\D/g, '');
	return found === '' ? null : found;
}

interface Person {
	participant: string;
	lid: string | null;
	phoneNumber: string | null;
}

/** One participant entry: a JID text, or an object with jid/id/lid/phoneNumber. Null when unreadable. */
function readPerson(entry: unknown): Person | null {
	const record: Rec = isRecord(entry) ? entry : { jid: entry };
	const jid = pick(record, ['jid', 'id', 'JID', 'participant', 'lid', 'phoneNumber']);
	if (jid === null) return null;
	const lid = pick(record, ['lid', 'LID']) ?? (/@lid$/i.test(jid) ? jid : null);
	const phone = pick(record, ['phoneNumber', 'phone', 'pn', 'PN']) ?? (/@s\.whatsapp\.net$/i.test(jid) ? jid : null);
	return { participant: jid, lid, phoneNumber: digits(phone) };
}

/** A participant list as persons, or null when it is not one (not a list, too long, an unreadable entry). */
function readPeople(value: unknown): Person[] | null {
	if (!Array.isArray(value) || value.length > MAX_PARTICIPANTS) return null;
	const people: Person[] = [];
	for (const entry of value) {
		const person = readPerson(entry);
		if (person === null) return null;
		people.push(person);
	}
	return people;
}

interface Named {
	value: string;
	kind: EventKind;
}

/** `type`/`action` value (lower case) → event. A Map: a delivered "constructor" or "__proto__" is just an unknown name. */
const BY_TYPE_NAME = new Map<string, Named>();
for (const event of TRIGGER_EVENTS) for (const name of event.typeNames) BY_TYPE_NAME.set(name, event);

/** whatsmeow's per-person lists, and its settings fields grouped by event, in the table's order. */
const WHATSMEOW_LISTS = TRIGGER_EVENTS.filter((event) => event.kind === 'person').flatMap((event) =>
	event.whatsmeowFields.map((field): [string, string] => [field, event.value]),
);
const WHATSMEOW_SETTINGS = TRIGGER_EVENTS.filter((event) => event.kind === 'setting' && event.whatsmeowFields.length > 0);

interface Where {
	group: string | null;
	groupName: string | null;
	timestamp: string | null;
}

function changesFor(type: string, people: Person[], where: Where): FlowChange[] {
	return people.map((person) => ({ type, ...where, ...person, state: null }));
}

function settingChange(type: string, where: Where): FlowChange {
	return { type, ...where, participant: null, lid: null, phoneNumber: null, state: null };
}

/** Consumer style and Baileys/Evolution style: one `type`/`action` and one participant list. */
function readTyped(data: Rec): FlowChange[] | null {
	const kind = text(data.type) ?? text(data.action);
	if (kind === null) return null;
	const where: Where = {
		group: pick(data, ['groupJid', 'id', 'jid', 'group', 'chatId']),
		groupName: pick(data, ['groupName', 'subject', 'name']),
		timestamp: payloadTime(data),
	};
	const event = BY_TYPE_NAME.get(kind.toLowerCase());
	if (event === undefined) return null;
	if (event.kind === 'setting') return [settingChange(event.value, where)];
	const people = readPeople(data.participants);
	return people === null || people.length === 0 ? null : changesFor(event.value, people, where);
}

function field(data: Rec, key: string): unknown {
	return data[key] ?? data[key.charAt(0).toLowerCase() + key.slice(1)] ?? data[key.toLowerCase()];
}

const present = (data: Rec, key: string): boolean => {
	const value = field(data, key);
	return value !== undefined && value !== null;
};

/**
 * whatsmeow's events.GroupInfo (Go field names, or their camelCase): a list per kind
 * of person change; a settings field present (not null) is a change of that setting.
 */
function readWhatsmeow(data: Rec): FlowChange[] | null {
	const group = text(field(data, 'JID'));
	const hasList = WHATSMEOW_LISTS.some(([key]) => Array.isArray(field(data, key)));
	const settings = WHATSMEOW_SETTINGS.filter((event) => event.whatsmeowFields.some((key) => present(data, key)));
	if (group === null || (!hasList && settings.length === 0)) return null;
	const name = field(data, 'Name');
	const where: Where = {
		group,
		groupName: isRecord(name) ? text(name.Name ?? name.name) : text(name),
		timestamp: isoTime(field(data, 'Timestamp')),
	};
	const changes: FlowChange[] = [];
	for (const [key, type] of WHATSMEOW_LISTS) {
		if (!present(data, key)) continue;
		const people = readPeople(field(data, key));
		if (people === null) return null;
		changes.push(...changesFor(type, people, where));
	}
	for (const event of settings) changes.push(settingChange(event.value, where));
	return changes.length === 0 ? null : changes;
}

/** The changes a group.flow `data` carries, each typed with the latest version's events; null when no shape reads it. */
export function readGroupFlow(data: unknown): FlowChange[] | null {
	if (!isRecord(data)) return null;
	return readTyped(data) ?? readWhatsmeow(data);
}

/** The group an unrecognised payload names, if any (for the Group filter). */
export function loneGroup(data: unknown): string | null {
	return isRecord(data) ? pick(data, ['groupJid', 'JID', 'jid', 'id', 'group']) : null;
}
