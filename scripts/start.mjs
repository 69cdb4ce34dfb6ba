#!/usr/bin/env node
// `npm start`: the offline sandbox. Builds and packs the package, starts the RyzeAPI
// simulator on 127.0.0.1, installs the pinned n8n (first run only, into the cache
// folder), installs our tarball into .sandbox/.n8n/nodes the way n8n installs a
// community package, imports the sandbox credential and the example workflows,
// writes the owner account into n8n's database (a random password per .sandbox/, kept
// in .sandbox/owner-password, mode 600), starts n8n and prints the editor's URL and the
// login. Ctrl-C stops everything it started.
//
// Security (CONTRIBUTING.md, "Sandbox"):
// - everything under .sandbox/ is the owner's only (700/600, and a 077 umask for what n8n writes);
// - the owner exists before n8n accepts its first connection (scripts/n8n/owner.mjs), so
//   nobody can claim it through POST /rest/owner/setup; a database whose owner is not the
//   sandbox's own account (another email, another password) is refused: npm start stops
//   with exit code 1 and removes .sandbox/, as it does when the owner's login is refused;
// - every port of the sandbox (the editor, n8n's task broker, the simulator) refuses a
//   request whose Host is not 127.0.0.1:<port> or localhost:<port> (DNS rebinding): n8n and
//   the simulator run with scripts/lib/hostGuard.mjs loaded, and npm start checks every
//   port they listen on before it says ready.
//
//   npm start                 # n8n on 127.0.0.1:5678, simulator on 127.0.0.1:5690
//   npm start -- --fresh      # forget .sandbox/ (n8n's database, executions) first
//
// Environment: RYZE_N8N_PORT (5678), RYZE_SIMULATOR_PORT (5690), RYZE_N8N_HOME (the
// n8n cache folder, default ~/.cache/n8n-nodes-ryzeapi), RYZE_SANDBOX_DIR (.sandbox).
// RYZE_START_EXIT_WHEN_READY=1 stops everything once ready (for tests).
import { mkdirSync, rmSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { hostGuardNodeArgs } from './lib/hostGuard.mjs';
import { canListPorts, listeningPorts } from './lib/listeningPorts.mjs';
import { build, pack } from './lib/package.mjs';
import { PROJECT_ROOT } from './lib/paths.mjs';
import { stopAll } from './lib/processes.mjs';
import { lockDown, sandboxPassword } from './lib/sandboxSecurity.mjs';
import { SANDBOX_LOGIN, startSimulator } from './lib/simulator.mjs';
import { Stages, seconds } from './lib/stages.mjs';
import { freePort } from './n8n/cli.mjs';
import { OWNER, SANDBOX_CREDENTIAL, n8nDir } from './n8n/config.mjs';
import { ensureN8n } from './n8n/install.mjs';
import { ensureOwner } from './n8n/owner.mjs';
import { login, startN8n } from './n8n/server.mjs';
import { prepareUserFolder, publishWorkflows, readWorkflows } from './n8n/userFolder.mjs';

const SANDBOX_DIR = process.env.RYZE_SANDBOX_DIR || join(PROJECT_ROOT, '.sandbox');
const LOG_DIR = join(SANDBOX_DIR, 'logs');
const n8nPort = Number(process.env.RYZE_N8N_PORT || 5678);
const simulatorPort = Number(process.env.RYZE_SIMULATOR_PORT || 5690);

let stopping = false;
let sim;
let n8n;

async function shutdown(code, why) {
	if (stopping) return;
	stopping = true;
	if (why) console.log(`\n${why}`);
	console.log('Stopping n8n and the simulator …');
	await Promise.allSettled([n8n?.stop(), sim?.stop()]);
	await stopAll();
	console.log('Stopped.');
	process.exit(code);
}

/** The sandbox cannot be trusted: stop everything, remove .sandbox/, say why, exit 1. */
class Refused extends Error {}

async function refuse(why) {
	console.error(`\n[start] refused: ${why}`);
	stopping = true;
	await Promise.allSettled([n8n?.stop(), sim?.stop()]);
	await stopAll();
	rmSync(SANDBOX_DIR, { recursive: true, force: true });
	console.error(
		`[start] ${SANDBOX_DIR} was removed (its n8n data, workflows and executions included): a sandbox whose owner is not its own account may have been taken over. Run npm start again for a fresh one.`,
	);
	process.exit(1);
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
		startSimulator({ port: simulatorPort, logFile: join(LOG_DIR, 'simulator.log'), nodeArgs: hostGuardNodeArgs() }).catch((error) => {
			throw new Error(`${error.message}\nIs port ${simulatorPort} in use? Set RYZE_SIMULATOR_PORT to another port.`);
		}),
	);
	const examples = readWorkflows(join(PROJECT_ROOT, 'examples')).map(({ workflow }) => workflow);
	await prepareUserFolder({ userFolder: SANDBOX_DIR, tarball, baseUrl: sim.url, workflows: examples, stages });
	// The welcome trigger is active: the people the CRM example adds start it (docs/triggers.md).
	const ACTIVE_EXAMPLES = ['ryzeExTrigWelcome1'];
	await stages.run('n8n publish:workflow (the welcome trigger)', () => publishWorkflows(SANDBOX_DIR, ACTIVE_EXAMPLES));
	// Before n8n starts: from its first connection on, n8n has its owner and offers no owner setup.
	// A .sandbox/ made before the password was random has the published password: it gets the new one.
	const account = await stages.run('owner account (written into the database before n8n starts)', () =>
		ensureOwner(SANDBOX_DIR, owner, { previousPasswords: secret.created ? [OWNER.password] : [] }),
	);
	if (account.state === 'refused') throw new Refused(`this .sandbox/ is not the sandbox's own: ${account.why}.`);
	lockDown(SANDBOX_DIR);
	await assertPortFree(n8nPort, 'RYZE_N8N_PORT');
	const brokerPort = await freePort();
	n8n = await stages.run('start n8n (until the editor answers)', () =>
		startN8n({
			userFolder: SANDBOX_DIR,
			port: n8nPort,
			brokerPort,
			logFile: join(LOG_DIR, 'n8n.log'),
			// Every HTTP server of n8n's process refuses a foreign Host (scripts/lib/hostGuard.mjs).
			nodeArgs: hostGuardNodeArgs(),
			// The files are 600 already; n8n keeps its settings file so.
			extraEnv: { N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true' },
		}),
	);
	await stages.run('log in as the owner', () =>
		login(n8n.url, owner).catch((error) => {
			throw new Refused(`n8n refused the sandbox's own login (${error.message.split('\n')[0]}).`);
		}),
	);
	const ports = await stages.run('every port refuses a foreign Host', () => checkPorts([n8nPort, brokerPort, sim.port]));
	lockDown(SANDBOX_DIR);
	stages.print();

	const url = n8n.url;
	console.log(`
RyzeAPI sandbox is ready (took ${seconds(Date.now() - started)}).

  n8n editor   ${url}
  login        ${owner.email} / ${owner.password}
               (random for this .sandbox/, kept in ${secret.file}, mode 600)
  ports        ${ports.join(', ')} on 127.0.0.1, each refusing any Host but 127.0.0.1:<port> or localhost:<port>

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

/** Fails before n8n starts when `port` is taken (n8n would only log EADDRINUSE). */
async function assertPortFree(port, variable) {
	await new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', () => reject(new Error(`port ${port} is in use. Set ${variable} to another port.`)));
		probe.listen(port, '127.0.0.1', () => probe.close(resolve));
	});
}

/** One GET /rest/settings to 127.0.0.1:`port` with `host` as Host; resolves the status (0: no HTTP answer). */
function statusFor(port, host) {
	return new Promise((resolve) => {
		const req = httpRequest({ host: '127.0.0.1', port, path: '/rest/settings', headers: { host }, agent: false, timeout: 15000 }, (res) => {
			res.resume();
			resolve(res.statusCode);
		});
		req.on('timeout', () => req.destroy());
		req.on('error', () => resolve(0));
		req.end();
	});
}

/**
 * Every TCP port n8n, its task runner and the simulator listen on (from /proc on Linux;
 * elsewhere the editor's, the task broker's and the simulator's) must answer a foreign Host
 * 421 (or not speak HTTP at all). Resolves the ports.
 */
async function checkPorts(known) {
	const found = canListPorts
		? [n8n.process.child.pid, sim.process.child.pid].flatMap((pid) => listeningPorts(pid).map((entry) => entry.port))
		: [];
	const ports = [...new Set([...known, ...found])].sort((a, b) => a - b);
	for (const port of ports) {
		const status = await statusFor(port, 'attacker.example');
		if (status !== 421 && status !== 0)
			throw new Refused(`port ${port} answered ${status} to Host attacker.example: the Host guard is not in front of it.`);
	}
	return ports;
}

main().catch(async (error) => {
	if (error instanceof Refused) return refuse(error.message);
	console.error(`\n[start] failed: ${error.message}`);
	await shutdown(1);
});
