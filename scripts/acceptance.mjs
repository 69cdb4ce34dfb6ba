#!/usr/bin/env node
// `npm run test:acceptance`: acceptance in a real n8n and a real browser.
//
// Builds and packs the package once, makes sure the pinned n8n is installed (the
// first run installs it into the cache folder), then runs test/acceptance/*.test.mjs
// one file after the other with node's test runner. Every test file starts and
// stops its own simulator, n8n and browser. Prints each stage's time and ends with
//   acceptance: N passed, N failed[, N skipped]
// Exit code 1 when anything failed, or when nothing ran.
//
//   node scripts/acceptance.mjs [file filter…]   e.g. node scripts/acceptance.mjs headless
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

import { Stages, seconds } from './lib/stages.mjs';
import { PROJECT_ROOT } from './n8n/config.mjs';
import { ensureN8n } from './n8n/install.mjs';
import { build, pack } from './package.mjs';

const TEST_DIR = join(PROJECT_ROOT, 'test', 'acceptance');
const FILE_TIMEOUT_MS = 20 * 60 * 1000;

async function main() {
	const started = Date.now();
	const stages = new Stages('acceptance');
	const filters = process.argv.slice(2);
	const files = readdirSync(TEST_DIR)
		.filter((name) => name.endsWith('.test.mjs'))
		.filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
		// Headless first: it is the quicker check, and the browser may need apt-get.
		.sort((a, b) => Number(a.includes('browser')) - Number(b.includes('browser')) || a.localeCompare(b))
		.map((name) => join(TEST_DIR, name));
	if (files.length === 0) throw new Error(`no test file in ${TEST_DIR} matches ${filters.join(', ')}`);

	const packDir = mkdtempSync(join(tmpdir(), 'ryzeapi-pack-'));
	let counts = { passed: 0, failed: 0, skipped: 0 };
	try {
		const tarball = await stages.run('build and pack', async () => {
			await build();
			return pack(packDir);
		});
		await stages.run('n8n install (cached; the first run installs it)', () => ensureN8n());
		counts = await stages.run(`test files (${files.map((file) => file.slice(TEST_DIR.length + 1)).join(', ')})`, () =>
			runFiles(files, tarball),
		);
	} catch (error) {
		console.error(`[acceptance] ${error.message}`);
		counts.failed += 1;
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
	stages.print();
	const skipped = counts.skipped ? `, ${counts.skipped} skipped` : '';
	console.log(`[acceptance] took ${seconds(Date.now() - started)}; results and screenshots in test-results/acceptance/`);
	console.log(`acceptance: ${counts.passed} passed, ${counts.failed} failed${skipped}`);
	process.exitCode = counts.failed > 0 || counts.passed === 0 ? 1 : 0;
}

/** Runs the files one after the other; resolves the count of leaf tests. */
function runFiles(files, tarball) {
	process.env.RYZE_ACCEPTANCE_TARBALL = tarball; // the test files (child processes) inherit it
	const counts = { passed: 0, failed: 0, skipped: 0 };
	return new Promise((resolve, reject) => {
		const stream = run({ files, concurrency: 1, timeout: FILE_TIMEOUT_MS });
		stream.on('test:pass', (event) => {
			if (event.details?.type === 'suite') return;
			if (event.skip !== undefined || event.todo !== undefined) counts.skipped += 1;
			else counts.passed += 1;
		});
		stream.on('test:fail', (event) => {
			if (event.details?.type !== 'suite') counts.failed += 1;
		});
		const output = stream.compose(new spec());
		output.pipe(process.stdout, { end: false });
		output.on('end', () => resolve(counts));
		output.on('error', reject);
	});
}

main();
