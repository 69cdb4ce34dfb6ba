/**
 * Update Group's Update Fields collection: its parameters, and the body it makes.
 * Only the fields added are sent, `groupSettings` included (a setting not added is
 * not sent), so nothing changes by accident: RyzeAPI updates "any subset of group
 * fields", and inside `groupSettings` only the keys sent (test/contract/ryzeapi.groupAdmin.ts).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../helpers/inputError';
import { byDisplayName, readFlag, settingFields, SETTINGS, shown } from '../writes';

export const updateFieldsProperty: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	displayOptions: { show: { operation: ['updateGroup'] } },
	description: 'Only the fields added here are changed; everything else stays as it is',
	options: byDisplayName([
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: "The group's new description. Empty clears it.",
		},
		...settingFields,
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: "The group's new name (subject)",
		},
		{
			displayName: 'Picture URL',
			name: 'pictureUrl',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/logo.png',
			description: 'A public http(s) address of the new group picture',
		},
		{
			displayName: 'Remove Picture',
			name: 'removePicture',
			type: 'boolean',
			default: false,
			description: "Whether to remove the group's picture",
		},
	]),
};

/** What an item asks to change: the body's fields, and the same by the node's field names for the item. */
export interface Update {
	body: IDataObject;
	/** `{ name: 'New name', membersCanSendMessages: false }`: only what was added. */
	updated: IDataObject;
}

function text(value: unknown, field: string): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw new InputError(field, `${field} must be text, but ${shown(value)} was given`, `Enter the ${field.toLowerCase()} as text`);
}

function pictureUrl(value: unknown): string {
	const url = text(value, 'Picture URL').trim();
	let parsed: URL | null = null;
	try {
		parsed = new URL(url);
	} catch {
		// Not a URL: refused below.
	}
	if (parsed === null || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
		throw new InputError(
			'Picture URL',
			url === '' ? 'Picture URL is empty' : `Picture URL ${shown(url)} is not an http(s) address`,
			'Give a public address of the picture, e.g. https://example.com/logo.png, or remove the field to keep the current picture',
		);
	}
	return url;
}

/**
 * Reads the Update Fields of an item. Nothing to change (no field added, or only Remove
 * Picture off) is refused before any call: RyzeAPI needs "at least one field beyond identifier".
 */
export function readUpdate(value: unknown): Update {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new InputError(
			'Update Fields',
			`Update Fields must be a collection, but ${shown(value)} was given`,
			'Add the fields to change under Update Fields',
		);
	}
	const fields = value as IDataObject;
	const has = (key: string) => Object.prototype.hasOwnProperty.call(fields, key) && fields[key] !== undefined;
	const body: IDataObject = {};
	const updated: IDataObject = {};
	if (has('name')) {
		const name = text(fields.name, 'Name').trim();
		if (name === '') {
			throw new InputError(
				'Name',
				'Name is empty',
				'A group needs a name: enter the new name, or remove the Name field to keep the current one',
			);
		}
		body.name = updated.name = name;
	}
	// An empty description is sent: RyzeAPI clears the description on "" ("treated explicitly as remove").
	if (has('description')) body.description = updated.description = text(fields.description, 'Description');
	const removePicture = has('removePicture') && readFlag(fields.removePicture, 'Remove Picture');
	if (has('pictureUrl')) {
		if (removePicture) {
			throw new InputError(
				'Remove Picture',
				'Remove Picture is on while a Picture URL is given',
				'Keep one: the Picture URL to set a new picture, or Remove Picture to remove it',
			);
		}
		body.image = updated.pictureUrl = pictureUrl(fields.pictureUrl);
	}
	// Remove Picture off asks for nothing, so it sends nothing.
	if (removePicture) body.removeImage = updated.removePicture = true;
	const groupSettings: IDataObject = {};
	for (const setting of SETTINGS) {
		if (has(setting.name)) groupSettings[setting.name] = updated[setting.name] = readFlag(fields[setting.name], setting.displayName);
	}
	if (Object.keys(groupSettings).length > 0) body.groupSettings = groupSettings;
	if (Object.keys(body).length === 0) {
		throw new InputError(
			'Update Fields',
			'Nothing to update: no field to change was added',
			'Add at least one field under Update Fields (Name, Description, Picture URL, Remove Picture or a setting); nothing was sent',
		);
	}
	return { body, updated };
}
