/**
 * Every error and outcome text the simulator sends, in one place so tests can
 * refer to them instead of repeating string literals. The documented ones (and
 * the simulator's own choices where the docs are silent) come from the RyzeAPI
 * contract, test/contract/ryzeapi.ts.
 */
import {
	AUTH,
	ENTRY_ERRORS,
	PARTICIPANTS_ERRORS as E,
	GROUP_CREATE,
	GROUP_JOIN,
	GROUP_UPDATE,
	RATE_LIMIT,
	SEND_TEXT,
	SIBLING_ERRORS,
} from '../contract/ryzeapi';

/** `error.message` of the `{ success: false, error: { message } }` envelope. */
export const MESSAGES = {
	missingToken: AUTH.unauthorizedMessages.value[0],
	invalidToken: AUTH.unauthorizedMessages.value[3],
	instanceMismatch: AUTH.ownershipMessage.value,
	instanceNotFound: E.instanceNotFound.value.message,
	notConnected: E.notConnected.value.message,
	groupNotFound: E.groupNotFound.value.message,
	invalidAction: E.invalidAction.value.message,
	participantsRequired: E.participantsRequired.value.message,
	identifierRequired: E.identifierRequired.value.message,
	invalidBody: E.invalidBody.value.message,
	mustBeAdmin: E.mustBeAdmin.value.message,
	mustBeSuperAdmin: E.mustBeSuperAdmin.value.message,
	noAdminApproval: E.noAdminApproval.value.message,
	requestsMustBeAdmin: SIBLING_ERRORS.requestsMustBeAdmin.value.message,
	resetLinkMustBeAdmin: SIBLING_ERRORS.resetLinkMustBeAdmin.value.message,
	updateMustBeAdmin: GROUP_UPDATE.errors.mustBeAdmin.value.message,
	nothingToUpdate: GROUP_UPDATE.errors.nothingToUpdate.value.message,
	emptyName: GROUP_UPDATE.errors.emptyName.value.message,
	nameRequired: GROUP_CREATE.errors.nameRequired.value.message,
	invalidInvite: GROUP_JOIN.errors.invalidInvite.value.message,
	inviteRevoked: GROUP_JOIN.errors.revoked.value.message,
	joinGroupNotFound: GROUP_JOIN.errors.groupNotFound.value.message,
	numberRequired: SEND_TEXT.errors.numberRequired.value.message,
	invalidNumber: SEND_TEXT.errors.invalidNumber.value.message,
	messageRequired: SEND_TEXT.errors.messageRequired.value.message,
	numberNotOnWhatsApp: SEND_TEXT.errors.notOnWhatsApp.value.message,
	adminsOnly: SEND_TEXT.errors.adminsOnly.value.message,
	notFound: 'Not found',
	rateLimited: RATE_LIMIT.message.value,
	whatsappRateLimited: RATE_LIMIT.whatsAppThrottleMessage.value,
	invalidFaultHeader: 'Invalid x-sim-fault header',
} as const;

/** `error` of a failed entry in the participants array of a 200 answer. */
export const OUTCOMES = {
	invalidParticipant: ENTRY_ERRORS.invalidParticipant.value,
	notOnWhatsApp: ENTRY_ERRORS.notOnWhatsApp.value,
	privacyBlocked: ENTRY_ERRORS.privacyBlocked.value,
	alreadyMember: ENTRY_ERRORS.alreadyMember.value,
	notMember: ENTRY_ERRORS.notMember.value,
	noPendingRequest: ENTRY_ERRORS.noPendingRequest.value,
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
