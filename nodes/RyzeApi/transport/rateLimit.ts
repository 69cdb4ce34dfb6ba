/**
 * Pacing under RyzeAPI's rate limit (100 requests per minute per token).
 *
 * Every response carries X-RateLimit-Limit / -Remaining / -Reset (unix seconds).
 * The pacer reads them and, when Remaining has reached the reserve, waits until
 * Reset before the next call, so the node never sends a call the limit would
 * refuse. A 429 means the call was not processed: it may be waited out and sent
 * again, within a bound. Time and sleep are injected so the logic is testable.
 */
export interface RateLimitState {
	limit: number | null;
	remaining: number | null;
	/** When the window resets, in ms since the epoch. */
	resetAtMs: number | null;
}

export interface PacerOptions {
	/** Calls to leave unused in each window (for other workflows on the same token). */
	reserve: number;
	/** Fixed pause between calls, in ms (Options → Batching → Batch Interval). */
	intervalMs: number;
	/** No single wait is longer than this (guards against a skewed or absurd Reset). */
	maxWaitMs: number;
	sleep: (ms: number) => Promise<void>;
	now: () => number;
}

/** Waiting a little past the reset absorbs clock rounding (Reset is in whole seconds). */
export const RESET_MARGIN_MS = 50;
/** When a 429 carries no usable Reset, back off 1 s, 2 s, 4 s … */
const FALLBACK_BACKOFF_MS = 1000;

function headerNumber(headers: Record<string, string>, name: string): number | null {
	const value = headers[name];
	if (value === undefined) return null;
	const number = Number(value);
	return Number.isFinite(number) ? number : null;
}

export function readRateLimit(headers: Record<string, string>): RateLimitState {
	const reset = headerNumber(headers, 'x-ratelimit-reset');
	return {
		limit: headerNumber(headers, 'x-ratelimit-limit'),
		remaining: headerNumber(headers, 'x-ratelimit-remaining'),
		// Seconds per the docs; a value in ms (13 digits) is accepted too.
		resetAtMs: reset === null ? null : reset > 1e12 ? reset : reset * 1000,
	};
}

export class RateLimitPacer {
	private state: RateLimitState = { limit: null, remaining: null, resetAtMs: null };
	private lastCallEndedAt: number | null = null;
	/** Total ms spent waiting, for the run's statistics. */
	waitedMs = 0;

	constructor(private readonly options: PacerOptions) {}

	/** Waits as long as needed before the next call may be sent. */
	async beforeCall(): Promise<void> {
		const { now, sleep } = this.options;
		let wait = 0;
		const { remaining, resetAtMs } = this.state;
		if (remaining !== null && resetAtMs !== null && remaining <= this.options.reserve) {
			wait = Math.max(wait, resetAtMs + RESET_MARGIN_MS - now());
		}
		if (this.options.intervalMs > 0 && this.lastCallEndedAt !== null) {
			wait = Math.max(wait, this.lastCallEndedAt + this.options.intervalMs - now());
		}
		wait = Math.min(wait, this.options.maxWaitMs);
		if (wait > 0) {
			this.waitedMs += wait;
			await sleep(wait);
			// A new window: the counter is unknown until the next answer.
			if (this.state.resetAtMs !== null && now() >= this.state.resetAtMs) this.state.remaining = null;
		}
	}

	/** Records the headers of an answer (any status). */
	observe(headers: Record<string, string>): void {
		const read = readRateLimit(headers);
		this.lastCallEndedAt = this.options.now();
		if (read.remaining === null && read.resetAtMs === null) return;
		this.state = read;
	}

	/**
	 * How long to wait before resending a call that got a 429, or null when that
	 * would take the call past `maxWaitMs` in total.
	 */
	retryAfter429(attempt: number, alreadyWaitedMs: number, maxWaitMs: number): number | null {
		const { resetAtMs } = this.state;
		let wait = resetAtMs === null ? 0 : resetAtMs + RESET_MARGIN_MS - this.options.now();
		if (wait <= 0) wait = FALLBACK_BACKOFF_MS * 2 ** Math.min(attempt, 5);
		if (alreadyWaitedMs + wait > maxWaitMs) return null;
		return wait;
	}

	async wait(ms: number): Promise<void> {
		this.waitedMs += ms;
		await this.options.sleep(ms);
		this.state.remaining = null;
	}
}
