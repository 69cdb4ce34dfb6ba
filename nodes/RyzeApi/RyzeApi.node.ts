import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as listParticipants from './actions/group/listParticipants.operation';
import * as manageParticipants from './actions/participants/manageParticipants.operation';
import * as listJoinRequests from './actions/requests/listJoinRequests.operation';
import { router } from './actions/router';
import { searchGroups, searchInstances } from './methods/listSearch';

const V1 = { '@version': [1] };
const FROM_V1_1 = { '@version': [{ _cnd: { gte: 1.1 } }] };

/**
 * RyzeAPI: WhatsApp group participants. Programmatic rather than declarative,
 * because one call fans out into one item per participant on two outputs.
 */
export class RyzeApi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RyzeAPI',
		name: 'ryzeApi',
		icon: { light: 'file:ryzeApi.svg', dark: 'file:ryzeApi.dark.svg' },
		group: ['output'],
		// 1.1: Instance and Group are resource locators (From List, By Name / By JID, By Invite Link or Code).
		// Workflows saved with 1 keep their text fields; both read the same string. New nodes get the
		// last version (1.1). No `defaultVersion`: n8n (2.8 to 2.41) only adds its "Custom API Call"
		// operation to a node whose defaultVersion is undefined or equals `version`, never an array.
		version: [1, 1.1],
		subtitle:
			'={{ $parameter["operation"] === "manageParticipants" ? $parameter["action"] + " participants" : $parameter["operation"] === "listParticipants" ? "list participants" : "list join requests" }}',
		description: 'Manage WhatsApp group participants through RyzeAPI: one output item per participant, on Success or Failure',
		defaults: { name: 'RyzeAPI' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Success', 'Failure'],
		usableAsTool: true,
		credentials: [{ name: 'ryzeApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'List Join Request',
						value: 'listJoinRequests',
						description:
							'List the people waiting for admin approval to join a group: one item each, with the LID (jid) to pass to Approve or Reject and their phone number when WhatsApp shares it',
						action: 'List pending join requests of a group',
					},
					{
						name: 'List Participant',
						value: 'listParticipants',
						description:
							'List the members of a group: one item each, with their JID, LID, phone number (when WhatsApp shares it) and whether they are admin or super-admin',
						action: 'List the participants of a group',
					},
					{
						name: 'Manage Participant',
						value: 'manageParticipants',
						description: 'Add, remove, promote, demote, approve or reject participants of a group: one output item per participant',
						action: 'Manage group participants',
					},
				],
				default: 'manageParticipants',
			},
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
			...manageParticipants.description,
			...listJoinRequests.description,
			...listParticipants.description,
		],
	};

	methods = {
		listSearch: { searchGroups, searchInstances },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
