// An n8n user folder with our package, the sandbox credential and workflows in it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { installTarball } from '../lib/package.mjs';
import { SANDBOX_LOGIN } from '../lib/simulator.mjs';
import { n8nCli, freePort } from './cli.mjs';
import { SANDBOX_CREDENTIAL } from './config.mjs';

/** A fresh, empty user folder under the system's temp folder. */
export function freshUserFolder(prefix = 'ryzeapi-n8n-') {
	return mkdtempSync(join(tmpdir(), prefix));
}

/** The RyzeAPI credential of the sandbox, pointing at a running simulator. */
export function sandboxCredential(baseUrl) {
	return {
		...SANDBOX_CREDENTIAL,
		type: 'ryzeApi',
		data: { baseUrl, token: SANDBOX_LOGIN.token, instance: SANDBOX_LOGIN.instance },
	};
}

/**
 * `n8n import:credentials` with plain data: n8n encrypts it with the fixed
 * N8N_ENCRYPTION_KEY. Importing the same id again overwrites it.
 */
export async function importCredentials(userFolder, credentials) {
	const file = join(userFolder, 'import-credentials.json');
	writeFileSync(file, JSON.stringify(credentials, null, 2));
	await n8nCli(userFolder, ['import:credentials', `--input=${file}`], { brokerPort: await freePort() });
}

/** Workflow JSON files of a folder, parsed: [{file, workflow}]. */
export function readWorkflows(dir) {
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => ({ file: join(dir, name), workflow: JSON.parse(readFileSync(join(dir, name), 'utf8')) }));
}

/**
 * `n8n import:workflow --separate` of the given workflows (objects with fixed ids),
 * in one n8n process. Importing the same id again overwrites it.
 */
export async function importWorkflows(userFolder, workflows) {
	const dir = join(userFolder, 'import-workflows');
	mkdirSync(dir, { recursive: true });
	for (const workflow of workflows) {
		if (!workflow.id || workflow.id.length > 21 || !/\d/.test(workflow.id)) {
			throw new Error(`workflow "${workflow.name}" needs a fixed id of at most 21 characters with a digit (got ${workflow.id})`);
		}
		writeFileSync(join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
	}
	await n8nCli(userFolder, ['import:workflow', '--separate', `--input=${dir}`], { brokerPort: await freePort() });
}

/**
 * Prepares a user folder: our tarball as a community package, the sandbox
 * credential (baseUrl = the simulator) and the workflows.
 */
export async function prepareUserFolder({ userFolder, tarball, baseUrl, workflows, stages }) {
	const step = (name, fn) => (stages ? stages.run(name, fn) : fn());
	await step('install the tarball into the user folder', () => installTarball(tarball, userFolder));
	await step('n8n import:credentials', () => importCredentials(userFolder, [sandboxCredential(baseUrl)]));
	await step('n8n import:workflow', () => importWorkflows(userFolder, workflows));
	return userFolder;
}

/**
 * `n8n publish:workflow --id=<id>` for each id (one n8n process each: the command
 * takes one id). It logs "GOT ERROR" and still exits 0 when it fails, so that is checked.
 */
export async function publishWorkflows(userFolder, ids, cliOptions = {}) {
	for (const id of ids) {
		const result = await n8nCli(userFolder, ['publish:workflow', `--id=${id}`], {
			brokerPort: await freePort(),
			allowFailure: true,
			...cliOptions,
		});
		const output = `${result.stdout}\n${result.stderr}`;
		if (result.code !== 0 || /GOT ERROR/.test(output))
			throw new Error(`publish:workflow --id=${id} failed (${result.code}):\n${output.trim().split('\n').slice(-15).join('\n')}`);
	}
}
