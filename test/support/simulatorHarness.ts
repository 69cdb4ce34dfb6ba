/**
 * Starts the project's RyzeAPI simulator on 127.0.0.1:<ephemeral> for each test. A fresh
 * simulator is a fresh server on a new port, so a new Base URL: what the process's lanes
 * learnt of the previous one's rate-limit windows does not apply to it, as for any other
 * server (the lane key is Base URL + token), and no test needs to reach into the lanes.
 */
import { startSimulator, type RunningSimulator, SANDBOX, type SimulatorOptions } from '../simulator';

export { SANDBOX };

export function useSimulator(options: SimulatorOptions = {}): {
	sim: () => RunningSimulator;
	credentials: () => { baseUrl: string; token: string; instance: string };
	/** A new simulator (seeded, `options` as given) on a new port: a server the process has never seen. */
	restart: () => Promise<void>;
} {
	let running: RunningSimulator | undefined;
	const restart = async (): Promise<void> => {
		await running?.close();
		running = await startSimulator({ host: '127.0.0.1', port: 0, ...options });
	};
	beforeAll(restart);
	afterAll(async () => {
		await running?.close();
	});
	beforeEach(restart);
	const sim = (): RunningSimulator => {
		if (!running) throw new Error('simulator not started');
		return running;
	};
	return {
		sim,
		restart,
		credentials: () => ({ baseUrl: sim().url, token: SANDBOX.tokens.sandbox, instance: SANDBOX.instances.sandbox }),
	};
}

/** Every string in a value, deeply: to prove a secret appears nowhere. */
export function allText(value: unknown): string {
	const seen = new WeakSet<object>();
	const walk = (entry: unknown): string => {
		if (entry === null || entry === undefined) return '';
		if (typeof entry === 'string') return entry;
		if (typeof entry !== 'object') return String(entry);
		if (seen.has(entry as object)) return '';
		seen.add(entry as object);
		const parts: string[] = [];
		if (entry instanceof Error)
			parts.push(entry.message, entry.stack ?? '', String((entry as { description?: unknown }).description ?? ''));
		for (const key of Object.getOwnPropertyNames(entry)) {
			try {
				parts.push(key, walk((entry as Record<string, unknown>)[key]));
			} catch {
				// a getter that throws holds nothing to show
			}
		}
		return parts.join('\n');
	};
	return walk(value);
}
