/**
 * Interprets the answer to one participants call. Pure: from an HTTP status,
 * headers and body to either a whole-call failure or one outcome per participant.
 */
import { classifyHttpFailure, howToFix } from './errorCodes';
import { excerpt, matchResults, readParticipantsBody } from './results';
import type { CallFailure, Participant, ParticipantAction, ParticipantOutcome } from './types';

export type CallResult =
	| { ok: true; outcomes: ParticipantOutcome[]; groupJid: string | null }
	| { ok: false; failure: CallFailure };

/** The API's own words from an error envelope `{success:false, error:{message}}`, bounded. */
export function apiErrorMessage(body: unknown): string | null {
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (trimmed === '') return null;
		if (/^</.test(trimmed)) return null;
		return excerpt(trimmed);
	}
	if (!body || typeof body !== 'object') return null;
	const record = body as Record<string, unknown>;
	const error = record.error;
	if (typeof error === 'string') return excerpt(error, 300);
	if (error && typeof error === 'object') {
		const message = (error as Record<string, unknown>).message;
		if (typeof message === 'string') return excerpt(message, 300);
	}
	if (typeof record.message === 'string') return excerpt(record.message, 300);
	return null;
}

export function interpretParticipantsAnswer(
	statusCode: number,
	body: unknown,
	participants: Participant[],
	action: ParticipantAction,
): CallResult {
	if (statusCode < 200 || statusCode >= 300) {
		const failure = classifyHttpFailure(statusCode, apiErrorMessage(body));
		if (typeof body === 'string' && /^\s*</.test(body)) {
			failure.message = `RyzeAPI answered HTTP ${statusCode} with an HTML page`;
		}
		return { ok: false, failure };
	}
	const read = readParticipantsBody(body);
	if (!read.ok) {
		return {
			ok: false,
			failure: {
				errorCode: 'unexpected_response',
				message: read.reason,
				description: howToFix('unexpected_response'),
				statusCode,
				// A 2xx means the call reached the API and may have been processed.
				outcomeUnknown: true,
			},
		};
	}
	const record = body as Record<string, unknown>;
	const groupJid = typeof record.groupJid === 'string' ? record.groupJid : null;
	return { ok: true, outcomes: matchResults(participants, read.entries, action), groupJid };
}
