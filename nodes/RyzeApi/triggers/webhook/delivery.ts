/**
 * One webhook delivery to the RyzeAPI Trigger: refuse what is not from RyzeAPI for
 * this instance (401, no execution), read the rest into one item per participant per
 * change, with the token removed from everything; drop a retried delivery (200, no
 * execution).
 *
 * Linear in the delivery: `data` is walked once (bounded, rawData.ts) and redacted
 * once, and every item shares that one redacted `raw`; only each item's own short
 * fields are redacted per item (issue 21: redacting the whole `raw` per item made a
 * 1,024-person delivery block n8n for seconds).
 */
import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readDelivery, selectChanges } from './changes';
import { checkDelivery, deliveryAuthorization } from './deliveryAuth';
import { readSelected, triggerVersion, type TriggerVersion } from './events';
import { readEnvelope, type FlowChange } from './groupFlow';
import { MAX_RAW_CHARS, readRawData } from './rawData';
import { RecentDeliveries, deliveryKey } from './recentDeliveries';
import { createRedactor } from '../../helpers/redact';
import { readConnection, readInstance } from '../connection';

const V1_ITEM_KEYS = ['event', 'type', 'group', 'groupName', 'participant', 'lid', 'phoneNumber', 'instance', 'timestamp', 'raw'];

/** The item keys, in order: the same on every item of a version, whatever the shape read. Version 2 adds `state`. */
export const TRIGGER_ITEM_KEYS: Record<TriggerVersion, string[]> = {
	1: V1_ITEM_KEYS,
	2: [...V1_ITEM_KEYS.slice(0, 7), 'state', ...V1_ITEM_KEYS.slice(7)],
};

/** `raw` of a delivery whose `data` is over MAX_RAW_CHARS. */
export const RAW_TOO_LARGE = `[left out: data over ${MAX_RAW_CHARS} characters]`;

/** The deliveries that started an execution lately, for every RyzeAPI Trigger of the process, on real time. */
const recentDeliveries = new RecentDeliveries(() => Date.now());

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
	const verdict = checkDelivery(envelope, {
		instance,
		token: options.accountToken === true ? null : conn.token,
		...deliveryAuthorization(this, conn.token),
	});
	if (!verdict.ok) return refuse(this, verdict.reason);

	const node = this.getNode();
	const version = triggerVersion(node.typeVersion);
	const selected = readSelected(this.getNodeParameter('events', []), version);
	const group = readGroupFilter(this.getNodeParameter('group', '', { extractValue: true }));
	const changes = selectChanges(readDelivery(envelope.event, envelope.data, version), selected, group);
	if (changes.length === 0) return { webhookResponse: { received: true, items: 0 } };

	// Nothing below awaits: checking and remembering the delivery cannot interleave with another one.
	const data = readRawData(envelope.data ?? null);
	const key = deliveryKey({
		workflowId: String(this.getWorkflow().id ?? ''),
		nodeId: node.id,
		test: this.getMode() === 'manual',
		event: envelope.event,
		instance,
		dataDigest: data.digest,
	});
	// The delivery's own token (the instance's) and the credential's: neither leaves, in an item or in the log.
	const ownToken = createRedactor(envelope.token);
	const redact = <T>(value: T): T => conn.redact(ownToken(value));
	// The event quoted: a text from outside, kept on one log line.
	const delivery = `RyzeAPI Trigger "${node.name}": a ${JSON.stringify(envelope.event)} delivery for instance ${instance}`;
	const ago = recentDeliveries.startedAgo(key);
	if (ago !== null) {
		this.logger.info(
			redact(`${delivery} repeats one that started an execution ${Math.round(ago / 1000)} s ago (a RyzeAPI retry); it starts none`),
		);
		return { webhookResponse: { received: true, items: 0, duplicate: true } };
	}
	if (data.tooLarge) {
		this.logger.warn(
			redact(`${delivery} has over ${MAX_RAW_CHARS} characters of data; its ${changes.length} item(s) come out with raw left out`),
		);
	}

	const raw = data.tooLarge ? RAW_TOO_LARGE : redact(envelope.data ?? null);
	const items: INodeExecutionData[] = changes.map((change) => ({
		json: { ...redact(itemFields(version, envelope.event, change, instance)), raw } as IDataObject,
	}));
	recentDeliveries.remember(key);
	return { workflowData: [items] };
}
