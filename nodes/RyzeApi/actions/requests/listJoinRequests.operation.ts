/**
 * Operation "List Join Requests": GET /api/group/requests/:instance?identifier=…
 * One Success item per pending request ({ jid (the LID), phoneNumber, requestedAt,
 * group, instance }), ready to be matched and passed to Approve or Reject.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { failureOf } from '../../helpers/errorCodes';
import { readJoinRequests } from '../../helpers/groupLinks';
import type { CallFailure } from '../../helpers/types';
import { ValidationError, validateGroup, validateInstance } from '../../helpers/validation';
import { instancePath } from '../../transport';
import { callFailureError, createSender, failureJson, logRun, readOptionsOnce, readRunSettings } from '../common';

const show = { operation: ['listJoinRequests'] };

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

function readTimeout(ctx: IExecuteFunctions, itemIndex: number): number {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const value = options.timeout;
	if (value === undefined || value === null || value === '' || value === 0) return READ_TIMEOUT_MS;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1000 || value > 600_000) {
		throw new ValidationError('Timeout', `Timeout "${String(value)}" is outside 1000–600000 ms`, `Leave it at 0 for ${READ_TIMEOUT_MS} ms, or enter e.g. 60000`);
	}
	return value;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const settings = await readRunSettings(this);
	const sender = createSender(this, settings, readOptionsOnce(this));
	const continueOnFail = this.continueOnFail();
	const success: INodeExecutionData[] = [];
	const failure: INodeExecutionData[] = [];
	const emptyGroups: string[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let instance: string;
		let group: string;
		let timeoutMs: number;
		try {
			instance = validateInstance(this.getNodeParameter('instance', itemIndex, ''), settings.defaultInstance);
			group = validateGroup(this.getNodeParameter('group', itemIndex, ''));
			timeoutMs = readTimeout(this, itemIndex);
		} catch (error) {
			if (!(error instanceof ValidationError)) throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			const message = `${error.field}: ${error.message} [item ${itemIndex}]`;
			if (!continueOnFail) throw new NodeOperationError(this.getNode(), message, { description: error.hint, itemIndex });
			failure.push({
				json: failureJson({ group: null, instance: null }, { errorCode: 'invalid_parameter', message: `${message}. ${error.hint}`, statusCode: null, outcomeUnknown: false }),
				pairedItem: { item: itemIndex },
			});
			continue;
		}

		const outcome = await sender.send(
			{ method: 'GET', path: instancePath('requests', instance), qs: { identifier: group }, timeoutMs },
			'always',
		);
		let callFailure: CallFailure;
		if (!outcome.ok) {
			callFailure = outcome.failure;
		} else {
			const read = readJoinRequests(outcome.body);
			if (!read.ok) {
				callFailure = { ...failureOf('unexpected_response', read.reason, false), statusCode: outcome.statusCode };
			} else {
				if (read.requests.length === 0) emptyGroups.push(group);
				for (const request of read.requests) {
					success.push({
						json: settings.redact({ success: true, ...request, group, groupJid: read.groupJid, instance }),
						pairedItem: { item: itemIndex },
					});
				}
				continue;
			}
		}
		if (!continueOnFail) {
			throw callFailureError(this, callFailure, `item ${itemIndex}: join requests of group ${group} on instance ${instance}`, itemIndex, settings.redact);
		}
		failure.push({ json: settings.redact(failureJson({ group, instance }, callFailure)), pairedItem: { item: itemIndex } });
	}

	if (emptyGroups.length > 0 && typeof this.addExecutionHints === 'function') {
		this.addExecutionHints({
			message: `No pending join requests in ${emptyGroups.length === 1 ? `group ${emptyGroups[0]}` : `${emptyGroups.length} groups`}. The queue is empty, or the group does not require admin approval.`,
			location: 'outputPane',
		});
	}
	logRun(this, 'listJoinRequests', items.length, sender);
	return settings.toolMode ? [[...success, ...failure], []] : [success, failure];
}
