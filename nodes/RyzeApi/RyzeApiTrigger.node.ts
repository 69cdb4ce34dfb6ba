import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeProperties,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { searchGroups, searchInstances } from './methods/listSearch';
import { groupField, instanceField } from './triggers/connection';
import { receive } from './triggers/webhook/delivery';
import { DEFAULT_EVENTS, TRIGGER_VERSIONS, eventOptions } from './triggers/webhook/events';
import { checkExists, create, remove } from './triggers/webhook/lifecycle';

/**
 * RyzeAPI Trigger: people joining, leaving, promoted or demoted in WhatsApp groups,
 * group settings changes (RyzeAPI's `group.flow` webhook event) and, from version 2,
 * the instance's connection state (`instance.state`). Activation registers one webhook
 * row (its own label) on the instance; deactivation disables it. The Events options
 * of each version come from the events table (triggers/webhook/events.ts).
 */
export class RyzeApiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RyzeAPI Trigger',
		name: 'ryzeApiTrigger',
		icon: { light: 'file:ryzeApi.svg', dark: 'file:ryzeApi.dark.svg' },
		group: ['trigger'],
		version: [...TRIGGER_VERSIONS],
		subtitle: '={{"group " + ($parameter["events"] || []).join(", ")}}',
		description:
			'Starts the workflow when people join, leave, are promoted or demoted in a WhatsApp group, its settings change, or the instance connects or disconnects',
		defaults: { name: 'RyzeAPI Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ryzeApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			instanceField,
			...TRIGGER_VERSIONS.map(
				(version): INodeProperties => ({
					displayName: 'Events',
					name: 'events',
					type: 'multiOptions',
					displayOptions: { show: { '@version': [version] } },
					options: eventOptions(version),
					default: [...DEFAULT_EVENTS],
					description: 'Which changes start the workflow. A delivery the node cannot read still comes out, as one item of type "unknown".',
				}),
			),
			{
				...groupField,
				displayName: 'Group Filter',
				required: false,
				description: 'Only changes in this group. Empty: every group of the instance.',
				modes: (groupField.modes ?? []).filter((mode) => mode.name !== 'invite'),
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Credential Holds an Account Token',
						name: 'accountToken',
						type: 'boolean',
						default: false,
						description:
							"Whether the credential holds the account token (TokenAccount) rather than this instance's token. Deliveries carry the instance's token, which the node then cannot compare: the Authorization header the node registers and the instance name protect the webhook (see the docs).",
					},
				],
			},
		],
	};

	methods = {
		listSearch: { searchGroups, searchInstances },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
