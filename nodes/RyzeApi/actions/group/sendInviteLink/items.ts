/**
 * Send Invite Link's output keys and its item for one participant. Pure. The keys
 * are Manage Participants' where they mean the same (participant, input, jid, group,
 * groupJid, instance, inviteLink and the failure keys), plus the message id.
 */
import type { ErrorCode } from '../../../helpers/types';
import { FAILURE_KEYS } from '../../../helpers/items';

/** The keys of every item, Success and Failure alike, in this order. */
export const outputKeys = [
	'success',
	'participant',
	'input',
	'jid',
	'group',
	'groupJid',
	'instance',
	'inviteLink',
	'messageId',
	...FAILURE_KEYS,
] as const;

export interface InviteItemJson {
	success: boolean;
	/** The person as the node read them: the number messaged, or the LID that could not be. */
	participant: string | null;
	input: string | null;
	/** The chat RyzeAPI sent to (its answer's chat.jid), or null. */
	jid: string | null;
	group: string | null;
	groupJid: string | null;
	instance: string | null;
	/** The link the message carried (or would have). */
	inviteLink: string | null;
	messageId: string | null;
	error: string | null;
	errorCode: ErrorCode | null;
	statusCode: number | null;
	outcomeUnknown: boolean;
	raw: unknown;
}

export interface InviteContext {
	group: string | null;
	groupJid: string | null;
	instance: string | null;
	inviteLink: string | null;
}

export interface InviteResult {
	success: boolean;
	jid?: string | null;
	messageId?: string | null;
	error: string | null;
	errorCode: ErrorCode | null;
	statusCode: number | null;
	outcomeUnknown?: boolean;
	raw?: unknown;
}

export function inviteItem(
	context: InviteContext,
	participant: { value: string | null; input: string | null },
	result: InviteResult,
): InviteItemJson {
	return {
		success: result.success,
		participant: participant.value,
		input: participant.input,
		jid: result.jid ?? null,
		group: context.group,
		groupJid: context.groupJid,
		instance: context.instance,
		inviteLink: context.inviteLink,
		messageId: result.messageId ?? null,
		error: result.error,
		errorCode: result.errorCode,
		statusCode: result.statusCode,
		outcomeUnknown: result.outcomeUnknown === true,
		raw: result.raw ?? null,
	};
}
