/**
 * Fixed-window rate limiter, one bucket per token. Windows are aligned to epoch
 * multiples of `windowMs`, so with a whole-second window the reset second is exact.
 */
import type { RateLimitOptions } from './types';

export interface RateLimitResult {
	limited: boolean;
	limit: number;
	remaining: number;
	/** Unix seconds at which the current window ends (rounded up). */
	reset: number;
}

interface Bucket {
	windowStart: number;
	count: number;
}

export class RateLimiter {
	private readonly buckets = new Map<string, Bucket>();

	constructor(private options: RateLimitOptions) {}

	configure(options: RateLimitOptions): void {
		this.options = { ...options };
		this.buckets.clear();
	}

	clear(): void {
		this.buckets.clear();
	}

	/** Counts one request for `key` and says whether it is over the limit. */
	hit(key: string, now = Date.now()): RateLimitResult {
		const { limit, windowMs } = this.options;
		const windowStart = Math.floor(now / windowMs) * windowMs;
		let bucket = this.buckets.get(key);
		if (!bucket || bucket.windowStart !== windowStart) {
			bucket = { windowStart, count: 0 };
			this.buckets.set(key, bucket);
		}
		bucket.count++;
		const limited = bucket.count > limit;
		return {
			limited,
			limit,
			remaining: limited ? 0 : limit - bucket.count,
			reset: Math.ceil((windowStart + windowMs) / 1000),
		};
	}
}

/** The `X-RateLimit-*` headers for a result; `exhausted` forces Remaining to 0. */
export function rateLimitHeaders(result: RateLimitResult, exhausted = false): Record<string, string> {
	return {
		'X-RateLimit-Limit': String(result.limit),
		'X-RateLimit-Remaining': String(exhausted ? 0 : result.remaining),
		'X-RateLimit-Reset': String(result.reset),
	};
}
