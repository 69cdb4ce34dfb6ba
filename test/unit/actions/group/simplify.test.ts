/**
 * Simplify's contract, for every operation of the resource index (n8n's UX guidelines: a
 * Simplify option on any operation whose items have more than 10 keys):
 * - an operation whose `outputKeys` are more than 10 names its simplified keys beside them
 *   (`simplifiedOutputKeys`) and shows Simplify; one with 10 or fewer has neither;
 * - the simplified keys are part of its keys, in their order, with success, error and
 *   errorCode; the optional ones part of its `optionalOutputKeys`;
 * - n8n, with its own code, shows one Simplify in every node version and fills in its
 *   default: off in 1 and 1.1, so saved workflows keep their output; on from 1.2. A stored
 *   value stays as stored; a saved node stores only what differs from its version's default.
 */
import { NodeHelpers, type IExecuteFunctions, type INodeParameters } from 'n8n-workflow';

import { operations } from '../../../../nodes/RyzeApi/actions/group/Group.resource';
import { readSimplifyOf } from '../../../../nodes/RyzeApi/actions/group/simplify';
import { RyzeApi } from '../../../../nodes/RyzeApi/RyzeApi.node';

const { description } = new RyzeApi();
const values = Object.keys(operations);
const simplified = values.filter((value) => operations[value].simplifiedOutputKeys !== undefined);

/** The node's parameters as n8n completes them for a node of `typeVersion` (the editor, and a run, read these). */
function completed(parameters: INodeParameters, typeVersion: number): INodeParameters {
	const node = { typeVersion } as Parameters<typeof NodeHelpers.getNodeParameters>[4];
	return NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
}

/** What a saved node stores (n8n keeps only what differs from the defaults). */
function stored(parameters: INodeParameters, typeVersion: number): INodeParameters {
	const node = { typeVersion } as Parameters<typeof NodeHelpers.getNodeParameters>[4];
	return NodeHelpers.getNodeParameters(description.properties, parameters, false, false, node, description) ?? {};
}

describe('Simplify: on every operation whose items have more than 10 keys', () => {
	it('some operations have it, and the node has version 1.2', () => {
		expect(simplified.length).toBeGreaterThan(0);
		expect(description.version).toEqual([1, 1.1, 1.2]);
	});

	it.each(values)('%s: has Simplify exactly when its items have more than 10 keys', (value) => {
		const operation = operations[value];
		const fields = operation.description.filter((property) => property.name === 'simplify');
		const many = operation.outputKeys.length > 10;
		expect({ keys: operation.outputKeys.length, simplified: operation.simplifiedOutputKeys !== undefined, fields: fields.length }).toEqual({
			keys: operation.outputKeys.length,
			simplified: many,
			fields: many ? 2 : 0,
		});
		if (!many) expect(operation.simplifiedOptionalOutputKeys).toBeUndefined();
	});

	it.each(simplified)('%s: its simplified keys are part of its keys, in their order, with success, error and errorCode', (value) => {
		const { outputKeys, optionalOutputKeys = [], simplifiedOutputKeys = [], simplifiedOptionalOutputKeys = [] } = operations[value];
		expect(outputKeys.filter((key) => simplifiedOutputKeys.includes(key))).toEqual([...simplifiedOutputKeys]);
		expect(optionalOutputKeys.filter((key) => simplifiedOptionalOutputKeys.includes(key))).toEqual([...simplifiedOptionalOutputKeys]);
		expect(simplifiedOutputKeys[0]).toBe('success');
		expect(simplifiedOutputKeys).toEqual(expect.arrayContaining(['error', 'errorCode']));
		expect(simplifiedOutputKeys.length + simplifiedOptionalOutputKeys.length).toBeLessThanOrEqual(10);
	});

	it.each(simplified)('%s: n8n fills in Simplify off in versions 1 and 1.1, on from 1.2', (value) => {
		expect([1, 1.1, 1.2].map((version) => completed({ operation: value }, version).simplify)).toEqual([false, false, true]);
	});

	it.each(simplified)('%s: a stored Simplify stays as stored; a saved node stores only a value other than its default', (value) => {
		expect(completed({ operation: value, simplify: true }, 1.1).simplify).toBe(true);
		expect(completed({ operation: value, simplify: false }, 1.2).simplify).toBe(false);
		expect(stored({ operation: value, simplify: false }, 1.1)).not.toHaveProperty('simplify');
		expect(stored({ operation: value, simplify: true }, 1.2)).not.toHaveProperty('simplify');
		expect(stored({ operation: value, simplify: false }, 1.2)).toHaveProperty('simplify', false);
	});

	it.each(values.filter((value) => !simplified.includes(value)))('%s: no Simplify in any version', (value) => {
		for (const version of [1, 1.1, 1.2]) expect(completed({ operation: value }, version)).not.toHaveProperty('simplify');
	});

	it("reads true, false and their text, or the node version's default where none is given; refuses anything else, naming Simplify", () => {
		const read = (value: unknown, typeVersion = 1.1) =>
			readSimplifyOf(
				{
					getNode: () => ({ typeVersion }),
					getNodeParameter: (_name: string, _itemIndex: number, fallback: unknown) => (value === undefined ? fallback : value),
				} as unknown as IExecuteFunctions,
				0,
			);
		expect([true, 'true', false, 'false', '', null].map((value) => read(value))).toEqual([true, true, false, false, false, false]);
		expect([1, 1.1, 1.2].map((version) => read(undefined, version))).toEqual([false, false, true]);
		for (const value of ['maybe', 1, 0, 'TRUE'])
			expect(() => read(value)).toThrow(
				expect.objectContaining({ field: 'Simplify', message: `Simplify "${String(value)}" is not true or false` }),
			);
	});
});
