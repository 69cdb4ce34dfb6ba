/**
 * Interprets the 2xx answer to one participants call. Pure: from the body to
 * either a whole-call failure (a shape this node cannot read) or one outcome per
 * participant. Non-2xx answers never get here: the transport classifies them.
 */
import { failureOf } from './errorCodes';
import { matchResults, readParticipantsBody } from './participantEntries';
import type { CallFailure, Participant, ParticipantAction, ParticipantOutcome } from './types';

export type CallResult =
	| { ok: true; outcomes: ParticipantOutcome[]; groupJid: string | null }
	| { ok: false; failure: CallFailure };

export function interpretParticipantsAnswer(
	statusCode: number,
	body: unknown,
	participants: Participant[],
	action: ParticipantAction,
): CallResult {
	const read = readParticipantsBody(body);
	if (!read.ok) {
		// A 2xx means the call reached the API and may have been processed.
		return { ok: false, failure: { ...failureOf('unexpected_response', read.reason, true), statusCode } };
	}
	const record = body as Record<string, unknown>;
	const groupJid = typeof record.groupJid === 'string' ? record.groupJid : null;
	return { ok: true, outcomes: matchResults(participants, read.entries, action, statusCode), groupJid };
}
