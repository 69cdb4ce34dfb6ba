/**
 * The wiring of the resource index: every operation it lists is an option of the
 * Operation parameter, has its parameters shown for it, reaches the router and
 * appears in the subtitle. Adding an operation to the index is all it takes.
 */
import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import { operations, operationProperty, properties, subtitle } from '../../../../nodes/RyzeApi/actions/group/Group.resource';
import { router } from '../../../../nodes/RyzeApi/actions/router';
import { RyzeApi } from '../../../../nodes/RyzeApi/RyzeApi.node';

const node = new RyzeApi();
const values = Object.keys(operations);

describe('resource index', () => {
	it('lists at least the three operations, each under its own value', () => {
		expect(values).toEqual(expect.arrayContaining(['manageParticipants', 'listJoinRequests', 'listParticipants']));
		for (const [value, operation] of Object.entries(operations)) expect(operation.option.value).toBe(value);
	});

	it('the node offers exactly the indexed operations, sorted by name', () => {
		const offered = (node.description.properties.find((property) => property.name === 'operation')?.options ??
			[]) as INodePropertyOptions[];
		expect(offered.map((option) => option.value).sort()).toEqual([...values].sort());
		expect(offered.map((option) => option.name)).toEqual([...offered.map((option) => option.name)].sort((a, b) => a.localeCompare(b)));
		expect(node.description.properties).toBe(properties);
		expect(operationProperty.default).toBe('manageParticipants');
	});

	it.each(values)('%s: its parameters are shown for it only, and the subtitle names it', (value) => {
		for (const property of operations[value].description) expect(property.displayOptions?.show?.operation).toEqual([value]);
		expect(node.description.subtitle).toBe(subtitle);
		expect(subtitle).toContain(JSON.stringify(value));
	});

	it.each(values)('%s: the router hands it its run', async (value) => {
		const original = operations[value].execute;
		const seen: string[] = [];
		operations[value].execute = async function (this: IExecuteFunctions, items: INodeExecutionData[]) {
			seen.push(value);
			return [items, []];
		};
		try {
			const ctx = {
				getInputData: () => [{ json: {} }],
				getNodeParameter: (name: string) => (name === 'operation' ? value : ''),
			} as unknown as IExecuteFunctions;
			await router.call(ctx);
		} finally {
			operations[value].execute = original;
		}
		expect(seen).toEqual([value]);
	});
});
