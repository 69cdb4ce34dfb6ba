#!/usr/bin/env node
// `npm start`: the offline sandbox. Builds and packs the package, starts the RyzeAPI
// simulator on 127.0.0.1, installs the pinned n8n (first run only, into the cache
// folder), installs our tarball into .sandbox/.n8n/nodes the way n8n installs a
// community package, imports the sandbox credential and the example workflows,
// starts n8n behind a Host guard, creates the owner account (a random password per
// .sandbox/, kept in .sandbox/owner-password, mode 600) and prints the editor's URL
// and the login. Ctrl-C stops everything it started.
//
// Security (test/simulator/README.md, "Sandbox security"): everything under .sandbox/
// is the owner's only (700/600, and a 077 umask for what n8n writes); n8n listens on
// a free loopback port, and the editor's port is a proxy that refuses any request
// whose Host is not 127.0.0.1:<port> or localhost:<port> (DNS rebinding).
//
//   npm start                 # n8n on 127.0.0.1:5678, simulator on 127.0.0.1:5690
//   npm start -- --fresh      # forget .sandbox/ (n8n's database, executions) first
//
// Environment: RYZE_N8N_PORT (5678), RYZE_SIMULATOR_PORT (5690), RYZE_N8N_HOME (the
// n8n cache folder, default ~/.cache/n8n-nodes-ryzeapi), RYZE_SANDBOX_DIR (.sandbox).
// RYZE_START_EXIT_WHEN_READY=1 stops everything once ready (for tests).
import { mkdirSync, rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startHostGuard } from './lib/hostGuard.mjs';
import { build, pack } from './lib/package.mjs';
import { PROJECT_ROOT } from './lib/paths.mjs';
import { stopAll } from './lib/processes.mjs';
import { lockDown, sandboxPassword } from './lib/sandboxSecurity.mjs';
import { SANDBOX_LOGIN, startSimulator } from './lib/simulator.mjs';
import { Stages, seconds } from './lib/stages.mjs';
import { freePort } from './n8n/cli.mjs';
import { OWNER, SANDBOX_CREDENTIAL, n8nDir } from './n8n/config.mjs';
import { ensureN8n } from './n8n/install.mjs';
import { changePassword, setUpOwner, startN8n } from './n8n/server.mjs';
import { prepareUserFolder, publishWorkflows, readWorkflows } from './n8n/userFolder.mjs';

const SANDBOX_DIR = process.env.RYZE_SANDBOX_DIR || join(PROJECT_ROOT, '.sandbox');
const LOG_DIR = join(SANDBOX_DIR, 'logs');
const n8nPort = Number(process.env.RYZE_N8N_PORT || 5678);
const simulatorPort = Number(process.env.RYZE_SIMULATOR_PORT || 5690);

let stopping = false;
let sim;
let n8n;
let guard;

async function shutdown(code, why) {
	if (stopping) return;
	stopping = true;
	if (why) console.log(`\n${why}`);
	console.log('Stopping n8n and the simulator …');
	await Promise.allSettled([guard?.stop(), n8n?.stop(), sim?.stop()]);
	await stopAll();
	console.log('Stopped.');
	process.exit(code);
}

process.on('SIGINT', () => shutdown(0, 'Ctrl-C received.'));
process.on('SIGTERM', () => shutdown(0, 'SIGTERM received.'));

function tail(file, lines = 20) {
	try {
		return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

async function main() {
	const started = Date.now();
	const stages = new Stages('start');
	if (process.argv.includes('--fresh')) {
		console.log(`[start] --fresh: removing ${SANDBOX_DIR}`);
		rmSync(SANDBOX_DIR, { recursive: true, force: true });
	}
	mkdirSync(LOG_DIR, { recursive: true });
	lockDown(SANDBOX_DIR);
	const secret = sandboxPassword(SANDBOX_DIR);
	const owner = { ...OWNER, password: secret.password };

	const tarball = await stages.run('build and pack', async () => {
		await build();
		return pack(join(SANDBOX_DIR, 'package'));
	});
	await stages.run('n8n install (first run only)', () => ensureN8n());
	// From here on, whatever this process, n8n and the simulator write is the owner's only
	// (after the build, the pack and the n8n install, whose files keep their usual modes).
	process.umask(0o077);
	sim = await stages.run('start the RyzeAPI simulator', () =>
		startSimulator({ port: simulatorPort, logFile: join(LOG_DIR, 'simulator.log') }).catch((error) => {
			throw new Error(`${error.message}\nIs port ${simulatorPort} in use? Set RYZE_SIMULATOR_PORT to another port.`);
		}),
	);
	const examples = readWorkflows(join(PROJECT_ROOT, 'examples')).map(({ workflow }) => workflow);
	await prepareUserFolder({ userFolder: SANDBOX_DIR, tarball, baseUrl: sim.url, workflows: examples, stages });
	// The welcome trigger is active: the people the CRM example adds start it (docs/triggers.md).
	const ACTIVE_EXAMPLES = ['ryzeExTrigWelcome1'];
	await stages.run('n8n publish:workflow (the welcome trigger)', () => publishWorkflows(SANDBOX_DIR, ACTIVE_EXAMPLES));
	lockDown(SANDBOX_DIR);
	// The Host guard takes the editor's port first, so that a port in use fails before n8n starts.
	const n8nInternalPort = await freePort();
	guard = await stages.run('start the Host guard', () =>
		startHostGuard({ port: n8nPort, targetPort: n8nInternalPort }).catch((error) => {
			throw new Error(`${error.message}\nIs port ${n8nPort} in use? Set RYZE_N8N_PORT to another port.`);
		}),
	);
	n8n = await stages.run('start n8n (until the editor answers)', async () =>
		startN8n({
			userFolder: SANDBOX_DIR,
			port: n8nInternalPort,
			publicPort: n8nPort,
			brokerPort: await freePort(),
			logFile: join(LOG_DIR, 'n8n.log'),
			// The files are 600 already; n8n keeps its settings file so.
			extraEnv: { N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true' },
		}),
	);
	const account = await stages.run('owner account', () => ownerAccount(guard.url, owner, secret.created));
	lockDown(SANDBOX_DIR);
	stages.print();

	const url = guard.url;
	console.log(`
RyzeAPI sandbox is ready (took ${seconds(Date.now() - started)}).

  n8n editor   ${url}
  login        ${owner.email} / ${owner.password}${account === 'created' || account === 'existing' || account === 'migrated' ? '' : `   (${account})`}
               (random for this .sandbox/, kept in ${secret.file}, mode 600)

  Example workflows (hover a "Try it" trigger and click its Execute workflow button):
${examples.map((workflow) => `    ${url}/workflow/${workflow.id}   ${workflow.name.replace(/^RyzeAPI example: /, '')}`).join('\n')}

  Triggers     "welcome and log new members" is active: run the CRM example, then see its run in
               ${url}/home/executions (docs/triggers.md)
  Credential   "${SANDBOX_CREDENTIAL.name}": ${sim.url}, token ${SANDBOX_LOGIN.token}, instance ${SANDBOX_LOGIN.instance}
  Simulator    ${sim.url}  (state: GET ${sim.url}/__sim/state, re-seed: POST ${sim.url}/__sim/reset)
  Webhook      after clicking the CRM example's webhook trigger:
               curl -X POST ${url}/webhook-test/ryzeapi-crm-contact -H 'content-type: application/json' -d '{"name":"Ana","phone":"+55 11 95555-0001"}'

  n8n data in ${SANDBOX_DIR} (npm start -- --fresh forgets it), n8n ${n8nDir()}
  logs in ${LOG_DIR}

Press Ctrl-C to stop n8n and the simulator.`);
	if (process.env.RYZE_START_EXIT_WHEN_READY === '1') return shutdown(0, 'RYZE_START_EXIT_WHEN_READY=1: ready, stopping.');

	// Keep running until Ctrl-C; if either process dies, say so and stop the other.
	const died = (name, proc, log) =>
		new Promise((resolve) => proc.child.once('exit', (code, signal) => resolve({ name, code, signal, log })));
	const gone = await Promise.race([
		died('n8n', n8n.process, join(LOG_DIR, 'n8n.log')),
		died('the simulator', sim.process, join(LOG_DIR, 'simulator.log')),
	]);
	if (!stopping) {
		console.error(`\n${gone.name} stopped on its own (${gone.signal ?? `exit ${gone.code}`}). Its log ends with:\n${tail(gone.log)}`);
		await shutdown(1);
	}
}

/**
 * The owner account with this sandbox's password: created on a fresh database; on a
 * .sandbox/ made before the password was random (its owner has the published
 * password), the password is changed to the new random one.
 */
async function ownerAccount(url, owner, passwordIsNew) {
	try {
		return await setUpOwner(url, owner);
	} catch (error) {
		if (!passwordIsNew) return `could not log in (${error.message.split('\n')[0]})`;
		try {
			await changePassword(url, OWNER, owner.password);
			return 'migrated';
		} catch {
			return `could not log in (${error.message.split('\n')[0]}); npm start -- --fresh starts over`;
		}
	}
}

main().catch(async (error) => {
	console.error(`\n[start] failed: ${error.message}`);
	await shutdown(1);
});
