/**
 * Group follow-ups of Manage Participants, each at most one extra call per group
 * and run. They return the keys to put on items; they never change an item.
 * - add + "Attach Invite Link When Privacy Blocks the Add": the group's invite
 *   link (GET /api/group/info?participants=false), only when an add came back
 *   privacy_blocked or recently_left (inviteLinkCodes, from helpers/actions.ts: the person can join by
 *   link though an admin cannot add them);
 * - remove + "Reset Invite Link After Removal": POST /api/group/resetLink after
 *   successful removals, never resent (each reset makes a new code).
 */
import { actionSpec, type ParticipantAction } from './actions';
import { readInviteLink, readResetLink } from '../../../readers/groupLinks';
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

export class InviteLinks {
	private readonly links = new Map<string, Promise<FollowUpKeys>>();

	constructor(private readonly sender: CallSender) {}

	/** The keys for a privacy-blocked (or recently-left) add in this group: its invite link, or why there is none. */
	async keysFor(instance: string, group: string): Promise<FollowUpKeys> {
		const key = groupKey(instance, group);
		let keys = this.links.get(key);
		if (!keys) {
			keys = this.fetch(instance, group);
			this.links.set(key, keys);
		}
		return await keys;
	}

	private async fetch(instance: string, group: string): Promise<FollowUpKeys> {
		const outcome = await this.sender.send(
			{ method: 'GET', path: instancePath('info', instance), qs: { identifier: group, participants: 'false' }, timeoutMs: READ_TIMEOUT_MS },
			'always',
		);
		if (!outcome.ok) return { inviteLink: null, inviteLinkError: `Could not read the invite link: ${outcome.failure.message}` };
		const link = readInviteLink(outcome.body);
		return link
			? { inviteLink: link }
			: { inviteLink: null, inviteLinkError: 'RyzeAPI returned no invite link for this group (is the instance an admin?)' };
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
