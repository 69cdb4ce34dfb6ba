// Runs one n8n command against a user folder, with the offline environment.
import { createServer } from 'node:net';

import { run } from '../lib/processes.mjs';
import { currentRuntime, n8nBin, n8nDir, n8nEnv, nodeBin } from './config.mjs';

/**
 * `n8n <args>` for `userFolder`, run by the runtime's own Node (default: the
 * runtime RYZE_N8N_RUNTIME selects). Options go to n8nEnv (brokerPort, jsonLogs…)
 * and to run (allowFailure, echo, timeoutMs). Resolves {code, stdout, stderr}.
 */
export function n8nCli(
	userFolder,
	args,
	{ brokerPort, port, jsonLogs, logLevel, allowFailure, echo, timeoutMs = 300000, runtime = currentRuntime() } = {},
) {
	return run(nodeBin(runtime), [n8nBin(runtime), ...args], {
		cwd: n8nDir(runtime),
		env: n8nEnv({ userFolder, brokerPort, port, jsonLogs, logLevel, runtime }),
		allowFailure,
		echo,
		timeoutMs,
	});
}

/** A TCP port on 127.0.0.1 that is free right now. */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}
