/**
 * The RyzeAPI Trigger's webhook lifecycle on RyzeAPI: one row per workflow + node +
 * n8n installation, under a label of its own (webhookConfig.ts), registered with the
 * node's secret as its `authorization` (deliveryAuth.ts). The instance's other labels
 * are read (to count the enabled ones) but never written, and a row that delivers to
 * another n8n is never taken over nor disabled.
 *
 *   checkExists  GET  /api/events/getWebhook/:instance?label=L   (404: not there)
 *   create       GET  /api/events/getWebhook/:instance?label=L   (enabled elsewhere: refused)
 *                GET  /api/events/getWebhook/:instance?label=<label before 0.4> (ours: disabled)
 *                GET  /api/events/getWebhook/:instance            (room for one more?)
 *                POST /api/events/webhook/:instance {label, enabled, url, authorization, events, byEvents: false, mediaBase64: false}
 *                (events: group.flow, and instance.state when Instance State Changed is selected)
 *   delete       GET  /api/events/getWebhook/:instance?label=L, then, when it delivers here,
 *                POST /api/events/webhook/:instance {label, enabled: false}
 *
 * Every answer must be RyzeAPI's JSON: an HTML page answered 200 (a Base URL at a
 * website) fails activation instead of passing for a registered webhook.
 */
import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';

import { createRedactor, type Redact } from '../../helpers/redact';
import type { CallFailure } from '../../helpers/types';
import { carriesSecret, nodeSecret } from './deliveryAuth';
import { triggerVersion, webhookEventsFor } from './events';
import {
	baseUrlMessage,
	disableBody,
	fullMessage,
	isOurs,
	isRegisteredAnswer,
	legacyWebhookLabel,
	noRoomFor,
	pointsElsewhere,
	pointsHere,
	readWebhook,
	readWebhookList,
	registerBody,
	takenMessage,
	webhookLabel,
	type Explained,
	type WebhookRow,
} from './webhookConfig';
import { readConnection, readInstance, laneRequest, type Connection } from '../connection';

/** Each lifecycle call waits this long for RyzeAPI. */
export const HOOK_TIMEOUT_MS = 30_000;

const eventsPath = (route: 'webhook' | 'getWebhook', instance: string) => `/api/events/${route}/${encodeURIComponent(instance)}`;

interface Hook {
	conn: Connection;
	instance: string;
	label: string;
	/** The label an older version gave this node (no installation in it). */
	legacyLabel: string;
	url: string;
	/** The Authorization value the row is registered with. */
	secret: string;
	/** The RyzeAPI events the selected Events need (group.flow, and instance.state for Instance State Changed). */
	events: string[];
	/** Removes the token and the secret (an API that echoes the register body) from what the node says. */
	redact: Redact;
}

async function hook(ctx: IHookFunctions): Promise<Hook> {
	const conn = await readConnection(ctx);
	const instance = readInstance(ctx, conn);
	const url = ctx.getNodeWebhookUrl('default') ?? '';
	const [workflowId, nodeId] = [ctx.getWorkflow().id, ctx.getNode().id];
	const secret = nodeSecret(conn.token, workflowId, nodeId, url);
	const secretRedactor = createRedactor(secret.replace(/^Bearer /, ''));
	return {
		conn,
		instance,
		url,
		label: webhookLabel(workflowId, nodeId, url),
		legacyLabel: legacyWebhookLabel(workflowId, nodeId, url),
		secret,
		events: webhookEventsFor(triggerVersion(ctx.getNode().typeVersion), ctx.getNodeParameter('events', [])),
		redact: (value) => conn.redact(secretRedactor(value)),
	};
}

function refusal(ctx: IHookFunctions, h: Hook, { message, description }: Explained): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), h.redact(message), { description: h.redact(description) });
}

/** The transport's words for a non-2xx HTML answer (transport/http/request.ts, httpFailure). */
const isHtmlPage = (failure: CallFailure) => failure.message.endsWith('with an HTML page');

function failed(ctx: IHookFunctions, h: Hook, what: string, failure: CallFailure): NodeOperationError {
	const hint = isHtmlPage(failure) ? baseUrlMessage(h.instance, h.conn.baseUrl, what, failure.message).description : '';
	return refusal(ctx, h, {
		message: `Could not ${what} on instance ${h.instance}: ${failure.message}`,
		description: [hint, failure.description ?? ''].filter((text) => text !== '').join(' '),
	});
}

/** The row under `label`; null when there is none (404). Throws when the call fails or the answer is not RyzeAPI's. */
async function lookUp(ctx: IHookFunctions, h: Hook, label: string): Promise<WebhookRow | null> {
	const outcome = await laneRequest(ctx, h.conn, {
		method: 'GET',
		path: eventsPath('getWebhook', h.instance),
		qs: { label },
		timeoutMs: HOOK_TIMEOUT_MS,
	});
	if (!outcome.ok) {
		if (outcome.failure.statusCode === 404 && !isHtmlPage(outcome.failure)) return null;
		throw failed(ctx, h, `read webhook ${label}`, outcome.failure);
	}
	const row = readWebhook(outcome.body);
	if (row === null) throw refusal(ctx, h, baseUrlMessage(h.instance, h.conn.baseUrl, `reading webhook ${label}`, outcome.body));
	return row;
}

async function disable(ctx: IHookFunctions, h: Hook, label: string) {
	return await laneRequest(ctx, h.conn, {
		method: 'POST',
		path: eventsPath('webhook', h.instance),
		body: disableBody(label),
		timeoutMs: HOOK_TIMEOUT_MS,
	});
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const h = await hook(this);
	const row = await lookUp(this, h, h.label);
	if (pointsElsewhere(row, h.url)) throw refusal(this, h, takenMessage(h.instance, row, h.url));
	return isOurs(row, h.url, h.events) && carriesSecret(row, h.secret);
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const h = await hook(this);
	const row = await lookUp(this, h, h.label);
	if (pointsElsewhere(row, h.url)) throw refusal(this, h, takenMessage(h.instance, row, h.url));
	// An older version's row for this node at this n8n: unsigned, so replaced. One at another n8n is theirs.
	const legacyHere = pointsHere(await lookUp(this, h, h.legacyLabel), h.url);

	const list = await laneRequest(this, h.conn, { method: 'GET', path: eventsPath('getWebhook', h.instance), timeoutMs: HOOK_TIMEOUT_MS });
	if (!list.ok) throw failed(this, h, 'list the webhooks', list.failure);
	const rows = readWebhookList(list.body);
	if (rows === null) throw refusal(this, h, baseUrlMessage(h.instance, h.conn.baseUrl, 'listing the webhooks', list.body));
	const others = noRoomFor(legacyHere ? [h.label, h.legacyLabel] : [h.label], rows);
	if (others !== null) throw refusal(this, h, fullMessage(h.instance, others));

	if (legacyHere) {
		const disabled = await disable(this, h, h.legacyLabel);
		if (!disabled.ok) throw failed(this, h, `disable webhook ${h.legacyLabel} (registered by an older version)`, disabled.failure);
	}
	const outcome = await laneRequest(this, h.conn, {
		method: 'POST',
		path: eventsPath('webhook', h.instance),
		body: registerBody(h.label, h.url, h.secret, h.events),
		timeoutMs: HOOK_TIMEOUT_MS,
	});
	if (!outcome.ok) throw failed(this, h, `register webhook ${h.label}`, outcome.failure);
	if (!isRegisteredAnswer(outcome.body)) {
		throw refusal(this, h, baseUrlMessage(h.instance, h.conn.baseUrl, `registering webhook ${h.label}`, outcome.body));
	}
	return true;
}

/**
 * Disables our row when it delivers to this n8n. n8n ignores what delete returns and
 * goes on deactivating whatever happens (an error would only skip its own clean-up),
 * so a row that could not be disabled is reported in n8n's log, by label and instance:
 * it stays enabled and keeps one of the instance's slots until someone disables it.
 */
export async function remove(this: IHookFunctions): Promise<boolean> {
	let h: Hook;
	try {
		h = await hook(this);
	} catch (error) {
		// A credential or Instance problem: thrown, it would only make n8n skip removing its own webhook entries.
		this.logger.warn(`RyzeAPI Trigger: could not disable the webhook of node "${this.getNode().name}": ${(error as Error).message}`);
		return false;
	}
	const where = `webhook ${h.label} on instance ${h.instance}`;
	try {
		const row = await lookUp(this, h, h.label);
		if (row === null || !row.enabled) return true;
		if (!pointsHere(row, h.url)) {
			this.logger.warn(h.redact(`RyzeAPI Trigger: ${where} delivers to another n8n; left enabled`));
			return true;
		}
		const outcome = await disable(this, h, h.label);
		if (outcome.ok || outcome.failure.statusCode === 404) return true;
		this.logger.warn(notDisabled(h, where, outcome.failure.message, 'It stays enabled'));
	} catch (error) {
		// Not read: whether it is enabled is not known (after a failed activation it may never have been).
		this.logger.warn(notDisabled(h, where, (error as Error).message, 'If it is enabled, it stays enabled'));
	}
	return false;
}

function notDisabled(h: Hook, where: string, why: string, state: string): string {
	return h.redact(
		`RyzeAPI Trigger: could not disable ${where} (${why}). ${state} and keeps one of the instance's 3 webhook ` +
			`slots, and RyzeAPI keeps delivering to it (n8n answers 404). To free it, activate and deactivate the ` +
			`workflow again once RyzeAPI answers, or send POST /api/events/webhook/${h.instance} {"label": "${h.label}", "enabled": false}.`,
	);
}
