/** Starts the project's RyzeAPI simulator on 127.0.0.1:<ephemeral> for a test file. */
import { forgetLanes } from '../../nodes/RyzeApi/transport/coordination/coordinator';
import { startSimulator, type RunningSimulator, SANDBOX, type SimulatorOptions } from '../simulator';

export { SANDBOX };

export function useSimulator(options: SimulatorOptions = {}): {
	sim: () => RunningSimulator;
	credentials: () => { baseUrl: string; token: string; instance: string };
} {
	let running: RunningSimulator | undefined;
	beforeAll(async () => {
		running = await startSimulator({ host: '127.0.0.1', port: 0, ...options });
	});
	afterAll(async () => {
		await running?.close();
	});
	beforeEach(() => {
		running?.reset();
		// The simulator starts afresh: so does what this process learnt of its rate-limit windows.
		forgetLanes();
		if (options.rateLimit) running?.configure({ rateLimit: options.rateLimit });
	});
	const sim = (): RunningSimulator => {
		if (!running) throw new Error('simulator not started');
		return running;
	};
	return {
		sim,
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
