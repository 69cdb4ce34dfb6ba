/**
 * What the triggers share: the credential (read as every context reads it,
 * transport/connection.ts), the Instance field, the Instance and Group pickers (the
 * action node's version-1.1 locators), and one call on the token's lane.
 */
import type { IHookFunctions, INodeProperties, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import { groupFields } from '../actions/group/common.descriptions';
import { laneSender, realClock, type Connection } from '../transport/connection';
import { fieldError } from '../helpers/inputError';
import { validateInstance } from '../helpers/validation';
import type { ApiOutcome, RequestSpec } from '../transport/http/request';
import type { Clock } from '../transport/rateLimit/lane';

export { readConnection, type Connection } from '../transport/connection';
export { fieldError } from '../helpers/inputError';

/** The Instance field (empty: the credential's instance), validated. */
export function readInstance(ctx: IPollFunctions | IHookFunctions | IWebhookFunctions, conn: Connection): string {
	try {
		return validateInstance(ctx.getNodeParameter('instance', '', { extractValue: true }), conn.defaultInstance);
	} catch (error) {
		throw fieldError(ctx, error);
	}
}

const locators = groupFields.filter((field) => field.type === 'resourceLocator');
const locator = (name: string): INodeProperties => {
	// The version-1.1 locator, shown always: the triggers have one version.
	const field = { ...(locators.find((entry) => entry.name === name) as INodeProperties) };
	delete field.displayOptions;
	return field;
};

/** The action node's Instance picker (From List, By Name). */
export const instanceField: INodeProperties = locator('instance');
/** The action node's Group picker (From List, By JID, By Invite Link or Code). */
export const groupField: INodeProperties = locator('group');

/** A trigger's call waits at most this long for the token's rate limit, unless its caller says otherwise. */
export const TRIGGER_MAX_WAIT_MS = 60_000;

/** What bounds one trigger call beyond its own Timeout (`spec.timeoutMs`); each caller may pass its own. */
export interface TriggerCallBounds {
	/** All the rate-limit waiting this call may do (default TRIGGER_MAX_WAIT_MS). */
	maxWaitMs?: number;
	/** Once aborted, nothing more is sent for this call. */
	signal?: AbortSignal;
	/** No wait of this call ends later than this instant on `clock` (a poll's budget less its Timeout). */
	waitsEndBy?: number;
}

/**
 * One call on the token's lane (shared with the action node's runs and pickers on
 * the same token), under the runs' policy (transport/rateLimit/send.ts): paced by
 * X-RateLimit-*, a 429 waited out and resent, a read resent after an unknown
 * outcome, a write (registering or disabling the webhook) never. `clock`: real
 * time, or a test's (laneSender).
 */
export async function laneRequest(
	ctx: IPollFunctions | IHookFunctions,
	conn: Connection,
	spec: RequestSpec,
	bounds: TriggerCallBounds = {},
	clock: Clock = realClock,
): Promise<ApiOutcome> {
	const { maxWaitMs = TRIGGER_MAX_WAIT_MS, signal, waitsEndBy } = bounds;
	const sender = laneSender(ctx, conn, { maxWaitMs, signal, waitsEndBy }, clock);
	return await sender.send(spec, spec.method === 'GET' ? 'always' : 'never');
}
