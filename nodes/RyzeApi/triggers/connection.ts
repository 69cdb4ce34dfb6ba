/**
 * What the triggers share: the credential's settings, the Instance and Group fields
 * (the action node's pickers, imported from actions/group/fields.ts), and one call on
 * the token's lane through the node's transport.
 */
import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IHookFunctions,
	type INodeProperties,
	type IPollFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { groupFields } from '../actions/group/common.descriptions';
import { InputError } from '../helpers/inputError';
import { createRedactor, type Redact } from '../helpers/redact';
import { validateBaseUrl, validateInstance, validateTokenPresent } from '../helpers/validation';
import { CREDENTIAL_TYPE, type ApiOutcome, type RequestSpec } from '../transport/http/request';
import { lanes } from '../transport/rateLimit/lanes';
import { Pacer } from '../transport/rateLimit/pacer';
import { CallSender } from '../transport/rateLimit/send';

type TriggerContext = IPollFunctions | IHookFunctions | IWebhookFunctions;

export interface Connection {
	baseUrl: string;
	token: string;
	defaultInstance: string;
	redact: Redact;
	laneKey: string;
}

/** An InputError as the NodeOperationError that names its field. */
export function fieldError(ctx: TriggerContext, error: unknown): NodeOperationError {
	if (error instanceof InputError) {
		return new NodeOperationError(ctx.getNode(), `${error.field}: ${error.message}`, { description: error.hint });
	}
	return new NodeOperationError(ctx.getNode(), error as Error);
}

export async function readConnection(ctx: TriggerContext): Promise<Connection> {
	const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
	try {
		const baseUrl = validateBaseUrl(credentials.baseUrl);
		validateTokenPresent(credentials.token);
		const token = String(credentials.token);
		return {
			baseUrl,
			token,
			defaultInstance: typeof credentials.instance === 'string' ? credentials.instance : '',
			redact: createRedactor(token),
			laneKey: lanes.key(baseUrl, token),
		};
	} catch (error) {
		throw fieldError(ctx, error);
	}
}

/** The Instance field (empty: the credential's instance), validated. */
export function readInstance(ctx: TriggerContext, conn: Connection): string {
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

const clock = { sleep, now: () => Date.now() };
/** A trigger's call waits at most this long for the token's rate limit. */
export const TRIGGER_MAX_WAIT_MS = 60_000;

/**
 * One call on the token's lane (shared with the action node's runs on the same token), under the same policy as
 * theirs (coordination/send.ts): paced by X-RateLimit-*, a 429 waited out and resent, a read resent after an
 * unknown outcome, a write (registering or disabling the webhook) never.
 */
export async function laneRequest(ctx: IPollFunctions | IHookFunctions, conn: Connection, spec: RequestSpec): Promise<ApiOutcome> {
	const pacer = new Pacer({ reserve: 0, intervalMs: 0, maxWaitMs: TRIGGER_MAX_WAIT_MS, ...clock }, lanes.laneFor(conn.laneKey, clock).lane);
	const sender = new CallSender(ctx, conn.baseUrl, pacer, { retryOnServerErrors: false, sleep });
	return await sender.send(spec, spec.method === 'GET' ? 'always' : 'never');
}
