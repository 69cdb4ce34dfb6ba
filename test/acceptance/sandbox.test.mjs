// Acceptance of `npm start` itself (issue 15, point 14; issue 21): the sandbox in a
// temporary folder on free ports, then what a hostile page or another local process
// could try.
// - a process that posts /rest/owner/setup in a tight loop from the moment npm start
//   starts, to every port the sandbox listens on, never becomes the owner (n8n has its
//   owner before its first connection);
// - every port the sandbox's processes listen on (the editor, n8n's task broker, the
//   simulator, whatever else n8n opens) refuses a foreign Host (DNS rebinding), for HTTP
//   and for a WebSocket upgrade; the sandbox's own 127.0.0.1:<port> and localhost:<port>
//   are served;
// - the published password no longer logs in; the random one in owner-password does;
// - owner-password, n8n's config (the encryption key) and database.sqlite are mode 600;
// - a .sandbox/ whose owner is no longer the sandbox's own account is refused: npm start
//   exits 1, says why and removes the folder.
//
//   flock /tmp/ryze-n8n.lock node scripts/acceptance.mjs sandbox
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';

import { canListPorts, listeningPorts } from '../../scripts/lib/listeningPorts.mjs';
import { PROJECT_ROOT } from '../../scripts/lib/paths.mjs';
import { run, start, stopChildrenOnSignals } from '../../scripts/lib/processes.mjs';
import { freePort } from '../../scripts/n8n/cli.mjs';
import { OWNER } from '../../scripts/n8n/config.mjs';
import { changePassword } from '../../scripts/n8n/server.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ryzeapi-sandbox-'));
const logDir = mkdtempSync(join(tmpdir(), 'ryzeapi-sandbox-logs-'));
const START = join(PROJECT_ROOT, 'scripts', 'start.mjs');
let port;
let simulatorPort;
let sandbox;
let printed;
let racer;

stopChildrenOnSignals(() => [dir, logDir].forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** One GET with the given Host header, over a raw socket (fetch will not send a foreign Host). */
function rawRequest(host, path = '/rest/settings', extra = '', to = port) {
	return new Promise((resolve, reject) => {
		const socket = connect(to, '127.0.0.1', () => {
			socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`);
		});
		let text = '';
		socket.setEncoding('utf8');
		socket.on('data', (chunk) => (text += chunk));
		socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1]), text }));
		socket.on('error', reject);
		socket.setTimeout(15000, () => socket.destroy(new Error(`no answer for Host ${host} on port ${to}`)));
	});
}

async function loginStatus(password, email = OWNER.email) {
	const response = await fetch(`http://127.0.0.1:${port}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	await response.text();
	return response.status;
}

const mode = (file) => (statSync(file).mode & 0o777).toString(8);

/** What the racer claims: a valid owner for n8n's setup form (8+ characters, a digit, a capital). */
const RACER = { email: 'racer@attacker.example', firstName: 'Racer', lastName: 'Local', password: 'Racer-Passw0rd1' };

/**
 * Another local process racing npm start for the owner: POST /rest/owner/setup with the
 * right Host, again and again, to the editor's port from the start and to every port
 * the sandbox's processes listen on as they appear (a 20 ms pause only when nothing
 * answered). Records every HTTP answer per port, and each 200 as a win.
 */
function startRacer(editorPort, sandboxPid) {
	const state = { stopped: false, answers: {}, won: [], ports: new Set([editorPort]) };
	state.done = (async () => {
		let scanned = 0;
		while (!state.stopped) {
			if (Date.now() - scanned > 250) {
				for (const { port: found } of listeningPorts(sandboxPid())) state.ports.add(found);
				scanned = Date.now();
			}
			let answered = false;
			await Promise.all(
				[...state.ports].map(async (target) => {
					try {
						const response = await fetch(`http://127.0.0.1:${target}/rest/owner/setup`, {
							method: 'POST',
							headers: { 'content-type': 'application/json' },
							body: JSON.stringify(RACER),
							signal: AbortSignal.timeout(15000),
						});
						const text = await response.text();
						answered = true;
						const seen = (state.answers[target] ??= {});
						seen[response.status] = (seen[response.status] ?? 0) + 1;
						// Early on n8n's UI fallback may answer any path 200 with HTML: a win is n8n's JSON with the racer as owner.
						if (response.status === 200 && text.includes(RACER.email)) state.won.push({ port: target, text: text.slice(0, 300) });
					} catch {
						// not listening (yet)
					}
				}),
			);
			if (!answered) await sleep(20);
		}
	})();
	state.stop = async () => {
		state.stopped = true;
		await state.done;
	};
	return state;
}

describe('npm start: the sandbox keeps to its owner', () => {
	before(async () => {
		port = await freePort();
		simulatorPort = await freePort();
		sandbox = await start(process.execPath, [START], {
			cwd: PROJECT_ROOT,
			env: { ...process.env, RYZE_SANDBOX_DIR: dir, RYZE_N8N_PORT: String(port), RYZE_SIMULATOR_PORT: String(simulatorPort) },
			logFile: join(logDir, 'start.log'),
			name: 'npm start',
		});
		racer = startRacer(port, () => sandbox.child.pid);
		// Safety bounds only (a cold build and install on a loaded machine), no measurement.
		const ready = await sandbox.waitFor(/RyzeAPI sandbox is ready[\s\S]*login\s+(\S+) \/ (\S+)/, 600000);
		printed = { email: ready[1], password: ready[2] };
		// Go on racing until n8n's owner setup has answered the racer a few times (bounded: a hang guard).
		for (let waited = 0; (racer.answers[port]?.[400] ?? 0) < 5 && waited < 60000; waited += 100) await sleep(100);
		await racer.stop();
	});

	after(async () => {
		await racer?.stop();
		await sandbox?.stop(30000);
		rmSync(dir, { recursive: true, force: true });
		rmSync(logDir, { recursive: true, force: true });
	});

	test('a process posting /rest/owner/setup in a loop from the start never becomes the owner', async () => {
		const answers = JSON.stringify(racer.answers);
		assert.deepEqual(racer.won, [], `the racer's setup was accepted: ${JSON.stringify(racer.won)}; answers per port ${answers}`);
		// It did race n8n's owner setup itself: n8n answered it "already set up" (400).
		assert.ok((racer.answers[port]?.[400] ?? 0) >= 1, `n8n never answered the racer's setup: ${answers}`);
		console.log(`[sandbox] the racer's answers, per port and status: ${answers}`);
		assert.equal(await loginStatus(RACER.password, RACER.email), 401);
		assert.equal(await loginStatus(printed.password), 200);
		const settings = await (await fetch(`http://127.0.0.1:${port}/rest/settings`)).json();
		assert.equal(settings.data.userManagement.showSetupOnFirstLoad, false);
	});

	test('every port the sandbox listens on is on 127.0.0.1 and refuses a foreign Host', async (t) => {
		if (!canListPorts) return t.skip('listing the listening ports needs Linux /proc');
		const ports = listeningPorts(sandbox.child.pid);
		const numbers = ports.map((entry) => entry.port);
		assert.ok(numbers.includes(port) && numbers.includes(simulatorPort), `ports found: ${JSON.stringify(ports)}`);
		assert.ok(ports.length >= 3, `the editor, the simulator and n8n's task broker at least: ${JSON.stringify(ports)}`);
		for (const { address, port: target } of ports) {
			assert.equal(address, '127.0.0.1', `port ${target} listens on ${address}`);
			for (const host of ['attacker.example', `attacker.example:${target}`, `127.0.0.2:${target}`]) {
				const answer = await rawRequest(host, '/rest/settings', '', target);
				assert.equal(answer.status, 421, `port ${target}, Host "${host}": ${answer.text.slice(0, 200)}`);
			}
		}
		console.log(`[sandbox] listening: ${ports.map((entry) => `${entry.address}:${entry.port} (pid ${entry.pid})`).join(', ')}`);
	});

	test('a foreign Host is refused (421) and never reaches n8n; the loopback address is served', async () => {
		for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.nip.io:${port}`, `127.0.0.2:${port}`, '']) {
			const answer = await rawRequest(host);
			assert.equal(answer.status, 421, `Host "${host}": ${answer.text.slice(0, 200)}`);
			assert.doesNotMatch(answer.text, /"data"/);
		}
		for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
			const answer = await rawRequest(host);
			assert.equal(answer.status, 200, `Host "${host}": ${answer.text.slice(0, 200)}`);
		}
	});

	test('a WebSocket upgrade with a foreign Host is refused', async () => {
		const upgrade = 'Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
		const answer = await rawRequest(`evil.example:${port}`, '/rest/push?pushRef=x', upgrade);
		assert.equal(answer.status, 421);
		// The sandbox's own address goes through to n8n (which wants a login for push).
		const own = await rawRequest(`127.0.0.1:${port}`, '/rest/push?pushRef=x', upgrade);
		assert.notEqual(own.status, 421);
		assert.ok(own.status > 0, own.text.slice(0, 200));
	});

	test('the published password does not log in; the random one, kept in a 600 file, does', async () => {
		const file = join(dir, 'owner-password');
		const kept = readFileSync(file, 'utf8').trim();
		assert.equal(printed.password, kept);
		assert.notEqual(kept, OWNER.password);
		assert.equal(mode(file), '600');
		assert.equal(await loginStatus(OWNER.password), 401);
		assert.equal(await loginStatus(kept), 200);
	});

	test("n8n's settings (encryption key) and database are mode 600, the folders 700", () => {
		assert.equal(mode(join(dir, '.n8n', 'config')), '600');
		assert.equal(mode(join(dir, '.n8n', 'database.sqlite')), '600');
		assert.equal(mode(join(dir, '.n8n')), '700');
		assert.equal(mode(dir), '700');
	});

	// Last: it ends the sandbox. The owner's password changed behind npm start's back (as
	// an owner set up by someone else would have another one): the next start refuses it.
	test('a .sandbox/ whose owner is not the sandbox account is refused: exit 1, the reason, .sandbox/ removed', async () => {
		await changePassword(`http://127.0.0.1:${port}`, { email: OWNER.email, password: printed.password }, 'Changed-Passw0rd1');
		await sandbox.stop(30000);
		sandbox = null;
		const again = await run(process.execPath, [START], {
			cwd: PROJECT_ROOT,
			env: { ...process.env, RYZE_SANDBOX_DIR: dir, RYZE_N8N_PORT: String(port), RYZE_SIMULATOR_PORT: String(simulatorPort) },
			allowFailure: true,
			timeoutMs: 600000, // a hang guard
		});
		const output = `${again.stdout}\n${again.stderr}`;
		assert.equal(again.code, 1, output.slice(-2000));
		assert.match(output, /refused: .*password of its owner sandbox@example\.com is not the one in owner-password/);
		assert.match(output, /was removed/);
		assert.doesNotMatch(output, /RyzeAPI sandbox is ready/);
		assert.equal(existsSync(dir), false, `${dir} is still there`);
	});
});
