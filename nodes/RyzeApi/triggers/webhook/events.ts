/**
 * The RyzeAPI Trigger's events, in one table: what each one is stored as in saved
 * workflows (`value`, never changed), how the editor shows it, which trigger
 * versions can select it, and which payload forms produce it. The Events options,
 * the delivery readers (groupFlow.ts, instanceState.ts) and the RyzeAPI events the
 * webhook must subscribe to are all derived from it: an event cannot be selectable
 * without a form that produces it (test/unit/triggers/webhook/events.test.ts).
 *
 * Version rule (CONTRIBUTING.md): what a saved workflow of one trigger version
 * receives never changes. Version 1 reports every settings change as one `settings`
 * item and anything but group.flow as `unknown`; telling them apart is version 2.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

export const GROUP_FLOW_EVENT = 'group.flow';
export const INSTANCE_STATE_EVENT = 'instance.state';
/** A delivery none of the forms reads: always emitted, never selectable. */
export const UNKNOWN = 'unknown';

export const TRIGGER_VERSIONS = [1, 2] as const;
export type TriggerVersion = (typeof TRIGGER_VERSIONS)[number];

/** person: one change per person in a list; setting: one change per delivery; instance: instance.state. */
export type EventKind = 'person' | 'setting' | 'instance';

export interface TriggerEvent {
	/** Stored in saved workflows: never change it. */
	value: string;
	name: string;
	description: string;
	/** The RyzeAPI event that carries it (what the webhook must subscribe to). */
	ryzeEvent: string;
	kind: EventKind;
	/** The trigger versions where it can be selected. */
	versions: readonly TriggerVersion[];
	/** group.flow: the values of `type` (consumer style) or `action` (Baileys style) that produce it, lower case. */
	typeNames: readonly string[];
	/** group.flow, whatsmeow style (events.GroupInfo): the fields that produce it (a list of people, or a present setting). */
	whatsmeowFields: readonly string[];
	/** What version 1 reports it as, for an event that came after version 1. */
	inVersion1?: 'settings' | typeof UNKNOWN;
}

const V1_AND_LATER: readonly TriggerVersion[] = [1, 2];
const FROM_V2: readonly TriggerVersion[] = [2];

const person = (value: string, name: string, description: string, typeNames: string[], list: string): TriggerEvent => ({
	value,
	name,
	description,
	ryzeEvent: GROUP_FLOW_EVENT,
	kind: 'person',
	versions: V1_AND_LATER,
	typeNames,
	whatsmeowFields: [list],
});

const setting = (value: string, name: string, description: string, typeNames: string[], fields: string[]): TriggerEvent => ({
	value,
	name,
	description,
	ryzeEvent: GROUP_FLOW_EVENT,
	kind: 'setting',
	versions: FROM_V2,
	typeNames,
	whatsmeowFields: fields,
	inVersion1: 'settings',
});

export const TRIGGER_EVENTS: readonly TriggerEvent[] = [
	person('joined', 'Joined', 'Someone joined or was added', ['joined', 'join', 'add', 'added'], 'Join'),
	person('left', 'Left', 'Someone left or was removed', ['left', 'leave', 'remove', 'removed'], 'Leave'),
	person('promoted', 'Promoted', 'A member became an admin', ['promoted', 'promote'], 'Promote'),
	person('demoted', 'Demoted', 'An admin became a plain member', ['demoted', 'demote'], 'Demote'),
	{
		// Version 1's one settings event: every settings change below, as one item per delivery.
		value: 'settings',
		name: 'Group Settings Changed',
		description: 'Name, description, announce, locked, invite link…',
		ryzeEvent: GROUP_FLOW_EVENT,
		kind: 'setting',
		versions: [1],
		typeNames: [],
		whatsmeowFields: [],
	},
	setting('subject', 'Group Subject Changed', "The group's name changed", ['name', 'subject'], ['Name']),
	setting('description', 'Group Description Changed', "The group's description changed", ['topic', 'description'], ['Topic']),
	setting(
		'announce',
		'Group Announcement Setting Changed',
		'Only admins can send messages was turned on or off',
		['announce'],
		['Announce'],
	),
	setting(
		'locked',
		'Group Info Lock Changed',
		"Only admins can edit the group's info was turned on or off",
		['locked', 'restrict'],
		['Locked'],
	),
	setting('inviteLink', 'Group Invite Link Changed', 'The invite link was reset', ['invite_link'], ['NewInviteLink']),
	setting(
		'otherSettings',
		'Other Group Settings Changed',
		'Disappearing messages, join approval, community link or unlink, group deleted',
		['ephemeral', 'membership_approval_mode', 'link', 'unlink', 'delete', 'settings'],
		['Ephemeral', 'MembershipApprovalMode', 'Link', 'Unlink', 'Delete'],
	),
	{
		value: 'instanceState',
		name: 'Instance State Changed',
		description: 'The instance connected, needs a QR scan, was banned for a while or logged out (RyzeAPI instance.state)',
		ryzeEvent: INSTANCE_STATE_EVENT,
		kind: 'instance',
		versions: FROM_V2,
		typeNames: [],
		whatsmeowFields: [],
		inVersion1: UNKNOWN,
	},
];

/** The four participant events: the Events default in every version. */
export const DEFAULT_EVENTS = TRIGGER_EVENTS.filter((event) => event.kind === 'person').map((event) => event.value);

function latestVersion(): TriggerVersion {
	return TRIGGER_VERSIONS[TRIGGER_VERSIONS.length - 1];
}

/** The node's version as one of the trigger's (a saved workflow's typeVersion; anything unknown reads as the latest). */
export function triggerVersion(typeVersion: unknown): TriggerVersion {
	const found = TRIGGER_VERSIONS.find((version) => version === typeVersion);
	return found ?? latestVersion();
}

function selectableEvents(version: TriggerVersion): TriggerEvent[] {
	return TRIGGER_EVENTS.filter((event) => event.versions.includes(version));
}

/** The Events options of one version, sorted by name as n8n's lint wants. */
export function eventOptions(version: TriggerVersion): INodePropertyOptions[] {
	return selectableEvents(version)
		.map(({ name, value, description }) => ({ name, value, description }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The Events parameter as the values this version can select (unknown ones dropped);
 * nothing selected, or not a list, is the default.
 */
export function readSelected(value: unknown, version: TriggerVersion): string[] {
	if (!Array.isArray(value) || value.length === 0) return DEFAULT_EVENTS;
	const selectable = new Set(selectableEvents(version).map((event) => event.value));
	return value.filter((entry): entry is string => typeof entry === 'string' && selectable.has(entry));
}

/**
 * The RyzeAPI events the webhook registration must subscribe to for a node of this
 * version with these Events selected: group.flow always (version 1 registered only it,
 * and its `unknown` items come from it), plus the event of every selected one.
 */
export function webhookEventsFor(version: TriggerVersion, selected: unknown): string[] {
	const values = new Set(readSelected(selected, version));
	const events = new Set([GROUP_FLOW_EVENT]);
	for (const event of selectableEvents(version)) if (values.has(event.value)) events.add(event.ryzeEvent);
	return [...events];
}
