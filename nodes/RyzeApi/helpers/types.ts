/** The types every layer shares: the stable error codes and a whole-call failure. */

/** Stable codes on every Failure item. The API only gives free text; these are derived from it. */
export type ErrorCode =
	| 'not_on_whatsapp'
	| 'privacy_blocked'
	| 'recently_left'
	| 'group_full'
	| 'already_member'
	| 'not_member'
	| 'not_admin'
	| 'group_not_found'
	| 'instance_not_found'
	| 'not_found'
	| 'no_pending_request'
	| 'invalid_participant'
	/** An invite message: the person is known only by a LID, so it was not sent. */
	| 'no_phone_number'
	/** An invite message: Max Invites per Run was reached, so it was not sent. */
	| 'invite_limit_reached'
	| 'invalid_parameter'
	| 'missing_result'
	| 'bad_request'
	| 'unauthorized'
	| 'instance_disconnected'
	| 'rate_limited'
	| 'timeout'
	| 'network'
	| 'server_error'
	| 'unexpected_response'
	| 'redirect'
	| 'response_too_large'
	| 'conflict'
	| 'payload_too_large'
	| 'unknown';

/** A whole-call failure: the API (or the network) refused the call as a whole. */
export interface CallFailure {
	errorCode: ErrorCode;
	/** What happened, in the API's own words where it gave any. */
	message: string;
	/** How to fix it. */
	description: string;
	statusCode: number | null;
	/** The call may have been processed (timeout, dropped connection, 5xx). */
	outcomeUnknown: boolean;
}
