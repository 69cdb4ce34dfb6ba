/**
 * One run's pacing under RyzeAPI's rate limit: the `Pacer` waits before a call
 * when the window is spent, and after a 429 (which was not processed) before
 * sending again. All the rate-limit waiting of one run is bounded by one budget,
 * Max Wait on Rate Limit: a reset further away than what is left of it fails
 * fast, saying when the limit resets. Time and sleep are injected so the logic
 * is testable.
 */
import { TokenLane, type Ticket } from './lane';
import { formatResetTime, MAX_429_RESENDS, RateLimitWindow, retryAfterMs, waitAfter429 } from './window';
import type { Headers } from '../http/request';

export interface PacerOptions {
	/** Calls to leave unused in each window (for other workflows on the same token). */
	reserve: number;
	/** Fixed pause between this run's calls, in ms (Options → Batching → Batch Interval). Not counted in the budget. */
	intervalMs: number;
	/** All the rate-limit waiting one run may do (Options → Max Wait on Rate Limit). */
	maxWaitMs: number;
	sleep: (ms: number) => Promise<void>;
	now: () => number;
	/** The execution's stop signal: a stopped run leaves the token's queue. */
	signal?: AbortSignal;
	/**
	 * No wait ends later than this instant (on `now`'s clock): a wait that would (a Reset, a 429's back-off, the
	 * token's queue, a resend's back-off) is refused as one past Max Wait is. A poll's budget less its call's
	 * Timeout, so that what is sent after a wait still ends within the budget. None: only Max Wait bounds them.
	 */
	waitsEndBy?: number;
}

/** Why a call is not sent (or not sent again): the wait would overrun the run's budget, or it met too many 429s. */
export interface RateLimitRefusal {
	waitMs: number;
	resetAtMs: number;
	message: string;
	/** The call had its MAX_429_RESENDS resends after a 429: a longer Max Wait would not have helped. */
	capped?: true;
}

/**
 * One run's pacing: its own Batch Interval and Max Wait budget, on the token's
 * shared lane (every execution on the token queues there, see lane.ts).
 */
export class Pacer {
	private lastCallEndedAt: number | null = null;
	/** Rate-limit waiting done so far in this run, bounded by `maxWaitMs`. */
	waitedMs = 0;
	readonly lane: TokenLane;

	constructor(
		private readonly options: PacerOptions,
		lane?: TokenLane,
	) {
		this.lane = lane ?? new TokenLane({ sleep: options.sleep, now: options.now });
	}

	get window(): RateLimitWindow {
		return this.lane.window;
	}

	get reserve(): number {
		return this.options.reserve;
	}

	refusal(waitMs: number): RateLimitRefusal {
		const resetAtMs = this.options.now() + waitMs;
		const left = Math.max(0, this.options.maxWaitMs - this.waitedMs);
		const until = this.timeLeft();
		const bound =
			until < left
				? `later than this call's waits may end (${until} ms left)`
				: `later than Max Wait on Rate Limit lets this run wait (${left} ms left)`;
		return {
			waitMs,
			resetAtMs,
			message: `the limit resets at ${formatResetTime(resetAtMs)} (in ${Math.ceil(waitMs / 1000)} s), ${bound}`,
		};
	}

	/** Whether the run's budget still covers `ms` more, on top of `waitingMs` it has been waiting already, and a wait of `ms` from now ends by `waitsEndBy`. */
	canWait(ms: number, waitingMs = 0): boolean {
		return this.waitedMs + waitingMs + ms <= this.options.maxWaitMs && ms <= this.timeLeft();
	}

	/** How long a wait starting now may last before `waitsEndBy` (Infinity without one). */
	timeLeft(): number {
		const { waitsEndBy, now } = this.options;
		return waitsEndBy === undefined ? Infinity : Math.max(0, waitsEndBy - now());
	}

	/** What is left of the run's Max Wait budget, on top of `waitingMs` it has been waiting already. */
	budgetLeft(waitingMs = 0): number {
		return Math.max(0, this.options.maxWaitMs - this.waitedMs - waitingMs);
	}

	/** The execution's stop signal, when the host gives one. */
	get signal(): AbortSignal | undefined {
		return this.options.signal;
	}

	/** True once the execution was stopped. */
	stopped(): boolean {
		return this.options.signal?.aborted === true;
	}

	/** What this run asks the lane for: its reserve, what is left of its budget (plus the call's Timeout), its stop signal. */
	ticket(timeoutMs = 0): Ticket {
		const { now, reserve, signal } = this.options;
		const start = now();
		return {
			reserve,
			canWait: (ms) => this.canWait(ms, now() - start),
			budgetMs: () => Math.min(this.budgetLeft(now() - start) + timeoutMs, this.timeLeft()),
			cancelled: () => this.stopped(),
			signal,
		};
	}

	/** Spends what a lane permit took to get against the run's budget. */
	charge(ms: number): void {
		this.waitedMs += ms;
	}

	/**
	 * Waits for the run's interval and a permit on the token's lane; refuses
	 * (nothing is sent) when the Reset is further away than the budget allows, or
	 * when the execution was stopped while waiting.
	 */
	async beforeCall(timeoutMs = 0): Promise<RateLimitRefusal | 'cancelled' | { expiredAfterMs: number } | null> {
		const { now, sleep, intervalMs } = this.options;
		const intervalWait = intervalMs > 0 && this.lastCallEndedAt !== null ? this.lastCallEndedAt + intervalMs - now() : 0;
		if (intervalWait > 0) await sleep(intervalWait);
		const permit = await this.lane.acquire(this.ticket(timeoutMs));
		if (permit.ok) {
			this.charge(permit.waitedMs);
			return null;
		}
		if (permit.reason === 'expired') return { expiredAfterMs: permit.waitedMs };
		return permit.reason === 'cancelled' ? 'cancelled' : this.refusal(permit.waitMs);
	}

	/** Gives the permit back with the answer's headers (`{}` when none came). Once per permit. */
	observe(headers: Headers): void {
		this.lastCallEndedAt = this.options.now();
		this.lane.settle(headers);
	}

	/**
	 * Whether a call that got its `attempt`-th 429 in a row (0: the first) may wait
	 * `waitMs` and go again: null when it may; a refusal when it already had its
	 * MAX_429_RESENDS resends, or when the wait would overrun the run's budget (on top
	 * of `waitingMs` it has been waiting already). The run's sender asks here, and
	 * so does any caller that sends on the lane's permits itself (a merged call).
	 */
	refuses429(attempt: number, waitMs: number, waitingMs = 0): RateLimitRefusal | null {
		if (attempt >= MAX_429_RESENDS) {
			return {
				...this.refusal(waitMs),
				capped: true,
				message: `RyzeAPI answered 429 ${attempt + 1} times in a row, and a call is sent again after a 429 at most ${MAX_429_RESENDS} times`,
			};
		}
		return this.canWait(waitMs, waitingMs) ? null : this.refusal(waitMs);
	}

	/**
	 * After a 429 (not processed): waits what waitAfter429 says (at least 1 s,
	 * growing with each 429 of the call), charged to the run's budget, and returns
	 * null to send again; or refuses (refuses429).
	 */
	async after429(headers: Headers, attempt: number): Promise<RateLimitRefusal | null> {
		const wait = waitAfter429(headers, attempt, this.options.now());
		const refused = this.refuses429(attempt, wait);
		if (refused) return refused;
		this.waitedMs += wait;
		await this.options.sleep(wait);
		if (retryAfterMs(headers, this.options.now()) !== null) this.lane.forgetCount();
		this.window.settle(this.options.now());
		return null;
	}
}
