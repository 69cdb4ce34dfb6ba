/**
 * Sends one planned participants call: joined with concurrent executions' calls
 * for the same instance, group and action when Combine Across Executions is on
 * (combine/), sent alone on the run's sender otherwise. Either way it answers for
 * exactly this run's participants.
 */
import { instancePath } from '../../../transport/http/request';
import { lanes } from '../../../transport/rateLimit/lanes';
import type { CallSender } from '../../../transport/rateLimit/send';
import { runClock, type RunSettings } from '../../run';
import type { RunOptions } from '../../options';
import { ParticipantBatcher, type EntryResult } from './combine/batcher';
import { noIsolation } from './combine/isolate';
import type { PlannedCall } from './plan';

/** Combine Across Executions for one run: the lane's batcher and this run's Batch Size. */
export interface Combine {
	batcher: ParticipantBatcher;
	/** Batch Size: the most participants this run puts in one call, merged or not. */
	batchSize: number;
}

/** The name of Manage Participants' batcher on a token's lane. */
const BATCHER = 'manageParticipants';

/**
 * The run's Combine Across Executions, or null when it is off or when a Batch
 * Interval asks for spaced calls. The batcher sits on the token's lane, shared
 * with every concurrent execution on the token.
 */
export function combineFor(settings: RunSettings, options: RunOptions): Combine | null {
	if (!options.batching.combineAcrossExecutions || options.batchIntervalMs !== 0) return null;
	const batcher = lanes.laneFor(settings.laneKey, runClock).attach(BATCHER, (lane, clock) => new ParticipantBatcher(lane, clock));
	return { batcher, batchSize: options.batching.batchSize };
}

export async function sendParticipants(sender: CallSender, call: PlannedCall, combine: Combine | null): Promise<EntryResult> {
	const path = instancePath('participants', call.instance);
	if (combine) {
		return await combine.batcher.submit(
			{ path, group: call.group, action: call.action },
			{
				participants: call.participants,
				timeoutMs: call.timeoutMs,
				batchSize: combine.batchSize,
				mayResend: sender.retryOnServerErrors,
				pacer: sender.pacer,
				// Bound to the merged call's own signal, not to this execution's stop (http/request.ts, detachedContext).
				send: async (spec, signal) => await sender.sendDetached(spec, signal),
				stats: sender.stats,
			},
		);
	}
	const outcome = await sender.send(
		{
			method: 'POST',
			path,
			body: { action: call.action, identifier: call.group, participants: call.participants.map((p) => p.value) },
			timeoutMs: call.timeoutMs,
		},
		'optIn',
	);
	return outcome.ok
		? { ok: true, statusCode: outcome.statusCode, body: outcome.body, sent: call.participants, shared: false, isolate: noIsolation }
		: outcome;
}
