/** The parameters of Send Invite Link: Participants, Message and the Options (Timeout). Shown for that operation only. */
import type { INodeProperties } from 'n8n-workflow';

import { optionsFor, participantsField, readTimeoutOption } from '../common.descriptions';
import { simplifyFields } from '../simplify';

const show = { operation: ['sendInviteLink'] };

/**
 * A plain (Fixed) value: n8n evaluates `{{ … }}` only in values that start with `=`,
 * so the placeholders reach the node as written (actions/group/inviteMessage.ts).
 */
export const DEFAULT_MESSAGE = 'You are invited to join the WhatsApp group "{{groupName}}": {{link}}';

export const description: INodeProperties[] = [
	participantsField(
		'sendInviteLink',
		'Who to send the invite to, each in a private message: phone numbers with country code (5511999999999, +55 11 99999-9999) or JIDs (5511999999999@s.whatsapp.net), separated by commas, semicolons, new lines or spaces, read as in Manage Participants. A LID (…@lid) cannot be messaged, since WhatsApp hides the number: it goes to Failure. Each participant becomes one output item.',
	),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		displayOptions: { show },
		default: DEFAULT_MESSAGE,
		description:
			"The text each person receives. {{link}} (required) becomes the group's invite link, {{groupName}} its name. In Expression mode write \\{{link}} and \\{{groupName}} instead: n8n would read {{link}} as an expression of its own.",
	},
	...simplifyFields('sendInviteLink'),
	optionsFor('sendInviteLink', [readTimeoutOption]),
];
