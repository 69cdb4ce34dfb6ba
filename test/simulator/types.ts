/**
 * Public types of the RyzeAPI simulator.
 */
import type { ContractAction, PolledState } from '../contract/ryzeapi';

export interface RateLimitOptions {
	/** Requests allowed per token per window (default 100). */
	limit: number;
	/** Window length in milliseconds; windows are aligned to epoch multiples (default 60000). */
	windowMs: number;
}

export interface SimulatorOptions {
	/** Interface to listen on (default 127.0.0.1). */
	host?: string;
	/** Port to listen on; 0 picks a free ephemeral port (default 0). */
	port?: number;
	rateLimit?: RateLimitOptions;
	/** Extra delay before every API answer (default 0). */
	latencyMs?: number;
	/** Extra delay for approve/reject answers (default 0). */
	approveLatencyMs?: number;
}

export interface SimulatorConfig {
	host: string;
	port: number;
	rateLimit: RateLimitOptions;
	latencyMs: number;
	approveLatencyMs: number;
}

/** Which kind of credential a request carried. The token itself is never recorded. */
export type TokenKind = 'instance' | 'account' | 'invalid' | 'missing';

export interface RecordedCall {
	method: string;
	/** Path without the query string. */
	path: string;
	query: Record<string, string>;
	/** Parsed JSON body, the raw text when it was not JSON, undefined when empty. */
	body: unknown;
	/** HTTP status sent; 0 when the connection was dropped by a fault. */
	status: number;
	tokenKind: TokenKind;
	/** Kind of the fault applied to this call, if any. */
	fault?: FaultKind;
	/** ISO timestamp of arrival. */
	at: string;
}

export interface SimulatorStats {
	/** Every /api/* request received. */
	requests: number;
	/** Requests that reached the API handlers (not stopped by the rate limit or a short-circuit fault). */
	processed: number;
	/** Requests refused by the rate limiter. */
	rateLimited: number;
	/** Requests a fault was applied to. */
	faulted: number;
}

/** RyzeAPI's six actions, from the contract (test/contract/ryzeapi.ts), never from the node. */
export type Action = ContractAction;

export type GroupRole = 'superadmin' | 'admin' | 'member';

export interface FaultMatch {
	/** HTTP method, case-insensitive. */
	method?: string;
	/** The request path must start with this (e.g. `/api/group/participants`). */
	pathPrefix?: string;
}

export type MutateOp = 'reorder' | 'missing' | 'extra' | 'duplicate';

export type KeyStyle = 'jid' | 'phone' | 'phoneNumber' | 'number' | 'participant' | 'lid' | 'id' | 'none';

/** Which entries of an `answer` fault succeed: all, none, or every other one (first succeeds). */
export type AnswerOutcome = 'success' | 'failure' | 'partial';

interface FaultBase {
	/** Queued faults wait for a request that matches; omitted = the next API request. */
	match?: FaultMatch;
	/** Queued faults only: apply to the next N matching requests (default 1). Ignored in the header. */
	times?: number;
}

/** One fault applies to exactly one /api/* request. */
export type Fault = FaultBase &
	(
		| { kind: 'status'; status: number; message?: string; processed?: boolean; headers?: Record<string, string> }
		/** A 3xx with a Location (e.g. on another host): a client that follows it leaks what it sends. */
		| { kind: 'redirect'; status?: number; location: string }
		/** The normal answer, its headers at once, then the body one byte every `intervalMs`. */
		| { kind: 'drip'; intervalMs: number }
		/** A 200 whose body is `bytes` long (a valid participants answer padded out). */
		| { kind: 'huge'; bytes: number; processed?: boolean }
		| { kind: 'whatsapp429' }
		| { kind: 'html'; status?: number; processed?: boolean }
		| { kind: 'empty'; status?: number; processed?: boolean }
		| { kind: 'truncated' }
		| { kind: 'garbage'; processed?: boolean }
		| { kind: 'json'; status?: number; body: unknown; processed?: boolean }
		| { kind: 'delay'; ms: number }
		| { kind: 'drop'; processed?: boolean }
		| { kind: 'mutate'; ops: MutateOp[]; keyStyle?: KeyStyle }
		| { kind: 'answer'; outcome: AnswerOutcome; error?: string; ops?: MutateOp[]; keyStyle?: KeyStyle }
	);

export type FaultKind = Fault['kind'];

/** A WhatsApp connection of the simulated account. */
export interface Instance {
	name: string;
	/** TokenInstance: valid for this instance only. */
	token: string;
	connected: boolean;
	/** Own phone number, digits only. */
	number: string;
	profileName: string;
	/** Its LID (used when it asks to join a group that requires approval). */
	lid?: string;
	/** `connection.state` of the instance list while not connected (default `disconnected`). */
	connectionState?: PolledState;
}

export interface Account {
	/** TokenAccount: valid for every instance listed. */
	token: string;
	instances: string[];
}

export interface Member {
	/** `<digits>@s.whatsapp.net`, or the `@lid` when the phone number is unknown. */
	jid: string;
	lid: string | null;
	isAdmin: boolean;
	isSuperAdmin: boolean;
}

export interface PendingRequest {
	lid: string;
	/** Digits only, null when WhatsApp does not reveal it. */
	phone: string | null;
	requestedAt: string;
}

export interface GroupSettings {
	membersCanEditInfo: boolean;
	membersCanSendMessages: boolean;
	membersCanAddOthers: boolean;
	requireAdminApproval: boolean;
}

export interface Group {
	jid: string;
	name: string;
	description: string;
	inviteCode: string;
	createdBy: string;
	settings: GroupSettings;
	/** In join order; includes the simulated instances' own numbers. */
	members: Member[];
	pending: PendingRequest[];
	/** The picture's URL as sent to Update/Create Group; absent or null: none. */
	image?: string | null;
	/** Invite codes revoked by a link reset: joining with one answers "revoked or expired". */
	revokedCodes?: string[];
}

/** A text sent through `POST /api/message/text/:instance` (`GET /__sim/messages`). */
export interface SentMessage {
	messageId: string;
	instance: string;
	/** `number` as sent. */
	number: string;
	/** The chat it went to: a phone JID (after the Brazilian fallback), a LID, a group JID … */
	to: string;
	message: string;
	linkPreview: boolean;
	delay: number | null;
	replyTo: string | null;
	mention: string[];
	mentionAll: boolean;
	at: string;
}
