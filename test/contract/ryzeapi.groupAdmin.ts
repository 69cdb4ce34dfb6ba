/**
 * The group routes that change a group or the instance's membership: Update Group,
 * Create Group, Join Group and Leave Group (reference §11.3-11.6). Shapes shared with
 * the reads (GroupInfo, GroupPermissions) are in ./ryzeapi.groups.ts.
 */
import { z } from 'zod';

import { chosen, fact, LIBRARIES, PAGES, type ErrorFact, type Route } from './ryzeapi.facts';
import { GroupInfoSchema, GroupSettingsSchema } from './ryzeapi.groups';

const Ok = { success: z.literal(true), message: z.string() };
const NOT_FOUND = 'Group not found or you are not a member of this group';

// ---------------------------------------------------------------- update

export const GROUP_UPDATE = {
	/**
	 * "Idempotent: partial (sending the same values produces no effect)": not "yes". A
	 * resend of the same body changes nothing more; a resend after someone else changed
	 * the group changes it back.
	 */
	route: fact<Route>(
		{ method: 'PUT', path: '/api/group/update/:instance', idempotent: 'partial' },
		`${PAGES.update} ("Idempotent: partial (sending the same values produces no effect)")`,
	),
	/** The playground stub: every field but `identifier` optional. */
	body: fact(
		z.object({
			identifier: z.string().min(1),
			name: z.string().optional(),
			description: z.string().optional(),
			image: z.string().optional(),
			removeImage: z.boolean().optional(),
			groupSettings: GroupSettingsSchema.partial().optional(),
		}),
		`${PAGES.update} (body stub; GroupPermissions on ${PAGES.groupsOverview})`,
	),
	/** "Updates any subset of group fields … At least one field beyond identifier must be sent." */
	partial: fact(true, `${PAGES.update} § Description`),
	/** Inside `groupSettings` only the keys sent change: the example sends 2 of 4 and names only those (not stated). */
	settingsKeysPartial: chosen(true, `${PAGES.update} § Update multiple fields (reference §11.3 [INFERENCE])`),
	/** `description: ""` "is treated explicitly as "remove", different from omitting t…" (cut). */
	emptyDescriptionClears: fact(true, `${PAGES.update} § Clear description`),
	/** `removeImage` "takes precedence over image". */
	removeImageWins: fact(true, `${PAGES.update} § Remove picture`),
	/** GroupInfo is the standard answer; under `group` (as /info) is the simulator's choice. */
	answer: chosen(
		z.object({ ...Ok, group: GroupInfoSchema }),
		`${PAGES.groupsOverview} (GroupInfo); ${PAGES.update} (200 example not stored)`,
	),
	/** "The response's message lists the fields that were actually updated": the wording is not. */
	message: chosen(
		{ updated: 'Group updated: ', unchanged: 'No changes: the group already has these values' },
		`${PAGES.update} § Description (wording not stored)`,
	),
	/** Who may update is not stated: WhatsApp lets members edit name/description/picture unless the info is locked. */
	membersEditInfoWhenUnlocked: chosen(true, `${PAGES.update} (not stated; overview: membersCanEditInfo = inverse of IsLocked)`),
	errors: {
		identifierRequired: chosen<ErrorFact>(
			{ status: 400, message: 'Identifier is required' },
			`${PAGES.update} (errors not stored; siblings)`,
		),
		nothingToUpdate: chosen<ErrorFact>(
			{ status: 400, message: 'At least one field to update is required' },
			`${PAGES.update} ("At least one field beyond identifier must be sent"; text not stored)`,
		),
		emptyName: chosen<ErrorFact>({ status: 400, message: 'Group name cannot be empty' }, `${PAGES.update} (not stored)`),
		mustBeAdmin: chosen<ErrorFact>(
			{ status: 403, message: 'Not authorized to update group (must be admin)' },
			`${PAGES.update} (not stored; the siblings' "Not authorized to … (must be admin)")`,
		),
		groupNotFound: chosen<ErrorFact>({ status: 404, message: NOT_FOUND }, `${PAGES.update} (not stored; siblings)`),
	},
} as const;

// ---------------------------------------------------------------- create

/** A person create could not add: the /participants entry shape, the same texts and codes. */
export const CreateFailure = z
	.object({
		jid: z.string(),
		success: z.literal(false),
		error: z.string(),
		addRequest: z.object({ code: z.string(), expiration: z.number() }).optional(),
	})
	.passthrough();

export const GROUP_CREATE = {
	/** "Idempotent: no": a resend makes a second group (WhatsApp allows the same name twice). */
	route: fact<Route>({ method: 'POST', path: '/api/group/create/:instance', idempotent: false }, `${PAGES.create} ("Idempotent: no")`),
	body: fact(
		z.object({
			name: z.string().min(1),
			participants: z.array(z.string()).min(1),
			description: z.string().optional(),
			image: z.string().optional(),
			communityJid: z.string().optional(),
			groupSettings: GroupSettingsSchema.partial().optional(),
		}),
		`${PAGES.create} (body stub; "Minimum" example: name + participants; reference §11.4)`,
	),
	/** The GroupInfo example's values; "nothing says these are the defaults". */
	defaultSettings: chosen(
		{ membersCanEditInfo: true, membersCanSendMessages: true, membersCanAddOthers: false, requireAdminApproval: false },
		`${PAGES.groupsOverview} (GroupInfo example; defaults not documented)`,
	),
	/** The errors guide: "201 Created — Creation"; no group page shows its status. */
	status: chosen(201, `${PAGES.errorsGuide} (reference §3.3); ${PAGES.create} (example not stored)`),
	/**
	 * What happens to people who cannot be added is NOT documented: no per-person result
	 * is shown (no success:false entries, no failed[]). whatsmeow reports them per
	 * participant (GroupParticipant.Error, AddRequest). The simulator answers them in
	 * `failedParticipants`, entries as on /participants; `group.participants` holds only
	 * those who are in.
	 */
	unaddedPeople: chosen(
		'failedParticipants',
		`${PAGES.create} (not documented; ${LIBRARIES.whatsmeowGroup}: "When creating groups, adding some participants may fail")`,
	),
	answer: chosen(
		z.object({ ...Ok, group: GroupInfoSchema, failedParticipants: z.array(CreateFailure) }),
		`${PAGES.groupsOverview} (GroupInfo: "Standard response for the create … routes"); ${PAGES.create} (not stored)`,
	),
	message: chosen('Group created successfully', `${PAGES.create} (not stored)`),
	/** "The picture and description are applied in subsequent calls after the group is created." */
	notAtomic: fact(true, `${PAGES.create} § Description`),
	errors: {
		nameRequired: chosen<ErrorFact>({ status: 400, message: 'Group name is required' }, `${PAGES.create} (errors not stored)`),
		participantsRequired: chosen<ErrorFact>(
			{ status: 400, message: 'At least one participant is required' },
			`${PAGES.create} (errors not stored; the /participants text)`,
		),
	},
} as const;

// ---------------------------------------------------------------- join

export const GROUP_JOIN = {
	route: fact<Route>(
		{ method: 'POST', path: '/api/group/join/:instance', idempotent: 'partial' },
		`${PAGES.join} ("Idempotent: partial (repeated calls on an open group return the same groupJid)")`,
	),
	/** "Invite code (ABC123XYZ) or full link"; "Unlike the other routes, /join does not accept a JID". */
	body: fact(z.object({ identifier: z.string().min(1) }), `${PAGES.join} § Warning`),
	acceptsJid: fact(false, `${PAGES.join} § Warning`),
	/** `groupJid` and `requiresApproval` are named in the prose; the JSON example is cut at "Successfully j…". */
	answer: fact(z.object({ ...Ok, groupJid: z.string(), requiresApproval: z.boolean() }), `${PAGES.join} § Success`),
	message: chosen(
		{ joined: 'Successfully joined the group', queued: 'Join request sent, waiting for admin approval' },
		`${PAGES.join} (example cut at "Successfully j…"; the queued text not stored)`,
	),
	/** "If the group has requireAdminApproval=true, the join is queued … listed by /requests until an admin approves it." */
	queuedWhenApprovalRequired: fact(true, `${PAGES.join} § Description, § Notes`),
	errors: {
		invalidInvite: fact<ErrorFact>({ status: 400, message: 'Invalid invite link or code' }, `${PAGES.join} § Errors`),
		revoked: fact<ErrorFact>({ status: 400, message: 'Invite link has been revoked or expired' }, `${PAGES.join} § Errors`),
		notAllowed: fact<ErrorFact>({ status: 403, message: 'Not allowed to join this group' }, `${PAGES.join} § Errors`),
		groupNotFound: fact<ErrorFact>({ status: 404, message: 'Group not found' }, `${PAGES.join} § Errors`),
	},
	/** Which error answers a missing identifier, a JID or a malformed code: the table does not say. */
	invalidInviteCovers: chosen(['missing', 'jid', 'malformed'] as const, `${PAGES.join} § Errors (mapping not documented)`),
} as const;

// ---------------------------------------------------------------- leave

export const GROUP_LEAVE = {
	/** "Idempotent: yes (leaving a group you have already left returns 404)". */
	route: fact<Route>(
		{ method: 'DELETE', path: '/api/group/leave/:instance', idempotent: true },
		`${PAGES.leave} ("Idempotent: yes (leaving a group you have already left returns 404)")`,
	),
	/** "The identifier goes in the query string (not in the body) since this is a DELETE." JID, code or link. */
	query: fact(z.object({ identifier: z.string().min(1) }), PAGES.leave),
	message: fact('Successfully left the group', `${PAGES.leave} § Success`),
	answer: fact(z.object({ ...Ok, groupJid: z.string() }), `${PAGES.leave} § Success`),
	/** "To return to the group, you must obtain a new invite." */
	rejoinNeedsInvite: fact(true, `${PAGES.leave} § Notes`),
	errors: {
		identifierRequired: fact<ErrorFact>({ status: 400, message: 'Identifier is required' }, `${PAGES.leave} § Errors`),
		notAllowed: fact<ErrorFact>({ status: 403, message: 'Not allowed to leave this group' }, `${PAGES.leave} § Errors`),
		groupNotFound: fact<ErrorFact>({ status: 404, message: NOT_FOUND }, `${PAGES.leave} § Errors`),
	},
} as const;
