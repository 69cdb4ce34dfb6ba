/**
 * Sandbox data: the tokens, instances and groups every simulator starts with
 * (and returns to on reset). Tests and examples refer to `SANDBOX` instead of
 * repeating literals.
 */
import type { Account, Group, Instance, Member } from './types';

const jidOf = (digits: string): string => `${digits}@s.whatsapp.net`;

export const SANDBOX = {
	tokens: {
		/** TokenInstance of `sandbox`. */
		sandbox: 'sandbox-token',
		/** TokenInstance of `member-only`. */
		memberOnly: 'member-only-token',
		/** TokenInstance of `offline`. */
		offline: 'offline-token',
		/** TokenAccount owning `sandbox`, `member-only` and `offline`. */
		account: 'sandbox-account-token',
	},
	instances: {
		/** Connected; superadmin of Customers, admin of Beta Waitlist, member of Announcements. */
		sandbox: 'sandbox',
		/** Connected; plain member of every group. */
		memberOnly: 'member-only',
		/** Disconnected: every group call answers 503. */
		offline: 'offline',
	},
	numbers: {
		sandbox: '5511900000001',
		memberOnly: '5511900000002',
		offline: '5511900000003',
	},
	/** The instances' LIDs (a join request of theirs carries it). */
	lids: {
		sandbox: '199789077600001@lid',
		memberOnly: '199789077600002@lid',
		offline: '199789077600003@lid',
	},
	groups: {
		customers: {
			jid: '120363000000000001@g.us',
			name: 'Customers',
			inviteCode: 'CUSTOMERS0001',
			role: 'superadmin',
			requireAdminApproval: false,
			members: ['5511911110001', '5511911110002', '5511911110003'],
			admins: ['5511911110002'],
		},
		waitlist: {
			jid: '120363000000000002@g.us',
			name: 'Beta Waitlist',
			inviteCode: 'WAITLIST0002',
			role: 'admin',
			requireAdminApproval: true,
			members: ['5511922220001'],
			owner: '5511922229999',
			pending: [
				{ lid: '199789077627112@lid', phone: '5511988887777', requestedAt: '2025-01-10T12:00:00.000Z' },
				{ lid: '199789077627113@lid', phone: '5511988886666', requestedAt: '2025-01-11T08:30:00.000Z' },
				{ lid: '199789077627114@lid', phone: null, requestedAt: '2025-01-12T19:45:00.000Z' },
			],
		},
		announcements: {
			jid: '120363000000000003@g.us',
			name: 'Announcements',
			inviteCode: 'ANNOUNCE0003',
			role: 'member',
			requireAdminApproval: false,
			members: ['5511933330001'],
			owner: '5511933339999',
		},
		/**
		 * The CRM sync example's group: nothing else touches it. Its member list mixes
		 * phone JIDs (with and without a LID), a member known only by its LID, and admins.
		 */
		vip: {
			jid: '120363000000000004@g.us',
			name: 'VIP Clients',
			inviteCode: 'VIPCLIENTS0004',
			role: 'admin',
			requireAdminApproval: false,
			owner: '5511944449999',
			ownerLid: '199789077620099@lid',
			members: [
				{ phone: '5511944440001', lid: '199789077620001@lid' },
				{ phone: '5511944440002', lid: null },
				{ phone: '5511944440003', lid: '199789077620003@lid' },
				{ phone: null, lid: '199789077620004@lid' },
				{ phone: '5511944440005', lid: null, admin: true },
			],
		},
	},
	/** Participant outcome rules for `add`, by the last digits of the number. */
	rules: {
		notOnWhatsAppSuffix: '000',
		privacyBlockedSuffix: '403',
	},
} as const;

export function seedInstances(): Instance[] {
	const { tokens, instances, numbers, lids } = SANDBOX;
	return [
		{ name: instances.sandbox, token: tokens.sandbox, connected: true, number: numbers.sandbox, profileName: 'Sandbox', lid: lids.sandbox },
		{
			name: instances.memberOnly,
			token: tokens.memberOnly,
			connected: true,
			number: numbers.memberOnly,
			profileName: 'Member Only',
			lid: lids.memberOnly,
		},
		{
			name: instances.offline,
			token: tokens.offline,
			connected: false,
			number: numbers.offline,
			profileName: 'Offline',
			lid: lids.offline,
		},
	];
}

export function seedAccounts(): Account[] {
	const { instances } = SANDBOX;
	return [{ token: SANDBOX.tokens.account, instances: [instances.sandbox, instances.memberOnly, instances.offline] }];
}

function member(digits: string, role: 'superadmin' | 'admin' | 'member' = 'member', lid: string | null = null): Member {
	return { jid: jidOf(digits), lid, isAdmin: role !== 'member', isSuperAdmin: role === 'superadmin' };
}

/** A member WhatsApp shows only by its LID (the phone number is hidden). */
function lidOnly(lid: string): Member {
	return { jid: lid, lid, isAdmin: false, isSuperAdmin: false };
}

export function seedGroups(): Group[] {
	const { customers, waitlist, announcements, vip } = SANDBOX.groups;
	const { numbers } = SANDBOX;
	const settings = {
		membersCanEditInfo: false,
		membersCanSendMessages: true,
		membersCanAddOthers: false,
		requireAdminApproval: false,
	};
	return [
		{
			jid: customers.jid,
			name: customers.name,
			description: 'Sandbox group where the sandbox instance is the super admin.',
			inviteCode: customers.inviteCode,
			createdBy: jidOf(numbers.sandbox),
			settings: { ...settings },
			members: [
				member(numbers.sandbox, 'superadmin'),
				member(numbers.memberOnly),
				...customers.members.map((digits) => member(digits, (customers.admins as readonly string[]).includes(digits) ? 'admin' : 'member')),
			],
			pending: [],
		},
		{
			jid: waitlist.jid,
			name: waitlist.name,
			description: 'Sandbox group that requires admin approval; the sandbox instance is an admin.',
			inviteCode: waitlist.inviteCode,
			createdBy: jidOf(waitlist.owner),
			settings: { ...settings, requireAdminApproval: true },
			members: [
				member(waitlist.owner, 'superadmin'),
				member(numbers.sandbox, 'admin'),
				member(numbers.memberOnly),
				...waitlist.members.map((digits) => member(digits)),
			],
			pending: waitlist.pending.map((request) => ({ ...request })),
		},
		{
			jid: announcements.jid,
			name: announcements.name,
			description: 'Sandbox group where the sandbox instance is a plain member.',
			inviteCode: announcements.inviteCode,
			createdBy: jidOf(announcements.owner),
			settings: { ...settings, membersCanSendMessages: false },
			members: [
				member(announcements.owner, 'superadmin'),
				member(numbers.sandbox),
				member(numbers.memberOnly),
				...announcements.members.map((digits) => member(digits)),
			],
			pending: [],
		},
		{
			jid: vip.jid,
			name: vip.name,
			description: 'Sandbox group for the CRM sync example: phone JIDs, LIDs and a member known only by its LID.',
			inviteCode: vip.inviteCode,
			createdBy: jidOf(vip.owner),
			settings: { ...settings },
			members: [
				member(vip.owner, 'superadmin', vip.ownerLid),
				member(numbers.sandbox, 'admin'),
				...vip.members.map((entry: { phone: string | null; lid: string | null; admin?: boolean }) =>
					entry.phone === null ? lidOnly(entry.lid as string) : member(entry.phone, entry.admin ? 'admin' : 'member', entry.lid),
				),
			],
			pending: [],
		},
	];
}
