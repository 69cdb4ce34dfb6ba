/**
 * The events API (webhook configs). Facts from test/contract/ryzeapi.events.ts:
 *
 *   POST /api/events/webhook/:instance     {label?, enabled?, url, authorization?, byEvents?, events?, mediaBase64?}
 *        upsert by label (missing: `default`); at most 3 enabled per instance (400 beyond);
 *        {label, enabled: false} soft-disables: the row stays, url/authorization/events/mediaBase64 cleared.
 *   GET  /api/events/getWebhook/:instance  {webhooks: [...]} sorted by label; ?label=L → {webhook} or 404.
 *
 * What is delivered to these webhooks, and how: deliveries.ts, eventShapes.ts.
 */
import { EVENTS_CONTRACT } from '../contract/ryzeapi.events';
import { authorizeInstance } from './auth';
import { fail, isRecord, ok, type ApiResult, type ParsedBody } from './http';
import type { SimulatorState } from './state';

export interface WebhookRow {
	instance: string;
	label: string;
	enabled: boolean;
	url: string | null;
	authorization: unknown;
	byEvents: boolean;
	events: string[] | null;
	mediaBase64: boolean;
	updatedAt: string;
}

const MAX = EVENTS_CONTRACT.maxEnabledWebhooks.value;
const DEFAULT_LABEL = EVENTS_CONTRACT.defaultLabel.value;

function publicRow(row: WebhookRow): Omit<WebhookRow, 'instance'> {
	const copy: Partial<WebhookRow> = { ...row };
	delete copy.instance;
	return copy as Omit<WebhookRow, 'instance'>;
}

function labelOf(value: unknown): string {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : DEFAULT_LABEL;
}

/** POST /api/events/webhook/:instance */
export function setWebhook(state: SimulatorState, token: string | undefined, instanceName: string, body: ParsedBody): ApiResult {
	const auth = authorizeInstance(state, token, instanceName);
	if ('error' in auth) return auth.error;
	if (!body.ok || !isRecord(body.value)) return fail(400, 'Invalid request body');
	const sent = body.value;
	const label = labelOf(sent.label);
	if (label.length > 64) return fail(400, 'label must be at most 64 characters');
	const existing = state.webhooks.find((row) => row.instance === instanceName && row.label === label);
	const now = new Date().toISOString();
	if (sent.enabled === false) {
		const row: WebhookRow = existing ?? {
			instance: instanceName,
			label,
			enabled: false,
			url: null,
			authorization: null,
			byEvents: false,
			events: null,
			mediaBase64: false,
			updatedAt: now,
		};
		Object.assign(row, { enabled: false, url: null, authorization: null, events: null, mediaBase64: false, updatedAt: now });
		if (!existing) state.webhooks.push(row);
		return ok({ message: 'Webhook disabled', webhook: publicRow(row) });
	}
	if (typeof sent.url !== 'string' || !/^https?:\/\/\S+$/i.test(sent.url)) return fail(400, 'url is required (http or https)');
	const events = sent.events === undefined ? null : sent.events;
	if (events !== null && (!Array.isArray(events) || events.some((e) => !EVENTS_CONTRACT.eventTypes.value.includes(e as string)))) {
		return fail(400, `events must be a list of: ${EVENTS_CONTRACT.eventTypes.value.join(', ')}`);
	}
	const enabledOthers = state.webhooks.filter((row) => row.instance === instanceName && row.enabled && row.label !== label);
	if (enabledOthers.length >= MAX) return fail(400, EVENTS_CONTRACT.tooManyWebhooksMessage.value);
	const row: WebhookRow = {
		instance: instanceName,
		label,
		enabled: true,
		url: sent.url,
		authorization: sent.authorization ?? null,
		byEvents: sent.byEvents === true,
		events: events as string[] | null,
		mediaBase64: sent.mediaBase64 === true,
		updatedAt: now,
	};
	if (existing) Object.assign(existing, row);
	else state.webhooks.push(row);
	return ok({ message: 'Webhook configured', webhook: publicRow(row) });
}

/** GET /api/events/getWebhook/:instance[?label=] */
export function getWebhook(state: SimulatorState, token: string | undefined, instanceName: string, query: URLSearchParams): ApiResult {
	const auth = authorizeInstance(state, token, instanceName);
	if ('error' in auth) return auth.error;
	const rows = state.webhooks.filter((row) => row.instance === instanceName);
	if (query.has('label')) {
		const label = labelOf(query.get('label'));
		const row = rows.find((entry) => entry.label === label);
		return row ? ok({ webhook: publicRow(row) }) : fail(404, 'Webhook not found');
	}
	return ok({ webhooks: [...rows].sort((a, b) => a.label.localeCompare(b.label)).map(publicRow) });
}
