/**
 * The "From List" pickers of the Instance and Group fields (resource locators, node
 * version 1.1): GET /api/instance/list and GET /api/group/list/:instance, filtered by
 * the search text. One call per search through the node's transport (redirects
 * refused, the whole exchange bounded, the body capped); the credential is read as
 * every context reads it (transport/connection.ts), and the token and the Base
 * URL's secret path never appear in what is shown or thrown.
 */
import { NodeOperationError, type IDataObject, type ILoadOptionsFunctions, type INodeListSearchResult } from 'n8n-workflow';

import {
	filterGroups,
	filterInstances,
	groupLabel,
	instanceLabel,
	pickerEntries,
	readGroupList,
	readInstanceList,
} from '../readers/groupList';
import { readConnection, type Connection } from '../transport/connection';
import { fieldError } from '../helpers/inputError';
import { validateInstance } from '../helpers/validation';
import { instancePath, ryzeApiRequest } from '../transport/http/request';

/** A picker waits this long for RyzeAPI, then says so. */
export const LIST_SEARCH_TIMEOUT_MS = 15_000;

/**
 * One GET through the node's transport (redirects refused, the whole exchange
 * bounded, the body capped); the 2xx body, or a NodeOperationError in RyzeAPI's
 * words (token redacted).
 */
async function getJson(ctx: ILoadOptionsFunctions, conn: Connection, path: string, what: string, qs?: IDataObject): Promise<unknown> {
	const outcome = await ryzeApiRequest(ctx, conn.baseUrl, { method: 'GET', path, qs, timeoutMs: LIST_SEARCH_TIMEOUT_MS });
	if (outcome.ok) return outcome.body;
	const { failure } = outcome;
	throw new NodeOperationError(ctx.getNode(), conn.redact(`Could not load ${what}: ${failure.message}`), {
		description: conn.redact(`${failure.description} Or enter the value by hand (By Name / By JID).`),
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
