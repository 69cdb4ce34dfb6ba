// Child processes for the sandbox and the acceptance tests: run a command to the
// end, or start a long-running one and stop it again. Every long-running child is
// started in its own process group, so that it (and whatever it started, such as
// n8n's task runner) is stopped by its group id. All children are remembered and
// stopped by stopAll(), on a signal (stopChildrenOnSignals) and when this process exits.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** @type {Set<import('node:child_process').ChildProcess>} */
const running = new Set();
/** The children that lead their own process group (started with start()). */
const groups = new WeakSet();

function signalGroup(child, signal, evenIfExited = false) {
	if (!evenIfExited && (child.exitCode !== null || child.signalCode !== null)) return;
	try {
		if (groups.has(child)) process.kill(-child.pid, signal);
		else if (child.exitCode === null && child.signalCode === null) child.kill(signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

process.on('exit', () => {
	for (const child of running) signalGroup(child, 'SIGKILL');
});

/** Environment for a child npm that must not inherit the npm run of this repo (prefix, ignore-scripts…). */
export function cleanNpmEnv(extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key) && !/^npm_config_(cache|userconfig|nodedir)$/i.test(key)) continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

/**
 * Runs a command to its end. Resolves {code, stdout, stderr}; rejects on a non-zero
 * exit unless `allowFailure`. `echo` streams the output to this process too.
 */
export async function run(command, args, { cwd, env, echo = false, allowFailure = false, input, timeoutMs } = {}) {
	const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
	running.add(child);
	child.on('exit', () => running.delete(child));
	const out = [];
	const err = [];
	child.stdout.on('data', (chunk) => {
		out.push(chunk);
		if (echo) process.stdout.write(chunk);
	});
	child.stderr.on('data', (chunk) => {
		err.push(chunk);
		if (echo) process.stderr.write(chunk);
	});
	// A child that exits without reading its input (`node --version`) closes the pipe: not an error.
	child.stdin.on('error', () => {});
	child.stdin.end(input ?? '');
	let timer;
	if (timeoutMs) timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	const [code, signal] = await once(child, 'close');
	clearTimeout(timer);
	const result = { code: code ?? 128, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
	if (result.code !== 0 && !allowFailure) {
		const tail = (result.stderr || result.stdout).trim().split('\n').slice(-25).join('\n');
		throw new Error(`${command} ${args.join(' ')} exited with ${signal ?? result.code}\n${tail}`);
	}
	return result;
}

/**
 * Starts a long-running command. `ready` is a RegExp matched against its output
 * lines; the promise resolves with {child, match, output(), stop()} once a line
 * matches, and rejects if the process ends first or `timeoutMs` passes.
 * `logFile` receives all its output; `echo` also prints it here.
 */
export async function start(command, args, { cwd, env, ready, timeoutMs = 120000, logFile, echo = false, name = command } = {}) {
	const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	groups.add(child);
	running.add(child);
	child.on('exit', () => running.delete(child));
	const log = logFile ? createWriteStream(logFile) : null;
	let text = '';
	const listeners = new Set();
	const onData = (chunk) => {
		const s = chunk.toString('utf8');
		text += s;
		if (text.length > 4_000_000) text = text.slice(-2_000_000);
		log?.write(chunk);
		if (echo) process.stdout.write(chunk);
		for (const listener of listeners) listener();
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);

	const handle = {
		child,
		name,
		output: () => text,
		/** Waits until the output matches `pattern` (checked on the text so far and on every new chunk). */
		waitFor(pattern, waitMs = timeoutMs) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const match = pattern.exec(text);
					if (match) {
						cleanup();
						resolve(match);
					}
				};
				const onExit = (code, signal) => {
					cleanup();
					const tail = text.trim().split('\n').slice(-30).join('\n');
					reject(new Error(`${name} exited (${signal ?? code}) before printing ${pattern}\n${tail}`));
				};
				const timer = setTimeout(() => {
					cleanup();
					const tail = text.trim().split('\n').slice(-30).join('\n');
					reject(new Error(`${name} did not print ${pattern} within ${waitMs / 1000} s\n${tail}`));
				}, waitMs);
				const cleanup = () => {
					clearTimeout(timer);
					listeners.delete(check);
					child.off('exit', onExit);
				};
				listeners.add(check);
				child.once('exit', onExit);
				check();
			});
		},
		/** SIGTERM to its process group, SIGKILL after `graceMs`. Resolves when it has exited. */
		async stop(graceMs = 10000) {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = once(child, 'exit');
				signalGroup(child, 'SIGTERM');
				const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
				await exited;
				clearTimeout(timer);
			}
			// Whatever the child left in its group (a task runner) goes too, right away.
			signalGroup(child, 'SIGKILL', true);
			running.delete(child);
			await new Promise((resolve) => (log ? log.end(resolve) : resolve()));
		},
	};
	if (ready) {
		try {
			handle.match = await handle.waitFor(ready, timeoutMs);
		} catch (error) {
			await handle.stop(2000);
			throw error;
		}
	}
	return handle;
}

/**
 * On SIGINT or SIGTERM (Ctrl-C, a test runner's timeout), stop the long-running
 * children first, then exit. For test files; `npm start` has its own handler.
 */
export function stopChildrenOnSignals(cleanUp = () => {}) {
	for (const [signal, code] of [
		['SIGINT', 130],
		['SIGTERM', 143],
	]) {
		process.once(signal, () => {
			console.error(`${signal}: stopping ${running.size} child process(es)`);
			stopAll()
				.then(cleanUp)
				.finally(() => process.exit(code));
		});
	}
}

/** Stops every long-running child that is still up (on Ctrl-C, or after a failure). */
export async function stopAll() {
	await Promise.all(
		[...running].map(async (child) => {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = once(child, 'exit');
				signalGroup(child, 'SIGTERM');
				const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 10000);
				await exited;
				clearTimeout(timer);
			}
			signalGroup(child, 'SIGKILL', true);
			running.delete(child);
		}),
	);
}
