// Acceptance of `npm start` itself (issue 15, point 14): the sandbox in a temporary
// folder on free ports, then what a hostile page or another local user could try.
// - a foreign Host (DNS rebinding) is refused, for HTTP and for a WebSocket upgrade;
//   the sandbox's own 127.0.0.1:<port> and localhost:<port> are served;
// - the published password no longer logs in; the random one in owner-password does;
// - owner-password, n8n's config (the encryption key) and database.sqlite are mode 600.
//
//   flock /tmp/ryze-n8n.lock node scripts/acceptance.mjs sandbox
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { start, stopChildrenOnSignals } from '../../scripts/lib/processes.mjs';
import { freePort } from '../../scripts/n8n/cli.mjs';
import { PROJECT_ROOT } from '../../scripts/lib/paths.mjs';
import { OWNER } from '../../scripts/n8n/config.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ryzeapi-sandbox-'));
let port;
let sandbox;
let printed;

stopChildrenOnSignals(() => rmSync(dir, { recursive: true, force: true }));

/** One GET with the given Host header, over a raw socket (fetch will not send a foreign Host). */
function rawRequest(host, path = '/rest/settings', extra = '') {
	return new Promise((resolve, reject) => {
		const socket = connect(port, '127.0.0.1', () => {
			socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`);
		});
		let text = '';
		socket.setEncoding('utf8');
		socket.on('data', (chunk) => (text += chunk));
		socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1]), text }));
		socket.on('error', reject);
		socket.setTimeout(15000, () => socket.destroy(new Error(`no answer for Host ${host}`)));
	});
}

async function loginStatus(password) {
	const response = await fetch(`http://127.0.0.1:${port}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password }),
	});
	await response.text();
	return response.status;
}

const mode = (file) => (statSync(file).mode & 0o777).toString(8);

describe('npm start: the sandbox keeps to its owner', () => {
	before(async () => {
		port = await freePort();
		sandbox = await start(process.execPath, [join(PROJECT_ROOT, 'scripts', 'start.mjs')], {
			cwd: PROJECT_ROOT,
			env: { ...process.env, RYZE_SANDBOX_DIR: dir, RYZE_N8N_PORT: String(port), RYZE_SIMULATOR_PORT: String(await freePort()) },
			ready: /RyzeAPI sandbox is ready[\s\S]*login\s+(\S+) \/ (\S+)/,
			timeoutMs: 600000,
			logFile: join(dir, 'start.log'),
			name: 'npm start',
		});
		printed = { email: sandbox.match[1], password: sandbox.match[2] };
	});

	after(async () => {
		await sandbox?.stop(30000);
		rmSync(dir, { recursive: true, force: true });
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
});
