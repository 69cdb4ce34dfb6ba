/** The types of Manage Participants: a participant as parsed, an item's request, one participant's outcome. */

import type { ErrorCode } from '../../../helpers/types';

import type { ParticipantAction } from './actions';

/** The actions and everything about each: one table, actions.ts. */
export type { ParticipantAction } from './actions';

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
