/**
 * Plans the API calls for a run. Pure.
 *
 * Items that agree on (instance, group, action) are combined into calls of up to
 * `batchSize` distinct participants when `combineItems` is on; otherwise every
 * item gets its own calls. Either way a participant is sent once per call, and
 * every input item that asked for it keeps its own place in the call's members.
 */
import { participantIdentity } from '../../../helpers/participants';
import type { BatchingOptions } from '../../options';
import type { Participant } from '../../../helpers/participants';
import type { ParticipantAction, ParticipantRequest } from './types';

/** One participant of a call and the input item that asked for it. */
export interface CallMember {
	itemIndex: number;
	participant: Participant;
	/** Index into the call's `participants` (the value sent for this member). */
	slot: number;
}

export interface PlannedCall {
	instance: string;
	group: string;
	action: ParticipantAction;
	timeoutMs: number;
	/** Distinct participants, as sent. */
	participants: Participant[];
	members: CallMember[];
	/** The input items this call serves, ascending. */
	itemIndexes: number[];
}

export function planCalls(requests: ParticipantRequest[], batching: Pick<BatchingOptions, 'combineItems' | 'batchSize'>): PlannedCall[] {
	const groups = new Map<string, ParticipantRequest[]>();
	for (const request of requests) {
		if (request.participants.length === 0) continue;
		const key = batching.combineItems ? JSON.stringify([request.instance, request.group, request.action]) : `item:${request.itemIndex}`;
		const list = groups.get(key);
		if (list) list.push(request);
		else groups.set(key, [request]);
	}

	const calls: PlannedCall[] = [];
	for (const group of groups.values()) {
		for (const call of chunkGroup(group, batching.batchSize)) calls.push(call);
	}
	return calls;
}

interface Distinct {
	participant: Participant;
	members: Array<{ itemIndex: number; participant: Participant }>;
}

function chunkGroup(requests: ParticipantRequest[], batchSize: number): PlannedCall[] {
	const first = requests[0];
	const distinct = new Map<string, Distinct>();
	for (const request of requests) {
		for (const participant of request.participants) {
			const identity = participantIdentity(participant);
			const known = distinct.get(identity);
			const member = { itemIndex: request.itemIndex, participant };
			if (known) known.members.push(member);
			else distinct.set(identity, { participant, members: [member] });
		}
	}
	// A loop, not Math.max(...spread): a spread of 200,000 values overflows the call stack.
	let timeoutMs = 0;
	for (const request of requests) if (request.timeoutMs > timeoutMs) timeoutMs = request.timeoutMs;

	const all = [...distinct.values()];
	const calls: PlannedCall[] = [];
	for (let start = 0; start < all.length; start += batchSize) {
		const slice = all.slice(start, start + batchSize);
		const members: CallMember[] = [];
		slice.forEach((entry, slot) => {
			for (const member of entry.members) members.push({ ...member, slot });
		});
		calls.push({
			instance: first.instance,
			group: first.group,
			action: first.action,
			timeoutMs,
			participants: slice.map((entry) => entry.participant),
			members,
			itemIndexes: [...new Set(members.map((member) => member.itemIndex))].sort((a, b) => a - b),
		});
	}
	return calls;
}
