import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as manageParticipants from './actions/participants/manageParticipants.operation';
import * as listJoinRequests from './actions/requests/listJoinRequests.operation';
import { router } from './actions/router';

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
		version: 1,
		subtitle: '={{ $parameter["operation"] === "manageParticipants" ? $parameter["action"] + " participants" : "list join requests" }}',
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
				description:
					'The RyzeAPI instance (WhatsApp number) to act as. Leave empty to use the default instance of the credential.',
			},
			{
				displayName: 'Group',
				name: 'group',
				type: 'string',
				required: true,
				default: '',
				placeholder: '120363406289005073@g.us',
				description:
					'The group: its JID (120363406289005073@g.us), its invite code (ABC123XYZ) or its invite link (https://chat.whatsapp.com/ABC123XYZ)',
			},
			...manageParticipants.description,
			...listJoinRequests.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
