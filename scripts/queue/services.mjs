// The services n8n's queue mode needs, private to one run: a PostgreSQL 15 cluster
// and a Redis, both on 127.0.0.1 on free ports, with their data in the run's own
// temporary folder. Installed with apt-get when missing.
import { existsSync, chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { run, start } from '../lib/processes.mjs';
import { freePort } from '../n8n/cli.mjs';

export const PG_BIN = '/usr/lib/postgresql/15/bin';
export const REDIS_SERVER = '/usr/bin/redis-server';

/**
 * apt-get install the packages whose file is missing ({file: package}); `apt-get update`
 * once first. Services are not started by the install (this machine's policy-rc.d says
 * 101; the run starts its own). Resolves the packages it installed.
 */
export async function ensureAptPackages(wanted = { [join(PG_BIN, 'initdb')]: 'postgresql-15', [REDIS_SERVER]: 'redis-server' }) {
	const missing = [
		...new Set(
			Object.entries(wanted)
				.filter(([file]) => !existsSync(file))
				.map(([, pkg]) => pkg),
		),
	];
	if (missing.length === 0) return [];
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const lock = ['-o', 'DPkg::Lock::Timeout=600'];
	await run('apt-get', [...lock, 'update', '-qq'], { env, timeoutMs: 600000 });
	await run('apt-get', [...lock, 'install', '-y', '-qq', '--no-install-recommends', ...missing], { env, timeoutMs: 900000 });
	for (const [file, pkg] of Object.entries(wanted)) if (!existsSync(file)) throw new Error(`${pkg} installed but ${file} is still missing`);
	return missing;
}

/** uid and gid of the `postgres` user (from /etc/passwd). */
async function postgresIds() {
	const { stdout } = await run('id', ['postgres']);
	const uid = Number(/uid=(\d+)/.exec(stdout)?.[1]);
	const gid = Number(/gid=(\d+)/.exec(stdout)?.[1]);
	if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error(`cannot read the postgres user's ids: ${stdout}`);
	return { uid, gid };
}

/**
 * initdb + postgres in the foreground (its own process group, stopped with the run),
 * as the postgres user, listening on 127.0.0.1:<free port> only, socket in our own folder,
 * password auth (scram) with a random password, durability off (throwaway data).
 * Creates the database `n8n`. Resolves {host, port, user, password, database, stop()}.
 */
export async function startPostgres({ baseDir, logFile }) {
	const { uid, gid } = await postgresIds();
	chmodSync(baseDir, 0o711); // mkdtemp makes 0700, which postgres cannot enter
	const data = join(baseDir, 'pgdata');
	const sockets = join(baseDir, 'pgsocket');
	const pwfile = join(baseDir, 'pgpass');
	for (const dir of [data, sockets]) {
		mkdirSync(dir, { recursive: true });
		chownSync(dir, uid, gid);
	}
	const password = randomBytes(18).toString('base64url');
	writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
	chownSync(pwfile, uid, gid);
	await run(
		'runuser',
		[
			'-u',
			'postgres',
			'--',
			join(PG_BIN, 'initdb'),
			'-D',
			data,
			'-U',
			'postgres',
			'--auth=scram-sha-256',
			`--pwfile=${pwfile}`,
			'-E',
			'UTF8',
			'--no-sync',
		],
		{
			cwd: baseDir,
		},
	);
	const port = await freePort();
	const proc = await start(
		'runuser',
		[
			'-u',
			'postgres',
			'--',
			join(PG_BIN, 'postgres'),
			'-D',
			data,
			'-c',
			'listen_addresses=127.0.0.1',
			'-p',
			String(port),
			'-k',
			sockets,
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		],
		{ cwd: baseDir, ready: /database system is ready to accept connections/, timeoutMs: 60000, logFile, name: 'postgres' },
	);
	const env = { ...process.env, PGPASSWORD: password };
	await run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', 'CREATE DATABASE n8n'], {
		env,
		cwd: baseDir,
	});
	return {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		password,
		database: 'n8n',
		pid: proc.child.pid,
		process: proc,
		async stop() {
			// A fast shutdown (clients disconnected; the data is throwaway), then its process group goes too.
			await run('runuser', ['-u', 'postgres', '--', join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', '-t', '30', 'stop'], {
				cwd: baseDir,
				allowFailure: true,
				timeoutMs: 40000,
			});
			await proc.stop(5000);
		},
	};
}

/** redis-server with its own config: 127.0.0.1:<free port>, no persistence, in the foreground. */
export async function startRedis({ baseDir, logFile }) {
	const dir = join(baseDir, 'redis');
	mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const conf = join(dir, 'redis.conf');
	writeFileSync(
		conf,
		[
			`bind 127.0.0.1`,
			`port ${port}`,
			'protected-mode yes',
			'daemonize no',
			'save ""',
			'appendonly no',
			`dir ${dir}`,
			'logfile ""',
			'databases 2',
			'',
		].join('\n'),
	);
	const proc = await start(REDIS_SERVER, [conf], {
		cwd: dir,
		ready: /Ready to accept connections/,
		timeoutMs: 30000,
		logFile,
		name: 'redis-server',
	});
	return { host: '127.0.0.1', port, pid: proc.child.pid, process: proc, stop: () => proc.stop(5000) };
}

/** Polls `url` until it answers 200 (a worker's /healthz/readiness). */
export async function waitFor200(url, { timeoutMs = 120000, proc } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < deadline) {
		if (proc && proc.child.exitCode !== null)
			throw new Error(
				`${proc.name} exited (${proc.child.exitCode}) before ${url} answered 200\n${proc.output().trim().split('\n').slice(-20).join('\n')}`,
			);
		try {
			const response = await fetch(url);
			last = `${response.status}`;
			if (response.status === 200) return;
		} catch (error) {
			last = error.message;
		}
		await sleep(500);
	}
	throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`);
}
