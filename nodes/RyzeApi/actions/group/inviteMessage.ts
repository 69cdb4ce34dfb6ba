/**
 * A group invite sent as a private message, for Send Invite Link and for Manage
 * Participants' Send Invite When Add Is Blocked. RyzeAPI has no invite-message
 * route (reference §11.9), so the group's link goes out as a text:
 * POST /api/message/text/:instance {number, message}.
 *
 * - The template: `{{link}}` and `{{groupName}}` placeholders. n8n evaluates
 *   `{{ … }}` only in a value that starts with `=` (Expression mode), so in a
 *   Fixed value they reach the node as written. In Expression mode n8n would read
 *   `{{link}}` as its own (failing) expression; there the user writes `\{{link}}`,
 *   which n8n leaves as it is, and the node fills that in too.
 * - The recipient: a phone number or a phone JID. A LID is WhatsApp hiding the
 *   person's number: the node messages no one whose number it was not given.
 * - The send: a write, sent once and never again after an outcome that may have
 *   been processed (a second send is a second message), on the token's lane.
 */
import { failureOf } from '../../helpers/errorCodes';
import { InputError } from '../../helpers/inputError';
import type { Participant } from '../../helpers/participants';
import type { CallFailure, ErrorCode } from '../../helpers/types';
import { readSentText } from '../../readers/sentText';
import type { CallSender } from '../../transport/rateLimit/send';

/** Longer than any invite needs; a longer text is most likely a whole record mapped by mistake. */
const MAX_INVITE_MESSAGE_LENGTH = 4096;

/** `{{link}}`, `{{ link }}`, `\{{link}}` (Expression mode), and the same for groupName. No nested quantifier: linear. */
const PLACEHOLDER = /\\?\{\{ ?(link|groupName) ?\}\}/g;
const LINK_PLACEHOLDER = /\\?\{\{ ?link ?\}\}/;

/** Checks a message template; `field` is the parameter as the user sees it. Throws InputError. */
export function validateInviteTemplate(value: unknown, field: string): string {
	if (typeof value !== 'string') {
		throw new InputError(
			field,
			`${field} must be text, but ${value === null ? 'null' : typeof value} was given`,
			'Write the message, with {{link}} where the invite link goes',
		);
	}
	if (value.trim() === '') throw new InputError(field, `${field} is empty`, 'Write the message, with {{link}} where the invite link goes');
	if (value.length > MAX_INVITE_MESSAGE_LENGTH) {
		throw new InputError(
			field,
			`${field} is ${value.length} characters long; an invite message has at most ${MAX_INVITE_MESSAGE_LENGTH}`,
			'Shorten the message',
		);
	}
	if (!LINK_PLACEHOLDER.test(value)) {
		throw new InputError(
			field,
			`${field} has no {{link}} placeholder, so the message would not carry the invite link`,
			'Put {{link}} where the link goes. In Expression mode write \\{{link}}: n8n would read {{link}} as an expression of its own',
		);
	}
	return value;
}

/** The message: each placeholder replaced by the link or the group's name (its JID when RyzeAPI gave no name). */
export function renderInvite(template: string, facts: { link: string; groupName: string }): string {
	return template.replace(PLACEHOLDER, (_match, name: string) => (name === 'link' ? facts.link : facts.groupName));
}

/** Who can be messaged, and as which number; or why not. */
export type Recipient = { number: string } | { errorCode: ErrorCode; reason: string };

/**
 * A phone number or phone JID is messaged as given. A LID only when RyzeAPI's
 * answer about the person named their phone JID (`answeredJid`).
 */
export function recipientOf(participant: Pick<Participant, 'kind' | 'value'>, answeredJid: string | null = null): Recipient {
	if (participant.kind !== 'lid') return { number: participant.value };
	if (answeredJid !== null && /^\d{7,15}@s\.whatsapp\.net$/.test(answeredJid)) return { number: answeredJid };
	return {
		errorCode: 'no_phone_number',
		reason:
			'This person is known only by a LID (WhatsApp hides their number), so no private message was sent: give their phone number, or send the link another way',
	};
}

/** One person whether written as digits or as their phone JID: one message per person. */
export const recipientKey = (number: string): string => number.split('@')[0];

export type InviteOutcome =
	| { sent: true; messageId: string; jid: string | null; statusCode: number; raw: unknown }
	/** `personal`: RyzeAPI refused this number (400/422: not on WhatsApp, a bad number); else the call failed as a whole. */
	| { sent: false; failure: CallFailure; personal: boolean; raw: unknown };

const sendTextPath = (instance: string): string => `/api/message/text/${encodeURIComponent(instance)}`;

/** Sends one invite message, once: never resent after an outcome that may have been processed. */
export async function sendInviteText(
	sender: CallSender,
	to: { instance: string; number: string; message: string; timeoutMs: number },
): Promise<InviteOutcome> {
	const outcome = await sender.send(
		{ method: 'POST', path: sendTextPath(to.instance), body: { number: to.number, message: to.message }, timeoutMs: to.timeoutMs },
		'never',
	);
	if (!outcome.ok) {
		const { failure } = outcome;
		const personal = failure.errorCode === 'bad_request';
		const notOnWhatsApp = personal && /not (on|registered on) whatsapp/i.test(failure.message);
		return { sent: false, failure: notOnWhatsApp ? { ...failure, errorCode: 'not_on_whatsapp' } : failure, personal, raw: null };
	}
	const read = readSentText(outcome.body);
	if (read.ok) return { sent: true, messageId: read.messageId, jid: read.chatJid, statusCode: outcome.statusCode, raw: read.raw };
	const said = read.definite ? read.reason : `${read.reason}: the message may have been sent, and it is not sent again`;
	const failure = { ...failureOf(read.definite ? 'unknown' : 'unexpected_response', said, !read.definite), statusCode: outcome.statusCode };
	return { sent: false, failure, personal: read.definite, raw: read.raw };
}
