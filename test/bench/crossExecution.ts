/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * `npm run bench:cross` (= `npm run bench -- --cross`): concurrent executions on
 * one token, as when a CRM calls its webhook once per contact. Each execution is
 * its own execute() on its own context, all in flight together against the
 * project's simulator on 127.0.0.1 (in this process, ephemeral port), with
 * Combine Across Executions on (the default) and off. Also the latency the
 * coordinator adds to a lone execution. Prints tables and ratios; asserts nothing.
 *
 * The coordinator is module-level state (one lane per Base URL + token hash):
 * every scenario starts a simulator of its own, on a new port, hence a new Base URL
 * and a new lane.
 */
import type { IExecuteFunctions, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import { RyzeApi } from '../../nodes/RyzeApi/RyzeApi.node';
import { createExecuteContext } from '../support/executeContext';
import { SANDBOX, startSimulator, type RunningSimulator } from '../simulator';
import { phone } from './workload';

const node = new RyzeApi();
const GROUP = SANDBOX.groups.customers.jid;
const ON: Record<string, unknown> = {};
const OFF: Record<string, unknown> = { batching: { batch: { combineAcrossExecutions: false } } };

/** Sequential lone executions per mode: p95 of 1000 rests on 50 samples, steadier than of 200 on a shared machine. */
const LONE_SIM = 1000;
const LONE_IN_PROCESS = 2000;
/** Executions one after the other into one group (each with combining on may wait for the key's cool-down). */
const SEQUENTIAL = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pad = (text: string | number, width: number) => String(text).padStart(width);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

/** Nearest-rank percentile of an unsorted list. */
function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

interface Execution {
	contact: string;
	ms: number;
	items: INodeExecutionData[];
	error?: string;
}

/** One execution: one input item with one contact, Continue On Fail on (every contact gets an item). */
async function execute(
	baseUrl: string,
	contact: string,
	options: Record<string, unknown>,
	answer?: StandIn,
	group: string = GROUP,
): Promise<Execution> {
	const { ctx } = createExecuteContext({
		credentials: { baseUrl, token: SANDBOX.tokens.sandbox, instance: 'sandbox' },
		continueOnFail: true,
		params: { operation: 'manageParticipants', instance: '', group, action: 'add', participants: contact, options },
	});
	if (answer) (ctx.helpers as unknown as { httpRequestWithAuthentication: StandIn }).httpRequestWithAuthentication = answer;
	const started = performance.now();
	try {
		const outputs = await node.execute.call(ctx as IExecuteFunctions);
		return { contact, ms: performance.now() - started, items: outputs.flat() };
	} catch (error) {
		return { contact, ms: performance.now() - started, items: [], error: (error as Error).message };
	}
}

/** Starts at the beginning of a rate-limit window, so the window's timing is the same on every run. */
async function alignToWindow(windowMs: number): Promise<void> {
	await sleep(windowMs - (Date.now() % windowMs) + 5);
}

/** A clean slate: a new simulator (seeded, empty buckets and call log) on a new port, so a Base URL no lane knows yet. */
async function withFreshSimulator<T>(
	rateLimit: { limit: number; windowMs: number },
	latencyMs: number,
	use: (sim: RunningSimulator) => Promise<T>,
): Promise<T> {
	const sim = await startSimulator({ host: '127.0.0.1', port: 0, rateLimit, latencyMs });
	try {
		return await use(sim);
	} finally {
		await sim.close();
	}
}

/** How the executions arrive: all in one tick (0), or one every `everyMs`; and how long the simulator takes to answer. */
interface Arrivals {
	everyMs: number;
	latencyMs: number;
}
const TOGETHER: Arrivals = { everyMs: 0, latencyMs: 0 };
const arrivalText = (arrivals: Arrivals) =>
	arrivals.everyMs === 0 && arrivals.latencyMs === 0
		? 'together'
		: `${arrivals.everyMs === 0 ? 'together' : `1 per ${arrivals.everyMs} ms`}, answers in ${arrivals.latencyMs} ms`;

interface BurstResult {
	label: string;
	arrivals: string;
	limit: string;
	n: number;
	mode: 'on' | 'off';
	calls: number;
	rateLimited: number;
	added: number;
	addedAtServer: number;
	failed: Record<string, number>;
	lost: number;
	wallMs: number;
	p50Ms: number;
	p95Ms: number;
	maxMs: number;
	floorMs: number;
	/** Participants per call, in order (runs of equal sizes folded: 300×1). */
	sizes: string;
}

function foldSizes(sizes: number[]): string {
	const runs: Array<[number, number]> = [];
	for (const size of sizes) {
		const last = runs[runs.length - 1];
		if (last && last[0] === size) last[1]++;
		else runs.push([size, 1]);
	}
	return runs.map(([size, count]) => (count > 1 ? `${count}×${size}` : String(size))).join(' + ');
}

/** N executions, one contact each, started together (or one every `arrivals.everyMs`). */
async function burst(
	n: number,
	mode: 'on' | 'off',
	rateLimit: { limit: number; windowMs: number },
	align: boolean,
	arrivals: Arrivals = TOGETHER,
): Promise<BurstResult> {
	return await withFreshSimulator(rateLimit, arrivals.latencyMs, async (sim) => await burstOn(sim, n, mode, rateLimit, align, arrivals));
}

async function burstOn(
	sim: RunningSimulator,
	n: number,
	mode: 'on' | 'off',
	rateLimit: { limit: number; windowMs: number },
	align: boolean,
	arrivals: Arrivals,
): Promise<BurstResult> {
	if (align) await alignToWindow(rateLimit.windowMs);
	const contacts = Array.from({ length: n }, (_, i) => phone(i));
	const started = performance.now();
	// Each execution's latency runs from its own start; the wall time from the first start to the last end.
	const runs = await Promise.all(
		contacts.map(async (contact, i) => {
			if (arrivals.everyMs > 0) await sleep(i * arrivals.everyMs);
			return await execute(sim.url, contact, mode === 'on' ? ON : OFF);
		}),
	);
	const wallMs = performance.now() - started;

	let added = 0;
	let lost = 0;
	const failed: Record<string, number> = {};
	for (const run of runs) {
		// Lost: not exactly one item, or an item for someone else.
		if (run.items.length !== 1 || run.items[0].json.input !== run.contact) {
			lost++;
			continue;
		}
		const json = run.items[0].json;
		if (json.success === true) added++;
		else failed[String(json.errorCode)] = (failed[String(json.errorCode)] ?? 0) + 1;
	}
	const members = new Set(sim.state.groups.find((group) => group.jid === GROUP)?.members.map((member) => member.jid) ?? []);
	const calls = sim.calls.filter((call) => call.path.startsWith('/api/group/participants'));
	const latencies = runs.map((run) => run.ms);
	const windowLabel = rateLimit.windowMs >= 60_000 ? `${rateLimit.windowMs / 60_000} min` : `${rateLimit.windowMs / 1000} s`;
	return {
		label: `${n} executions ${arrivalText(arrivals)}`,
		arrivals: arrivalText(arrivals),
		limit: `${rateLimit.limit}/${windowLabel}`,
		n,
		mode,
		calls: calls.length,
		rateLimited: calls.filter((call) => call.status === 429).length,
		added,
		addedAtServer: contacts.filter((contact) => members.has(`${contact}@s.whatsapp.net`)).length,
		failed,
		lost,
		wallMs,
		p50Ms: percentile(latencies, 0.5),
		p95Ms: percentile(latencies, 0.95),
		maxMs: Math.max(...latencies),
		floorMs: (Math.ceil(calls.length / rateLimit.limit) - 1) * rateLimit.windowMs,
		sizes: foldSizes(calls.map((call) => (call.body as { participants?: unknown[] }).participants?.length ?? 0)),
	};
}

const failedText = (failed: Record<string, number>) =>
	Object.keys(failed).length === 0
		? '0'
		: Object.entries(failed)
				.map(([code, count]) => `${count} ${code}`)
				.join(', ');

function burstRow(result: BurstResult): string {
	return `| ${result.n} | ${result.arrivals} | ${result.limit} | ${result.mode === 'on' ? '**on**' : 'off'} | ${result.calls} | ${result.rateLimited} | ${result.added} | ${failedText(result.failed)} | ${result.lost} | ${seconds(result.wallMs)} | ${seconds(result.floorMs)} | ${seconds(result.p50Ms)} | ${seconds(result.p95Ms)} |`;
}

function printBurst(result: BurstResult): void {
	console.log(
		[
			pad(`${result.label}, ${result.limit}, combine ${result.mode}`, 64),
			pad(result.calls, 6),
			pad(result.rateLimited, 5),
			pad(result.added, 6),
			pad(result.addedAtServer, 7),
			pad(result.lost, 5),
			pad(seconds(result.wallMs), 7),
			pad(seconds(result.p50Ms), 7),
			pad(seconds(result.p95Ms), 7),
			pad(seconds(result.maxMs), 7),
			`  failed: ${failedText(result.failed)}; participants per call: ${result.sizes}`,
		].join(' '),
	);
}

type StandIn = (type: string, options: IHttpRequestOptions) => Promise<unknown>;

/** Answers like RyzeAPI at once, without sockets: every participant added, a window far from spent. */
const answerAtOnce: StandIn = async (_type, options) => {
	const sent = (options.body as { participants: string[] }).participants;
	return {
		statusCode: 200,
		headers: {
			'x-ratelimit-limit': '1000000',
			'x-ratelimit-remaining': '999999',
			'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 60),
		},
		body: { success: true, participants: sent.map((participant) => ({ jid: `${participant}@s.whatsapp.net`, success: true })) },
	};
};

interface LoneResult {
	on: number[];
	off: number[];
	offAgain: number[];
}

/**
 * Lone single-contact executions, one after the other, Combine Across
 * Executions on, off, and off again (an A/A control: its difference from off is
 * the noise). The three modes take turns, in a rotating order, so drift on the
 * shared machine hits them alike. Each execution is lone for the coordinator
 * too: nothing else is in flight, and under a 1,000,000-call window the lane is
 * never pressed, so no per-key cool-down enters whatever ran before (the
 * back-to-back case is sequentialOneGroup).
 */
async function lone(baseUrl: string, rounds: number, warmup: number, answer?: StandIn): Promise<LoneResult> {
	const modes: Array<keyof LoneResult> = ['on', 'off', 'offAgain'];
	const result: LoneResult = { on: [], off: [], offAgain: [] };
	let next = 0;
	for (let round = -warmup; round < rounds; round++) {
		for (let k = 0; k < 3; k++) {
			const mode = modes[(Math.abs(round) + k) % 3];
			const run = await execute(baseUrl, phone(next++), mode === 'on' ? ON : OFF, answer);
			if (run.items.length !== 1 || run.items[0].json.success !== true)
				throw new Error(`lone execution failed: ${run.error ?? JSON.stringify(run.items[0]?.json)}`);
			if (round >= 0) result[mode].push(run.ms);
		}
	}
	return result;
}

/**
 * Executions one after the other into the same group (a caller that waits for
 * each answer before it sends the next contact): all with combining on, then all
 * with it off.
 */
async function sequentialOneGroup(
	sim: RunningSimulator,
	count: number,
): Promise<{ on: number[]; off: number[]; calls: { on: number; off: number } }> {
	const on: number[] = [];
	const off: number[] = [];
	for (let i = 0; i < count; i++) on.push((await execute(sim.url, phone(i), ON)).ms);
	const callsOn = sim.calls.length;
	for (let i = 0; i < count; i++) off.push((await execute(sim.url, phone(count + i), OFF)).ms);
	return { on, off, calls: { on: callsOn, off: sim.calls.length - callsOn } };
}

function loneTable(title: string, result: LoneResult, unit: 'ms' | 'µs'): string[] {
	const scale = unit === 'ms' ? 1 : 1000;
	const digits = unit === 'ms' ? 3 : 1;
	const f = (ms: number) => (ms * scale).toFixed(digits);
	const sign = (ms: number) => `${ms >= 0 ? '+' : ''}${f(ms)}`;
	const stat = (values: number[]) => ({ p50: percentile(values, 0.5), p95: percentile(values, 0.95) });
	const on = stat(result.on);
	const off = stat(result.off);
	const again = stat(result.offAgain);
	return [
		`${title} (${result.on.length} each):`,
		'',
		`| lone execution | p50 ${unit} | p95 ${unit} |`,
		'|---|---|---|',
		`| Combine Across Executions on | ${f(on.p50)} | ${f(on.p95)} |`,
		`| Combine Across Executions off | ${f(off.p50)} | ${f(off.p95)} |`,
		`| **added by combining (on − off)** | **${sign(on.p50 - off.p50)}** | **${sign(on.p95 - off.p95)}** |`,
		`| ratio on / off | ${(on.p50 / off.p50).toFixed(3)} | ${(on.p95 / off.p95).toFixed(3)} |`,
		`| noise: off again − off (A/A) | ${sign(again.p50 - off.p50)} | ${sign(again.p95 - off.p95)} |`,
	];
}

export async function runCrossExecutionBench(options: { realOff: boolean }): Promise<void> {
	const benchStarted = performance.now();
	const N = 300;
	const scaled = { limit: 100, windowMs: 2000 };
	const real = { limit: 100, windowMs: 60_000 };
	const sim = await startSimulator({ host: '127.0.0.1', port: 0, rateLimit: scaled });
	const bursts: BurstResult[] = [];
	let loneSim: LoneResult;
	let sequential: Awaited<ReturnType<typeof sequentialOneGroup>>;
	try {
		console.log(
			`Cross-execution bench: RyzeAPI simulator ${sim.url} (in this process). Each execution: one item, one contact, add to Customers, Continue On Fail.`,
		);
		console.log(`${N} executions, started together unless said otherwise; a new simulator (a new Base URL, so a new lane) for each run.\n`);
		console.log(
			[
				pad('run', 64),
				pad('calls', 6),
				pad('429s', 5),
				pad('added', 6),
				pad('server', 7),
				pad('lost', 5),
				pad('wall s', 7),
				pad('p50 s', 7),
				pad('p95 s', 7),
				pad('max s', 7),
				'  failed',
			].join(' '),
		);
		// Warm-up (not shown): one burst each way under a limit that never binds, so the first measured run is not the one that pays for the JIT.
		for (const mode of ['on', 'off'] as const) await burst(N, mode, { limit: 1_000_000, windowMs: 60_000 }, false);
		for (const mode of ['on', 'off'] as const) {
			const result = await burst(N, mode, scaled, true);
			printBurst(result);
			bursts.push(result);
		}
		// The same, the executions arriving one every 10 ms (300 over 3 s) rather than in one tick: the
		// simulator answering at once (a call is rarely in flight when the next one arrives), then in 500 ms.
		for (const latencyMs of [0, 500]) {
			for (const mode of ['on', 'off'] as const) {
				const result = await burst(N, mode, scaled, true, { everyMs: 10, latencyMs });
				printBurst(result);
				bursts.push(result);
			}
		}
		// Few calls with combining on: they fit the first minute wherever it starts (reset() gives the token a full window).
		const realOn = await burst(N, 'on', real, false);
		printBurst(realOn);
		bursts.push(realOn);
		if (options.realOff) {
			console.log('  (combine off at 100/min: waiting for the next minute to start, then about a minute of pacing…)');
			const realOff = await burst(N, 'off', real, true);
			printBurst(realOff);
			bursts.push(realOff);
		}

		console.log('\nMeasuring lone executions against the simulator (rate limit raised to 1,000,000/min so that no pacing wait enters)…');
		loneSim = await withFreshSimulator({ limit: 1_000_000, windowMs: 60_000 }, 0, async (fresh) => await lone(fresh.url, LONE_SIM, 100));
		console.log(`Measuring ${SEQUENTIAL} executions one after the other into one group, combining on, then off…`);
		sequential = await withFreshSimulator(
			{ limit: 1_000_000, windowMs: 60_000 },
			0,
			async (fresh) => await sequentialOneGroup(fresh, SEQUENTIAL),
		);
	} finally {
		await sim.close();
	}
	const loneInProcess = await lone('http://127.0.0.1:9', LONE_IN_PROCESS, 500, answerAtOnce);

	const [scaledOn, scaledOff] = bursts;
	const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
	const lines = [
		`| executions | arrive | rate limit | Combine Across Executions | calls | 429s | added | failed | lost | wall s | floor s | p50 s per execution | p95 s per execution |`,
		'|---|---|---|---|---|---|---|---|---|---|---|---|---|',
		...bursts.map(burstRow),
		'',
		`At 100/2 s, off/on: ${ratio(scaledOff.calls, scaledOn.calls)} calls, ${ratio(scaledOff.wallMs, scaledOn.wallMs)} wall time, ${ratio(scaledOff.p95Ms, scaledOn.p95Ms)} p95 latency per execution.`,
		'',
		...loneTable(`Lone executions against the simulator, sequential, the three modes in turn, after 100 of each as warm-up`, loneSim, 'ms'),
		'',
		...loneTable(`The same without sockets (a stand-in answers at once), after 500 of each as warm-up`, loneInProcess, 'µs'),
		'',
		`${SEQUENTIAL} executions one after the other into the same group (each waits for the one before), against the simulator:`,
		'',
		'| Combine Across Executions | calls | p50 ms per execution | max ms | total s |',
		'|---|---|---|---|---|',
		...(['on', 'off'] as const).map(
			(mode) =>
				`| ${mode} | ${sequential.calls[mode]} | ${percentile(sequential[mode], 0.5).toFixed(1)} | ${Math.max(...sequential[mode]).toFixed(1)} | ${seconds(sequential[mode].reduce((a, b) => a + b, 0))} |`,
		),
	];
	console.log('\nMarkdown (docs/benchmarks.md, "Concurrent executions in one process"):\n');
	for (const line of lines) console.log(line);
	for (const result of bursts) {
		if (result.added !== result.addedAtServer)
			console.log(
				`\nNOTE: ${result.limit} combine ${result.mode}: ${result.added} Success items but ${result.addedAtServer} contacts in the group at the simulator`,
			);
	}
	console.log(`\nCross-execution bench took ${seconds(performance.now() - benchStarted)} s.`);
}
