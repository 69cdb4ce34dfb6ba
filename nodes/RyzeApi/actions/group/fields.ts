/**
 * The fields every operation shares: Instance and Group. Text in node version 1;
 * resource locators from 1.1 (From List, By Name / By JID, By Invite Link or
 * Code). The router reads both versions as the same string.
 */
import type { INodeProperties } from 'n8n-workflow';

const V1 = { '@version': [1] };
const FROM_V1_1 = { '@version': [{ _cnd: { gte: 1.1 } }] };

export const groupFields: INodeProperties[] = [
			{
				displayName: 'Instance',
				name: 'instance',
				type: 'string',
				default: '',
				placeholder: 'my-instance',
				displayOptions: { show: V1 },
				description:
					'The RyzeAPI instance (WhatsApp number) to act as. Leave empty to use the default instance of the credential.',
			},
			{
				displayName: 'Instance',
				name: 'instance',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				displayOptions: { show: FROM_V1_1 },
				description:
					'The RyzeAPI instance (WhatsApp number) to act as. Leave empty to use the default instance of the credential.',
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						placeholder: 'Select an instance…',
						typeOptions: { searchListMethod: 'searchInstances', searchable: true },
					},
					{
						displayName: 'By Name',
						name: 'name',
						type: 'string',
						placeholder: 'my-instance',
						hint: 'Empty: the default instance of the credential',
					},
				],
			},
			{
				displayName: 'Group',
				name: 'group',
				type: 'string',
				required: true,
				default: '',
				placeholder: '120363406289005073@g.us',
				displayOptions: { show: V1 },
				description:
					'The group: its JID (120363406289005073@g.us), its invite code (ABC123XYZ) or its invite link (https://chat.whatsapp.com/ABC123XYZ)',
			},
			{
				displayName: 'Group',
				name: 'group',
				type: 'resourceLocator',
				required: true,
				default: { mode: 'list', value: '' },
				displayOptions: { show: FROM_V1_1 },
				description:
					'The group: pick it from the list, or give its JID (120363406289005073@g.us), its invite code (ABC123XYZ) or its invite link (https://chat.whatsapp.com/ABC123XYZ)',
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						placeholder: 'Select a group…',
						typeOptions: { searchListMethod: 'searchGroups', searchable: true },
					},
					{
						displayName: 'By JID',
						name: 'id',
						type: 'string',
						placeholder: '120363406289005073@g.us',
						validation: [
							{
								type: 'regex',
								properties: { regex: '^\\s*[0-9-]+@[gG]\\.[uU][sS]\\s*$', errorMessage: 'A group JID ends in @g.us, e.g. 120363406289005073@g.us' },
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
];
