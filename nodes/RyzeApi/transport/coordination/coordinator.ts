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
import { createHmac, randomBytes } from 'crypto';

import { ParticipantBatcher } from './batcher';
import { TokenLane, type Clock } from './lane';

/** Idle lanes are dropped once there are more than this many (bounded memory), unless their window still matters. */
const MAX_IDLE_LANES = 32;
/** Past this many, every idle lane is dropped, known window or not (a few hundred bytes each). */
const MAX_LANES = 1024;

interface Lane {
	lane: TokenLane;
	batcher: ParticipantBatcher;
}

const lanes = new Map<string, Lane>();

/**
 * Drawn once per process, never stored or logged: a lane key cannot be matched
 * against a guessed token without it (an unsalted hash could, from a heap dump
 * or a key kept after the token was rotated), and it is gone with the process.
 */
const LANE_SECRET = randomBytes(32);

/**
 * The lane key: the Base URL and an HMAC-SHA-256 of the token under the process's
 * secret. Two credentials with one token share a budget, as at the server.
 */
export function laneKey(baseUrl: string, token: string): string {
	return `${baseUrl} ${createHmac('sha256', LANE_SECRET).update(token).digest('base64url')}`;
}

/**
 * Whether a lane may be dropped: nothing queued or in flight, and nothing it
 * knows still matters. A lane that knows its window keeps it until the Reset has
 * passed: dropped sooner, the next run on the token would start from an unknown
 * window and send into a spent one.
 */
function droppable(entry: Lane, now: number): boolean {
	if (!entry.lane.idle() || !entry.batcher.idle()) return false;
	const { resetAtMs } = entry.lane.window.state;
	return resetAtMs === null || now >= resetAtMs;
}

export function laneFor(key: string, clock: Clock): Lane {
	let entry = lanes.get(key);
	if (!entry) {
		if (lanes.size >= MAX_IDLE_LANES) {
			const now = clock.now();
			for (const [other, candidate] of lanes) if (droppable(candidate, now)) lanes.delete(other);
		}
		if (lanes.size >= MAX_LANES) {
			// A hard bound against a server that keeps every window known (Resets up to 24 h away): idle ones go.
			for (const [other, candidate] of lanes) if (candidate.lane.idle() && candidate.batcher.idle()) lanes.delete(other);
		}
		const lane = new TokenLane(clock);
		entry = { lane, batcher: new ParticipantBatcher(lane, clock) };
		lanes.set(key, entry);
	}
	return entry;
}

/**
 * Forgets every lane (what the process learnt of each token's window). For a
 * server known to have been reset, e.g. the simulator between two tests.
 */
export function forgetLanes(): void {
	lanes.clear();
}

/** How many lanes the process holds (for tests of the memory bound). */
export function laneCount(): number {
	return lanes.size;
}

export { ParticipantBatcher, type BatchEntry, type EntryResult } from './batcher';
