// `npm run cloud-support`: n8n's own eligibility check (`n8n-node cloud-support`), made to fail.
// The command prints the status and exits 0 either way; this fails unless it says "eligible"
// (strict mode on in package.json, eslint.config.mjs exactly n8n's template). Lint itself is
// `npm run lint` (`n8n-node lint`).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../node_modules/.bin/n8n-node', import.meta.url));
const run = spawnSync(bin, ['cloud-support'], {
	cwd: root,
	encoding: 'utf8',
	stdio: ['ignore', 'pipe', 'pipe'],
	env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
});
const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const text = `${run.stdout ?? ''}${run.stderr ?? ''}`.replace(ansi, '');
process.stdout.write(text);
const eligible = /Status: eligible for n8n Cloud verification/.test(text) && !/NOT eligible/.test(text);
if (run.status !== 0 || !eligible) {
	console.error('n8n-node cloud-support: NOT eligible (see above)');
	process.exit(1);
}
console.log('n8n-node cloud-support: eligible');
