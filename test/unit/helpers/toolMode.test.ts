/** Tool mode: every path on which n8n runs the node as an AI Agent tool, and no other. */
import { isToolMode, isToolNodeType, readToolModeSignals } from '../../../nodes/RyzeApi/helpers/toolMode';

describe('isToolNodeType', () => {
	it('is true for the Tool variant n8n derives from the node, whatever the package prefix', () => {
		expect(isToolNodeType('n8n-nodes-ryzeapi.ryzeApiTool')).toBe(true);
		expect(isToolNodeType('CUSTOM.ryzeApiTool')).toBe(true);
		expect(isToolNodeType('@acme/n8n-nodes-ryzeapi.ryzeApiTool')).toBe(true);
		expect(isToolNodeType('n8n-nodes-ryzeapi.ryzeApiHitlTool')).toBe(true);
	});

	it('is false for the node itself, types that only contain "Tool", and nothing', () => {
		expect(isToolNodeType('n8n-nodes-ryzeapi.ryzeApi')).toBe(false);
		expect(isToolNodeType('n8n-nodes-ryzeapi.ryzeApiToolkit')).toBe(false);
		expect(isToolNodeType('n8n-nodes-toolbox.ryzeApi')).toBe(false);
		expect(isToolNodeType('n8n-nodes-ryzeapi.ryzeApitool')).toBe(false);
		expect(isToolNodeType('')).toBe(false);
		expect(isToolNodeType(undefined)).toBe(false);
	});
});

describe('isToolMode', () => {
	const plain = 'n8n-nodes-ryzeapi.ryzeApi';
	const tool = 'n8n-nodes-ryzeapi.ryzeApiTool';

	it('the SupplyDataContext path (older agents, MCP): isToolExecution() is true', () => {
		expect(isToolMode({ isToolExecution: true, nodeType: tool })).toBe(true);
		expect(isToolMode({ isToolExecution: true, nodeType: plain })).toBe(true);
	});

	it('the Agent v3 engine-request path: isToolExecution() is false, the type is the Tool variant, output rewired to ai_tool', () => {
		expect(isToolMode({ isToolExecution: false, nodeType: tool, rewireOutputLogTo: 'ai_tool' })).toBe(true);
		expect(isToolMode({ isToolExecution: false, nodeType: tool })).toBe(true);
		expect(isToolMode({ isToolExecution: false, nodeType: plain, rewireOutputLogTo: 'ai_tool' })).toBe(true);
	});

	it('an n8n without isToolExecution that runs the Tool variant', () => {
		expect(isToolMode({ isToolExecution: undefined, nodeType: tool })).toBe(true);
	});

	it('a plain node in a workflow keeps its two outputs', () => {
		expect(isToolMode({ isToolExecution: false, nodeType: plain })).toBe(false);
		expect(isToolMode({ isToolExecution: undefined, nodeType: plain })).toBe(false);
		expect(isToolMode({ nodeType: plain, rewireOutputLogTo: 'main' })).toBe(false);
		expect(isToolMode({})).toBe(false);
	});
});

describe('readToolModeSignals', () => {
	it('reads isToolExecution, the type and rewireOutputLogTo from a running node', () => {
		expect(
			readToolModeSignals({
				isToolExecution: () => false,
				getNode: () => ({ type: 'n8n-nodes-ryzeapi.ryzeApiTool', rewireOutputLogTo: 'ai_tool' }),
			}),
		).toEqual({ isToolExecution: false, nodeType: 'n8n-nodes-ryzeapi.ryzeApiTool', rewireOutputLogTo: 'ai_tool' });
	});

	it('leaves isToolExecution undefined on an n8n that lacks the method', () => {
		expect(readToolModeSignals({ getNode: () => ({ type: 'n8n-nodes-ryzeapi.ryzeApi' }) })).toEqual({
			isToolExecution: undefined,
			nodeType: 'n8n-nodes-ryzeapi.ryzeApi',
			rewireOutputLogTo: undefined,
		});
	});
});
