/**
 * The "From List" pickers of the Instance and Group fields (resource locators, node
 * version 1.1): GET /api/instance/list and GET /api/group/list/:instance, filtered by
 * the search text. One search is one call on the token's lane, like every other
 * call (paced, a 429 waited out, a read resent after an unknown outcome), within a
 * bound suited to a list the user is looking at; through the node's transport
 * (redirects refused, the whole exchange bounded, the body capped). The token and
 * the Base URL's secret path never appear in what is shown or thrown.
 */
import { NodeOperationError, type ILoadOptionsFunctions, type INodeListSearchResult } from 'n8n-workflow';

import {
	filterGroups,
	filterInstances,
	groupLabel,
	instanceLabel,
	pickerEntries,
	readGroupList,
	readInstanceList,
} from '../readers/groupList';
import { laneSender, readConnection, realClock, type Connection } from '../transport/connection';
import { failureOf } from '../helpers/errorCodes';
import { fieldError } from '../helpers/inputError';
import { validateInstance } from '../helpers/validation';
import { instancePath, type ApiOutcome, type RequestSpec } from '../transport/http/request';
import { timerOf, type Clock } from '../transport/rateLimit/lane';

/** One call of a picker waits this long for RyzeAPI. */
export const LIST_SEARCH_TIMEOUT_MS = 15_000;
/** A picker waits at most this long for the token's rate limit (a spent window, a 429's Retry-After). */
export const LIST_SEARCH_MAX_WAIT_MS = 5_000;
/** A search answers within this, whatever happens: rate-limit waits, resends and all. */
export const LIST_SEARCH_BOUND_MS = LIST_SEARCH_TIMEOUT_MS + LIST_SEARCH_MAX_WAIT_MS;

/**
 * One picker call on the token's lane, answered within LIST_SEARCH_BOUND_MS: past
 * it the search says so and nothing more is sent for it (a call in flight ends
 * at its own timeout). `clock`: real time, or a test's.
 */
export async function pickerCall(
	ctx: ILoadOptionsFunctions,
	conn: Pick<Connection, 'baseUrl' | 'laneKey'>,
	spec: RequestSpec,
	clock: Clock = realClock,
): Promise<ApiOutcome> {
	const stop = new AbortController();
	const sender = laneSender(ctx, conn, { maxWaitMs: LIST_SEARCH_MAX_WAIT_MS, signal: stop.signal }, clock);
	const sent = sender.send(spec, 'always');
	const limit = timerOf(clock, LIST_SEARCH_BOUND_MS);
	try {
		const first = await Promise.race([sent, limit.reached.then(() => null)]);
		if (first !== null) return first;
		stop.abort();
		sent.catch(() => undefined);
		return { ok: false, failure: failureOf('timeout', `RyzeAPI did not answer within ${LIST_SEARCH_BOUND_MS} ms`, true), headers: {} };
	} finally {
		limit.release();
	}
}

/** One GET of a picker: the 2xx body, or a NodeOperationError in RyzeAPI's words (token and secret path redacted). */
async function getJson(ctx: ILoadOptionsFunctions, conn: Connection, path: string, what: string): Promise<unknown> {
	const outcome = await pickerCall(ctx, conn, { method: 'GET', path, timeoutMs: LIST_SEARCH_TIMEOUT_MS });
	if (outcome.ok) return outcome.body;
	const { failure } = outcome;
	const fix = failure.errorCode === 'rate_limited' ? "The token's rate limit is used up: try again after the reset." : failure.description;
	throw new NodeOperationError(ctx.getNode(), conn.redact(`Could not load ${what}: ${failure.message}`), {
		description: conn.redact(`${fix} Or enter the value by hand (By Name / By JID).`),
	});
}

/** The instance the Group picker lists groups of: the Instance field, or the credential's default. */
function instanceFor(ctx: ILoadOptionsFunctions, conn: Connection): string {
	const value = ctx.getCurrentNodeParameter('instance', { extractValue: true });
	const own = typeof value === 'string' && !value.startsWith('=') ? value : '';
	if (typeof value === 'string' && value.startsWith('=') && conn.defaultInstance.trim() === '') {
		throw new NodeOperationError(ctx.getNode(), 'The Instance field is an expression, which the group list cannot evaluate', {
			description: 'Pick the instance from the list or type its name, or enter the group By JID.',
		});
	}
	try {
		return validateInstance(own, conn.defaultInstance);
	} catch (error) {
		throw fieldError(ctx, error);
	}
}

/** A read list as picker results (bounded, redacted, usable values only), or a NodeOperationError saying what to enter instead. */
function pickerResults<T>(
	ctx: ILoadOptionsFunctions,
	conn: Connection,
	read: { ok: true; list: T[] } | { ok: false; reason: string },
	instead: string,
	toEntry: (entry: T) => { label: string; value: string },
): INodeListSearchResult {
	if (!read.ok) throw new NodeOperationError(ctx.getNode(), read.reason, { description: instead });
	return { results: pickerEntries(read.list.map(toEntry), conn.redact) };
}

export async function searchGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const conn = await readConnection(this);
	const instance = instanceFor(this, conn);
	const read = readGroupList(await getJson(this, conn, instancePath('list', instance), `the groups of instance ${instance}`));
	return pickerResults(
		this,
		conn,
		read.ok ? { ok: true, list: filterGroups(read.groups, filter) } : read,
		'Enter the group By JID or By Invite Link or Code instead.',
		(group) => ({ label: groupLabel(group), value: group.jid }),
	);
}

export async function searchInstances(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const conn = await readConnection(this);
	const read = readInstanceList(await getJson(this, conn, '/api/instance/list', 'the instances'));
	return pickerResults(
		this,
		conn,
		read.ok ? { ok: true, list: filterInstances(read.instances, filter) } : read,
		'Type the instance name (By Name) instead.',
		(instance) => ({ label: instanceLabel(instance), value: instance.name }),
	);
}
