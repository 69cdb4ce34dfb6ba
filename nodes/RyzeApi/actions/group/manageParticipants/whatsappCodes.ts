/**
 * One participant's failure → a stable error code, from WhatsApp's numeric codes
 * and RyzeAPI's free text. Pure. The raw text is always kept beside the code on
 * the output item.
 */
import { actionSpec, WHATSAPP_PARTICIPANT_CODES } from './actions';
import type { ErrorCode } from '../../../helpers/types';
import type { ParticipantAction } from './types';

export { WHATSAPP_PARTICIPANT_CODES };

interface Rule {
	code: ErrorCode;
	pattern: RegExp;
}

/** Checked in order: the first match wins. */
const ENTRY_RULES: Rule[] = [
	{ code: 'rate_limited', pattern: /rate[\s-]?(limit|overlimit)|too many requests|\b429\b/i },
	{ code: 'invalid_participant', pattern: /invalid (participant|jid|number|phone)|bad (jid|participant)/i },
	{
		code: 'no_pending_request',
		pattern: /no (pending|join)|not pending|request (was )?not found|no request/i,
	},
	{
		code: 'not_on_whatsapp',
		pattern:
			/not (registered|on whatsapp|a whatsapp)|(no|without|doesn'?t have|does not have) whatsapp|not exists? on whatsapp|not found on whatsapp|unregistered/i,
	},
	{
		code: 'privacy_blocked',
		pattern: /privacy|add[_ ]?request|not allow(ed)? (to )?(be )?add|can(no|')?t be added|invite (required|instead)/i,
	},
	{ code: 'already_member', pattern: /already (a |an )?(member|participant|in (the )?group|exists)|\bconflict\b/i },
	{
		code: 'not_member',
		pattern: /not (a |an )?(member|participant)|not in (the )?group|isn'?t in (the )?group/i,
	},
	{ code: 'not_admin', pattern: /not (an? )?(super[\s-]?)?admin|must be (super[\s-]?)?admin|not[\s-]authori[sz]ed|forbidden/i },
	{ code: 'instance_disconnected', pattern: /not connected|disconnected|logged ?out/i },
	{ code: 'timeout', pattern: /time(d)?[\s-]?out/i },
];

/**
 * WhatsApp's own per-participant codes (whatsmeow's `GroupParticipant.Error`,
 * open-wa's `AddParticipantErrorStatusCode`): definite answers about one person,
 * never a timeout or a server fault, so never "maybe processed". What each means
 * for each action is the `codes` column of helpers/actions.ts (add: 403
 * privacy_blocked, 404 not_on_whatsapp, 408 recently_left, 409 already_member,
 * 500 group_full; …). A 403 that carries WhatsApp's add_request is a privacy block
 * whatever the action. A WhatsApp code the action does not list is 'unknown'.
 */
function whatsAppCode(status: number, action: ParticipantAction, addRequest: boolean): ErrorCode | null {
	if (!WHATSAPP_PARTICIPANT_CODES.includes(status)) return null;
	if (status === 403 && addRequest) return 'privacy_blocked';
	return actionSpec(action).codes[status] ?? 'unknown';
}

/** Other numbers an entry may carry (HTTP-like), read after WhatsApp's codes and the text. */
function codeFromNumber(status: number): ErrorCode | null {
	if (status >= 200 && status < 300) return null;
	switch (status) {
		case 401:
			return 'not_admin';
		case 429:
			return 'rate_limited';
		case 400:
			return 'invalid_participant';
		default:
			return status >= 500 ? 'server_error' : 'unknown';
	}
}

/**
 * Classifies one participant's failure. WhatsApp's code comes first, read from
 * the entry's `status`, `code` or numeric `error` (`numericCode`), or from the
 * text ("408", "…code 500"); then the text's words; then any other number.
 * `addRequest`: the entry carried WhatsApp's add_request (a privacy block).
 */
export function classifyParticipantError(
	text: string | null,
	action: ParticipantAction,
	numericCode: number | null = null,
	addRequest = false,
): ErrorCode {
	const known = (code: number | null): code is number => code !== null && WHATSAPP_PARTICIPANT_CODES.includes(code);
	const embedded = text ? [...text.matchAll(/(?<![\d.])([1-5]\d\d)(?![\d.])/g)].map((match) => Number(match[1])) : [];
	const whatsApp = known(numericCode) ? numericCode : (embedded.find(known) ?? null);
	if (whatsApp !== null) {
		const code = whatsAppCode(whatsApp, action, addRequest);
		if (code !== null && code !== 'unknown') return code;
	}
	if (addRequest) return 'privacy_blocked';
	if (text) {
		for (const rule of ENTRY_RULES) {
			if (rule.pattern.test(text)) {
				if (rule.code === 'not_member' && actionSpec(action).target === 'pending-request') {
					return 'no_pending_request';
				}
				return rule.code;
			}
		}
	}
	for (const number of [numericCode, ...embedded]) {
		if (number === null) continue;
		const code = whatsAppCode(number, action, false) ?? codeFromNumber(number);
		if (code !== null) return code;
	}
	return 'unknown';
}
