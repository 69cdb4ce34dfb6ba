/**
 * The RyzeAPI credential as every context n8n gives the node reads it — a run
 * (execute), a picker (load options), a poll, a webhook's lifecycle (hook) and a
 * delivery (webhook) — and the sender every call goes through. One copy, so no
 * context reads less than another: the triggers' copy once built its redactor
 * without the Base URL, and its errors showed the Base URL's secret path.
 */
import {
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { fieldError } from '../helpers/inputError';
import { createRedactor, type Redact } from '../helpers/redact';
import { validateBaseUrl, validateTokenPresent } from '../helpers/validation';
import { CREDENTIAL_TYPE, deadline } from './http/request';
import type { Clock } from './rateLimit/lane';
import { lanes } from './rateLimit/lanes';
import { Pacer } from './rateLimit/pacer';
import { CallSender } from './rateLimit/send';

/** Every context the node reads its credential in. */
export type CredentialContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;
/** The contexts that call RyzeAPI (a delivery only answers). */
export type CallingContext = Exclude<CredentialContext, IWebhookFunctions>;

export interface Connection {
	/** Checked, without a trailing slash or `/api`; a path prefix (a reverse proxy) is kept. */
	baseUrl: string;
	/**
	 * Checked present and sendable. n8n sends it (the credential's header); the node
	 * reads it only to check a delivery's token and to build `redact` and `laneKey`.
	 */
	token: string;
	/** The credential's Instance, used when the node's Instance field is empty. */
	defaultInstance: string;
	/** Removes the token (every encoding) and the Base URL's secret path from any text or value. */
	redact: Redact;
	/** The token's lane in the process-wide coordinator: Base URL + an HMAC of the token, never the token. */
	laneKey: string;
}

/**
 * Reads and checks the credential. A bad Base URL or token is the NodeOperationError
 * naming the credential's field (and `itemIndex` in a run, where items apply).
 */
export async function readConnection(ctx: CredentialContext, itemIndex?: number): Promise<Connection> {
	const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
	try {
		const baseUrl = validateBaseUrl(credentials.baseUrl);
		validateTokenPresent(credentials.token);
		const token = credentials.token as string;
		return {
			baseUrl,
			token,
			defaultInstance: typeof credentials.instance === 'string' ? credentials.instance : '',
			redact: createRedactor(token, baseUrl),
			laneKey: lanes.key(baseUrl, token),
		};
	} catch (error) {
		throw fieldError(ctx, error, itemIndex);
	}
}

/** Node's timers hold at most 2^31-1 ms (about 24.8 days; more fires at once): longer deadlines are cut to it. */
const MAX_TIMER_MS = 2_147_483_647;

/** Real time. `timer` (the coordinator's deadlines) never keeps the process alive and is let go of once moot. */
export const realClock: Clock = {
	sleep,
	now: () => Date.now(),
	timer: (ms) => {
		const limit = deadline(Math.min(ms, MAX_TIMER_MS));
		return { reached: limit.reached.then(() => undefined), release: limit.release };
	},
};

/** How a context's calls wait and resend; every wait bounded by the caller. */
export interface LanePolicy {
	/** All the rate-limit waiting (a spent window, a 429's Retry-After) this sender may do. */
	maxWaitMs: number;
	/** Calls per window left unused for other workflows (Requests to Keep in Reserve). */
	reserve?: number;
	/** A fixed pause between this sender's calls (Batch Interval). */
	intervalMs?: number;
	/** Lets calls sent with `optIn` be resent after an unknown outcome (Retry on Server Errors). */
	retryOnServerErrors?: boolean;
	/** Once aborted, nothing more is sent: the queue is left, no resend goes out. */
	signal?: AbortSignal;
	/** No wait ends later than this instant on the clock (a poll's budget less its Timeout; pacer.ts). */
	waitsEndBy?: number;
}

/**
 * A sender on the token's lane, shared with every execution, picker and trigger
 * on the same token: paced by X-RateLimit-*, a 429 waited out and resent, a call
 * resent after an unknown outcome as its `Resend` allows (transport/rateLimit/send.ts).
 * `clock`: real time, or a test's. The token's lane keeps the clock it was made
 * with for every later call on the token, so it is never one bound to a call (a
 * sleep that ends when one call is aborted would end at once for all the calls
 * after it, and the lane's wait for a Reset would spin without yielding); a
 * call's own bounds are `policy.signal` and `policy.waitsEndBy`.
 */
export function laneSender(
	ctx: CallingContext,
	conn: Pick<Connection, 'baseUrl' | 'laneKey'>,
	policy: LanePolicy,
	clock: Clock = realClock,
): CallSender {
	const pacer = new Pacer(
		{
			reserve: policy.reserve ?? 0,
			intervalMs: policy.intervalMs ?? 0,
			maxWaitMs: policy.maxWaitMs,
			signal: policy.signal,
			waitsEndBy: policy.waitsEndBy,
			sleep: clock.sleep,
			now: clock.now,
		},
		lanes.laneFor(conn.laneKey, clock).lane,
	);
	return new CallSender(ctx, conn.baseUrl, pacer, { retryOnServerErrors: policy.retryOnServerErrors ?? false, sleep: clock.sleep });
}
