/**
 * Operation "Manage Participants": POST /api/group/participants/:instance.
 * Exports the operation's parameters (`description`) and its `execute`.
 *
 * Flow: read and validate every item → plan calls → send each call → match the
 * per-participant results → one output item per participant, Success or Failure.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { interpretParticipantsAnswer } from '../../helpers/participantsAnswer';
import { ResultCollector, resultJson, type ParticipantResultJson } from '../../helpers/items';
import { ParticipantsInputError, parseParticipants } from '../../helpers/participants';
import { planCalls } from '../../helpers/plan';
import type { ParticipantRequest } from '../../helpers/types';
import { ValidationError, validateAction, validateGroup, validateInstance, validateTimeout } from '../../helpers/validation';
import { callFailureError, createSender, failItem, logRun, readOptionsOnce, readRunSettings, type RunSettings } from '../common';
import { InviteLinks, LinkResets } from './followUps';

const show = { operation: ['manageParticipants'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Action',
		name: 'action',
		type: 'options',
		noDataExpression: false,
		displayOptions: { show },
		options: [
			{
				name: 'Add',
				value: 'add',
				description:
					'Add people to the group. Needs the instance to be a group admin. People whose privacy settings block adds come back on Failure as privacy_blocked.',
				action: 'Add participants to a group',
			},
			{
				name: 'Approve Join Request',
				value: 'approve',
				description:
					'Approve pending join requests. Needs admin, and only works in groups where admin approval is on. Pass the LID from List Join Requests, or the phone number.',
				action: 'Approve join requests',
			},
			{
				name: 'Demote',
				value: 'demote',
				description: 'Turn admins back into plain members. Needs the instance to be a super-admin (the creator, or promoted by one).',
				action: 'Demote admins to members',
			},
			{
				name: 'Promote',
				value: 'promote',
				description: 'Make members admins. Needs the instance to be a super-admin (the creator, or promoted by one).',
				action: 'Promote members to admin',
			},
			{
				name: 'Reject Join Request',
				value: 'reject',
				description:
					'Reject pending join requests. Needs admin, and only works in groups where admin approval is on. Pass the LID from List Join Requests, or the phone number.',
				action: 'Reject join requests',
			},
			{
				name: 'Remove',
				value: 'remove',
				description:
					'Remove people from the group. Needs the instance to be a group admin. They can rejoin through the invite link unless it is reset.',
				action: 'Remove participants from a group',
			},
		],
		default: 'add',
		description:
			'What to do with the participants. From an expression, the value must be one of add, remove, promote, demote, approve or reject.',
	},
	{
		displayName: 'Participants',
		name: 'participants',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		displayOptions: { show },
		default: '',
		placeholder: '5511999999999, 5521988888888',
		description:
			'Who to act on: phone numbers with country code (5511999999999, +55 11 99999-9999), JIDs (5511999999999@s.whatsapp.net) or LIDs (199789077627112@lid), separated by commas, semicolons, new lines or spaces. An expression may return a list of numbers, JIDs or objects that have a phone or jid. Each participant becomes one output item.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Attach Invite Link When Privacy Blocks the Add',
				name: 'attachInviteLink',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '/action': ['add'] } },
				description:
					'Whether to put the group\'s invite link (inviteLink) on participants whose privacy settings refused the add, so the next node can send it to them. Costs one extra call per group, only when an add was blocked.',
			},
			{
				displayName: 'Batching',
				name: 'batching',
				placeholder: 'Add Batching',
				type: 'fixedCollection',
				typeOptions: { multipleValues: false },
				default: { batch: {} },
				description:
					'How input items become API calls. RyzeAPI allows 100 calls per minute per token, so a burst of items is combined into few calls.',
				options: [
					{
						displayName: 'Batching',
						name: 'batch',
						values: [
							{
								displayName: 'Batch Interval (Ms)',
								name: 'batchInterval',
								type: 'number',
								typeOptions: { minValue: 0 },
								default: 0,
								description: 'Pause between calls, in milliseconds. 0 sends the next call as soon as the rate limit allows.',
							},
							{
								displayName: 'Batch Size',
								name: 'batchSize',
								type: 'number',
								typeOptions: { minValue: 1, maxValue: 1024 },
								default: 100,
								description:
									'Most participants per call (1–1024, a WhatsApp group holds at most 1024). 100 turns a burst of 500 single-person items into 5 calls, and keeps each call well within the 60 s WhatsApp needs for it.',
							},
							{
								displayName: 'Combine Across Executions',
								name: 'combineAcrossExecutions',
								type: 'boolean',
								default: true,
								description:
									'Whether to join this call with the calls of other executions running at the same moment for the same instance, group and action (e.g. one webhook per CRM contact). Each execution still gets only its own participants\' items. Off: the call goes alone, but still waits its turn on the token\'s shared rate limit.',
							},
							{
								displayName: 'Combine Items',
								name: 'combineItems',
								type: 'boolean',
								default: true,
								description:
									'Whether to combine the participants of all items that share instance, group and action into the same calls. Off: one call per input item (split at Batch Size).',
							},
						],
					},
				],
			},
			{
				displayName: 'Max Wait on Rate Limit (Ms)',
				name: 'rateLimitMaxWait',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 65000,
				description:
					'When RyzeAPI answers 429 (the call was not processed), wait until its limit resets and send the call again, for at most this long in total. Past it, the participants go to Failure as rate_limited.',
			},
			{
				displayName: 'Requests to Keep in Reserve',
				name: 'reserveRequests',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 99 },
				default: 0,
				description:
					'Calls per rate-limit window to leave unused, for other workflows that share the token. The node waits for the next window instead.',
			},
			{
				displayName: 'Reset Invite Link After Removal',
				name: 'resetInviteLink',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '/action': ['remove'] } },
				description:
					'Whether to revoke the group\'s invite link after successful removals (once per group), so removed people cannot rejoin through the old link. The new inviteCode and inviteLink go on the removed participants\' items.',
			},
			{
				displayName: 'Retry on Server Errors',
				name: 'retryOnServerErrors',
				type: 'boolean',
				default: false,
				description:
					'Whether to send a call again (up to twice) after a timeout, a dropped connection or a 5xx. Off by default: such a call may already have been processed, and adding or removing twice is not harmless.',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'How long to wait for RyzeAPI, in milliseconds. 0 uses the action\'s own limit plus a margin: 70 000 for add, remove, promote and demote; 100 000 for approve and reject.',
			},
		],
	},
];

interface ReadRequest {
	request: ParticipantRequest;
}

/** Reads, validates and normalizes one input item. Throws ValidationError or ParticipantsInputError. */
function readRequest(ctx: IExecuteFunctions, itemIndex: number, settings: RunSettings): ReadRequest {
	const instance = validateInstance(ctx.getNodeParameter('instance', itemIndex, ''), settings.defaultInstance);
	const group = validateGroup(ctx.getNodeParameter('group', itemIndex, ''));
	const action = validateAction(ctx.getNodeParameter('action', itemIndex, 'add'));
	const { participants, rejected } = parseParticipants(ctx.getNodeParameter('participants', itemIndex, ''));
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const timeoutMs = validateTimeout(options.timeout, action);
	const attachInviteLink = action === 'add' && options.attachInviteLink === true;
	const resetInviteLink = action === 'remove' && options.resetInviteLink === true;
	return { request: { itemIndex, instance, group, action, participants, rejected, timeoutMs, attachInviteLink, resetInviteLink } };
}

/**
 * What the run's earlier calls already did, for the error that stops the run: a
 * user who gets an error must know that people were already added (or removed).
 */
class RunProgress {
	private processed = 0;
	private succeeded = 0;
	private readonly shown: string[] = [];

	note(participants: Array<{ value: string }>, outcomes: Array<{ success: boolean; outcomeUnknown?: boolean }>): void {
		outcomes.forEach((outcome, slot) => {
			if (outcome.outcomeUnknown) return;
			this.processed++;
			if (!outcome.success) return;
			this.succeeded++;
			if (this.shown.length < 10) this.shown.push(participants[slot].value);
		});
	}

	describe(): string {
		if (this.processed === 0) return '';
		const more = this.succeeded > this.shown.length ? ` and ${this.succeeded - this.shown.length} more` : '';
		const list = this.succeeded > 0 ? `: ${this.shown.join(', ')}${more}` : '';
		return (
			` Earlier calls of this run already processed ${this.processed} participant(s), ${this.succeeded} of them successfully${list}.` +
			' Turn on Settings → On Error → Continue (using error output) to get one item per participant instead of this error.'
		);
	}
}

function describeItems(itemIndexes: number[]): string {
	const shown = itemIndexes.slice(0, 10).join(', ');
	const more = itemIndexes.length > 10 ? ` and ${itemIndexes.length - 10} more` : '';
	return itemIndexes.length === 1 ? `item ${shown}` : `items ${shown}${more}`;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const settings = await readRunSettings(this);
	const continueOnFail = this.continueOnFail();
	const collector = new ResultCollector(items.length);
	const requests: ParticipantRequest[] = [];
	const runOptions = readOptionsOnce(this);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let read: ReadRequest;
		try {
			read = readRequest(this, itemIndex, settings);
		} catch (error) {
			if (!(error instanceof ValidationError) && !(error instanceof ParticipantsInputError)) {
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
			const field = error instanceof ValidationError ? error.field : 'Participants';
			const hint = error.hint;
			const operationError = new NodeOperationError(this.getNode(), `${field}: ${error.message} [item ${itemIndex}]`, {
				description: hint,
				itemIndex,
			});
			if (!continueOnFail) throw operationError;
			failItem(this, collector, itemIndex, operationError.message, hint);
			continue;
		}
		const { request } = read;
		for (const rejected of request.rejected) {
			collector.add(
				itemIndex,
				resultJson(request, { value: null, input: rejected.input }, {
					success: false,
					jid: null,
					error: `Not a valid participant: ${rejected.reason}`,
					errorCode: 'invalid_participant',
					statusCode: null,
					raw: null,
				}),
			);
		}
		requests.push(request);
	}

	const calls = planCalls(requests, runOptions.batching);
	const sender = createSender(this, settings, runOptions);
	const inviteLinks = new InviteLinks(sender);
	const linkResets = new LinkResets(sender);
	const byItem = new Map(requests.map((request) => [request.itemIndex, request]));
	const asked = (itemIndex: number, flag: 'attachInviteLink' | 'resetInviteLink') => byItem.get(itemIndex)?.[flag] === true;
	const progress = new RunProgress();
	for (const call of calls) {
		const answer = await sender.sendParticipants(call);
		const result = answer.ok ? interpretParticipantsAnswer(answer.statusCode, answer.body, answer.sent, call.action, call.participants) : answer;
		if (!result.ok) {
			if (!continueOnFail) {
				const where = `${describeItems(call.itemIndexes)}: ${call.action} in group ${call.group} on instance ${call.instance}`;
				throw callFailureError(this, result.failure, where, call.itemIndexes[0], settings.redact, progress.describe());
			}
			for (const member of call.members) {
				collector.add(
					member.itemIndex,
					resultJson(call, { value: call.participants[member.slot].value, input: member.participant.input }, {
						success: false,
						jid: null,
						error: result.failure.message,
						errorCode: result.failure.errorCode,
						statusCode: result.failure.statusCode,
						raw: null,
						outcomeUnknown: result.failure.outcomeUnknown,
					}),
					member.participant.position,
				);
			}
			continue;
		}
		progress.note(call.participants, result.outcomes);
		const blocked: ParticipantResultJson[] = [];
		const removed: ParticipantResultJson[] = [];
		for (const member of call.members) {
			const json = resultJson(
				{ ...call, groupJid: result.groupJid },
				{ value: call.participants[member.slot].value, input: member.participant.input },
				result.outcomes[member.slot],
			);
			collector.add(member.itemIndex, json, member.participant.position);
			if (json.errorCode === 'privacy_blocked' && asked(member.itemIndex, 'attachInviteLink')) blocked.push(json);
			if (json.success && asked(member.itemIndex, 'resetInviteLink')) removed.push(json);
		}
		await inviteLinks.attach(call.instance, call.group, blocked);
		linkResets.note(call.instance, call.group, removed);
	}
	await linkResets.run();

	logRun(this, 'manageParticipants', items.length, sender);
	return collector.route(settings.toolMode, settings.redact);
}
