// The workflows of the webhook burst (fixtures, built in code so that the simulator's
// URL and the credentials can be filled in): a CRM calls one webhook per contact.
//
//   Webhook (POST, respond when the last node finishes)
//     → RyzeAPI: add {{ $json.body.phone }} to the Customers group
//         Success → "Mark success" (Set)   Failure → "Mark failure" (Set)
//
// Each Set node answers {outcome, contact, phone, errorCode, error}: `contact` is the
// participant the node reported, `phone` the one this execution's webhook received,
// so the answer shows whether the execution got its own contact back.
//
// The baseline replaces the RyzeAPI node with n8n's HTTP Request node (POST
// /api/group/participants/sandbox with the credential's token header, Retry On Fail
// 5 tries × 5 s) and an If on the answer's participants[0].success.
import { createHash } from 'node:crypto';

import { SANDBOX_CREDENTIAL } from '../n8n/config.mjs';
import { sandboxCredential } from '../n8n/userFolder.mjs';

export const GROUP = '120363000000000001@g.us';
export const INSTANCE = 'sandbox';

/** The second credential: another token (the sandbox's TokenAccount) on the same instance. */
export const TOKEN_B_CREDENTIAL = { id: 'ryzeBurstCredB01', name: 'RyzeAPI burst: account token' };

/** Both credentials of the burst: A is the sandbox's (TokenInstance), B the TokenAccount. */
export function burstCredentials(baseUrl) {
	return [
		sandboxCredential(baseUrl),
		{ ...TOKEN_B_CREDENTIAL, type: 'ryzeApi', data: { baseUrl, token: 'sandbox-account-token', instance: INSTANCE } },
	];
}

/** The simulator's call log names a token only by kind: A is 'instance', B 'account'. */
export const TOKEN_KIND = { A: 'instance', B: 'account' };

/**
 * The variants: id (fixed workflow id), webhook path, and what is in it.
 * `combineAcrossExecutions` is the coordinator's option (options.batching.batch);
 * before the coordinator exists n8n drops the unknown parameter and the two node
 * variants behave the same.
 */
export const WORKFLOWS = {
	node: { id: 'ryzeBurstNode001', path: 'ryze-burst-node', kind: 'node', credential: 'A', label: 'RyzeAPI node, defaults' },
	nodeSolo: {
		id: 'ryzeBurstSolo001',
		path: 'ryze-burst-node-solo',
		kind: 'node',
		credential: 'A',
		combineAcrossExecutions: false,
		label: 'RyzeAPI node, Combine Across Executions off',
	},
	nodeTokenB: {
		id: 'ryzeBurstNodeB01',
		path: 'ryze-burst-node-b',
		kind: 'node',
		credential: 'B',
		label: 'RyzeAPI node, defaults, token B',
	},
	// Issue 15's isolation checks (test/acceptance/isolation.test.mjs): one workflow with a 10 s workflow timeout,
	// one without; same token, so their calls merge.
	isoTimeout: {
		id: 'ryzeIsoTimeout01',
		path: 'ryze-iso-timeout',
		kind: 'node',
		credential: 'A',
		settings: { executionTimeout: 10 },
		label: 'RyzeAPI node, workflow timeout 10 s',
	},
	isoOther: { id: 'ryzeIsoOther0001', path: 'ryze-iso-other', kind: 'node', credential: 'A', label: 'RyzeAPI node, no timeout' },
	http: {
		id: 'ryzeBurstHttp001',
		path: 'ryze-burst-http',
		kind: 'http',
		credential: 'A',
		label: 'HTTP Request node, Retry On Fail 5 × 5 s',
	},
};

/** A stable UUID-shaped id from a text (node ids and webhook ids stay the same between runs). */
function stableId(text) {
	const hex = createHash('sha1').update(text).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function credentialRef(which) {
	return which === 'B' ? { ryzeApi: { ...TOKEN_B_CREDENTIAL } } : { ryzeApi: { ...SANDBOX_CREDENTIAL } };
}

function setNode(workflowId, name, position, fields) {
	return {
		id: stableId(`${workflowId}/${name}`),
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position,
		parameters: {
			assignments: {
				assignments: Object.entries(fields).map(([field, value]) => ({
					id: stableId(`${workflowId}/${name}/${field}`),
					name: field,
					value,
					type: 'string',
				})),
			},
			options: {},
		},
	};
}

function webhookNode(spec) {
	return {
		id: stableId(`${spec.id}/Webhook`),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position: [0, 0],
		webhookId: stableId(`${spec.id}/webhookId`),
		parameters: { httpMethod: 'POST', path: spec.path, responseMode: 'lastNode', options: {} },
	};
}

const PHONE = "={{ $('Webhook').item.json.body.phone }}";

function nodeWorkflow(spec) {
	const batch = spec.combineAcrossExecutions === undefined ? {} : { combineAcrossExecutions: spec.combineAcrossExecutions };
	const options = Object.keys(batch).length ? { batching: { batch } } : {};
	return {
		id: spec.id,
		name: `Burst: ${spec.label}`,
		nodes: [
			webhookNode(spec),
			{
				id: stableId(`${spec.id}/RyzeAPI`),
				name: 'RyzeAPI',
				type: 'n8n-nodes-ryzeapi.ryzeApi',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					operation: 'manageParticipants',
					group: GROUP,
					action: 'add',
					participants: '={{ $json.body.phone }}',
					options,
				},
				credentials: credentialRef(spec.credential),
			},
			setNode(spec.id, 'Mark success', [500, -100], {
				outcome: 'success',
				contact: '={{ $json.participant }}',
				phone: PHONE,
				errorCode: '',
				error: '',
			}),
			setNode(spec.id, 'Mark failure', [500, 100], {
				outcome: 'failure',
				contact: '={{ $json.participant }}',
				phone: PHONE,
				errorCode: '={{ $json.errorCode }}',
				error: '={{ $json.error }}',
			}),
		],
		connections: {
			Webhook: { main: [[{ node: 'RyzeAPI', type: 'main', index: 0 }]] },
			RyzeAPI: {
				main: [[{ node: 'Mark success', type: 'main', index: 0 }], [{ node: 'Mark failure', type: 'main', index: 0 }]],
			},
		},
		settings: { executionOrder: 'v1', ...(spec.settings ?? {}) },
		pinData: {},
		active: false,
	};
}

function httpWorkflow(spec, baseUrl) {
	const body = `={{ JSON.stringify({ action: 'add', identifier: '${GROUP}', participants: [$json.body.phone] }) }}`;
	const entryContact = "={{ String($json.participants?.[0]?.jid ?? '').split('@')[0] }}";
	return {
		id: spec.id,
		name: `Burst: ${spec.label}`,
		nodes: [
			webhookNode(spec),
			{
				id: stableId(`${spec.id}/HTTP Request`),
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				retryOnFail: true,
				maxTries: 5,
				waitBetweenTries: 5000,
				parameters: {
					method: 'POST',
					url: `${baseUrl}/api/group/participants/${INSTANCE}`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'ryzeApi',
					sendBody: true,
					specifyBody: 'json',
					jsonBody: body,
					options: {},
				},
				credentials: credentialRef(spec.credential),
			},
			{
				id: stableId(`${spec.id}/Added?`),
				name: 'Added?',
				type: 'n8n-nodes-base.if',
				typeVersion: 2.2,
				position: [480, 0],
				parameters: {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
						conditions: [
							{
								id: stableId(`${spec.id}/Added?/condition`),
								leftValue: '={{ $json.participants?.[0]?.success === true }}',
								rightValue: '',
								operator: { type: 'boolean', operation: 'true', singleValue: true },
							},
						],
						combinator: 'and',
					},
					options: {},
				},
			},
			setNode(spec.id, 'Mark success', [720, -100], { outcome: 'success', contact: entryContact, phone: PHONE, errorCode: '', error: '' }),
			setNode(spec.id, 'Mark failure', [720, 100], {
				outcome: 'failure',
				contact: entryContact,
				phone: PHONE,
				errorCode: '',
				error: "={{ $json.participants?.[0]?.error ?? '' }}",
			}),
		],
		connections: {
			Webhook: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] },
			'HTTP Request': { main: [[{ node: 'Added?', type: 'main', index: 0 }]] },
			'Added?': {
				main: [[{ node: 'Mark success', type: 'main', index: 0 }], [{ node: 'Mark failure', type: 'main', index: 0 }]],
			},
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
	};
}

/** The workflow of one variant (a key of WORKFLOWS), for a simulator at `baseUrl`. */
export function burstWorkflow(key, baseUrl) {
	const spec = WORKFLOWS[key];
	if (!spec) throw new Error(`unknown burst workflow "${key}"; known: ${Object.keys(WORKFLOWS).join(', ')}`);
	return spec.kind === 'http' ? httpWorkflow(spec, baseUrl) : nodeWorkflow(spec);
}

/** N distinct contacts: phone 5511970000000 + i, so the simulator adds each (none ends in 000 or 403 by accident). */
export function contacts(count, { first = 1, base = 5511970000000 } = {}) {
	const list = [];
	for (let i = first; list.length < count; i++) {
		const phone = String(base + i);
		if (phone.endsWith('000') || phone.endsWith('403')) continue; // the sandbox's "not on WhatsApp" / privacy rules
		list.push({ name: `Contact ${i}`, phone });
	}
	return list;
}
