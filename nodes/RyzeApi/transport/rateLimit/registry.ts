/**
 * The lanes of one process, keyed by Base URL + an HMAC of the token. lanes.ts
 * holds the process's one registry; the class lets a test hold its own registry
 * and clock instead of reaching into the process's.
 *
 * A feature may attach its own per-lane state (an operation that merges
 * concurrent executions' calls keeps its queue there): the registry knows it
 * only as something that is idle or not, so the transport names no operation.
 */
import { createHmac, randomBytes } from 'crypto';

import { TokenLane, type Clock } from './lane';

/** Idle lanes are dropped once there are more than this many (bounded memory), unless their window still matters. */
const MAX_IDLE_LANES = 32;
/** Past this many, every idle lane is dropped, known window or not (a few hundred bytes each). */
const MAX_LANES = 1024;

/** Per-lane state a feature attaches (lane.attach): dropped with the lane, which waits until it is idle. */
export interface LaneAttachment {
	idle(): boolean;
}

/** A token's lane and what features attached to it. */
export interface Lane {
	readonly lane: TokenLane;
	attach<T extends LaneAttachment>(name: string, make: (lane: TokenLane, clock: Clock) => T): T;
	idle(): boolean;
}

class LaneEntry implements Lane {
	private readonly attachments = new Map<string, LaneAttachment>();

	constructor(
		readonly lane: TokenLane,
		private readonly clock: Clock,
	) {}

	/** The lane's attachment under `name`, made by `make` on first use. */
	attach<T extends LaneAttachment>(name: string, make: (lane: TokenLane, clock: Clock) => T): T {
		let attached = this.attachments.get(name);
		if (!attached) {
			attached = make(this.lane, this.clock);
			this.attachments.set(name, attached);
		}
		return attached as T;
	}

	/** Nothing queued or in flight on the lane or in any attachment. */
	idle(): boolean {
		if (!this.lane.idle()) return false;
		for (const attached of this.attachments.values()) if (!attached.idle()) return false;
		return true;
	}
}

/**
 * Whether a lane may be dropped: nothing queued or in flight, and nothing it
 * knows still matters. A lane that knows its window keeps it until the Reset has
 * passed: dropped sooner, the next run on the token would start from an unknown
 * window and send into a spent one.
 */
function droppable(entry: Lane, now: number): boolean {
	if (!entry.idle()) return false;
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
				for (const [other, candidate] of this.lanes) if (candidate.idle()) this.lanes.delete(other);
			}
			entry = new LaneEntry(new TokenLane(clock), clock);
			this.lanes.set(key, entry);
		}
		return entry;
	}

	/** How many lanes it holds (the memory bound). */
	get size(): number {
		return this.lanes.size;
	}
}
