/**
 * Send Invite Link's output keys and its items for one participant. Pure. The keys
 * are Manage Participants' where they mean the same (participant, input, jid, group,
 * groupJid, instance, inviteLink and the failure keys), plus the message id. A Failure
 * item is `failureItem`'s (helpers/items.ts), as every operation's.
 */
import type { ErrorCode } from '../../../helpers/types';
import { FAILURE_KEYS, failureItem, type ItemFailure, type OutputJson } from '../../../helpers/items';

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

/** The keys of a simplified item (Simplify on: ../simplify.ts): who, which group, the link and the message sent, the outcome. */
export const simplifiedOutputKeys = ['success', 'participant', 'group', 'inviteLink', 'messageId', 'error', 'errorCode'] as const;

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

/** A message RyzeAPI sent. */
export interface InviteSent {
	jid: string | null;
	messageId: string;
	statusCode: number;
	raw: unknown;
}

type Person = { value: string | null; input: string | null };

/** A participant's Success item: the message went. */
export function inviteItem(context: InviteContext, participant: Person, sent: InviteSent): InviteItemJson {
	return {
		success: true,
		participant: participant.value,
		input: participant.input,
		jid: sent.jid,
		group: context.group,
		groupJid: context.groupJid,
		instance: context.instance,
		inviteLink: context.inviteLink,
		messageId: sent.messageId,
		error: null,
		errorCode: null,
		statusCode: sent.statusCode,
		outcomeUnknown: false,
		raw: sent.raw,
	};
}

/** A participant's Failure item: what the node knows of them and the group; `raw` what RyzeAPI answered, if anything. */
export function inviteFailure(
	context: InviteContext,
	participant: Person,
	failure: ItemFailure,
	raw: unknown = null,
): OutputJson<(typeof outputKeys)[number]> {
	return failureItem(outputKeys, failure, {
		participant: participant.value,
		input: participant.input,
		group: context.group,
		groupJid: context.groupJid,
		instance: context.instance,
		inviteLink: context.inviteLink,
		raw,
	});
}
