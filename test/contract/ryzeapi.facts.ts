/**
 * What every file of the RyzeAPI contract shares: the Fact type, its two makers and
 * the doc pages the facts cite (as stored in /work/shared/seeds/ and recorded in
 * /work/shared/ryzeapi-reference.md, whose section each fact names).
 *
 * The contract's files import this one and never each other in a circle:
 * ryzeapi.ts re-exports ryzeapi.groups.ts, ryzeapi.messages.ts and ryzeapi.events.ts.
 */

export interface Fact<T> {
	value: T;
	/** The doc page (or library) the value comes from. */
	source: string;
	/** false: the docs are silent; the value is this contract's choice. Absent: documented. */
	documented?: false;
}

export const fact = <T>(value: T, source: string): Fact<T> => ({ value, source });
export const chosen = <T>(value: T, source: string): Fact<T> => ({ value, source, documented: false });

export const DOCS = 'https://docs.ryzeapi.cloud/en';

/** The group pages (reference §5, §11). */
export const PAGES = {
	participants: `${DOCS}/api/groups/participants`,
	groupsOverview: `${DOCS}/api/groups/overview`,
	requests: `${DOCS}/api/groups/requests`,
	resetLink: `${DOCS}/api/groups/reset-link`,
	info: `${DOCS}/api/groups/info`,
	/** Linked from the overview; the page itself is not stored (reference §11.1). */
	list: `${DOCS}/api/groups/list`,
	update: `${DOCS}/api/groups/update`,
	create: `${DOCS}/api/groups/create`,
	join: `${DOCS}/api/groups/join`,
	leave: `${DOCS}/api/groups/leave`,
	communityCreate: `${DOCS}/api/communities/create`,
	messagesOverview: `${DOCS}/api/messages/overview`,
	sendText: `${DOCS}/api/messages/text`,
	instanceList: `${DOCS}/api/instance/list`,
	authGuide: `${DOCS}/guide/authentication`,
	errorsGuide: `${DOCS}/guide/errors`,
	rateLimitGuide: `${DOCS}/guide/rate-limit-cors`,
	eventsOverview: `${DOCS}/api/events/overview`,
	eventsCatalog: `${DOCS}/api/events/catalog`,
	webhookConfigure: `${DOCS}/api/events/webhook-configure`,
	webhookList: `${DOCS}/api/events/webhook-list`,
} as const;

/** Libraries that name what the docs leave out (reference §7.6, §11.4). */
export const LIBRARIES = {
	whatsmeowGroup: 'whatsmeow types/group.go',
	whatsmeowEvents: 'whatsmeow types/events/events.go, events.GroupInfo',
	whatsmeowNotification: 'whatsmeow group.go, parseGroupChange ("invite": NewInviteLink = "https://chat.whatsapp.com/" + code)',
	baileysGroupsUpdate:
		'Baileys process-message.ts, groups.update (GROUP_CHANGE_SUBJECT → subject, … → desc, announce, restrict, inviteCode)',
	openWaAdd: 'open-wa AddParticipantErrorStatusCode',
} as const;

export interface Route {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** With `:instance`, the instance name (one path segment). */
	path: string;
	/**
	 * The page's "Idempotent:" tag: true (yes), false (no), 'partial' (the page's own
	 * word, with its condition in the source), null when the page does not say.
	 */
	idempotent: boolean | 'partial' | null;
}

/** An error answer: the status and `error.message` of the envelope. */
export interface ErrorFact {
	status: number;
	message: string;
}
