/**
 * Group follow-ups of Manage Participants, each at most one extra call per group
 * and run. They return the keys to put on items; they never change an item.
 * - add + "Attach Invite Link When Privacy Blocks the Add" (or "Send Invite When Add
 *   Is Blocked", invites.ts): the group's invite link (GET
 *   /api/group/info?participants=false), only when an add came back
 *   privacy_blocked or recently_left (inviteLinkCodes, from helpers/actions.ts: the person can join by
 *   link though an admin cannot add them);
 * - remove + "Reset Invite Link After Removal": POST /api/group/resetLink after
 *   successful removals, never resent (each reset makes a new code).
 */
import { actionSpec, type ParticipantAction } from './actions';
import { readResetLink } from '../../../readers/groupLinks';
import { readGroupInvite } from '../../../readers/groupInvite';
import type { ErrorCode } from '../../../helpers/types';
import type { FollowUpKeys } from './items';
import { READ_TIMEOUT_MS } from '../../../helpers/validation';
import { instancePath } from '../../../transport/http/request';
import type { CallSender } from '../../../transport/rateLimit/send';

/**
 * The failures of this action that its invite-link follow-up gets around (add:
 * privacy settings, and a person who recently left, WhatsApp's 408), from the
 * per-action table; none for an action without that follow-up.
 */
export function inviteLinkCodes(action: ParticipantAction): readonly string[] {
	const followUp = actionSpec(action).followUp;
	return followUp?.kind === 'invite-link' ? followUp.when : [];
}

/** Whether the action offers this follow-up (helpers/actions.ts). */
export const offersFollowUp = (action: ParticipantAction, kind: 'invite-link' | 'reset-link'): boolean =>
	actionSpec(action).followUp?.kind === kind;

export const groupKey = (instance: string, group: string): string => JSON.stringify([instance, group]);

/** A group's invite link as the follow-ups read it: the item keys, and what an invite message needs. */
export interface GroupLink {
	/** `inviteLink`, or `inviteLink: null` and `inviteLinkError`. */
	keys: FollowUpKeys;
	/** The link when it is a WhatsApp invite link a message may carry (readers/groupInvite.ts). */
	sendableLink: string | null;
	groupName: string | null;
	groupJid: string | null;
	/** Why there is no link, as a code: the read's failure, or not_admin (only admins see it). */
	errorCode: ErrorCode | null;
}

export class InviteLinks {
	private readonly links = new Map<string, Promise<GroupLink>>();

	constructor(private readonly sender: CallSender) {}

	/** The keys for a privacy-blocked (or recently-left) add in this group: its invite link, or why there is none. */
	async keysFor(instance: string, group: string): Promise<FollowUpKeys> {
		return (await this.linkFor(instance, group)).keys;
	}

	/** The group's link, read once per group and run. */
	async linkFor(instance: string, group: string): Promise<GroupLink> {
		const key = groupKey(instance, group);
		let link = this.links.get(key);
		if (!link) {
			link = this.fetch(instance, group);
			this.links.set(key, link);
		}
		return await link;
	}

	private async fetch(instance: string, group: string): Promise<GroupLink> {
		const outcome = await this.sender.send(
			{ method: 'GET', path: instancePath('info', instance), qs: { identifier: group, participants: 'false' }, timeoutMs: READ_TIMEOUT_MS },
			'always',
		);
		if (!outcome.ok) {
			const keys = { inviteLink: null, inviteLinkError: `Could not read the invite link: ${outcome.failure.message}` };
			return { keys, sendableLink: null, groupName: null, groupJid: null, errorCode: outcome.failure.errorCode };
		}
		const read = readGroupInvite(outcome.body);
		const missing = read.foreignLink
			? 'RyzeAPI returned a link that is not a WhatsApp invite link (https://chat.whatsapp.com/…); it is never passed on'
			: 'RyzeAPI returned no invite link for this group (is the instance an admin?)';
		const keys = read.inviteLink ? { inviteLink: read.inviteLink } : { inviteLink: null, inviteLinkError: missing };
		const errorCode =
			read.inviteLink === null
				? read.foreignLink
					? 'unexpected_response'
					: 'not_admin'
				: read.sendableLink === null
					? 'unexpected_response'
					: null;
		return { keys, sendableLink: read.sendableLink, groupName: read.groupName, groupJid: read.groupJid, errorCode };
	}
}

export class LinkResets {
	private readonly groups = new Map<string, { instance: string; group: string }>();

	constructor(private readonly sender: CallSender) {}

	/** Remembers a group where someone was removed; the reset happens once, after all calls. */
	note(instance: string, group: string): void {
		this.groups.set(groupKey(instance, group), { instance, group });
	}

	/** Resets each noted group's link once; the keys for its removed participants, by groupKey. */
	async run(): Promise<Map<string, FollowUpKeys>> {
		const keys = new Map<string, FollowUpKeys>();
		for (const [key, { instance, group }] of this.groups) {
			const outcome = await this.sender.send(
				{ method: 'POST', path: instancePath('resetLink', instance), body: { identifier: group }, timeoutMs: READ_TIMEOUT_MS },
				'never',
			);
			const link = outcome.ok ? readResetLink(outcome.body) : null;
			keys.set(
				key,
				link
					? { inviteLinkReset: true, inviteCode: link.inviteCode, inviteLink: link.inviteLink }
					: {
							inviteLinkReset: false,
							inviteCode: null,
							inviteLink: null,
							inviteLinkError: `The invite link was not reset: ${outcome.ok ? 'RyzeAPI returned no new link' : outcome.failure.message}`,
						},
			);
		}
		return keys;
	}
}
