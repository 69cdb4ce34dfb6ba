/**
 * In-memory model of the simulated RyzeAPI account: instances, tokens, groups,
 * members and pending join requests, plus the request counters.
 * `reset()` returns everything to the sandbox seed.
 */
import { randomBytes } from 'node:crypto';

import type { DeliveryRecord, EventSink } from './deliveries';
import type { WebhookRow } from './events';
import { membershipChanges, type FlowShape, type SettingChange } from './eventShapes';
import { seedAccounts, seedGroups, seedInstances } from './seed';
import type { Account, Group, GroupRole, Instance, Member, SentMessage, SimulatorStats, TokenKind } from './types';

const INVITE_LINK = /^https?:\/\/chat\.whatsapp\.com\/([^/?#\s]+)\/?(?:[?#].*)?$/i;

export const inviteLink = (code: string): string => `https://chat.whatsapp.com/${code}`;

/** Extracts the invite code from a `https://chat.whatsapp.com/<CODE>` link, or returns the input trimmed. */
export function identifierKey(identifier: string): string {
	const trimmed = identifier.trim();
	const link = INVITE_LINK.exec(trimmed);
	return link ? link[1] : trimmed;
}

export class SimulatorState {
	instances: Instance[] = [];
	accounts: Account[] = [];
	groups: Group[] = [];
	readonly stats: SimulatorStats = { requests: 0, processed: 0, rateLimited: 0, faulted: 0 };
	/** Webhook configs of every instance (events.ts). */
	webhooks: WebhookRow[] = [];
	/** Webhook deliveries made (never the token, never an Authorization value). */
	deliveries: DeliveryRecord[] = [];
	/** The last delivery id given. */
	deliverySeq = 0;
	/** The `data` shape of group.flow deliveries. */
	flowShape: FlowShape = 'consumer';
	/** Set by the server: delivers group.flow, instance.state (deliveries.ts). */
	sink: EventSink | null = null;
	/** Texts sent through POST /api/message/text. */
	messages: SentMessage[] = [];

	constructor() {
		this.reset();
	}

	/** Re-seeds instances, groups and counters. */
	reset(): void {
		this.instances = seedInstances();
		this.accounts = seedAccounts();
		this.groups = seedGroups();
		this.webhooks = [];
		this.deliveries = [];
		this.deliverySeq = 0;
		this.flowShape = 'consumer';
		this.messages = [];
		Object.assign(this.stats, { requests: 0, processed: 0, rateLimited: 0, faulted: 0 });
	}

	tokenKind(token: string | undefined): TokenKind {
		if (!token) return 'missing';
		if (this.instanceByToken(token)) return 'instance';
		if (this.accountByToken(token)) return 'account';
		return 'invalid';
	}

	instanceByToken(token: string): Instance | undefined {
		return this.instances.find((instance) => instance.token === token);
	}

	accountByToken(token: string): Account | undefined {
		return this.accounts.find((account) => account.token === token);
	}

	instance(name: string): Instance | undefined {
		return this.instances.find((instance) => instance.name === name);
	}

	/** Finds a group by JID, invite code or invite link. */
	resolveGroup(identifier: string): Group | undefined {
		const key = identifierKey(identifier);
		if (!key) return undefined;
		if (key.endsWith('@g.us')) return this.groups.find((group) => group.jid === key);
		return this.groups.find((group) => group.inviteCode === key);
	}

	/** The group whose revoked invite codes include this one. */
	revokedGroup(code: string): Group | undefined {
		return this.groups.find((group) => group.revokedCodes?.includes(code));
	}

	/** A JID no group has yet, in WhatsApp's form (120363 + 12 digits). */
	newGroupJid(): string {
		for (;;) {
			const digits = [...randomBytes(12)].map((byte) => byte % 10).join('');
			const jid = `120363${digits}@g.us`;
			if (!this.groups.some((group) => group.jid === jid)) return jid;
		}
	}

	/** The instance's role in the group, or null when it is not a member. */
	roleOf(group: Group, instance: Instance): GroupRole | null {
		const self = this.findMember(group, `${instance.number}@s.whatsapp.net`);
		if (!self) return null;
		if (self.isSuperAdmin) return 'superadmin';
		return self.isAdmin ? 'admin' : 'member';
	}

	/** Finds a member by phone JID or by LID. */
	findMember(group: Group, jid: string): Member | undefined {
		return group.members.find((member) => member.jid === jid || member.lid === jid);
	}

	/** Runs `change` on a group's members and delivers group.flow for what it changed. */
	changeMembers<T>(group: Group, change: () => T): T {
		const before = group.members.map((member) => ({ ...member }));
		const result = change();
		if (this.sink && membershipChanges(before, group.members).length > 0) this.sink.membersChanged(group, before);
		return result;
	}

	/** Delivers group.flow for settings changes already made to the group. */
	settingsChanged(group: Group, changes: SettingChange[]): void {
		if (this.sink && changes.length > 0) this.sink.settingsChanged(group, changes);
	}

	/** A token-free copy of the state, for `GET /__sim/state`. */
	snapshot(): Record<string, unknown> {
		return JSON.parse(
			JSON.stringify({
				instances: this.instances.map(({ name, connected, number, profileName }) => ({
					name,
					connected,
					number,
					profileName,
				})),
				groups: this.groups,
				stats: this.stats,
			}),
		) as Record<string, unknown>;
	}
}

const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random alphanumeric code (invite codes, add-request codes). */
export function randomCode(length: number): string {
	const bytes = randomBytes(length);
	let code = '';
	for (let i = 0; i < length; i++) code += CODE_ALPHABET[bytes[i] % CODE_ALPHABET.length];
	return code;
}
