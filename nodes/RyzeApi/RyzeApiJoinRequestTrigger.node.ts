import { NodeConnectionTypes, type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';

import { searchGroups, searchInstances } from './methods/listSearch';
import { groupField, instanceField } from './triggers/connection';
import { pollJoinRequests } from './triggers/joinRequests/poll';

/**
 * RyzeAPI Join Request Trigger: polls a group's pending join requests and emits each
 * once per workflow (those pending at activation included), one item per request.
 */
export class RyzeApiJoinRequestTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RyzeAPI Join Request Trigger',
		name: 'ryzeApiJoinRequestTrigger',
		icon: { light: 'file:ryzeApi.svg', dark: 'file:ryzeApi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'new join requests',
		description: 'Starts the workflow when someone asks to join a WhatsApp group that requires admin approval (RyzeAPI)',
		defaults: { name: 'RyzeAPI Join Request Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ryzeApi', required: true }],
		properties: [instanceField, groupField],
	};

	methods = {
		listSearch: { searchGroups, searchInstances },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollJoinRequests.call(this);
	}
}
