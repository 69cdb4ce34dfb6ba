#!/usr/bin/env node
// Runs n8n's community package scanner offline, on what we would publish.
//
// `npx @n8n/scan-community-package <name>` only takes a published package (it reads
// npm provenance and downloads the GitHub source). Its lint engine, though, is an
// exported function: we call `analyzePackage` on both legs the scanner checks —
// the packed tarball (`**/*.js` + package.json) and the source
// (`SOURCE_FILE_PATTERNS`) — with the scanner's own config. Exit 1 on any error.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const SCANNER_VERSION = '0.32.0';
const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const home = process.env.RYZE_N8N_HOME ?? join(homedir(), '.cache', 'n8n-nodes-ryzeapi');
const scannerDir = join(home, `scanner-${SCANNER_VERSION}`);
const scannerModule = join(scannerDir, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');

const started = Date.now();
if (!existsSync(scannerModule)) {
	console.log(`Installing @n8n/scan-community-package@${SCANNER_VERSION} into ${scannerDir} …`);
	mkdirSync(scannerDir, { recursive: true });
	writeFileSync(
		join(scannerDir, 'package.json'),
		JSON.stringify({ private: true, dependencies: { '@n8n/scan-community-package': SCANNER_VERSION } }),
	);
	execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: scannerDir, stdio: 'inherit' });
}

const work = mkdtempSync(join(tmpdir(), 'ryze-scan-'));
try {
	execFileSync('npm', ['pack', '--pack-destination', work], { cwd: root, stdio: 'ignore' });
	const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
	const packageDir = join(work, 'package');
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);

	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scannerModule).href);
	const legs = [
		['packed tarball', await analyzePackage(packageDir, ['**/*.js', 'package.json'])],
		['source', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
	];
	let failed = false;
	for (const [name, result] of legs) {
		console.log(`scanner (${name}): ${result.passed ? 'passed' : `FAILED: ${result.message}`}`);
		if (!result.passed) {
			failed = true;
			if (result.details) console.log(result.details);
		}
	}
	console.log(`scanner took ${((Date.now() - started) / 1000).toFixed(1)} s`);
	process.exitCode = failed ? 1 : 0;
} finally {
	rmSync(work, { recursive: true, force: true });
}
