/** The types of Manage Participants: an item's request, one participant's outcome. */

import type { ErrorCode } from '../../../helpers/types';
import type { Participant, RejectedParticipant } from '../../../helpers/participants';

import type { ParticipantAction } from './actions';

/** The actions and everything about each: one table, actions.ts. */
export type { ParticipantAction } from './actions';

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
	/** add: send the invite link by private message to people the add could not reach, with this template (invites.ts). */
	invite?: { template: string };
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
