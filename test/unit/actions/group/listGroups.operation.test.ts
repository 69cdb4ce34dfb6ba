/**
 * List Groups' parameters as n8n shows them: Return All / Limit as n8n's list operations,
 * Name Contains in a Filters collection, Simplify (test/unit/actions/group/simplify.test.ts), and no Group field
 * (it lists groups; every operation that names a group still shows it, in every node version; Create Group and Join Group name none).
 */
import { NodeHelpers, type INodeParameters, type INodeProperties } from 'n8n-workflow';

import { operations } from '../../../../nodes/RyzeApi/actions/group/Group.resource';
import { RyzeApi } from '../../../../nodes/RyzeApi/RyzeApi.node';

const { description } = new RyzeApi();
const { properties } = description;

/** Is `property` shown for these parameter values in a node of `version`, as n8n's own displayOptions code decides? */
function shown(property: INodeProperties, values: Record<string, unknown>, version: number): boolean {
	return NodeHelpers.displayParameter(values as INodeParameters, property, { typeVersion: version }, description);
}

const visible = (operation: string, version: number, extra: Record<string, unknown> = {}) =>
	properties.filter((property) => shown(property, { resource: 'group', operation, ...extra }, version)).map((property) => property.name);

describe('List Groups parameters', () => {
	it.each([1, 1.1, 1.2])('version %s: Resource, Operation, Instance, Return All, Filters, Simplify, Options; no Group', (version) => {
		expect(visible('listGroups', version, { returnAll: false })).toEqual([
			'resource',
			'operation',
			'instance',
			'returnAll',
			'limit',
			'filters',
			'simplify',
			'options',
		]);
		expect(visible('listGroups', version, { returnAll: true })).toEqual([
			'resource',
			'operation',
			'instance',
			'returnAll',
			'filters',
			'simplify',
			'options',
		]);
	});

	it.each(Object.keys(operations).filter((value) => !['listGroups', 'createGroup', 'joinGroup'].includes(value)))(
		'%s still shows Group in every version',
		(operation) => {
			for (const version of [1, 1.1, 1.2]) expect(visible(operation, version)).toContain('group');
		},
	);

	it("Return All, Limit and Simplify as n8n's list operations have them", () => {
		const byName = (name: string) =>
			properties.find((property) => property.name === name && property.displayOptions?.show?.operation?.includes('listGroups'));
		expect(byName('returnAll')).toMatchObject({ type: 'boolean', default: false });
		expect(byName('limit')).toMatchObject({ type: 'number', default: 50, typeOptions: { minValue: 1, maxValue: 10_000 } });
		expect(byName('filters')?.options?.map((option) => option.name)).toEqual(['nameContains']);
		expect(byName('simplify')).toMatchObject({ type: 'boolean' });
	});
});
