/**
 * Per-participant outcome rules of `POST /api/group/participants/:instance`.
 *
 * Accepted forms: digits (8-15), `<digits>@s.whatsapp.net`, `<digits>@c.us`
 * (reported as `@s.whatsapp.net`) and `<digits>@lid` (reported as sent).
 *
 * add      digits ending in 000 -> not on WhatsApp; ending in 403 -> privacy
 *          blocked (with an addRequest invitation); already a member -> 409.
 * remove / promote / demote   not a member -> 404.
 * approve / reject            no pending join request -> 404; a phone number
 *          is resolved to the pending request's LID, which the entry reports
 *          (with the phone as `phoneNumber`).
 */
import { CONTRACT_ACTIONS, isContractAction } from '../contract/ryzeapi';

import { OUTCOMES } from './messages';
import { SANDBOX } from './seed';
import { randomCode, type SimulatorState } from './state';
import type { Action, Group, PendingRequest } from './types';

/** The actions of the contract's action table (test/contract/ryzeapi.ts), never the node's. */
export const ACTIONS: readonly Action[] = CONTRACT_ACTIONS;

export function isAction(value: unknown): value is Action {
	return isContractAction(value);
}

export interface ParticipantRef {
	kind: 'phone' | 'lid';
	digits: string;
	/** `<digits>@s.whatsapp.net` for phones, `<digits>@lid` for LIDs. */
	jid: string;
}

export interface ParticipantEntry {
	jid: string;
	success: boolean;
	error?: string;
	addRequest?: { code: string; expiration: number };
	/** approve/reject by phone: the phone (as a JID) beside the LID the request was resolved to. */
	phoneNumber?: string;
}

const PHONE = /^(\d{8,15})(?:@s\.whatsapp\.net|@c\.us)?$/;
const LID = /^(\d{1,20})@lid$/;
const ADD_REQUEST_TTL_SECONDS = 3 * 24 * 60 * 60;

/** Parses one participant as sent, or returns null when it is not an accepted form. */
export function parseParticipant(raw: unknown): ParticipantRef | null {
	if (typeof raw !== 'string') return null;
	const value = raw.trim();
	const phone = PHONE.exec(value);
	if (phone) return { kind: 'phone', digits: phone[1], jid: `${phone[1]}@s.whatsapp.net` };
	const lid = LID.exec(value);
	if (lid) return { kind: 'lid', digits: lid[1], jid: value };
	return null;
}

const asSent = (raw: unknown): string => (typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? String(raw)));

const fail = (jid: string, error: string): ParticipantEntry => ({ jid, success: false, error });

function findPending(group: Group, ref: ParticipantRef): PendingRequest | undefined {
	if (ref.kind === 'lid') return group.pending.find((request) => request.lid === ref.jid);
	return group.pending.find((request) => request.phone === ref.digits);
}

function add(state: SimulatorState, group: Group, ref: ParticipantRef): ParticipantEntry {
	if (ref.digits.endsWith(SANDBOX.rules.notOnWhatsAppSuffix)) return fail(ref.jid, OUTCOMES.notOnWhatsApp);
	if (ref.digits.endsWith(SANDBOX.rules.privacyBlockedSuffix)) {
		const expiration = Math.floor(Date.now() / 1000) + ADD_REQUEST_TTL_SECONDS;
		return { ...fail(ref.jid, OUTCOMES.privacyBlocked), addRequest: { code: randomCode(8), expiration } };
	}
	if (state.findMember(group, ref.jid)) return fail(ref.jid, OUTCOMES.alreadyMember);
	const pending = findPending(group, ref);
	if (pending) group.pending = group.pending.filter((request) => request !== pending);
	group.members.push({
		jid: ref.jid,
		lid: ref.kind === 'lid' ? ref.jid : (pending?.lid ?? null),
		isAdmin: false,
		isSuperAdmin: false,
	});
	return { jid: ref.jid, success: true };
}

function changeMember(state: SimulatorState, group: Group, ref: ParticipantRef, action: Action): ParticipantEntry {
	const member = state.findMember(group, ref.jid);
	if (!member) return fail(ref.jid, OUTCOMES.notMember);
	if (action === 'remove') group.members = group.members.filter((other) => other !== member);
	if (action === 'promote') member.isAdmin = true;
	if (action === 'demote') {
		member.isAdmin = false;
		member.isSuperAdmin = false;
	}
	return { jid: ref.jid, success: true };
}

function settleRequest(state: SimulatorState, group: Group, ref: ParticipantRef, action: Action): ParticipantEntry {
	const pending = findPending(group, ref);
	if (!pending) return fail(ref.jid, OUTCOMES.noPendingRequest);
	group.pending = group.pending.filter((request) => request !== pending);
	if (action === 'approve' && !state.findMember(group, pending.lid)) {
		const jid = pending.phone ? `${pending.phone}@s.whatsapp.net` : pending.lid;
		group.members.push({ jid, lid: pending.lid, isAdmin: false, isSuperAdmin: false });
	}
	// Resolved from a phone: the entry names the LID and the phone it came from.
	return ref.kind === 'lid' ? { jid: pending.lid, success: true } : { jid: pending.lid, phoneNumber: ref.jid, success: true };
}

/** Applies one action to one participant (mutating the group) and returns its entry. */
export function applyParticipantAction(state: SimulatorState, group: Group, action: Action, raw: unknown): ParticipantEntry {
	const ref = parseParticipant(raw);
	if (!ref) return fail(asSent(raw), OUTCOMES.invalidParticipant);
	switch (action) {
		case 'add':
			return add(state, group, ref);
		case 'approve':
		case 'reject':
			return settleRequest(state, group, ref, action);
		default:
			return changeMember(state, group, ref, action);
	}
}
