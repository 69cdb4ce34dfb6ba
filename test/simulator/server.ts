/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * HTTP server of the RyzeAPI simulator: request pipeline for `/api/*`
 * (call log -> rate limit -> fault -> handler -> latency -> answer) and the
 * `/__sim/*` control routes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import { handleAdmin, type AdminContext } from './admin';
import { extractToken } from './auth';
import { Deliverer } from './deliveries';
import { DEFAULT_CONFIG, mergeConfig } from './config';
import { FaultQueue, faultProcesses, parseFaultHeader, renderFault } from './faults';
import { errorBody, jsonReply, parseJson, readBody, type Answer, type ParsedBody, type Reply } from './http';
import { MESSAGES } from './messages';
import { RateLimiter, rateLimitHeaders } from './rateLimit';
import { handleApi } from './routes';
import { SimulatorState } from './state';
import type { Fault, RecordedCall, SimulatorConfig, SimulatorOptions } from './types';

export interface RunningSimulator {
	/** Base URL, e.g. `http://127.0.0.1:41234`. */
	url: string;
	port: number;
	/** Stops listening and destroys open (keep-alive) sockets. */
	close(): Promise<void>;
	/** Re-seeds state and clears counters, rate-limit buckets, queued faults and the call log. */
	reset(): void;
	/** Queues faults, consumed in order by the next (matching) API requests. */
	scriptFaults(faults: Fault[]): void;
	/** Changes rate limit and latencies at runtime (host/port are ignored). */
	configure(opts: Partial<SimulatorOptions>): void;
	/** Resolves when every webhook delivery made so far (group.flow, instance.state, replays) got its answer. */
	deliveriesSettled(): Promise<void>;
	/** Live call log of /api/* requests (never contains a token). */
	calls: RecordedCall[];
	state: SimulatorState;
}

const errorReply = (status: number, message: string): Answer => jsonReply({ status, body: errorBody(message) });

const PAD_CHUNK = Buffer.alloc(64 * 1024, ' ');

/** Writes a reply. Dripping and padding are awaited with `sleep`, so closing the simulator stops them. */
async function send(
	res: ServerResponse,
	reply: Reply,
	headers: Record<string, string> = {},
	sleep: (ms: number) => Promise<void> = async () => {},
): Promise<void> {
	if (reply.drop || res.headersSent || res.destroyed) return;
	const body = Buffer.from(reply.body, 'utf8');
	const pad = reply.padBytes ?? 0;
	res.writeHead(reply.status, {
		...headers,
		...(reply.headers ?? {}),
		...(reply.contentType ? { 'Content-Type': reply.contentType } : {}),
		'Content-Length': String(body.length + pad),
	});
	if (reply.dripMs) {
		for (let index = 0; index < body.length && !res.destroyed; index++) {
			res.write(body.subarray(index, index + 1));
			await sleep(reply.dripMs);
		}
		if (!res.destroyed) res.end();
		return;
	}
	if (pad > 0) {
		// Valid JSON all along: the spaces go before the body's closing brace.
		res.write(body.subarray(0, body.length - 1));
		for (let left = pad; left > 0 && !res.destroyed; left -= PAD_CHUNK.length) {
			if (!res.write(left >= PAD_CHUNK.length ? PAD_CHUNK : PAD_CHUNK.subarray(0, left))) {
				await new Promise<void>((resolve) => {
					// Both listeners go once either fires: a long body waits for many drains.
					const done = (): void => {
						res.off('drain', done);
						res.off('close', done);
						resolve();
					};
					res.once('drain', done);
					res.once('close', done);
				});
			}
		}
		if (!res.destroyed) res.end(body.subarray(body.length - 1));
		return;
	}
	res.end(body);
}

const requestJson = (body: ParsedBody): unknown => (body.ok ? body.value : undefined);

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
	let config: SimulatorConfig = mergeConfig(DEFAULT_CONFIG, opts);
	const state = new SimulatorState();
	const faults = new FaultQueue();
	const calls: RecordedCall[] = [];
	const limiter = new RateLimiter(config.rateLimit);
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();

	const sleep = (ms: number): Promise<void> =>
		ms <= 0
			? Promise.resolve()
			: new Promise((resolve) => {
					const timer = setTimeout(() => {
						timers.delete(timer);
						resolve();
					}, ms);
					timers.add(timer);
				});

	const reset = (): void => {
		state.reset();
		limiter.clear();
		faults.clear();
		calls.length = 0;
	};

	const configure = (patch: Partial<SimulatorOptions>): void => {
		config = mergeConfig(config, { ...patch, host: config.host, port: config.port });
		if (patch.rateLimit) limiter.configure(config.rateLimit);
	};

	// Webhook deliveries (deliveries.ts): made after the answer is built, awaited by deliveriesSettled().
	let publicUrl = '';
	const deliverer = new Deliverer(state, () => publicUrl);
	state.sink = deliverer;

	const admin: AdminContext = { state, faults, calls, config: () => config, reset, configure };

	async function handleApiRequest(req: IncomingMessage, res: ServerResponse, url: URL, body: ParsedBody) {
		const method = (req.method ?? 'GET').toUpperCase();
		const path = url.pathname;
		const token = extractToken(req.headers);
		const tokenKind = state.tokenKind(token);
		const call: RecordedCall = {
			method,
			path,
			query: Object.fromEntries(url.searchParams),
			body: body.ok ? body.value : body.raw,
			status: 0,
			tokenKind,
			at: new Date().toISOString(),
		};
		calls.push(call);
		state.stats.requests++;
		const valid = tokenKind === 'instance' || tokenKind === 'account';
		const rate = limiter.hit(valid ? `token:${token}` : 'anonymous');

		let reply: Reply;
		const headerFault = rate.limited ? undefined : parseFaultHeader(req.headers['x-sim-fault']);
		if (rate.limited) {
			state.stats.rateLimited++;
			reply = { ...errorReply(429, MESSAGES.rateLimited), exhausted: true };
		} else if (typeof headerFault === 'string') {
			reply = errorReply(400, headerFault);
		} else {
			const fault = headerFault ?? faults.take(method, path);
			if (fault) {
				state.stats.faulted++;
				call.fault = fault.kind;
			}
			let result;
			if (!fault || faultProcesses(fault)) {
				state.stats.processed++;
				result = handleApi({ state, config, method, path, query: url.searchParams, token, body });
			}
			reply = fault ? renderFault(fault, result, requestJson(body)) : jsonReply(result ?? { status: 500, body: null });
		}

		await sleep(config.latencyMs + (reply.drop ? 0 : (reply.delayMs ?? 0)));
		if (reply.drop) {
			req.socket.destroy();
			return;
		}
		call.status = reply.status;
		await send(res, reply, rateLimitHeaders(rate, reply.exhausted), sleep);
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://simulator.local');
		const method = (req.method ?? 'GET').toUpperCase();
		const body = parseJson(await readBody(req));
		const path = url.pathname;
		if (path === '/api' || path.startsWith('/api/')) return handleApiRequest(req, res, url, body);
		if (path.startsWith('/__sim/')) return send(res, jsonReply(handleAdmin(admin, method, path, body)));
		if (path === '/' && method === 'GET') {
			return send(res, jsonReply({ status: 200, body: { success: true, message: 'RyzeAPI simulator' } }));
		}
		await send(res, errorReply(404, MESSAGES.notFound));
	}

	const server = createServer((req, res) => {
		handle(req, res).catch(() => void send(res, errorReply(500, 'Internal simulator error')));
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : config.port;
	const host = config.host.includes(':') ? `[${config.host}]` : config.host;
	publicUrl = `http://${host}:${port}`;

	return {
		url: `http://${host}:${port}`,
		port,
		state,
		calls,
		reset,
		configure,
		scriptFaults: (list: Fault[]) => faults.push(list),
		deliveriesSettled: () => deliverer.settled(),
		close: () =>
			new Promise<void>((resolve) => {
				for (const timer of timers) clearTimeout(timer);
				timers.clear();
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
				server.closeAllConnections();
			}),
	};
}
