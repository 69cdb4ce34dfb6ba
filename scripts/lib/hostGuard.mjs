// The sandbox's Host guard: a small proxy on 127.0.0.1 in front of n8n that refuses
// every request (and WebSocket upgrade) whose Host header is not the sandbox's own
// loopback address. n8n (2.8.4 and 2.41.1) has no setting that checks Host, and a
// foreign Host is what DNS rebinding needs: a web page re-points its own name at
// 127.0.0.1 and then talks to the editor as if same-origin, with Host: its name.
//
// Accepted: `127.0.0.1:<port>` and `localhost:<port>` (browsers resolve localhost
// to loopback themselves, never through an attacker's DNS). Everything else gets
// 421 Misdirected Request and never reaches n8n.
import { createServer, request } from 'node:http';
import { connect } from 'node:net';

/** Is `host` (a Host header) the guard's own address? */
export function isSandboxHost(host, port) {
	if (typeof host !== 'string') return false;
	const value = host.trim().toLowerCase();
	return value === `127.0.0.1:${port}` || value === `localhost:${port}`;
}

function refuse(res, port, host) {
	const body = `Refused: Host "${String(host ?? '').slice(0, 100)}" is not this sandbox's address. Open http://127.0.0.1:${port}/ instead.\n`;
	res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
	res.end(body);
}

/**
 * Starts the guard on 127.0.0.1:`port`, forwarding to n8n on 127.0.0.1:`targetPort`.
 * Resolves {url, refused(), stop()}.
 */
export async function startHostGuard({ port, targetPort }) {
	let refused = 0;
	const sockets = new Set();
	const server = createServer((req, res) => {
		if (!isSandboxHost(req.headers.host, port)) {
			refused++;
			req.resume();
			refuse(res, port, req.headers.host);
			return;
		}
		const upstream = request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
			answer.pipe(res);
		});
		upstream.on('error', () => {
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
			res.end('n8n is not answering\n');
		});
		req.pipe(upstream);
	});
	server.on('upgrade', (req, socket, head) => {
		socket.on('error', () => socket.destroy());
		if (!isSandboxHost(req.headers.host, port)) {
			refused++;
			socket.end('HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
			return;
		}
		const upstream = connect(targetPort, '127.0.0.1', () => {
			const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
			for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
			upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
			if (head?.length) upstream.write(head);
			socket.pipe(upstream).pipe(socket);
		});
		upstream.on('error', () => socket.destroy());
		socket.on('close', () => upstream.destroy());
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	return {
		url: `http://127.0.0.1:${port}`,
		refused: () => refused,
		stop: () =>
			new Promise((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}
