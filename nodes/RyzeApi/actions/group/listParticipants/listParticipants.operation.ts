/**
 * Operation "List Participants" (a read): GET /api/group/info/:instance?identifier=…&participants=true.
 * One Success item per member ({ jid, lid, phoneNumber, isAdmin, isSuperAdmin, group,
 * groupJid, groupName, instance }), optionally only admins or only non-admins. A member
 * entry that cannot be read becomes a Failure item saying why; none is dropped. Success
 * and Failure items have the same keys (`outputKeys`).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { failureOf } from '../../../helpers/errorCodes';
import { membersToItems, outputKeys, simplifiedOutputKeys, validateMemberRole, type MemberRole } from './items';
import { readGroupMembers } from '../../../readers/groupMembers';
import { READ_TIMEOUT_MS, readTimeout, validateGroup, validateInstance } from '../../../helpers/validation';
import { instancePath } from '../../../transport/http/request';
import { runPerItem, type PerItemOperation } from '../../runner';
import type { Subtitle } from '../../subtitle';
import { optionsFor, readTimeoutOption } from '../common.descriptions';
import { readSimplifyOf, simplifyFields } from '../simplify';

export const option: INodePropertyOptions = {
	name: 'List Participants',
	value: 'listParticipants',
	description:
		'List group members: one item each, with their JID, LID, phone number (when WhatsApp shares it) and whether they are admin or super-admin',
	action: 'List group participants',
};

export const subtitle: Subtitle = [{ text: 'list participants' }];

export const description: INodeProperties[] = [
	...simplifyFields(option.value as string),
	optionsFor(option.value as string, [
		{
			displayName: 'Role',
			name: 'role',
			type: 'options',
			options: [
				{ name: 'Admins Only', value: 'admins', description: 'Admins and super-admins' },
				{ name: 'All Members', value: 'all' },
				{ name: 'Non-Admins Only', value: 'nonAdmins', description: 'Plain members: neither admin nor super-admin' },
			],
			default: 'all',
			description: 'Which members to output. Entries RyzeAPI sent that cannot be read go to Failure whatever this says.',
		},
		readTimeoutOption,
	]),
];

/** The keys of every item, Success and Failure alike, in this order (items.ts builds the items), and of a simplified one. */
export { outputKeys, simplifiedOutputKeys };

interface Read {
	instance: string;
	group: string;
	role: MemberRole;
	timeoutMs: number;
}

const roleLabel = (role: MemberRole) => (role === 'admins' ? 'admins' : role === 'nonAdmins' ? 'non-admin members' : 'members');

const listParticipants: PerItemOperation<Read, (typeof outputKeys)[number]> = {
	name: 'listParticipants',
	kind: 'read',
	outputKeys,
	read: (ctx, itemIndex, settings) => {
		readSimplifyOf(ctx, itemIndex);
		const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			instance: validateInstance(ctx.getNodeParameter('instance', itemIndex, ''), settings.defaultInstance),
			group: validateGroup(ctx.getNodeParameter('group', itemIndex, '')),
			role: validateMemberRole(options.role),
			timeoutMs: readTimeout(options.timeout, READ_TIMEOUT_MS),
		};
	},
	request: ({ instance, group, timeoutMs }) => ({
		method: 'GET',
		path: instancePath('info', instance),
		qs: { identifier: group, participants: 'true' },
		timeoutMs,
	}),
	describe: ({ instance, group }) => `participants of group ${group} on instance ${instance}`,
	map: ({ instance, group, role }, statusCode, body) => {
		const members = readGroupMembers(body);
		if (!members.ok) return { failure: { ...failureOf('unexpected_response', members.reason, false), statusCode } };
		const out = membersToItems(members, role, { group, instance }, statusCode);
		const hints: string[] = [];
		const listed = members.members.length + members.unreadable.length;
		if (members.reportedCount !== null && members.reportedCount !== listed) {
			hints.push(`RyzeAPI reported ${members.reportedCount} participants in group ${group} but listed ${listed}.`);
		}
		if (out.success.length === 0 && out.failure.length === 0) hints.push(`No ${roleLabel(role)} listed in group ${group}.`);
		return { items: [...out.success, ...out.failure], hints };
	},
};

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, items, listParticipants);
}
