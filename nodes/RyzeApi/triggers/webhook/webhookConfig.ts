/**
 * The RyzeAPI Trigger's webhook row on RyzeAPI (POST /api/events/webhook/:instance,
 * GET /api/events/getWebhook/:instance): its label, the body that registers it, and
 * reading the answers. Pure.
 */
import { createHash } from 'crypto';

import { GROUP_FLOW_EVENT } from './groupFlow';

/** "up to 3 enabled webhooks per instance" (webhook-configure page). */
export const MAX_ENABLED_WEBHOOKS = 3;
/** The longest label this node makes. */
export const MAX_LABEL_LENGTH = 64;
export const WEBHOOK_EVENTS = [GROUP_FLOW_EVENT];

/**
 * Which of n8n's webhook endpoints a webhook URL is on: `…/<endpoint>/<webhook id>/<path>`.
 * n8n builds the URL the same way when it creates and when it deletes a webhook
 * (`isTest` of the webhook), while the hook's mode differs (test webhooks are
 * deleted in mode `internal`): the URL is what tells a test webhook apart.
 */
export function webhookEndpoint(url: unknown): string {
	if (typeof url !== 'string' || !URL.canParse(url)) return 'webhook';
	const segments = new URL(url).pathname.split('/').filter((segment) => segment !== '');
	return segments.length >= 3 ? segments[segments.length - 3] : 'webhook';
}

/**
 * A stable label for one trigger node of one workflow: `n8n-<workflow id>-<hash>`,
 * the hash over workflow id and node id (so two triggers of one workflow differ);
 * `-test` for the editor's test webhook (n8n's `webhook-test` endpoint), so a test
 * never overwrites the production row (another endpoint name: a short hash of it).
 * Letters, digits and dashes only; at most 64 characters.
 */
export function webhookLabel(workflowId: unknown, nodeId: unknown, webhookUrl?: unknown): string {
	const workflow = String(workflowId ?? '');
	const node = String(nodeId ?? '');
	const hash = createHash('sha256').update(`${workflow}\n${node}`).digest('hex').slice(0, 16);
	const readable = workflow.replace(/[^A-Za-z0-9]/g, '').slice(0, 24) || 'workflow';
	const endpoint = webhookEndpoint(webhookUrl);
	const suffix =
		endpoint === 'webhook'
			? ''
			: endpoint === 'webhook-test'
				? '-test'
				: `-${createHash('sha256').update(endpoint).digest('hex').slice(0, 6)}`;
	return `n8n-${readable}-${hash}${suffix}`;
}

export interface WebhookRow {
	label: string;
	enabled: boolean;
	url: string | null;
	events: string[] | null;
}

function readRow(value: unknown): WebhookRow | null {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
	const row = value as Record<string, unknown>;
	const label = typeof row.label === 'string' && row.label !== '' ? row.label : 'default';
	const events = Array.isArray(row.events) ? row.events.filter((e): e is string => typeof e === 'string').slice(0, 20) : null;
	return {
		label: label.slice(0, 200),
		enabled: row.enabled === true,
		url: typeof row.url === 'string' ? row.url : null,
		events,
	};
}

/** GET getWebhook?label=L: `{webhook: {…}}` (or the row at the top level, or under `data`). */
export function readWebhook(body: unknown): WebhookRow | null {
	if (!body || typeof body !== 'object') return null;
	const record = body as Record<string, unknown>;
	for (const candidate of [record.webhook, record.data, record]) {
		const row = readRow(candidate);
		if (row !== null && candidate && typeof candidate === 'object' && 'enabled' in candidate) return row;
	}
	return null;
}

/** GET getWebhook (no label): `{webhooks: […]}`; at most 100 rows read. Null when there is no list. */
export function readWebhookList(body: unknown): WebhookRow[] | null {
	if (!body || typeof body !== 'object') return null;
	const record = body as Record<string, unknown>;
	const list = Array.isArray(record.webhooks) ? record.webhooks : Array.isArray(record.data) ? record.data : null;
	if (list === null) return null;
	return list
		.slice(0, 100)
		.map(readRow)
		.filter((row): row is WebhookRow => row !== null);
}

/** Our row is registered as we would register it: enabled, at our URL, for group.flow. */
export function isOurs(row: WebhookRow | null, url: string): boolean {
	return row !== null && row.enabled && row.url === url && (row.events === null || row.events.includes(GROUP_FLOW_EVENT));
}

/** The other enabled rows, when they leave no room for ours; null when there is room. */
export function noRoomFor(label: string, rows: WebhookRow[]): string[] | null {
	const others = rows.filter((row) => row.enabled && row.label !== label).map((row) => row.label);
	return others.length >= MAX_ENABLED_WEBHOOKS ? others : null;
}

export function fullMessage(instance: string, others: string[]): { message: string; description: string } {
	return {
		message: `Instance ${instance} already has ${others.length} enabled webhooks (${others.join(', ')}); RyzeAPI allows ${MAX_ENABLED_WEBHOOKS}`,
		description:
			`To free one, disable a webhook you no longer need: deactivate the n8n workflow that owns it, or send ` +
			`POST /api/events/webhook/${instance} with {"label": "<label>", "enabled": false} (or use the RyzeAPI dashboard). ` +
			`Then activate this workflow again.`,
	};
}

export function registerBody(label: string, url: string) {
	return { label, enabled: true, url, byEvents: false, events: WEBHOOK_EVENTS, mediaBase64: false };
}

export function disableBody(label: string) {
	return { label, enabled: false };
}
