/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/** A webhook receiver on 127.0.0.1:<ephemeral> that records every POST and answers a set status. */
import { createServer, type Server } from 'node:http';

export interface Received {
	path: string;
	body: unknown;
	headers: Record<string, unknown>;
}

export interface Receiver {
	url: string;
	received: Received[];
	status: number;
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const received: Received[] = [];
	const receiver = { received, status: 200 } as Receiver;
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body: unknown = text;
			try {
				body = JSON.parse(text);
			} catch {
				// kept as text
			}
			received.push({ path: req.url ?? '', body, headers: req.headers });
			res.writeHead(receiver.status, { 'Content-Type': 'application/json' }).end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	receiver.url = `http://127.0.0.1:${port}`;
	receiver.close = () =>
		new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	return receiver;
}
