/**
 * A test IExecuteFunctions whose httpRequestWithAuthentication is real: axios over
 * real sockets, mirroring n8n-core's helper (request-helper-functions.js):
 * - applies the credential's `authenticate` block (the `token` header);
 * - maps IHttpRequestOptions to axios like convertN8nRequestToAxios: qs → params,
 *   body → data, json → Accept header, timeout, ignoreHttpStatusErrors →
 *   validateStatus, disableFollowRedirect → maxRedirects 0 (otherwise axios follows
 *   redirects, like n8n), encoding → responseType, returnFullResponse →
 *   {body, headers, statusCode, statusMessage};
 * - like httpRequestWithAuthentication, replaces any abortSignal the node passes
 *   with `this.getExecutionCancelSignal()` whenever `this` (the context the helper
 *   is called with) has that method, and aborts the request with it (axios
 *   `signal`), exactly as n8n-core 2.8.x-2.41.x do;
 * - reads the credential through `this.getCredentials`, as n8n-core does;
 * - wraps any thrown AxiosError in NodeApiError(node, error), as n8n-core does.
 */
import axios, { type AxiosRequestConfig } from 'axios';
import {
	NodeApiError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { RyzeApi as RyzeApiCredential } from '../../credentials/RyzeApi.credentials';
import { RyzeApi } from '../../nodes/RyzeApi/RyzeApi.node';
import { resolveObject } from './expression';

export interface RecordedRequest {
	options: IHttpRequestOptions;
	credentialType: string;
}

export interface ContextOptions {
	/** Parameters for every item, or per item. */
	params: Record<string, unknown> | ((itemIndex: number) => Record<string, unknown>);
	items?: INodeExecutionData[];
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** undefined: the host has no isToolExecution (older n8n). */
	toolMode?: boolean;
	/** Node fields n8n sets, e.g. the Tool variant's `type` or `rewireOutputLogTo: 'ai_tool'`. */
	node?: Partial<INode>;
	/** The execution's stop signal, as n8n's getExecutionCancelSignal() gives it. */
	cancelSignal?: AbortSignal;
}

export interface TestContext {
	ctx: IExecuteFunctions;
	requests: RecordedRequest[];
	logs: string[];
	/** Execution hints the node added (n8n shows them in the output pane). */
	hints: Array<{ message: string; location?: string }>;
}

const node = new RyzeApi();
const credentialType = new RyzeApiCredential();

/** The parameter's default as the node description declares it. */
function declaredDefault(name: string, params: Record<string, unknown>): unknown {
	const candidates = node.description.properties.filter((property: INodeProperties) => property.name === name);
	const shown =
		candidates.find((property) => {
			const show = property.displayOptions?.show ?? {};
			return Object.entries(show).every(([key, values]) => (values as unknown[]).includes(params[key]));
		}) ?? candidates[0];
	return shown?.default;
}

export async function n8nLikeHttpRequest(
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	nodeForErrors: INode,
): Promise<unknown> {
	const authHeaders = resolveObject(
		credentialType.authenticate.properties.headers as Record<string, unknown>,
		credentials as Record<string, unknown>,
	);
	const headers: Record<string, unknown> = { ...(options.headers ?? {}), ...authHeaders };
	if (options.json && !Object.keys(headers).some((key) => key.toLowerCase() === 'accept')) {
		headers.Accept = 'application/json';
	}
	if (!Object.keys(headers).some((key) => key.toLowerCase() === 'user-agent')) headers['User-Agent'] = 'n8n';
	const config: AxiosRequestConfig = {
		method: options.method ?? 'GET',
		url: options.url,
		baseURL: options.baseURL,
		headers: headers as AxiosRequestConfig['headers'],
		params: options.qs,
		timeout: options.timeout,
		maxBodyLength: Infinity,
		maxContentLength: Infinity,
	};
	if (options.disableFollowRedirect === true) config.maxRedirects = 0;
	if (options.encoding !== undefined) config.responseType = options.encoding as AxiosRequestConfig['responseType'];
	const body = options.body as unknown;
	if (body && (typeof body === 'string' || (typeof body === 'object' && Object.keys(body).length > 0))) {
		if ((options.method ?? 'GET').toUpperCase() !== 'GET') config.data = body;
	}
	if (options.ignoreHttpStatusErrors) config.validateStatus = () => true;
	if (options.abortSignal) config.signal = options.abortSignal;
	try {
		const response = await axios(config);
		if (options.returnFullResponse) {
			return {
				body: response.data,
				headers: response.headers,
				statusCode: response.status,
				statusMessage: response.statusText,
			};
		}
		return response.data;
	} catch (error) {
		throw new NodeApiError(nodeForErrors, error as never);
	}
}

export function createExecuteContext(options: ContextOptions): TestContext {
	const items = options.items ?? [{ json: {} }];
	const requests: RecordedRequest[] = [];
	const logs: string[] = [];
	const hints: TestContext['hints'] = [];
	const paramsFor = (itemIndex: number): Record<string, unknown> =>
		typeof options.params === 'function' ? options.params(itemIndex) : options.params;
	const nodeDescription: INode = {
		id: 'test-node',
		name: 'RyzeAPI',
		type: 'n8n-nodes-ryzeapi.ryzeApi',
		typeVersion: 1,
		position: [0, 0],
		parameters: paramsFor(0) as INode['parameters'],
		...options.node,
	};
	const log = (level: string) => (message: string, meta?: unknown) =>
		logs.push(`${level} ${message} ${meta === undefined ? '' : JSON.stringify(meta)}`);

	const ctx = {
		getInputData: () => items,
		getExecutionCancelSignal: () => options.cancelSignal,
		getNode: () => nodeDescription,
		continueOnFail: () => options.continueOnFail === true,
		getCredentials: async (type: string) => {
			if (type !== 'ryzeApi') throw new Error(`unexpected credential type ${type}`);
			return { ...options.credentials };
		},
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			const params = paramsFor(itemIndex);
			const [head, ...rest] = name.split('.');
			let value: unknown = params[head];
			for (const part of rest) value = value && typeof value === 'object' ? (value as IDataObject)[part] : undefined;
			if (value !== undefined) return value;
			if (fallback !== undefined) return fallback;
			const declared = declaredDefault(name, params);
			if (declared !== undefined) return declared;
			throw new Error(`Could not get parameter "${name}"`);
		},
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		addExecutionHints: (...added: TestContext['hints']) => hints.push(...added),
		helpers: {
			httpRequestWithAuthentication: async function (this: unknown, type: string, requestOptions: IHttpRequestOptions) {
				// n8n-core: `if ('getExecutionCancelSignal' in this) requestOptions.abortSignal = this.getExecutionCancelSignal();`
				const self = this as Partial<IExecuteFunctions>;
				if (self !== null && typeof self === 'object' && 'getExecutionCancelSignal' in self) {
					requestOptions.abortSignal = self.getExecutionCancelSignal?.();
				}
				const decrypted = (await self.getCredentials!(type)) as ICredentialDataDecryptedObject;
				requests.push({ options: JSON.parse(JSON.stringify({ ...requestOptions, abortSignal: undefined })), credentialType: type });
				return await n8nLikeHttpRequest(requestOptions, decrypted, nodeDescription);
			},
			httpRequest: async () => {
				throw new Error('The node must use httpRequestWithAuthentication');
			},
		},
	} as unknown as IExecuteFunctions & { isToolExecution?: () => boolean };

	if (options.toolMode !== undefined) {
		(ctx as { isToolExecution?: () => boolean }).isToolExecution = () => options.toolMode === true;
	}
	return { ctx, requests, logs, hints };
}

export async function runNode(options: ContextOptions): Promise<INodeExecutionData[][]> {
	const { ctx } = createExecuteContext(options);
	return await node.execute.call(ctx);
}
