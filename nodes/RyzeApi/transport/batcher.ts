/**
 * Combine Across Executions: concurrent executions' Manage Participants calls for
 * one instance, group and action join into one call, up to Batch Size, on one
 * token's lane (coordinator.ts has the whole picture). An idle key's call goes at
 * once; after a call the key cools down for KEY_COOL_DOWN_MS while newcomers
 * gather. Each execution gets back only its own participants' answers; a merged
 * 400/413 is split per execution.
 */
import { participantIdentity } from '../helpers/participants';
import type { CallFailure, Participant } from '../helpers/types';
import { rateLimitFailure, SERVER_ERROR_BACKOFF_MS, SERVER_ERROR_RETRIES, stoppedFailure } from './failures';
import type { ApiOutcome, RequestSpec } from './index';
import type { Clock, Ticket, TokenLane } from './lane';
import { waitAfter429, type Pacer } from './rateLimit';

/**
 * After a call for a key goes out, while the token's window is under pressure
 * (calls going out fast enough to spend it before its Reset, see
 * TokenLane.pressed), the next call for that key waits until this long after it,
 * gathering whatever arrives meanwhile. With budget to spare nothing waits. A
 * burst of one-contact executions leaves as about one call per second per group
 * and action instead of one call each (real-n8n burst, README: 102 calls and a
 * spent window without it, a handful with it).
 */
export const KEY_COOL_DOWN_MS = 1000;

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
	/** Sends with this execution's context (its credential, its stop signal). */
	send: (spec: RequestSpec) => Promise<ApiOutcome>;
	/** Counts this execution's share of the calls. */
	stats: { calls: number; rateLimited: number; resent: number };
	/** Refused once as part of a merged call: goes alone from now on. */
	solo?: boolean;
}

/** What one execution gets back: the answer and the participants the call carried, or a whole-call failure. */
export type EntryResult = { ok: true; statusCode: number; body: unknown; sent: Participant[] } | { ok: false; failure: CallFailure };

interface Member {
	entry: BatchEntry;
	resolve: (result: EntryResult) => void;
	joinedAt: number;
}

interface Batch {
	members: Member[];
	identities: Set<string>;
	participants: Participant[];
	limit: number;
	solo: boolean;
	rateLimited: number;
	serverErrors: number;
}

export interface CallTarget {
	/** Path of the participants call for the instance. */
	path: string;
	action: string;
	group: string;
}

/** Coalesces Manage Participants calls per (instance, group, action) on one lane. */
export class ParticipantBatcher {
	private readonly pending = new Map<string, Batch[]>();
	private readonly driving = new Set<string>();
	/** When the last call for each key went out, and whose runs it carried (kept while the key is active). */
	private readonly lastSent = new Map<string, { at: number; runs: Set<Pacer> }>();

	constructor(
		private readonly lane: TokenLane,
		private readonly clock: Clock,
	) {}

	/** Nothing queued or being sent (a key that only cools down holds nothing worth keeping). */
	idle(): boolean {
		return this.pending.size === 0 && this.driving.size === 0;
	}

	/** Keys whose cool-down is over are forgotten (bounded memory). */
	private forgetCooled(): void {
		const now = this.clock.now();
		for (const [key, last] of this.lastSent) if (now - last.at >= KEY_COOL_DOWN_MS && !this.driving.has(key)) this.lastSent.delete(key);
	}

	/**
	 * While a key cools down after a call, its next batch stays open and gathers.
	 * A full batch has nothing to gather, and a run sending its own next call
	 * (every member was in the last one) is not held back: only newcomers wait.
	 */
	private async coolDown(key: string, batch: Batch): Promise<void> {
		const last = this.lastSent.get(key);
		if (last === undefined || batch.participants.length >= batch.limit || !this.lane.pressed()) return;
		if (batch.members.every((member) => last.runs.has(member.entry.pacer))) return;
		const wait = last.at + KEY_COOL_DOWN_MS - this.clock.now();
		if (wait > 0) await this.clock.sleep(wait);
	}

	/** Joins the call for `target` (or opens one) and resolves with this execution's result. */
	submit(target: CallTarget, entry: BatchEntry): Promise<EntryResult> {
		const key = JSON.stringify([target.path, target.group, target.action]);
		if (this.lastSent.size > 100) this.forgetCooled();
		return new Promise<EntryResult>((resolve) => {
			const member: Member = { entry, resolve, joinedAt: this.clock.now() };
			const batches = this.pending.get(key) ?? [];
			const open = batches[batches.length - 1];
			if (open && !open.solo && !entry.solo && fits(open, entry)) join(open, member);
			else batches.push(newBatch(member));
			this.pending.set(key, batches);
			void this.drive(key, target);
		});
	}

	private async drive(key: string, target: CallTarget): Promise<void> {
		if (this.driving.has(key)) return;
		this.driving.add(key);
		try {
			for (;;) {
				const batches = this.pending.get(key);
				if (!batches || batches.length === 0) {
					this.pending.delete(key);
					return;
				}
				// The batch stays open while the key cools down and while it waits for a permit: later requests join it.
				await this.coolDown(key, batches[0]);
				const batch = batches[0];
				const permit = await this.lane.acquire(batchTicket(batch, this.clock));
				if (!permit.ok) {
					batches.shift();
					for (const member of batch.members) {
						member.resolve(permit.reason === 'refused' ? refusedResult(member, permit.waitMs) : stoppedResult());
					}
					continue;
				}
				batches.shift();
				if (batch.members.length === 0) {
					this.lane.settle({});
					continue;
				}
				this.lastSent.set(key, { at: this.clock.now(), runs: new Set(batch.members.map((member) => member.entry.pacer)) });
				await this.send(batch, target, batches);
			}
		} finally {
			this.driving.delete(key);
		}
	}

	/** Sends one closed batch (holding a permit) and settles it: delivered, queued again, or split. */
	private async send(batch: Batch, target: CallTarget, queue: Batch[]): Promise<void> {
		const now = this.clock.now();
		for (const member of batch.members) member.entry.pacer.charge(now - member.joinedAt);
		const live = batch.members.find((member) => !member.entry.pacer.stopped()) ?? batch.members[0];
		for (const member of batch.members) member.entry.stats.calls++;
		const outcome = await live.entry.send({
			method: 'POST',
			path: target.path,
			body: { action: target.action, identifier: target.group, participants: batch.participants.map((p) => p.value) },
			timeoutMs: maxTimeout(batch),
		});
		live.entry.pacer.observe(outcome.headers);
		for (const member of batch.members) member.joinedAt = this.clock.now();

		if (!outcome.ok && outcome.failure.statusCode === 429) {
			for (const member of batch.members) member.entry.stats.rateLimited++;
			const wait = waitAfter429(outcome.headers, batch.rateLimited++, this.clock.now());
			const waiting = batch.members.filter((member) => member.entry.pacer.canWait(wait));
			for (const member of batch.members) {
				if (!waiting.includes(member)) member.resolve({ ok: false, failure: rateLimitedFailure(member, outcome, wait) });
			}
			if (waiting.length === 0) return;
			await this.clock.sleep(wait);
			if (outcome.headers['retry-after'] !== undefined) this.lane.forgetCount();
			for (const member of waiting) {
				member.entry.pacer.charge(wait);
				member.entry.stats.resent++;
				member.joinedAt = this.clock.now();
			}
			queue.unshift(rebuild(batch, waiting));
			return;
		}
		if (!outcome.ok && (outcome.failure.statusCode === 400 || outcome.failure.statusCode === 413) && batch.members.length > 1) {
			// Nothing was processed; whose input was refused is unknown: each execution goes again alone.
			const solos = batch.members.map((member) => newBatch({ ...member, entry: { ...member.entry, solo: true } }));
			queue.unshift(...solos);
			return;
		}
		if (
			!outcome.ok &&
			outcome.failure.outcomeUnknown &&
			batch.serverErrors < SERVER_ERROR_RETRIES &&
			batch.members.every((member) => member.entry.mayResend)
		) {
			batch.serverErrors++;
			for (const member of batch.members) member.entry.stats.resent++;
			await this.clock.sleep(SERVER_ERROR_BACKOFF_MS * batch.serverErrors);
			queue.unshift(batch);
			return;
		}
		for (const member of batch.members) {
			member.resolve(
				outcome.ok
					? { ok: true, statusCode: outcome.statusCode, body: outcome.body, sent: batch.participants }
					: { ok: false, failure: outcome.failure },
			);
		}
	}
}

function maxTimeout(batch: Batch): number {
	return batch.members.reduce((max, member) => Math.max(max, member.entry.timeoutMs), 0);
}

function fits(batch: Batch, entry: BatchEntry): boolean {
	const limit = Math.min(batch.limit, entry.batchSize);
	let added = 0;
	for (const participant of entry.participants) if (!batch.identities.has(participantIdentity(participant))) added++;
	return batch.participants.length + added <= limit;
}

function join(batch: Batch, member: Member): void {
	batch.members.push(member);
	batch.limit = Math.min(batch.limit, member.entry.batchSize);
	for (const participant of member.entry.participants) {
		const identity = participantIdentity(participant);
		if (batch.identities.has(identity)) continue;
		batch.identities.add(identity);
		batch.participants.push(participant);
	}
}

function newBatch(member: Member): Batch {
	const { entry } = member;
	const batch: Batch = {
		members: [],
		identities: new Set(),
		participants: [],
		limit: entry.batchSize,
		solo: entry.solo === true,
		rateLimited: 0,
		serverErrors: 0,
	};
	join(batch, member);
	return batch;
}

/** The same call for fewer members (some were refused): their participants leave it. */
function rebuild(batch: Batch, members: Member[]): Batch {
	const next = newBatch(members[0]);
	for (const member of members.slice(1)) join(next, member);
	next.rateLimited = batch.rateLimited;
	next.serverErrors = batch.serverErrors;
	next.solo = batch.solo;
	return next;
}

/**
 * The lane's view of a batch: its members' reserve, their budgets (a member that
 * cannot wait leaves the batch with a refusal), and whether all were stopped.
 */
function batchTicket(batch: Batch, clock: Clock): Ticket {
	const drop = (keep: (member: Member) => boolean, result: (member: Member) => EntryResult) => {
		const kept = batch.members.filter(keep);
		if (kept.length === batch.members.length) return;
		for (const member of batch.members) if (!kept.includes(member)) member.resolve(result(member));
		const next = kept.length > 0 ? rebuild(batch, kept) : null;
		batch.members = next?.members ?? [];
		batch.identities = next?.identities ?? new Set();
		batch.participants = next?.participants ?? [];
	};
	return {
		get reserve() {
			let reserve = 0;
			for (const member of batch.members) reserve = Math.max(reserve, member.entry.pacer.reserve);
			return reserve;
		},
		canWait: (ms) => {
			drop(
				(member) => member.entry.pacer.canWait(ms, clock.now() - member.joinedAt),
				(member) => refusedResult(member, ms),
			);
			return batch.members.length > 0;
		},
		cancelled: () => {
			drop((member) => !member.entry.pacer.stopped(), stoppedResult);
			return batch.members.length === 0;
		},
	};
}

const stoppedResult = (): EntryResult => ({ ok: false, failure: stoppedFailure() });

function refusedResult(member: Member, waitMs: number): EntryResult {
	return { ok: false, failure: rateLimitFailure(member.entry.pacer.refusal(waitMs), null) };
}

function rateLimitedFailure(member: Member, outcome: ApiOutcome, waitMs: number): CallFailure {
	return rateLimitFailure(member.entry.pacer.refusal(waitMs), outcome.ok ? null : { ...outcome.failure, statusCode: 429 });
}
