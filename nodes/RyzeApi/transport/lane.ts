/**
 * One token's lane: the rate-limit state and the FIFO queue that every call on
 * that token shares, whichever execution sends it (see coordinator.ts).
 *
 * A call asks for a permit (`acquire`) and gives it back with the answer's
 * headers (`settle`). Permits go out in arrival order. The lane counts the calls
 * in flight against X-RateLimit-Remaining, so a burst never sends more than the
 * window allows. While the window is unknown (before the first answer, or once a
 * Reset has passed) one call at a time probes it. When the window is spent, the
 * head of the queue waits for the Reset once, and everyone queued behind goes out
 * in order after it: no stampede. A waiter whose run cannot wait that long
 * (Max Wait on Rate Limit) is refused at once; a waiter whose execution is
 * stopped leaves the queue.
 */
import { RateLimitWindow, RESET_MARGIN_MS } from './rateLimit';
import type { Headers } from './index';

/** The recent call rate is measured over this span, from at most this many calls. */
const RATE_SPAN_MS = 2000;
const RATE_SAMPLES = 64;

export interface Clock {
	now: () => number;
	sleep: (ms: number) => Promise<void>;
}

/** One request for a permit. */
export interface Ticket {
	/** Calls per window to leave unused (Requests to Keep in Reserve). */
	reserve: number;
	/** Whether the ticket's run(s) can still wait `ms` more; false refuses the ticket. */
	canWait(ms: number): boolean;
	/** True once the ticket's execution(s) were stopped: it leaves the queue. */
	cancelled(): boolean;
	/** When given, a stop takes the ticket out of the queue at once. */
	signal?: AbortSignal;
}

export type Permit = { ok: true; waitedMs: number } | { ok: false; reason: 'refused'; waitMs: number } | { ok: false; reason: 'cancelled' };

/** Waits for `promise`, or less when the execution is stopped first. */
async function untilStopped(signal: AbortSignal | undefined, promise: Promise<void>): Promise<void> {
	if (!signal) return await promise;
	if (signal.aborted) return;
	let onAbort = () => {};
	const stopped = new Promise<void>((resolve) => {
		onAbort = resolve;
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([promise, stopped]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

interface Waiter {
	ticket: Ticket;
	wake: () => void;
	/** Set when the waiter was refused or cancelled while queued. */
	gone?: Permit;
}

export class TokenLane {
	readonly window = new RateLimitWindow();
	/** Permits given out whose answer has not come back. */
	inFlight = 0;
	/** Calls the window still allows, counting the ones in flight; null = unknown. */
	private budget: number | null = null;
	private readonly queue: Waiter[] = [];
	private headBusy = false;
	/** Who waits for the next answer (to learn the window, or for a slot). */
	private answerWaiters: Array<() => void> = [];
	/** When the head sleeps for a Reset, until when; 0 when not. */
	blockedUntil = 0;
	lastUsed = 0;
	/** When the latest permits went out (a short ring, for the recent call rate). */
	private readonly recent: number[] = [];

	constructor(private readonly clock: Clock) {}

	/**
	 * Whether calls are going out fast enough to spend the window before its
	 * Reset: the rate of the last RATE_SPAN_MS, kept up until the Reset, would use
	 * more than half of what remains. An unknown window counts as pressed (a burst
	 * that has not been answered yet). Cheap: at most RATE_SAMPLES timestamps.
	 */
	pressed(): boolean {
		const now = this.clock.now();
		const { remaining, resetAtMs } = this.window.state;
		if (remaining === null || resetAtMs === null) return this.inFlight > 0;
		const recent = this.recent.filter((at) => now - at <= RATE_SPAN_MS).length;
		const projected = (recent / RATE_SPAN_MS) * Math.max(0, resetAtMs - now);
		return projected > (this.budget ?? remaining) / 2;
	}

	/** Idle: nothing queued, nothing in flight. The coordinator may drop it then. */
	idle(): boolean {
		return this.queue.length === 0 && !this.headBusy && this.inFlight === 0;
	}

	/** What the window allows right now: go, wait for an answer, or wait `ms` for the Reset. */
	private capacity(reserve: number): { go: true } | { go: false; resetInMs: number | null } {
		const now = this.clock.now();
		this.window.settle(now);
		const { remaining, resetAtMs } = this.window.state;
		if (remaining === null || resetAtMs === null) {
			// Unknown: one probe at a time learns the window.
			return this.inFlight === 0 ? { go: true } : { go: false, resetInMs: null };
		}
		const left = this.budget ?? remaining;
		if (left > reserve) return { go: true };
		// Spent (calls in flight count as spent): only the Reset gives more.
		return { go: false, resetInMs: Math.max(0, resetAtMs - now) + RESET_MARGIN_MS };
	}

	/** Waits for this ticket's turn and a slot in the window; FIFO across every execution on the token. */
	async acquire(ticket: Ticket): Promise<Permit> {
		const started = this.clock.now();
		this.lastUsed = started;
		if (this.headBusy || this.queue.length > 0) {
			const blockedFor = this.blockedUntil - started;
			if (blockedFor > 0 && !ticket.canWait(blockedFor)) return { ok: false, reason: 'refused', waitMs: blockedFor };
			const waiter: Waiter = { ticket, wake: () => {} };
			const onAbort = () => this.leave(waiter, { ok: false, reason: 'cancelled' });
			await new Promise<void>((resolve) => {
				waiter.wake = resolve;
				this.queue.push(waiter);
				ticket.signal?.addEventListener('abort', onAbort, { once: true });
			});
			ticket.signal?.removeEventListener('abort', onAbort);
			// Woken as the new head (headBusy was handed over), or taken out of the queue.
			if (waiter.gone) return waiter.gone;
		} else {
			this.headBusy = true;
		}
		try {
			for (;;) {
				if (ticket.cancelled()) return { ok: false, reason: 'cancelled' };
				const capacity = this.capacity(ticket.reserve);
				if (capacity.go) {
					this.inFlight++;
					this.recent.push(this.clock.now());
					if (this.recent.length > RATE_SAMPLES) this.recent.shift();
					const { remaining } = this.window.state;
					if (remaining !== null) this.budget = (this.budget ?? remaining) - 1;
					return { ok: true, waitedMs: this.clock.now() - started };
				}
				if (capacity.resetInMs === null) {
					await untilStopped(ticket.signal, new Promise<void>((resolve) => this.answerWaiters.push(resolve)));
					continue;
				}
				const wait = capacity.resetInMs;
				if (!ticket.canWait(wait)) return { ok: false, reason: 'refused', waitMs: wait };
				this.blockedUntil = this.clock.now() + wait;
				this.refuseQueued(wait);
				await untilStopped(ticket.signal, this.clock.sleep(wait));
				this.blockedUntil = 0;
				if (ticket.cancelled()) return { ok: false, reason: 'cancelled' };
				this.budget = null;
				this.window.settle(this.clock.now());
			}
		} finally {
			this.handOver();
		}
	}

	/**
	 * After waiting out a 429's Retry-After: the server said when to come back, so
	 * the old count (Remaining 0 until a far Reset) no longer holds; the next
	 * answer tells the window again.
	 */
	forgetCount(): void {
		this.window.state = { ...this.window.state, remaining: null };
		this.budget = null;
	}

	/** Records an answer (or none: `{}`) for a permit given out, and wakes whoever waits for one. */
	settle(headers: Headers): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.lastUsed = this.clock.now();
		const before = this.window.state;
		this.window.observe(headers);
		if (this.window.state !== before && this.window.state.remaining !== null) {
			// The server's count does not include calls still in flight: count them as spent.
			this.budget = this.window.state.remaining - this.inFlight;
		}
		const waiters = this.answerWaiters;
		this.answerWaiters = [];
		for (const wake of waiters) wake();
	}

	private leave(waiter: Waiter, gone: Permit): void {
		const index = this.queue.indexOf(waiter);
		if (index === -1) return;
		this.queue.splice(index, 1);
		waiter.gone = gone;
		waiter.wake();
	}

	/** Refuses at once the queued tickets that cannot wait `ms`, and drops stopped ones. */
	private refuseQueued(ms: number): void {
		for (const waiter of [...this.queue]) {
			if (waiter.ticket.cancelled()) this.leave(waiter, { ok: false, reason: 'cancelled' });
			else if (!waiter.ticket.canWait(ms)) this.leave(waiter, { ok: false, reason: 'refused', waitMs: ms });
		}
	}

	/** The head is done: the next live waiter becomes the head (headBusy stays set), or the lane is free. */
	private handOver(): void {
		while (this.queue.length > 0) {
			const waiter = this.queue.shift()!;
			if (waiter.ticket.cancelled()) {
				waiter.gone = { ok: false, reason: 'cancelled' };
				waiter.wake();
				continue;
			}
			waiter.wake();
			return;
		}
		this.headBusy = false;
	}
}
