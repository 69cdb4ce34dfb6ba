/**
 * Test contexts for the trigger nodes: IHookFunctions (webhook lifecycle),
 * IWebhookFunctions (one delivery) and IPollFunctions (one poll), whose
 * httpRequestWithAuthentication is n8n-like axios over real sockets (executeContext.ts).
 * Locator parameters ({__rl, mode, value}) are unwrapped with extractValue.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	INode,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { n8nLikeHttpRequest } from './executeContext';

export interface TriggerOptions {
	params: Record<string, unknown>;
	credentials: ICredentialDataDecryptedObject;
	mode?: 'manual' | 'trigger' | 'webhook';
	workflowId?: string;
	nodeId?: string;
	webhookUrl?: string;
	staticData?: IDataObject;
	/** The node's typeVersion (1 when not given). */
	typeVersion?: number;
}

function parameter(params: Record<string, unknown>, name: string, fallback: unknown, options?: { extractValue?: boolean }): unknown {
	const value = name in params ? params[name] : fallback;
	if (options?.extractValue && value && typeof value === 'object' && 'value' in (value as IDataObject)) {
		return (value as IDataObject).value;
	}
	return value;
}

function base(options: TriggerOptions, requests: IHttpRequestOptions[]) {
	const node: INode = {
		id: options.nodeId ?? 'node-1',
		name: 'RyzeAPI Trigger',
		type: 'n8n-nodes-ryzeapi.ryzeApiTrigger',
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.params as INode['parameters'],
	};
	const staticData = options.staticData ?? {};
	return {
		node,
		staticData,
		ctx: {
			getNode: () => node,
			getMode: () => options.mode ?? 'trigger',
			getActivationMode: () => 'activate',
			getWorkflow: () => ({ id: options.workflowId ?? 'wf1', name: 'test', active: true }),
			getCredentials: async () => ({ ...options.credentials }),
			getNodeParameter: (name: string, fallback?: unknown, opts?: { extractValue?: boolean }) =>
				parameter(options.params, name, fallback, opts),
			getNodeWebhookUrl: () => options.webhookUrl,
			getWorkflowStaticData: () => staticData,
			logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
			helpers: {
				httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) => {
					requests.push(request);
					return await n8nLikeHttpRequest(request, options.credentials, node);
				},
			},
		},
	};
}

export function createHookContext(options: TriggerOptions): { ctx: IHookFunctions; requests: IHttpRequestOptions[] } {
	const requests: IHttpRequestOptions[] = [];
	return { ctx: base(options, requests).ctx as unknown as IHookFunctions, requests };
}

export function createPollContext(options: TriggerOptions): {
	ctx: IPollFunctions;
	requests: IHttpRequestOptions[];
	staticData: IDataObject;
} {
	const requests: IHttpRequestOptions[] = [];
	const built = base(options, requests);
	return { ctx: built.ctx as unknown as IPollFunctions, requests, staticData: built.staticData };
}

export interface Responded {
	status: number | null;
	body: unknown;
}

/** One delivery: `body` as n8n parsed it, `headers` as received. `responded` is what the node wrote itself (a refusal). */
export function createWebhookContext(
	options: TriggerOptions,
	body: unknown,
	headers: Record<string, string | string[] | undefined> = {},
): { ctx: IWebhookFunctions; responded: Responded } {
	const responded: Responded = { status: null, body: undefined };
	const response = {
		status(code: number) {
			responded.status = code;
			return response;
		},
		json(value: unknown) {
			responded.body = value;
			return response;
		},
	};
	const built = base(options, []);
	const ctx = {
		...built.ctx,
		getBodyData: () => body,
		getHeaderData: () => headers,
		getResponseObject: () => response,
		getRequestObject: () => ({ body, headers }),
	};
	return { ctx: ctx as unknown as IWebhookFunctions, responded };
}
