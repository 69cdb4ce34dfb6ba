// The RyzeAPI simulator as a separate process on 127.0.0.1: the offline sandbox the
// n8n node talks to. Needs `npm run build:tools` (build/tools/test/simulator/cli.js).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { PROJECT_ROOT } from './paths.mjs';
import { start } from './processes.mjs';

export const SIMULATOR_CLI = join(PROJECT_ROOT, 'build', 'tools', 'test', 'simulator', 'cli.js');

/** The sandbox's instance token and instance (see test/simulator/seed.ts, SANDBOX). */
export const SANDBOX_LOGIN = { token: 'sandbox-token', instance: 'sandbox' };

/**
 * Starts the simulator; port 0 picks a free one. `nodeArgs` go to its Node before the
 * script (npm start: the Host guard). Resolves {url, port, stop(), reset(), state(), calls()}.
 */
export async function startSimulator({ port = 0, logFile, echo = false, args = [], nodeArgs = [] } = {}) {
	if (!existsSync(SIMULATOR_CLI)) throw new Error(`${SIMULATOR_CLI} is missing: run npm run build:tools first`);
	const proc = await start(process.execPath, [...nodeArgs, SIMULATOR_CLI, '--host', '127.0.0.1', '--port', String(port), ...args], {
		cwd: PROJECT_ROOT,
		ready: /RyzeAPI simulator listening on (http:\/\/127\.0\.0\.1:(\d+))/,
		timeoutMs: 20000,
		logFile,
		echo,
		name: 'RyzeAPI simulator',
	});
	const url = proc.match[1];
	const control = async (method, path, body) => {
		const response = await fetch(`${url}${path}`, {
			method,
			headers: body ? { 'content-type': 'application/json' } : {},
			body: body ? JSON.stringify(body) : undefined,
		});
		if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
		return response.status === 204 ? null : response.json();
	};
	return {
		url,
		port: Number(proc.match[2]),
		process: proc,
		stop: () => proc.stop(5000),
		reset: () => control('POST', '/__sim/reset'),
		state: () => control('GET', '/__sim/state'),
		calls: () => control('GET', '/__sim/calls'),
		faults: (faults) => control('POST', '/__sim/faults', { faults }),
	};
}
