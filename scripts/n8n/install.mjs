#!/usr/bin/env node
// Installs the pinned, real n8n into the cache folder (outside git), once.
//
//   npm run n8n:install            # or: node scripts/n8n/install.mjs [--force]
//
// Folder: $RYZE_N8N_HOME/n8n-<version> (default ~/.cache/n8n-nodes-ryzeapi/n8n-2.8.4).
// Skipped when that version is there and works (n8n answers --version, sqlite3 loads).
// Otherwise: `npm install --ignore-scripts` into a side folder, `npm rebuild sqlite3`
// (its only native module that n8n needs; there is no reachable prebuilt binary, so
// node-gyp compiles it against Node's own headers), check it, then move it into place.
// A half-finished install never looks finished. Prints what each step took.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { cleanNpmEnv, run } from '../lib/processes.mjs';
import { Stages, seconds } from '../lib/stages.mjs';
import { N8N_VERSION, RUNTIME_PACKAGE, n8nDir, n8nHome } from './config.mjs';

const MARKER = '.ryzeapi-install-ok';

/** Does the n8n in `dir` answer with the pinned version, and does its sqlite3 load? */
export async function n8nWorks(dir = n8nDir()) {
	const bin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	if (!existsSync(bin)) return { ok: false, why: `${bin} is missing` };
	const version = await run(process.execPath, [bin, '--version'], { cwd: dir, allowFailure: true, timeoutMs: 60000 });
	if (version.code !== 0 || version.stdout.trim() !== N8N_VERSION) {
		return { ok: false, why: `n8n --version said ${JSON.stringify(version.stdout.trim() || version.stderr.trim())}` };
	}
	const sqlite = await run(process.execPath, ['-e', "require('sqlite3')"], { cwd: dir, allowFailure: true, timeoutMs: 60000 });
	if (sqlite.code !== 0) return { ok: false, why: `sqlite3 does not load: ${sqlite.stderr.trim().split('\n')[0]}` };
	return { ok: true, why: '' };
}

/**
 * node-gyp needs Node's headers to build sqlite3, and cannot download them here.
 * When npm has no `nodedir` configured, point it at the running Node's own headers.
 */
function nodedirEnv() {
	if (process.env.npm_config_nodedir) return {};
	const prefix = join(dirname(process.execPath), '..');
	return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? { npm_config_nodedir: prefix } : {};
}

/** Makes sure the pinned n8n is installed; returns its folder. */
export async function ensureN8n({ force = false, quiet = false } = {}) {
	const stages = new Stages('n8n install');
	const dir = n8nDir();
	const say = (text) => !quiet && console.log(`[n8n install] ${text}`);
	if (!force && existsSync(dir)) {
		const started = Date.now();
		const check = await n8nWorks(dir);
		if (check.ok) {
			if (!existsSync(join(dir, MARKER))) writeFileSync(join(dir, MARKER), `${N8N_VERSION}\n`);
			say(`n8n ${N8N_VERSION} is already installed in ${dir} (checked in ${seconds(Date.now() - started)})`);
			return dir;
		}
		say(`n8n in ${dir} does not work (${check.why}); installing it again`);
	}

	const partial = `${dir}.partial`;
	const env = cleanNpmEnv(nodedirEnv());
	console.log(`[n8n install] installing n8n ${N8N_VERSION} into ${dir} (first run only; a few minutes)`);
	await stages.run('prepare folder', async () => {
		mkdirSync(n8nHome(), { recursive: true });
		rmSync(partial, { recursive: true, force: true });
		mkdirSync(partial, { recursive: true });
		writeFileSync(join(partial, 'package.json'), `${JSON.stringify(RUNTIME_PACKAGE, null, 2)}\n`);
	});
	// --ignore-scripts: some optional n8n dependencies download libraries in their
	// install scripts, which cannot work offline; n8n only needs sqlite3 built.
	await stages.run('npm install (--ignore-scripts)', () =>
		run('npm', ['install', '--prefix', partial, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: partial,
			env,
			echo: !quiet,
		}),
	);
	await stages.run('npm rebuild sqlite3', () =>
		run('npm', ['rebuild', 'sqlite3', '--prefix', partial, '--ignore-scripts=false', '--loglevel=error'], {
			cwd: partial,
			env,
			echo: !quiet,
		}),
	);
	await stages.run('check', async () => {
		const check = await n8nWorks(partial);
		if (!check.ok) throw new Error(`the fresh n8n install does not work: ${check.why}`);
		writeFileSync(join(partial, MARKER), `${N8N_VERSION}\n`);
	});
	await stages.run('move into place', async () => {
		rmSync(dir, { recursive: true, force: true });
		renameSync(partial, dir);
	});
	stages.print();
	return dir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const started = Date.now();
	ensureN8n({ force: process.argv.includes('--force') })
		.then((dir) => console.log(`[n8n install] n8n ${N8N_VERSION} ready in ${dir} (${seconds(Date.now() - started)})`))
		.catch((error) => {
			console.error(`[n8n install] failed: ${error.message}`);
			process.exit(1);
		});
}
