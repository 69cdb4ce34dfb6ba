/**
 * The lanes of one process, keyed by Base URL + an HMAC of the token
 * (coordinator.ts holds the process's one registry). A class, so that a test can
 * hold its own registry and clock instead of reaching into the process's.
 */
import { createHmac, randomBytes } from 'crypto';

import { ParticipantBatcher } from './batcher';
import { TokenLane, type Clock } from './lane';

/** Idle lanes are dropped once there are more than this many (bounded memory), unless their window still matters. */
const MAX_IDLE_LANES = 32;
/** Past this many, every idle lane is dropped, known window or not (a few hundred bytes each). */
const MAX_LANES = 1024;

export interface Lane {
	lane: TokenLane;
	batcher: ParticipantBatcher;
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

export class LaneRegistry {
	private readonly lanes = new Map<string, Lane>();

	/**
	 * `secret`: drawn once per registry, never stored or logged. A lane key cannot
	 * be matched against a guessed token without it (an unsalted hash could, from a
	 * heap dump or a key kept after the token was rotated), and it is gone with the process.
	 */
	constructor(private readonly secret: Buffer = randomBytes(32)) {}

	/**
	 * The lane key: the Base URL and an HMAC-SHA-256 of the token under the
	 * registry's secret. Two credentials with one token share a budget, as at the server.
	 */
	key(baseUrl: string, token: string): string {
		return `${baseUrl} ${createHmac('sha256', this.secret).update(token).digest('base64url')}`;
	}

	/** The key's lane, made on first use; idle lanes of other keys are dropped past the bounds. */
	laneFor(key: string, clock: Clock): Lane {
		let entry = this.lanes.get(key);
		if (!entry) {
			if (this.lanes.size >= MAX_IDLE_LANES) {
				const now = clock.now();
				for (const [other, candidate] of this.lanes) if (droppable(candidate, now)) this.lanes.delete(other);
			}
			if (this.lanes.size >= MAX_LANES) {
				// A hard bound against a server that keeps every window known (Resets up to 24 h away): idle ones go.
				for (const [other, candidate] of this.lanes) if (candidate.lane.idle() && candidate.batcher.idle()) this.lanes.delete(other);
			}
			const lane = new TokenLane(clock);
			entry = { lane, batcher: new ParticipantBatcher(lane, clock) };
			this.lanes.set(key, entry);
		}
		return entry;
	}

	/** How many lanes it holds (the memory bound). */
	get size(): number {
		return this.lanes.size;
	}
}
