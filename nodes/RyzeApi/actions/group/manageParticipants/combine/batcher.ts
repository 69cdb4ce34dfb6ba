/**
 * Combine Across Executions: concurrent executions' Manage Participants calls for
 * one instance, group and action join into one call, up to Batch Size, on one
 * token's lane (coordinator.ts has the whole picture). An idle key's call goes at
 * once; after a call the key cools down for KEY_COOL_DOWN_MS while newcomers
 * gather. Each execution gets back only its own participants' answers.
 *
 * A merged call belongs to no execution (batch.ts): each member leaves on its own
 * stop, at its own Timeout, or at its hard deadline (Max Wait left + Timeout),
 * with its own result; the call goes on for the rest and is aborted only once
 * every member has left. A fault inside resolves every member with a Failure.
 */
import { NOT_PROCESSED_STATUSES } from '../../../../helpers/errorCodes';
import { createIsolator, noIsolation } from './isolate';
import { fits, join, newBatch, overlaps, type Batch, type BatchEntry, type EntryResult, type Member } from './batch';
import * as fail from '../../../../transport/rateLimit/failures';
import type { RequestSpec } from '../../../../transport/http/request';
import type { Clock, Ticket, TokenLane } from '../../../../transport/rateLimit/lane';
import { Members, rateLimitedFailure, refusedFailure, sendWithin, untilEmptied } from './members';
import { type Pacer } from '../../../../transport/rateLimit/pacer';
import { retryAfterMs, waitAfter429 } from '../../../../transport/rateLimit/window';

export type { BatchEntry, EntryResult } from './batch';

/**
 * After a call for a key goes out, while the token's window is under pressure
 * (TokenLane.pressed), the next call for that key waits until this long after it,
 * gathering whatever arrives meanwhile. With budget to spare nothing waits.
 */
export const KEY_COOL_DOWN_MS = 1000;

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
	private readonly members: Members;
	/** Batches waiting or in flight: a later batch of another action waits for those sharing a person with it. */
	private readonly active = new Set<Batch>();
	/** When the last call for each key went out, and whose runs it carried (kept while the key is active). */
	private readonly lastSent = new Map<string, { at: number; runs: Set<Pacer> }>();

	constructor(
		private readonly lane: TokenLane,
		private readonly clock: Clock,
	) {
		this.members = new Members(clock);
	}

	/** Nothing queued or being sent (a key that only cools down holds nothing worth keeping). */
	idle(): boolean {
		return this.pending.size === 0 && this.driving.size === 0;
	}

	/** Joins the call for `target` (or opens one) and resolves with this execution's result. */
	submit(target: CallTarget, entry: BatchEntry): Promise<EntryResult> {
		const key = JSON.stringify([target.path, target.group, target.action]);
		const groupKey = JSON.stringify([target.path, target.group]);
		if (this.lastSent.size > 100) this.forgetCooled();
		return new Promise<EntryResult>((resolve) => {
			const member = this.members.enrol(key, entry, resolve);
			// Arrival order per person: what touches someone an earlier batch of another action holds goes after it.
			const earlier = [...this.active].filter(
				(b) => b.groupKey === groupKey && b.action !== target.action && overlaps(b, entry.participants),
			);
			const batches = this.pending.get(key) ?? [];
			const open = batches[batches.length - 1];
			const joinable = open && !open.emptied.signal.aborted && !open.solo && !entry.solo;
			if (joinable && earlier.length === 0 && fits(open, entry)) join(open, member);
			else {
				const batch = newBatch(target.action, groupKey, entry.solo === true);
				batch.after = earlier.map((b) => b.finished);
				this.active.add(batch);
				join(batch, member);
				batches.push(batch);
			}
			this.pending.set(key, batches);
			this.members.arm(member);
			void this.drive(key, target);
		});
	}

	/** Keys whose cool-down is over are forgotten (bounded memory). */
	private forgetCooled(): void {
		const now = this.clock.now();
		for (const [key, last] of this.lastSent) if (now - last.at >= KEY_COOL_DOWN_MS && !this.driving.has(key)) this.lastSent.delete(key);
	}

	/** While a key cools down after a call, its next batch stays open and gathers (only newcomers wait). */
	private async coolDown(key: string, batch: Batch): Promise<void> {
		const last = this.lastSent.get(key);
		if (last === undefined || batch.participants.length >= batch.limit || !this.lane.pressed()) return;
		if (batch.members.every((member) => last.runs.has(member.entry.pacer))) return;
		const wait = last.at + KEY_COOL_DOWN_MS - this.clock.now();
		if (wait > 0) await this.clock.sleep(wait);
	}

	private close(batch: Batch): void {
		this.active.delete(batch);
		batch.finish();
	}

	private async drive(key: string, target: CallTarget): Promise<void> {
		if (this.driving.has(key)) return;
		this.driving.add(key);
		try {
			await this.loop(key, target);
		} catch {
			// A fault here must not hang anyone: every member still held gets a failure.
			for (const batch of this.pending.get(key) ?? []) this.close(batch);
			this.pending.delete(key);
			this.members.failAll(key);
		} finally {
			this.driving.delete(key);
			this.members.prune(key);
			// A request that came between the loop's last look and here would be stranded: go again.
			if ((this.pending.get(key)?.length ?? 0) > 0) void this.drive(key, target);
		}
	}

	private async loop(key: string, target: CallTarget): Promise<void> {
		for (;;) {
			const batches = this.pending.get(key);
			if (!batches || batches.length === 0) {
				this.pending.delete(key);
				return;
			}
			const batch = batches[0];
			if (batch.members.length > 0) await this.coolDown(key, batch);
			if (batch.members.length > 0 && batch.after.length > 0) {
				await untilEmptied(
					batch,
					Promise.all(batch.after).then(() => undefined),
				);
				batch.after = [];
			}
			if (batch.members.length === 0) {
				batches.shift();
				this.close(batch);
				continue;
			}
			// The batch stays open while it waits for a permit: later requests join it.
			const permit = await this.lane.acquire(this.ticket(batch));
			batches.shift();
			if (!permit.ok) {
				for (const member of [...batch.members]) {
					const waited = this.clock.now() - member.joinedAt;
					if (permit.reason === 'refused') this.members.leaveQueue(member, refusedFailure(member.entry.pacer, permit.waitMs));
					else if (permit.reason === 'expired') this.members.leaveQueue(member, fail.queueTimeoutFailure(waited, member.maybeProcessed));
					else this.members.leaveQueue(member, fail.stoppedFailure());
				}
				this.close(batch);
				continue;
			}
			if (batch.members.length === 0) {
				this.lane.settle({});
				this.close(batch);
				continue;
			}
			this.lastSent.set(key, { at: this.clock.now(), runs: new Set(batch.members.map((member) => member.entry.pacer)) });
			await this.send(batch, target, batches);
		}
	}

	/**
	 * The lane's view of a batch: its members' reserve; a member that cannot wait
	 * leaves with a refusal; the batch waits as long as one member may (each
	 * member leaves at its own deadline, watch()).
	 */
	private ticket(batch: Batch): Ticket {
		const left = (member: Member) => member.deadline - this.clock.now();
		return {
			reserve: Math.max(0, ...batch.members.map((member) => member.entry.pacer.reserve)),
			canWait: (ms) => {
				for (const member of [...batch.members]) {
					if (!member.entry.pacer.canWait(ms, this.clock.now() - member.waitingSince))
						this.members.leaveQueue(member, refusedFailure(member.entry.pacer, ms));
				}
				return batch.members.length > 0;
			},
			cancelled: () => batch.members.length === 0,
			signal: batch.emptied.signal,
			budgetMs: () => Math.max(0, ...batch.members.map(left)),
		};
	}

	/** Sends one closed batch (holding a permit) and settles it: delivered, queued again, or split. */
	private async send(batch: Batch, target: CallTarget, queue: Batch[]): Promise<void> {
		const now = this.clock.now();
		const members = [...batch.members];
		const sent = [...batch.participants];
		const call = { live: new Set(members), controller: new AbortController() };
		for (const member of members) {
			member.entry.pacer.charge(now - member.waitingSince);
			member.entry.stats.calls++;
			member.batch = null;
			member.inFlight = call;
			// Each member leaves at its own Timeout: the call's own is the longest of those left.
			this.members.watch(member, Math.min(member.deadline, now + member.entry.timeoutMs));
		}
		// The batch keeps its place in the order; whoever goes again (429, resend) joins it afresh. Its people stay
		// held (`sending`) until the answer: a later remove of someone whose add is on the wire goes after it.
		Object.assign(batch, { members: [], identities: new Set(), sending: batch.identities, participants: [], limit: Infinity });
		const timeoutMs = Math.max(1, ...members.map((member) => Math.min(member.deadline, now + member.entry.timeoutMs) - now));
		const sender = members[0];
		const spec: RequestSpec = {
			method: 'POST',
			path: target.path,
			body: { action: target.action, identifier: target.group, participants: sent.map((p) => p.value) },
			timeoutMs,
		};
		const outcome = await sendWithin(this.clock, sender, spec, call.controller.signal);
		batch.sending = new Set();
		sender.entry.pacer.observe(outcome.headers);
		const live = members.filter((member) => call.live.has(member));
		for (const member of live) member.inFlight = null;
		if (live.length === 0) return this.close(batch);
		// Going again (429, resend, split): as alone, the next attempt has its own Timeout; a 429's wait comes out of Max Wait.
		const requeue = (again: Batch, wait: number, going: Member[], charged: number) => {
			for (const member of going) {
				join(again, member);
				member.waitingSince = this.clock.now() + wait;
				member.deadline = member.waitingSince + Math.max(0, member.entry.pacer.budgetLeft() - charged) + member.entry.timeoutMs;
				this.members.watch(member, member.deadline);
			}
		};

		if (!outcome.ok && outcome.failure.statusCode === 429) {
			// One wait for the call: the back-off of the member that met the most 429s in a row (each has its own cap).
			const wait = waitAfter429(outcome.headers, Math.max(...live.map((member) => member.rateLimited)), this.clock.now());
			for (const member of live) {
				member.entry.stats.rateLimited++;
				const refused = member.entry.pacer.refuses429(member.rateLimited++, wait);
				if (refused) this.members.finish(member, rateLimitedFailure(refused, outcome));
			}
			const waiting = live.filter((member) => !member.done);
			if (waiting.length === 0) return this.close(batch);
			requeue(batch, wait, waiting, wait);
			await this.clock.sleep(wait);
			if (retryAfterMs(outcome.headers, now) !== null) this.lane.forgetCount();
			for (const member of batch.members) {
				member.entry.pacer.charge(wait);
				member.entry.stats.resent++;
			}
			queue.unshift(batch);
			return;
		}
		if (!outcome.ok && NOT_PROCESSED_STATUSES[outcome.failure.statusCode ?? 0] === 'input' && members.length > 1) {
			// Nothing was processed; whose input was refused is unknown: each execution goes again alone.
			const solos = live.map((member) => {
				const solo = newBatch(batch.action, batch.groupKey, true);
				member.entry.solo = true;
				this.active.add(solo);
				requeue(solo, 0, [member], 0);
				return solo;
			});
			void Promise.all(solos.map((solo) => solo.finished)).then(() => this.close(batch));
			queue.unshift(...solos);
			return;
		}
		if (
			!outcome.ok &&
			outcome.failure.outcomeUnknown &&
			batch.serverErrors < fail.SERVER_ERROR_RETRIES &&
			live.every((m) => m.entry.mayResend)
		) {
			const wait = fail.SERVER_ERROR_BACKOFF_MS * ++batch.serverErrors;
			for (const member of live) {
				member.maybeProcessed = true;
				member.entry.stats.resent++;
			}
			requeue(batch, wait, live, 0);
			await this.clock.sleep(wait);
			queue.unshift(batch);
			return;
		}
		const shared = members.length > 1;
		for (const member of live) {
			const isolate = shared ? createIsolator(sent, member.entry.participants) : noIsolation;
			this.members.finish(
				member,
				outcome.ok
					? { ok: true, statusCode: outcome.statusCode, body: outcome.body, sent, shared, isolate }
					: { ok: false, failure: isolate(outcome.failure) },
			);
		}
		this.close(batch);
	}
}
