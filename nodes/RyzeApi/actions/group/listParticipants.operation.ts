/**
 * Operation "List Participants": GET /api/group/info/:instance?identifier=…&participants=true.
 * One Success item per member ({ jid, lid, phoneNumber, isAdmin, isSuperAdmin, group,
 * groupJid, groupName, instance }), optionally only admins or only non-admins. A member
 * entry that cannot be read becomes a Failure item saying why; none is dropped.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { howToFix } from '../../helpers/errorCodes';
import { memberFailureJson, membersToItems, readGroupMembers, validateMemberRole, type MemberRole } from '../../helpers/groupInfo';
import type { CallFailure } from '../../helpers/types';
import { ValidationError, validateGroup, validateInstance } from '../../helpers/validation';
import { instancePath, type ApiOutcome } from '../../transport';
import { callFailureError, createSender, logRun, readOptionsOnce, readRunSettings } from '../common';

const show = { operation: ['listParticipants'] };

export const READ_TIMEOUT_MS = 30_000;

export const description: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
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
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: `How long to wait for RyzeAPI, in milliseconds. 0 uses ${READ_TIMEOUT_MS}.`,
			},
		],
	},
];

interface ReadItem {
	instance: string;
	group: string;
	role: MemberRole;
	timeoutMs: number;
}

function readItem(ctx: IExecuteFunctions, itemIndex: number, defaultInstance: string): ReadItem {
	const instance = validateInstance(ctx.getNodeParameter('instance', itemIndex, '', { extractValue: true }), defaultInstance);
	const group = validateGroup(ctx.getNodeParameter('group', itemIndex, '', { extractValue: true }));
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const role = validateMemberRole(options.role);
	const value = options.timeout;
	let timeoutMs = READ_TIMEOUT_MS;
	if (!(value === undefined || value === null || value === '' || value === 0)) {
		if (typeof value !== 'number' || !Number.isInteger(value) || value < 1000 || value > 600_000) {
			throw new ValidationError('Timeout', `Timeout "${String(value)}" is outside 1000–600000 ms`, `Leave it at 0 for ${READ_TIMEOUT_MS} ms, or enter e.g. 60000`);
		}
		timeoutMs = value;
	}
	return { instance, group, role, timeoutMs };
}

/**
 * The transport's outcome as the body of a 2xx, or the call's failure. The one place
 * that knows the outcome's shape.
 */
function answerOf(outcome: ApiOutcome): { ok: true; statusCode: number; body: unknown } | { ok: false; failure: CallFailure } {
	if (!outcome.ok) return { ok: false, failure: outcome.failure };
	return { ok: true, statusCode: outcome.statusCode, body: outcome.body };
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const settings = await readRunSettings(this);
	const sender = createSender(this, settings, readOptionsOnce(this));
	const continueOnFail = this.continueOnFail();
	const success: INodeExecutionData[] = [];
	const failure: INodeExecutionData[] = [];
	const hints: string[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let read: ReadItem;
		try {
			read = readItem(this, itemIndex, settings.defaultInstance);
		} catch (error) {
			if (!(error instanceof ValidationError)) throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			const message = `${error.field}: ${error.message} [item ${itemIndex}]`;
			if (!continueOnFail) throw new NodeOperationError(this.getNode(), message, { description: error.hint, itemIndex });
			failure.push({
				json: settings.redact(memberFailureJson({ group: null, instance: null }, { errorCode: 'invalid_parameter', message: `${message}. ${error.hint}`, statusCode: null, outcomeUnknown: false }) as IDataObject),
				pairedItem: { item: itemIndex },
			});
			continue;
		}
		const { instance, group, role, timeoutMs } = read;

		const answer = answerOf(
			await sender.send({ method: 'GET', path: instancePath('info', instance), qs: { identifier: group, participants: 'true' }, timeoutMs }, 'always'),
		);
		let callFailure: CallFailure;
		if (answer.ok) {
			const members = readGroupMembers(answer.body);
			if (members.ok) {
				const out = membersToItems(members, role, { group, instance }, answer.statusCode);
				for (const json of out.success) success.push({ json: settings.redact(json as IDataObject), pairedItem: { item: itemIndex } });
				for (const json of out.failure) failure.push({ json: settings.redact(json as IDataObject), pairedItem: { item: itemIndex } });
				const listed = members.members.length + members.unreadable.length;
				if (members.reportedCount !== null && members.reportedCount !== listed) {
					hints.push(`RyzeAPI reported ${members.reportedCount} participants in group ${group} but listed ${listed}.`);
				}
				if (out.success.length === 0 && out.failure.length === 0) {
					hints.push(`No ${role === 'admins' ? 'admins' : role === 'nonAdmins' ? 'non-admin members' : 'members'} listed in group ${group}.`);
				}
				continue;
			}
			callFailure = { errorCode: 'unexpected_response', message: members.reason, description: howToFix('unexpected_response'), statusCode: answer.statusCode, outcomeUnknown: false };
		} else {
			callFailure = answer.failure;
		}
		if (!continueOnFail) {
			throw callFailureError(this, callFailure, `item ${itemIndex}: participants of group ${group} on instance ${instance}`, itemIndex, settings.redact);
		}
		failure.push({ json: settings.redact(memberFailureJson({ group, instance }, callFailure) as IDataObject), pairedItem: { item: itemIndex } });
	}

	if (hints.length > 0 && typeof this.addExecutionHints === 'function') {
		this.addExecutionHints(...hints.slice(0, 5).map((message) => ({ message, location: 'outputPane' as const })));
	}
	logRun(this, 'listParticipants', items.length, sender);
	return settings.toolMode ? [[...success, ...failure], []] : [success, failure];
}
