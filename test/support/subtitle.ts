/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * A node's subtitle as n8n's editor renders it, with n8n's own expression code
 * (n8n-workflow's Workflow and Expression, as the editor's getNodeSubtitle calls
 * them): the node's parameters are completed with their defaults, as the editor
 * does for a saved workflow that stores only what differs from them, and the
 * subtitle is evaluated in 'internal' mode. Where the editor swallows an error and
 * shows no subtitle, this throws, naming the expression.
 */
import { NodeHelpers, Workflow, type INode, type INodeParameters, type INodeType, type INodeTypes } from 'n8n-workflow';

export function renderSubtitle(nodeType: INodeType, parameters: INodeParameters, expression = nodeType.description.subtitle): unknown {
	const versions = nodeType.description.version;
	const node: INode = {
		id: 'subtitle',
		name: nodeType.description.displayName,
		type: `n8n-nodes-ryzeapi.${nodeType.description.name}`,
		typeVersion: Array.isArray(versions) ? versions[versions.length - 1] : versions,
		position: [0, 0],
		parameters,
	};
	node.parameters =
		NodeHelpers.getNodeParameters(nodeType.description.properties, parameters, true, false, node, nodeType.description) ?? parameters;
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	try {
		return workflow.expression.getSimpleParameterValue(node, expression, 'internal', {});
	} catch (error) {
		throw new Error(
			`n8n cannot evaluate the subtitle (the editor would show none, for every operation): ${(error as Error).message}\n${String(expression)}`,
		);
	}
}
