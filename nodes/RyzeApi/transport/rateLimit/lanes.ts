/**
 * The process's lanes (registry.ts), under a secret drawn once per process:
 * `lanes.key(baseUrl, token)` and `lanes.laneFor(key, clock)`. Held at module
 * level: one per n8n process (each queue-mode worker has its own).
 */
import { LaneRegistry } from './registry';

export const lanes = new LaneRegistry();
