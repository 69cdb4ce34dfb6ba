/**
 * The parameters of Manage Participants: Action, Participants and the Options
 * (follow-ups, batching, pacing, resend, timeout). Shown for that operation only.
 */
import type { INodeProperties } from 'n8n-workflow';

import { actionList, actionOptions, actionsWithFollowUp, defaultTimeoutText } from './actions';
import { TIMEOUT_MARGIN_MS } from './validation';

import { optionsFor, participantsField } from '../common.descriptions';
import { simplifyFields } from '../simplify';
import { inviteMessageOption, maxInvitesOption, sendInviteOption } from './invites';

const show = { operation: ['manageParticipants'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Action',
		name: 'action',
		type: 'options',
		noDataExpression: false,
		displayOptions: { show },
		options: actionOptions(),
		default: 'add',
		description: `What to do with the participants. From an expression, the value must be one of ${actionList(' or ')}.`,
	},
	participantsField(
		'manageParticipants',
		'Who to act on: phone numbers with country code (5511999999999, +55 11 99999-9999), JIDs (5511999999999@s.whatsapp.net) or LIDs (199789077627112@lid), separated by commas, semicolons, new lines or spaces. An expression may return a list of numbers, JIDs or objects that have a phone or jid. Each participant becomes one output item.',
	),
	...simplifyFields('manageParticipants'),
	optionsFor('manageParticipants', [
		{
			displayName: 'Attach Invite Link When Privacy Blocks the Add',
			name: 'attachInviteLink',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/action': actionsWithFollowUp('invite-link') } },
			description:
				"Whether to put the group's invite link (inviteLink) on participants whose privacy settings refused the add (privacy_blocked) or who recently left the group (recently_left: WhatsApp lets no admin add them back for a while), so the next node can send it to them. Costs one extra call per group, only when such an add failed.",
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
							displayName: 'Batch Interval',
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
								"Whether to join this call with the calls of other executions running at the same moment for the same instance, group and action (e.g. one webhook per CRM contact). Each execution still gets only its own participants' items. Off, or with a Batch Interval set: the call goes alone, but still waits its turn on the token's shared rate limit.",
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
		inviteMessageOption,
		maxInvitesOption,
		{
			displayName: 'Max Participants per Tool Call',
			name: 'maxToolParticipants',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 100,
			displayOptions: { show: { '@tool': [true] } },
			description:
				'Only when an AI Agent uses this node as a tool: the most participants one tool call may name. Past it, the tool answers the model with an error and sends nothing, so a model cannot add or remove hundreds of people at once. Outside tool mode this option has no effect.',
		},
		{
			displayName: 'Max Wait on Rate Limit',
			name: 'rateLimitMaxWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 65000,
			description:
				'The most this run may wait for the rate limit in all, in milliseconds: before a call when the window is spent, and after a 429 (not processed) before sending it again. A reset further away fails at once, saying when the limit resets: the participants go to Failure as rate_limited, nothing sent.',
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
			displayOptions: { show: { '/action': actionsWithFollowUp('reset-link') } },
			description:
				"Whether to revoke the group's invite link after successful removals (once per group), so removed people cannot rejoin through the old link. The new inviteCode and inviteLink go on the removed participants' items.",
		},
		{
			displayName: 'Retry on Server Errors',
			name: 'retryOnServerErrors',
			type: 'boolean',
			default: false,
			description:
				'Whether to send a call again (up to twice) after a timeout, a dropped connection or a 5xx. Off by default: such a call may already have been processed, and adding or removing twice is not harmless.',
		},
		sendInviteOption,
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: `How long to wait for RyzeAPI, in milliseconds. 0 uses the action's own limit plus a margin: ${defaultTimeoutText(TIMEOUT_MARGIN_MS)}.`,
		},
	]),
];
