/**
 * Reading the answers of the group writes: PUT /api/group/update, POST /api/group/join
 * and DELETE /api/group/leave (Create Group's answer is readers/groupCreate.ts, Reset
 * Invite Link's readers/groupLinks.ts). Pure.
 *
 * What RyzeAPI documents (test/contract/ryzeapi.groupAdmin.ts): join answers
 * `{success, message, groupJid, requiresApproval}` and leave `{success, message,
 * groupJid}`; update answers GroupInfo, whose wrapper is not documented (`group`, as on
 * /info, is a guess). So each is read defensively: only own keys, the group under
 * `group`, `data.group`, `data` or the body itself, a JID only when it is a group JID.
 * A 2xx is an acknowledgement only when it says `success: true` or carries what the
 * route answers; anything else (a page, `{ok: 1}`, `success: false`) is not read as
 * one, since a write the node cannot confirm must not be reported as done.
 */
import { excerpt } from '../helpers/apiText';
import { groupJidOf } from './groupList';

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function own(source: unknown, key: string): unknown {
	return isRecord(source) && Object.prototype.hasOwnProperty.call(source, key) ? source[key] : undefined;
}

/** The first own text of `keys`, trimmed; null when none is text. */
export function ownText(source: unknown, keys: readonly string[]): string | null {
	for (const key of keys) {
		const value = own(source, key);
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
	}
	return null;
}

/** A 2xx that is not an acknowledgement: why, in words the item can carry. */
export interface NotAcknowledged {
	ok: false;
	reason: string;
}

/** Why a 2xx body is not an acknowledgement, or null when it may be one. */
export function refusal(body: unknown, route: string): NotAcknowledged | null {
	if (!isRecord(body)) return { ok: false, reason: `RyzeAPI answered ${route} without a JSON object` };
	if (own(body, 'success') === false) {
		const said = ownText(body, ['message', 'error']);
		return { ok: false, reason: `RyzeAPI answered ${route} with success: false${said === null ? '' : ` (${excerpt(said)})`}` };
	}
	return null;
}

/** The group object of an answer: under `group`, `data.group`, `data`, or the body itself. */
export function groupOf(body: Json): Json | null {
	for (const candidate of [own(body, 'group'), own(own(body, 'data'), 'group'), own(body, 'data')]) {
		if (isRecord(candidate)) return candidate;
	}
	return ['jid', 'name', 'groupJid'].some((key) => own(body, key) !== undefined) ? body : null;
}

/** A group JID from the group object or the answer's `groupJid`, or null. */
export function groupJidIn(body: Json, group: Json | null): string | null {
	return groupJidOf(ownText(group, ['jid', 'id', 'groupJid', 'JID'])) ?? groupJidOf(ownText(body, ['groupJid']));
}

export type UpdatedGroup = { ok: true; groupJid: string | null; name: string | null } | NotAcknowledged;

/** Reads a 2xx body of PUT /api/group/update: the group as it now is (its JID and name), when RyzeAPI gives it. */
export function readUpdatedGroup(body: unknown): UpdatedGroup {
	const refused = refusal(body, 'the update');
	if (refused) return refused;
	const record = body as Json;
	const group = groupOf(record);
	if (group === null && own(record, 'success') !== true) {
		return { ok: false, reason: 'RyzeAPI answered the update without success: true and without the group' };
	}
	return { ok: true, groupJid: groupJidIn(record, group), name: ownText(group, ['name', 'subject', 'Name', 'Subject']) };
}

export type JoinAnswer = { ok: true; groupJid: string | null; requiresApproval: boolean | null } | NotAcknowledged;

/** true/false as RyzeAPI may write them; null when missing or anything else. */
function flag(value: unknown): boolean | null {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	return null;
}

/**
 * Reads a 2xx body of POST /api/group/join. `requiresApproval` is null when RyzeAPI does
 * not say (the item then says so instead of assuming the join took effect).
 */
export function readJoinAnswer(body: unknown): JoinAnswer {
	const refused = refusal(body, 'the join');
	if (refused) return refused;
	const record = body as Json;
	const groupJid = groupJidIn(record, groupOf(record));
	if (groupJid === null && own(record, 'success') !== true) {
		return { ok: false, reason: 'RyzeAPI answered the join without success: true and without the group JID' };
	}
	return { ok: true, groupJid, requiresApproval: flag(own(record, 'requiresApproval') ?? own(own(record, 'data'), 'requiresApproval')) };
}

export type LeaveAnswer = { ok: true; groupJid: string | null } | NotAcknowledged;

/** Reads a 2xx body of DELETE /api/group/leave. */
export function readLeaveAnswer(body: unknown): LeaveAnswer {
	const refused = refusal(body, 'the leave');
	if (refused) return refused;
	const record = body as Json;
	const groupJid = groupJidIn(record, groupOf(record));
	if (groupJid === null && own(record, 'success') !== true) {
		return { ok: false, reason: 'RyzeAPI answered the leave without success: true and without the group JID' };
	}
	return { ok: true, groupJid };
}
