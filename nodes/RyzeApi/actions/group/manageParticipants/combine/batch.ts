/**
 * One merged call of the batcher (batcher.ts) and its members, one per execution.
 *
 * A member belongs to its execution, a batch to none: each member carries its own
 * deadlines and its own stop signal, and leaves the batch (before it is sent) or
 * the call (while it is in flight) on its own, with its own result. The batch only
 * holds what the members left in it; once every member has left a call in flight,
 * the call is aborted (batcher.ts).
 */
import { participantIdentity } from '../../../../helpers/participants';
import type { CallFailure } from '../../../../helpers/types';
import type { Participant } from '../../../../helpers/participants';
import type { ApiOutcome, RequestSpec } from '../../../../transport/http/request';
import type { Timer } from '../../../../transport/rateLimit/lane';
import type { Pacer } from '../../../../transport/rateLimit/pacer';

/** One execution's request in a merged call. */
export interface BatchEntry {
	/** This execution's distinct participants for the call. */
	participants: Participant[];
	timeoutMs: number;
	/** Most participants this execution allows per call (its Batch Size). */
	batchSize: number;
	/** Retry on Server Errors: this execution accepts a resend after an unknown outcome. */
	mayResend: boolean;
	/** The execution's pacing: its Max Wait budget, reserve and stop signal. */
	pacer: Pacer;
	/**
	 * Sends with this execution's credential, bound to `signal` (the call's own,
	 * aborted once every member left), never to this execution's stop signal.
	 */
	send: (spec: RequestSpec, signal: AbortSignal) => Promise<ApiOutcome>;
	/** Counts this execution's share of the calls. */
	stats: { calls: number; rateLimited: number; resent: number };
	/** Refused once as part of a merged call: goes alone from now on. */
	solo?: boolean;
}

/**
 * What one execution gets back: the answer and the participants the call carried,
 * or a whole-call failure. `shared`: the call carried other executions too (their
 * entries must not be paired by position, their data must not show); `isolate`
 * removes their participants from anything taken from the answer.
 */
export type EntryResult =
	| { ok: true; statusCode: number; body: unknown; sent: Participant[]; shared: boolean; isolate: <T>(value: T) => T }
	| { ok: false; failure: CallFailure };

export interface Member {
	entry: BatchEntry;
	resolve: (result: EntryResult) => void;
	joinedAt: number;
	/** Joined, or came back to the queue (after a 429): the start of its current wait. */
	waitingSince: number;
	/** The hard bound: Max Wait left when it joined, plus its Timeout. It never waits past it. */
	deadline: number;
	/** A call carrying it may have been processed (a resend after an unknown outcome). */
	maybeProcessed: boolean;
	/** 429s in a row met by the calls that carried it: its back-off and its cap (MAX_429_RESENDS), as alone. */
	rateLimited: number;
	/** In a call in flight: that call. */
	inFlight: CallInFlight | null;
	/** The batch it waits in (before sending). */
	batch: Batch | null;
	done: boolean;
	timer: Timer | null;
	onStop: () => void;
}

/** A merged call on the wire: who still waits for it, and its own abort (never an execution's). */
export interface CallInFlight {
	live: Set<Member>;
	controller: AbortController;
}

export interface Batch {
	members: Member[];
	identities: Set<string>;
	/**
	 * The people of its call on the wire, until the call is answered (or let go
	 * of): a later request of another action for one of them waits for that answer.
	 */
	sending: Set<string>;
	participants: Participant[];
	limit: number;
	solo: boolean;
	serverErrors: number;
	/** Aborted when the last member leaves before sending: the lane and any wait let go of it. */
	emptied: AbortController;
	/** Batches of another action on the same group with a person in common, that arrived first. */
	after: Array<Promise<void>>;
	/** Settles once the batch was answered or dropped (for later batches that must go after it). */
	finished: Promise<void>;
	finish: () => void;
	action: string;
	groupKey: string;
}

export function fits(batch: Batch, entry: BatchEntry): boolean {
	const limit = Math.min(batch.limit, entry.batchSize);
	let added = 0;
	for (const participant of entry.participants) if (!batch.identities.has(participantIdentity(participant))) added++;
	return batch.participants.length + added <= limit;
}

function add(batch: Batch, member: Member): void {
	batch.limit = Math.min(batch.limit, member.entry.batchSize);
	for (const participant of member.entry.participants) {
		const identity = participantIdentity(participant);
		if (batch.identities.has(identity)) continue;
		batch.identities.add(identity);
		batch.participants.push(participant);
	}
}

export function join(batch: Batch, member: Member): void {
	batch.members.push(member);
	member.batch = batch;
	add(batch, member);
}

/** Takes a member out of a batch not yet sent: its participants leave the call (unless another member asked too). */
export function remove(batch: Batch, member: Member): void {
	const index = batch.members.indexOf(member);
	if (index === -1) return;
	batch.members.splice(index, 1);
	member.batch = null;
	batch.identities = new Set();
	batch.participants = [];
	batch.limit = Infinity;
	for (const other of batch.members) add(batch, other);
	if (batch.members.length === 0) batch.emptied.abort();
}

export function newBatch(action: string, groupKey: string, solo: boolean): Batch {
	let finish = () => {};
	const finished = new Promise<void>((resolve) => (finish = resolve));
	return {
		members: [],
		identities: new Set(),
		sending: new Set(),
		participants: [],
		limit: Infinity,
		solo,
		serverErrors: 0,
		emptied: new AbortController(),
		after: [],
		finished,
		finish,
		action,
		groupKey,
	};
}

/** Whether a request shares a person with a batch: one it holds, or one of its call still on the wire. */
export function overlaps(batch: Batch, participants: Participant[]): boolean {
	return participants.some((participant) => {
		const identity = participantIdentity(participant);
		return batch.identities.has(identity) || batch.sending.has(identity);
	});
}
