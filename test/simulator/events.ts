/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The events API (webhook configs) and `group.flow` deliveries. Facts from
 * test/contract/ryzeapi.events.ts:
 *
 *   POST /api/events/webhook/:instance     {label?, enabled?, url, authorization?, byEvents?, events?, mediaBase64?}
 *        upsert by label (missing: `default`); at most 3 enabled per instance (400 beyond);
 *        {label, enabled: false} soft-disables: the row stays, url/authorization/events/mediaBase64 cleared.
 *   GET  /api/events/getWebhook/:instance  {webhooks: [...]} sorted by label; ?label=L → {webhook} or 404.
 *
 * Whenever a group's participants change (through the API or the admin join/leave
 * routes), every instance in the group delivers `group.flow` to its enabled webhooks
 * that take it: POST {event, data, instanceData: {baseUrl, instance, token}}, with the
 * webhook's `authorization` text as the Authorization header (none without one). `data`
 * is not documented by RyzeAPI; the simulator sends the shape chosen with
 * `POST /__sim/flow-shape` (consumer style by default). Only loopback URLs are called.
 */
import { request } from 'node:http';

import { EVENTS_CONTRACT } from '../contract/ryzeapi.events';
import { authorizeInstance } from './auth';
import { fail, isRecord, ok, type ApiResult, type ParsedBody } from './http';
import type { SimulatorState } from './state';
import type { Group, Member } from './types';

export type FlowShape = 'consumer' | 'baileys' | 'whatsmeow';
export const FLOW_SHAPES: FlowShape[] = ['consumer', 'baileys', 'whatsmeow'];
export type FlowKind = 'joined' | 'left' | 'promoted' | 'demoted';

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

export interface FlowPerson {
	/** Phone JID when known, else the LID. */
	jid: string;
	lid: string | null;
}

/** One delivery attempt, as recorded (never the token). */
export interface DeliveryRecord {
	instance: string;
	label: string;
	url: string;
	event: string;
	type: FlowKind;
	participants: string[];
	/** HTTP status answered; 0: no answer; -1: not sent (not a loopback URL). */
	status: number;
	at: string;
}

const MAX = EVENTS_CONTRACT.maxEnabledWebhooks.value;
const DEFAULT_LABEL = EVENTS_CONTRACT.defaultLabel.value;
const FLOW = EVENTS_CONTRACT.groupFlowEvent.value;
const AUTHORIZATION = EVENTS_CONTRACT.deliveryAuthorizationHeader.value;
const DELIVERY_TIMEOUT_MS = 5000;

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

const BAILEYS_ACTION: Record<FlowKind, string> = { joined: 'add', left: 'remove', promoted: 'promote', demoted: 'demote' };
const WHATSMEOW_LIST: Record<FlowKind, string> = { joined: 'Join', left: 'Leave', promoted: 'Promote', demoted: 'Demote' };

/** The `data` of one group.flow delivery, in the chosen shape. */
export function flowData(shape: FlowShape, group: Group, type: FlowKind, people: FlowPerson[], at: Date): Record<string, unknown> {
	if (shape === 'baileys') {
		return { id: group.jid, author: null, action: BAILEYS_ACTION[type], participants: people.map((p) => p.jid) };
	}
	if (shape === 'whatsmeow') {
		return { JID: group.jid, Name: { Name: group.name }, Timestamp: at.toISOString(), [WHATSMEOW_LIST[type]]: people.map((p) => p.jid) };
	}
	return {
		type,
		groupJid: group.jid,
		groupName: group.name,
		participants: people.map((p) => ({
			jid: p.jid,
			lid: p.lid,
			phoneNumber: p.jid.endsWith('@s.whatsapp.net') ? p.jid : null,
		})),
		timestamp: at.toISOString(),
	};
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

function post(url: string, body: string, authorization: unknown): Promise<number> {
	return new Promise((resolve) => {
		const target = new URL(url);
		if (!LOOPBACK.test(target.hostname) || target.protocol !== 'http:') return resolve(-1);
		const headers: Record<string, string | number> = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
		if (typeof authorization === 'string' && authorization.trim() !== '') headers[AUTHORIZATION] = authorization;
		const req = request(target, { method: 'POST', headers }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode ?? 0));
			res.on('error', () => resolve(res.statusCode ?? 0));
		});
		req.setTimeout(DELIVERY_TIMEOUT_MS, () => req.destroy());
		req.on('error', () => resolve(0));
		req.end(body);
	});
}

/**
 * Delivers one change of a group to every instance in it, to each enabled webhook
 * taking group.flow. Resolves when every delivery got its answer (or failed).
 */
export async function deliverGroupFlow(
	state: SimulatorState,
	baseUrl: string,
	group: Group,
	type: FlowKind,
	people: FlowPerson[],
): Promise<void> {
	if (people.length === 0) return;
	const at = new Date();
	const data = flowData(state.flowShape, group, type, people, at);
	const sends: Array<Promise<void>> = [];
	for (const instance of state.instances) {
		if (!state.roleOf(group, instance)) continue;
		for (const row of state.webhooks) {
			if (row.instance !== instance.name || !row.enabled || row.url === null) continue;
			if (row.events !== null && !row.events.includes(FLOW)) continue;
			const url = row.byEvents ? `${row.url.replace(/\/+$/, '')}/${FLOW}` : row.url;
			const body = JSON.stringify({ event: FLOW, data, instanceData: { baseUrl, instance: instance.name, token: instance.token } });
			const record: DeliveryRecord = {
				instance: instance.name,
				label: row.label,
				url,
				event: FLOW,
				type,
				participants: people.map((p) => p.jid),
				status: 0,
				at: at.toISOString(),
			};
			state.deliveries.push(record);
			sends.push(post(url, body, row.authorization).then((status) => void (record.status = status)));
		}
	}
	await Promise.all(sends);
}

/** What changed between two member lists of a group, as group.flow changes (joined, left, promoted, demoted). */
export function membershipChanges(before: Member[], after: Member[]): Array<{ type: FlowKind; people: FlowPerson[] }> {
	const was = new Map(before.map((member) => [member.jid, member.isAdmin || member.isSuperAdmin]));
	const now = new Map(after.map((member) => [member.jid, member.isAdmin || member.isSuperAdmin]));
	const person = (member: Member): FlowPerson => ({ jid: member.jid, lid: member.lid });
	const changes: Array<{ type: FlowKind; people: FlowPerson[] }> = [
		{ type: 'joined', people: after.filter((m) => !was.has(m.jid)).map(person) },
		{ type: 'left', people: before.filter((m) => !now.has(m.jid)).map(person) },
		{ type: 'promoted', people: after.filter((m) => was.get(m.jid) === false && now.get(m.jid) === true).map(person) },
		{ type: 'demoted', people: after.filter((m) => was.get(m.jid) === true && now.get(m.jid) === false).map(person) },
	];
	return changes.filter((change) => change.people.length > 0);
}
