/**
 * Operation "Send Invite Link": the group's link from GET /api/group/info (never
 * /resetLink, which would revoke it), then one private message per person through
 * POST /api/message/text/:instance {number, message}.
 *
 * Flow: read every item (the runner) → the entries that need no call (not a
 * participant; a LID, which cannot be messaged) → every group's link, before any
 * message, so a group without one stops the run with nothing sent → one message per
 * person, a write: sent once, never again after an outcome that may have been
 * processed, paced on the token's lane. One item per participant, Success or Failure.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import { failureOf } from '../../../helpers/errorCodes';
import { InputError } from '../../../helpers/inputError';
import { parseParticipants, type Participant, type RejectedParticipant } from '../../../helpers/participants';
import type { CallFailure } from '../../../helpers/types';
import { READ_TIMEOUT_MS, readTimeout, validateGroup, validateInstance } from '../../../helpers/validation';
import { readGroupInvite, type GroupInvite } from '../../../readers/groupInvite';
import { instancePath } from '../../../transport/http/request';
import { createSender, inputItemError, readOptionsOnce, type RunSettings } from '../../run';
import { failCall, finishRun, readItems, startRun, type Run } from '../../runner';
import type { Subtitle } from '../../subtitle';
import { readSimplifyOf } from '../simplify';
import { recipientKey, recipientOf, renderInvite, sendInviteText, validateInviteTemplate, type InviteOutcome } from '../inviteMessage';
import { inviteFailure, inviteItem, outputKeys, simplifiedOutputKeys } from './items';
import type { ItemJson } from '../../../helpers/items';

import { DEFAULT_MESSAGE } from './description';

export { description } from './description';
export { outputKeys, simplifiedOutputKeys };

export const option: INodePropertyOptions = {
	name: 'Send Invite Link',
	value: 'sendInviteLink',
	description:
		"Send the group's invite link to people in a private message each (for those a privacy setting keeps from being added): one output item per person, with the message ID",
	action: 'Send group invite link by private message',
};

export const subtitle: Subtitle = [{ text: 'send invite link' }];

interface InviteRequest {
	itemIndex: number;
	instance: string;
	group: string;
	participants: Participant[];
	rejected: RejectedParticipant[];
	template: string;
	timeoutMs: number;
}

function readRequest(ctx: IExecuteFunctions, itemIndex: number, settings: RunSettings): InviteRequest {
	readSimplifyOf(ctx, itemIndex);
	const instance = validateInstance(ctx.getNodeParameter('instance', itemIndex, ''), settings.defaultInstance);
	const group = validateGroup(ctx.getNodeParameter('group', itemIndex, ''));
	const { participants, rejected } = parseParticipants(ctx.getNodeParameter('participants', itemIndex, ''));
	const template = validateInviteTemplate(ctx.getNodeParameter('message', itemIndex, DEFAULT_MESSAGE), 'Message');
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return { itemIndex, instance, group, participants, rejected, template, timeoutMs: readTimeout(options.timeout, READ_TIMEOUT_MS) };
}

/** Continue On Fail, an unusable item: one Failure item per person it names (or one for the item); nothing sent. */
function inputFailure(ctx: IExecuteFunctions, itemIndex: number, message: string): ItemJson[] {
	const read = (name: string): string | null => {
		try {
			const value: unknown = ctx.getNodeParameter(name, itemIndex, '');
			return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
		} catch {
			return null;
		}
	};
	const context = { group: read('group'), groupJid: null, instance: read('instance'), inviteLink: null };
	const failure = failureOf('invalid_parameter', message, false);
	let people: Array<{ value: string | null; input: string | null }> = [];
	try {
		const parsed = parseParticipants(ctx.getNodeParameter('participants', itemIndex, ''));
		people = [...parsed.participants, ...parsed.rejected.map((rejected) => ({ value: null, input: rejected.input }))];
	} catch (error) {
		if (!(error instanceof InputError)) throw inputItemError(ctx, error, itemIndex);
	}
	if (people.length === 0) return [inviteFailure(context, { value: null, input: null }, failure)];
	return people.map((person) => inviteFailure(context, person, failure));
}

type LinkRead = { ok: true; invite: GroupInvite; statusCode: number } | { ok: false; failure: CallFailure };

/** What the run's messages did so far, for the error that stops it: the people already invited. */
class Sent {
	private readonly to: string[] = [];

	note(number: string): void {
		this.to.push(number);
	}

	describe(): string {
		if (this.to.length === 0) return '';
		const more = this.to.length > 10 ? ` and ${this.to.length - 10} more` : '';
		return ` Earlier messages of this run already invited ${this.to.length} person(s): ${this.to.slice(0, 10).join(', ')}${more}. Running it again sends them the invite again.`;
	}
}

/** A group's link, or why there is none to send: the failure that stands for the item's people. */
function linkProblem(group: string, read: LinkRead): CallFailure | null {
	if (!read.ok) return read.failure;
	if (read.invite.sendableLink !== null) return null;
	const message =
		read.invite.inviteLink === null
			? `RyzeAPI gave no invite link for group ${group}: WhatsApp shows it to group admins only`
			: `RyzeAPI's invite link for group ${group} is not a WhatsApp invite link (https://chat.whatsapp.com/…), so it is not sent`;
	return {
		...failureOf(read.invite.inviteLink === null ? 'not_admin' : 'unexpected_response', message, false),
		statusCode: read.statusCode,
	};
}

/** The group's link is missing: without Continue On Fail the run stops here, before any message (checked for every item first). */
function refuseGroup(run: Run, request: InviteRequest, failure: CallFailure): never {
	const hint =
		failure.errorCode === 'not_admin'
			? 'Make the instance an admin of the group (only admins see its invite link), or use an instance that is'
			: 'Check the group in WhatsApp; Get Invite Link shows what RyzeAPI answers';
	throw inputItemError(run.ctx, new InputError('Group', failure.message, hint), request.itemIndex);
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const run = await startRun(this, items);
	const sender = createSender(this, run.settings, readOptionsOnce(this));
	const requests = readItems(
		run,
		items.length,
		(itemIndex) => readRequest(this, itemIndex, run.settings),
		(itemIndex, message) => inputFailure(this, itemIndex, message),
	).map(({ value }) => value);

	// The entries no call is made for: not a participant, or a LID (no number to message).
	const sendable = new Map<InviteRequest, Array<{ person: Participant; number: string }>>();
	for (const request of requests) {
		const context = { group: request.group, groupJid: null, instance: request.instance, inviteLink: null };
		for (const rejected of request.rejected) {
			const failure = failureOf('invalid_participant', `Not a valid participant: ${rejected.reason}`, false);
			run.out.add(request.itemIndex, inviteFailure(context, { value: null, input: rejected.input }, failure));
		}
		const people: Array<{ person: Participant; number: string }> = [];
		for (const person of request.participants) {
			const recipient = recipientOf(person);
			if ('number' in recipient) people.push({ person, number: recipient.number });
			else {
				const failure = failureOf(recipient.errorCode, recipient.reason, false);
				run.out.add(request.itemIndex, inviteFailure(context, person, failure), person.position);
			}
		}
		if (people.length > 0) sendable.set(request, people);
	}

	// Every group's link before any message: reads, resent after an unknown outcome; one per group and run.
	const links = new Map<string, Promise<LinkRead>>();
	const linkOf = async (request: InviteRequest): Promise<LinkRead> => {
		const key = JSON.stringify([request.instance, request.group]);
		let read = links.get(key);
		if (!read) {
			read = sender
				.send(
					{
						method: 'GET',
						path: instancePath('info', request.instance),
						qs: { identifier: request.group, participants: 'false' },
						timeoutMs: request.timeoutMs,
					},
					'always',
				)
				.then(
					(outcome): LinkRead =>
						outcome.ok ? { ok: true, invite: readGroupInvite(outcome.body), statusCode: outcome.statusCode } : outcome,
				);
			links.set(key, read);
		}
		return await read;
	};
	const ready: Array<{ request: InviteRequest; people: Array<{ person: Participant; number: string }>; invite: GroupInvite }> = [];
	for (const [request, people] of sendable) {
		const read = await linkOf(request);
		const problem = linkProblem(request.group, read);
		if (problem === null) {
			if (read.ok) ready.push({ request, people, invite: read.invite });
			continue;
		}
		if (read.ok && !run.continueOnFail) refuseGroup(run, request, problem);
		const groupJid = read.ok ? read.invite.groupJid : null;
		const context = { group: request.group, groupJid, instance: request.instance, inviteLink: null };
		const where = `item ${request.itemIndex}: the invite link of group ${request.group} on instance ${request.instance}`;
		failCall(run, problem, where, request.itemIndex, () =>
			people.map(({ person }) => ({
				itemIndex: request.itemIndex,
				order: person.position,
				json: inviteFailure(context, person, problem),
			})),
		);
	}

	// One message per person and group in the run: a person named twice gets one, and both items show it.
	const messages = new Map<string, Promise<InviteOutcome>>();
	const sent = new Sent();
	for (const { request, people, invite } of ready) {
		const link = invite.sendableLink!;
		const context = { group: request.group, groupJid: invite.groupJid, instance: request.instance, inviteLink: link };
		const message = renderInvite(request.template, { link, groupName: invite.groupName ?? invite.groupJid ?? request.group });
		for (const { person, number } of people) {
			const key = JSON.stringify([request.instance, request.group, recipientKey(number)]);
			const earlier = messages.get(key);
			const pending = earlier ?? sendInviteText(sender, { instance: request.instance, number, message, timeoutMs: request.timeoutMs });
			messages.set(key, pending);
			const outcome = await pending;
			if (outcome.sent) {
				if (!earlier) sent.note(number);
				run.out.add(request.itemIndex, inviteItem(context, person, outcome), person.position);
				continue;
			}
			const { failure } = outcome;
			const json = inviteFailure(context, person, failure, outcome.raw);
			// RyzeAPI refused this number: that person's Failure. Anything else failed the call as a whole.
			if (outcome.personal) run.out.add(request.itemIndex, json, person.position);
			else {
				const where = `item ${request.itemIndex}: the invite to ${number} for group ${request.group} on instance ${request.instance}`;
				failCall(
					run,
					failure,
					where,
					request.itemIndex,
					() => [{ itemIndex: request.itemIndex, json, order: person.position }],
					sent.describe(),
				);
			}
		}
	}
	return finishRun(run, 'sendInviteLink', items.length, sender);
}
