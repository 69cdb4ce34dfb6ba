/**
 * Running one of the group writes (Reset Invite Link, Update Group, Create Group, Join
 * Group, Leave Group) through the node's execute() against the simulator, in node
 * version 1 (Instance and Group as text) or 1.1 (resource locators, as n8n stores them).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { createVersionedContext, node, rl } from './locatorContext';

export const VERSIONS = [1, 1.1] as const;

/** The resource locator mode a v1.1 user would pick for a group. */
function locate(group: string): unknown {
	if (group === '') return rl('list', '');
	if (/@g\.us$/i.test(group)) return rl('id', group);
	return rl('invite', group);
}

export interface WriteRun {
	version: number;
	credentials: { baseUrl: string; token: string; instance: string };
	operation: string;
	/** Per item (or for every item): the Group and the operation's own parameters. */
	params: Record<string, unknown> | ((itemIndex: number) => Record<string, unknown>);
	items?: number;
	continueOnFail?: boolean;
	toolMode?: boolean;
}

/** The parameters of one item as n8n hands them to the node in `version`. */
function itemParams(run: WriteRun, itemIndex: number): Record<string, unknown> {
	const own = typeof run.params === 'function' ? run.params(itemIndex) : run.params;
	const params: Record<string, unknown> = {
		operation: run.operation,
		instance: run.version === 1 ? '' : rl('list', ''),
		options: {},
		...own,
	};
	if (run.version !== 1 && typeof own.group === 'string') params.group = locate(own.group);
	return params;
}

/** The test context (requests, hints) and a run of the node. */
export function writeContext(run: WriteRun) {
	const test = createVersionedContext({
		typeVersion: run.version,
		credentials: run.credentials,
		continueOnFail: run.continueOnFail,
		toolMode: run.toolMode,
		items: Array.from({ length: run.items ?? 1 }, () => ({ json: {} })),
		params: (itemIndex) => itemParams(run, itemIndex),
	});
	return { ...test, execute: async (): Promise<INodeExecutionData[][]> => await node.execute.call(test.ctx) };
}

/** Runs the node: [Success, Failure], or the error it stopped with. */
export async function runWrite(run: WriteRun): Promise<{ outputs?: INodeExecutionData[][]; error?: Error & Record<string, unknown> }> {
	try {
		return { outputs: await writeContext(run).execute() };
	} catch (error) {
		return { error: error as Error & Record<string, unknown> };
	}
}

export const jsonOf = (items: INodeExecutionData[]) => items.map((item) => item.json);

/**
 * What RyzeAPI (the simulator) answers a GET now, as a client outside the node would see
 * it: to prove a write really changed the group (its /info, the instance's /list).
 */
export async function apiGet(baseUrl: string, path: string, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
	const response = await fetch(`${baseUrl}${path}`, { headers: { token } });
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The JIDs of the groups an instance's /list answers. */
export async function listedGroups(baseUrl: string, instance: string, token: string): Promise<string[]> {
	const { body } = await apiGet(baseUrl, `/api/group/list/${instance}`, token);
	return (body.groups as Array<{ jid: string }>).map((group) => group.jid);
}
