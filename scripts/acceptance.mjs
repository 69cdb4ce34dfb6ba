#!/usr/bin/env node
// `npm run test:acceptance`: acceptance in a real n8n and a real browser, on every
// n8n runtime of scripts/n8n/config.mjs (n8n 2.8.4 on the system Node 20, n8n
// 2.41.1 on Node 24 from npm).
//
// Builds and packs the package once; then, runtime after runtime, makes sure that
// runtime is installed (the first run installs it into the cache folder) and runs
// test/acceptance/*.test.mjs one file after the other with node's test runner, with
// RYZE_N8N_RUNTIME set to the runtime's id: every test file starts and stops its own
// simulator, n8n (that runtime's, run by its own Node) and browser. Prints each
// stage's time, one result line per runtime, and ends with the total
//   acceptance: N passed, N failed[, N skipped][, N todo]
// (a todo test that fails is a known failure, written down in the test: not counted as failed).
// Exit code 1 when anything failed, or when nothing ran.
//
//   node scripts/acceptance.mjs [--runtime=<id>]… [file filter…]
//   e.g. node scripts/acceptance.mjs headless
//        node scripts/acceptance.mjs --runtime=n8n-2.41.1 browser
// RYZE_N8N_RUNTIME=<id> (or n8n version) in the environment also picks one runtime.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

import { build, pack } from './lib/package.mjs';
import { PROJECT_ROOT } from './lib/paths.mjs';
import { Stages, seconds } from './lib/stages.mjs';
import { RUNTIMES, findRuntime, runtimeLabel } from './n8n/config.mjs';
import { ensureN8n, runtimesFromArgs } from './n8n/install.mjs';

const TEST_DIR = join(PROJECT_ROOT, 'test', 'acceptance');
/** Where each test file writes its logs and screenshots (test/acceptance/harness.mjs: <label>/). */
const RESULTS_DIR = join(PROJECT_ROOT, 'test-results', 'acceptance');
const FILE_TIMEOUT_MS = 20 * 60 * 1000;

async function main() {
	const started = Date.now();
	const stages = new Stages('acceptance');
	const args = process.argv.slice(2);
	const runtimes = runtimesFromArgs(args, process.env.RYZE_N8N_RUNTIME ? [findRuntime(process.env.RYZE_N8N_RUNTIME)] : RUNTIMES);
	const filters = args.filter((arg, index) => !arg.startsWith('--runtime') && args[index - 1] !== '--runtime');
	const files = readdirSync(TEST_DIR)
		.filter((name) => name.endsWith('.test.mjs'))
		.filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
		// Headless first: it is the quicker check, and the browser may need apt-get.
		.sort((a, b) => Number(a.includes('browser')) - Number(b.includes('browser')) || a.localeCompare(b))
		.map((name) => join(TEST_DIR, name));
	if (files.length === 0) throw new Error(`no test file in ${TEST_DIR} matches ${filters.join(', ')}`);
	const fileNames = files.map((file) => file.slice(TEST_DIR.length + 1)).join(', ');

	const packDir = mkdtempSync(join(tmpdir(), 'ryzeapi-pack-'));
	const total = { passed: 0, failed: 0, skipped: 0, todo: 0 };
	const perRuntime = [];
	try {
		const tarball = await stages.run('build and pack', async () => {
			await build();
			return pack(packDir);
		});
		for (const runtime of runtimes) {
			const label = runtimeLabel(runtime);
			const runtimeStarted = Date.now();
			let counts = { passed: 0, failed: 0, skipped: 0, todo: 0 };
			try {
				await stages.run(`${label}: install (cached; the first run installs it)`, () => ensureN8n({ runtime }));
				counts = await stages.run(`${label}: test files (${fileNames})`, () => runFiles(files, tarball, runtime));
			} catch (error) {
				console.error(`[acceptance] ${label}: ${error.message}`);
				counts.failed += 1;
			} finally {
				keepResults(runtime, files);
			}
			perRuntime.push({ label, counts, ms: Date.now() - runtimeStarted });
			for (const key of Object.keys(total)) total[key] += counts[key];
		}
	} catch (error) {
		console.error(`[acceptance] ${error.message}`);
		total.failed += 1;
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
	stages.print();
	console.log(
		`[acceptance] took ${seconds(Date.now() - started)}; results and screenshots in test-results/acceptance/<runtime>/ (${runtimes.map((runtime) => runtime.id).join(', ')})`,
	);
	for (const { label, counts, ms } of perRuntime) console.log(`acceptance on ${label}: ${summary(counts)} (${seconds(ms)})`);
	console.log(`acceptance: ${summary(total)}`);
	process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
}

/**
 * Moves what the test files of one runtime wrote into test-results/acceptance/<runtime
 * id>/, so that the next runtime's run does not overwrite it. A test file writes to
 * test-results/acceptance/<label>/, its label being its name (headless.test.mjs: headless).
 */
function keepResults(runtime, files) {
	const target = join(RESULTS_DIR, runtime.id);
	for (const file of files) {
		const label = basename(file, '.test.mjs');
		if (!existsSync(join(RESULTS_DIR, label))) continue;
		mkdirSync(target, { recursive: true });
		rmSync(join(target, label), { recursive: true, force: true });
		renameSync(join(RESULTS_DIR, label), join(target, label));
	}
}

function summary({ passed, failed, skipped, todo }) {
	return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${todo ? `, ${todo} todo (known failures)` : ''}`;
}

/** Runs the files one after the other on one runtime; resolves the count of leaf tests. */
function runFiles(files, tarball, runtime) {
	// The test files (child processes) inherit both: our tarball, and which n8n scripts/n8n/* runs.
	process.env.RYZE_ACCEPTANCE_TARBALL = tarball;
	process.env.RYZE_N8N_RUNTIME = runtime.id;
	const counts = { passed: 0, failed: 0, skipped: 0, todo: 0 };
	return new Promise((resolve, reject) => {
		const stream = run({ files, concurrency: 1, timeout: FILE_TIMEOUT_MS });
		stream.on('test:pass', (event) => {
			if (event.details?.type === 'suite') return;
			if (event.skip !== undefined || event.todo !== undefined) counts.skipped += 1;
			else counts.passed += 1;
		});
		stream.on('test:fail', (event) => {
			if (event.details?.type === 'suite') return;
			if (event.todo !== undefined) counts.todo += 1;
			else counts.failed += 1;
		});
		const output = stream.compose(new spec());
		output.pipe(process.stdout, { end: false });
		output.on('end', () => resolve(counts));
		output.on('error', reject);
	});
}

main();
