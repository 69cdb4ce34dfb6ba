// Our package, as users get it: build, pack, and install the tarball into an n8n
// user folder the way n8n installs a community package.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { PROJECT_ROOT } from './paths.mjs';
import { cleanNpmEnv, run } from './processes.mjs';

export const PACKAGE_NAME = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).name;

/** `npm run build` (dist/) and `npm run build:tools` (the simulator CLI). */
export async function build() {
	const env = cleanNpmEnv();
	await run('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT, env });
	await run('npm', ['run', '--silent', 'build:tools'], { cwd: PROJECT_ROOT, env });
}

/** `npm pack` into `outDir`; returns the tarball's path. */
export async function pack(outDir) {
	mkdirSync(outDir, { recursive: true });
	const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', outDir], {
		cwd: PROJECT_ROOT,
		env: cleanNpmEnv(),
	});
	const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf('[')));
	return join(outDir, filename);
}

/**
 * What n8n does for a community package: unpack it into
 * `<userFolder>/.n8n/nodes/node_modules/<name>`, drop the dev, peer and optional
 * dependencies from its package.json, install its production dependencies (ours has
 * none), and list it in `<userFolder>/.n8n/nodes/package.json`. n8n scans that
 * folder on every start, so no database row is needed.
 */
export async function installTarball(tarball, userFolder) {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', PACKAGE_NAME);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	await run('tar', ['-xzf', tarball, '--strip-components=1', '-C', target]);
	const manifestPath = join(target, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	if (Object.keys(manifest.dependencies ?? {}).length > 0) {
		await run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock'], {
			cwd: target,
			env: cleanNpmEnv(),
		});
	}
	const listPath = join(nodesDir, 'package.json');
	const list = existsSync(listPath) ? JSON.parse(readFileSync(listPath, 'utf8')) : { name: 'installed-nodes', private: true };
	list.dependencies = { ...(list.dependencies ?? {}), [manifest.name]: manifest.version };
	writeFileSync(listPath, JSON.stringify(list, null, 2));
	return { target, version: manifest.version };
}
