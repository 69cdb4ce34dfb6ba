// `n8n start` (the editor) on 127.0.0.1, its readiness, the owner account and login.
import { start } from '../lib/processes.mjs';
import { currentRuntime, n8nBin, n8nDir, n8nEnv, nodeBin, OWNER } from './config.mjs';

/**
 * Starts the editor (`publicPort`: see n8nEnv; `extraEnv`: added to n8n's environment;
 * `nodeArgs`: given to n8n's Node before its script) and waits until it really serves: the log line "Editor is now
 * accessible" or /rest/settings answering 200 (/healthz says ready too early).
 * Resolves {url, process, stop()}. `runtime`: which n8n, run by its own Node
 * (default: the runtime RYZE_N8N_RUNTIME selects).
 */
export async function startN8n({
	userFolder,
	port,
	publicPort = port,
	brokerPort,
	logFile,
	echo = false,
	timeoutMs = 180000,
	runtime = currentRuntime(),
	extraEnv = {},
	nodeArgs = [],
}) {
	const url = `http://127.0.0.1:${port}`;
	const proc = await start(nodeBin(runtime), [...nodeArgs, n8nBin(runtime), 'start'], {
		cwd: n8nDir(runtime),
		env: n8nEnv({ userFolder, port, publicPort, brokerPort, runtime, extraEnv }),
		logFile,
		echo,
		name: 'n8n start',
	});
	let settled = false;
	const settingsAnswer = (async () => {
		const deadline = Date.now() + timeoutMs;
		while (!settled && Date.now() < deadline && proc.child.exitCode === null) {
			try {
				// The UI's fallback answers 200 with HTML for any path early on: want JSON settings.
				const response = await fetch(`${url}/rest/settings`);
				const type = response.headers.get('content-type') ?? '';
				if (response.status === 200 && type.includes('application/json') && (await response.json())?.data) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		await new Promise(() => {}); // let the log line or the timeout decide
	})();
	try {
		await Promise.race([proc.waitFor(/Editor is now accessible/, timeoutMs), settingsAnswer]);
	} catch (error) {
		await proc.stop(5000);
		throw error;
	} finally {
		settled = true;
	}
	return { url, process: proc, stop: () => proc.stop(15000) };
}

async function postJson(url, body, headers = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: await response.text(), headers: response.headers };
}

/**
 * Creates the owner account (POST /rest/owner/setup). A database that already has
 * an owner answers 400; then the login is checked instead. Resolves 'created' or 'existing'.
 */
export async function setUpOwner(url, owner = OWNER) {
	const setup = await postJson(`${url}/rest/owner/setup`, owner);
	if (setup.status === 200) return 'created';
	await login(url, owner);
	return 'existing';
}

/** POST /rest/login (the field is `emailOrLdapLoginId`); resolves the cookie header to send. */
export async function login(url, owner = OWNER) {
	const answer = await postJson(`${url}/rest/login`, { emailOrLdapLoginId: owner.email, password: owner.password });
	if (answer.status !== 200) throw new Error(`login as ${owner.email} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
	const cookie = answer.headers
		.getSetCookie()
		.map((value) => value.split(';')[0])
		.join('; ');
	return cookie;
}

/** PATCH /rest/me/password as the logged-in owner (a sandbox made before its password was random). */
export async function changePassword(url, owner, newPassword) {
	const cookie = await login(url, owner);
	const response = await fetch(`${url}/rest/me/password`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify({ currentPassword: owner.password, newPassword }),
	});
	if (response.status !== 200)
		throw new Error(`changing the password answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
}
