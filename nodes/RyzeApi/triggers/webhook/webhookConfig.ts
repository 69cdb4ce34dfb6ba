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

const hex = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);

/** The path segments of a URL; null when it is not one. */
function segmentsOf(url: unknown): { origin: string; segments: string[] } | null {
	if (typeof url !== 'string' || !URL.canParse(url)) return null;
	const parsed = new URL(url);
	return { origin: parsed.origin, segments: parsed.pathname.split('/').filter((segment) => segment !== '') };
}

/**
 * Which of n8n's webhook endpoints a webhook URL is on: `…/<endpoint>/<webhook id>/<path>`.
 * n8n builds the URL the same way when it creates and when it deletes a webhook
 * (`isTest` of the webhook), while the hook's mode differs (test webhooks are
 * deleted in mode `internal`): the URL is what tells a test webhook apart.
 */
export function webhookEndpoint(url: unknown): string {
	const parsed = segmentsOf(url);
	return parsed !== null && parsed.segments.length >= 3 ? parsed.segments[parsed.segments.length - 3] : 'webhook';
}

/**
 * The n8n installation a webhook URL belongs to, as RyzeAPI sees it: the origin
 * (scheme, host, port). The production and the test URL of one n8n share it (both
 * are built on its WEBHOOK_URL), and a delivery's webhook context can compute it
 * (it only knows the production URL). Empty when there is no URL.
 */
export function installationOrigin(url: unknown): string {
	return segmentsOf(url)?.origin ?? '';
}

/**
 * Where an n8n receives one endpoint's webhooks: the URL without its webhook id and
 * path (origin, base path, endpoint). Two URLs with the same one are the same n8n;
 * null when the text is not a URL.
 */
function receiverOf(url: unknown): string | null {
	const parsed = segmentsOf(url);
	if (parsed === null) return null;
	return [parsed.origin, ...parsed.segments.slice(0, Math.max(0, parsed.segments.length - 2))].join('/');
}

function endpointSuffix(webhookUrl: unknown): string {
	const endpoint = webhookEndpoint(webhookUrl);
	if (endpoint === 'webhook') return '';
	return endpoint === 'webhook-test' ? '-test' : `-${hex(endpoint, 6)}`;
}

const readable = (workflow: string) => workflow.replace(/[^A-Za-z0-9]/g, '').slice(0, 24) || 'workflow';

/**
 * The production label of one trigger node of one workflow in one n8n installation:
 * `n8n-<workflow id>-<hash>`, the hash over workflow id, node id and the installation's
 * origin. Export and import keep workflow and node ids, so without the origin a
 * staging and a production n8n would share (and take over) one row. The secret a
 * delivery carries is derived from it (deliveryAuth.ts).
 */
export function baseLabel(workflowId: unknown, nodeId: unknown, origin: string): string {
	const workflow = String(workflowId ?? '');
	return `n8n-${readable(workflow)}-${hex(`${workflow}\n${String(nodeId ?? '')}\n${origin}`, 16)}`;
}

/**
 * The label of this webhook: the base label, plus `-test` for the editor's test
 * webhook (n8n's `webhook-test` endpoint), so a test never overwrites the production
 * row (another endpoint name: a short hash of it). Letters, digits and dashes only;
 * at most 64 characters.
 */
export function webhookLabel(workflowId: unknown, nodeId: unknown, webhookUrl?: unknown): string {
	return `${baseLabel(workflowId, nodeId, installationOrigin(webhookUrl))}${endpointSuffix(webhookUrl)}`;
}

/**
 * The label versions up to 0.3.0 used (no installation in the hash). Their rows carry
 * no authorization, so their deliveries are refused now: activation disables the one
 * that points at this n8n, and never one that points at another.
 */
export function legacyWebhookLabel(workflowId: unknown, nodeId: unknown, webhookUrl?: unknown): string {
	const workflow = String(workflowId ?? '');
	return `n8n-${readable(workflow)}-${hex(`${workflow}\n${String(nodeId ?? '')}`, 16)}${endpointSuffix(webhookUrl)}`;
}

export interface WebhookRow {
	label: string;
	enabled: boolean;
	url: string | null;
	events: string[] | null;
	/** The Authorization value read back; null when absent or not text (RyzeAPI may return it encrypted). */
	authorization: string | null;
}

function readRow(value: unknown): WebhookRow | null {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
	const row = value as Record<string, unknown>;
	const label = typeof row.label === 'string' && row.label !== '' ? row.label : 'default';
	const events = Array.isArray(row.events) ? row.events.filter((e): e is string => typeof e === 'string').slice(0, 20) : null;
	return {
		label: label.slice(0, 200),
		enabled: row.enabled === true,
		url: typeof row.url === 'string' ? row.url.slice(0, 2000) : null,
		events,
		authorization: typeof row.authorization === 'string' ? row.authorization.slice(0, 1000) : null,
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

/**
 * The answer to POST webhook is one RyzeAPI writes: the row (`{webhook}`, `data` or
 * top level) or the standard success envelope (`{success: true, …}`). An HTML page
 * answered 200 (a Base URL at a website) is not: nothing was registered.
 */
export function isRegisteredAnswer(body: unknown): boolean {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
	return readWebhook(body) !== null || (body as Record<string, unknown>).success === true;
}

/**
 * Our row is registered as we would register it: enabled, at our URL, for every
 * RyzeAPI event the selected Events need (events.ts, webhookEventsFor).
 * (Its Authorization is checked too: deliveryAuth.ts, carriesSecret.)
 */
export function isOurs(row: WebhookRow | null, url: string, events: readonly string[] = WEBHOOK_EVENTS): row is WebhookRow {
	return row !== null && row.enabled && row.url === url && (row.events === null || events.every((event) => row.events!.includes(event)));
}

/** An enabled row that delivers to another n8n (or to something that is not a URL): never ours to change. */
export function pointsElsewhere(row: WebhookRow | null, url: string): row is WebhookRow {
	if (row === null || !row.enabled || row.url === null) return false;
	const theirs = receiverOf(row.url);
	return theirs === null || theirs !== receiverOf(url);
}

/** An enabled row that delivers to this n8n: ours to disable. */
export function pointsHere(row: WebhookRow | null, url: string): boolean {
	return row !== null && row.enabled && row.url !== null && !pointsElsewhere(row, url);
}

/** The other enabled rows, when they leave no room for ours; null when there is room. */
export function noRoomFor(own: string[], rows: WebhookRow[]): string[] | null {
	const others = rows.filter((row) => row.enabled && !own.includes(row.label)).map((row) => row.label);
	return others.length >= MAX_ENABLED_WEBHOOKS ? others : null;
}

export interface Explained {
	message: string;
	description: string;
}

const disableHow = (instance: string, label: string) =>
	`POST /api/events/webhook/${instance} with {"label": "${label}", "enabled": false} (or use the RyzeAPI dashboard)`;

export function fullMessage(instance: string, others: string[]): Explained {
	return {
		message: `Instance ${instance} already has ${others.length} enabled webhooks (${others.join(', ')}); RyzeAPI allows ${MAX_ENABLED_WEBHOOKS}`,
		description:
			`To free one, disable a webhook you no longer need: deactivate the n8n workflow that owns it, or send ` +
			`${disableHow(instance, '<label>')}. Then activate this workflow again.`,
	};
}

/** Where a row delivers, for a message: its receiver (no webhook id), bounded. */
function whereTo(url: string | null): string {
	const receiver = receiverOf(url);
	return receiver === null ? 'an address that is not a URL' : receiver.slice(0, 120);
}

/** Activation refused: the row under our label is enabled and delivers to another n8n. */
export function takenMessage(instance: string, row: WebhookRow, url: string): Explained {
	return {
		message: `Webhook ${row.label} on instance ${instance} is enabled and delivers to ${whereTo(row.url)}, not to this n8n (${whereTo(url)})`,
		description:
			`The node never takes over a webhook that delivers to another n8n. Another n8n with the same workflow and ` +
			`the same public address registered it, or this n8n's webhook address changed. If that n8n still uses it, ` +
			`leave it; otherwise deactivate the workflow there, or send ${disableHow(instance, row.label)}. Then activate ` +
			`this workflow again.`,
	};
}

/** What a GET or POST answer that is not RyzeAPI's JSON looked like. */
function answerKind(body: unknown): string {
	if (body === undefined || body === null || body === '') return 'an empty answer';
	if (typeof body === 'string') return /^\s*</.test(body) ? 'an HTML page' : 'text that is not JSON';
	return 'JSON that is not a webhook answer';
}

/** Activation refused: a call answered 2xx with something RyzeAPI does not send (a wrong Base URL). */
export function baseUrlMessage(instance: string, baseUrl: string, call: string, body: unknown): Explained {
	const host = URL.canParse(baseUrl) ? new URL(baseUrl).host : 'the Base URL';
	return {
		message: `The Base URL (${host}) does not look like RyzeAPI: ${call} on instance ${instance} answered ${answerKind(body)}`,
		description:
			`RyzeAPI answers its webhook calls with JSON. A Base URL that points at a website, a dashboard or a proxy ` +
			`answers an HTML page, and a webhook "registered" there would never be called. Set the credential's Base URL ` +
			`to your RyzeAPI server's address (e.g. https://ryzeapi.cloud), then activate the workflow again.`,
	};
}

export function registerBody(label: string, url: string, authorization: string, events: readonly string[] = WEBHOOK_EVENTS) {
	return { label, enabled: true, url, authorization, byEvents: false, events: [...events], mediaBase64: false };
}

export function disableBody(label: string) {
	return { label, enabled: false };
}
