// Acceptance scenarios: small workflows built around one RyzeAPI node, and what the
// node must put on each output when a real n8n runs them against the sandbox.
//
// Every scenario: Manual trigger "Start" → Code "Input items" (the items below) →
// RyzeAPI "RyzeAPI" (group, action and participants read from each item) → one
// No-op node per output ("On Success", "On Failure", and "On Error" when the node
// uses n8n's error output). Scenarios use their own numbers, so that they do not
// depend on each other or on the example workflows, in whatever order they run.
import { readFileSync } from 'node:fs';

import { SANDBOX_CREDENTIAL } from '../../scripts/n8n/config.mjs';

export const GROUPS = {
	customers: '120363000000000001@g.us', // sandbox is super-admin
	waitlist: '120363000000000002@g.us', // sandbox is admin, approval required
	announcements: '120363000000000003@g.us', // sandbox is a plain member → 403
};

export const NOT_ADMIN_MESSAGE = 'Not authorized to perform this action (must be admin)';

/** A workflow for one scenario. `onError`: n8n's node setting (stopWorkflow, continueRegularOutput, continueErrorOutput). */
export function scenarioWorkflow({ id, name, items, onError = 'stopWorkflow', parameters }) {
	const outputs = ['On Success', 'On Failure', ...(onError === 'continueErrorOutput' ? ['On Error'] : [])];
	const noOps = outputs.map((outputName, index) => ({
		id: `${id}-out-${index}`,
		name: outputName,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [700, index * 180],
		parameters: {},
	}));
	return {
		id,
		name: `RyzeAPI acceptance: ${name}`,
		nodes: [
			{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 180], parameters: {} },
			{
				id: `${id}-items`,
				name: 'Input items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 180],
				parameters: {
					jsCode: `return ${JSON.stringify(
						items.map((json) => ({ json })),
						null,
						2,
					)};`,
				},
			},
			{
				id: `${id}-ryze`,
				name: 'RyzeAPI',
				type: 'n8n-nodes-ryzeapi.ryzeApi',
				typeVersion: 1,
				position: [460, 180],
				onError,
				parameters: parameters ?? {
					operation: 'manageParticipants',
					group: '={{ $json.group }}',
					action: '={{ $json.action }}',
					participants: '={{ $json.participants }}',
					options: {},
				},
				credentials: { ryzeApi: { ...SANDBOX_CREDENTIAL } },
			},
			...noOps,
		],
		connections: {
			Start: { main: [[{ node: 'Input items', type: 'main', index: 0 }]] },
			'Input items': { main: [[{ node: 'RyzeAPI', type: 'main', index: 0 }]] },
			RyzeAPI: { main: outputs.map((outputName) => [{ node: outputName, type: 'main', index: 0 }]) },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
	};
}

/** Expected item: participant, errorCode and the input item it pairs with. */
const ok = (participant, item, extra = {}) => ({ participant, errorCode: null, pairedItem: { item }, ...extra });
const failed = (participant, errorCode, item, extra = {}) => ({ participant, errorCode, pairedItem: { item }, ...extra });

/** Scenarios run together in one `n8n execute-batch`; each must succeed as a run. */
export const BATCH_SCENARIOS = [
	{
		title: 'partial success: one item, one call, every add outcome',
		workflow: scenarioWorkflow({
			id: 'ryzeAccPartial01',
			name: 'partial success',
			onError: 'stopWorkflow',
			items: [
				{
					group: GROUPS.customers,
					action: 'add',
					participants: '5511966610001, +55 11 96661-0403; 5511966610000\n5511900000002 not-a-number',
				},
			],
		}),
		expected: {
			success: [ok('5511966610001', 0, { jid: '5511966610001@s.whatsapp.net' })],
			failure: [
				failed('5511966610403', 'privacy_blocked', 0, { input: '+55 11 96661-0403' }),
				failed('5511966610000', 'not_on_whatsapp', 0),
				failed('5511900000002', 'already_member', 0),
				failed(null, 'invalid_participant', 0, { input: 'not-a-number' }),
			],
		},
	},
	{
		title: 'whole-call 403 with continueOnFail: one Failure item per participant',
		workflow: scenarioWorkflow({
			id: 'ryzeAcc403Cof01',
			name: 'whole-call 403, continue on fail',
			onError: 'continueRegularOutput',
			items: [{ group: GROUPS.announcements, action: 'add', participants: '5511966620001, 5511966620002' }],
		}),
		expected: {
			success: [],
			failure: [
				failed('5511966620001', 'not_admin', 0, { statusCode: 403, error: NOT_ADMIN_MESSAGE }),
				failed('5511966620002', 'not_admin', 0, { statusCode: 403, error: NOT_ADMIN_MESSAGE }),
			],
		},
	},
	{
		title: '"Continue (using error output)": three outputs, Failure items stay on Failure',
		workflow: scenarioWorkflow({
			id: 'ryzeAccErrOut01',
			name: 'error output',
			onError: 'continueErrorOutput',
			items: [
				{ group: GROUPS.customers, action: 'add', participants: '5511966630001, 5511966630000' },
				{ group: GROUPS.announcements, action: 'add', participants: '5511966630002' },
				{ group: '', action: 'add', participants: '5511966630003' },
			],
		}),
		expected: {
			success: [ok('5511966630001', 0)],
			failure: [
				failed('5511966630000', 'not_on_whatsapp', 0),
				failed('5511966630002', 'not_admin', 1, { statusCode: 403 }),
				failed('5511966630003', 'invalid_parameter', 2),
			],
			error: [],
		},
	},
	{
		title: 'several input items aimed at different groups and actions',
		workflow: scenarioWorkflow({
			id: 'ryzeAccGroups01',
			name: 'several groups',
			onError: 'continueRegularOutput',
			items: [
				{ group: GROUPS.customers, action: 'add', participants: '5511966640001' },
				{ group: 'WAITLIST0002', action: 'add', participants: '5511966640002' },
				{ group: 'https://chat.whatsapp.com/CUSTOMERS0001', action: 'add', participants: '5511966640003, 5511966640000' },
				{ group: GROUPS.announcements, action: 'add', participants: '5511966640004' },
				{ group: GROUPS.waitlist, action: 'reject', participants: '199789077627114@lid' },
			],
		}),
		expected: {
			success: [
				ok('5511966640001', 0, { groupJid: GROUPS.customers }),
				ok('5511966640002', 1, { groupJid: GROUPS.waitlist, group: 'WAITLIST0002' }),
				ok('5511966640003', 2, { groupJid: GROUPS.customers, group: 'https://chat.whatsapp.com/CUSTOMERS0001' }),
				ok('199789077627114@lid', 4, { groupJid: GROUPS.waitlist, action: 'reject' }),
			],
			failure: [
				failed('5511966640000', 'not_on_whatsapp', 2),
				failed('5511966640004', 'not_admin', 3, { statusCode: 403, group: GROUPS.announcements }),
			],
		},
	},
];

/** Runs on its own with `n8n execute`: the node stops the workflow. */
export const STOP_SCENARIO = {
	title: 'an error without continueOnFail fails the run with our NodeApiError, and run data is still printed',
	workflow: scenarioWorkflow({
		id: 'ryzeAccStop01',
		name: 'stop on error',
		onError: 'stopWorkflow',
		items: [{ group: GROUPS.announcements, action: 'remove', participants: '5511933330001' }],
	}),
};

/** Runs in the second `n8n execute-batch`: List Join Requests on a group without requests, and on one where the instance is not admin. */
export const LIST_SCENARIO = {
	title: 'List Join Requests: an empty queue gives no items and a hint; a 403 is one Failure item under continueOnFail',
	workflow: scenarioWorkflow({
		id: 'ryzeAccList01',
		name: 'list join requests',
		onError: 'continueRegularOutput',
		items: [{ group: GROUPS.customers }, { group: GROUPS.announcements }],
		parameters: { operation: 'listJoinRequests', group: '={{ $json.group }}', options: {} },
	}),
};

/**
 * Runs on its own with `n8n execute`, after the simulator was told to drop the next
 * participants call once it has processed it: the node must not send it again.
 */
export const FAULT_SCENARIO = {
	title: 'a dropped connection after processing: Failure items with outcomeUnknown, and the call is not sent twice',
	fault: { kind: 'drop', processed: true, match: { pathPrefix: '/api/group/participants/' } },
	workflow: scenarioWorkflow({
		id: 'ryzeAccDrop01',
		name: 'dropped connection',
		onError: 'continueRegularOutput',
		items: [{ group: GROUPS.customers, action: 'add', participants: '5511966650001, 5511966650002' }],
	}),
	expected: {
		success: [],
		failure: [
			failed('5511966650001', 'network', 0, { statusCode: null, outcomeUnknown: true }),
			failed('5511966650002', 'network', 0, { statusCode: null, outcomeUnknown: true }),
		],
	},
};

/**
 * The CRM sync example (examples/sync-group-with-crm.json: List Participant → Compare
 * Datasets → add / remove, node version 1.1 with resource locators) in the sandbox's VIP
 * Clients group, which nothing else touches. As shipped (Dry Run on) it runs in the first
 * batch and only reports; SYNC_LIVE_SCENARIO is the same workflow with Dry Run off, run in
 * the second batch (after the dry run), and acts.
 */
export const SYNC_EXAMPLE_ID = 'ryzeExCrmSync001';
export const VIP_GROUP = '120363000000000004@g.us';

const member = (jid, lid, phoneNumber, isAdmin, isSuperAdmin) => ({
	jid,
	lid,
	phoneNumber,
	isAdmin,
	isSuperAdmin,
	groupJid: VIP_GROUP,
	groupName: 'VIP Clients',
	instance: 'sandbox',
});

/** What List group members gives in the seeded VIP Clients group, in RyzeAPI's order. */
export const VIP_MEMBERS = [
	member('5511944449999@s.whatsapp.net', '199789077620099@lid', '5511944449999', true, true),
	member('5511900000001@s.whatsapp.net', null, '5511900000001', true, false),
	member('5511944440001@s.whatsapp.net', '199789077620001@lid', '5511944440001', false, false),
	member('5511944440002@s.whatsapp.net', null, '5511944440002', false, false),
	member('5511944440003@s.whatsapp.net', '199789077620003@lid', '5511944440003', false, false),
	member('199789077620004@lid', '199789077620004@lid', null, false, false),
	member('5511944440005@s.whatsapp.net', null, '5511944440005', true, false),
];

export const SYNC_EXPECTED = {
	wouldAdd: [
		{ action: 'add', name: 'Carla Dias', phone: '5511944440006' },
		{ action: 'add', name: 'Diego Alves', phone: '5511944440007' },
	],
	wouldRemove: [{ action: 'remove', jid: '5511944440003@s.whatsapp.net', phone: '5511944440003' }],
	kept: [
		{ jid: '5511944449999@s.whatsapp.net', reason: 'admin' },
		{ jid: '5511900000001@s.whatsapp.net', reason: 'admin' },
		{ jid: '199789077620004@lid', reason: 'number hidden (LID only): cannot be matched to the CRM' },
	],
	/** Dry Run off: what Add to group and Remove from group put on Success (participant, action). */
	added: [
		['5511944440006', 'add'],
		['5511944440007', 'add'],
	],
	removed: [['5511944440003@s.whatsapp.net', 'remove']],
};

function syncLiveWorkflow() {
	const example = JSON.parse(readFileSync(new URL('../../examples/sync-group-with-crm.json', import.meta.url), 'utf8'));
	const workflow = structuredClone(example);
	workflow.id = 'ryzeAccSyncLive01';
	workflow.name = 'RyzeAPI acceptance: CRM sync with Dry Run off';
	const settings = workflow.nodes.find((node) => node.name === 'Settings');
	const dryRun = settings.parameters.assignments.assignments.find((assignment) => assignment.name === 'dryRun');
	dryRun.value = false;
	return workflow;
}

export const SYNC_LIVE_SCENARIO = {
	title: 'CRM sync with Dry Run off: the 2 CRM-only contacts are added, the 1 non-admin group-only member is removed',
	workflow: syncLiveWorkflow(),
};
