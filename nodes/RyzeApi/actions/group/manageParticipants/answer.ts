/**
 * Interprets the 2xx answer to one participants call. Pure: from the body to
 * either a whole-call failure (a shape this node cannot read) or one outcome per
 * participant. Non-2xx answers never get here: the transport classifies them.
 */
import { failureOf } from '../../../helpers/errorCodes';
import { matchResults, missingResult, readParticipantsBody } from './entries';
import { participantIdentity } from '../../../helpers/participants';
import type { CallFailure } from '../../../helpers/types';
import type { Participant } from '../../../helpers/participants';
import type { ParticipantAction, ParticipantOutcome } from './types';

export type CallResult = { ok: true; outcomes: ParticipantOutcome[]; groupJid: string | null } | { ok: false; failure: CallFailure };

/**
 * `sent` is what the call carried; `own` (default: the same) is what this run asked
 * for. When concurrent executions shared the call, `own` is this run's part of it
 * and the outcomes come back aligned to `own`, so nothing of the others shows;
 * `shared` says so (entries without identifiers are then never paired by position).
 */
export function interpretParticipantsAnswer(
	statusCode: number,
	body: unknown,
	sent: Participant[],
	action: ParticipantAction,
	own: Participant[] = sent,
	shared = false,
): CallResult {
	const read = readParticipantsBody(body);
	if (!read.ok) {
		// A 2xx means the call reached the API and may have been processed.
		return { ok: false, failure: { ...failureOf('unexpected_response', read.reason, true), statusCode } };
	}
	const record = body as Record<string, unknown>;
	const groupJid = typeof record.groupJid === 'string' ? record.groupJid : null;
	const outcomes = matchResults(sent, read.entries, action, statusCode, !shared);
	if (own === sent) return { ok: true, outcomes, groupJid };
	const slotOf = new Map(sent.map((participant, slot) => [participantIdentity(participant), slot]));
	return {
		ok: true,
		outcomes: own.map((participant) => outcomes[slotOf.get(participantIdentity(participant)) ?? -1] ?? missingResult(statusCode)),
		groupJid,
	};
}
