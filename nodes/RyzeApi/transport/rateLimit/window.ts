/**
 * RyzeAPI's rate-limit window (100 requests per minute per token), as the
 * answers' headers tell it: X-RateLimit-Limit / -Remaining / -Reset (unix
 * seconds) and a 429's Retry-After. Pure reading of untrusted headers, and the
 * `RateLimitWindow` that keeps what the last answer said. The waiting itself is
 * the lane's (lane.ts) and the run's pacer's (pacer.ts).
 */
import type { Headers } from '../http/request';

export interface RateLimitState {
	limit: number | null;
	remaining: number | null;
	/** When the window resets, in ms since the epoch. */
	resetAtMs: number | null;
}

/** Waiting a little past the reset absorbs clock rounding (Reset is in whole seconds). */
export const RESET_MARGIN_MS = 50;
/**
 * The least a call waits after a 429, doubling with each further 429 of the same
 * call (1 s, 2 s, 4 s …): RyzeAPI's own example waits at least 1 s. A 429 that says
 * "now" (Retry-After: 0, a Reset already passed) is never resent at once, and
 * every wait costs something from Max Wait, so a server that keeps refusing
 * runs the budget out.
 */
const MIN_429_WAIT_MS = 1000;
/** A call is sent again after a 429 at most this many times, whatever Max Wait allows. */
export const MAX_429_RESENDS = 5;
/**
 * Headers are untrusted. A Reset or Retry-After that is not a finite number, lies
 * in the past, or lies further away than this is nonsense: it means "window
 * unknown". It never throws and never blocks the token.
 */
const MAX_SANE_WAIT_MS = 24 * 3_600_000;
/** A Reset this far in the past still says when the window turned (a 429 sent just after it). */
const RECENT_RESET_MS = 60_000;
/**
 * RyzeAPI documents only per-minute windows. A sane Reset further ahead than two
 * of them (room for a server clock up to a minute ahead of ours) is read as this
 * far: one answer never holds a token longer, after which a call goes and its
 * fresh answer tells the window again (a spent window answers with a 429 and
 * holds the token for two more minutes: one probe per two windows).
 */
const MAX_RESET_AHEAD_MS = 2 * 60_000;

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
 * between RECENT_RESET_MS ago and MAX_SANE_WAIT_MS from `now` is unknown (null);
 * one further ahead than MAX_RESET_AHEAD_MS reads as that far.
 */
export function readRateLimit(headers: Headers, now: number): RateLimitState {
	const reset = headerNumber(headers, 'x-ratelimit-reset');
	// Seconds per the docs; a value in ms (13 digits) is accepted too.
	const resetAtMs = reset === null ? null : reset > 1e12 ? reset : reset * 1000;
	const sane = resetAtMs !== null && resetAtMs - now <= MAX_SANE_WAIT_MS && resetAtMs >= now - RECENT_RESET_MS;
	return {
		limit: headerCount(headers, 'x-ratelimit-limit'),
		remaining: headerCount(headers, 'x-ratelimit-remaining'),
		resetAtMs: sane ? Math.min(resetAtMs, now + MAX_RESET_AHEAD_MS) : null,
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
 * How long to wait before sending again a call that got its `attempt`-th 429 (0:
 * the first): what the server asked for (Retry-After, else the 429's own Reset
 * plus the margin, when that Reset is still ahead), but never less than the
 * growing back-off MIN_429_WAIT_MS × 2^attempt.
 */
export function waitAfter429(headers: Headers, attempt: number, now: number): number {
	const backOff = MIN_429_WAIT_MS * 2 ** Math.min(Math.max(0, attempt), 5);
	const reset = readRateLimit(headers, now).resetAtMs;
	const asked = retryAfterMs(headers, now) ?? (reset !== null && reset > now ? reset - now + RESET_MARGIN_MS : 0);
	return Math.max(asked, backOff);
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
