/**
 * Is the node running as an AI Agent tool? Then the agent reads output 0 only,
 * so every item (successes and failures) must go there. Pure.
 *
 * n8n runs a tool node on two paths, and they give different signals (read in
 * n8n-core 2.8.4, node-execution-context/ and requests-response.js):
 * - the tool path of older agents, MCP and `createNodeAsTool`: a SupplyDataContext
 *   whose connection is `ai_tool`; `isToolExecution()` is true;
 * - Agent v3 engine requests: an ordinary ExecuteContext, whose `isToolExecution()`
 *   is always false; n8n sets `rewireOutputLogTo = 'ai_tool'` on the node and puts
 *   `toolCallId` into the input item.
 * On both paths the node's type is the `…Tool` variant n8n derives from a node with
 * `usableAsTool` (e.g. `n8n-nodes-ryzeapi.ryzeApiTool`): its only output is `ai_tool`,
 * so nothing but an agent can read it. That is the signal that holds everywhere.
 *
 * `toolCallId` in the input items is not used: it is item data, which a user's
 * workflow may carry for its own reasons, and wherever n8n adds it the type is the
 * `…Tool` variant already.
 */

import { InputError } from './inputError';

export interface ToolModeSignals {
	/** `this.isToolExecution()`; undefined when the host n8n has no such method. */
	isToolExecution?: boolean;
	/** `this.getNode().type`. */
	nodeType?: string;
	/** `this.getNode().rewireOutputLogTo`: set by n8n when a node's output is fed to an agent. */
	rewireOutputLogTo?: string;
}

/** The type's last segment ends in `Tool`, as n8n-workflow's `isToolType` checks. */
export function isToolNodeType(nodeType: string | undefined): boolean {
	if (typeof nodeType !== 'string') return false;
	const name = nodeType.split('.').pop() ?? '';
	return name.endsWith('Tool');
}

export function isToolMode(signals: ToolModeSignals): boolean {
	return signals.isToolExecution === true || isToolNodeType(signals.nodeType) || signals.rewireOutputLogTo === 'ai_tool';
}

/** The signals of a running node, read without failing on an n8n that lacks any of them. */
export function readToolModeSignals(ctx: {
	isToolExecution?: () => boolean;
	getNode: () => { type?: string; rewireOutputLogTo?: string };
}): ToolModeSignals {
	const node = ctx.getNode();
	return {
		isToolExecution: typeof ctx.isToolExecution === 'function' ? ctx.isToolExecution() === true : undefined,
		nodeType: node.type,
		rewireOutputLogTo: node.rewireOutputLogTo,
	};
}

/** The default of Max Participants per Tool Call: one model call may act on at most this many people. */
export const DEFAULT_MAX_TOOL_PARTICIPANTS = 100;

/** Max Participants per Tool Call (option `maxToolParticipants`): a whole number from 1; missing means the default. */
export function readMaxToolParticipants(value: unknown): number {
	if (value === undefined || value === null || value === '') return DEFAULT_MAX_TOOL_PARTICIPANTS;
	const number = typeof value === 'string' ? Number(value.trim()) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
		throw new InputError(
			'Max Participants per Tool Call',
			`"${String(value).slice(0, 40)}" is not a whole number from 1`,
			`Set it to a whole number such as ${DEFAULT_MAX_TOOL_PARTICIPANTS}, or remove the option`,
		);
	}
	return number;
}

/**
 * The refusal a model gets when one tool call names more participants than the
 * cap (null when within it). Nothing is sent for such a call: a model that loops
 * or is steered by a prompt must not add thousands of people in one call.
 */
export function toolCallTooLarge(count: number, max: number): { message: string; hint: string } | null {
	if (count <= max) return null;
	return {
		message: `Too many participants for one tool call: ${count}, the most is ${max} (Max Participants per Tool Call). Nothing was sent`,
		hint: `Call the tool again with at most ${max} participants per call, or ask the workflow's owner to raise Max Participants per Tool Call in the node's options.`,
	};
}
