/**
 * An in-process RyzeAPI with scripted faults, behind an `httpRequestWithAuthentication`
 * that behaves like n8n-core's (request-helper-functions): it adds the credential's
 * `token` header, returns `{statusCode, headers, body, statusMessage}` with
 * `returnFullResponse` (the body parsed as JSON when it is JSON, else the raw text,
 * like axios), ignores HTTP statuses with `ignoreHttpStatusErrors`, and throws a
 * `NodeApiError(node, AxiosError)` for timeouts and connection failures. The
 * AxiosError carries the request config, token included, exactly as axios builds
 * it: a node that leaks the raw error leaks the token, and the scans see it.
 *
 * No sockets and no waiting: a timeout is reported at once. This is what lets the
 * property test run a thousand workflows in a few seconds; the simulator covers
 * the same faults over real sockets.
 */
import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from 'axios';
import { NodeApiError, type ICredentialDataDecryptedObject, type IHttpRequestOptions, type INode } from 'n8n-workflow';

import { ACTION_NOTES, CONTRACT_ACTIONS, WHATSAPP_CODE_NUMBERS, WHATSAPP_CODES, type CodeFact } from '../contract/ryzeapi';
import { answerJid, mutateEntries } from '../simulator/faults';
import type { KeyStyle, MutateOp } from '../simulator';
import { MESSAGES, OUTCOMES } from '../simulator';

export const STATUS_FAULTS = [400, 401, 403, 404, 429, 500, 502, 503] as const;
export type FaultStatus = (typeof STATUS_FAULTS)[number];

/** How the entries of a 200 answer turn out. `mixed`: failures with every kind of reason. */
export type EntriesOutcome = 'success' | 'failure' | 'partial' | 'mixed';

/** What the fake server does with one request. */
export type ServerBehaviour =
	| {
			kind: 'answer';
			outcome: EntriesOutcome;
			ops: MutateOp[];
			keyStyle: KeyStyle;
			/** `participants` at the top level (RyzeAPI) or under `data`. */
			envelope: 'top' | 'data';
			/** approve/reject: answer phone numbers with a LID, as RyzeAPI does. */
			resolveLid?: boolean;
			/** Every failure reason is a few kilobytes long. */
			longReasons?: boolean;
	  }
	| { kind: 'status'; status: FaultStatus; variant: 0 | 1; body: 'envelope' | 'text' | 'empty' | 'long' }
	| { kind: 'whatsapp429' }
	/** 429 whose window resets within milliseconds: a node that may wait a little sends it again. */
	| { kind: 'rateLimitedBriefly' }
	| { kind: 'html'; status: 200 | 500 | 502 | 503 }
	| { kind: 'empty'; status: 200 | 204 }
	| { kind: 'truncated' }
	| { kind: 'garbage' }
	| { kind: 'timeout' }
	| { kind: 'drop' }
	| { kind: 'refused' };

export type BehaviourKind = ServerBehaviour['kind'];

/** The whole-call failure docs/reference.md promises for a behaviour, or null when the call answers entries. */
export interface ExpectedCallFailure {
	errorCode: string;
	statusCode: number | null;
	outcomeUnknown: boolean;
}

/** One request the fake received. */
export interface FakeRequest {
	index: number;
	/** Which endpoint: the participants call, or a follow-up (invite link, link reset). */
	route: 'participants' | 'info' | 'resetLink' | 'other';
	method: string;
	url: string;
	/** The instance as decoded from the path. */
	instance: string;
	action: unknown;
	identifier: unknown;
	/** The participants array as sent. */
	participants: unknown[];
	/** The body as it went over the (simulated) wire. */
	bodyText: string;
	timeout: number | undefined;
	behaviour: ServerBehaviour;
	/** identityKey() of the values the answer reported as successful (all of them when entries carry no key and one succeeded). */
	successValues: Set<string>;
	expectedFailure: ExpectedCallFailure | null;
	/** Every text of the answer that is longer than 1 kB: none may be quoted whole. */
	longTexts: string[];
}

const LONG_FILLER = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt. ';
export const longText = (head: string, size = 4000): string =>
	`${head} ${LONG_FILLER.repeat(Math.ceil(size / LONG_FILLER.length))}`.slice(0, size);

/** Per-entry failure reasons used by the `mixed` outcome, with the code docs/reference.md gives each. */
export const ENTRY_REASONS: ReadonlyArray<{ text: string; codes: string[] }> = [
	{ text: OUTCOMES.notOnWhatsApp, codes: ['not_on_whatsapp'] },
	{ text: OUTCOMES.privacyBlocked, codes: ['privacy_blocked'] },
	{ text: OUTCOMES.alreadyMember, codes: ['already_member'] },
	{ text: OUTCOMES.notMember, codes: ['not_member', 'no_pending_request'] },
	{ text: OUTCOMES.noPendingRequest, codes: ['no_pending_request'] },
	{ text: 'rate-overlimit', codes: ['rate_limited'] },
	{ text: 'not-authorized', codes: ['not_admin'] },
	{ text: '', codes: ['unknown'] },
	// WhatsApp's per-participant codes as RyzeAPI may pass them on in `error` (a bare number, or inside a text),
	// with what the contract says each means: per action, so any of them (an action that lists none: unknown).
	...WHATSAPP_CODE_NUMBERS.flatMap((code) => {
		const meanings = CONTRACT_ACTIONS.map(
			(action) => (WHATSAPP_CODES[action] as Record<number, CodeFact | undefined>)[code]?.meaning ?? 'unknown',
		);
		const codes = [...new Set<string>(meanings)];
		return [
			{ text: String(code), codes },
			{ text: `participant update failed with code ${code}`, codes },
		];
	}),
];

const STATUS_MESSAGES: Record<FaultStatus, [string, string]> = {
	400: [MESSAGES.invalidAction, MESSAGES.participantsRequired],
	401: [MESSAGES.invalidToken, MESSAGES.missingToken],
	403: [MESSAGES.mustBeAdmin, MESSAGES.instanceMismatch],
	404: [MESSAGES.groupNotFound, MESSAGES.instanceNotFound],
	429: [MESSAGES.rateLimited, MESSAGES.rateLimited],
	500: ['Internal server error', 'Internal server error'],
	502: ['Bad gateway', 'Bad gateway'],
	503: ['Service unavailable', MESSAGES.notConnected],
};

function statusCode(status: FaultStatus, variant: 0 | 1, hasText: boolean): string {
	switch (status) {
		case 400:
			return 'bad_request';
		case 401:
			return 'unauthorized';
		case 403:
			return hasText && variant === 1 ? 'unauthorized' : 'not_admin';
		case 404:
			// A 404 that names neither a group nor an instance points at the Base URL.
			if (!hasText) return 'not_found';
			return variant === 1 ? 'instance_not_found' : 'group_not_found';
		case 429:
			return 'rate_limited';
		case 503:
			return hasText && variant === 1 ? 'instance_disconnected' : 'server_error';
		default:
			return 'server_error';
	}
}

/** The "When the whole call fails" and "Error codes" sections of docs/reference.md, as data. */
export function expectedCallFailure(behaviour: ServerBehaviour): ExpectedCallFailure | null {
	switch (behaviour.kind) {
		case 'answer':
			return null;
		case 'status': {
			const hasText = behaviour.body === 'envelope' || behaviour.body === 'long' || behaviour.body === 'text';
			return {
				errorCode: statusCode(behaviour.status, behaviour.variant, hasText),
				statusCode: behaviour.status,
				outcomeUnknown: behaviour.status >= 500,
			};
		}
		case 'whatsapp429':
		case 'rateLimitedBriefly':
			return { errorCode: 'rate_limited', statusCode: 429, outcomeUnknown: false };
		case 'html':
			return behaviour.status === 200
				? { errorCode: 'unexpected_response', statusCode: 200, outcomeUnknown: true }
				: { errorCode: 'server_error', statusCode: behaviour.status, outcomeUnknown: true };
		case 'empty':
			return { errorCode: 'unexpected_response', statusCode: behaviour.status, outcomeUnknown: true };
		case 'truncated':
		case 'garbage':
			return { errorCode: 'unexpected_response', statusCode: 200, outcomeUnknown: true };
		case 'timeout':
			return { errorCode: 'timeout', statusCode: null, outcomeUnknown: true };
		case 'drop':
			return { errorCode: 'network', statusCode: null, outcomeUnknown: true };
		case 'refused':
			return { errorCode: 'network', statusCode: null, outcomeUnknown: false };
	}
}

/** Per-entry codes a behaviour can produce (besides the whole-call failure). */
export function possibleEntryCodes(behaviour: ServerBehaviour): Set<string> {
	const codes = new Set<string>(['missing_result']);
	if (behaviour.kind !== 'answer') return codes;
	for (const reason of ENTRY_REASONS) reason.codes.forEach((code) => codes.add(code));
	return codes;
}

const HTML_PAGE = (status: number): string =>
	`<html>\r\n<head><title>${status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>${status} Bad Gateway</h1></center>\r\n` +
	`<hr><center>nginx</center>\r\n${'<!-- a padding comment to make the page long -->\r\n'.repeat(40)}</body>\r\n</html>\r\n`;

interface Answer {
	status: number;
	text: string;
	contentType: string;
	/** Extra rate-limit headers (defaults: plenty left). */
	rate?: { remaining: number; reset: number };
}

/** Faults after which the node sends a read again (after a back-off of a second or more). */
function resentAsRead(behaviour: ServerBehaviour): boolean {
	switch (behaviour.kind) {
		case 'timeout':
		case 'drop':
			return true;
		case 'status':
		case 'html':
			return behaviour.status >= 500;
		default:
			return false;
	}
}

/** `lid:<digits>` or `pn:<digits>`: a phone and a LID with the same digits are different people. */
export function identityKey(value: string): string {
	const [local, domain = ''] = value.split('@');
	return `${domain.toLowerCase() === 'lid' ? 'lid' : 'pn'}:${local.replace(/\D/g, '')}`;
}

/** An in-process RyzeAPI that answers each request according to a scripted behaviour. */
export class FaultyRyzeApi {
	readonly requests: FakeRequest[] = [];

	/**
	 * `behaviours[i % length]` answers the i-th request. Reads (the invite link
	 * follow-up) are resent after a timeout or a 5xx with a back-off of seconds;
	 * unless `slowReads`, such a fault on a read becomes a 404, to keep runs fast.
	 */
	constructor(
		private readonly behaviours: ServerBehaviour[],
		private readonly options: { slowReads?: boolean } = {},
	) {
		if (behaviours.length === 0) throw new Error('at least one behaviour');
	}

	/** n8n-core's `httpRequestWithAuthentication`, for a context whose node is `node`. */
	httpRequestWithAuthentication(credentials: ICredentialDataDecryptedObject, node: INode) {
		return async (credentialType: string, options: IHttpRequestOptions): Promise<unknown> => {
			if (credentialType !== 'ryzeApi') throw new Error(`unexpected credential type ${credentialType}`);
			const url = new URL(options.url);
			if (url.hostname !== '127.0.0.1' && url.hostname !== 'ryzeapi.test') throw new Error(`refusing to talk to ${url.host}`);
			const headers = { ...(options.headers ?? {}), token: String(credentials.token), 'Content-Type': 'application/json' };
			const bodyText = JSON.stringify(options.body ?? {});
			const config = {
				url: options.url,
				method: (options.method ?? 'GET').toLowerCase(),
				headers: new AxiosHeaders(headers as Record<string, string>),
				timeout: options.timeout,
				data: bodyText,
			} as InternalAxiosRequestConfig;

			let behaviour = this.behaviours[this.requests.length % this.behaviours.length];
			if ((options.method ?? 'GET') === 'GET' && !this.options.slowReads && resentAsRead(behaviour)) {
				behaviour = { kind: 'status', status: 404, variant: 0, body: 'envelope' };
			}
			const body = JSON.parse(bodyText) as Record<string, unknown>;
			const route = /\/api\/group\/(participants|info|resetLink)\//.exec(url.pathname)?.[1] as FakeRequest['route'] | undefined;
			const request: FakeRequest = {
				index: this.requests.length,
				route: route ?? 'other',
				method: options.method ?? 'GET',
				url: options.url,
				instance: decodeURIComponent(url.pathname.split('/').pop() ?? ''),
				action: body.action,
				identifier: body.identifier,
				participants: Array.isArray(body.participants) ? body.participants : [],
				bodyText,
				timeout: options.timeout,
				behaviour,
				successValues: new Set(),
				expectedFailure: expectedCallFailure(behaviour),
				longTexts: [],
			};
			this.requests.push(request);

			if (behaviour.kind === 'timeout') {
				const timeout = options.timeout ?? 0;
				throw new NodeApiError(node, new AxiosError(`timeout of ${timeout}ms exceeded`, 'ECONNABORTED', config, {}) as never);
			}
			if (behaviour.kind === 'drop') {
				throw new NodeApiError(node, new AxiosError('socket hang up', 'ECONNRESET', config, {}) as never);
			}
			if (behaviour.kind === 'refused') {
				throw new NodeApiError(node, new AxiosError(`connect ECONNREFUSED ${url.host}`, 'ECONNREFUSED', config, {}) as never);
			}

			const answer = this.answer(behaviour, request);
			const nowSeconds = Math.ceil(Date.now() / 1000);
			const rate = answer.rate ?? { remaining: 99, reset: nowSeconds + 60 };
			const responseHeaders = {
				'content-type': answer.contentType,
				'content-length': String(Buffer.byteLength(answer.text)),
				'x-ratelimit-limit': '100',
				'x-ratelimit-remaining': String(rate.remaining),
				'x-ratelimit-reset': String(rate.reset),
			};
			let data: unknown = answer.text;
			if (answer.text !== '') {
				try {
					data = JSON.parse(answer.text);
				} catch {
					// axios (silentJSONParsing) keeps text that is not JSON as a string
				}
			}
			if (!options.ignoreHttpStatusErrors && (answer.status < 200 || answer.status >= 300)) {
				const response = { data, status: answer.status, statusText: '', headers: responseHeaders, config };
				throw new NodeApiError(
					node,
					new AxiosError(`Request failed with status code ${answer.status}`, 'ERR_BAD_RESPONSE', config, {}, response as never) as never,
				);
			}
			if (options.returnFullResponse) {
				return { body: data, headers: responseHeaders, statusCode: answer.status, statusMessage: '' };
			}
			return data;
		};
	}

	private answer(behaviour: ServerBehaviour, request: FakeRequest): Answer {
		const json = (status: number, value: unknown): Answer => ({ status, text: JSON.stringify(value), contentType: 'application/json' });
		switch (behaviour.kind) {
			case 'answer':
				// Follow-ups: the group's invite link, or a new one; a failure outcome answers without it.
				if (request.route === 'info') {
					return json(200, { success: true, group: behaviour.outcome === 'failure' ? { subject: 'x' } : { inviteCode: 'INFO0001' } });
				}
				if (request.route === 'resetLink') {
					return json(
						200,
						behaviour.outcome === 'failure'
							? { success: true }
							: { success: true, inviteCode: 'RESET0001', inviteLink: 'https://chat.whatsapp.com/RESET0001' },
					);
				}
				return json(200, this.entriesBody(behaviour, request));
			case 'status': {
				const message = STATUS_MESSAGES[behaviour.status][behaviour.variant];
				const rate = behaviour.status === 429 ? { remaining: 0, reset: Math.ceil(Date.now() / 1000) + 60 } : undefined;
				if (behaviour.body === 'empty') return { status: behaviour.status, text: '', contentType: 'application/json', rate };
				if (behaviour.body === 'text') return { status: behaviour.status, text: message, contentType: 'text/plain', rate };
				const text = behaviour.body === 'long' ? longText(message) : message;
				if (behaviour.body === 'long') request.longTexts.push(text);
				return { ...json(behaviour.status, { success: false, error: { message: text } }), rate };
			}
			case 'whatsapp429':
				return json(429, { success: false, error: { message: MESSAGES.whatsappRateLimited } });
			case 'rateLimitedBriefly':
				// The reset in milliseconds (13 digits) lies a moment ahead.
				return {
					...json(429, { success: false, error: { message: MESSAGES.rateLimited } }),
					rate: { remaining: 0, reset: Date.now() + 1 },
				};
			case 'html': {
				const page = HTML_PAGE(behaviour.status);
				request.longTexts.push(page);
				return { status: behaviour.status, text: page, contentType: 'text/html' };
			}
			case 'empty':
				return { status: behaviour.status, text: '', contentType: 'application/json' };
			case 'truncated': {
				const full = JSON.stringify(
					this.entriesBody({ kind: 'answer', outcome: 'success', ops: [], keyStyle: 'jid', envelope: 'top' }, request),
				);
				request.successValues.clear();
				return { status: 200, text: full.slice(0, Math.floor(full.length / 2)), contentType: 'application/json' };
			}
			case 'garbage':
				return json(200, { ok: 1, result: 'weird' });
			default:
				throw new Error(`no answer for ${behaviour.kind}`);
		}
	}

	private entriesBody(behaviour: Extract<ServerBehaviour, { kind: 'answer' }>, request: FakeRequest): Record<string, unknown> {
		// The contract: approve/reject may name the LID a phone was resolved to.
		const settles = (ACTION_NOTES.resolvesPhoneToLid.value as unknown[]).includes(request.action);
		const entries = request.participants.map((value, index) => {
			const success = behaviour.outcome === 'success' || (behaviour.outcome === 'partial' && index % 2 === 0);
			let jid = answerJid(value);
			if (settles && behaviour.resolveLid && jid.endsWith('@s.whatsapp.net')) {
				jid = `${jid.split('@')[0].split('').reverse().join('')}9@lid`;
			}
			if (success) return { jid, success: true };
			const reason =
				behaviour.outcome === 'mixed' ? ENTRY_REASONS[(index + request.index) % ENTRY_REASONS.length].text : ENTRY_REASONS[0].text;
			let error = behaviour.longReasons ? longText(reason) : reason;
			if (behaviour.longReasons) request.longTexts.push(error);
			if (reason === '') error = '';
			return error === '' ? { jid, success: false } : { jid, success: false, error };
		});
		const mutated = mutateEntries(entries, behaviour.ops, behaviour.keyStyle, request.participants);
		// Which sent values this answer calls a success. An entry without a key, or a
		// LID standing for a phone, may be paired with any of them.
		const successKeys = new Set<string>();
		let unattributed = false;
		for (const entry of mutated) {
			if (!entry || typeof entry !== 'object' || (entry as { success?: unknown }).success !== true) continue;
			const id = Object.values(entry as Record<string, unknown>).find((value) => typeof value === 'string');
			if (typeof id !== 'string' || (behaviour.resolveLid && id.endsWith('9@lid'))) unattributed = true;
			else successKeys.add(identityKey(id));
		}
		for (const value of request.participants) {
			if (unattributed || successKeys.has(identityKey(String(value)))) request.successValues.add(identityKey(String(value)));
		}
		const list = { participants: mutated };
		const succeeded = entries.filter((entry) => entry.success).length;
		const head = {
			success: true,
			message: `Participants updated: ${succeeded} succeeded, ${entries.length - succeeded} failed`,
			groupJid:
				typeof request.identifier === 'string' && request.identifier.endsWith('@g.us') ? request.identifier : '120363000000000009@g.us',
			action: request.action,
		};
		return behaviour.envelope === 'data' ? { ...head, data: list } : { ...head, ...list };
	}
}
