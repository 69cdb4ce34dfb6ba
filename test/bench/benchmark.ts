/* eslint-disable no-console, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * `npm run bench`: the node against one-call-per-item, under RyzeAPI's rate limit
 * scaled down to 100 calls per 2 s so the whole run takes seconds, plus the
 * in-process overhead per participant. Prints ratios; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { startSimulator, type RunningSimulator } from '../simulator';
import { runCrossExecutionBench } from './crossExecution';
import { runPerItem, runRyzeNode, type RunResult, type Workload } from './workload';

const LIMIT = 100;
const WINDOW_MS = 2000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Start each run at the beginning of a rate-limit window, with a clean simulator. */
async function freshWindow(sim: RunningSimulator): Promise<void> {
	sim.reset();
	sim.configure({ rateLimit: { limit: LIMIT, windowMs: WINDOW_MS } });
	await sleep(WINDOW_MS - (Date.now() % WINDOW_MS) + 5);
}

/** The least wall time the limit allows: one window change for every full window of calls after the first. */
function floorMs(calls: number): number {
	return (Math.ceil(calls / LIMIT) - 1) * WINDOW_MS;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const pad = (text: string | number, width: number) => String(text).padStart(width);

function row(label: string, result: RunResult): string {
	const windows = Math.ceil(result.calls / LIMIT);
	const floor = floorMs(result.calls);
	const vsFloor = floor === 0 ? 'fits 1 window' : `${(result.wallMs / floor).toFixed(2)}× floor`;
	return [
		pad(label, 26),
		pad(result.calls, 6),
		pad(result.rateLimited, 6),
		pad(result.succeeded, 10),
		pad(seconds(result.wallMs), 8),
		pad(windows, 8),
		pad(seconds(floor), 8),
		pad(`+${seconds(Math.max(0, result.wallMs - floor))}`, 9),
		`  ${vsFloor}`,
	].join(' ');
}

async function main(): Promise<void> {
	// `--cross` (npm run bench:cross): concurrent executions on one token instead; see crossExecution.ts.
	if (process.argv.includes('--cross')) return await runCrossExecutionBench({ realOff: !process.argv.includes('--skip-real-off') });
	const sim = await startSimulator({ host: '127.0.0.1', port: 0, rateLimit: { limit: LIMIT, windowMs: WINDOW_MS } });
	try {
		console.log(`RyzeAPI simulator ${sim.url}, rate limit ${LIMIT} calls per ${WINDOW_MS / 1000} s (RyzeAPI: 100 per 60 s)\n`);
		const header = [
			pad('run', 26),
			pad('calls', 6),
			pad('429s', 6),
			pad('succeeded', 10),
			pad('wall s', 8),
			pad('windows', 8),
			pad('floor s', 8),
			pad('over', 9),
			'  vs floor',
		].join(' ');
		const workloads: Workload[] = [];
		for (const items of [100, 500, 2000]) for (const groups of [1, 5]) workloads.push({ items, groups });
		const summary: string[] = [];
		for (const workload of workloads) {
			console.log(`${workload.items} single-participant items into ${workload.groups} group${workload.groups > 1 ? 's' : ''}`);
			console.log(header);
			await freshWindow(sim);
			const perItem = await runPerItem(sim, workload);
			console.log(row('(a) one call per item', perItem));
			await freshWindow(sim);
			const node = await runRyzeNode(sim, workload);
			console.log(row('(b) RyzeAPI node, defaults', node));
			const callRatio = perItem.calls / node.calls;
			const wallRatio = perItem.wallMs / node.wallMs;
			console.log(
				`    ratios a/b: ${callRatio.toFixed(1)}× calls, ${wallRatio.toFixed(1)}× wall time; succeeded ${perItem.succeeded} vs ${node.succeeded}\n`,
			);
			summary.push(
				`| ${workload.items} | ${workload.groups} | ${perItem.calls} | ${perItem.rateLimited} | ${perItem.succeeded} | ${seconds(perItem.wallMs)} | ${node.calls} | ${node.rateLimited} | ${node.succeeded} | ${seconds(node.wallMs)} | ${callRatio.toFixed(0)}× |`,
			);
		}

		console.log('Pacing alone: 500 items, one call per item (Combine Items off), paced by the node');
		console.log(header);
		await freshWindow(sim);
		const paced = await runRyzeNode(sim, { items: 500, groups: 1 }, { batching: { batch: { combineItems: false } } });
		console.log(row('(c) node, combining off', paced));
		console.log('');

		console.log('Markdown (docs/benchmarks.md, "Large lists"):');
		console.log(
			'| items | groups | (a) calls | (a) 429s | (a) succeeded | (a) wall s | (b) calls | (b) 429s | (b) succeeded | (b) wall s | calls a/b |',
		);
		console.log('|---|---|---|---|---|---|---|---|---|---|---|');
		for (const line of summary) console.log(line);
		console.log(
			`| 500 | 1 | (c) combining off: ${paced.calls} calls | ${paced.rateLimited} | ${paced.succeeded} | ${seconds(paced.wallMs)} s vs floor ${seconds(floorMs(paced.calls))} s | | | | | |`,
		);
	} finally {
		await sim.close();
	}

	console.log('\nIn-process overhead (a stand-in answers at once; best of 5 after a 20k-participant warm-up; fresh process per size):');
	console.log(`${pad('participants', 13)} ${pad('ms', 9)} ${pad('µs/participant', 15)} ${pad('peak RSS MB', 12)}`);
	const perSize: number[] = [];
	for (const size of [1000, 10_000, 100_000]) {
		const output = execFileSync(process.execPath, [join(__dirname, 'overhead.js'), String(size)], { encoding: 'utf8' });
		const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as {
			participants: number;
			ms: number;
			usPerParticipant: number;
			maxRssMB: number;
		};
		perSize.push(result.usPerParticipant);
		console.log(
			`${pad(result.participants, 13)} ${pad(result.ms.toFixed(1), 9)} ${pad(result.usPerParticipant.toFixed(2), 15)} ${pad(result.maxRssMB.toFixed(0), 12)}`,
		);
	}
	console.log(`µs per participant at 100k / at 1k: ${(perSize[2] / perSize[0]).toFixed(2)} (1.00 = exactly linear)`);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
