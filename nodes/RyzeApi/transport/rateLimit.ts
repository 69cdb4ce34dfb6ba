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
/** A Reset or Retry-After further away than this is nonsense; it is read as unknown. */
const MAX_SANE_WAIT_MS = 24 * 3_600_000;

function headerNumber(headers: Headers, name: string): number | null {
	const value = headers[name];
	if (value === undefined || value.trim() === '') return null;
	const number = Number(value);
	return Number.isFinite(number) ? number : null;
}

export function readRateLimit(headers: Headers): RateLimitState {
	const reset = headerNumber(headers, 'x-ratelimit-reset');
	return {
		limit: headerNumber(headers, 'x-ratelimit-limit'),
		remaining: headerNumber(headers, 'x-ratelimit-remaining'),
		// Seconds per the docs; a value in ms (13 digits) is accepted too.
		resetAtMs: reset === null ? null : reset > 1e12 ? reset : reset * 1000,
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

export function formatResetTime(atMs: number): string {
	return `${new Date(atMs).toISOString().slice(11, 19)} UTC`;
}

/** What the latest answers said about one token's window. */
export class RateLimitWindow {
	state: RateLimitState = { limit: null, remaining: null, resetAtMs: null };

	/** Records an answer's headers (any status); answers without them change nothing. */
	observe(headers: Headers): void {
		const read = readRateLimit(headers);
		if (read.remaining === null && read.resetAtMs === null) return;
		this.state = read;
	}

	/**
	 * How long until the window resets, when the next call must wait for it so
	 * that `reserve` calls stay unused; 0 = go.
	 */
	untilReset(reserve: number, now: number): number {
		const { remaining, resetAtMs } = this.state;
		if (remaining === null || resetAtMs === null || remaining > reserve) return 0;
		if (resetAtMs - now > MAX_SANE_WAIT_MS) return 0;
		return Math.max(0, resetAtMs - now);
	}

	/** Once the reset has passed, the counter is unknown until the next answer. */
	settle(now: number): void {
		if (this.state.resetAtMs !== null && now >= this.state.resetAtMs) this.state = { ...this.state, remaining: null };
	}
}

export interface PacerOptions {
	/** Calls to leave unused in each window (for other workflows on the same token). */
	reserve: number;
	/** Fixed pause between calls, in ms (Options → Batching → Batch Interval). Not counted in the budget. */
	intervalMs: number;
	/** All the rate-limit waiting one run may do (Options → Max Wait on Rate Limit). */
	maxWaitMs: number;
	sleep: (ms: number) => Promise<void>;
	now: () => number;
}

/** Why a call is not sent (or not sent again): the wait would overrun the run's budget. */
export interface RateLimitRefusal {
	waitMs: number;
	resetAtMs: number;
	message: string;
}

export class Pacer {
	private lastCallEndedAt: number | null = null;
	/** Rate-limit waiting done so far in this run, bounded by `maxWaitMs`. */
	waitedMs = 0;

	constructor(
		private readonly options: PacerOptions,
		readonly window: RateLimitWindow = new RateLimitWindow(),
	) {}

	private refusal(waitMs: number): RateLimitRefusal {
		const resetAtMs = this.options.now() + waitMs;
		const left = Math.max(0, this.options.maxWaitMs - this.waitedMs);
		return {
			waitMs,
			resetAtMs,
			message: `the limit resets at ${formatResetTime(resetAtMs)} (in ${Math.ceil(waitMs / 1000)} s), later than Max Wait on Rate Limit lets this run wait (${left} ms left)`,
		};
	}

	/** Waits as long as the window and the interval require; refuses when the budget cannot cover it. */
	async beforeCall(): Promise<RateLimitRefusal | null> {
		const { now, sleep, reserve, intervalMs } = this.options;
		const untilReset = this.window.untilReset(reserve, now());
		// The margin absorbs Reset's rounding to whole seconds.
		const limitWait = untilReset > 0 ? untilReset + RESET_MARGIN_MS : 0;
		if (limitWait > 0 && this.waitedMs + limitWait > this.options.maxWaitMs) {
			return this.refusal(limitWait);
		}
		const intervalWait = intervalMs > 0 && this.lastCallEndedAt !== null ? this.lastCallEndedAt + intervalMs - now() : 0;
		const wait = Math.max(limitWait, intervalWait);
		if (wait > 0) {
			this.waitedMs += limitWait;
			await sleep(wait);
		}
		this.window.settle(now());
		return null;
	}

	/** Records an answer (any status, or none). */
	observe(headers: Headers): void {
		this.lastCallEndedAt = this.options.now();
		this.window.observe(headers);
	}

	/**
	 * After a 429 (not processed): waits for Retry-After, else the 429's own
	 * Reset, else a growing back-off, and returns null to send again; or refuses
	 * when that would overrun the run's budget.
	 */
	async after429(headers: Headers, attempt: number): Promise<RateLimitRefusal | null> {
		const now = this.options.now();
		const reset = readRateLimit(headers).resetAtMs;
		let wait = retryAfterMs(headers, now);
		if (wait === null && reset !== null && reset - now <= MAX_SANE_WAIT_MS && reset > now - 60_000) {
			// A Reset just passed still says when the window turned: send again after the margin.
			wait = Math.max(0, reset - now) + RESET_MARGIN_MS;
		}
		if (wait === null) wait = FALLBACK_BACKOFF_MS * 2 ** Math.min(attempt, 5);
		if (this.waitedMs + wait > this.options.maxWaitMs) {
			return this.refusal(wait);
		}
		this.waitedMs += wait;
		await this.options.sleep(wait);
		this.window.settle(this.options.now());
		return null;
	}
}
