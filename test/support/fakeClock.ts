/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * A clock that moves only when the code under test sleeps (or when a test
 * advances it), and the X-RateLimit-* headers of one answer. For the pacing tests.
 */
export function fakeClock(start = 1_000_000) {
	let now = start;
	const sleeps: number[] = [];
	return {
		now: () => now,
		// Like a real sleep, it returns to the caller first: others may queue meanwhile.
		sleep: async (ms: number) => {
			sleeps.push(ms);
			await new Promise((resolve) => setImmediate(resolve));
			now += ms;
		},
		advance: (ms: number) => {
			now += ms;
		},
		sleeps,
	};
}

export const rateHeaders = (remaining: number, resetSeconds: number, limit = 100) => ({
	'x-ratelimit-limit': String(limit),
	'x-ratelimit-remaining': String(remaining),
	'x-ratelimit-reset': String(resetSeconds),
});
