/** The benchmark's workloads and the two ways of running them. */
import axios from 'axios';
import type { INodeExecutionData } from 'n8n-workflow';

import { runNode as executeNode } from '../support/executeContext';
import { SANDBOX, type RunningSimulator } from '../simulator';

export interface Workload {
	items: number;
	groups: number;
}

export interface RunResult {
	calls: number;
	rateLimited: number;
	succeeded: number;
	failed: number;
	wallMs: number;
}

/** Unique numbers whose last digit is 1, so none hits the simulator's 000 / 403 rules. */
export const phone = (i: number): string => `55118${String(i).padStart(7, '0')}1`;

/** Five groups where the sandbox instance is admin: Customers and four copies. */
export function groupJids(sim: RunningSimulator, count: number): string[] {
	const base = sim.state.groups.find((group) => group.jid === SANDBOX.groups.customers.jid);
	if (!base) throw new Error('the simulator has no Customers group');
	const jids = [base.jid];
	for (let i = 1; i < count; i++) {
		const jid = `1203630000000001${String(i).padStart(2, '0')}@g.us`;
		if (!sim.state.groups.some((group) => group.jid === jid)) {
			sim.state.groups.push({ ...JSON.parse(JSON.stringify(base)), jid, inviteCode: `BENCH${i}`, name: `Bench ${i}` });
		}
		jids.push(jid);
	}
	return jids;
}

function target(workload: Workload, jids: string[], i: number): { group: string; participant: string } {
	return { group: jids[i % workload.groups], participant: phone(i) };
}

/**
 * (a) One call per item, as every other WhatsApp node and a plain HTTP Request
 * node do: sequential, no pacing, a 429 fails the item.
 */
export async function runPerItem(sim: RunningSimulator, workload: Workload): Promise<RunResult> {
	const jids = groupJids(sim, workload.groups);
	const client = axios.create({ baseURL: sim.url, validateStatus: () => true, headers: { token: SANDBOX.tokens.sandbox } });
	const before = sim.calls.length;
	let succeeded = 0;
	let rateLimited = 0;
	const started = performance.now();
	for (let i = 0; i < workload.items; i++) {
		const { group, participant } = target(workload, jids, i);
		const response = await client.post('/api/group/participants/sandbox', {
			action: 'add',
			identifier: group,
			participants: [participant],
		});
		if (response.status === 429) rateLimited++;
		const entry =
			response.status === 200 ? (response.data as { participants?: Array<{ success?: boolean }> }).participants?.[0] : undefined;
		if (entry?.success === true) succeeded++;
	}
	const wallMs = performance.now() - started;
	return { calls: sim.calls.length - before, rateLimited, succeeded, failed: workload.items - succeeded, wallMs };
}

/** (b) The RyzeAPI node with its defaults (or the options given), through execute(). */
export async function runRyzeNode(sim: RunningSimulator, workload: Workload, options: Record<string, unknown> = {}): Promise<RunResult> {
	const jids = groupJids(sim, workload.groups);
	const items: INodeExecutionData[] = Array.from({ length: workload.items }, (_, i) => ({ json: target(workload, jids, i) }));
	const before = sim.calls.length;
	const started = performance.now();
	const [success, failure] = await executeNode({
		items,
		credentials: { baseUrl: sim.url, token: SANDBOX.tokens.sandbox, instance: 'sandbox' },
		continueOnFail: true,
		params: (i) => ({
			operation: 'manageParticipants',
			instance: '',
			group: target(workload, jids, i).group,
			action: 'add',
			participants: target(workload, jids, i).participant,
			options,
		}),
	});
	const wallMs = performance.now() - started;
	const calls = sim.calls.slice(before);
	return {
		calls: calls.length,
		rateLimited: calls.filter((call) => call.status === 429).length,
		succeeded: success.length,
		failed: failure.length,
		wallMs,
	};
}
