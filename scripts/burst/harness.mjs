// The webhook burst in a real n8n (`n8n start`, regular mode, one process): the
// simulator on 127.0.0.1 (100 calls per 60 s per token), a fresh user folder with our
// tarball installed as a community package, both credentials and the burst
// workflows imported with fixed ids and published, then N webhooks at once.
//
//   const rig = await startBurstRig({ label: 'bench', keys: ['node', 'http'] });
//   const summary = await rig.runBurst([{ key: 'node', count: 300 }]);
//   await rig.stop();
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { cleanNpmEnv, run, stopAll } from '../lib/processes.mjs';
import { Stages } from '../lib/stages.mjs';
import { build, installTarball, pack } from '../lib/package.mjs';
import { PROJECT_ROOT } from '../lib/paths.mjs';
import { SIMULATOR_CLI, startSimulator } from '../lib/simulator.mjs';
import { freePort } from '../n8n/cli.mjs';
import { ensureN8n } from '../n8n/install.mjs';
import { login, setUpOwner, startN8n } from '../n8n/server.mjs';
import { freshUserFolder, importCredentials, importWorkflows, publishWorkflows } from '../n8n/userFolder.mjs';
import { fireAll } from './fire.mjs';
import { summarize } from './measure.mjs';
import { WORKFLOWS, burstCredentials, burstWorkflow, contacts } from './workflows.mjs';

export const RESULTS_DIR = join(PROJECT_ROOT, 'test-results', 'burst');

/**
 * The tarball to install: RYZE_ACCEPTANCE_TARBALL when given (the simulator is still
 * built when missing), else build (dist/ and the simulator) and pack into a temporary folder.
 */
export async function packageTarball(stages, temporary) {
	const given = process.env.RYZE_ACCEPTANCE_TARBALL;
	if (given) {
		if (!existsSync(SIMULATOR_CLI))
			await stages.run('npm run build:tools (the simulator)', () =>
				run('npm', ['run', '--silent', 'build:tools'], { cwd: PROJECT_ROOT, env: cleanNpmEnv() }),
			);
		return given;
	}
	const dir = mkdtempSync(join(tmpdir(), 'ryzeapi-pack-'));
	temporary.push(dir);
	return stages.run('build and pack', async () => {
		await build();
		return pack(dir);
	});
}

/**
 * Waits until n8n has registered the production webhooks: a GET to a POST-only
 * webhook answers "not registered for GET … Did you mean to make a POST request?"
 * once it is active, and "not registered" without the hint before. Nothing runs.
 */
export async function waitForWebhooks(url, paths, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	const pending = new Set(paths);
	let last = '';
	while (pending.size > 0) {
		for (const path of [...pending]) {
			try {
				const response = await fetch(`${url}/webhook/${path}`);
				last = `${response.status} ${(await response.text()).slice(0, 200)}`;
				if (/POST/.test(last) && /did you mean/i.test(last)) pending.delete(path);
			} catch (error) {
				last = error.message;
			}
		}
		if (pending.size === 0) break;
		if (Date.now() > deadline)
			throw new Error(`webhooks not registered within ${timeoutMs / 1000} s: ${[...pending].join(', ')} (last answer: ${last})`);
		await sleep(500);
	}
}

/** Whether each workflow is active, as the REST API (logged in as the owner) says. */
export async function activeStates(url, ids) {
	const cookie = await login(url);
	const states = {};
	for (const id of ids) {
		const response = await fetch(`${url}/rest/workflows/${id}`, { headers: { cookie } });
		const body = await response.json().catch(() => ({}));
		states[id] = { status: response.status, active: body?.data?.active ?? null, activeVersionId: body?.data?.activeVersionId ?? null };
	}
	return states;
}

/**
 * Sleeps until `offsetMs` after the start of the simulator's next rate-limit window
 * (windows are aligned to epoch multiples of windowMs). Every burst then starts with
 * a full, fresh window, so the numbers do not depend on when in the minute it ran.
 */
export async function alignToWindow(windowMs, offsetMs = 500) {
	const into = Date.now() % windowMs;
	const wait = into <= offsetMs ? offsetMs - into : windowMs - into + offsetMs;
	await sleep(wait);
	return wait;
}

/**
 * Starts the simulator and n8n with the workflows `keys` (of WORKFLOWS) active.
 * Resolves {url, sim, userFolder, artifacts, stages, runBurst(targets, options), stop()}.
 */
export async function startBurstRig({ label, keys, verbose = true }) {
	const stages = new Stages(label);
	const temporary = [];
	const artifacts = join(RESULTS_DIR, label);
	rmSync(artifacts, { recursive: true, force: true });
	mkdirSync(artifacts, { recursive: true });
	let sim;
	let n8n;
	const stop = async () => {
		await Promise.allSettled([n8n?.stop(), sim?.stop()]);
		await stopAll();
		if (process.env.RYZE_KEEP_USER_FOLDER !== '1') for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
	};
	try {
		const tarball = await packageTarball(stages, temporary);
		await stages.run('n8n install (cached)', () => ensureN8n({ quiet: true }));
		sim = await stages.run('start the simulator (100 calls / 60 s per token)', () =>
			startSimulator({ logFile: join(artifacts, 'simulator.log') }),
		);
		const userFolder = freshUserFolder('ryzeapi-burst-');
		temporary.push(userFolder);
		await stages.run('install the tarball as a community package', () => installTarball(tarball, userFolder));
		await stages.run('n8n import:credentials (token A and token B)', () => importCredentials(userFolder, burstCredentials(sim.url)));
		const workflows = keys.map((key) => burstWorkflow(key, sim.url));
		for (const workflow of workflows) writeFileSync(join(artifacts, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		await stages.run('n8n import:workflow', () => importWorkflows(userFolder, workflows));
		await stages.run(`n8n publish:workflow × ${workflows.length}`, () =>
			publishWorkflows(
				userFolder,
				workflows.map((workflow) => workflow.id),
			),
		);
		n8n = await stages.run('n8n start (regular mode)', async () =>
			startN8n({ userFolder, port: await freePort(), brokerPort: await freePort(), logFile: join(artifacts, 'n8n.log') }),
		);
		await stages.run('owner account', () => setUpOwner(n8n.url));
		await stages.run('webhooks registered', async () => {
			const states = await activeStates(
				n8n.url,
				workflows.map((workflow) => workflow.id),
			);
			const inactive = Object.entries(states).filter(([, state]) => state.active !== true);
			if (inactive.length > 0) throw new Error(`workflows not active after publish:workflow: ${JSON.stringify(inactive)}`);
			await waitForWebhooks(
				n8n.url,
				keys.map((key) => WORKFLOWS[key].path),
			);
		});
		if (verbose) console.log(`[${label}] n8n ${n8n.url}, simulator ${sim.url}, user folder ${userFolder}, logs in ${artifacts}`);
		const windowMs = (await (await fetch(`${sim.url}/__sim/config`)).json()).config.rateLimit.windowMs;
		return {
			url: n8n.url,
			sim,
			userFolder,
			artifacts,
			stages,
			windowMs,
			/**
			 * One burst: `targets` = [{key, count, token?, phones?}] (token 'A' or 'B', default
			 * the workflow's credential; `phones`: extra contacts with these numbers). Every
			 * webhook goes out at once; generated contacts are distinct across targets.
			 * Resets the simulator first (state, counters, call log) and, unless align is
			 * false, waits for a fresh rate-limit window; then runs `beforeBurst` (e.g.
			 * spend a token's window) and sends the burst. `timeoutMs` per webhook is a hang
			 * guard, not a measurement: the node ends every execution within its Max Wait on
			 * Rate Limit (65 s) plus its Timeout; an answer later than that is lost either way.
			 */
			async runBurst(
				targets,
				{ align = true, timeoutMs = 180000, name = targets.map((target) => target.key).join('+'), beforeBurst } = {},
			) {
				const total = targets.reduce((sum, target) => sum + target.count, 0);
				const extra = targets.reduce((sum, target) => sum + (target.phones?.length ?? 0), 0);
				const people = contacts(total);
				let next = 0;
				const sent = targets.flatMap((target) =>
					[
						...people.slice(next, (next += target.count)),
						...(target.phones ?? []).map((phone) => ({ name: `Contact ${phone}`, phone })),
					].map((contact) => ({
						...contact,
						token: target.token ?? WORKFLOWS[target.key].credential,
						url: `${n8n.url}/webhook/${WORKFLOWS[target.key].path}`,
					})),
				);
				await sim.reset();
				const waited = align ? await alignToWindow(windowMs) : 0;
				if (verbose)
					console.log(
						`[${label}] ${name}: ${total + extra} webhooks at once${align ? ` (waited ${(waited / 1000).toFixed(1)} s for a fresh rate-limit window)` : ''} …`,
					);
				if (beforeBurst) await beforeBurst();
				const started = Date.now();
				const records = await fireAll(
					sent.map((contact) => ({ url: contact.url, body: { name: contact.name, phone: contact.phone } })),
					{ timeoutMs },
				);
				const wallMs = Date.now() - started;
				await sleep(300);
				const { calls } = await sim.calls();
				const state = await sim.state();
				const summary = summarize({
					sent: sent.map((contact, index) => ({ phone: contact.phone, token: contact.token, record: records[index] })),
					calls,
					state,
					wallMs,
					windowMs,
				});
				writeFileSync(join(artifacts, `${name}.json`), JSON.stringify({ targets, summary, records, calls }, null, 1));
				return summary;
			},
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * Spends a token's current rate-limit window from outside n8n (another client of the
 * same token): `count` cheap authenticated reads (GET /api/instance/list). Resolves
 * how many were let through (not 429).
 */
export async function spendWindow(simUrl, token, count, instance = 'sandbox') {
	const answers = await Promise.all(
		Array.from({ length: count }, () =>
			fetch(`${simUrl}/api/instance/list?instanceName=${instance}`, { headers: { token } }).then(async (response) => {
				await response.arrayBuffer();
				return response.status;
			}),
		),
	);
	return answers.filter((status) => status !== 429).length;
}
