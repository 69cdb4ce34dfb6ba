/**
 * List Groups' parameters as n8n shows them: Return All / Limit as n8n's list operations,
 * Name Contains in a Filters collection, Simplify off by default, and no Group field
 * (it lists groups; every operation that names a group still shows it, in both node versions; Create Group and Join Group name none).
 */
import type { INodeProperties } from 'n8n-workflow';

import { operations } from '../../../../nodes/RyzeApi/actions/group/Group.resource';
import { RyzeApi } from '../../../../nodes/RyzeApi/RyzeApi.node';

const { properties } = new RyzeApi().description;

/** Is `property` shown for these parameter values, as n8n's displayOptions decide (show and hide, plain values)? */
function shown(property: INodeProperties, values: Record<string, unknown>): boolean {
	const matches = (wanted: unknown[], value: unknown) =>
		wanted.some((entry) =>
			typeof entry === 'object' && entry !== null && '_cnd' in entry
				? typeof value === 'number' && value >= (entry as { _cnd: { gte: number } })._cnd.gte
				: entry === value,
		);
	const { show = {}, hide = {} } = property.displayOptions ?? {};
	const name = (key: string) => (key.startsWith('/') ? key.slice(1) : key);
	return (
		Object.entries(show).every(([key, wanted]) => matches(wanted as unknown[], values[name(key)])) &&
		!Object.entries(hide).some(([key, wanted]) => matches(wanted as unknown[], values[name(key)]))
	);
}

const visible = (operation: string, version: number, extra: Record<string, unknown> = {}) =>
	properties.filter((property) => shown(property, { operation, '@version': version, ...extra })).map((property) => property.name);

describe('List Groups parameters', () => {
	it.each([1, 1.1])('version %s: Instance, Return All, Filters, Simplify, Options; no Group', (version) => {
		expect(visible('listGroups', version, { returnAll: false })).toEqual([
			'operation',
			'instance',
			'returnAll',
			'limit',
			'filters',
			'simplify',
			'options',
		]);
		expect(visible('listGroups', version, { returnAll: true })).toEqual([
			'operation',
			'instance',
			'returnAll',
			'filters',
			'simplify',
			'options',
		]);
	});

	it.each(Object.keys(operations).filter((value) => !['listGroups', 'createGroup', 'joinGroup'].includes(value)))(
		'%s still shows Group in both versions',
		(operation) => {
			expect(visible(operation, 1)).toContain('group');
			expect(visible(operation, 1.1)).toContain('group');
		},
	);

	it("Return All, Limit and Simplify as n8n's list operations have them; Simplify off so saved workflows keep their output", () => {
		const byName = (name: string) =>
			properties.find((property) => property.name === name && property.displayOptions?.show?.operation?.includes('listGroups'));
		expect(byName('returnAll')).toMatchObject({ type: 'boolean', default: false });
		expect(byName('limit')).toMatchObject({ type: 'number', default: 50, typeOptions: { minValue: 1, maxValue: 10_000 } });
		expect(byName('filters')?.options?.map((option) => option.name)).toEqual(['nameContains']);
		expect(byName('simplify')).toMatchObject({ type: 'boolean', default: false });
		const getGroupSimplify = properties.find(
			(property) => property.name === 'simplify' && property.displayOptions?.show?.operation?.includes('getGroup'),
		);
		expect(getGroupSimplify).toMatchObject({ type: 'boolean', default: false });
	});
});
