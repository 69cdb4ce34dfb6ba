/**
 * Every error and outcome text the simulator sends, in one place so tests can
 * refer to them instead of repeating string literals.
 */

/** `error.message` of the `{ success: false, error: { message } }` envelope. */
export const MESSAGES = {
	missingToken: 'Missing token in header',
	invalidToken: 'Invalid token',
	instanceMismatch: 'Instance token does not match the requested instance',
	instanceNotFound: 'Instance not found',
	notConnected: 'Instance is not connected to WhatsApp',
	groupNotFound: 'Group not found or you are not a member of this group',
	invalidAction: 'Invalid action. Must be one of: add, remove, promote, demote, approve, reject',
	participantsRequired: 'At least one participant is required',
	identifierRequired: 'Identifier is required',
	invalidBody: 'Invalid request body',
	mustBeAdmin: 'Not authorized to perform this action (must be admin)',
	mustBeSuperAdmin: 'Not authorized to perform this action (must be super admin)',
	noAdminApproval: 'Group does not require admin approval',
	requestsMustBeAdmin: 'Not authorized to view group requests (must be admin)',
	resetLinkMustBeAdmin: 'Not authorized to reset group invite link (must be admin)',
	notFound: 'Not found',
	rateLimited: 'Rate limit exceeded. Try again later.',
	whatsappRateLimited: 'WhatsApp rate-overlimit, try again later',
	invalidFaultHeader: 'Invalid x-sim-fault header',
} as const;

/** `error` of a failed entry in the participants array of a 200 answer. */
export const OUTCOMES = {
	invalidParticipant: 'invalid participant',
	notOnWhatsApp: 'number is not registered on WhatsApp',
	privacyBlocked: 'privacy settings do not allow adding this participant (403)',
	alreadyMember: 'participant is already a member of the group (409)',
	notMember: 'participant is not a member of the group (404)',
	noPendingRequest: 'no pending join request for this participant (404)',
} as const;

/** Default `error.message` for a `{ kind: 'status' }` fault without a message. */
export function statusText(status: number): string {
	switch (status) {
		case 429:
			return MESSAGES.rateLimited;
		case 500:
			return 'Internal server error';
		case 502:
			return 'Bad gateway';
		case 503:
			return 'Service unavailable';
		case 504:
			return 'Gateway timeout';
		default:
			return `Simulated error (${status})`;
	}
}
