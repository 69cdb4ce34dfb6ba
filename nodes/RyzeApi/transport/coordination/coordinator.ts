/**
 * The process-wide coordinator: what concurrent executions of this node share.
 *
 * A CRM calls its webhook once per contact, so a burst of 300 won deals is 300
 * executions with one item each, all on one token's 100 calls per minute. Alone,
 * each would pace itself and they would all hit the limit together. Here:
 *
 * - one `TokenLane` per token (Base URL + an HMAC of the token under a random
 *   per-process secret; the token itself is never a key): one rate-limit state
 *   and one FIFO queue (lane.ts);
 * - one `ParticipantBatcher` per lane: Manage Participants calls of concurrent
 *   executions for the same instance, group and action join into one call, up to
 *   Batch Size (Combine Across Executions). A call goes out at once when nothing
 *   for its key is in flight and the window allows it; while a call is in flight,
 *   or the window is spent, later requests gather and leave together.
 *
 * Each execution gets exactly its own results: the answer of a merged call is
 * matched per execution against the participants that execution asked for. A
 * merged call refused as a whole with 400 or 413 (nothing processed) is split and
 * sent again per execution, so one execution's input cannot fail another's.
 * Nothing is resent after an outcome that may have been processed (timeout,
 * dropped connection, 5xx) unless every execution in the call opted in.
 *
 * Held at module level: one per n8n process (each queue-mode worker has its own).
 */
import { LaneRegistry } from './registry';

/**
 * The process's lanes (registry.ts), under a secret drawn once per process:
 * `lanes.key(baseUrl, token)` and `lanes.laneFor(key, clock)`.
 */
export const lanes = new LaneRegistry();

export type { BatchEntry, EntryResult, ParticipantBatcher } from './batcher';
