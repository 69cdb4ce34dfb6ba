/**
 * Webhook deliveries beyond member changes (issue 22 point 4): group settings changes
 * and `instance.state`, the Authorization header, retries (reference §7.5, §7.6,
 * §11.10). RyzeAPI documents the envelope, the event names and the header; the
 * payloads and the retry policy are not documented, so most of this file is
 * `documented: false`, with the library whose form the simulator follows.
 */
import { z } from 'zod';

import { chosen, fact, LIBRARIES, PAGES } from './ryzeapi.facts';

// ---------------------------------------------------------------- how a delivery is sent

export const DELIVERY_CONTRACT = {
	/** "sends the header Authorization: Bearer svc-token-xyz on each delivery"; "without authorization, it sends no auth header". */
	authorizationHeader: fact('Authorization', `${PAGES.webhookConfigure} (reference §11.10)`),
	/**
	 * The stub shows `"authorization": {}`; a third-party suite sends and reads back a
	 * string ("Bearer …"). The simulator sends a string verbatim, and no header for anything else.
	 */
	authorizationForm: chosen('string' as const, `${PAGES.webhookConfigure} (stub {} vs a string; reference §11.10)`),
	/** No signature, event-name, delivery-id or timestamp header is documented. */
	otherHeaders: chosen([] as string[], `${PAGES.webhookConfigure}; ${PAGES.eventsOverview} (reference §11.10)`),
	/** "Persisted in a queue with retry/backoff and DLQ." */
	retried: fact(true, `${PAGES.eventsOverview} § Delivery channels`),
	/**
	 * Attempts, backoff, timeout and what counts as success are not documented: the
	 * simulator never retries by itself; `POST /__sim/deliveries/replay` re-sends one.
	 */
	retrySchedule: chosen(null, `${PAGES.eventsOverview} (reference §11.10: NOT FOUND)`),
	/** A retry sends the same delivery again (same body, headers, URL); no idempotency key is documented. */
	retrySendsSameBody: chosen(true, `${PAGES.eventsOverview} (reference §11.10: dedupe on data ids [INFERENCE])`),
} as const;

// ---------------------------------------------------------------- group settings (group.flow)

/** The settings changes the simulator delivers, in the catalog's words (locked: whatsmeow's). */
export const SETTING_KINDS = ['name', 'topic', 'announce', 'locked', 'link'] as const;
export type SettingKind = (typeof SETTING_KINDS)[number];

/** The consumer-style `data` of a settings change (the simulator's default form). */
export const SettingsFlowData = z.object({
	type: z.enum(SETTING_KINDS),
	groupJid: z.string(),
	groupName: z.string(),
	/** Who changed it (a phone JID), null when not known. */
	author: z.string().nullable(),
	/** name/topic: the new text ("" when the description is cleared); announce/locked: true when admins only; link: the new invite link. */
	value: z.union([z.string(), z.boolean()]),
	participants: z.array(z.unknown()).length(0),
	timestamp: z.string(),
});

export const SETTINGS_EVENTS = {
	/** "group.flow — Group changes: joined/left/promoted/demoted + metadata (name, topic, announce, link, etc.)". */
	event: fact('group.flow', `${PAGES.eventsCatalog} (reference §7.5)`),
	kinds: chosen(SETTING_KINDS, `${PAGES.eventsCatalog} ("name, topic, announce, link, etc."); locked: ${LIBRARIES.whatsmeowEvents}`),
	/** Which Update Group field makes which change; announce/locked carry the inverse of the setting (IsAnnounce, IsLocked). */
	byField: chosen(
		{ name: 'name', description: 'topic', membersCanSendMessages: 'announce', membersCanEditInfo: 'locked' } as const,
		`${PAGES.groupsOverview} (GroupPermissions: inverse of IsAnnounce / IsLocked); ${LIBRARIES.whatsmeowEvents}`,
	),
	/** Not delivered: the catalog names neither (whatsmeow sends a picture as events.Picture, the others under other keys). */
	notDelivered: chosen(['image', 'membersCanAddOthers', 'requireAdminApproval'] as const, `${PAGES.eventsCatalog} (not named)`),
	/** One delivery per changed field: each is its own WhatsApp call and notification. */
	onePerChange: chosen(true, `${LIBRARIES.whatsmeowEvents} (one events.GroupInfo per notification)`),
	/** The new invite link goes to admin instances only (GET /info gives the code to admins only). */
	linkToAdminsOnly: chosen(true, `${PAGES.eventsCatalog} (not documented)`),
	/** A consumer reads type, groupJid, groupName, participants, timestamp (reference §7.6); author and value are the simulator's. */
	consumerData: chosen(SettingsFlowData, `${PAGES.eventsCatalog} (group.flow data NOT FOUND; reference §7.6 [THIRD-PARTY] consumer)`),
	/** whatsmeow events.GroupInfo: one pointer field per change, plus JID, Sender, Timestamp. */
	whatsmeowKeys: chosen(
		{ name: 'Name', topic: 'Topic', announce: 'Announce', locked: 'Locked', link: 'NewInviteLink' } as const,
		`${LIBRARIES.whatsmeowEvents}; ${LIBRARIES.whatsmeowNotification}`,
	),
	/** Baileys / Evolution `groups.update`: {id, author, <key>: value}; the link as its code. */
	baileysKeys: chosen(
		{ name: 'subject', topic: 'desc', announce: 'announce', locked: 'restrict', link: 'inviteCode' } as const,
		LIBRARIES.baileysGroupsUpdate,
	),
} as const;

// ---------------------------------------------------------------- instance.state

/** The states the events overview lists before its text is cut ("…, logged_out,"). */
export const INSTANCE_EVENT_STATES = ['connected', 'qr_ready', 'temp_banned', 'logged_out'] as const;
export type InstanceEventState = (typeof INSTANCE_EVENT_STATES)[number];

/** `connection.state` of GET /api/instance/list: "(connected, connecting, disconnected, loggedout)". */
export const POLLED_STATES = ['connected', 'connecting', 'disconnected', 'loggedout'] as const;
export type PolledState = (typeof POLLED_STATES)[number];

export const INSTANCE_STATE_EVENTS = {
	event: fact('instance.state', `${PAGES.eventsCatalog} (the six types)`),
	/** "instance.state — Instance connection changes: connected, qr_ready, temp_banned, logged_out," (the list is cut there). */
	states: fact(INSTANCE_EVENT_STATES, `${PAGES.eventsOverview} (reference §11.10; the full list NOT FOUND)`),
	/** The payload is not stored (which key holds the state, any reason or QR field). */
	data: chosen(
		z.object({ state: z.enum(INSTANCE_EVENT_STATES), timestamp: z.string() }),
		`${PAGES.eventsCatalog} (reference §11.10: NOT FOUND)`,
	),
	polledStates: fact(POLLED_STATES, `${PAGES.instanceList} (connection object)`),
	/** Two vocabularies: the event's logged_out is the list's loggedout; the others' polled state is not documented. */
	polledStateOf: chosen(
		{ connected: 'connected', qr_ready: 'connecting', temp_banned: 'disconnected', logged_out: 'loggedout' } as const satisfies Record<
			InstanceEventState,
			PolledState
		>,
		`${PAGES.instanceList}; ${PAGES.eventsOverview} (reference §11.10 "Two vocabularies")`,
	),
} as const;
