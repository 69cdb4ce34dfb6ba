/**
 * Is a webhook delivery from RyzeAPI, for this trigger? Pure.
 *
 * RyzeAPI signs nothing; every delivery carries `instanceData.instance` and
 * `instanceData.token`, the instance's own token. A delivery is accepted only when
 * its instance is the configured one and, when the credential holds that instance's
 * token, its token is the same: compared in constant time over SHA-256 digests
 * (equal length whatever was sent). With an account token in the credential the
 * delivery's token cannot be compared (it is another secret): the instance check and
 * the webhook URL's random id are then what protect the webhook.
 */
import { createHash, timingSafeEqual } from 'crypto';

import type { Envelope } from './groupFlow';

export type DeliveryVerdict = { ok: true } | { ok: false; reason: string };

function digest(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time equality of two texts of any length. */
export function sameSecret(a: string, b: string): boolean {
	return timingSafeEqual(digest(a), digest(b));
}

export interface Expected {
	instance: string;
	/** The credential's token; null when it cannot be compared (an account token). */
	token: string | null;
}

export function checkDelivery(envelope: Envelope, expected: Expected): DeliveryVerdict {
	if (envelope.instance === null || envelope.instance !== expected.instance) {
		return { ok: false, reason: 'The delivery is not for the configured instance' };
	}
	if (expected.token !== null) {
		// Both compared, always: no early exit that would tell a missing token from a wrong one by timing.
		const match = sameSecret(envelope.token ?? '', expected.token.trim());
		if (!match || envelope.token === null) return { ok: false, reason: 'The delivery does not carry the instance token' };
	}
	return { ok: true };
}
