/**
 * De-duplication of the Join Request Trigger across polls. Pure.
 *
 * The state is the set of request keys pending at the last poll, for one
 * instance + group: a request is emitted when it is pending now and was not then,
 * so a request still pending is not emitted again, and one that disappeared and
 * came back is new. The state holds only what is pending now (bounded by the queue).
 */
import type { JoinRequest } from '../../readers/groupLinks';

export interface PollState {
	/** instance + group the keys belong to: another group starts afresh. */
	scope: string;
	pending: string[];
}

export function pollScope(instance: string, group: string): string {
	return `${instance}\n${group.trim().toLowerCase()}`;
}

/** A request's key: its LID (jid), lower-cased. */
export function requestKey(request: JoinRequest): string {
	return request.jid.trim().toLowerCase();
}

function readState(value: unknown, scope: string): Set<string> {
	if (!value || typeof value !== 'object') return new Set();
	const state = value as Partial<PollState>;
	if (state.scope !== scope || !Array.isArray(state.pending)) return new Set();
	return new Set(state.pending.filter((key): key is string => typeof key === 'string'));
}

export interface PollResult {
	/** New since the last poll, in the API's order, each once. */
	emit: JoinRequest[];
	next: PollState;
}

export function nextPoll(previous: unknown, scope: string, current: JoinRequest[]): PollResult {
	const seen = readState(previous, scope);
	const pending = new Set<string>();
	const emit: JoinRequest[] = [];
	for (const request of current) {
		const key = requestKey(request);
		if (pending.has(key)) continue;
		pending.add(key);
		if (!seen.has(key)) emit.push(request);
	}
	return { emit, next: { scope, pending: [...pending] } };
}
