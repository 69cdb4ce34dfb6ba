// The pinned n8n and how every n8n command here is run: offline, quiet, local.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The newest n8n whose `engines` accepts Node 20 (2.10+ needs Node 22, 2.36+ Node 24). */
export const N8N_VERSION = '2.8.4';

/**
 * The cache folder's package.json. The exact pin matters: a range resolves to a
 * newer n8n that needs a newer Node. n8n-nodes-base 2.8.x wants xlsx from a CDN
 * that is not reachable; 0.18.5 is the last xlsx on the npm registry.
 */
export const RUNTIME_PACKAGE = {
	name: 'ryzeapi-n8n-runtime',
	private: true,
	dependencies: { n8n: N8N_VERSION },
	overrides: { xlsx: '0.18.5' },
};

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** `RYZE_N8N_HOME`, default ~/.cache/n8n-nodes-ryzeapi: outside git, kept between runs. */
export function n8nHome() {
	return resolve(process.env.RYZE_N8N_HOME || join(homedir(), '.cache', 'n8n-nodes-ryzeapi'));
}

export function n8nDir() {
	return join(n8nHome(), `n8n-${N8N_VERSION}`);
}

export function n8nBin() {
	return join(n8nDir(), 'node_modules', 'n8n', 'bin', 'n8n');
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
 * give each n8n process running at the same time its own. `jsonLogs` makes every
 * stdout line a JSON object, which is how `n8n execute` prints its run data.
 */
export function n8nEnv({ userFolder, port = 5678, brokerPort = 5679, jsonLogs = false, logLevel = 'info' }) {
	const env = { ...process.env };
	for (const key of Object.keys(env)) {
		if (/^(N8N_|DB_|npm_)/i.test(key)) delete env[key];
	}
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
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
	};
}
