/**
 * Reading a RyzeAPI webhook delivery of `group.flow`. Pure, bounded, never throws.
 *
 * RyzeAPI documents the envelope ({event, data, instanceData: {baseUrl, instance,
 * token}}) but NOT the `data` of `group.flow`. Three shapes are read:
 * - consumer style: {type, groupJid, groupName, participants: [{jid, lid?, phoneNumber?, name?}], timestamp};
 * - Baileys / Evolution style: {id, author, action: add|remove|promote|demote, participants: [jid | {id|jid, phoneNumber?}]};
 * - whatsmeow style: {JID, Name?, Timestamp, Join[], Leave[], Promote[], Demote[], Topic?, Announce?, …}.
 * Anything else comes out as one change of type `unknown`: never dropped, never an error.
 */

export const GROUP_FLOW_EVENT = 'group.flow';
export const FLOW_TYPES = ['joined', 'left', 'promoted', 'demoted', 'settings', 'unknown'] as const;
export type FlowType = (typeof FLOW_TYPES)[number];
/** The four participant events: the Events default. */
export const PARTICIPANT_FLOW_TYPES: FlowType[] = ['joined', 'left', 'promoted', 'demoted'];

/** A group has at most 1,024 members: a list longer than this is not a participant list. */
export const MAX_PARTICIPANTS = 1024;
/** Identifiers and names longer than this are not read (the payload is kept whole in `raw`). */
export const MAX_TEXT = 256;

export interface Envelope {
	event: string | null;
	data: unknown;
	instance: string | null;
	/** The instance's token as delivered, or null: compared, then thrown away. */
	token: string | null;
}

export interface FlowChange {
	type: FlowType;
	group: string | null;
	groupName: string | null;
	participant: string | null;
	lid: string | null;
	phoneNumber: string | null;
	timestamp: string | null;
}

type Rec = Record<string, unknown>;

function isRecord(value: unknown): value is Rec {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed === '' || trimmed.length > MAX_TEXT ? null : trimmed;
}

/** The first of `keys` present on `record` as text. */
function pick(record: Rec, keys: string[]): string | null {
	for (const key of keys) {
		const found = text(record[key]);
		if (found !== null) return found;
	}
	return null;
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

/** Seconds, milliseconds or a date text → ISO 8601; anything else → null. */
export function isoTime(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
		const date = new Date(value < 1e12 ? value * 1000 : value);
		return Number.isNaN(date.getTime()) ? null : date.toISOString();
	}
	const raw = text(value);
	if (raw === null) return null;
	if (/^\d+$/.test(raw)) return isoTime(Number(raw));
	if (!/^\d{4}-\d{2}-\d{2}/.test(raw)) return null;
	const date = new Date(raw);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
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

const TYPE_ALIASES: Record<string, FlowType> = {
	joined: 'joined',
	join: 'joined',
	add: 'joined',
	added: 'joined',
	left: 'left',
	leave: 'left',
	remove: 'left',
	removed: 'left',
	promoted: 'promoted',
	promote: 'promoted',
	demoted: 'demoted',
	demote: 'demoted',
};

/** Group metadata changes the consumer style names in `type` (name, topic, announce, link, …). */
const SETTINGS_TYPES = new Set([
	'name',
	'subject',
	'topic',
	'description',
	'announce',
	'locked',
	'restrict',
	'ephemeral',
	'link',
	'unlink',
	'invite_link',
	'membership_approval_mode',
	'settings',
	'delete',
]);

interface Where {
	group: string | null;
	groupName: string | null;
	timestamp: string | null;
}

function changesFor(type: FlowType, people: Person[], where: Where): FlowChange[] {
	return people.map((person) => ({ type, ...where, ...person }));
}

function settingsChange(where: Where): FlowChange {
	return { type: 'settings', ...where, participant: null, lid: null, phoneNumber: null };
}

/** Consumer style and Baileys/Evolution style: one `type`/`action` and one participant list. */
function readTyped(data: Rec): FlowChange[] | null {
	const kind = text(data.type) ?? text(data.action);
	if (kind === null) return null;
	const where: Where = {
		group: pick(data, ['groupJid', 'id', 'jid', 'group', 'chatId']),
		groupName: pick(data, ['groupName', 'subject', 'name']),
		timestamp: isoTime(data.timestamp ?? data.Timestamp ?? data.t),
	};
	const lower = kind.toLowerCase();
	const type = TYPE_ALIASES[lower];
	if (type !== undefined) {
		const people = readPeople(data.participants);
		return people === null || people.length === 0 ? null : changesFor(type, people, where);
	}
	if (SETTINGS_TYPES.has(lower)) return [settingsChange(where)];
	return null;
}

const WHATSMEOW_LISTS: Array<[string, FlowType]> = [
	['Join', 'joined'],
	['Leave', 'left'],
	['Promote', 'promoted'],
	['Demote', 'demoted'],
];
const WHATSMEOW_SETTINGS = [
	'Name',
	'Topic',
	'Locked',
	'Announce',
	'Ephemeral',
	'Delete',
	'Link',
	'Unlink',
	'NewInviteLink',
	'MembershipApprovalMode',
];

function field(data: Rec, key: string): unknown {
	return data[key] ?? data[key.charAt(0).toLowerCase() + key.slice(1)] ?? data[key.toLowerCase()];
}

/** whatsmeow's events.GroupInfo (Go field names, or their camelCase). */
function readWhatsmeow(data: Rec): FlowChange[] | null {
	const group = text(field(data, 'JID'));
	const hasList = WHATSMEOW_LISTS.some(([key]) => Array.isArray(field(data, key)));
	const settingKeys = WHATSMEOW_SETTINGS.filter((key) => {
		const value = field(data, key);
		return value !== undefined && value !== null;
	});
	if (group === null || (!hasList && settingKeys.length === 0)) return null;
	const name = field(data, 'Name');
	const where: Where = {
		group,
		groupName: isRecord(name) ? text(name.Name ?? name.name) : text(name),
		timestamp: isoTime(field(data, 'Timestamp')),
	};
	const changes: FlowChange[] = [];
	for (const [key, type] of WHATSMEOW_LISTS) {
		const value = field(data, key);
		if (value === undefined || value === null) continue;
		const people = readPeople(value);
		if (people === null) return null;
		changes.push(...changesFor(type, people, where));
	}
	if (settingKeys.length > 0) changes.push(settingsChange(where));
	return changes.length === 0 ? null : changes;
}

/** The group an unrecognised payload names, if any (for the Group filter). */
function loneGroup(data: unknown): string | null {
	return isRecord(data) ? pick(data, ['groupJid', 'JID', 'jid', 'id', 'group']) : null;
}

/**
 * The changes one delivery carries. An event other than group.flow, or a `data`
 * none of the shapes reads, is one change of type `unknown`.
 */
export function readGroupFlow(event: string | null, data: unknown): FlowChange[] {
	if (event === GROUP_FLOW_EVENT && isRecord(data)) {
		const changes = readTyped(data) ?? readWhatsmeow(data);
		if (changes !== null) return changes;
	}
	return [{ type: 'unknown', group: loneGroup(data), groupName: null, participant: null, lid: null, phoneNumber: null, timestamp: null }];
}

/** Same JID, whatever the case and surrounding blanks. */
export function sameGroup(a: string, b: string): boolean {
	return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The changes the node emits: those of a selected type, in the selected group.
 * `unknown` is always kept (it cannot be classified), unless it names another group.
 */
export function selectChanges(changes: FlowChange[], types: FlowType[], group: string | null): FlowChange[] {
	return changes.filter((change) => {
		if (group !== null && change.group !== null && !sameGroup(change.group, group)) return false;
		return change.type === 'unknown' || types.includes(change.type);
	});
}
