/**
 * Is a webhook delivery from RyzeAPI, for this trigger? Pure, but for reading the
 * delivery's context (deliveryAuthorization).
 *
 * RyzeAPI signs nothing, but it sends a webhook's `authorization` value as the
 * `Authorization` header of every delivery (webhook-configure page). The node
 * registers a secret of its own there: an HMAC of the base label (workflow, node,
 * installation) keyed with the credential's token, so nothing is stored, and it
 * works with an account token too. Every delivery must carry it; then its
 * `instanceData.instance` must be the configured instance and, when the credential
 * holds that instance's token, `instanceData.token` that token. Secrets are compared
 * in constant time over SHA-256 digests (equal length whatever was sent).
 */
import { createHash, createHmac, timingSafeEqual } from 'crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import type { Envelope } from './groupFlow';
import { baseLabel, installationOrigin, type WebhookRow } from './webhookConfig';

export type DeliveryVerdict = { ok: true } | { ok: false; reason: string };

function digest(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time equality of two texts of any length. */
export function sameSecret(a: string, b: string): boolean {
	return timingSafeEqual(digest(a), digest(b));
}

/**
 * The Authorization value a webhook is registered with and its deliveries must carry:
 * `Bearer <base64url HMAC-SHA256(token, base label)>`. One way: it tells nothing of
 * the token. The test webhook of a node shares it with the production one (same
 * base label), so the delivery side needs only the production URL n8n gives it.
 */
function deliverySecret(token: string, label: string): string {
	return `Bearer ${createHmac('sha256', token).update(`ryzeapi-trigger-delivery\n${label}`).digest('base64url')}`;
}

/** The secret of one trigger node, from the workflow and node ids and its webhook URL (production or test). */
export function nodeSecret(token: string, workflowId: unknown, nodeId: unknown, webhookUrl: unknown): string {
	return deliverySecret(token, baseLabel(workflowId, nodeId, installationOrigin(webhookUrl)));
}

/** A row read back from RyzeAPI carries our secret (an older version's row carries none). */
export function carriesSecret(row: WebhookRow, secret: string): boolean {
	return row.authorization !== null && sameSecret(row.authorization, secret);
}

export interface Expected {
	instance: string;
	/** The credential's token; null when it cannot be compared (an account token). */
	token: string | null;
	/** The Authorization header this webhook was registered with (nodeSecret). */
	authorization: string;
	/** The Authorization header the delivery came with: anything, or nothing. */
	sentAuthorization: unknown;
}

/** The two Authorization inputs of checkDelivery, read from a delivery's context. */
export function deliveryAuthorization(ctx: IWebhookFunctions, token: string): Pick<Expected, 'authorization' | 'sentAuthorization'> {
	return {
		authorization: nodeSecret(token, ctx.getWorkflow().id, ctx.getNode().id, ctx.getNodeWebhookUrl('default')),
		sentAuthorization: ctx.getHeaderData().authorization,
	};
}

export function checkDelivery(envelope: Envelope, expected: Expected): DeliveryVerdict {
	// Every secret is compared, always: no early exit that would tell a missing secret from a wrong one by timing.
	const sent = typeof expected.sentAuthorization === 'string' ? expected.sentAuthorization : null;
	const signed = sameSecret(sent ?? '', expected.authorization) && sent !== null;
	const tokenMatch = expected.token === null || (sameSecret(envelope.token ?? '', expected.token.trim()) && envelope.token !== null);
	if (!signed) return { ok: false, reason: 'The delivery does not carry the Authorization header this webhook was registered with' };
	if (envelope.instance === null || envelope.instance !== expected.instance) {
		return { ok: false, reason: 'The delivery is not for the configured instance' };
	}
	if (!tokenMatch) return { ok: false, reason: 'The delivery does not carry the instance token' };
	return { ok: true };
}
