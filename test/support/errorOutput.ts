/**
 * n8n's "On Error → Continue (using error output)", reproduced for tests.
 *
 * With that setting n8n gives the node one more output (Error) and, after the node
 * ran, moves items from every other output to it (WorkflowExecute.handleNodeErrorOutput
 * in n8n-core): an item with `item.error`, or whose JSON holds `error` and nothing
 * else, or `error` and `message` and nothing else. The issue states the rule a little
 * wider (`error`, `message` or `details` only); `movedToErrorOutput` applies the wider
 * rule, so an item it keeps is kept by n8n too.
 */
import type { INodeExecutionData } from 'n8n-workflow';

const ERROR_ONLY_KEYS = ['error', 'message', 'details'];

/** Whether n8n would move this item to the Error output. */
export function movedToErrorOutput(item: INodeExecutionData): boolean {
	if (item.error !== undefined && item.error !== null) return true;
	const keys = Object.keys(item.json ?? {});
	const error = (item.json ?? {}).error;
	return Boolean(error) && keys.every((key) => ERROR_ONLY_KEYS.includes(key));
}

/** n8n-core's exact rule (workflow-execute.ts), for the record: narrower than `movedToErrorOutput`. */
export function movedByN8nCore(item: INodeExecutionData): boolean {
	if (item.error) return true;
	const keys = Object.keys(item.json ?? {});
	if (item.json.error && keys.length === 1) return true;
	return Boolean(item.json.error && item.json.message && keys.length === 2);
}

/**
 * The node's outputs as n8n hands them on with "Continue (using error output)":
 * the node's own outputs, then the Error output with the items moved there.
 */
export function routeWithErrorOutput(outputs: INodeExecutionData[][]): INodeExecutionData[][] {
	const kept = outputs.map((output) => output.filter((item) => !movedToErrorOutput(item)));
	const moved = outputs.flatMap((output) => output.filter(movedToErrorOutput));
	return [...kept, moved];
}
