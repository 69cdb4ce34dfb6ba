#!/usr/bin/env node
// `npm run bench:burst`: a CRM's burst of webhooks (one contact each) against a real
// n8n (`n8n start`, regular mode; 2.8.4, or the runtime RYZE_N8N_RUNTIME names) and the
// RyzeAPI simulator at its real limit, 100 calls per 60 s per token. The figures the burst
// acceptance does not assert (they depend on how fast the machine takes in webhooks):
// participants calls, wall time and latencies. Prints a Markdown table of the variants:
//
//   node       the RyzeAPI node with its defaults
//   nodeSolo   the RyzeAPI node with Combine Across Executions off
//   http       n8n's HTTP Request node, Retry On Fail 5 tries × 5 s (what users build today)
//   tokens     the node with its defaults, half the burst through a second credential (another token)
//
//   node scripts/burst/bench.mjs [--n=300] [--only=node,http] [--no-align] [--timeout-ms=180000]
//
// Each variant starts at the beginning of a fresh rate-limit window (up to 60 s of
// waiting each, so that the numbers do not depend on the second it started; --no-align
// skips it). A variant takes up to --timeout-ms. Results (every answer, every call) go
// to test-results/burst/bench/.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import { stopChildrenOnSignals } from '../lib/processes.mjs';
import { seconds } from '../lib/stages.mjs';
import { runtimeLabel } from '../n8n/config.mjs';
import { startBurstRig } from './harness.mjs';
import { comparisonLines, markdownTable } from './measure.mjs';
import { WORKFLOWS } from './workflows.mjs';

const args = Object.fromEntries(
	process.argv.slice(2).map((arg) => {
		const [key, value] = arg.replace(/^--/, '').split('=');
		return [key, value ?? true];
	}),
);
const N = Number(args.n ?? 300);
const VARIANTS = {
	node: { label: 'RyzeAPI node, defaults', targets: [{ key: 'node', count: N }] },
	nodeSolo: { label: 'RyzeAPI node, Combine Across Executions off', targets: [{ key: 'nodeSolo', count: N }] },
	http: { label: 'HTTP Request, Retry On Fail 5 × 5 s', targets: [{ key: 'http', count: N }] },
	tokens: {
		label: 'RyzeAPI node, defaults, two tokens (half each)',
		targets: [
			{ key: 'node', count: Math.ceil(N / 2) },
			{ key: 'nodeTokenB', count: Math.floor(N / 2) },
		],
	},
};
const chosen = args.only ? String(args.only).split(',') : Object.keys(VARIANTS);
for (const name of chosen) if (!VARIANTS[name]) throw new Error(`unknown variant ${name}; known: ${Object.keys(VARIANTS).join(', ')}`);

async function main() {
	const started = Date.now();
	stopChildrenOnSignals();
	const keys = [...new Set(chosen.flatMap((name) => VARIANTS[name].targets.map((target) => target.key)))];
	const load = loadavg()[0].toFixed(2);
	const rig = await startBurstRig({ label: 'bench', keys });
	const results = [];
	try {
		for (const name of chosen) {
			const variant = VARIANTS[name];
			const summary = await rig.stages.run(`burst: ${variant.label}`, () =>
				rig.runBurst(variant.targets, { name, align: !args['no-align'], timeoutMs: Number(args['timeout-ms'] ?? 180000) }),
			);
			results.push({ name, label: variant.label, summary });
			console.log(markdownTable([{ label: variant.label, summary }]));
			if (summary.examples.lost.length)
				console.log(
					`  lost, e.g.: ${JSON.stringify(summary.examples.lost.map(({ phone, kind, status, text, error }) => ({ phone, kind, status, text, error })))}`,
				);
		}
	} finally {
		await rig.stop();
	}
	rig.stages.print();
	writeFileSync(join(rig.artifacts, 'results.json'), JSON.stringify(results, null, 1));
	console.log(`\nWebhook burst: ${N} webhooks at once, one contact each, into one group; simulator limit 100 calls / 60 s per token.`);
	console.log(
		`${new Date().toISOString().slice(0, 10)}, ${runtimeLabel()}; machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${load} when it started.`,
	);
	console.log(
		`Workflows: ${[...new Set(results.flatMap((result) => VARIANTS[result.name].targets.map((target) => WORKFLOWS[target.key].id)))].join(', ')}.`,
	);
	console.log(
		"Latencies from the moment the burst was sent; lost = no definite success/failure answer for the contact (execution error, timeout, or another contact's answer).\n",
	);
	console.log(markdownTable(results));
	const comparisons = comparisonLines(
		results.filter((result) => result.name !== 'tokens'),
		'http',
	);
	if (comparisons.length)
		console.log(`\nAgainst the HTTP Request baseline (one token):\n${comparisons.map((line) => `- ${line}`).join('\n')}`);
	console.log(`\n[bench:burst] took ${seconds(Date.now() - started)}; details in ${rig.artifacts}`);
}

main().catch((error) => {
	console.error(`[bench:burst] failed: ${error.stack ?? error.message}`);
	process.exit(1);
});
