/**
 * Create Group's parameters and what an item asks for: the name, the people (parsed
 * exactly as Manage Participants parses them, helpers/participants.ts) and the
 * Additional Fields, as the body of POST /api/group/create.
 *
 * An entry that can never be a participant (letters, a group JID…) is not sent and
 * comes back in `notAdded` with its reason, as Manage Participants makes it a Failure
 * item while the rest goes ahead: the group is still created for the others. When no
 * entry is usable there is nobody to create the group with, so the item is refused
 * (RyzeAPI needs at least one participant) and nothing is sent.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../helpers/inputError';
import { parseParticipants, type Participant, type RejectedParticipant } from '../../../helpers/participants';
import { byDisplayName, readFlag, settingFields, SETTINGS, shown } from '../writes';
import { participantsField } from '../common.descriptions';

const show = { operation: ['createGroup'] };

/**
 * What a create waits when Options → Timeout is 0. Not documented; WhatsApp adds each
 * person as an add would, and RyzeAPI gives an add up to 60 s: a create cut short
 * would be an unknown outcome for a call that is never resent, so the wait is an add's
 * plus a margin.
 */
export const GROUP_CREATE_TIMEOUT_MS = 70_000;

/** Options → Timeout of Create Group (0 = GROUP_CREATE_TIMEOUT_MS). */
export const createTimeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description: `How long to wait for RyzeAPI, in milliseconds, the whole answer included. 0 uses ${GROUP_CREATE_TIMEOUT_MS} (WhatsApp adds each person as it creates the group).`,
};

export const parameters: INodeProperties[] = [
	{
		displayName: 'Group Name',
		name: 'groupName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Customers 2025',
		displayOptions: { show },
		description: "The new group's name (subject)",
	},
	participantsField(
		'createGroup',
		"Who to put in the group: phone numbers with country code (5511999999999, +55 11 99999-9999), JIDs (5511999999999@s.whatsapp.net) or LIDs (199789077627112@lid), separated by commas, semicolons, new lines or spaces. An expression may return a list of numbers, JIDs or objects that have a phone or jid. The instance becomes the group's super admin.",
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: byDisplayName([
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: "The new group's description",
			},
			...settingFields,
		]),
	},
];

export interface CreateRequest {
	name: string;
	/** The people sent, in order, as Manage Participants sends them. */
	participants: Participant[];
	/** Entries that can never be participants: not sent, reported in `notAdded`. */
	rejected: RejectedParticipant[];
	extras: IDataObject;
}

function groupName(value: unknown): string {
	const name = typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
	if (name === null) {
		throw new InputError('Group Name', `Group Name must be text, but ${shown(value)} was given`, "Enter the new group's name as text");
	}
	// WhatsApp's subject limit is not documented for groups (Create: "Max length [NOT FOUND]"): RyzeAPI decides.
	if (name === '') throw new InputError('Group Name', 'Group Name is empty', "Enter the new group's name, e.g. Customers 2025");
	return name;
}

/** Additional Fields → the body's `description` and `groupSettings` (only the fields added). */
function extras(value: unknown): IDataObject {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
	const fields = value as IDataObject;
	const has = (key: string) => Object.prototype.hasOwnProperty.call(fields, key) && fields[key] !== undefined;
	const body: IDataObject = {};
	if (has('description')) {
		if (typeof fields.description !== 'string') {
			throw new InputError(
				'Description',
				`Description must be text, but ${shown(fields.description)} was given`,
				'Enter the description as text',
			);
		}
		if (fields.description !== '') body.description = fields.description;
	}
	const groupSettings: IDataObject = {};
	for (const setting of SETTINGS) if (has(setting.name)) groupSettings[setting.name] = readFlag(fields[setting.name], setting.displayName);
	if (Object.keys(groupSettings).length > 0) body.groupSettings = groupSettings;
	return body;
}

/** What an item asks for; an InputError names the field when it cannot be sent. */
export function readCreate(read: { groupName: unknown; participants: unknown; additionalFields: unknown }): CreateRequest {
	const name = groupName(read.groupName);
	const { participants, rejected } = parseParticipants(read.participants);
	if (participants.length === 0) {
		const first = rejected[0];
		throw new InputError(
			'Participants',
			`None of the ${rejected.length} entries is a valid participant (${JSON.stringify(first.input)}: ${first.reason})`,
			'A group is created with at least one person: enter phone numbers with country code (e.g. 5511999999999), JIDs or LIDs',
		);
	}
	return { name, participants, rejected, extras: extras(read.additionalFields) };
}
