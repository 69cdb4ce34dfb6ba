/**
 * The operation contract of the resource index, checked for every operation it
 * lists: an option of the Operation parameter, its parameters shown for it only, a
 * subtitle that n8n's own expression code renders to the text its data says (for
 * every value of a parameter it names), output keys that follow the Error-output
 * rule, and the router handing it its run. Adding an operation to the index is all
 * these need; the reviewed list at the end is the one place that names them.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { operations, operationProperty, properties, subtitle } from '../../../../nodes/RyzeApi/actions/group/Group.resource';
import { router } from '../../../../nodes/RyzeApi/actions/router';
import { subtitleExpression, type Subtitle, type SubtitlePart } from '../../../../nodes/RyzeApi/actions/subtitle';
import { FAILURE_KEYS } from '../../../../nodes/RyzeApi/helpers/items';
import { RyzeApi } from '../../../../nodes/RyzeApi/RyzeApi.node';
import { expectReviewed } from '../../../support/reviewed';
import { renderSubtitle } from '../../../support/subtitle';

const node = new RyzeApi();
const values = Object.keys(operations);

/** The node's parameters shown for this operation (its own and the shared Instance and Group). */
function shownFor(value: string): INodeProperties[] {
	return node.description.properties.filter((property) => {
		const shown = property.displayOptions?.show?.operation;
		return property.name !== 'operation' && (shown === undefined || shown.includes(value));
	});
}

/** Every value to render a subtitle part with: a parameter's options, or its default. */
function valuesOf(value: string, part: SubtitlePart): string[] {
	if (!('parameter' in part)) return [];
	const property = shownFor(value).find((candidate) => candidate.name === part.parameter);
	if (!property) return [];
	const options = (property.options ?? []) as INodePropertyOptions[];
	return property.type === 'options' ? options.map((option) => String(option.value)) : [String(property.default)];
}

/** What the data says the subtitle reads, given the parameters' values: read here, apart from the builder. */
function expectedText(parts: Subtitle, parameters: Record<string, string>): string {
	return parts.map((part) => ('parameter' in part ? parameters[part.parameter] : part.text)).join('');
}

/** Every combination of values of the parameters the subtitle names. */
function combinations(value: string): Array<Record<string, string>> {
	let combos: Array<Record<string, string>> = [{}];
	for (const part of operations[value].subtitle) {
		if (!('parameter' in part)) continue;
		combos = combos.flatMap((combo) => valuesOf(value, part).map((option) => ({ ...combo, [part.parameter]: option })));
	}
	return combos;
}

describe('resource index', () => {
	it('lists every operation under its own value', () => {
		expect(values.length).toBeGreaterThan(0);
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

	it.each(values)('%s: its parameters are shown for it only', (value) => {
		for (const property of operations[value].description) expect(property.displayOptions?.show?.operation).toEqual([value]);
	});

	it.each(values)('%s: its output keys start with success and end with the failure keys, each once', (value) => {
		const keys = [...operations[value].outputKeys, ...(operations[value].optionalOutputKeys ?? [])];
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys[0]).toBe('success');
		expect(operations[value].outputKeys.slice(-FAILURE_KEYS.length)).toEqual([...FAILURE_KEYS]);
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
				getNode: () => ({ typeVersion: 1.1 }),
				getNodeParameter: (name: string) => (name === 'operation' ? value : ''),
			} as unknown as IExecuteFunctions;
			await router.call(ctx);
		} finally {
			operations[value].execute = original;
		}
		expect(seen).toEqual([value]);
	});
});

describe('the subtitle, as n8n renders it', () => {
	it('is the node’s, built from every operation’s data', () => {
		expect(node.description.subtitle).toBe(subtitle);
	});

	it.each(values)('%s: its subtitle is data (text and parameter parts), each parameter one shown for it', (value) => {
		const parts = operations[value].subtitle as unknown;
		const kindOf = (part: unknown): string | null => {
			const fields = typeof part === 'object' && part !== null ? Object.keys(part) : [];
			const only = fields.length === 1 ? fields[0] : null;
			return (only === 'text' || only === 'parameter') && typeof (part as Record<string, unknown>)[only] === 'string' ? only : null;
		};
		// A JS expression written by hand ('update group subject') would break the one expression for every operation.
		if (!Array.isArray(parts) || !parts.every((part) => kindOf(part) !== null)) {
			throw new Error(
				`The subtitle of ${value} is ${JSON.stringify(parts)}, which is not data: write it as a list of { text: '…' } and ` +
					"{ parameter: '…' } parts (nodes/RyzeApi/actions/subtitle.ts), e.g. [{ parameter: 'action' }, { text: ' participants' }].",
			);
		}
		for (const part of parts as SubtitlePart[]) {
			if (!('parameter' in part)) continue;
			const shown = shownFor(value).some((property) => property.name === part.parameter);
			expect({ parameter: part.parameter, shown }).toEqual({ parameter: part.parameter, shown: true });
		}
		expect(renderSubtitle(node, { operation: value })).not.toBe('');
	});

	it.each(values)('%s: n8n renders the text its data says, for every value of the parameters it names', (value) => {
		const combos = combinations(value);
		expect(combos.length).toBeGreaterThan(0);
		for (const combo of combos) {
			const rendered = renderSubtitle(node, { operation: value, ...combo });
			expect({ combo, rendered }).toEqual({ combo, rendered: expectedText(operations[value].subtitle, combo) });
		}
	});

	it('quotes every literal: texts and names that are code, quotes or n8n’s own braces render as written', () => {
		const hostile = [
			'update group subject',
			'say "hi" }} {{ $json.x }}',
			"it's \\ a ${x} `tick`",
			'two\nlines',
			'$parameter["operation"]',
			'',
		];
		const built = subtitleExpression([
			...hostile.map((text, index) => [`op${index}`, [{ text }]] as const),
			['withParameter', [{ text: '{{' }, { parameter: 'operation' }, { text: '}}' }]],
			['"quoted"}}', [{ text: 'a value that is no identifier' }]],
			['empty', []],
		]);
		hostile.forEach((text, index) => expect(renderSubtitle(node, { operation: `op${index}` }, built)).toBe(text));
		expect(renderSubtitle(node, { operation: 'withParameter' }, built)).toBe('{{withParameter}}');
		expect(renderSubtitle(node, { operation: '"quoted"}}' }, built)).toBe('a value that is no identifier');
		expect(renderSubtitle(node, { operation: 'empty' }, built)).toBe('');
	});

	it('would catch a subtitle that is not an expression n8n can evaluate (the bug data subtitles prevent)', () => {
		const handWritten = `={{ ({ "a": update group subject, "b": "list participants" })[$parameter["operation"]] }}`;
		expect(() => renderSubtitle(node, { operation: 'b' }, handWritten)).toThrow(/n8n cannot evaluate the subtitle/);
	});
});

/**
 * The reviewed list of operations: what users see (the Operation option's name, the
 * tool-mode action text, the rendered subtitle with the operation's defaults) under
 * the value saved workflows store. Change it only together with what it names.
 */
const REVIEWED_OPERATIONS: Array<[string, { name: string; action: string; subtitle: string }]> = [
	['createGroup', { name: 'Create Group', action: 'Create group', subtitle: 'create group' }],
	['getGroup', { name: 'Get Group', action: 'Get group details', subtitle: 'get group' }],
	['getInviteLink', { name: 'Get Invite Link', action: 'Get group invite link', subtitle: 'get invite link' }],
	['joinGroup', { name: 'Join Group', action: 'Join group by invite link', subtitle: 'join group' }],
	['leaveGroup', { name: 'Leave Group', action: 'Leave group', subtitle: 'leave group' }],
	['listGroups', { name: 'List Groups', action: 'List groups and find group by name', subtitle: 'list groups' }],
	['listJoinRequests', { name: 'List Join Requests', action: 'List pending group join requests', subtitle: 'list join requests' }],
	['listParticipants', { name: 'List Participants', action: 'List group participants', subtitle: 'list participants' }],
	['manageParticipants', { name: 'Manage Participants', action: 'Manage group participants', subtitle: 'add participants' }],
	['resetInviteLink', { name: 'Reset Invite Link', action: 'Reset group invite link', subtitle: 'reset invite link' }],
	['sendInviteLink', { name: 'Send Invite Link', action: 'Send group invite link by private message', subtitle: 'send invite link' }],
	['updateGroup', { name: 'Update Group', action: 'Update group settings', subtitle: 'update group' }],
];

describe('the reviewed list of operations', () => {
	it('is the index’s: a new, changed or removed operation is written down here with what goes with it', () => {
		const offered = (operationProperty.options ?? []) as INodePropertyOptions[];
		const actual = offered.map(
			(option) =>
				[
					String(option.value),
					{ name: option.name, action: option.action ?? '', subtitle: String(renderSubtitle(node, { operation: option.value })) },
				] as [string, { name: string; action: string; subtitle: string }],
		);
		expectReviewed(actual, REVIEWED_OPERATIONS, {
			what: 'operation',
			where: 'REVIEWED_OPERATIONS in test/unit/actions/group/Group.resource.test.ts',
			added: () =>
				'write down what RyzeAPI documents for its route (test/contract/ryzeapi.ts ROUTES, with the doc page) and answer it in the simulator ' +
				'(test/simulator/groupRoutes.ts), give it scenarios in test/support/operationScenarios.ts and a behaviour test, ' +
				'a section in docs/reference.md, a row in the README’s Operations table and a line in CHANGELOG.md',
			removed: (key) =>
				`saved workflows store "${key}" as the Operation's value, and a stored value is never removed or renamed (n8n conventions): put it back`,
			changed: (_key, field) =>
				field === 'subtitle'
					? 'the canvas shows it under the node: check the operation’s `subtitle` data'
					: `users see the ${field === 'name' ? 'label' : 'tool-mode action text (an AI Agent’s tool name)'}: update docs/reference.md, the README and CHANGELOG.md`,
			order: null,
		});
	});
});
