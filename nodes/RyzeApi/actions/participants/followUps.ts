/**
 * Group follow-ups of Manage Participants, each at most one extra call:
 * - add + "Attach Invite Link When Privacy Blocks the Add": the group's invite
 *   link (GET /api/group/info?participants=false), fetched once per group and run,
 *   only when some add came back privacy_blocked, put on those Failure items;
 * - remove + "Reset Invite Link After Removal": POST /api/group/resetLink once per
 *   group after successful removals, the new code and link put on those items.
 */
import { readInviteLink, readResetLink } from '../../helpers/groupLinks';
import type { ParticipantResultJson } from '../../helpers/items';
import { instancePath } from '../../transport';
import type { ApiOutcome } from '../../transport/index';
import type { CallSender } from '../../transport/send';

const FOLLOW_UP_TIMEOUT_MS = 30_000;

type Read<T> = { ok: true; value: T } | { ok: false; error: string };

function failureText(outcome: ApiOutcome): string | null {
	return outcome.ok ? null : outcome.failure.message;
}

const groupKey = (instance: string, group: string) => JSON.stringify([instance, group]);

export class InviteLinks {
	private readonly links = new Map<string, Read<string>>();

	constructor(private readonly sender: CallSender) {}

	/** Puts `inviteLink` on privacy-blocked Failure items of one call (one fetch per group and run). */
	async attach(instance: string, group: string, blocked: ParticipantResultJson[]): Promise<void> {
		if (blocked.length === 0) return;
		const key = groupKey(instance, group);
		let link = this.links.get(key);
		if (!link) {
			link = await this.fetch(instance, group);
			this.links.set(key, link);
		}
		for (const json of blocked) {
			json.inviteLink = link.ok ? link.value : null;
			if (!link.ok) json.inviteLinkError = link.error;
		}
	}

	private async fetch(instance: string, group: string): Promise<Read<string>> {
		const outcome = await this.sender.send(
			{ method: 'GET', path: instancePath('info', instance), qs: { identifier: group, participants: 'false' }, timeoutMs: FOLLOW_UP_TIMEOUT_MS },
			'always',
		);
		const failed = failureText(outcome);
		if (failed !== null) return { ok: false, error: `Could not read the invite link: ${failed}` };
		const link = outcome.ok ? readInviteLink(outcome.body) : null;
		return link ? { ok: true, value: link } : { ok: false, error: 'RyzeAPI returned no invite link for this group (is the instance an admin?)' };
	}
}

export class LinkResets {
	private readonly removed = new Map<string, { instance: string; group: string; items: ParticipantResultJson[] }>();

	constructor(private readonly sender: CallSender) {}

	/** Remembers successful removals; the reset happens once per group, after all calls. */
	note(instance: string, group: string, removed: ParticipantResultJson[]): void {
		if (removed.length === 0) return;
		const key = groupKey(instance, group);
		const entry = this.removed.get(key) ?? { instance, group, items: [] };
		for (const json of removed) entry.items.push(json);
		this.removed.set(key, entry);
	}

	async run(): Promise<void> {
		for (const { instance, group, items } of this.removed.values()) {
			// Not idempotent (every call makes a new code): never resent, whatever Retry on Server Errors says.
			const outcome = await this.sender.send(
				{ method: 'POST', path: instancePath('resetLink', instance), body: { identifier: group }, timeoutMs: FOLLOW_UP_TIMEOUT_MS },
				'never',
			);
			const failed = failureText(outcome);
			const link = outcome.ok ? readResetLink(outcome.body) : null;
			for (const json of items) {
				json.inviteLinkReset = link !== null;
				json.inviteCode = link?.inviteCode ?? null;
				json.inviteLink = link?.inviteLink ?? null;
				if (!link) json.inviteLinkError = `The invite link was not reset: ${failed ?? 'RyzeAPI returned no new link'}`;
			}
		}
	}
}
