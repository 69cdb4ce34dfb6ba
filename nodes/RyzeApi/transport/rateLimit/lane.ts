/**
 * One token's lane: the rate-limit state and the FIFO queue that every call on
 * that token shares, whichever execution sends it (see coordinator.ts).
 *
 * A call asks for a permit (`acquire`) and gives it back with the answer's
 * headers (`settle`). Permits go out in arrival order. The lane counts the calls
 * in flight against X-RateLimit-Remaining, so a burst never sends more than the
 * window allows. While the window is unknown (before the first answer, or once a
 * Reset has passed) one call at a time probes it; a server whose answers carry no
 * X-RateLimit-* headers cannot be learnt, so after its first answer calls go
 * concurrently, up to UNKNOWN_WINDOW_CONCURRENCY. Waiting in the queue or for a
 * probe's answer is bounded by each waiter's own budget (its Max Wait left plus its
 * Timeout): past it, the waiter leaves with 'expired' and nothing is sent for it.
 * When the window is spent, the
 * head of the queue waits for the Reset once, and everyone queued behind goes out
 * in order after it: no stampede. A waiter whose run cannot wait that long
 * (Max Wait on Rate Limit) is refused at once; a waiter whose execution is
 * stopped leaves the queue.
 */
import { RateLimitWindow, RESET_MARGIN_MS } from './window';
import type { Headers } from '../http/request';

/** The recent call rate is measured over this span, from at most this many calls. */
const RATE_SPAN_MS = 2000;
const RATE_SAMPLES = 64;

/**
 * Calls in flight at once on a token whose answers say nothing of the window
 * (no X-RateLimit-* headers): enough for a burst to flow, few enough not to
 * flood a server that limits without saying so.
 */
const UNKNOWN_WINDOW_CONCURRENCY = 8;

export interface Clock {
	now: () => number;
	sleep: (ms: number) => Promise<void>;
	/** A wait that can be let go of (its timer must not keep the process alive); `sleep` when absent. */
	timer?: (ms: number) => Timer;
}

export interface Timer {
	reached: Promise<void>;
	release: () => void;
}

export function timerOf(clock: Clock, ms: number): Timer {
	return clock.timer ? clock.timer(ms) : { reached: clock.sleep(ms), release: () => {} };
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
	/** How much longer the ticket's run(s) may wait at most (Max Wait left + Timeout); unbounded when absent. */
	budgetMs?: () => number;
}

export type Permit =
	| { ok: true; waitedMs: number }
	| { ok: false; reason: 'refused'; waitMs: number }
	| { ok: false; reason: 'cancelled' }
	/** Its budget ran out waiting for its turn or for a probe's answer. */
	| { ok: false; reason: 'expired'; waitedMs: number };

/**
 * Waits for `promise`, or less once `signal` aborts (at once when it already
 * has): the one abort race, for a stopped execution here and for a merged call
 * every member has left (combine/members.ts).
 */
export async function untilAborted(signal: AbortSignal | undefined, promise: Promise<void>): Promise<void> {
	if (!signal) return await promise;
	if (signal.aborted) return;
	let onAbort = () => {};
	const aborted = new Promise<void>((resolve) => {
		onAbort = resolve;
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([promise, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

interface Waiter {
	ticket: Ticket;
	wake: () => void;
	/** Set when the waiter was refused or cancelled while queued, or its budget ran out ('expired'). */
	gone?: Permit | 'expired';
}

/** Waits for `promise`, at most `ms` (null: no bound); true when it settled in time. */
async function within(clock: Clock, ms: number | null, promise: Promise<void>): Promise<boolean> {
	if (ms === null || !Number.isFinite(ms)) {
		await promise;
		return true;
	}
	const timer = timerOf(clock, Math.max(0, ms));
	try {
		return await Promise.race([promise.then(() => true), timer.reached.then(() => false)]);
	} finally {
		timer.release();
	}
}

export class TokenLane {
	readonly window = new RateLimitWindow();
	/** Permits given out whose answer has not come back. */
	inFlight = 0;
	/** Calls the window still allows, counting the ones in flight; null = unknown. */
	private budget: number | null = null;
	private readonly queue: Waiter[] = [];
	private headBusy = false;
	/** The last answer carried no X-RateLimit-* headers: the window cannot be learnt. */
	private headerless = false;
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
			// Unknown: one probe at a time learns the window; one that cannot be learnt gets a few at a time.
			const probes = this.headerless ? UNKNOWN_WINDOW_CONCURRENCY : 1;
			return this.inFlight < probes ? { go: true } : { go: false, resetInMs: null };
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
			const woken = new Promise<void>((resolve) => {
				waiter.wake = resolve;
				this.queue.push(waiter);
				ticket.signal?.addEventListener('abort', onAbort, { once: true });
			});
			if (!(await within(this.clock, ticket.budgetMs?.() ?? null, woken))) this.leave(waiter, 'expired');
			ticket.signal?.removeEventListener('abort', onAbort);
			// Woken as the new head (headBusy was handed over), or taken out of the queue.
			if (waiter.gone === 'expired') return this.outOfTurn(ticket, started);
			if (waiter.gone) return waiter.gone;
		} else {
			this.headBusy = true;
		}
		try {
			for (;;) {
				if (ticket.cancelled() || ticket.signal?.aborted) return { ok: false, reason: 'cancelled' };
				const capacity = this.capacity(ticket.reserve);
				if (capacity.go) return this.grant(started);
				if (capacity.resetInMs === null) {
					const answered = new Promise<void>((resolve) => this.answerWaiters.push(resolve));
					const budget = ticket.budgetMs?.() ?? null;
					// Nobody waits for someone else's probe past their own budget.
					if (!(await within(this.clock, budget, untilAborted(ticket.signal, answered))))
						return { ok: false, reason: 'expired', waitedMs: this.clock.now() - started };
					continue;
				}
				const wait = capacity.resetInMs;
				if (!ticket.canWait(wait)) return { ok: false, reason: 'refused', waitMs: wait };
				this.blockedUntil = this.clock.now() + wait;
				this.refuseQueued(wait);
				await untilAborted(ticket.signal, this.clock.sleep(wait));
				this.blockedUntil = 0;
				if (ticket.cancelled()) return { ok: false, reason: 'cancelled' };
				this.budget = null;
				this.window.settle(this.clock.now());
			}
		} finally {
			this.handOver();
		}
	}

	private grant(started: number): Permit {
		this.inFlight++;
		this.recent.push(this.clock.now());
		if (this.recent.length > RATE_SAMPLES) this.recent.shift();
		const { remaining } = this.window.state;
		if (remaining !== null) this.budget = (this.budget ?? remaining) - 1;
		return { ok: true, waitedMs: this.clock.now() - started };
	}

	/** A queued ticket whose budget ran out: it goes if the window allows it right now, else it leaves. */
	private outOfTurn(ticket: Ticket, started: number): Permit {
		if (ticket.cancelled()) return { ok: false, reason: 'cancelled' };
		const capacity = this.capacity(ticket.reserve);
		if (capacity.go) return this.grant(started);
		return { ok: false, reason: 'expired', waitedMs: this.clock.now() - started };
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

	/**
	 * Records an answer (or none: `{}`) for a permit given out, and wakes whoever
	 * waits for one. Headers are untrusted: the window reads them defensively.
	 */
	settle(headers: Headers): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.lastUsed = this.clock.now();
		const answered = Object.keys(headers).length > 0;
		const learnt = this.window.observe(headers, this.lastUsed);
		if (learnt) {
			// The server's count does not include calls still in flight: count them as spent.
			const { remaining } = this.window.state;
			this.budget = remaining === null ? null : remaining - this.inFlight;
		}
		// Still unknown after an answer: the answers do not say (no headers, or nonsense ones).
		if (answered) this.headerless = this.window.state.remaining === null || this.window.state.resetAtMs === null;
		const waiters = this.answerWaiters;
		this.answerWaiters = [];
		for (const wake of waiters) wake();
	}

	private leave(waiter: Waiter, gone: Permit | 'expired'): void {
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
