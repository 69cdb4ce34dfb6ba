/**
 * Pacing under RyzeAPI's rate limit (100 requests per minute per token).
 *
 * Every answer carries X-RateLimit-Limit / -Remaining / -Reset (unix seconds).
 * `RateLimitWindow` keeps what the last answer said; the `Pacer` of a run waits
 * before a call when the window is spent, and after a 429 (which was not
 * processed) before sending again. All the rate-limit waiting of one run is
 * bounded by one budget, Max Wait on Rate Limit: a reset further away than what
 * is left of it fails fast, saying when the limit resets. Time and sleep are
 * injected so the logic is testable.
 */
import type { Headers } from './index';
import { TokenLane, type Ticket } from './lane';

export interface RateLimitState {
	limit: number | null;
	remaining: number | null;
	/** When the window resets, in ms since the epoch. */
	resetAtMs: number | null;
}

/** Waiting a little past the reset absorbs clock rounding (Reset is in whole seconds). */
export const RESET_MARGIN_MS = 50;
/** When a 429 says nothing of when to come back: 1 s, 2 s, 4 s … */
const FALLBACK_BACKOFF_MS = 1000;
/**
 * Headers are untrusted. A Reset or Retry-After that is not a finite number, lies
 * in the past, or lies further away than this is nonsense: it means "window
 * unknown". It never throws and never blocks the token.
 */
const MAX_SANE_WAIT_MS = 24 * 3_600_000;
/** A Reset this far in the past still says when the window turned (a 429 sent just after it). */
const RECENT_RESET_MS = 60_000;

function headerNumber(headers: Headers, name: string): number | null {
	const value = headers[name];
	if (value === undefined || value.trim() === '') return null;
	const number = Number(value);
	return Number.isFinite(number) ? number : null;
}

/** A count: a finite, non-negative integer below 1e9; anything else is unknown. */
function headerCount(headers: Headers, name: string): number | null {
	const number = headerNumber(headers, name);
	return number !== null && number >= 0 && number < 1e9 ? Math.floor(number) : null;
}

/**
 * What an answer's headers say of the window. A Reset that is not a finite time
 * between RECENT_RESET_MS ago and MAX_SANE_WAIT_MS from `now` is unknown (null).
 */
export function readRateLimit(headers: Headers, now: number): RateLimitState {
	const reset = headerNumber(headers, 'x-ratelimit-reset');
	// Seconds per the docs; a value in ms (13 digits) is accepted too.
	const resetAtMs = reset === null ? null : reset > 1e12 ? reset : reset * 1000;
	const sane = resetAtMs !== null && resetAtMs - now <= MAX_SANE_WAIT_MS && resetAtMs >= now - RECENT_RESET_MS;
	return {
		limit: headerCount(headers, 'x-ratelimit-limit'),
		remaining: headerCount(headers, 'x-ratelimit-remaining'),
		resetAtMs: sane ? resetAtMs : null,
	};
}

/** Retry-After in ms: delta seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(headers: Headers, now: number): number | null {
	const value = headers['retry-after'];
	if (value === undefined || value.trim() === '') return null;
	const seconds = Number(value);
	const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
	return Number.isFinite(ms) && ms >= 0 && ms <= MAX_SANE_WAIT_MS ? ms : null;
}

/**
 * How long to wait before sending again a call that got a 429: Retry-After, else
 * the 429's own Reset (plus the margin), else a growing back-off.
 */
export function waitAfter429(headers: Headers, attempt: number, now: number): number {
	const reset = readRateLimit(headers, now).resetAtMs;
	const retryAfter = retryAfterMs(headers, now);
	if (retryAfter !== null) return retryAfter;
	if (reset !== null) {
		// A Reset just passed still says when the window turned: send again after the margin.
		return Math.max(0, reset - now) + RESET_MARGIN_MS;
	}
	return FALLBACK_BACKOFF_MS * 2 ** Math.min(attempt, 5);
}

/** "12:34:56 UTC"; never throws (a time out of Date's range reads "an unknown time"). */
export function formatResetTime(atMs: number): string {
	const date = new Date(atMs);
	return Number.isFinite(date.getTime()) ? `${date.toISOString().slice(11, 19)} UTC` : 'an unknown time';
}

/** What the latest answers said about one token's window. */
export class RateLimitWindow {
	state: RateLimitState = { limit: null, remaining: null, resetAtMs: null };

	/**
	 * Records an answer's headers (any status); answers without them change
	 * nothing. A Remaining without a sane Reset cannot say when the window turns:
	 * the window is unknown (never blocked on a time nobody knows).
	 */
	observe(headers: Headers, now: number): boolean {
		const read = readRateLimit(headers, now);
		if (read.remaining === null && read.resetAtMs === null) {
			if (headerNumber(headers, 'x-ratelimit-remaining') === null && headerNumber(headers, 'x-ratelimit-reset') === null) return false;
			this.state = { limit: read.limit, remaining: null, resetAtMs: null };
			return true;
		}
		this.state = read.resetAtMs === null ? { ...read, remaining: null } : read;
		return true;
	}

	/** Once the reset has passed, the counter is unknown until the next answer. */
	settle(now: number): void {
		if (this.state.resetAtMs !== null && now >= this.state.resetAtMs) this.state = { ...this.state, remaining: null };
	}
}

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
}

/** Why a call is not sent (or not sent again): the wait would overrun the run's budget. */
export interface RateLimitRefusal {
	waitMs: number;
	resetAtMs: number;
	message: string;
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
		return {
			waitMs,
			resetAtMs,
			message: `the limit resets at ${formatResetTime(resetAtMs)} (in ${Math.ceil(waitMs / 1000)} s), later than Max Wait on Rate Limit lets this run wait (${left} ms left)`,
		};
	}

	/** Whether the run's budget still covers `ms` more, on top of `waitingMs` it has been waiting already. */
	canWait(ms: number, waitingMs = 0): boolean {
		return this.waitedMs + waitingMs + ms <= this.options.maxWaitMs;
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
			budgetMs: () => this.budgetLeft(now() - start) + timeoutMs,
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
	 * After a 429 (not processed): waits for Retry-After, else the 429's own
	 * Reset, else a growing back-off, and returns null to send again; or refuses
	 * when that would overrun the run's budget.
	 */
	async after429(headers: Headers, attempt: number): Promise<RateLimitRefusal | null> {
		const wait = waitAfter429(headers, attempt, this.options.now());
		if (this.waitedMs + wait > this.options.maxWaitMs) {
			return this.refusal(wait);
		}
		this.waitedMs += wait;
		await this.options.sleep(wait);
		if (retryAfterMs(headers, this.options.now()) !== null) this.lane.forgetCount();
		this.window.settle(this.options.now());
		return null;
	}
}
