/**
 * Operation "Manage Participants": POST /api/group/participants/:instance.
 *
 * Flow: read and validate every item (the runner) → plan calls across items →
 * send each call (joined with concurrent executions' calls by the coordinator)
 * → match the per-participant results → group follow-ups → one output item per
 * participant, Success or Failure.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { actionList, capitalized } from './actions';
import type { FollowUpKeys, ParticipantResultJson } from './items';
import {
	optionalOutputKeys,
	outputKeys,
	participantFailure,
	resultJson,
	simplifiedOptionalOutputKeys,
	simplifiedOutputKeys,
} from './items';
import { parseParticipants } from '../../../helpers/participants';
import { interpretParticipantsAnswer } from './answer';
import { planCalls } from './plan';
import type { ParticipantRequest } from './types';
import { readMaxToolParticipants, toolCallTooLarge } from '../../../helpers/toolMode';
import { validateAction, validateTimeout } from './validation';
import { validateGroup, validateInstance } from '../../../helpers/validation';
import { readOptionsOnce, createSender, inputItemError, type RunSettings } from '../../run';
import { failCall, finishRun, readItems, startRun, type Run } from '../../runner';
import type { Subtitle } from '../../subtitle';
import { groupKey, inviteLinkCodes, InviteLinks, LinkResets, offersFollowUp } from './followUps';
import { inputFailure } from './inputFailure';
import { combineFor, sendParticipants } from './send';
import { Invites, readInviteAsk } from './invites';
import { readSimplifyOf } from '../simplify';

export { description } from './description';

export const option: INodePropertyOptions = {
	name: 'Manage Participants',
	value: 'manageParticipants',
	description: `${capitalized(actionList(' or '))} group participants: one output item per participant`,
	action: 'Manage group participants',
};

/** "add participants", "approve participants", …: the Action's stored value. */
export const subtitle: Subtitle = [{ parameter: 'action' }, { text: ' participants' }];

/** Its items' keys, on Success and Failure alike (items.ts builds the items); the follow-ups add theirs to some items. And Simplify's. */
export { optionalOutputKeys, outputKeys, simplifiedOptionalOutputKeys, simplifiedOutputKeys };

/** Reads, validates and normalizes one input item. Throws InputError. */
function readRequest(ctx: IExecuteFunctions, itemIndex: number, settings: RunSettings): ParticipantRequest {
	readSimplifyOf(ctx, itemIndex);
	const instance = validateInstance(ctx.getNodeParameter('instance', itemIndex, ''), settings.defaultInstance);
	const group = validateGroup(ctx.getNodeParameter('group', itemIndex, ''));
	const action = validateAction(ctx.getNodeParameter('action', itemIndex, 'add'));
	const { participants, rejected } = parseParticipants(ctx.getNodeParameter('participants', itemIndex, ''));
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const timeoutMs = validateTimeout(options.timeout, action);
	const attachInviteLink = offersFollowUp(action, 'invite-link') && options.attachInviteLink === true;
	const resetInviteLink = offersFollowUp(action, 'reset-link') && options.resetInviteLink === true;
	const invite = readInviteAsk(action, options);
	return { itemIndex, instance, group, action, participants, rejected, timeoutMs, attachInviteLink, resetInviteLink, invite };
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

/**
 * Tool mode: a call naming more participants than Max Participants per Tool Call
 * sends nothing. The model gets the error (or, under Continue On Fail, every item's
 * participants come back as Failure items saying so). True when refused.
 */
function refuseLargeToolCall(run: Run, requests: ParticipantRequest[]): boolean {
	const ctx = run.ctx;
	let max: number;
	try {
		max = readMaxToolParticipants((ctx.getNodeParameter('options', 0, {}) as IDataObject).maxToolParticipants);
	} catch (error) {
		throw inputItemError(ctx, error, 0);
	}
	let count = 0;
	for (const request of requests) {
		count += request.participants.length + request.rejected.length;
		const refusal = toolCallTooLarge(count, max);
		if (!refusal) continue;
		const total = requests.reduce((sum, next) => sum + next.participants.length + next.rejected.length, 0);
		const { message, hint } = toolCallTooLarge(total, max) ?? refusal;
		if (!run.continueOnFail) {
			throw new NodeOperationError(ctx.getNode(), `${message} [item ${request.itemIndex}]`, {
				description: hint,
				itemIndex: request.itemIndex,
			});
		}
		for (const { itemIndex } of requests)
			for (const json of inputFailure(ctx, itemIndex, `${message}. ${hint}`)) run.out.add(itemIndex, json);
		return true;
	}
	return false;
}

function describeItems(itemIndexes: number[]): string {
	const shown = itemIndexes.slice(0, 10).join(', ');
	const more = itemIndexes.length > 10 ? ` and ${itemIndexes.length - 10} more` : '';
	return itemIndexes.length === 1 ? `item ${shown}` : `items ${shown}${more}`;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const run = await startRun(this, items);
	const runOptions = readOptionsOnce(this);
	const requests = readItems(
		run,
		items.length,
		(itemIndex) => readRequest(this, itemIndex, run.settings),
		(itemIndex, message) => inputFailure(this, itemIndex, message),
	).map(({ value }) => value);
	// Nothing sent: the model is told (or every participant fails under Continue On Fail).
	if (run.settings.toolMode && refuseLargeToolCall(run, requests)) return run.out.route(true, run.settings.redact);
	for (const request of requests) {
		for (const rejected of request.rejected) {
			const failure = {
				errorCode: 'invalid_participant' as const,
				message: `Not a valid participant: ${rejected.reason}`,
				statusCode: null,
				outcomeUnknown: false,
			};
			run.out.add(request.itemIndex, participantFailure(request, { value: null, input: rejected.input }, failure));
		}
	}

	const sender = createSender(this, run.settings, runOptions);
	const combine = combineFor(run.settings, runOptions);
	const inviteLinks = new InviteLinks(sender);
	const linkResets = new LinkResets(sender);
	const invites = Invites.forRun(this, sender, inviteLinks, requests);
	const byItem = new Map(requests.map((request) => [request.itemIndex, request]));
	const asked = (itemIndex: number, flag: 'attachInviteLink' | 'resetInviteLink') => byItem.get(itemIndex)?.[flag] === true;
	const progress = new RunProgress();
	/** Removals whose items wait for the group's link reset (after all calls). */
	const awaitingReset: Array<{ itemIndex: number; order?: number; json: ParticipantResultJson; key: string }> = [];

	for (const call of planCalls(requests, runOptions.batching)) {
		const answer = await sendParticipants(sender, call, combine);
		// A call shared with other executions: nothing of theirs shows in this run's results (answer.isolate).
		const result = answer.ok
			? answer.isolate(
					interpretParticipantsAnswer(answer.statusCode, answer.body, answer.sent, call.action, call.participants, answer.shared),
				)
			: answer;
		if (!result.ok) {
			const where = `${describeItems(call.itemIndexes)}: ${call.action} in group ${call.group} on instance ${call.instance}`;
			const { failure } = result;
			failCall(
				run,
				failure,
				where,
				call.itemIndexes[0],
				() =>
					call.members.map((member) => ({
						itemIndex: member.itemIndex,
						json: participantFailure(call, { value: call.participants[member.slot].value, input: member.participant.input }, failure),
						order: member.participant.position,
					})),
				progress.describe(),
			);
			continue;
		}
		progress.note(call.participants, result.outcomes);
		for (const member of call.members) {
			const json = resultJson(
				{ ...call, groupJid: result.groupJid },
				{ value: call.participants[member.slot].value, input: member.participant.input },
				result.outcomes[member.slot],
			);
			const order = member.participant.position;
			if (json.success && asked(member.itemIndex, 'resetInviteLink')) {
				linkResets.note(call.instance, call.group);
				awaitingReset.push({ itemIndex: member.itemIndex, order, json, key: groupKey(call.instance, call.group) });
				continue;
			}
			let extra: FollowUpKeys = {};
			if (json.errorCode !== null && inviteLinkCodes(call.action).includes(json.errorCode) && asked(member.itemIndex, 'attachInviteLink'))
				extra = await inviteLinks.keysFor(call.instance, call.group);
			extra = { ...extra, ...(await invites.keysFor(byItem.get(member.itemIndex)?.invite, call, call.participants[member.slot], json)) };
			run.out.add(member.itemIndex, { ...json, ...extra }, order);
		}
	}
	const resets = await linkResets.run();
	for (const { itemIndex, order, json, key } of awaitingReset) run.out.add(itemIndex, { ...json, ...resets.get(key) }, order);
	return finishRun(run, 'manageParticipants', items.length, sender);
}
