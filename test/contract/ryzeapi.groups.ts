/**
 * The group routes beside Manage Participants (issue 23): List Groups, Group Details,
 * Reset Invite Link, Update Group, Create Group, Join Group and Leave Group, from
 * RyzeAPI's pages (reference §5, §11.1-11.7). Each route: its page, method, path and
 * idempotency tag, the body or query, the answer (zod) and the errors. What a page
 * does not say is `documented: false`: the simulator's choice, written down once.
 */
import { z } from 'zod';

import { chosen, fact, PAGES, type ErrorFact, type Route } from './ryzeapi.facts';

// ---------------------------------------------------------------- shapes

/** GroupPermissions (overview): each key and its WhatsApp meaning. */
export const GroupSettingsSchema = z.object({
	/** Inverse of IsLocked. */
	membersCanEditInfo: z.boolean(),
	/** Inverse of IsAnnounce. */
	membersCanSendMessages: z.boolean(),
	/** MemberAddMode == AllMember. */
	membersCanAddOthers: z.boolean(),
	/** IsJoinApprovalRequired. */
	requireAdminApproval: z.boolean(),
});
export type GroupSettingsBody = z.infer<typeof GroupSettingsSchema>;
export const GROUP_SETTINGS_KEYS = GroupSettingsSchema.keyof().options;

/** A member in GroupInfo: `{jid, isAdmin, isSuperAdmin}` (overview example). */
export const GroupInfoMember = z.object({ jid: z.string(), isAdmin: z.boolean(), isSuperAdmin: z.boolean() }).passthrough();

/**
 * GroupInfo, "Standard response for the create and update routes" (overview; the stored
 * example ends after groupSettings). `inviteCode`/`inviteLink` null for a non-admin is
 * the simulator's choice (WhatsApp gives the code to admins only).
 */
export const GroupInfoSchema = z
	.object({
		name: z.string(),
		jid: z.string().endsWith('@g.us'),
		description: z.string(),
		inviteCode: z.string().nullable(),
		inviteLink: z.string().nullable(),
		createdBy: z.string(),
		participantCount: z.number().int().nonnegative(),
		participants: z.array(GroupInfoMember).optional(),
		groupSettings: GroupSettingsSchema,
	})
	.passthrough();

/**
 * GroupDetail (GET /info): GroupInfo plus, per the overview, image, createdAt, metadata,
 * isEphemeral, isIncognito, isSuspended, isDefaultSubGroup (all optional here: their
 * values are not documented), and `lid` on each participant ("list of participants (with lid)").
 */
export const GroupDetailSchema = GroupInfoSchema.extend({
	participants: z.array(GroupInfoMember.extend({ lid: z.string().nullable() })).optional(),
	image: z.string().nullable().optional(),
	createdAt: z.string().optional(),
}).passthrough();

const Ok = { success: z.literal(true), message: z.string() };

// ---------------------------------------------------------------- reads

export const GROUP_LIST = {
	route: chosen<Route>(
		{ method: 'GET', path: '/api/group/list/:instance', idempotent: true },
		`${PAGES.groupsOverview} (row "List groups"; the page ${PAGES.list} is not stored: idempotency, query and answer unknown; reference §11.1)`,
	),
	/** One entry per group the instance is in, without members (the simulator's shape). */
	answer: chosen(
		z.object({
			...Ok,
			groups: z.array(
				GroupInfoSchema.omit({ inviteCode: true, inviteLink: true, participants: true }).extend({
					isAdmin: z.boolean(),
					isSuperAdmin: z.boolean(),
				}),
			),
		}),
		`${PAGES.list} (not stored; reference §5.5 [INFERENCE] "{success, message: "N groups found", groups: [GroupInfo…]}")`,
	),
} as const;

export const GROUP_INFO = {
	route: fact<Route>({ method: 'GET', path: '/api/group/info/:instance', idempotent: true }, `${PAGES.info} ("Idempotent: yes")`),
	/** `identifier`: "JID, invite code, or link"; `participants=false`: "only the group's metadata, without the member list" (default: included). */
	query: fact(
		z.object({ identifier: z.string().min(1), participants: z.enum(['true', 'false']).optional() }),
		`${PAGES.info} (reference §11.2)`,
	),
	/** The detail under `group`: "use GET /info and read group.inviteLink" (reset-link page); the rest of the wrapper is inferred. */
	answer: chosen(z.object({ ...Ok, group: GroupDetailSchema }), `${PAGES.resetLink} § Notes ("read group.inviteLink"); ${PAGES.info}`),
	/** "To preview the group without joining, use GET /info with the link as the identifier." */
	previewByLink: fact(true, `${PAGES.join} § Notes (reference §11.5)`),
	/** The page's error table is not stored; the siblings' texts. */
	errors: {
		identifierRequired: chosen<ErrorFact>(
			{ status: 400, message: 'Identifier is required' },
			`${PAGES.info} (reference §11.2 [INFERENCE])`,
		),
		groupNotFound: chosen<ErrorFact>(
			{ status: 404, message: 'Group not found or you are not a member of this group' },
			`${PAGES.info} (reference §11.2 [INFERENCE])`,
		),
	},
} as const;

// ---------------------------------------------------------------- reset link

export const GROUP_RESET_LINK = {
	route: fact<Route>(
		{ method: 'POST', path: '/api/group/resetLink/:instance', idempotent: false },
		`${PAGES.resetLink} ("Idempotent: no (each call generates a different code)")`,
	),
	body: fact(z.object({ identifier: z.string().min(1) }), PAGES.resetLink),
	answer: fact(
		z.object({
			...Ok,
			groupJid: z.string(),
			inviteCode: z.string().min(1),
			inviteLink: z.string().startsWith('https://chat.whatsapp.com/'),
		}),
		`${PAGES.resetLink} § Success (reference §5.3)`,
	),
	/** "The old link stops working immediately, anyone who has not yet joined receives `Invite link has been revoked or expired`." */
	oldLinkRevoked: fact(true, `${PAGES.resetLink} § Notes; ${PAGES.join} § Notes`),
	errors: {
		identifierRequired: fact<ErrorFact>({ status: 400, message: 'Identifier is required' }, `${PAGES.resetLink} § Errors`),
		mustBeAdmin: fact<ErrorFact>(
			{ status: 403, message: 'Not authorized to reset group invite link (must be admin)' },
			`${PAGES.resetLink} § Errors`,
		),
		groupNotFound: fact<ErrorFact>(
			{ status: 404, message: 'Group not found or you are not a member of this group' },
			`${PAGES.resetLink} § Errors`,
		),
	},
} as const;

// ---------------------------------------------------------------- subject, people

/**
 * WhatsApp's group subject (name) length limit: none of the group pages gives it
 * (Update and Create: "Max length [NOT FOUND]"); "Max 25 characters" is the Create
 * Community page's, for communities. null: the simulator enforces no limit.
 */
export const GROUP_SUBJECT_MAX_LENGTH = chosen<number | null>(
	null,
	`${PAGES.update}; ${PAGES.create} (not given; ${PAGES.communityCreate} gives 25 for communities only; reference §11.3, §11.4)`,
);

/**
 * RyzeAPI's Brazilian 12/13-digit fallback ("tries with 9 … without 9") is documented
 * for messages only (./ryzeapi.messages.ts): nothing says /participants or /create try
 * both forms. false: the simulator adds a number exactly as sent.
 */
export const PARTICIPANTS_BRAZIL_FALLBACK = chosen(
	false,
	`${PAGES.participants}; ${PAGES.create} (not documented; the fallback is on ${PAGES.sendText}; reference §6.3)`,
);
