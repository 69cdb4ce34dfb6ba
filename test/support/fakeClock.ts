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

/**
 * A virtual clock with a timer queue, for races between waits: `sleep(ms)` and
 * `timer(ms)` fire in time order, and only when `run` moves time forward, which
 * it does once everything runnable has run (no real I/O may be pending). `run`
 * rejects when the awaited promise can never settle (nothing left to fire): a
 * hang shows as a failure, not a timeout. A loop that schedules timers without
 * ever yielding (a sleep that returns at once, awaited in a loop) never lets
 * `run` move time: past 100,000 timers scheduled meanwhile, `sleep` and `timer`
 * throw, so the spin fails instead of filling the heap.
 */
export function virtualClock(start = 1_000_000) {
	let now = start;
	let seq = 0;
	const timers: Array<{ at: number; seq: number; fire: () => void; live: boolean }> = [];
	/** Timers scheduled since `run` last had a turn. */
	let unattended = 0;
	const schedule = (ms: number) => {
		if (++unattended > 100_000) throw new Error(`runaway: 100,000 timers scheduled at +${now - start} ms without a turn for the clock`);
		let fire = () => {};
		const reached = new Promise<void>((resolve) => (fire = resolve));
		const entry = { at: now + Math.max(0, ms), seq: seq++, fire, live: true };
		timers.push(entry);
		return { reached, release: () => (entry.live = false) };
	};
	const idle = async () => {
		for (let i = 0; i < 30; i++) await new Promise((resolve) => setImmediate(resolve));
	};
	return {
		now: () => now,
		sleep: (ms: number) => schedule(ms).reached,
		timer: (ms: number) => schedule(ms),
		/** Runs until `promise` settles, moving time from timer to timer; at most `limitMs` of virtual time. */
		async run<T>(promise: Promise<T>, limitMs = 3_600_000): Promise<T> {
			let done = false;
			promise.then(
				() => (done = true),
				() => (done = true),
			);
			const until = now + limitMs;
			for (let fired = 0; ; fired++) {
				if (fired > 100_000) throw new Error(`runaway: 100,000 timers fired by +${now - start} ms`);
				await idle();
				unattended = 0;
				if (done) return await promise;
				const live = timers.filter((timer) => timer.live).sort((a, b) => a.at - b.at || a.seq - b.seq);
				timers.splice(0, timers.length, ...live);
				const next = timers.shift();
				if (!next) throw new Error(`hang: nothing left to wait for at +${now - start} ms`);
				if (next.at > until) throw new Error(`still unresolved after ${limitMs} ms of virtual time`);
				now = Math.max(now, next.at);
				next.fire();
			}
		},
	};
}
