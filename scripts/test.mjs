// `npm test`: the fast tests, the slow tests and the real-n8n acceptance, in that order,
// each timed (`::: <part> took N s`, like .ci/run's stages) so CI's log shows what each
// part costs (the fast tests: under 30 s on a 2-core machine). Stops at the first part
// that fails, with its exit code.
import { spawnSync } from 'node:child_process';

const PARTS = [
	['fast tests', 'test:fast'],
	['slow tests', 'test:slow'],
	['acceptance, both runtimes, headless and browser', 'test:acceptance'],
];

for (const [name, script] of PARTS) {
	const started = Date.now();
	console.log(`::: ${name} (npm run ${script})`);
	const run = spawnSync('npm', ['run', script], { stdio: 'inherit' });
	console.log(`::: ${name} (npm run ${script}) took ${Math.round((Date.now() - started) / 1000)} s`);
	if (run.status !== 0) process.exit(run.status ?? 1);
}
