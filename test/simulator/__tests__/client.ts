/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * What the simulator's own tests share: one simulator per test file (re-seeded before
 * each test) and a plain axios client that never throws on a status.
 */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';

import { SANDBOX, startSimulator, type RunningSimulator, type SimulatorOptions } from '..';

// Response bodies are inspected loosely; the assertions pin the real values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = Record<string, any>;

export const { tokens, groups, instances, numbers, lids } = SANDBOX;

export const jid = (digits: string): string => `${digits}@s.whatsapp.net`;

type Options = { token?: string; instance?: string; headers?: Record<string, string> };

export function useSim(options: SimulatorOptions = {}) {
	let running: RunningSimulator | undefined;
	let client: AxiosInstance | undefined;
	beforeAll(async () => {
		running = await startSimulator(options);
		client = axios.create({ baseURL: running.url, validateStatus: () => true });
	});
	beforeEach(() => running?.reset());
	afterAll(() => running?.close());
	const sim = (): RunningSimulator => running!;
	const http = (): AxiosInstance => client!;
	return {
		sim,
		http,
		/** POST /api/group/participants/:instance, as the sandbox instance with its TokenInstance unless told. */
		participants: (
			action: string,
			identifier: unknown,
			list: unknown,
			{ token = tokens.sandbox, instance = instances.sandbox, headers = {} }: Options = {},
		) =>
			http().post<Body>(
				`/api/group/participants/${instance}`,
				{ action, identifier, participants: list },
				{ headers: { token, ...headers } },
			),
		/** Any /api call with a token header (the sandbox's TokenInstance unless told; `null` sends none). */
		call: (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, data?: unknown, token: string | null = tokens.sandbox) =>
			http().request<Body>({ method, url: path, data, headers: token ? { token } : {} }),
		/** GET with a token header; `null` sends none. */
		get: (path: string, token: string | null = tokens.sandbox) => http().get<Body>(path, { headers: token ? { token } : {} }),
		memberJids: (groupJid: string): string[] =>
			sim()
				.state.groups.find((group) => group.jid === groupJid)!
				.members.map((member) => member.jid),
	};
}

/** A control route (`/__sim/<path>`). */
export const control = (sim: () => RunningSimulator, path: string, body?: unknown) =>
	axios.request<Body>({
		method: body === undefined ? 'GET' : 'POST',
		url: `${sim().url}/__sim/${path}`,
		data: body,
		validateStatus: () => true,
	});

/** An error answer in RyzeAPI's envelope. */
export function expectError(res: AxiosResponse, status: number, message: string): void {
	expect(res.status).toBe(status);
	expect(res.headers['content-type']).toMatch(/^application\/json/);
	expect(res.data).toEqual({ success: false, error: { message } });
}
