/**
 * Manage Participants' output keys and its items for one participant. Pure.
 * Every item has the same keys on both outputs.
 */
import type { ErrorCode } from '../../../helpers/types';
import { FAILURE_KEYS, failureItem, type ItemFailure, type OutputJson } from '../../../helpers/items';
import type { ParticipantAction, ParticipantOutcome } from './types';

/**
 * The keys of every Manage Participants item, on both outputs, in this order: the
 * one list the tests and the acceptance harness read (the harness from dist/,
 * through the resource index).
 */
export const outputKeys = ['success', 'participant', 'input', 'jid', 'action', 'group', 'groupJid', 'instance', ...FAILURE_KEYS] as const;

/** Keys only some items carry: an add's invitation, and what the group follow-ups add. */
export const optionalOutputKeys = [
	'addRequest',
	'inviteCode',
	'inviteLink',
	'inviteLinkError',
	'inviteLinkReset',
	// Send Invite When Add Is Blocked (invites.ts): all four on a blocked add's item, or none.
	'inviteSent',
	'messageId',
	'inviteError',
	'inviteErrorCode',
] as const;

/** The keys of a simplified item (Simplify on: ../simplify.ts): who, which group, the outcome. */
export const simplifiedOutputKeys = ['success', 'participant', 'group', 'error', 'errorCode'] as const;

/** And, where the item has them: the invite link, and whether the invite message went (its id). */
export const simplifiedOptionalOutputKeys = ['inviteLink', 'inviteSent', 'messageId'] as const;

/** What the group follow-ups (followUps.ts) put on an item. */
export interface FollowUpKeys {
	/** add + privacy_blocked or recently_left: the group's invite link to send them, or null when it could not be read. */
	inviteLink?: string | null;
	/** Why the invite link is missing or was not reset. */
	inviteLinkError?: string;
	/** remove + Reset Invite Link: whether the link was reset. */
	inviteLinkReset?: boolean;
	/** The new invite code after a reset, or the one an entry carried. */
	inviteCode?: string | null;
	/** WhatsApp's private invitation on a privacy-blocked add. */
	addRequest?: unknown;
	/** Send Invite When Add Is Blocked (invites.ts): whether the message with the link went, its id, or why not. */
	inviteSent?: boolean;
	messageId?: string | null;
	inviteError?: string | null;
	inviteErrorCode?: ErrorCode | null;
}

export interface ParticipantResultJson extends FollowUpKeys {
	success: boolean;
	participant: string | null;
	input: string | null;
	jid: string | null;
	action: ParticipantAction | null;
	group: string | null;
	groupJid: string | null;
	instance: string | null;
	error: string | null;
	errorCode: ErrorCode | null;
	statusCode: number | null;
	outcomeUnknown: boolean;
	raw: unknown;
}

export interface ResultContext {
	action: ParticipantAction | null;
	group: string | null;
	groupJid?: string | null;
	instance: string | null;
}

/** A participant's item from its outcome in RyzeAPI's answer (Success or Failure, with the entry in `raw`). */
export function resultJson(
	context: ResultContext,
	participant: { value: string | null; input: string | null },
	outcome: ParticipantOutcome,
): ParticipantResultJson {
	return {
		success: outcome.success,
		participant: participant.value,
		input: participant.input,
		jid: outcome.jid,
		action: context.action,
		group: context.group,
		groupJid: context.groupJid ?? null,
		instance: context.instance,
		error: outcome.error,
		errorCode: outcome.errorCode,
		statusCode: outcome.statusCode,
		outcomeUnknown: outcome.outcomeUnknown === true,
		raw: outcome.raw ?? null,
		...(outcome.extra ?? {}),
	};
}

/**
 * A participant's Failure item when RyzeAPI said nothing about it: an entry that is
 * not a participant, an unusable input item, a refused tool call, a failed call.
 */
export function participantFailure(
	context: ResultContext,
	participant: { value: string | null; input: string | null },
	failure: ItemFailure,
): OutputJson<(typeof outputKeys)[number]> {
	return failureItem(outputKeys, failure, {
		participant: participant.value,
		input: participant.input,
		action: context.action,
		group: context.group,
		groupJid: context.groupJid,
		instance: context.instance,
	});
}
