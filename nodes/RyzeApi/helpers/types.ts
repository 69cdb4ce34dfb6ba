/** Domain types shared by the pure helpers, the transport and the operations. */

import type { ParticipantAction } from './actions';

/** The actions and everything about each: one table, helpers/actions.ts. */
export type { ParticipantAction } from './actions';

/** Stable codes on every Failure item. The API only gives free text; these are derived from it. */
export type ErrorCode =
	| 'not_on_whatsapp'
	| 'privacy_blocked'
	| 'recently_left'
	| 'group_full'
	| 'already_member'
	| 'not_member'
	| 'not_admin'
	| 'group_not_found'
	| 'instance_not_found'
	| 'not_found'
	| 'no_pending_request'
	| 'invalid_participant'
	| 'invalid_parameter'
	| 'missing_result'
	| 'bad_request'
	| 'unauthorized'
	| 'instance_disconnected'
	| 'rate_limited'
	| 'timeout'
	| 'network'
	| 'server_error'
	| 'unexpected_response'
	| 'redirect'
	| 'response_too_large'
	| 'conflict'
	| 'payload_too_large'
	| 'unknown';

export type ParticipantKind = 'phone' | 'jid' | 'lid';

/** One participant as the user wrote it and as it is sent. */
export interface Participant {
	/** As the user wrote it (trimmed). */
	input: string;
	/** As sent to the API: digits for a phone, the JID or LID otherwise. */
	value: string;
	kind: ParticipantKind;
	/** The digits before the `@`: the key used to match results. */
	key: string;
	/** Its place among the item's distinct participants, which the outputs keep. */
	position?: number;
}

/** An entry that can never be a participant. */
export interface RejectedParticipant {
	input: string;
	reason: string;
}

export interface ParsedParticipants {
	participants: Participant[];
	rejected: RejectedParticipant[];
}

/** Everything one input item asks for, validated and normalized. */
export interface ParticipantRequest {
	itemIndex: number;
	instance: string;
	group: string;
	action: ParticipantAction;
	participants: Participant[];
	rejected: RejectedParticipant[];
	timeoutMs: number;
	/** add: fetch the group's invite link for privacy-blocked participants. */
	attachInviteLink?: boolean;
	/** remove: reset the invite link once per group after successful removals. */
	resetInviteLink?: boolean;
}

/** What one participant's result looks like once matched. */
export interface ParticipantOutcome {
	success: boolean;
	jid: string | null;
	error: string | null;
	errorCode: ErrorCode | null;
	statusCode: number | null;
	raw: unknown;
	/** True when the call may have been processed although no result came back. */
	outcomeUnknown?: boolean;
	/** Extra keys carried to the output item (invite codes, invite links). */
	extra?: Record<string, unknown>;
}

/** A whole-call failure: the API (or the network) refused the call as a whole. */
export interface CallFailure {
	errorCode: ErrorCode;
	/** What happened, in the API's own words where it gave any. */
	message: string;
	/** How to fix it. */
	description: string;
	statusCode: number | null;
	/** The call may have been processed (timeout, dropped connection, 5xx). */
	outcomeUnknown: boolean;
}
