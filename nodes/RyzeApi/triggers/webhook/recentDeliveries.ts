/**
 * Deliveries that started an execution lately, so that a retried one starts none.
 *
 * RyzeAPI queues webhook deliveries "with retry/backoff" and documents neither the
 * schedule nor a delivery id: an answer it did not get (a timeout, a dropped
 * connection) means the same delivery again, and without this a second welcome
 * message. A delivery is the same as an earlier one when it reaches the same trigger
 * node (workflow, node, test or production webhook) with the same event, instance and
 * `data` (deliveryKey). One map for the process, bounded twice: an entry lives
 * DUPLICATE_WINDOW_MS, and past MAX_REMEMBERED the oldest go first.
 */
import { createHash } from 'crypto';

/** How long a delivery that started an execution is remembered. */
const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;
/** At most this many are remembered (about 100 bytes each). */
const MAX_REMEMBERED = 10_000;

export interface DeliveryIdentity {
	workflowId: string;
	nodeId: string;
	/** The editor's test webhook and the production one each start their own executions. */
	test: boolean;
	event: string | null;
	instance: string;
	/** readRawData's digest of `data`. */
	dataDigest: string;
}

export function deliveryKey(identity: DeliveryIdentity): string {
	const { workflowId, nodeId, test, event, instance, dataDigest } = identity;
	return createHash('sha256')
		.update(JSON.stringify([workflowId, nodeId, test, event, instance, dataDigest]))
		.digest('hex');
}

export class RecentDeliveries {
	/** key → when it started an execution. Insertion order is time order: the oldest first. */
	private readonly started = new Map<string, number>();

	constructor(
		private readonly now: () => number,
		private readonly windowMs = DUPLICATE_WINDOW_MS,
		private readonly max = MAX_REMEMBERED,
	) {}

	/** When `key` started an execution within the window, how long ago (ms); otherwise null. */
	startedAgo(key: string): number | null {
		const at = this.started.get(key);
		if (at === undefined) return null;
		const ago = this.now() - at;
		return ago >= 0 && ago < this.windowMs ? ago : null;
	}

	/** `key` has just started an execution. */
	remember(key: string): void {
		const now = this.now();
		this.started.delete(key);
		this.started.set(key, now);
		for (const [oldest, at] of this.started) {
			if (this.started.size <= this.max && now - at < this.windowMs) break;
			this.started.delete(oldest);
		}
	}

	get size(): number {
		return this.started.size;
	}
}
