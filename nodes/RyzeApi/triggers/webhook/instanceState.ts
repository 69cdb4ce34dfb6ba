/**
 * Reading RyzeAPI's `instance.state` delivery. Pure, bounded, never throws.
 *
 * RyzeAPI documents only the state names of the event ("connected, qr_ready,
 * temp_banned, logged_out, …"), not its `data`; the polled instance list spells
 * the states "connected, connecting, disconnected, loggedout". So the state is
 * looked for in a few places (the data itself as a text, `state`, `status`,
 * `connectionState`, `connection` as a text or `connection.state` as in the
 * polled list), and each known state has one spelling, the event's: `loggedout`
 * and `logged_out` are both `logged_out`. A state the node does not know comes out
 * as delivered (trimmed); none found is null. The whole `data` stays in `raw`.
 */
import { INSTANCE_STATE_EVENT, TRIGGER_EVENTS, UNKNOWN } from './events';
import type { FlowChange } from './groupFlow';
import { isRecord, payloadTime, pick, text } from './payloadFields';

/** The table's event for instance.state. */
const INSTANCE_STATE_TYPE = TRIGGER_EVENTS.find((event) => event.ryzeEvent === INSTANCE_STATE_EVENT)?.value ?? UNKNOWN;

/** One spelling per known state, keyed by the state with case, `_`, `-` and blanks removed. */
const KNOWN_STATES = new Map(
	['connected', 'connecting', 'disconnected', 'qr_ready', 'temp_banned', 'logged_out'].map((state) => [squeeze(state), state]),
);

function squeeze(state: string): string {
	return state.toLowerCase().replace(/[\s_-]+/g, '');
}

/** A state text in its one spelling (known states) or as delivered. */
function normalizeState(value: string | null): string | null {
	if (value === null) return null;
	return KNOWN_STATES.get(squeeze(value)) ?? value;
}

function findState(data: unknown): string | null {
	const direct = text(data);
	if (direct !== null) return direct;
	if (!isRecord(data)) return null;
	const found = pick(data, ['state', 'status', 'connectionState', 'State', 'Status', 'connection']);
	if (found !== null) return found;
	return isRecord(data.connection) ? pick(data.connection, ['state', 'status']) : null;
}

/** The one change an instance.state delivery carries. */
export function readInstanceState(data: unknown): FlowChange {
	return {
		type: INSTANCE_STATE_TYPE,
		group: null,
		groupName: null,
		participant: null,
		lid: null,
		phoneNumber: null,
		state: normalizeState(findState(data)),
		timestamp: isRecord(data) ? payloadTime(data) : null,
	};
}
