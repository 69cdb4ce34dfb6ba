// The sandbox's Host guard: every HTTP server of a process refuses every request (and
// WebSocket upgrade, and CONNECT) whose Host header is not its own loopback address.
// n8n (2.8.4 and 2.41.1) has no setting that checks Host, and a foreign Host is what DNS
// rebinding needs: a web page re-points its own name at 127.0.0.1 and then talks to the
// editor as if same-origin, with Host: its name.
//
// `npm start` loads it into n8n's process and the simulator's with `node --import
// <hostGuardPreload.mjs>` (hostGuardNodeArgs()), before any of their code runs: it
// patches node:http's and node:https' Server, so the editor, the webhooks, the push
// connection, n8n's task broker and the simulator's routes all check Host on their own
// port, and no port of the sandbox is left without the check (a proxy in front of n8n
// left n8n's own port open to a foreign Host).
//
// Accepted: `127.0.0.1:<port>` and `localhost:<port>`, <port> being the port the
// connection came in on (browsers resolve localhost to loopback themselves, never
// through an attacker's DNS). Everything else gets 421 Misdirected Request and never
// reaches the server's own handlers.

/** Is `host` (a Host header) the address of a server on 127.0.0.1:`port`? */
export function isSandboxHost(host, port) {
	if (typeof host !== 'string' || !port) return false;
	const value = host.trim().toLowerCase();
	return value === `127.0.0.1:${port}` || value === `localhost:${port}`;
}

function refusalText(host, port) {
	return `Refused: Host "${String(host ?? '').slice(0, 100)}" is not this sandbox's address. Open http://127.0.0.1:${port}/ instead.\n`;
}

const GUARDED = Symbol.for('ryzeapi.hostGuard');

/**
 * Makes every server of these classes (node:http's and node:https' Server) refuse a
 * foreign Host: 'request' and 'checkContinue' get a 421 answer, 'upgrade' and
 * 'connect' a 421 on the raw socket. Patching twice does nothing more.
 */
export function guardServers(serverClasses) {
	for (const ServerClass of serverClasses) {
		const proto = ServerClass.prototype;
		if (proto[GUARDED]) continue;
		const emit = proto.emit;
		proto.emit = function guardedEmit(event, ...args) {
			if (event === 'request' || event === 'checkContinue' || event === 'checkExpectation') {
				const [req, res] = args;
				const port = req.socket?.localPort;
				if (!isSandboxHost(req.headers.host, port)) {
					const body = refusalText(req.headers.host, port);
					req.resume();
					res.writeHead(421, {
						'content-type': 'text/plain; charset=utf-8',
						'content-length': Buffer.byteLength(body),
						connection: 'close',
					});
					res.end(body);
					return true;
				}
			} else if (event === 'upgrade' || event === 'connect') {
				const [req, socket] = args;
				if (!isSandboxHost(req.headers.host, socket?.localPort)) {
					socket.on('error', () => socket.destroy());
					socket.end('HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
					return true;
				}
			}
			return emit.call(this, event, ...args);
		};
		proto[GUARDED] = true;
	}
}

/** The arguments that make a Node process load the guard before its own code: `node ...hostGuardNodeArgs() main.js`. */
export function hostGuardNodeArgs() {
	return ['--import', new URL('./hostGuardPreload.mjs', import.meta.url).href];
}
