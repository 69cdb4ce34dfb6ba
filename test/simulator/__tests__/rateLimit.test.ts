/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The simulator's rate limit: fixed windows per token aligned to epoch multiples of
 * windowMs, and the X-RateLimit-* headers on every /api answer. The window logic is
 * checked with an injected clock; over sockets the window is so long (10^12 ms, about
 * 31 years) that no test can straddle two windows.
 */
import { MESSAGES } from '..';
import { RateLimiter, rateLimitHeaders } from '../rateLimit';
import { expectError, groups, jid, tokens, useSim } from './client';

test('RateLimiter (clock injected): per key and window, refused past the limit, afresh in the next window; Reset rounded up', () => {
	const start = 1_700_000_000_000; // a multiple of 1000 ms
	const limiter = new RateLimiter({ limit: 3, windowMs: 1000 });
	const hits = [0, 10, 500, 999].map((offset) => limiter.hit('a', start + offset));
	expect(hits.map((hit) => [hit.limited, hit.remaining, hit.reset])).toEqual([
		[false, 2, start / 1000 + 1],
		[false, 1, start / 1000 + 1],
		[false, 0, start / 1000 + 1],
		[true, 0, start / 1000 + 1],
	]);
	expect(limiter.hit('b', start + 999)).toMatchObject({ limited: false, remaining: 2 });
	expect(limiter.hit('a', start + 1000)).toEqual({ limited: false, limit: 3, remaining: 2, reset: start / 1000 + 2 });
	limiter.configure({ limit: 1, windowMs: 1500 });
	expect(limiter.hit('a', start).reset).toBe(Math.ceil((Math.floor(start / 1500) * 1500 + 1500) / 1000));
	expect(rateLimitHeaders(limiter.hit('a', start), true)).toEqual({
		'X-RateLimit-Limit': '1',
		'X-RateLimit-Remaining': '0',
		'X-RateLimit-Reset': String(Math.ceil((Math.floor(start / 1500) * 1500 + 1500) / 1000)),
	});
});

describe('over sockets', () => {
	const windowMs = 1e12;
	const { sim, participants, get } = useSim({ rateLimit: { limit: 3, windowMs } });
	const add = (number: string, token: string = tokens.sandbox) => participants('add', groups.customers.jid, [number], { token });

	test('the 4th call of a token in a window is 429 and not processed; every answer carries the headers', async () => {
		const answers = [];
		for (const number of ['5511977770011', '5511977770012', '5511977770013', '5511977770014']) answers.push(await add(number));
		expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
		expect(answers.map((r) => r.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
		const reset = String(Math.ceil((Math.floor(Date.now() / windowMs) * windowMs + windowMs) / 1000));
		for (const r of answers) expect([r.headers['x-ratelimit-limit'], r.headers['x-ratelimit-reset']]).toEqual(['3', reset]);
		expectError(answers[3], 429, MESSAGES.rateLimited);
		const members = sim()
			.state.groups.find((g) => g.jid === groups.customers.jid)!
			.members.map((m) => m.jid);
		expect(members).toContain(jid('5511977770013'));
		expect(members).not.toContain(jid('5511977770014'));
		expect(sim().state.stats).toMatchObject({ requests: 4, processed: 3, rateLimited: 1 });
	});

	test('each token has its own bucket; callers without a valid token share one, and their 401s carry the headers', async () => {
		for (const number of ['5511977770011', '5511977770012', '5511977770013']) await add(number);
		expect((await add('5511977770014')).status).toBe(429);
		const account = await get('/api/instance/list', tokens.account);
		expect([account.status, account.headers['x-ratelimit-remaining']]).toEqual([200, '2']);
		const anonymous = await get('/api/instance/list', null);
		expectError(anonymous, 401, MESSAGES.missingToken);
		expect(anonymous.headers['x-ratelimit-remaining']).toBe('2');
		expect((await get('/api/instance/list', 'bogus')).headers['x-ratelimit-remaining']).toBe('1');
	});
});
