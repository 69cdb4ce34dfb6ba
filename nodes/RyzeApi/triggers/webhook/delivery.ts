/**
 * One webhook delivery to the RyzeAPI Trigger: refuse what is not from RyzeAPI for
 * this instance (401, no execution), read the rest into one item per participant per
 * change, with the token removed from everything.
 */
import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { checkDelivery, deliveryAuthorization } from './deliveryAuth';
import { FLOW_TYPES, PARTICIPANT_FLOW_TYPES, readEnvelope, readGroupFlow, selectChanges, type FlowType } from './groupFlow';
import { createRedactor } from '../../helpers/redact';
import { readConnection, readInstance } from '../connection';

/** The item keys, in order: the same on every item, whatever the shape read. */
export const TRIGGER_ITEM_KEYS = [
	'event',
	'type',
	'group',
	'groupName',
	'participant',
	'lid',
	'phoneNumber',
	'instance',
	'timestamp',
	'raw',
];

function readTypes(value: unknown): FlowType[] {
	if (!Array.isArray(value) || value.length === 0) return PARTICIPANT_FLOW_TYPES;
	return value.filter((type): type is FlowType => (FLOW_TYPES as readonly string[]).includes(type as string));
}

function readGroupFilter(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' && !value.startsWith('=') ? value.trim() : null;
}

function refuse(ctx: IWebhookFunctions, reason: string): IWebhookResponseData {
	const response = ctx.getResponseObject();
	response.status(401).json({ message: 'Unauthorized', reason });
	return { noWebhookResponse: true };
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const conn = await readConnection(this);
	const instance = readInstance(this, conn);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const envelope = readEnvelope(this.getBodyData());
	const verdict = checkDelivery(envelope, {
		instance,
		token: options.accountToken === true ? null : conn.token,
		...deliveryAuthorization(this, conn.token),
	});
	if (!verdict.ok) return refuse(this, verdict.reason);

	const types = readTypes(this.getNodeParameter('events', PARTICIPANT_FLOW_TYPES));
	const group = readGroupFilter(this.getNodeParameter('group', '', { extractValue: true }));
	const changes = selectChanges(readGroupFlow(envelope.event, envelope.data), types, group);
	if (changes.length === 0) return { webhookResponse: { received: true, items: 0 } };

	// The delivery's own token (the instance's) and the credential's: neither leaves.
	const ownToken = createRedactor(envelope.token);
	const redact = <T>(value: T): T => conn.redact(ownToken(value));
	const raw = redact(envelope.data ?? null);
	const items: INodeExecutionData[] = changes.map((change) => ({
		json: redact({
			event: envelope.event,
			type: change.type,
			group: change.group,
			groupName: change.groupName,
			participant: change.participant,
			lid: change.lid,
			phoneNumber: change.phoneNumber,
			instance,
			timestamp: change.timestamp,
			raw,
		}) as IDataObject,
	}));
	return { workflowData: [items] };
}
