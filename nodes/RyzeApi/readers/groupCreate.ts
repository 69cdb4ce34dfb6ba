/**
 * Reading the answer of POST /api/group/create/:instance. Pure.
 *
 * RyzeAPI documents GroupInfo as the answer (jid, name, inviteCode, inviteLink,
 * participants…) but not what happens to people it cannot add: no per-person result
 * is shown (test/contract/ryzeapi.groupAdmin.ts, GROUP_CREATE.unaddedPeople). So who
 * is in is found by comparing what was sent with what came back, never guessed:
 * - in: listed among the group's members (`participants`), without an error;
 * - not added: listed as failed, with RyzeAPI's reason: in a list of failures
 *   (`failedParticipants`, `failed`, `notAdded`, at the top or under `data`), or as a
 *   member entry that carries an error (whatsmeow's `Error` code, `success: false`);
 * - unconfirmed: anyone the answer does not account for (no member list, or a member
 *   shown only by a LID for a number that was sent), said so rather than assumed.
 * People are matched as Manage Participants matches them: a phone number and its
 * …@s.whatsapp.net JID are one person, a LID is another key (helpers/participants.ts).
 */
import { excerpt } from '../helpers/apiText';
import { normalizeParticipant, participantIdentity, type Participant } from '../helpers/participants';
import { readInviteLink } from './groupLinks';
import { groupJidIn, groupOf, isRecord, own, ownText, refusal, type Json, type NotAcknowledged } from './groupWrites';

/** A person who is not in the new group, or whose place RyzeAPI did not say: as sent, and why. */
export interface PersonOutcome {
	participant: string;
	reason: string;
}

export interface CreatedGroup {
	groupJid: string;
	name: string | null;
	/** https://chat.whatsapp.com/<code>, or null when RyzeAPI gave none a WhatsApp invite. */
	inviteLink: string | null;
	inviteCode: string | null;
	/** As sent (digits, JID or LID), in the order sent. */
	added: string[];
	notAdded: PersonOutcome[];
	unconfirmed: PersonOutcome[];
}

export type CreatedGroupBody = { ok: true; group: CreatedGroup } | NotAcknowledged;

/** Keys an entry may name its person by (a member: jid, lid, phone; a failure as on /participants). */
const PERSON_KEYS = ['jid', 'lid', 'phoneNumber', 'phone', 'number', 'participant', 'id', 'JID', 'LID', 'PhoneNumber'];
const FAILURE_LISTS = ['failedParticipants', 'failed', 'notAdded'];

/** Every identity an entry names (a member with both a phone JID and a LID has two). */
function identitiesOf(entry: Json): string[] {
	const identities: string[] = [];
	for (const key of PERSON_KEYS) {
		const value = own(entry, key);
		if (typeof value !== 'string' && typeof value !== 'number') continue;
		const text = String(value).trim();
		if (text === '' || text.length > 100) continue;
		const read = normalizeParticipant(text);
		if (read.ok) identities.push(participantIdentity(read.participant));
	}
	return identities;
}

/** Why an entry says its person was not added, or null when it says nothing of the kind. */
function failureReason(entry: Json): string | null {
	const error = own(entry, 'error') ?? own(entry, 'Error');
	const failed = own(entry, 'success') === false;
	if (typeof error === 'string' && error.trim() !== '') return excerpt(error.trim(), 200);
	if (isRecord(error)) {
		const message = ownText(error, ['message']);
		if (message !== null) return excerpt(message, 200);
	}
	// whatsmeow: "When creating groups, adding some participants may fail. In such cases, the error code will be here."
	if (typeof error === 'number' && Number.isFinite(error) && error !== 0) return `WhatsApp did not add them (code ${error})`;
	return failed ? 'RyzeAPI says they were not added, without a reason' : null;
}

/** The failures RyzeAPI listed, by identity: the first reason given for each. */
function listedFailures(body: Json, members: readonly unknown[]): Map<string, string> {
	const reasons = new Map<string, string>();
	const note = (entry: unknown, listed: boolean) => {
		if (!isRecord(entry)) return;
		const reason = failureReason(entry) ?? (listed ? 'RyzeAPI listed them as not added, without a reason' : null);
		if (reason === null) return;
		for (const identity of identitiesOf(entry)) if (!reasons.has(identity)) reasons.set(identity, reason);
	};
	for (const source of [body, own(body, 'data')]) {
		for (const key of FAILURE_LISTS) {
			const list = own(source, key);
			if (Array.isArray(list)) for (const entry of list) note(entry, true);
		}
	}
	for (const entry of members) note(entry, false);
	return reasons;
}

/** Reads a 2xx body of POST /api/group/create against the participants that were sent. */
export function readCreatedGroup(body: unknown, sent: readonly Participant[]): CreatedGroupBody {
	const refused = refusal(body, 'the create');
	if (refused) return refused;
	const record = body as Json;
	const group = groupOf(record);
	const groupJid = groupJidIn(record, group);
	if (groupJid === null) return { ok: false, reason: 'RyzeAPI answered the create without the new group JID' };

	const memberList = own(group, 'participants');
	const members = Array.isArray(memberList) ? memberList : [];
	const failures = listedFailures(record, members);
	const inGroup = new Set<string>();
	for (const entry of members) {
		if (isRecord(entry) && failureReason(entry) === null) for (const identity of identitiesOf(entry)) inGroup.add(identity);
	}
	const unknownWhy = Array.isArray(memberList)
		? "RyzeAPI's answer neither lists them among the members nor as not added (a member shown only by a LID cannot be matched to a phone number)"
		: "RyzeAPI's answer does not list the group's members, so whether they were added is not known";

	const inviteLink = readInviteLink(record);
	const created: CreatedGroup = {
		groupJid,
		name: ownText(group, ['name', 'subject', 'Name', 'Subject']),
		inviteLink,
		inviteCode: inviteLink === null ? null : inviteLink.slice(inviteLink.lastIndexOf('/') + 1),
		added: [],
		notAdded: [],
		unconfirmed: [],
	};
	for (const person of sent) {
		const identity = participantIdentity(person);
		const failure = failures.get(identity);
		const member = inGroup.has(identity);
		if (failure !== undefined && member) {
			created.unconfirmed.push({
				participant: person.value,
				reason: "RyzeAPI's answer lists them both among the members and as not added",
			});
		} else if (failure !== undefined) created.notAdded.push({ participant: person.value, reason: failure });
		else if (member) created.added.push(person.value);
		else created.unconfirmed.push({ participant: person.value, reason: unknownWhy });
	}
	return { ok: true, group: created };
}
