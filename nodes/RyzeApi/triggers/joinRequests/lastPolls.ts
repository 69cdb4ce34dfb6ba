/**
 * What the last poll of each Join Request Trigger left, kept in this n8n process
 * for a minute: two polls of one trigger that overlap must not both emit a request.
 *
 * n8n 2.41.1's durable scheduler builds each poll's workflow from the database,
 * whose static data is what the last poll that emitted saved (n8n saves it, without
 * waiting, as it hands the items on). Two polls of one trigger close together (the
 * activation poll and a scheduled one, a task run again after a restart: two
 * executions for one request, seen once in the acceptance test) each start from
 * that saved state and would both emit a request
 * that is new to it. So each poll, once its answer is in, starts from the later of
 * its static data and what the trigger's last poll in this process left, and leaves
 * its own; that step has no await, so two polls in one process never interleave in
 * it. Only for a minute, so that a result n8n discarded (a workflow deactivated
 * during its poll) is not held against the next activation for long; and at most
 * MAX_TRIGGERS triggers, the oldest forgotten first. Another process (queue mode,
 * another main) keeps its own.
 */
import type { PollState } from './state';

const KEEP_MS = 60_000;
const MAX_TRIGGERS = 1_000;
const lastPolls = new Map<string, PollState>();

/** One trigger: its workflow and its node. */
export function triggerKey(workflowId: string | undefined, nodeId: string): string {
	return `${workflowId ?? ''}\n${nodeId}`;
}

/** What the trigger's last poll in this process left, if it is less than a minute old at `now`. */
export function lastPoll(key: string, now: number): PollState | undefined {
	const state = lastPolls.get(key);
	if (state === undefined) return undefined;
	if (now - state.polledAt <= KEEP_MS) return state;
	lastPolls.delete(key);
	return undefined;
}

export function keepPoll(key: string, state: PollState): void {
	lastPolls.delete(key);
	lastPolls.set(key, state);
	if (lastPolls.size > MAX_TRIGGERS) lastPolls.delete(lastPolls.keys().next().value as string);
}
