// The Group resource's operations (issue 23) as one workflow that a real n8n runs against
// the sandbox: a Manual trigger "Start" and one RyzeAPI node per step, each fed by Start.
// With executionOrder v1 n8n runs a node's children one branch at a time, top to bottom by
// canvas position (n8n-core's WorkflowExecute sorts them by y), so the steps run in the
// order of STEPS below, and a later step reads what an earlier one gave:
// `$('Create cohort group').first().json.groupJid`. Every step changes only what the
// steps after it expect; the simulator is this test file's own.
//
// A step runs only when the built package has what it `needs` (operations of the resource
// index, or `sendInviteWhenBlocked`, Manage Participants' option): the operations land on
// main one by one. groupOperations.test.mjs says which are still to come.
import { SANDBOX_CREDENTIAL } from '../../scripts/n8n/config.mjs';
import { GROUPS } from './scenarios.mjs';

export const STORY_ID = 'ryzeAccGroupOps01';
export const VIP = '120363000000000004@g.us';

/** Everything issue 23 adds: its nine operations and Manage Participants' invite option. */
export const ISSUE_23 = [
	'listGroups',
	'getGroup',
	'getInviteLink',
	'resetInviteLink',
	'updateGroup',
	'createGroup',
	'joinGroup',
	'leaveGroup',
	'sendInviteLink',
	'sendInviteWhenBlocked',
];
/** An invite link as WhatsApp makes it (its code captured). */
export const LINK = /^https:\/\/chat\.whatsapp\.com\/([A-Za-z0-9]+)$/;
export const SANDBOX_JID = '5511900000001@s.whatsapp.net';
export const CUSTOMERS_LINK = 'https://chat.whatsapp.com/CUSTOMERS0001';
/** The seeded groups as List Groups gives them: [jid, name, participantCount]. */
export const SEEDED = {
	customers: [GROUPS.customers, 'Customers', 5],
	waitlist: [GROUPS.waitlist, 'Beta Waitlist', 4],
	announcements: [GROUPS.announcements, 'Announcements', 4],
	vip: [VIP, 'VIP Clients', 7],
};

/** The people of the cohort: 1 can be added, 1 is privacy-blocked, 1 is not on WhatsApp, 1 is not a number. */
export const COHORT = {
	name: 'Onboarding cohort 7',
	description: 'Cohort 7: introductions and schedule',
	joins: '5511955570001',
	blocked: '5511955570403',
	blockedInput: '+55 11 95557-0403',
	notOnWhatsApp: '5511955570000',
	invalid: 'not-a-number',
};

/** Manage Participants with Send Invite When Add Is Blocked on Customers: Max Invites per Run 1, two blocked phones and a blocked LID. */
export const INVITE_ADD = {
	joins: '5511955580001',
	blocked: '5511955580403',
	blockedOverCap: '5511955581403',
	blockedLid: '199789077655403@lid',
	notOnWhatsApp: '5511955580000',
	message: 'Hi! We could not add you to {{groupName}}. Join here: {{link}}',
};

const rl = (mode, value) => ({ __rl: true, mode, value });
const createdJid = "={{ $('Create cohort group').first().json.groupJid }}";

/**
 * The steps, in the order they run. `needs`: what the built package must have for the
 * step to be in the workflow. `onError`: n8n's node setting (default stopWorkflow).
 */
export const STEPS = [
	{ name: 'List all groups', needs: ['listGroups'], version: 1.1, parameters: { operation: 'listGroups', returnAll: true } },
	{
		name: 'Find VIP by name',
		needs: ['listGroups'],
		version: 1,
		parameters: { operation: 'listGroups', returnAll: false, limit: 50, filters: { nameContains: 'vip' } },
	},
	{ name: 'First two groups', needs: ['listGroups'], version: 1.1, parameters: { operation: 'listGroups', returnAll: false, limit: 2 } },
	{ name: 'Get Customers', needs: ['getGroup'], version: 1.1, parameters: { operation: 'getGroup', group: rl('list', GROUPS.customers) } },
	{
		name: 'Customers invite link',
		needs: ['getInviteLink'],
		version: 1,
		parameters: { operation: 'getInviteLink', group: 'CUSTOMERS0001' },
	},
	{
		name: 'Link where not admin',
		needs: ['getInviteLink'],
		version: 1.1,
		parameters: { operation: 'getInviteLink', group: rl('id', GROUPS.announcements) },
	},
	{
		name: 'Create cohort group',
		needs: ['createGroup'],
		version: 1.1,
		parameters: {
			operation: 'createGroup',
			groupName: COHORT.name,
			participants: `${COHORT.joins}, ${COHORT.blockedInput}; ${COHORT.notOnWhatsApp}\n${COHORT.invalid}`,
			additionalFields: { membersCanSendMessages: false },
		},
	},
	{
		name: 'Find the cohort group',
		needs: ['createGroup', 'listGroups'],
		version: 1.1,
		parameters: { operation: 'listGroups', returnAll: true, filters: { nameContains: 'COHORT' } },
	},
	{
		name: 'Require approval',
		needs: ['createGroup', 'updateGroup'],
		version: 1.1,
		parameters: {
			operation: 'updateGroup',
			group: rl('id', createdJid),
			updateFields: { description: COHORT.description, requireAdminApproval: true },
		},
	},
	{
		name: 'Read the cohort group',
		needs: ['createGroup', 'updateGroup', 'getGroup'],
		version: 1,
		parameters: { operation: 'getGroup', group: createdJid },
	},
	{
		name: 'Invite who was not added',
		needs: ['createGroup', 'sendInviteLink'],
		version: 1.1,
		parameters: {
			operation: 'sendInviteLink',
			group: rl('id', createdJid),
			participants: "={{ $('Create cohort group').first().json.notAdded.map((person) => person.participant).join('\\n') }}",
		},
	},
	{
		name: 'Reset cohort link',
		needs: ['createGroup', 'resetInviteLink'],
		version: 1,
		parameters: { operation: 'resetInviteLink', group: createdJid },
	},
	{
		name: 'Leave cohort group',
		needs: ['createGroup', 'resetInviteLink', 'leaveGroup'],
		version: 1.1,
		parameters: { operation: 'leaveGroup', group: rl('invite', "={{ $('Reset cohort link').first().json.inviteLink }}") },
	},
	{
		name: 'Leave Announcements',
		needs: ['leaveGroup', 'joinGroup'],
		version: 1,
		parameters: { operation: 'leaveGroup', group: GROUPS.announcements },
	},
	{
		name: 'Join Announcements by link',
		needs: ['leaveGroup', 'joinGroup'],
		version: 1.1,
		parameters: { operation: 'joinGroup', inviteLink: 'https://chat.whatsapp.com/ANNOUNCE0003' },
	},
	{
		name: 'Leave Beta Waitlist',
		needs: ['leaveGroup', 'joinGroup'],
		version: 1.1,
		parameters: { operation: 'leaveGroup', group: rl('invite', 'WAITLIST0002') },
	},
	{
		name: 'Ask to join Beta Waitlist',
		needs: ['leaveGroup', 'joinGroup'],
		version: 1,
		parameters: { operation: 'joinGroup', inviteLink: 'WAITLIST0002' },
	},
	{
		name: 'Join by JID',
		needs: ['joinGroup'],
		version: 1,
		onError: 'continueRegularOutput',
		parameters: { operation: 'joinGroup', inviteLink: VIP },
	},
	{
		name: 'Update nothing',
		needs: ['updateGroup'],
		version: 1,
		onError: 'continueRegularOutput',
		parameters: { operation: 'updateGroup', group: GROUPS.customers, updateFields: {} },
	},
	{
		name: 'Add and invite the blocked',
		needs: ['sendInviteWhenBlocked'],
		version: 1.1,
		parameters: {
			operation: 'manageParticipants',
			group: rl('id', GROUPS.customers),
			action: 'add',
			participants: [INVITE_ADD.joins, INVITE_ADD.blocked, INVITE_ADD.blockedOverCap, INVITE_ADD.blockedLid, INVITE_ADD.notOnWhatsApp].join(
				', ',
			),
			options: { sendInviteWhenBlocked: true, inviteMessage: INVITE_ADD.message, maxInvitesPerRun: 1 },
		},
	},
	{
		name: 'List groups after',
		needs: ['listGroups', 'createGroup', 'resetInviteLink', 'leaveGroup', 'joinGroup', 'sendInviteWhenBlocked'],
		version: 1,
		parameters: { operation: 'listGroups', returnAll: true },
	},
];

/** The steps whose needs the built package meets (`built`: a Set of operations and options). */
export function runnableSteps(built) {
	return STEPS.filter((step) => step.needs.every((need) => built.has(need)));
}

/** The workflow of the runnable steps: Start → every step, one below the other. */
export function storyWorkflow(steps) {
	const nodes = steps.map((step, index) => ({
		id: `${STORY_ID}-${index + 1}`,
		name: step.name,
		type: 'n8n-nodes-ryzeapi.ryzeApi',
		typeVersion: step.version,
		position: [300, index * 160],
		...(step.onError ? { onError: step.onError } : {}),
		parameters: { ...step.parameters, ...(step.parameters.operation === 'manageParticipants' ? {} : { options: {} }) },
		credentials: { ryzeApi: { ...SANDBOX_CREDENTIAL } },
	}));
	return {
		id: STORY_ID,
		name: 'RyzeAPI acceptance: every group operation',
		nodes: [
			{ id: `${STORY_ID}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			...nodes,
		],
		connections: { Start: { main: [steps.map((step) => ({ node: step.name, type: 'main', index: 0 }))] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
	};
}
