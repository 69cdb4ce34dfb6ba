#!/usr/bin/env node
// `npm run test:queue`: the webhook burst against n8n in queue mode.
//
//   node scripts/queue/run.mjs [--n=300] [--concurrency=10] [--timeout-ms=180000] [--no-align]
//
// - installs postgresql-15 and redis-server with apt-get when missing (`apt-get update` once first);
// - a private PostgreSQL cluster (initdb + postgres as the postgres user, 127.0.0.1 on a
//   free port, own socket folder, random password) and a private Redis (own config,
//   127.0.0.1, free port, no persistence), both in a temporary folder;
// - three n8n 2.8.4 processes: one main (`n8n start`, EXECUTIONS_MODE=queue: receives the
//   webhooks and enqueues them) and two `n8n worker` (run the executions; --concurrency
//   each, n8n's default 10), each with its own user folder where our tarball is installed
//   the way n8n installs a community package, one database, one Redis, one encryption
//   key, each with its own task-broker port, the workers with their own health port;
// - credential and workflow imported once (the database is shared) and published, then
//   the processes start; waits for the main's webhook and the workers' /healthz/readiness,
//   sends one warm-up webhook until it answers 200, resets the simulator, and fires N
//   webhooks at once (one contact each), as in `npm run bench:burst`.
//
// Asserts: 0 lost and every contact answered (a definite success/failure for its own
// contact); reports the calls, 429s, added, wall time and latencies, and asserts none of
// them (they depend on how fast the machine is). --timeout-ms per webhook and the
// readiness waits are hang guards, not measurements. Stops everything at
// the end, also on failure or Ctrl-C, and checks with ps that nothing it started is left.
// Exit code 1 when an assertion failed or something was left running.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { installTarball } from '../lib/package.mjs';
import { run, start, stopAll } from '../lib/processes.mjs';
import { startSimulator } from '../lib/simulator.mjs';
import { Stages, seconds } from '../lib/stages.mjs';
import { freePort } from '../n8n/cli.mjs';
import * as n8nConfig from '../n8n/config.mjs';
import { ensureN8n } from '../n8n/install.mjs';
import { fireAll } from '../burst/fire.mjs';
import { RESULTS_DIR, alignToWindow, packageTarball, waitForWebhooks } from '../burst/harness.mjs';
import { markdownTable, summarize } from '../burst/measure.mjs';
import { WORKFLOWS, burstCredentials, burstWorkflow, contacts } from '../burst/workflows.mjs';
import { ensureAptPackages, startPostgres, startRedis, waitFor200 } from './services.mjs';

const { n8nBin, n8nDir, n8nEnv } = n8nConfig;
/** The runtime's Node (another helper is making the runtime selectable; the system Node until then). */
const nodeExec = () => (typeof n8nConfig.nodeBin === 'function' ? n8nConfig.nodeBin() : process.execPath);

const args = Object.fromEntries(
	process.argv.slice(2).map((arg) => {
		const [key, value] = arg.replace(/^--/, '').split('=');
		return [key, value ?? true];
	}),
);
const N = Number(args.n ?? 300);
const CONCURRENCY = Number(args.concurrency ?? 10);
const TIMEOUT_MS = Number(args['timeout-ms'] ?? 180000);
const WORKFLOW_KEY = 'node';

/** The env of one queue-mode n8n process: n8nEnv plus Postgres, Redis and queue mode (and a worker's health server). */
function queueEnv({ userFolder, port, brokerPort, pg, redis, healthPort }) {
	const env = {
		...n8nEnv({ userFolder, port, brokerPort }),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
	};
	delete env.DB_SQLITE_POOL_SIZE;
	if (healthPort) {
		Object.assign(env, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
	}
	return env;
}

async function n8nCommand(env, commandArgs) {
	const result = await run(nodeExec(), [n8nBin(), ...commandArgs], { cwd: n8nDir(), env, allowFailure: true, timeoutMs: 300000 });
	const output = `${result.stdout}\n${result.stderr}`;
	if (result.code !== 0 || /GOT ERROR/.test(output)) {
		throw new Error(`n8n ${commandArgs.join(' ')} failed (${result.code}):\n${output.trim().split('\n').slice(-20).join('\n')}`);
	}
	return result;
}

/** Waits until the main serves its REST API (the log line, or /rest/settings answering JSON). */
async function waitForMain(proc, url, timeoutMs = 180000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (/Editor is now accessible/.test(proc.output())) return;
		if (proc.child.exitCode !== null)
			throw new Error(`n8n main exited (${proc.child.exitCode})\n${proc.output().trim().split('\n').slice(-25).join('\n')}`);
		try {
			const response = await fetch(`${url}/rest/settings`);
			if (response.status === 200 && (response.headers.get('content-type') ?? '').includes('application/json')) return;
		} catch {
			// not listening yet
		}
		await sleep(500);
	}
	throw new Error(`n8n main did not serve within ${timeoutMs / 1000} s\n${proc.output().trim().split('\n').slice(-25).join('\n')}`);
}

/** Processes still running whose process group is one we started, or whose command line names our folder. */
async function leftovers(groups, baseDir) {
	const { stdout } = await run('ps', ['-eo', 'pid=,pgid=,args='], { allowFailure: true });
	return stdout
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.map((line) => {
			const [, pid, pgid, command] = /^(\d+)\s+(\d+)\s+(.*)$/.exec(line) ?? [];
			return { pid: Number(pid), pgid: Number(pgid), command };
		})
		.filter((entry) => entry.pid !== process.pid && entry.command && !/\bps -eo\b/.test(entry.command))
		.filter((entry) => groups.has(entry.pgid) || entry.command.includes(baseDir));
}

async function main() {
	const started = Date.now();
	const stages = new Stages('test:queue');
	const artifacts = join(RESULTS_DIR, 'queue');
	rmSync(artifacts, { recursive: true, force: true });
	mkdirSync(artifacts, { recursive: true });
	const temporary = [];
	const baseDir = mkdtempSync(join(tmpdir(), 'ryzeapi-queue-'));
	temporary.push(baseDir);
	const groups = new Set();
	const services = { n8n: [], pg: null, redis: null, sim: null };
	let stopped = false;
	const stopEverything = async () => {
		if (stopped) return;
		stopped = true;
		// n8n first (workers finish or drop their jobs), then the queue and the database.
		await Promise.allSettled(services.n8n.map((proc) => proc.stop(20000)));
		await Promise.allSettled([services.redis?.stop(), services.pg?.stop(), services.sim?.stop()]);
		await stopAll();
	};
	for (const [signal, code] of [
		['SIGINT', 130],
		['SIGTERM', 143],
	]) {
		process.once(signal, () => {
			console.error(`\n${signal}: stopping n8n, Redis, Postgres and the simulator …`);
			stopEverything()
				.then(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })))
				.finally(() => process.exit(code));
		});
	}

	let failures = [];
	let summary = null;
	try {
		const installed = await stages.run('apt-get: postgresql-15 and redis-server (only when missing)', () => ensureAptPackages());
		if (installed.length) console.log(`[test:queue] installed with apt-get: ${installed.join(', ')}`);
		const tarball = await packageTarball(stages, temporary);
		await stages.run('n8n install (cached)', () => ensureN8n({ quiet: true }));
		services.sim = await stages.run('start the simulator (100 calls / 60 s per token)', () =>
			startSimulator({ logFile: join(artifacts, 'simulator.log') }),
		);
		[services.pg, services.redis] = await stages.run('start Postgres and Redis (private, 127.0.0.1)', () =>
			Promise.all([
				startPostgres({ baseDir, logFile: join(artifacts, 'postgres.log') }),
				startRedis({ baseDir, logFile: join(artifacts, 'redis.log') }),
			]),
		);
		groups.add(services.pg.pid);
		groups.add(services.redis.pid);
		const { pg, redis, sim } = services;
		console.log(`[test:queue] Postgres 127.0.0.1:${pg.port}, Redis 127.0.0.1:${redis.port}, simulator ${sim.url}, folder ${baseDir}`);

		const roles = [
			{ name: 'main', command: ['start'], port: await freePort() },
			{ name: 'worker 1', command: ['worker', `--concurrency=${CONCURRENCY}`], port: await freePort(), healthPort: await freePort() },
			{ name: 'worker 2', command: ['worker', `--concurrency=${CONCURRENCY}`], port: await freePort(), healthPort: await freePort() },
		];
		for (const role of roles) {
			role.userFolder = join(baseDir, role.name.replace(' ', '-'));
			mkdirSync(role.userFolder, { recursive: true });
			role.env = queueEnv({
				userFolder: role.userFolder,
				port: role.port,
				brokerPort: await freePort(),
				pg,
				redis,
				healthPort: role.healthPort,
			});
		}
		await stages.run('install the tarball as a community package (3 user folders)', () =>
			Promise.all(roles.map((role) => installTarball(tarball, role.userFolder))),
		);
		const workflow = burstWorkflow(WORKFLOW_KEY, sim.url);
		const main = roles[0];
		await stages.run('n8n import:credentials (once; runs the Postgres migrations)', async () => {
			const file = join(baseDir, 'credentials.json');
			writeFileSync(file, JSON.stringify([burstCredentials(sim.url)[0]]));
			await n8nCommand(main.env, ['import:credentials', `--input=${file}`]);
		});
		await stages.run('n8n import:workflow + publish:workflow', async () => {
			const file = join(baseDir, 'workflow.json');
			writeFileSync(file, JSON.stringify(workflow));
			await n8nCommand(main.env, ['import:workflow', `--input=${file}`]);
			await n8nCommand(main.env, ['publish:workflow', `--id=${workflow.id}`]);
		});
		const url = `http://127.0.0.1:${main.port}`;
		await stages.run('start the main and two workers (until main serves and workers are ready)', async () => {
			for (const role of roles) {
				const proc = await start(nodeExec(), [n8nBin(), ...role.command], {
					cwd: n8nDir(),
					env: role.env,
					logFile: join(artifacts, `n8n-${role.name.replace(' ', '-')}.log`),
					name: `n8n ${role.name}`,
				});
				services.n8n.push(proc);
				groups.add(proc.child.pid);
				role.proc = proc;
			}
			await Promise.all([
				waitForMain(main.proc, url),
				...roles
					.slice(1)
					.map((role) => waitFor200(`http://127.0.0.1:${role.healthPort}/healthz/readiness`, { proc: role.proc, timeoutMs: 180000 })),
			]);
		});
		const path = WORKFLOWS[WORKFLOW_KEY].path;
		await stages.run('webhook registered, first webhook answers 200 (warm-up, then the simulator is reset)', async () => {
			await waitForWebhooks(url, [path], 120000);
			const deadline = Date.now() + 120000;
			for (;;) {
				const [record] = await fireAll([{ url: `${url}/webhook/${path}`, body: { name: 'Warm-up', phone: '5511979999999' } }], {
					timeoutMs: 60000,
				});
				if (record.status === 200) break;
				if (Date.now() > deadline)
					throw new Error(`the first webhook never answered 200 (last: ${record.status} ${record.text} ${record.error ?? ''})`);
				await sleep(1000);
			}
		});

		summary = await stages.run(`burst: ${N} webhooks at once`, async () => {
			const people = contacts(N);
			await sim.reset();
			const windowMs = (await (await fetch(`${sim.url}/__sim/config`)).json()).config.rateLimit.windowMs;
			if (!args['no-align']) {
				const waited = await alignToWindow(windowMs);
				console.log(`[test:queue] waited ${(waited / 1000).toFixed(1)} s for a fresh rate-limit window`);
			}
			const burstStarted = Date.now();
			const records = await fireAll(
				people.map((contact) => ({ url: `${url}/webhook/${path}`, body: contact })),
				{ timeoutMs: TIMEOUT_MS },
			);
			const wallMs = Date.now() - burstStarted;
			await sleep(300);
			const { calls } = await sim.calls();
			const state = await sim.state();
			const result = summarize({
				sent: people.map((contact, index) => ({ phone: contact.phone, token: 'A', record: records[index] })),
				calls,
				state,
				wallMs,
				windowMs,
			});
			writeFileSync(join(artifacts, 'burst.json'), JSON.stringify({ summary: result, records, calls }, null, 1));
			return result;
		});
		// What the database says about the executions (a lost answer whose execution succeeded is n8n's main, not the node).
		summary.executionsByStatus = await run(
			'psql',
			[
				'-h',
				pg.host,
				'-p',
				String(pg.port),
				'-U',
				pg.user,
				'-d',
				pg.database,
				'-At',
				'-F',
				' ',
				'-c',
				'SELECT status, count(*) FROM execution_entity GROUP BY status ORDER BY status',
			],
			{ env: { ...process.env, PGPASSWORD: pg.password }, allowFailure: true },
		).then((result) =>
			Object.fromEntries(
				result.stdout
					.trim()
					.split('\n')
					.filter(Boolean)
					.map((line) => [line.split(' ')[0], Number(line.split(' ')[1])]),
			),
		);
		// Which worker ran how many executions (each worker logs its jobs).
		summary.perWorker = roles.slice(1).map((role) => ({
			worker: role.name,
			jobs: (role.proc.output().match(/Worker started execution/g) ?? []).length,
		}));

		console.log(
			`\nQueue mode: 1 main + 2 workers (concurrency ${CONCURRENCY} each), Postgres 15, Redis; ${N} webhooks at once, one contact each.\n`,
		);
		console.log(markdownTable([{ label: `queue mode, RyzeAPI node defaults`, summary }]));
		console.log(
			`answer kinds: ${JSON.stringify(summary.kinds)}; executions per worker (incl. the warm-up): ${summary.perWorker.map((entry) => `${entry.worker} ${entry.jobs}`).join(', ')}`,
		);
		console.log(`executions in the database by status (incl. the warm-up): ${JSON.stringify(summary.executionsByStatus)}`);
		if (summary.addedNotSuccess > 0) {
			console.log(
				`${summary.addedNotSuccess} contact(s) are in the group although their webhook did not answer success: the execution ran, the answer did not come back` +
					" (likely n8n's main: it waits with Bull's job.finished(), which checks the job on one Redis connection and listens on another, so a job finishing in between is missed).",
			);
		}
		if (summary.lost > 0) {
			failures.push(
				`${summary.lost} of ${N} contacts lost (no definite answer for their own contact): e.g. ${JSON.stringify(summary.examples.lost.map(({ phone, kind, status, text, error }) => ({ phone, kind, status, text, error })))}`,
			);
		}
		if (summary.success + summary.failure !== N) failures.push(`${summary.success + summary.failure} of ${N} contacts answered`);
	} catch (error) {
		failures.push(`the run failed: ${error.stack ?? error.message}`);
	} finally {
		await stages
			.run('stop n8n, Redis, Postgres, simulator', stopEverything)
			.catch((error) => failures.push(`stopping failed: ${error.message}`));
		await sleep(500);
		const left = await leftovers(groups, baseDir);
		if (left.length > 0) failures.push(`processes left running: ${left.map((entry) => `${entry.pid} ${entry.command}`).join('; ')}`);
		else console.log('[test:queue] ps: no n8n, postgres, redis or task-runner process of this run is left');
		if (process.env.RYZE_KEEP_USER_FOLDER !== '1') temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
	}
	stages.print();
	if (summary) writeFileSync(join(artifacts, 'summary.json'), JSON.stringify(summary, null, 1));
	console.log(`[test:queue] took ${seconds(Date.now() - started)} in total; logs in ${artifacts}`);
	if (failures.length > 0) {
		console.log(`test:queue: FAILED\n- ${failures.join('\n- ')}`);
		process.exitCode = 1;
	} else {
		console.log(`test:queue: passed (0 lost, ${N} of ${N} answered)`);
	}
}

main();
