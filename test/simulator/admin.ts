/**
 * Control routes under `/__sim/` (no auth, never rate limited, never recorded):
 *
 *   POST   /__sim/faults   {faults:[...]}  queue faults for the next API requests
 *   GET    /__sim/faults                   list queued faults
 *   DELETE /__sim/faults                   clear the queue
 *   GET    /__sim/calls                    recorded API calls (never the token)
 *   DELETE /__sim/calls                    clear the call log
 *   POST   /__sim/reset                    re-seed state, counters, faults, call log
 *   GET    /__sim/config                   current rate limit and latencies
 *   POST   /__sim/config  {rateLimit?, latencyMs?, approveLatencyMs?}
 *   GET    /__sim/state                    groups, members, pending requests, counters
 *   …and the events routes (join, leave, requests, group-update, instance-state, deliveries, replay,
 *   webhooks, flow-shape, messages): eventsAdmin.ts
 */
import { publicConfig, validateConfigPatch } from './config';
import { handleEventsAdmin } from './eventsAdmin';
import type { FaultQueue } from './faults';
import { validateFault } from './faults';
import { fail, isRecord, ok, type ApiResult, type ParsedBody } from './http';
import { MESSAGES } from './messages';
import type { SimulatorState } from './state';
import type { Fault, RecordedCall, SimulatorConfig, SimulatorOptions } from './types';

export interface AdminContext {
	state: SimulatorState;
	faults: FaultQueue;
	calls: RecordedCall[];
	config(): SimulatorConfig;
	reset(): void;
	configure(opts: Partial<SimulatorOptions>): void;
}

function queueFaults(ctx: AdminContext, body: ParsedBody): ApiResult {
	if (!body.ok) return fail(400, MESSAGES.invalidBody);
	const value = body.value;
	const faults = Array.isArray(value) ? value : isRecord(value) ? value.faults : undefined;
	if (!Array.isArray(faults)) return fail(400, 'Body must be {"faults": [...]}');
	for (const [index, fault] of faults.entries()) {
		const problem = validateFault(fault);
		if (problem) return fail(400, `faults[${index}]: ${problem}`);
	}
	ctx.faults.push(faults as Fault[]);
	return ok({ message: `${faults.length} faults queued`, queued: ctx.faults.list().length });
}

function configure(ctx: AdminContext, body: ParsedBody): ApiResult {
	if (!body.ok) return fail(400, MESSAGES.invalidBody);
	const patch = body.value ?? {};
	const problem = validateConfigPatch(patch);
	if (problem) return fail(400, problem);
	ctx.configure(patch as Partial<SimulatorOptions>);
	return ok({ message: 'Config updated', config: publicConfig(ctx.config()) });
}

export function handleAdmin(ctx: AdminContext, method: string, path: string, body: ParsedBody): ApiResult {
	const route = `${method} ${path.replace(/\/+$/, '')}`;
	switch (route) {
		case 'POST /__sim/faults':
			return queueFaults(ctx, body);
		case 'GET /__sim/faults':
			return ok({ faults: ctx.faults.list() });
		case 'DELETE /__sim/faults':
			ctx.faults.clear();
			return ok({ message: 'Fault queue cleared' });
		case 'GET /__sim/calls':
			return ok({ calls: ctx.calls });
		case 'DELETE /__sim/calls':
			ctx.calls.length = 0;
			return ok({ message: 'Call log cleared' });
		case 'POST /__sim/reset':
			ctx.reset();
			return ok({ message: 'Simulator reset' });
		case 'GET /__sim/config':
			return ok({ config: publicConfig(ctx.config()) });
		case 'POST /__sim/config':
			return configure(ctx, body);
		case 'GET /__sim/state':
			return ok({ ...ctx.state.snapshot(), queuedFaults: ctx.faults.list().length });
		default:
			return handleEventsAdmin(ctx.state, route, body) ?? fail(404, MESSAGES.notFound);
	}
}
