/**
 * What the group writes share (Reset Invite Link, Update Group, Create Group, Join
 * Group, Leave Group): reading Instance, Group and Timeout; the four group settings
 * (Update Group's fields, Create Group's Additional Fields) and reading a true/false;
 * the Retry on Server Errors option of the two that may be resent; the failure of a
 * 2xx that does not confirm the write.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { failureOf } from '../../helpers/errorCodes';
import { InputError } from '../../helpers/inputError';
import type { CallFailure } from '../../helpers/types';
import { READ_TIMEOUT_MS, readTimeout, validateGroup, validateInstance } from '../../helpers/validation';
import type { RunSettings } from '../run';

export interface GroupTarget {
	instance: string;
	group: string;
	timeoutMs: number;
}

/** The four group settings, as the node and RyzeAPI's `groupSettings` both name them. */
export const SETTINGS = [
	{
		name: 'membersCanEditInfo',
		displayName: 'Members Can Edit Info',
		description: "Whether members who are not admins may change the group's name, description and picture",
	},
	{
		name: 'membersCanSendMessages',
		displayName: 'Members Can Send Messages',
		description: 'Whether members who are not admins may send messages (off: only admins send, an announcement group)',
	},
	{
		name: 'membersCanAddOthers',
		displayName: 'Members Can Add Others',
		description: 'Whether members who are not admins may add people to the group',
	},
	{
		name: 'requireAdminApproval',
		displayName: 'Require Admin Approval',
		description: 'Whether people who join by invite link wait for an admin to approve them (see List Join Requests)',
	},
] as const;

/** The settings as boolean parameters of a collection (Update Group's Update Fields, Create Group's Additional Fields). */
export const settingFields: INodeProperties[] = SETTINGS.map((setting) => ({
	displayName: setting.displayName,
	name: setting.name,
	type: 'boolean',
	default: false,
	description: setting.description,
}));

/** Collection options in the order n8n's lint asks for: by display name. */
export function byDisplayName(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The options of an item (an expression may give anything: only an object is read). */
export function itemOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const options: unknown = ctx.getNodeParameter('options', itemIndex, {});
	return typeof options === 'object' && options !== null && !Array.isArray(options) ? (options as IDataObject) : {};
}

/** Instance, Group and Options → Timeout of an operation on one group. */
export function readGroupTarget(ctx: IExecuteFunctions, itemIndex: number, settings: RunSettings): GroupTarget {
	return {
		instance: validateInstance(ctx.getNodeParameter('instance', itemIndex, ''), settings.defaultInstance),
		group: validateGroup(ctx.getNodeParameter('group', itemIndex, '')),
		timeoutMs: readTimeout(itemOptions(ctx, itemIndex).timeout, READ_TIMEOUT_MS),
	};
}

/** Options → Retry on Server Errors, for a write RyzeAPI documents as harmless to repeat. */
export function retryOnServerErrorsOption(why: string): INodeProperties {
	return {
		displayName: 'Retry on Server Errors',
		name: 'retryOnServerErrors',
		type: 'boolean',
		default: false,
		description: `Whether to send the call again (up to twice) after a timeout, a dropped connection or a 5xx, when it may already have been processed. ${why} Off by default.`,
	};
}

/**
 * A 2xx that does not confirm the write: it may have been done, so it is a Failure
 * with `outcomeUnknown: true`, saying what to check before running again.
 */
export function unconfirmed(statusCode: number, reason: string, check: string): CallFailure {
	return { ...failureOf('unexpected_response', `${reason}. ${check}`, true), statusCode };
}

/** How a refused value is shown in an error: short, whatever it was. */
export function shown(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : String(value);
}

/** true or false from the toggle or an expression ("true"/"false"); anything else is refused, naming the field. */
export function readFlag(value: unknown, field: string): boolean {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	throw new InputError(
		field,
		`${field} must be true or false, but ${shown(value)} was given`,
		`Switch ${field} on or off, or make its expression give true or false`,
	);
}
