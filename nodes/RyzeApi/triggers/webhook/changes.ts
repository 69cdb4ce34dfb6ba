/**
 * The changes one delivery carries, as a trigger version reports them, and the ones
 * the node emits. Pure, bounded, never throws.
 *
 * The readers type every change with the latest version's events. Version 1 sees
 * what it always saw: every settings change of a delivery as one `settings` change,
 * and any event but group.flow as one `unknown` (events.ts, `inVersion1`).
 */
import { GROUP_FLOW_EVENT, INSTANCE_STATE_EVENT, TRIGGER_EVENTS, UNKNOWN, type TriggerVersion } from './events';
import { loneGroup, readGroupFlow, type FlowChange } from './groupFlow';
import { readInstanceState } from './instanceState';

/** Event value → what version 1 reports it as, for the events that came after version 1. */
const IN_VERSION_1 = new Map(
	TRIGGER_EVENTS.filter((event) => event.inVersion1 !== undefined).map((event) => [event.value, event.inVersion1 as string]),
);

function unknownChange(data: unknown): FlowChange {
	return {
		type: UNKNOWN,
		group: loneGroup(data),
		groupName: null,
		participant: null,
		lid: null,
		phoneNumber: null,
		state: null,
		timestamp: null,
	};
}

/** Version 1's view: later events as version 1 named them, one settings change per delivery at most. */
function asVersion1(changes: FlowChange[], data: unknown): FlowChange[] {
	const out: FlowChange[] = [];
	let settings = false;
	for (const change of changes) {
		const type = IN_VERSION_1.get(change.type) ?? change.type;
		if (type === UNKNOWN) return [unknownChange(data)];
		if (type === 'settings') {
			if (settings) continue;
			settings = true;
		}
		out.push({ ...change, type });
	}
	return out;
}

/**
 * The changes of one delivery. An event the version does not read, or a `data` none
 * of the shapes reads, is one change of type `unknown`.
 */
export function readDelivery(event: string | null, data: unknown, version: TriggerVersion): FlowChange[] {
	let changes: FlowChange[] | null = null;
	if (event === GROUP_FLOW_EVENT) changes = readGroupFlow(data);
	else if (event === INSTANCE_STATE_EVENT) changes = [readInstanceState(data)];
	if (changes === null) return [unknownChange(data)];
	return version === 1 ? asVersion1(changes, data) : changes;
}

/** Same JID, whatever the case and surrounding blanks. */
function sameGroup(a: string, b: string): boolean {
	return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The changes the node emits: those of a selected event, in the selected group.
 * `unknown` is always kept (it cannot be classified), unless it names another group;
 * a change that names no group (an instance's state) passes the Group Filter.
 */
export function selectChanges(changes: FlowChange[], selected: readonly string[], group: string | null): FlowChange[] {
	return changes.filter((change) => {
		if (group !== null && change.group !== null && !sameGroup(change.group, group)) return false;
		return change.type === UNKNOWN || selected.includes(change.type);
	});
}
