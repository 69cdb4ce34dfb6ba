/**
 * De-duplication of the Join Request Trigger across polls. Pure.
 *
 * The state is the set of requests pending at the last poll, for one instance +
 * group: a request is emitted when it is pending now and was not then, so a
 * request still pending is not emitted again. The state holds only what is
 * pending now (bounded by the queue).
 *
 * A request is its requester's JID *and* its `requestedAt`. n8n 2.8.4 saves a
 * poller's static data only when the poll emits something, so after a restart
 * the state can be older than the last poll: it may still list A as pending
 * although A left the queue since (an empty poll, never saved). Keyed by JID
 * alone, A asking again would then look "still pending" and start nothing. Keyed
 * by JID + requestedAt, A's new request carries a new time and is new whatever
 * n8n saved. Without a requestedAt (RyzeAPI documents one; an answer may lack
 * it) the request is keyed by its JID alone: emitted once while pending, and one
 * that comes back after a restart may be missed, as before.
 */
import type { JoinRequest } from '../../readers/groupLinks';

export interface PollState {
	/** instance + group the requests belong to: another group starts afresh. */
	scope: string;
	/** The JIDs (lower-cased) pending at the last poll. Alone (0.3.0 wrote no times), still read. */
	pending: string[];
	/** The requestedAt of each of `pending`, same order; null when RyzeAPI gave none. */
	requestedAt: Array<string | null>;
	/** When the poll that wrote it read the queue (ms since the epoch): of two states, the later one holds. */
	polledAt: number;
}

/** A requestedAt longer than this is not a time: the request is keyed by its JID alone (and the state stays small). */
const MAX_REQUESTED_AT_LENGTH = 64;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

export function pollScope(instance: string, group: string): string {
	return `${instance}\n${group.trim().toLowerCase()}`;
}

/** A request's JID as the state keeps it: trimmed, lower-cased. */
export function requestKey(request: JoinRequest): string {
	return request.jid.trim().toLowerCase();
}

/**
 * A request's time as the state keeps it: an ISO 8601 time as the instant it
 * names (…T14:00:00Z and …T14:00:00.000Z are one time), any other text as it is,
 * trimmed; null when there is none or it is too long to be a time.
 */
function requestTime(requestedAt: string | null): string | null {
	const text = requestedAt?.trim() ?? '';
	if (text === '' || text.length > MAX_REQUESTED_AT_LENGTH) return null;
	if (ISO_DATE.test(text)) {
		const ms = Date.parse(text);
		if (Number.isFinite(ms)) return new Date(ms).toISOString();
	}
	return text;
}

/** The previous poll's requests: JID → the times it was pending with (null: no time known, matches any). */
function readState(value: unknown, scope: string): Map<string, Array<string | null>> {
	const seen = new Map<string, Array<string | null>>();
	if (!value || typeof value !== 'object') return seen;
	const state = value as Partial<PollState>;
	if (state.scope !== scope || !Array.isArray(state.pending)) return seen;
	// A state without times (written before the fix, or damaged) matches by JID alone: nothing is emitted twice.
	const times = Array.isArray(state.requestedAt) && state.requestedAt.length === state.pending.length ? state.requestedAt : [];
	for (const [index, key] of state.pending.entries()) {
		if (typeof key !== 'string') continue;
		const time = times[index];
		const list = seen.get(key) ?? [];
		list.push(typeof time === 'string' ? time : null);
		seen.set(key, list);
	}
	return seen;
}

/** Whether the previous poll had this request: the same JID with the same time, or with no time on either side. */
function wasPending(previous: Array<string | null> | undefined, time: string | null): boolean {
	if (previous === undefined) return false;
	return time === null || previous.some((known) => known === null || known === time);
}

/** When a state was polled; 0 for one without a time (0.3.0's, or damaged). */
function polledAt(state: unknown): number {
	const at = state && typeof state === 'object' ? (state as Partial<PollState>).polledAt : undefined;
	return typeof at === 'number' && Number.isFinite(at) ? at : 0;
}

/** Of the state n8n gave the poll and one this process kept, the one polled last (n8n's on a tie). */
export function laterState(stored: unknown, kept: PollState | undefined): unknown {
	return kept !== undefined && polledAt(kept) > polledAt(stored) ? kept : stored;
}

export interface PollResult {
	/** New since the last poll, in the API's order, each once. */
	emit: JoinRequest[];
	next: PollState;
}

/** `now`: when the queue `current` was read. */
export function nextPoll(previous: unknown, scope: string, current: JoinRequest[], now: number): PollResult {
	const seen = readState(previous, scope);
	const pending = new Set<string>();
	const next: PollState = { scope, pending: [], requestedAt: [], polledAt: now };
	const emit: JoinRequest[] = [];
	for (const request of current) {
		const key = requestKey(request);
		// One person has one request in a group: a JID listed twice is emitted once.
		if (pending.has(key)) continue;
		pending.add(key);
		const time = requestTime(request.requestedAt);
		next.pending.push(key);
		next.requestedAt.push(time);
		if (!wasPending(seen.get(key), time)) emit.push(request);
	}
	return { emit, next };
}
