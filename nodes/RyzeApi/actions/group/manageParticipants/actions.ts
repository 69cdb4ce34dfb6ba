/**
 * The one per-action table of Manage Participants: everything the node knows about
 * an action is here, and everything that needs it reads it here (the Action option
 * and its hints, the timeouts, the per-participant classifier, the pairing of
 * answers, the follow-ups, the tool description). Pure data, no imports.
 *
 * The facts come from RyzeAPI's page for POST /api/group/participants (its action
 * table: permission, server timeout) and from WhatsApp's per-participant codes;
 * test/unit/actions/group/manageParticipants/actions.test.ts holds this table against the RyzeAPI contract
 * (test/contract/ryzeapi.ts), so an action, a permission, a timeout or a code
 * appears here only once the contract says what RyzeAPI answers for it.
 */

/** What the instance must be in the group (the action table's "Permission"). */
export type Permission = 'admin' | 'superadmin';

/** The errorCodes WhatsApp's per-participant codes map to (a subset of ErrorCode). */
export type ParticipantCode =
	| 'privacy_blocked'
	| 'recently_left'
	| 'already_member'
	| 'group_full'
	| 'not_on_whatsapp'
	| 'not_admin'
	| 'not_member'
	| 'no_pending_request';

export interface ActionSpec {
	/** The option's name (a label: may change; the key of ACTIONS is the stored value and never does). */
	label: string;
	/** The option's hint. */
	description: string;
	/** n8n's action text (the node's actions list, the tool's name). */
	action: string;
	permission: Permission;
	/** The server's own limit for this action, in ms; the default Timeout adds a margin. */
	serverTimeoutMs: number;
	/**
	 * How an answer's entries are paired with what was sent: by identifier, or (an
	 * answer that names nobody, as many entries as sent) by position. approve and
	 * reject never by position: RyzeAPI resolves a phone to a LID server-side.
	 */
	pairing: 'identifier-or-position' | 'identifier-only';
	/** Who the participants are: people to add, members, or pending join requests. */
	target: 'person' | 'member' | 'pending-request';
	/** WhatsApp's per-participant code → errorCode. A code not listed is 'unknown' for this action. */
	codes: Readonly<Partial<Record<number, ParticipantCode>>>;
	/** A group follow-up this action offers (an option shown for this action only). */
	followUp: { kind: 'invite-link'; when: readonly ParticipantCode[] } | { kind: 'reset-link' } | null;
}

/** In RyzeAPI's order: add, remove, promote, demote, approve, reject. */
export const ACTIONS = {
	add: {
		label: 'Add',
		description:
			'Add people to the group. Needs the instance to be a group admin. People whose privacy settings block adds come back on Failure as privacy_blocked.',
		action: 'Add participants to group',
		permission: 'admin',
		serverTimeoutMs: 60_000,
		pairing: 'identifier-or-position',
		target: 'person',
		codes: { 403: 'privacy_blocked', 404: 'not_on_whatsapp', 408: 'recently_left', 409: 'already_member', 500: 'group_full' },
		// The invite link gets around a privacy block, and a person who recently left (WhatsApp's 408).
		followUp: { kind: 'invite-link', when: ['privacy_blocked', 'recently_left'] },
	},
	remove: {
		label: 'Remove',
		description:
			'Remove people from the group. Needs the instance to be a group admin. They can rejoin through the invite link unless it is reset.',
		action: 'Remove participants from group',
		permission: 'admin',
		serverTimeoutMs: 60_000,
		pairing: 'identifier-or-position',
		target: 'member',
		codes: { 403: 'not_admin', 404: 'not_member' },
		followUp: { kind: 'reset-link' },
	},
	promote: {
		label: 'Promote',
		description: 'Make members admins. Needs the instance to be a super-admin (the creator, or promoted by one).',
		action: 'Promote group members to admin',
		permission: 'superadmin',
		serverTimeoutMs: 60_000,
		pairing: 'identifier-or-position',
		target: 'member',
		codes: { 403: 'not_admin', 404: 'not_member' },
		followUp: null,
	},
	demote: {
		label: 'Demote',
		description: 'Turn admins back into plain members. Needs the instance to be a super-admin (the creator, or promoted by one).',
		action: 'Demote group admins to members',
		permission: 'superadmin',
		serverTimeoutMs: 60_000,
		pairing: 'identifier-or-position',
		target: 'member',
		codes: { 403: 'not_admin', 404: 'not_member' },
		followUp: null,
	},
	approve: {
		label: 'Approve Join Request',
		description:
			'Approve pending join requests. Needs admin, and only works in groups where admin approval is on. Pass the LID from List Join Requests, or the phone number.',
		action: 'Approve group join requests',
		permission: 'admin',
		serverTimeoutMs: 90_000,
		pairing: 'identifier-only',
		target: 'pending-request',
		// Approving makes the person a member: WhatsApp answers with the add's codes.
		codes: { 403: 'not_admin', 404: 'no_pending_request', 408: 'recently_left', 409: 'already_member', 500: 'group_full' },
		followUp: null,
	},
	reject: {
		label: 'Reject Join Request',
		description:
			'Reject pending join requests. Needs admin, and only works in groups where admin approval is on. Pass the LID from List Join Requests, or the phone number.',
		action: 'Reject group join requests',
		permission: 'admin',
		serverTimeoutMs: 90_000,
		pairing: 'identifier-only',
		target: 'pending-request',
		codes: { 403: 'not_admin', 404: 'no_pending_request' },
		followUp: null,
	},
} as const satisfies Record<string, ActionSpec>;

export type ParticipantAction = keyof typeof ACTIONS;

/** The stored values, in RyzeAPI's order. */
export const PARTICIPANT_ACTIONS = Object.keys(ACTIONS) as readonly ParticipantAction[];

export const actionSpec = (action: ParticipantAction): ActionSpec => ACTIONS[action];

/** The actions that offer a follow-up of this kind (the options' displayOptions). */
export function actionsWithFollowUp(kind: 'invite-link' | 'reset-link'): ParticipantAction[] {
	return PARTICIPANT_ACTIONS.filter((action) => actionSpec(action).followUp?.kind === kind);
}

/** Every WhatsApp per-participant code some action maps, ascending. */
export const WHATSAPP_PARTICIPANT_CODES: readonly number[] = [
	...new Set(PARTICIPANT_ACTIONS.flatMap((action) => Object.keys(actionSpec(action).codes).map(Number))),
].sort((a, b) => a - b);

/** "add, remove, promote, demote, approve or reject" (`last` joins the last two). */
export function actionList(last: string): string {
	const values: string[] = [...PARTICIPANT_ACTIONS];
	return `${values.slice(0, -1).join(', ')}${last}${values[values.length - 1]}`;
}

export const capitalized = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** The Action parameter's options, sorted by name as n8n lists them; values are ACTIONS' keys. */
export function actionOptions(): Array<{ name: string; value: ParticipantAction; description: string; action: string }> {
	return PARTICIPANT_ACTIONS.map((value) => {
		const { label, description, action } = actionSpec(value);
		return { name: label, value, description, action };
	}).sort((a, b) => a.name.localeCompare(b.name));
}

/** "70 000 for add, remove, promote and demote; 100 000 for approve and reject": the default Timeout, per action. */
export function defaultTimeoutText(marginMs: number): string {
	const byTimeout = new Map<number, string[]>();
	for (const action of PARTICIPANT_ACTIONS) {
		const ms = actionSpec(action).serverTimeoutMs + marginMs;
		byTimeout.set(ms, [...(byTimeout.get(ms) ?? []), action]);
	}
	const spaced = (ms: number) => String(ms).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
	const list = (names: string[]) => (names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);
	return [...byTimeout].map(([ms, names]) => `${spaced(ms)} for ${list(names)}`).join('; ');
}
