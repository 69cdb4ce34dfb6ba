/**
 * The RyzeAPI Trigger's webhook lifecycle on RyzeAPI: one row per workflow + node,
 * under a label of its own (helpers/webhookConfig.ts); the instance's other labels
 * are read (to count the enabled ones) but never written.
 *
 *   checkExists  GET  /api/events/getWebhook/:instance?label=L   (404: not there)
 *   create       GET  /api/events/getWebhook/:instance            (room for one more?)
 *                POST /api/events/webhook/:instance {label, enabled, url, events: ['group.flow'], byEvents: false, mediaBase64: false}
 *   delete       POST /api/events/webhook/:instance {label, enabled: false}
 */
import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';

import type { CallFailure } from '../../helpers/types';
import { disableBody, fullMessage, isOurs, noRoomFor, readWebhook, readWebhookList, registerBody, webhookLabel } from './webhookConfig';
import { readConnection, readInstance, laneRequest, type Connection } from '../connection';

/** Each lifecycle call waits this long for RyzeAPI. */
export const HOOK_TIMEOUT_MS = 30_000;

const eventsPath = (route: 'webhook' | 'getWebhook', instance: string) => `/api/events/${route}/${encodeURIComponent(instance)}`;

interface Hook {
	conn: Connection;
	instance: string;
	label: string;
	url: string;
}

async function hook(ctx: IHookFunctions): Promise<Hook> {
	const conn = await readConnection(ctx);
	const instance = readInstance(ctx, conn);
	const url = ctx.getNodeWebhookUrl('default') ?? '';
	const label = webhookLabel(ctx.getWorkflow().id, ctx.getNode().id, url);
	return { conn, instance, label, url };
}

function failed(ctx: IHookFunctions, h: Hook, what: string, failure: CallFailure): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), h.conn.redact(`Could not ${what} on instance ${h.instance}: ${failure.message}`), {
		description: h.conn.redact(failure.description ?? ''),
	});
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const h = await hook(this);
	const outcome = await laneRequest(this, h.conn, {
		method: 'GET',
		path: eventsPath('getWebhook', h.instance),
		qs: { label: h.label },
		timeoutMs: HOOK_TIMEOUT_MS,
	});
	if (outcome.ok) return isOurs(readWebhook(outcome.body), h.url);
	if (outcome.failure.statusCode === 404) return false;
	throw failed(this, h, `read webhook ${h.label}`, outcome.failure);
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const h = await hook(this);
	const list = await laneRequest(this, h.conn, { method: 'GET', path: eventsPath('getWebhook', h.instance), timeoutMs: HOOK_TIMEOUT_MS });
	if (!list.ok) throw failed(this, h, 'list the webhooks', list.failure);
	const others = noRoomFor(h.label, readWebhookList(list.body) ?? []);
	if (others !== null) {
		const { message, description } = fullMessage(h.instance, others);
		throw new NodeOperationError(this.getNode(), h.conn.redact(message), { description: h.conn.redact(description) });
	}
	const outcome = await laneRequest(this, h.conn, {
		method: 'POST',
		path: eventsPath('webhook', h.instance),
		body: registerBody(h.label, h.url),
		timeoutMs: HOOK_TIMEOUT_MS,
	});
	if (!outcome.ok) throw failed(this, h, `register webhook ${h.label}`, outcome.failure);
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const h = await hook(this);
	const outcome = await laneRequest(this, h.conn, {
		method: 'POST',
		path: eventsPath('webhook', h.instance),
		body: disableBody(h.label),
		timeoutMs: HOOK_TIMEOUT_MS,
	});
	return outcome.ok || outcome.failure.statusCode === 404;
}
