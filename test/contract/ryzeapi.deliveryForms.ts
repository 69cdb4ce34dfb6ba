/**
 * Webhook deliveries as RyzeAPI may send them, built only from what is known about
 * them (/work/shared/ryzeapi-reference.md §7.1, §7.5, §7.6, §11.10), never from
 * nodes/. RyzeAPI documents the envelope and the event names; it documents neither
 * `group.flow`'s `data` nor `instance.state`'s: those facts are third-party shapes
 * (each marked so), and the instance.state forms below are candidates, since only
 * the state names are known. The tests build deliveries with these to check that
 * what the trigger offers is what deliveries can produce.
 */
import { EVENTS_CONTRACT, type Fact } from './ryzeapi.events';

const REF = 'https://docs.ryzeapi.cloud/en/api/events/catalog';

export const DELIVERY_FACTS = {
	/** One of the six event types [VERBATIM, catalog]: "Instance connection changes". */
	instanceStateEvent: { value: 'instance.state', source: `${REF} (reference §7.5, §11.10)` } as Fact<string>,
	/** "Group changes: joined/left/promoted/demoted + metadata (name, topic, announce, link, etc.)" [VERBATIM, catalog]. */
	groupFlowCatalogKinds: {
		value: ['joined', 'left', 'promoted', 'demoted', 'name', 'topic', 'announce', 'link'],
		source: `${REF} (reference §7.5)`,
	} as Fact<string[]>,
	/** A RyzeAPI consumer reads data.type (joined, left, promoted, demoted, name, delete), groupJid, groupName, participants[{jid, lid?, name}], timestamp [THIRD-PARTY]. */
	consumerTypes: {
		value: ['joined', 'left', 'promoted', 'demoted', 'name', 'delete'],
		source: `${REF} (reference §7.6, THIRD-PARTY: a RyzeAPI consumer)`,
	} as Fact<string[]>,
	/** Evolution API / Baileys group-participants.update: {id, author, participants, action} [THIRD-PARTY]. */
	baileysActions: {
		value: ['add', 'remove', 'promote', 'demote', 'modify'],
		source: `${REF} (reference §7.6, THIRD-PARTY: Evolution API / Baileys)`,
	} as Fact<string[]>,
	/** whatsmeow events.GroupInfo's fields [THIRD-PARTY]. */
	whatsmeowFields: {
		value: [
			'JID',
			'Notify',
			'Sender',
			'Timestamp',
			'Name',
			'Topic',
			'Locked',
			'Announce',
			'Ephemeral',
			'MembershipApprovalMode',
			'Delete',
			'Link',
			'Unlink',
			'NewInviteLink',
			'JoinReason',
			'Join',
			'Leave',
			'Promote',
			'Demote',
		],
		source: `${REF} (reference §7.6, THIRD-PARTY: whatsmeow)`,
	} as Fact<string[]>,
	/** whatsmeow's lists of people in events.GroupInfo. */
	whatsmeowLists: { value: ['Join', 'Leave', 'Promote', 'Demote'], source: `${REF} (reference §7.6, THIRD-PARTY: whatsmeow)` } as Fact<
		string[]
	>,
	/** whatsmeow's fields that are not a change: who, when, why. */
	whatsmeowContext: {
		value: ['JID', 'Notify', 'Sender', 'Timestamp', 'JoinReason'],
		source: `${REF} (reference §7.6, THIRD-PARTY: whatsmeow)`,
	} as Fact<string[]>,
	/** "instance.state — Instance connection changes: connected, qr_ready, temp_banned, logged_out," [VERBATIM, events overview; the list is cut there]. */
	instanceStateEventStates: {
		value: ['connected', 'qr_ready', 'temp_banned', 'logged_out'],
		source: 'https://docs.ryzeapi.cloud/en/api/events/overview (reference §11.10)',
	} as Fact<string[]>,
	/** The polled list's connection.state: "(connected, connecting, disconnected, loggedout)" [VERBATIM]. */
	instancePolledStates: {
		value: ['connected', 'connecting', 'disconnected', 'loggedout'],
		source: 'https://docs.ryzeapi.cloud/en/api/instance/list (reference §7.1)',
	} as Fact<string[]>,
} as const;

const GROUP = '120363000000000001@g.us';
const AT = '2026-01-02T03:04:05.000Z';
const PEOPLE = [
	{ jid: '5511999990001@s.whatsapp.net', lid: '100000000000001@lid', name: 'Ana' },
	{ jid: '100000000000002@lid', name: 'Bia' },
];

/** The shared envelope [VERBATIM, §7.5]: instanceData.token is the instance's own token. */
export function envelope(event: string, data: unknown, instance: string, token: string) {
	return { event, data, instanceData: { baseUrl: 'https://api.example.com', instance, token } };
}

/** Consumer style: {type, groupJid, groupName, participants, timestamp}; a metadata change has no participants. */
export function consumerFlow(type: string, over: Record<string, unknown> = {}) {
	const people = ['joined', 'left', 'promoted', 'demoted'].includes(type) ? { participants: PEOPLE } : {};
	return { type, groupJid: GROUP, groupName: 'Customers', ...people, timestamp: AT, ...over };
}

/** Baileys / Evolution style: {id, author, action, participants: [jid]}. */
export function baileysFlow(action: string) {
	return { id: GROUP, author: '5511000000000@s.whatsapp.net', action, participants: PEOPLE.map((person) => person.jid) };
}

/** whatsmeow style: {JID, Timestamp, <field>}; a list field holds JIDs, another field a non-null value. */
export function whatsmeowFlow(fieldName: string, value?: unknown) {
	const lists = DELIVERY_FACTS.whatsmeowLists.value as readonly string[];
	const given = value !== undefined ? value : lists.includes(fieldName) ? PEOPLE.map((person) => person.jid) : { changed: true };
	return { JID: GROUP, Timestamp: AT, [fieldName]: given };
}

/** instance.state: its `data` is not documented; the forms a client might meet, the state in each. */
export function instanceStateForms(state: string): unknown[] {
	return [{ state }, { status: state }, state, { connection: { state } }, { instance: 'x', state, timestamp: AT }];
}

/** Every `group.flow` data the facts above can build. */
export function everyGroupFlow(): unknown[] {
	const types = new Set([...DELIVERY_FACTS.groupFlowCatalogKinds.value, ...DELIVERY_FACTS.consumerTypes.value]);
	const whatsmeow = (DELIVERY_FACTS.whatsmeowFields.value as readonly string[]).filter(
		(name) => !(DELIVERY_FACTS.whatsmeowContext.value as readonly string[]).includes(name),
	);
	return [
		...[...types].map((type) => consumerFlow(type)),
		...DELIVERY_FACTS.baileysActions.value.map((action) => baileysFlow(action)),
		...whatsmeow.map((name) => whatsmeowFlow(name)),
	];
}

/** Every event RyzeAPI can deliver, with one `data` each (instance.state: every form of every state). */
export function everyDelivery(): Array<{ event: string; data: unknown }> {
	const states = new Set([...DELIVERY_FACTS.instanceStateEventStates.value, ...DELIVERY_FACTS.instancePolledStates.value]);
	return [
		...everyGroupFlow().map((data) => ({ event: EVENTS_CONTRACT.groupFlowEvent.value, data })),
		...[...states].flatMap((state) => instanceStateForms(state).map((data) => ({ event: DELIVERY_FACTS.instanceStateEvent.value, data }))),
	];
}
