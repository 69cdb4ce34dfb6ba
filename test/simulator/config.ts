/**
 * Simulator settings: defaults, merging and validation of runtime changes.
 */
import { isRecord } from './http';
import type { SimulatorConfig, SimulatorOptions } from './types';

export const DEFAULT_CONFIG: SimulatorConfig = {
	host: '127.0.0.1',
	port: 0,
	rateLimit: { limit: 100, windowMs: 60000 },
	latencyMs: 0,
	approveLatencyMs: 0,
};

/** Applies the given options over `base` (host/port only matter before listening). */
export function mergeConfig(base: SimulatorConfig, opts: Partial<SimulatorOptions> = {}): SimulatorConfig {
	return {
		host: opts.host ?? base.host,
		port: opts.port ?? base.port,
		rateLimit: { ...base.rateLimit, ...(opts.rateLimit ?? {}) },
		latencyMs: opts.latencyMs ?? base.latencyMs,
		approveLatencyMs: opts.approveLatencyMs ?? base.approveLatencyMs,
	};
}

const isCount = (value: unknown, min: number): boolean => typeof value === 'number' && Number.isFinite(value) && value >= min;

/** Checks a config change received as JSON; returns an error text, or null when valid. */
export function validateConfigPatch(value: unknown): string | null {
	if (!isRecord(value)) return 'config must be an object';
	const { rateLimit, latencyMs, approveLatencyMs } = value;
	if (rateLimit !== undefined) {
		if (!isRecord(rateLimit)) return 'rateLimit must be an object';
		if (rateLimit.limit !== undefined && !isCount(rateLimit.limit, 0)) return 'rateLimit.limit must be >= 0';
		if (rateLimit.windowMs !== undefined && !isCount(rateLimit.windowMs, 1)) return 'rateLimit.windowMs must be >= 1';
	}
	if (latencyMs !== undefined && !isCount(latencyMs, 0)) return 'latencyMs must be >= 0';
	if (approveLatencyMs !== undefined && !isCount(approveLatencyMs, 0)) return 'approveLatencyMs must be >= 0';
	return null;
}

/** The runtime-adjustable part of the config, as shown by `/__sim/config`. */
export function publicConfig(config: SimulatorConfig): Record<string, unknown> {
	const { rateLimit, latencyMs, approveLatencyMs } = config;
	return { rateLimit: { ...rateLimit }, latencyMs, approveLatencyMs };
}
