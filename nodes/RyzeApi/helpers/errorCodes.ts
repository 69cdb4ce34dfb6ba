/**
 * Whole-call failures: an HTTP status and RyzeAPI's text → a stable error code,
 * how to fix it, and whether the call may have been processed. Pure. WhatsApp's
 * per-participant codes are Manage Participants' (manageParticipants/whatsappCodes.ts).
 */
import type { CallFailure, ErrorCode } from './types';

const HOW_TO_FIX: Partial<Record<ErrorCode, string>> = {
	unauthorized:
		'Check the token in the RyzeAPI credential: it must be the TokenInstance of this instance or the TokenAccount that owns it.',
	not_admin:
		'The instance must be an admin of the group (super-admin for promote and demote). Make its number an admin in WhatsApp, or use an instance that is.',
	group_not_found:
		'Check the Group field: use the group JID (…@g.us), its invite code or its invite link, and make sure the instance is a member of the group.',
	instance_not_found:
		"Check the Instance field (or the credential's default instance): it must be the exact name of an instance in your RyzeAPI account.",
	instance_disconnected: 'Reconnect the instance to WhatsApp (scan the QR code in RyzeAPI), then run the workflow again.',
	rate_limited: 'RyzeAPI allows 100 requests per minute per token. Wait a minute, or combine participants into fewer calls.',
	timeout:
		'The whole exchange (connecting, waiting and reading the answer) took longer than Options → Timeout. Raise it if RyzeAPI is just slow.',
	network: 'Check the Base URL in the credential and that RyzeAPI is reachable from n8n.',
	server_error: "RyzeAPI failed while handling the call. Try again later; if it keeps failing, check RyzeAPI's status.",
	redirect:
		"The node never follows a redirect, so the token only ever goes to the Base URL's host. Check the Base URL in the credential: https, the server's root (e.g. https://ryzeapi.cloud), no trailing path.",
	response_too_large:
		'The answer was larger than any RyzeAPI answer should be, so the node stopped reading it. Check the Base URL points at RyzeAPI.',
	conflict: "RyzeAPI refused the call because it conflicts with the group's current state (HTTP 409). Check the group, then run again.",
	payload_too_large: 'The call carried more than RyzeAPI accepts (HTTP 413). Lower Options → Batching → Batch Size.',
	unexpected_response:
		'RyzeAPI answered in a shape this node does not know. Check the Base URL points at RyzeAPI; if it does, report the response to the node maintainers.',
	bad_request: 'RyzeAPI refused the request as invalid. Check the Group, Action and Participants fields.',
	not_found:
		"The server answered 404 without naming a group or an instance: check the Base URL in the credential (the server's root, e.g. https://ryzeapi.cloud, not a page or another API).",
	unknown: 'Check the raw message for details.',
};

export function howToFix(code: ErrorCode): string {
	return HOW_TO_FIX[code] ?? HOW_TO_FIX.unknown!;
}

/** A whole-call failure with no HTTP status (or with one the caller adds). */
export function failureOf(errorCode: ErrorCode, message: string, outcomeUnknown: boolean): CallFailure {
	return { errorCode, message, description: howToFix(errorCode), statusCode: null, outcomeUnknown };
}

/**
 * The one table of statuses that say RyzeAPI processed nothing of the call, used
 * by the classifier (their failures are never `outcomeUnknown`) and by the
 * coordinator's split of a merged call. `input`: the refusal may come from one
 * execution's part of the call (a bad participant: 400, 422; a conflict with the
 * group's state that one person can cause: 409; the call's size: 413), so a merged
 * call refused with it goes again per execution, and one execution's input never
 * fails another's. `call`: the refusal is about what every member shares (token,
 * instance, group, the rate limit), so splitting would only repeat it: 401, 403,
 * 404, and 429 (waited out and sent again, see batcher.ts). Any other status is
 * classified by its class: 5xx and 408 may come after processing.
 */
export const NOT_PROCESSED_STATUSES: Readonly<Record<number, 'input' | 'call'>> = {
	400: 'input',
	409: 'input',
	413: 'input',
	422: 'input',
	401: 'call',
	403: 'call',
	404: 'call',
	429: 'call',
};

/** Classifies a whole-call HTTP failure (status ≥ 300) from its status and the API's message. */
export function classifyHttpFailure(statusCode: number, apiMessage: string | null): CallFailure {
	const text = apiMessage ?? '';
	let errorCode: ErrorCode;
	if (/not connected|disconnected|logged ?out/i.test(text)) {
		errorCode = 'instance_disconnected';
	} else if (statusCode === 401) {
		errorCode = 'unauthorized';
	} else if (statusCode === 403) {
		errorCode = /does not match|ownership|not belong|token/i.test(text) ? 'unauthorized' : 'not_admin';
	} else if (statusCode === 404) {
		if (/group/i.test(text)) errorCode = 'group_not_found';
		else if (/instance/i.test(text)) errorCode = 'instance_not_found';
		else errorCode = 'not_found';
	} else if (statusCode === 429) {
		errorCode = 'rate_limited';
	} else if (statusCode === 408 || statusCode === 504) {
		errorCode = 'timeout';
	} else if (statusCode >= 500) {
		errorCode = 'server_error';
	} else if (statusCode === 400 || statusCode === 422) {
		errorCode = 'bad_request';
	} else if (statusCode === 409) {
		errorCode = 'conflict';
	} else if (statusCode === 413) {
		errorCode = 'payload_too_large';
	} else {
		errorCode = 'unknown';
	}
	const message = apiMessage ? apiMessage : `RyzeAPI answered HTTP ${statusCode}`;
	return {
		errorCode,
		message,
		description: howToFix(errorCode),
		statusCode,
		// A 5xx or a gateway timeout may come after the call was processed.
		outcomeUnknown: NOT_PROCESSED_STATUSES[statusCode] === undefined && (statusCode >= 500 || statusCode === 408),
	};
}
