import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { actionList } from './actions/group/manageParticipants/actions';
import { properties, subtitle } from './actions/group/Group.resource';
import { router } from './actions/router';
import { searchGroups, searchInstances } from './methods/listSearch';

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
		// Workflows saved with 1 keep their text fields; both read the same string. 1.2: Simplify is on by
		// default (actions/group/simplify.ts); saved 1 and 1.1 nodes keep it off. New nodes get the last
		// version (1.2). No `defaultVersion`: n8n (2.8 to 2.41) only adds its "Custom API Call"
		// operation to a node whose defaultVersion is undefined or equals `version`, never an array.
		version: [1, 1.1, 1.2],
		subtitle,
		description: `Manage WhatsApp groups through RyzeAPI: participants (${actionList(', ')}), members and join requests; list groups to find one by name, get, create, update, join or leave a group, get or reset its invite link. Participant results come one per person, each with success and errorCode`,
		defaults: { name: 'RyzeAPI' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Success', 'Failure'],
		usableAsTool: true,
		credentials: [{ name: 'ryzeApi', required: true }],
		properties,
	};

	methods = {
		listSearch: { searchGroups, searchInstances },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
