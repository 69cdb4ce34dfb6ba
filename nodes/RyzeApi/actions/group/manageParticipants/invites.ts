/**
 * Manage Participants' "Send Invite When Add Is Blocked": each person whose add
 * came back privacy_blocked or recently_left (the invite-link follow-up's codes)
 * gets one private message with the group's invite link (actions/group/inviteMessage.ts),
 * read once per group by the follow-up that attaches it (followUps.ts).
 *
 * The item stays on Failure with the add's code and gains four keys: `inviteSent`,
 * `messageId`, and why no message went (`inviteError`, `inviteErrorCode`): a LID
 * without a phone number, Max Invites per Run reached, no link, a failed send. Each
 * message is sent once, never again; a person blocked twice in a run (two items, or
 * two calls) gets one message. The cap and the record are the run's own: under
 * Combine Across Executions each execution invites only its own people.
 *
 * With the option off nothing here runs, and the items are what they were.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../helpers/inputError';
import type { Participant } from '../../../helpers/participants';
import type { ErrorCode } from '../../../helpers/types';
import { READ_TIMEOUT_MS } from '../../../helpers/validation';
import type { CallSender } from '../../../transport/rateLimit/send';
import { inputItemError } from '../../run';
import { recipientKey, recipientOf, renderInvite, sendInviteText, validateInviteTemplate, type InviteOutcome } from '../inviteMessage';
import { actionsWithFollowUp, type ParticipantAction } from './actions';
import { groupKey, inviteLinkCodes, offersFollowUp, type InviteLinks } from './followUps';
import type { FollowUpKeys } from './items';

/** A plain (Fixed) value: n8n evaluates `{{ … }}` only in values that start with `=` (inviteMessage.ts). */
const DEFAULT_INVITE_MESSAGE = 'We could not add you to the WhatsApp group "{{groupName}}". Join it with this link: {{link}}';
/** Modest: a burst of messages to people who did not ask for them is what gets a number banned (README, WhatsApp safety). */
const DEFAULT_MAX_INVITES_PER_RUN = 20;
/** A group holds at most 1024 people. */
const MAX_INVITES_PER_RUN = 1024;

const show = { show: { '/action': actionsWithFollowUp('invite-link') } };

export const sendInviteOption: INodeProperties = {
	displayName: 'Send Invite When Add Is Blocked',
	name: 'sendInviteWhenBlocked',
	type: 'boolean',
	default: false,
	displayOptions: show,
	description:
		"Whether to send the group's invite link in a private message to each person whose privacy settings refused the add (privacy_blocked) or who recently left the group (recently_left). The item stays on Failure and says whether the message went (inviteSent, messageId). One message per person, never resent; at most Max Invites per Run.",
};

export const inviteMessageOption: INodeProperties = {
	displayName: 'Invite Message',
	name: 'inviteMessage',
	type: 'string',
	typeOptions: { rows: 3 },
	default: DEFAULT_INVITE_MESSAGE,
	displayOptions: show,
	description:
		"With Send Invite When Add Is Blocked: the text each person receives. {{link}} (required) becomes the group's invite link, {{groupName}} its name. In Expression mode write \\{{link}} and \\{{groupName}} instead: n8n would read {{link}} as an expression of its own.",
};

export const maxInvitesOption: INodeProperties = {
	displayName: 'Max Invites per Run',
	name: 'maxInvitesPerRun',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: MAX_INVITES_PER_RUN },
	default: DEFAULT_MAX_INVITES_PER_RUN,
	displayOptions: show,
	description:
		'With Send Invite When Add Is Blocked: the most invite messages one run sends (read from the first item). Past it, blocked people get none (inviteErrorCode invite_limit_reached). Many messages to people who did not ask for them get a WhatsApp number banned.',
};

/** What an item asks for: its template. */
export interface InviteAsk {
	template: string;
}

/** The item's ask, or undefined when its action has no invite follow-up or the option is off. Throws InputError. */
export function readInviteAsk(action: ParticipantAction, options: IDataObject): InviteAsk | undefined {
	if (!offersFollowUp(action, 'invite-link') || options.sendInviteWhenBlocked !== true) return undefined;
	const template = options.inviteMessage === undefined ? DEFAULT_INVITE_MESSAGE : options.inviteMessage;
	return { template: validateInviteTemplate(template, 'Invite Message') };
}

function readMaxInvites(value: unknown): number {
	if (value === undefined || value === null || value === '') return DEFAULT_MAX_INVITES_PER_RUN;
	const number = typeof value === 'number' ? value : Number(value);
	if (!Number.isInteger(number) || number < 0 || number > MAX_INVITES_PER_RUN) {
		throw new InputError(
			'Max Invites per Run',
			`Max Invites per Run "${String(value)}" is not a whole number from 0 to ${MAX_INVITES_PER_RUN}`,
			`Use a small number; the default is ${DEFAULT_MAX_INVITES_PER_RUN}`,
		);
	}
	return number;
}

/** The keys a blocked add's item gains: all four. */
type InviteMessageKeys = Required<Pick<FollowUpKeys, 'inviteSent' | 'messageId' | 'inviteError' | 'inviteErrorCode'>>;

const notSent = (inviteErrorCode: ErrorCode, inviteError: string): InviteMessageKeys => ({
	inviteSent: false,
	messageId: null,
	inviteError,
	inviteErrorCode,
});

function keysOf(outcome: InviteOutcome): InviteMessageKeys {
	if (outcome.sent) return { inviteSent: true, messageId: outcome.messageId, inviteError: null, inviteErrorCode: null };
	const { failure } = outcome;
	const unknown = failure.outcomeUnknown ? ' It may have been sent, and is not sent again: check the chat.' : '';
	return notSent(failure.errorCode, `The invite message was not sent: ${failure.message}.${unknown}`);
}

export class Invites {
	private sent = 0;
	/** One message per person and group in the run: the second time, the first one's keys. */
	private readonly byPerson = new Map<string, Promise<InviteMessageKeys>>();

	private constructor(
		private readonly sender: CallSender,
		private readonly links: InviteLinks,
		private readonly max: number,
	) {}

	/**
	 * The run's invites. Max Invites per Run is read from the first item, like the
	 * other run-wide options, and only when some item asked (`requests`): before any call.
	 */
	static forRun(ctx: IExecuteFunctions, sender: CallSender, links: InviteLinks, requests: ReadonlyArray<{ invite?: InviteAsk }>): Invites {
		if (!requests.some((request) => request.invite !== undefined)) return new Invites(sender, links, 0);
		try {
			return new Invites(sender, links, readMaxInvites((ctx.getNodeParameter('options', 0, {}) as IDataObject).maxInvitesPerRun));
		} catch (error) {
			throw inputItemError(ctx, error, 0);
		}
	}

	/**
	 * The keys for one participant's item: none unless its item asked and the add
	 * was blocked; then the link's keys (inviteLink, or why there is none) and the four.
	 */
	async keysFor(
		ask: InviteAsk | undefined,
		call: { instance: string; group: string; action: ParticipantAction },
		participant: Pick<Participant, 'kind' | 'value'>,
		result: { errorCode: string | null; jid: string | null },
	): Promise<FollowUpKeys> {
		if (!ask || result.errorCode === null || !inviteLinkCodes(call.action).includes(result.errorCode)) return {};
		const link = await this.links.linkFor(call.instance, call.group);
		if (link.sendableLink === null) {
			const why = link.keys.inviteLinkError ?? "RyzeAPI's invite link is not a WhatsApp invite link (https://chat.whatsapp.com/…)";
			return { ...link.keys, ...notSent(link.errorCode ?? 'unexpected_response', `No invite link to send: ${why}`) };
		}
		const recipient = recipientOf(participant, result.jid);
		if (!('number' in recipient)) return { ...link.keys, ...notSent(recipient.errorCode, recipient.reason) };
		const key = JSON.stringify([groupKey(call.instance, call.group), recipientKey(recipient.number)]);
		let keys = this.byPerson.get(key);
		if (!keys) {
			keys = this.send(
				call.instance,
				recipient.number,
				renderInvite(ask.template, { link: link.sendableLink, groupName: link.groupName ?? link.groupJid ?? call.group }),
			);
			this.byPerson.set(key, keys);
		}
		return { ...link.keys, ...(await keys) };
	}

	private async send(instance: string, number: string, message: string): Promise<InviteMessageKeys> {
		if (this.sent >= this.max) {
			return notSent(
				'invite_limit_reached',
				`Max Invites per Run (${this.max}) was reached, so no invite message was sent: send the link later, or another way`,
			);
		}
		this.sent++;
		return keysOf(await sendInviteText(this.sender, { instance, number, message, timeoutMs: READ_TIMEOUT_MS }));
	}
}
