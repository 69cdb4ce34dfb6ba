/**
 * The members of merged calls, each on its own clock: a member leaves its batch
 * (before sending: nothing is sent for it) or its call (in flight: the call goes
 * on for the others; the last one out aborts it) on its own stop, at its own
 * Timeout, or at its hard deadline, with its own result. Resolving is idempotent:
 * whoever comes first (answer, stop, deadline, fault) wins, nothing hangs.
 */
import type { CallFailure } from '../../../../helpers/types';
import { remove, type Batch, type BatchEntry, type EntryResult, type Member } from './batch';
import * as fail from '../../../../transport/rateLimit/failures';
import type { ApiOutcome, RequestSpec } from '../../../../transport/http/request';
import { timerOf, untilAborted, type Clock } from '../../../../transport/rateLimit/lane';
import type { Pacer, RateLimitRefusal } from '../../../../transport/rateLimit/pacer';

export class Members {
	/** Members not yet resolved, per key: what a fault must resolve. */
	private readonly held = new Map<string, Set<Member>>();

	constructor(private readonly clock: Clock) {}

	/** A new member: watched until its hard deadline (Max Wait left + Timeout), and until its execution stops. */
	enrol(key: string, entry: BatchEntry, resolve: (result: EntryResult) => void): Member {
		const now = this.clock.now();
		const deadline = now + entry.pacer.budgetLeft() + entry.timeoutMs;
		const member: Member = {
			entry,
			resolve,
			joinedAt: now,
			waitingSince: now,
			deadline,
			maybeProcessed: false,
			rateLimited: 0,
			inFlight: null,
			batch: null,
			done: false,
			timer: null,
			onStop: () => {},
		};
		member.onStop = () => this.stop(member);
		const held = this.held.get(key) ?? new Set();
		held.add(member);
		this.held.set(key, held);
		return member;
	}

	/** Starts watching (after the member joined its batch): its deadline and its stop signal. */
	arm(member: Member): void {
		this.watch(member, member.deadline);
		const signal = member.entry.pacer.signal;
		if (signal?.aborted) this.stop(member);
		else signal?.addEventListener('abort', member.onStop, { once: true });
	}

	watch(member: Member, at: number): void {
		member.timer?.release();
		const timer = timerOf(this.clock, Math.max(0, at - this.clock.now()));
		member.timer = timer;
		void timer.reached.then(() => {
			if (member.timer !== timer) return;
			if (member.inFlight) this.leaveCall(member, fail.timeoutFailure(Math.min(member.entry.timeoutMs, at - member.joinedAt)));
			else this.leaveQueue(member, fail.queueTimeoutFailure(this.clock.now() - member.joinedAt, member.maybeProcessed));
		});
	}

	stop(member: Member): void {
		if (member.inFlight) this.leaveCall(member, fail.stoppedInFlightFailure());
		else this.leaveQueue(member, fail.stoppedFailure());
	}

	finish(member: Member, result: EntryResult | CallFailure): void {
		if (member.done) return;
		member.done = true;
		member.timer?.release();
		member.timer = null;
		member.entry.pacer.signal?.removeEventListener('abort', member.onStop);
		member.resolve('ok' in result ? result : { ok: false, failure: result });
	}

	/** Leaves a batch not yet sent: nothing is sent for it. */
	leaveQueue(member: Member, result: EntryResult | CallFailure): void {
		if (member.batch) remove(member.batch, member);
		this.finish(member, result);
	}

	/** Leaves a call in flight; the last one out aborts it. */
	leaveCall(member: Member, failure: CallFailure): void {
		const call = member.inFlight;
		member.inFlight = null;
		this.finish(member, failure);
		if (!call) return;
		call.live.delete(member);
		if (call.live.size === 0) call.controller.abort();
	}

	/** A fault: every member still held for `key` gets a failure. */
	failAll(key: string): void {
		for (const member of this.held.get(key) ?? [])
			this.finish(member, fail.coordinatorFailure(member.maybeProcessed || member.inFlight !== null));
	}

	/** Forgets the resolved members of `key` (bounded memory). */
	prune(key: string): void {
		const held = this.held.get(key);
		if (held) for (const member of held) if (member.done) held.delete(member);
		if (held?.size === 0) this.held.delete(key);
	}
}

/** Waits for `promise`, or less once every member has left the batch. */
export async function untilEmptied(batch: Batch, promise: Promise<void>): Promise<void> {
	await untilAborted(batch.emptied.signal, promise);
}

export function refusedFailure(pacer: Pacer, waitMs: number): CallFailure {
	return fail.rateLimitFailure(pacer.refusal(waitMs), null);
}

/** A member refused after its call met a 429 (`refusal`: Pacer.refuses429), quoting the 429. */
export function rateLimitedFailure(refusal: RateLimitRefusal, outcome: ApiOutcome): CallFailure {
	return fail.rateLimitFailure(refusal, outcome.ok ? null : { ...outcome.failure, statusCode: 429 });
}

/** A send that ignores its own deadline is let go of this long after it. */
const CALL_GRACE_MS = 1000;

/** The HTTP call, bound to the call's own signal; never throws, never outlives its deadline by more than a grace. */
export async function sendWithin(clock: Clock, sender: Member, spec: RequestSpec, signal: AbortSignal): Promise<ApiOutcome> {
	const limit = timerOf(clock, spec.timeoutMs + CALL_GRACE_MS);
	const unknown = (failure: CallFailure): ApiOutcome => ({ ok: false, failure, headers: {} });
	try {
		const sent = Promise.resolve()
			.then(async () => await sender.entry.send(spec, signal))
			.catch(() => unknown(fail.coordinatorFailure(true)));
		const first = await Promise.race([sent, limit.reached.then(() => null)]);
		return first ?? unknown(fail.timeoutFailure(spec.timeoutMs));
	} finally {
		limit.release();
	}
}
