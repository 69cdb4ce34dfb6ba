/**
 * The fields the operations share, built once:
 * - Instance and Group: text in node version 1; resource locators from 1.1 (From
 *   List, By Name / By JID, By Invite Link or Code). The router reads both
 *   versions as the same string;
 * - an operation's Options collection, and the Timeout option of the reads.
 */
import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { READ_TIMEOUT_MS } from '../../helpers/validation';

const V1 = { '@version': [1] };
const FROM_V1_1 = { '@version': [{ _cnd: { gte: 1.1 } }] };

/** One field as version 1's text and version 1.1's resource locator, with the same name and meaning. */
function textThenLocator(
	field: Pick<INodeProperties, 'displayName' | 'name' | 'description' | 'placeholder'> & { required?: boolean },
	locator: { description: string; modes: INodePropertyMode[] },
	hiddenFor: string[] = [],
): INodeProperties[] {
	const shared = { displayName: field.displayName, name: field.name, ...(field.required ? { required: true } : {}) };
	const hide = hiddenFor.length > 0 ? { hide: { operation: hiddenFor } } : {};
	return [
		{
			...shared,
			type: 'string',
			default: '',
			placeholder: field.placeholder,
			displayOptions: { show: V1, ...hide },
			description: field.description,
		},
		{
			...shared,
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			displayOptions: { show: FROM_V1_1, ...hide },
			description: locator.description,
			modes: locator.modes,
		},
	];
}

/** The "From List" mode of a locator, filled by one of methods/listSearch.ts. */
function fromList(placeholder: string, searchListMethod: string): INodePropertyMode {
	// A locator mode, not a parameter (no default): built in two steps, because the lint rule for
	// parameters cannot tell an object literal with displayName, name and type apart outside `modes`.
	const mode = { displayName: 'From List', name: 'list', placeholder, typeOptions: { searchListMethod, searchable: true } };
	return { ...mode, type: 'list' };
}

/** Operations that name no group (List Groups lists them; Create Group makes one; Join Group takes an invite link): the Group field is hidden for them. */
const WITHOUT_GROUP = ['listGroups', 'createGroup', 'joinGroup'];

const INSTANCE_DESCRIPTION = 'The RyzeAPI instance (WhatsApp number) to act as. Leave empty to use the default instance of the credential.';

export const groupFields: INodeProperties[] = [
	...textThenLocator(
		{ displayName: 'Instance', name: 'instance', placeholder: 'my-instance', description: INSTANCE_DESCRIPTION },
		{
			description: INSTANCE_DESCRIPTION,
			modes: [
				fromList('Select an instance…', 'searchInstances'),
				{
					displayName: 'By Name',
					name: 'name',
					type: 'string',
					placeholder: 'my-instance',
					hint: 'Empty: the default instance of the credential',
				},
			],
		},
	),
	...textThenLocator(
		{
			displayName: 'Group',
			name: 'group',
			required: true,
			placeholder: '120363406289005073@g.us',
			description:
				'The group: its JID (120363406289005073@g.us), its invite code (ABC123XYZ) or its invite link (https://chat.whatsapp.com/ABC123XYZ)',
		},
		{
			description:
				'The group: pick it from the list, or give its JID (120363406289005073@g.us), its invite code (ABC123XYZ) or its invite link (https://chat.whatsapp.com/ABC123XYZ)',
			modes: [
				fromList('Select a group…', 'searchGroups'),
				{
					displayName: 'By JID',
					name: 'id',
					type: 'string',
					placeholder: '120363406289005073@g.us',
					validation: [
						{
							type: 'regex',
							properties: {
								regex: '^\\s*[0-9-]+@[gG]\\.[uU][sS]\\s*$',
								errorMessage: 'A group JID ends in @g.us, e.g. 120363406289005073@g.us',
							},
						},
					],
				},
				{
					displayName: 'By Invite Link or Code',
					name: 'invite',
					type: 'string',
					placeholder: 'https://chat.whatsapp.com/ABC123XYZ',
					validation: [
						{
							type: 'regex',
							properties: {
								regex: '^\\s*(https?://(www\\.)?chat\\.whatsapp\\.com/[A-Za-z0-9_-]+/?|[A-Za-z0-9_-]+)\\s*$',
								errorMessage: 'Use an invite link like https://chat.whatsapp.com/ABC123XYZ, or the code ABC123XYZ',
							},
						},
					],
				},
			],
		},
		WITHOUT_GROUP,
	),
];

/**
 * An operation's Participants field (parsed by helpers/participants.ts the same way for every
 * operation), shown for that operation only; `description` says what the operation does with them.
 */
export function participantsField(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Participants',
		name: 'participants',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		displayOptions: { show: { operation: [operation] } },
		default: '',
		placeholder: '5511999999999, 5521988888888',
		description,
	};
}

/** An operation's Options collection, shown for that operation only. */
export function optionsFor(operation: string, options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: [operation] } },
		options,
	};
}

/** Options → Timeout of the reads (0 = READ_TIMEOUT_MS). */
export const readTimeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description: `How long to wait for RyzeAPI, in milliseconds, the whole answer included. 0 uses ${READ_TIMEOUT_MS}.`,
};
