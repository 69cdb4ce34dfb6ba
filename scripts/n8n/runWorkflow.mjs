// Runs imported workflows headless, the two ways n8n 2.x offers (there is no
// `execute --file` any more): `n8n execute --id` (one workflow, run data printed
// also when it fails) and `n8n execute-batch` (several workflows in one process,
// run data written as snapshots for the successful ones).
import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { n8nCli, freePort } from './cli.mjs';
import { extractRun, logMessages } from './extractRun.mjs';

/**
 * `n8n execute --id <id>` with JSON logs. Resolves {code, run, stdout, stderr,
 * messages}: `run` is the IRun (null if n8n printed none).
 */
export async function executeWorkflow(userFolder, id, { logDir } = {}) {
	const result = await n8nCli(userFolder, ['execute', `--id=${id}`, '--rawOutput'], {
		brokerPort: await freePort(),
		jsonLogs: true,
		allowFailure: true,
	});
	if (logDir) saveLogs(logDir, `execute-${id}`, result);
	return { ...result, run: extractRun(result.stdout), messages: logMessages(result.stdout + result.stderr) };
}

/**
 * `n8n execute-batch` of several workflows in one process, one after the other,
 * never retried (a retry would call the API twice). Resolves {code, summary,
 * runs: {id: IRun}} — runs only for the workflows that succeeded.
 */
export async function executeBatch(userFolder, ids, { dir }) {
	const snapshots = join(dir, 'snapshots');
	mkdirSync(snapshots, { recursive: true });
	const summaryFile = join(dir, 'summary.json');
	const result = await n8nCli(
		userFolder,
		['execute-batch', `--ids=${ids.join(',')}`, '--retries=0', '--concurrency=1', `--snapshot=${snapshots}`, `--output=${summaryFile}`],
		{ brokerPort: await freePort(), allowFailure: true },
	);
	saveLogs(dir, 'execute-batch', result);
	const summary = existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : null;
	const runs = {};
	for (const id of ids) {
		const file = join(snapshots, `${id}-snapshot.json`);
		if (existsSync(file)) runs[id] = JSON.parse(readFileSync(file, 'utf8'));
	}
	return { ...result, summary, runs };
}

function saveLogs(dir, name, { stdout, stderr }) {
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, `${name}.stdout.log`), stdout);
	writeFileSync(join(dir, `${name}.stderr.log`), stderr);
}
