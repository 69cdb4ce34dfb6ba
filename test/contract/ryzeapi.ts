/**
 * The RyzeAPI contract, written from RyzeAPI's own docs and never from the product
 * (nothing here imports nodes/). The fake RyzeAPI (test/simulator/), the in-process
 * faulty server (test/support/faultyTransport.ts) and the property oracle
 * (test/property/model.ts, check.ts) read it; test/unit/actions/group/manageParticipants/actions.test.ts holds the
 * node's per-action table (nodes/RyzeApi/actions/group/manageParticipants/actions.ts) against it, so the
 * node cannot grow an action, a permission, a timeout or a per-participant code
 * that nobody wrote down here first.
 *
 * Every fact carries its `source`: the public RyzeAPI doc page (as stored in
 * /work/shared/seeds/, the endpoint's docs and source of truth, and in
 * /work/shared/ryzeapi-reference.md, whose section is named), or for WhatsApp's
 * per-participant codes the library that names them. `documented: false` marks
 * what the docs do not say and this contract had to choose (the simulator's
 * choice, written down so it is one choice): change those when the docs say more.
 *
 * The events API (webhooks, the pending-request queue) lives beside this file in
 * ./ryzeapi.events.ts and is re-exported below.
 */
import { z } from 'zod';

export { EVENTS_CONTRACT, PENDING_REQUESTS_CONTRACT } from './ryzeapi.events';

export interface Fact<T> {
	value: T;
	/** The doc page (or library) the value comes from. */
	source: string;
	/** false: the docs are silent; the value is this contract's choice. Absent: documented. */
	documented?: false;
}

const DOCS = 'https://docs.ryzeapi.cloud/en';
/** The Manage Participants page (seeds 000/001; reference §1). */
export const PARTICIPANTS_PAGE = `${DOCS}/api/groups/participants`;
const GROUPS_OVERVIEW = `${DOCS}/api/groups/overview`;
const GROUP_REQUESTS = `${DOCS}/api/groups/requests`;
const RESET_LINK = `${DOCS}/api/groups/reset-link`;
const GROUP_INFO = `${DOCS}/api/groups/info`;
const AUTH_GUIDE = `${DOCS}/guide/authentication`;
const ERRORS_GUIDE = `${DOCS}/guide/errors`;
const RATE_LIMIT_GUIDE = `${DOCS}/guide/rate-limit-cors`;
const INSTANCE_LIST = `${DOCS}/api/instance/list`;
/** WhatsApp's per-participant codes: the libraries that name them (reference §7.6). */
const WHATSMEOW_GROUP = 'whatsmeow types/group.go, GroupParticipant.Error (int)';
const OPEN_WA_ADD = 'open-wa AddParticipantErrorStatusCode';

const fact = <T>(value: T, source: string): Fact<T> => ({ value, source });
const chosen = <T>(value: T, source: string): Fact<T> => ({ value, source, documented: false });

// ---------------------------------------------------------------- routes and auth

export const BASE_URL = fact('https://ryzeapi.cloud', `${PARTICIPANTS_PAGE} (curl examples; reference §0)`);

export const AUTH = {
	/** "Both are sent in the `token` header"; `Authorization: Bearer` for compatibility; `?token=` only for browser WebSocket. */
	header: fact('token', `${AUTH_GUIDE} (reference §2.3)`),
	bearerAccepted: fact(true, `${AUTH_GUIDE} (reference §2.3)`),
	/** Every `/api/group/*` route: "Auth: TokenAccount or TokenInstance", and "Each call validates the instance ownership". */
	tokenKinds: fact(['TokenAccount', 'TokenInstance'] as const, `${GROUPS_OVERVIEW} (reference §2.5)`),
	/** 401 texts, verbatim from the errors guide. */
	unauthorizedMessages: fact(
		[
			'Missing token in header',
			'Missing token in header, Authorization header, or query parameter',
			'Missing token',
			'Invalid token',
			'Invalid instance token',
			'Invalid account token',
			'Unauthenticated',
		] as const,
		`${ERRORS_GUIDE} (reference §3.4)`,
	),
	/** 403 ownership: the stored excerpt ends at "Instance token does not ma…"; the rest of the text is the simulator's. */
	ownershipMessage: chosen('Instance token does not match the requested instance', `${ERRORS_GUIDE} (reference §3.4, truncated)`),
} as const;

export interface Route {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** With `:instance`, the instance name (one path segment). */
	path: string;
	idempotent: boolean | null;
}

/** The routes the node calls (the groups overview lists every group route). */
export const ROUTES = {
	participants: fact<Route>({ method: 'POST', path: '/api/group/participants/:instance', idempotent: false }, PARTICIPANTS_PAGE),
	requests: fact<Route>({ method: 'GET', path: '/api/group/requests/:instance', idempotent: true }, GROUP_REQUESTS),
	resetLink: fact<Route>({ method: 'POST', path: '/api/group/resetLink/:instance', idempotent: false }, RESET_LINK),
	info: fact<Route>({ method: 'GET', path: '/api/group/info/:instance', idempotent: null }, `${GROUPS_OVERVIEW}; ${GROUP_INFO}`),
	list: fact<Route>(
		{ method: 'GET', path: '/api/group/list/:instance', idempotent: null },
		`${GROUPS_OVERVIEW} (the page itself is not stored)`,
	),
	/** "Cheapest way to poll the connection state": the credential test. */
	instanceList: fact<Route>({ method: 'GET', path: '/api/instance/list', idempotent: null }, INSTANCE_LIST),
} as const;

// ---------------------------------------------------------------- envelope, rate limit

/** `{"success": false, "error": {"message": "..."}}`: "no numeric `code` field nor `errorType`". */
export const ErrorEnvelope = z.object({ success: z.literal(false), error: z.object({ message: z.string() }) });
export const ERROR_ENVELOPE = fact('{success:false, error:{message}}', `${ERRORS_GUIDE} (reference §3.2)`);

export const RATE_LIMIT = {
	/** "Most endpoints: 100 requests per minute", counted per token. */
	perMinute: fact(100, `${RATE_LIMIT_GUIDE} (reference §4.1)`),
	headers: fact(['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'] as const, `${RATE_LIMIT_GUIDE} (reference §4.2)`),
	/** `X-RateLimit-Reset`: Unix timestamp in seconds. `Retry-After` is never mentioned. */
	resetUnit: fact('unix-seconds', `${RATE_LIMIT_GUIDE} (reference §4.2)`),
	status: fact(429, `${RATE_LIMIT_GUIDE} (reference §4.3)`),
	message: fact('Rate limit exceeded. Try again later.', `${RATE_LIMIT_GUIDE} (reference §4.3)`),
	/** 429 also means "WhatsApp throttling"; its text is not documented. */
	whatsAppThrottleMessage: chosen(
		'WhatsApp rate-overlimit, try again later',
		`${ERRORS_GUIDE} (reference §3.3: 429 "Rate limit; WhatsApp throttling")`,
	),
} as const;

// ---------------------------------------------------------------- the six actions

export type Permission = 'admin' | 'superadmin';

export interface ActionFacts {
	/** The action table's "Permission" column. */
	permission: Permission;
	/** The action table's "Timeout" column: the server's own limit, in ms. */
	serverTimeoutMs: number;
	/** The action table's "Use" column. */
	use: string;
	source: string;
}

const ACTION_TABLE = `${PARTICIPANTS_PAGE} § Action table (seeds 000, 001)`;

/**
 * The action table of POST /api/group/participants, row by row. A seventh action
 * belongs here first, with the page that documents it; until then the node's
 * table (nodes/RyzeApi/actions/group/manageParticipants/actions.ts) cannot have it (test/unit/actions/group/manageParticipants/actions.test.ts).
 */
export const ACTIONS_CONTRACT = {
	add: { permission: 'admin', serverTimeoutMs: 60_000, use: 'Add numbers / JIDs', source: ACTION_TABLE },
	remove: { permission: 'admin', serverTimeoutMs: 60_000, use: 'Remove members', source: ACTION_TABLE },
	promote: { permission: 'superadmin', serverTimeoutMs: 60_000, use: 'Make admin', source: ACTION_TABLE },
	demote: { permission: 'superadmin', serverTimeoutMs: 60_000, use: 'Remove admin', source: ACTION_TABLE },
	approve: { permission: 'admin', serverTimeoutMs: 90_000, use: 'Approve pending request', source: ACTION_TABLE },
	reject: { permission: 'admin', serverTimeoutMs: 90_000, use: 'Reject pending request', source: ACTION_TABLE },
} as const satisfies Record<string, ActionFacts>;

export type ContractAction = keyof typeof ACTIONS_CONTRACT;

/** In the docs' order ("One of: add, remove, promote, demote, approve, reject."). */
export const CONTRACT_ACTIONS = Object.keys(ACTIONS_CONTRACT) as ContractAction[];

export function isContractAction(value: unknown): value is ContractAction {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ACTIONS_CONTRACT, value);
}

/** Notes of the page that change what a client may do with an answer. */
export const ACTION_NOTES = {
	/** "approve/reject only work for groups with requireAdminApproval=true". */
	settleNeedsAdminApproval: fact(['approve', 'reject'] as ContractAction[], `${PARTICIPANTS_PAGE} § Notes`),
	/**
	 * "if you only have the phone number, the service tries to resolve the equivalent
	 * LID automatically": an approve/reject entry may name a LID for a phone that was
	 * sent, so an answer's entries cannot be paired with what was sent by position.
	 */
	resolvesPhoneToLid: fact(['approve', 'reject'] as ContractAction[], `${PARTICIPANTS_PAGE} § Notes, § Reject Group Join`),
	/** "The ex-member can rejoin via the invite link unless you generate a new link with /reset-link." */
	removedCanRejoinByLink: fact(['remove'] as ContractAction[], `${PARTICIPANTS_PAGE} § Remove from Group; ${RESET_LINK}`),
	/** "Failures from privacy settings or numbers without WhatsApp are isolated as success: false". */
	addFailuresPerParticipant: fact(['add'] as ContractAction[], `${PARTICIPANTS_PAGE} § Add to Group`),
	/** The endpoint: "Idempotent: no" — a client never resends blindly. */
	idempotent: fact(false, PARTICIPANTS_PAGE),
} as const;

// ---------------------------------------------------------------- request, answer, messages

/** The request body (playground stub and curl examples; "At least 1 item"). */
export const ParticipantsRequest = z.object({
	action: z.enum(CONTRACT_ACTIONS as [ContractAction, ...ContractAction[]]),
	/** "Group JID, invite code, or link." */
	identifier: z.string().min(1),
	/** "Numbers or JIDs targeted by the operation. At least 1 item." A maximum is not documented. */
	participants: z.array(z.string()).min(1),
});
export type ParticipantsRequestBody = z.infer<typeof ParticipantsRequest>;

/**
 * One entry of the answer's `participants` array: "success: true|false", and "the
 * error field carries the reason when success=false". The key naming the person
 * is NOT documented (the JSON example is not in the stored copy): the simulator
 * answers `jid` (see ENTRY_ID_KEY), and may be told to use any of ENTRY_ID_KEYS.
 */
export const ParticipantEntry = z
	.object({
		success: z.boolean(),
		error: z.unknown().optional(),
	})
	.passthrough();

/** 200, "even with some members failing"; top-level keys beside `participants` are not documented. */
export const ParticipantsAnswer = z.object({ participants: z.array(ParticipantEntry) }).passthrough();
export type ParticipantsAnswerBody = z.infer<typeof ParticipantsAnswer>;

export const PARTICIPANTS_ANSWER = {
	status: fact(200, `${PARTICIPANTS_PAGE} § Success response`),
	partial: fact(true, `${PARTICIPANTS_PAGE} § Success response ("Partial operations are possible")`),
	entryIdKey: chosen('jid', `${PARTICIPANTS_PAGE} (JSON example not stored; reference §1.4: key NOT FOUND)`),
	/** Keys a client should look for (reference §1.4 inference), the faults' KeyStyle. */
	entryIdKeys: chosen(['jid', 'phone', 'phoneNumber', 'number', 'participant', 'lid', 'id'] as const, 'reference §1.4 [INFERENCE]'),
	/** Top-level keys beside `participants` (modelled on the sibling group routes). */
	topLevelKeys: chosen(['success', 'message', 'groupJid', 'participants'] as const, 'reference §1.4 [INFERENCE], §5'),
	/**
	 * Brazil (55): the messages endpoint "automatically tries variations" with and without the 9th digit; whether
	 * the participants endpoint does, and which form its entry then names, is not documented: a client reads either.
	 */
	brazilEitherNinthDigitForm: chosen(true, `${DOCS}/api/messages/overview (reference §6.3); for participants NOT FOUND`),
} as const;

/** The page's Errors table (seeds 000/001), verbatim. */
export const PARTICIPANTS_ERRORS = {
	invalidAction: fact(
		{ status: 400, message: 'Invalid action. Must be one of: add, remove, promote, demote, approve, reject' },
		`${PARTICIPANTS_PAGE} § Errors`,
	),
	participantsRequired: fact({ status: 400, message: 'At least one participant is required' }, `${PARTICIPANTS_PAGE} § Errors`),
	identifierRequired: fact({ status: 400, message: 'Identifier is required' }, `${PARTICIPANTS_PAGE} § Errors`),
	mustBeAdmin: fact({ status: 403, message: 'Not authorized to perform this action (must be admin)' }, `${PARTICIPANTS_PAGE} § Errors`),
	groupNotFound: fact({ status: 404, message: 'Group not found or you are not a member of this group' }, `${PARTICIPANTS_PAGE} § Errors`),
	/** Promote/demote without super-admin: the page lists only "(must be admin)"; this wording is the simulator's. */
	mustBeSuperAdmin: chosen(
		{ status: 403, message: 'Not authorized to perform this action (must be super admin)' },
		`${PARTICIPANTS_PAGE} § Notes (requirement documented, message not)`,
	),
	/** approve/reject in a group without admin approval: requirement documented, answer not. */
	noAdminApproval: chosen({ status: 400, message: 'Group does not require admin approval' }, `${PARTICIPANTS_PAGE} § Notes`),
	/** A body that is not JSON. */
	invalidBody: fact({ status: 400, message: 'Invalid request body' }, `${ERRORS_GUIDE} (reference §3.4, seen on endpoint pages)`),
	instanceNotFound: fact({ status: 404, message: 'Instance not found' }, `${ERRORS_GUIDE} (reference §3.4)`),
	/** The errors guide's example envelope; it lists "instance not connected" under 400 and 503. */
	notConnected: fact({ status: 400, message: 'Instance is not connected to WhatsApp' }, `${ERRORS_GUIDE} (reference §3.2, §3.3)`),
} as const;

/** The sibling pages' 403s (reference §5.2, §5.3). */
export const SIBLING_ERRORS = {
	requestsMustBeAdmin: fact({ status: 403, message: 'Not authorized to view group requests (must be admin)' }, GROUP_REQUESTS),
	resetLinkMustBeAdmin: fact({ status: 403, message: 'Not authorized to reset group invite link (must be admin)' }, RESET_LINK),
} as const;

// ---------------------------------------------------------------- WhatsApp's per-participant codes

/**
 * What one WhatsApp code says about one person. The names are the errorCodes of
 * issue 17's table, so the node's status → errorCode map is compared to them as is.
 */
export type CodeMeaning =
	| 'privacy_blocked'
	| 'recently_left'
	| 'already_member'
	| 'group_full'
	| 'not_on_whatsapp'
	| 'not_admin'
	| 'not_member'
	| 'no_pending_request';

export interface CodeFact {
	meaning: CodeMeaning;
	source: string;
	documented?: false;
}

/**
 * WhatsApp's codes in a participants update (whatsmeow `GroupParticipant.Error`),
 * per action. A definite answer about that person: never a timeout, never a
 * server fault, never "maybe processed". How RyzeAPI passes them on (a number in
 * `error`, a text such as "408" or "…code 500", a `code` or `status` key) is NOT
 * documented (reference §7.6): a client reads all of those.
 *
 * Only the add codes are named by a library (open-wa). The others are this
 * contract's reading of whatsmeow's code for the other actions: `documented: false`.
 */
export const WHATSAPP_CODES = {
	add: {
		403: { meaning: 'privacy_blocked', source: `${OPEN_WA_ADD} (403: privacy settings; an add_request {code, expiration} comes with it)` },
		404: {
			meaning: 'not_on_whatsapp',
			source: `${WHATSMEOW_GROUP}; ${PARTICIPANTS_PAGE} § Add to Group ("numbers without WhatsApp")`,
			documented: false,
		},
		408: { meaning: 'recently_left', source: `${OPEN_WA_ADD} (408: recently left; an invite link works)` },
		409: { meaning: 'already_member', source: `${OPEN_WA_ADD} (409: already in the group)` },
		500: { meaning: 'group_full', source: `${OPEN_WA_ADD} (500: the group is full)` },
	},
	remove: {
		403: { meaning: 'not_admin', source: WHATSMEOW_GROUP, documented: false },
		404: { meaning: 'not_member', source: WHATSMEOW_GROUP, documented: false },
	},
	promote: {
		403: { meaning: 'not_admin', source: WHATSMEOW_GROUP, documented: false },
		404: { meaning: 'not_member', source: WHATSMEOW_GROUP, documented: false },
	},
	demote: {
		403: { meaning: 'not_admin', source: WHATSMEOW_GROUP, documented: false },
		404: { meaning: 'not_member', source: WHATSMEOW_GROUP, documented: false },
	},
	/** approve makes the person a member: WhatsApp answers it with the add's codes (whatsmeow). */
	approve: {
		403: { meaning: 'not_admin', source: WHATSMEOW_GROUP, documented: false },
		404: { meaning: 'no_pending_request', source: WHATSMEOW_GROUP, documented: false },
		408: { meaning: 'recently_left', source: `${WHATSMEOW_GROUP}; ${OPEN_WA_ADD}`, documented: false },
		409: { meaning: 'already_member', source: `${WHATSMEOW_GROUP}; ${OPEN_WA_ADD}`, documented: false },
		500: { meaning: 'group_full', source: `${WHATSMEOW_GROUP}; ${OPEN_WA_ADD}`, documented: false },
	},
	reject: {
		403: { meaning: 'not_admin', source: WHATSMEOW_GROUP, documented: false },
		404: { meaning: 'no_pending_request', source: WHATSMEOW_GROUP, documented: false },
	},
} as const satisfies Record<ContractAction, Partial<Record<number, CodeFact>>>;

/** A 403 that carries WhatsApp's add_request is a privacy block, whatever the action (open-wa). */
export const ADD_REQUEST_MEANS = fact<CodeMeaning>('privacy_blocked', OPEN_WA_ADD);

/** Every WhatsApp code any action may carry. */
export const WHATSAPP_CODE_NUMBERS: readonly number[] = [
	...new Set(Object.values(WHATSAPP_CODES).flatMap((codes) => Object.keys(codes).map(Number))),
].sort((a, b) => a - b);

/** The texts the simulator puts in `error` of a failed entry: not documented, chosen to carry WhatsApp's code. */
export const ENTRY_ERRORS = {
	invalidParticipant: chosen('invalid participant', `${PARTICIPANTS_PAGE} (entry texts not documented)`),
	notOnWhatsApp: chosen('number is not registered on WhatsApp', `${PARTICIPANTS_PAGE} § Add to Group ("numbers without WhatsApp")`),
	privacyBlocked: chosen('privacy settings do not allow adding this participant (403)', `${PARTICIPANTS_PAGE}; ${OPEN_WA_ADD}`),
	alreadyMember: chosen(
		'participant is already a member of the group (409)',
		`${PARTICIPANTS_PAGE} § Success response ("already a member"); ${OPEN_WA_ADD}`,
	),
	notMember: chosen('participant is not a member of the group (404)', WHATSMEOW_GROUP),
	noPendingRequest: chosen('no pending join request for this participant (404)', WHATSMEOW_GROUP),
} as const;
