/**
 * One webhook delivery to the RyzeAPI Trigger: refuse what is not from RyzeAPI for
 * this instance (401, no execution), read the rest into one item per participant per
 * change, with the token removed from everything.
 */
import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readDelivery, selectChanges } from './changes';
import { checkDelivery } from './deliveryAuth';
import { readSelected, triggerVersion, type TriggerVersion } from './events';
import { readEnvelope, type FlowChange } from './groupFlow';
import { createRedactor } from '../../helpers/redact';
import { readConnection, readInstance } from '../connection';

const V1_ITEM_KEYS = ['event', 'type', 'group', 'groupName', 'participant', 'lid', 'phoneNumber', 'instance', 'timestamp', 'raw'];

/** The item keys, in order: the same on every item of a version, whatever the shape read. Version 2 adds `state`. */
export const TRIGGER_ITEM_KEYS: Record<TriggerVersion, string[]> = {
	1: V1_ITEM_KEYS,
	2: [...V1_ITEM_KEYS.slice(0, 7), 'state', ...V1_ITEM_KEYS.slice(7)],
};

function readGroupFilter(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' && !value.startsWith('=') ? value.trim() : null;
}

function refuse(ctx: IWebhookFunctions, reason: string): IWebhookResponseData {
	const response = ctx.getResponseObject();
	response.status(401).json({ message: 'Unauthorized', reason });
	return { noWebhookResponse: true };
}

/** One item's own fields, in TRIGGER_ITEM_KEYS order (`raw` added after). */
function itemFields(version: TriggerVersion, event: string | null, change: FlowChange, instance: string): IDataObject {
	const fields: IDataObject = {
		event,
		type: change.type,
		group: change.group,
		groupName: change.groupName,
		participant: change.participant,
		lid: change.lid,
		phoneNumber: change.phoneNumber,
	};
	if (version !== 1) fields.state = change.state;
	fields.instance = instance;
	fields.timestamp = change.timestamp;
	return fields;
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const conn = await readConnection(this);
	const instance = readInstance(this, conn);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const envelope = readEnvelope(this.getBodyData());
	const verdict = checkDelivery(envelope, { instance, token: options.accountToken === true ? null : conn.token });
	if (!verdict.ok) return refuse(this, verdict.reason);

	const node = this.getNode();
	const version = triggerVersion(node.typeVersion);
	const selected = readSelected(this.getNodeParameter('events', []), version);
	const group = readGroupFilter(this.getNodeParameter('group', '', { extractValue: true }));
	const changes = selectChanges(readDelivery(envelope.event, envelope.data, version), selected, group);
	if (changes.length === 0) return { webhookResponse: { received: true, items: 0 } };

	// The delivery's own token (the instance's) and the credential's: neither leaves.
	const ownToken = createRedactor(envelope.token);
	const redact = <T>(value: T): T => conn.redact(ownToken(value));
	const raw = redact(envelope.data ?? null);
	const items: INodeExecutionData[] = changes.map((change) => ({
		json: redact({ ...itemFields(version, envelope.event, change, instance), raw }) as IDataObject,
	}));
	return { workflowData: [items] };
}
