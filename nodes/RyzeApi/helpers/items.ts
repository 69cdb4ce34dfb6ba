/**
 * Builds the output items and routes them to Success and Failure. Pure.
 * Every item has the same keys on both outputs and a pairedItem to its input item.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ErrorCode, ParticipantAction, ParticipantOutcome } from './types';

/**
 * What went wrong, the last keys of every operation's items (null on Success): the
 * one list of them, spread into each operation's keys.
 */
export const FAILURE_KEYS = ['error', 'errorCode', 'statusCode', 'outcomeUnknown', 'raw'] as const;

/**
 * The keys of every Manage Participants item, on both outputs, in this order: the
 * one list the tests and the acceptance harness read (the harness from dist/).
 */
export const RESULT_KEYS = ['success', 'participant', 'input', 'jid', 'action', 'group', 'groupJid', 'instance', ...FAILURE_KEYS] as const;

/** Keys only some items carry: an add's invitation, and what the group follow-ups add. */
export const OPTIONAL_RESULT_KEYS = ['addRequest', 'inviteCode', 'inviteLink', 'inviteLinkError', 'inviteLinkReset'] as const;

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

/** Any output item: it says whether it succeeded; the rest is the operation's. */
export interface ItemJson {
	success: boolean;
}

/**
 * Collects results per input item, so that the outputs keep the input order
 * whatever order the calls ran in.
 */
export class ResultCollector {
	private readonly perItem: Array<Array<{ json: ItemJson; order: number }>>;

	constructor(itemCount: number) {
		this.perItem = Array.from({ length: itemCount }, () => []);
	}

	/** `order` is the participant's place in its item; entries without one go last. */
	add(itemIndex: number, json: ItemJson, order = Number.MAX_SAFE_INTEGER): void {
		this.perItem[itemIndex].push({ json, order });
	}

	/** [Success, Failure]; in tool mode everything goes on output 0, which is all an AI Agent reads. */
	route(toolMode: boolean, redact: <T>(value: T) => T = (value) => value): INodeExecutionData[][] {
		const success: INodeExecutionData[] = [];
		const failure: INodeExecutionData[] = [];
		this.perItem.forEach((list, itemIndex) => {
			const ordered = [...list].sort((a, b) => a.order - b.order);
			for (const { json } of ordered) {
				const item: INodeExecutionData = { json: redact(json) as unknown as IDataObject, pairedItem: { item: itemIndex } };
				if (json.success || toolMode) success.push(item);
				else failure.push(item);
			}
		});
		return [success, failure];
	}
}
