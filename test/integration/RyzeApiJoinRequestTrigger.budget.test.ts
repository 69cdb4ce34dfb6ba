/**
 * The Join Request Trigger keeps n8n's poll budget (triggers/joinRequests/budget.ts), on a virtual clock: the
 * host answers after virtual delays and ends a request at its Timeout like axios. Each test has its own Base URL,
 * so its own token lane. Every time below is virtual; nothing is measured.
 */
import type { IDataObject, IHttpRequestOptions, IPollFunctions } from 'n8n-workflow';

import { pollJoinRequests } from '../../nodes/RyzeApi/triggers/joinRequests/poll';
import { PENDING_REQUESTS_CONTRACT, RATE_LIMIT } from '../contract/ryzeapi';
import { rateHeaders, virtualClock } from '../support/fakeClock';
import { createPollContext } from '../support/triggerContext';

const GROUP = '120363000000000002@g.us';
const START = 1_700_000_000_000;

interface Answer {
	/** How long RyzeAPI takes to answer. */
	takesMs?: number;
	status?: number;
	headers?: Record<string, string>;
	jids?: string[];
}

const body = (jids: string[]) => ({
	success: true,
	message: `${jids.length} pending requests found`,
	groupJid: GROUP,
	requests: jids.map((jid, i) => ({ jid, phoneNumber: null, requestedAt: new Date(START - 1e6 + i).toISOString() })),
	meta: { total: jids.length },
});

let lane = 0;
function setup(script: Answer[]) {
	const clock = virtualClock(START);
	const requests: Array<{ at: number; path: string; timeout: number }> = [];
	const send = async (_type: string, options: IHttpRequestOptions) => {
		const request = { at: clock.now(), path: new URL(options.url).pathname, timeout: options.timeout ?? Infinity };
		requests.push(request);
		const answer = script[Math.min(requests.length - 1, script.length - 1)];
		await clock.sleep(Math.min(answer.takesMs ?? 0, request.timeout));
		if ((answer.takesMs ?? 0) >= request.timeout) {
			throw Object.assign(new Error(`timeout of ${request.timeout}ms exceeded`), { code: 'ECONNABORTED' });
		}
		const status = answer.status ?? 200;
		const answered = status === 200 ? body(answer.jids ?? []) : { success: false, error: RATE_LIMIT.message.value };
		return { statusCode: status, headers: answer.headers ?? {}, body: JSON.stringify(answered) };
	};
	const id = ++lane;
	const credentials = { baseUrl: `http://budget-${id}.ryze.test`, token: `budget-token-${id}`, instance: 'sandbox' };
	const poll = (options: { budgetMs?: number; staticData?: IDataObject; mode?: 'trigger' | 'manual'; workflowId?: string } = {}) => {
		const { ctx } = createPollContext({
			params: { instance: { __rl: true, mode: 'name', value: '' }, group: { __rl: true, mode: 'id', value: GROUP } },
			credentials,
			staticData: options.staticData ?? {},
			mode: options.mode,
			// Each test its own trigger: what a trigger's last poll left is kept per workflow and node (lastPolls.ts).
			workflowId: options.workflowId ?? `wf-budget-${id}`,
		});
		const warnings: string[] = [];
		const host = ctx as unknown as Record<string, unknown>;
		host.helpers = { httpRequestWithAuthentication: send };
		host.logger = { debug: () => {}, info: () => {}, error: () => {}, warn: (message: string) => void warnings.push(message) };
		if (options.budgetMs !== undefined) host.getPollBudgetMs = () => options.budgetMs;
		const started = clock.now();
		const result = clock.run(pollJoinRequests.call(ctx as IPollFunctions, clock)).then(
			(out) => ({ jids: out === null ? null : out[0].map((item) => item.json.jid), error: null as Error | null }),
			(error: Error) => ({ jids: undefined, error }),
		);
		return result.then((outcome) => ({ ...outcome, tookMs: clock.now() - started, warnings }));
	};
	return { clock, requests, poll };
}

const spentUntil = (secondsFromStart: number) => rateHeaders(0, Math.floor(START / 1000) + secondsFromStart);
const snapshot = (state: IDataObject) => JSON.parse(JSON.stringify(state)) as unknown;
/** When each request went out (from the start) and when it would end at the latest (its Timeout). */
const sends = (requests: Array<{ at: number; timeout: number }>) => requests.map(({ at, timeout }) => [at - START, at - START + timeout]);

it('a spent rate-limit window: the poll ends at once, nothing sent or emitted, the state untouched; after the Reset the next one works', async () => {
	const { clock, requests, poll } = setup([
		{ jids: ['a@lid'], headers: spentUntil(50) },
		{ jids: ['a@lid', 'b@lid'], headers: rateHeaders(99, Math.floor(START / 1000) + 110) },
	]);
	const state: IDataObject = {};
	expect((await poll({ budgetMs: 36_000, staticData: state })).jids).toEqual(['a@lid']);
	const before = snapshot(state);

	const spent = await poll({ budgetMs: 36_000, staticData: state });
	expect(spent).toMatchObject({ jids: null, error: null, tookMs: 0 });
	expect(requests).toHaveLength(1);
	expect(snapshot(state)).toEqual(before);
	expect(spent.warnings).toHaveLength(1);
	expect(spent.warnings[0]).toMatch(
		new RegExp(
			`^RyzeAPI Join Request Trigger: the poll of group ${GROUP} on instance sandbox ended without reading the join requests: the token's rate limit does not free up within n8n's poll budget \\(36000 ms\\), of which the poll may wait 8250 ms for the rate limit: .*resets at .* \\(in 51 s\\).*Nothing was emitted and nothing is lost`,
		),
	);

	await clock.run(clock.sleep(50_000));
	const next = await poll({ budgetMs: 36_000, staticData: state });
	expect(next).toMatchObject({ jids: ['b@lid'], error: null, warnings: [] });
	expect(requests).toHaveLength(2);
});

it('a Reset within the budget is waited out, and the poll ends within it', async () => {
	const { requests, poll } = setup([{ jids: ['a@lid'], headers: spentUntil(5) }, { jids: ['a@lid', 'b@lid'] }]);
	const state: IDataObject = {};
	await poll({ budgetMs: 36_000, staticData: state });
	const waited = await poll({ budgetMs: 36_000, staticData: state });
	expect(waited.jids).toEqual(['b@lid']);
	expect(requests[1].at - START).toBeGreaterThanOrEqual(5_000);
	expect(waited.tookMs).toBeLessThanOrEqual(36_000);
});

it('a 429 whose Retry-After is past the budget: one send, the poll ends cleanly', async () => {
	const { requests, poll } = setup([{ status: RATE_LIMIT.status.value, headers: { 'retry-after': '45' } }]);
	const state: IDataObject = { untouched: true };
	const result = await poll({ budgetMs: 36_000, staticData: state });
	expect(result).toMatchObject({ jids: null, error: null, tookMs: 0 });
	expect(result.warnings[0]).toMatch(
		/the token's rate limit does not free up within n8n's poll budget \(36000 ms\), of which the poll may wait 8250 ms/,
	);
	expect(requests).toHaveLength(1);
	expect(state).toEqual({ untouched: true });
});

it('a RyzeAPI that does not answer: each send ends at the planned Timeout, the resends fit, the poll fails within the budget', async () => {
	const { requests, poll } = setup([{ takesMs: 120_000 }]);
	const state: IDataObject = {};
	const result = await poll({ budgetMs: 36_000, staticData: state });
	expect(result.error?.message).toMatch(
		`Could not read the join requests of group ${GROUP} on instance sandbox: RyzeAPI did not answer within 8250 ms`,
	);
	// 3 × 8.25 s and the 1 s + 2 s back-offs: 27.75 s of the 36 s.
	expect(result.tookMs).toBe(27_750);
	expect(requests.map((request) => [request.at - START, request.timeout])).toEqual([
		[0, 8_250],
		[9_250, 8_250],
		[19_500, 8_250],
	]);
	expect(requests.every((request) => request.path === `${PENDING_REQUESTS_CONTRACT.path.value}sandbox`)).toBe(true);
	expect(state).toEqual({});
});

it('without getPollBudgetMs (n8n before 2.41), the same within 40 s', async () => {
	const { requests, poll } = setup([{ takesMs: 120_000 }]);
	const result = await poll();
	expect(result.error?.message).toMatch(/did not answer within 9250 ms/);
	expect(result.tookMs).toBe(30_750);
	expect(requests).toHaveLength(3);
});

it('a slow answer within the Timeout is read', async () => {
	const { poll } = setup([{ takesMs: 8_000, jids: ['a@lid'] }]);
	expect(await poll({ budgetMs: 36_000 })).toMatchObject({ jids: ['a@lid'], tookMs: 8_000, warnings: [] });
});

it('a run of slow 429s: each back-off (1 s, 2 s, 4 s …) must end 8.25 s before the budget does; the one that would not is not begun', async () => {
	// 429s that take 8 s each: 0 → 8 s, 1 s back-off, 9 → 17 s, 2 s, 19 → 27 s; the 4 s back-off would end at 31 s, and
	// a send then at 39 s, past the 36 s budget (Max Wait alone, 8.25 s, would allow it: 1 + 2 + 4 s).
	const { requests, poll } = setup([{ takesMs: 8_000, status: 429, headers: { 'retry-after': '1' } }]);
	const state: IDataObject = { untouched: true };
	const result = await poll({ budgetMs: 36_000, staticData: state });
	expect(result).toMatchObject({ jids: null, error: null, tookMs: 27_000 });
	expect(result.warnings).toHaveLength(1);
	expect(result.warnings[0]).toMatch(
		/the token's rate limit does not free up within n8n's poll budget \(36000 ms\), of which the poll may wait 8250 ms for the rate limit: .*\(in 4 s\), later than this call's waits may end \(750 ms left\)\)\. Nothing was emitted/,
	);
	expect(sends(requests)).toEqual([
		[0, 8_250],
		[9_000, 17_250],
		[19_000, 27_250],
	]);
	expect(state).toEqual({ untouched: true });
});

it("a resend's back-off after a timeout must end 8.25 s before the budget does too: the last resend is not sent, the failure stands", async () => {
	// A slow 429 (8 s, then 1 s), a timeout (8.25 s, then 1 s), a timeout (8.25 s): the 2 s back-off would end at
	// 28.5 s, the resend then at 36.75 s.
	const { requests, poll } = setup([{ takesMs: 8_000, status: 429, headers: { 'retry-after': '1' } }, { takesMs: 120_000 }]);
	const state: IDataObject = {};
	const result = await poll({ budgetMs: 36_000, staticData: state });
	expect(result.error?.message).toMatch(/did not answer within 8250 ms/);
	expect(result.tookMs).toBe(26_500);
	expect(sends(requests)).toEqual([
		[0, 8_250],
		[9_000, 17_250],
		[18_250, 26_500],
	]);
	expect(state).toEqual({});
});

describe('whatever RyzeAPI answers, every send of a poll ends within its budget (every wait ends by the budget less the Timeout)', () => {
	const passedReset = rateHeaders(0, Math.floor(START / 1000) - 1);
	const servers: Array<[string, Answer[]]> = [];
	for (const takesMs of [0, 2_000, 7_999, 8_000, 9_249, 60_000]) {
		servers.push([`429 Retry-After 0 in ${takesMs} ms`, [{ takesMs, status: 429, headers: { 'retry-after': '0' } }]]);
		servers.push([`429 whose Reset has just passed in ${takesMs} ms`, [{ takesMs, status: 429, headers: passedReset }]]);
		servers.push([`429 Retry-After 3 in ${takesMs} ms`, [{ takesMs, status: 429, headers: { 'retry-after': '3' } }]]);
		servers.push([`502 in ${takesMs} ms`, [{ takesMs, status: 502 }]]);
		servers.push([
			`a slow 429, then 502s in ${takesMs} ms`,
			[
				{ takesMs: 7_000, status: 429, headers: { 'retry-after': '1' } },
				{ takesMs, status: 502 },
			],
		]);
		servers.push([
			`502, then 429s in ${takesMs} ms`,
			[
				{ takesMs: 5_000, status: 502 },
				{ takesMs, status: 429, headers: passedReset },
			],
		]);
	}
	it.each(servers)('%s', async (_name, script) => {
		for (const budgetMs of [36_000, undefined]) {
			const { requests, poll } = setup(script);
			const result = await poll({ budgetMs });
			const budget = budgetMs ?? 40_000;
			expect(result.tookMs).toBeLessThanOrEqual(budget);
			expect(requests.length).toBeGreaterThan(0);
			for (const [, endsAt] of sends(requests)) expect(endsAt).toBeLessThanOrEqual(budget);
			expect(result.jids ?? null).toBeNull();
		}
	});
});

it("the token's queue busy for the whole budget: nothing sent, the poll ends cleanly", async () => {
	const { requests, poll } = setup([{ takesMs: 29_000, jids: ['a@lid'] }]);
	// Another workflow's poll on the same token holds the lane (its answer teaches the window, so one at a time).
	const other = poll({ budgetMs: 300_000, workflowId: 'another workflow' });
	const state: IDataObject = { untouched: true };
	const ours = await poll({ budgetMs: 36_000, staticData: state });
	// It waited for the other's answer as long as its own call could (8.25 s of rate-limit wait + its 8.25 s Timeout).
	expect(ours).toMatchObject({ jids: null, error: null, tookMs: 16_500 });
	expect(ours.warnings[0]).toMatch(
		/the token was busy with other calls for as long as this poll could wait for its turn within n8n's poll budget \(36000 ms\)/,
	);
	expect(requests).toHaveLength(1);
	expect(state).toEqual({ untouched: true });
	expect((await other).jids).toEqual(['a@lid']);
});

it('a budget too short for a call: nothing sent, a log line; Fetch Test Event says it as an error', async () => {
	const { requests, poll } = setup([{ jids: ['a@lid'] }]);
	const result = await poll({ budgetMs: 5_000 });
	expect(result).toMatchObject({ jids: null, error: null, tookMs: 0 });
	expect(result.warnings[0]).toMatch(/n8n's poll budget \(5000 ms\) is too short for a call to RyzeAPI/);
	const manual = await poll({ budgetMs: 5_000, mode: 'manual' });
	expect(manual.error?.message).toMatch(/ended without reading the join requests: n8n's poll budget \(5000 ms\) is too short/);
	expect(requests).toHaveLength(0);
});
