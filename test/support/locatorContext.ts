/**
 * Test contexts for node version 1.1, where Instance and Group are resource locators.
 *
 * - createVersionedContext: the execute context of executeContext.ts, with the node's
 *   typeVersion set and getNodeParameter's `extractValue` option honoured as n8n-core
 *   does for a resource locator: `{ __rl, mode, value }` gives `value` only when
 *   `extractValue: true` is asked for, and the object itself otherwise. A node that
 *   forgot to ask would get the object and fail.
 * - createLoadOptionsContext: an ILoadOptionsFunctions for the "From List" pickers
 *   (methods.listSearch), with the same real HTTP helper (axios, real sockets).
 */
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeParameterResourceLocator,
} from 'n8n-workflow';

import { RyzeApi } from '../../nodes/RyzeApi/RyzeApi.node';
import { createExecuteContext, n8nLikeHttpRequest, type ContextOptions, type RecordedRequest, type TestContext } from './executeContext';

export const node = new RyzeApi();

export function isLocator(value: unknown): value is INodeParameterResourceLocator {
	return typeof value === 'object' && value !== null && (value as { __rl?: unknown }).__rl === true;
}

/** A resource locator value as n8n stores it. */
export function rl(mode: string, value: string, cachedResultName?: string): INodeParameterResourceLocator {
	return { __rl: true, mode, value, ...(cachedResultName ? { cachedResultName } : {}) };
}

/** Which parameter names were read with `extractValue: true`. */
export interface VersionedContext extends TestContext {
	extracted: Set<string>;
}

export function createVersionedContext(options: ContextOptions & { typeVersion: number }): VersionedContext {
	const test = createExecuteContext(options);
	const extracted = new Set<string>();
	const plain = test.ctx.getNodeParameter.bind(test.ctx) as (name: string, itemIndex: number, fallback?: unknown) => unknown;
	const nodeOfTest: INode = { ...test.ctx.getNode(), typeVersion: options.typeVersion };
	Object.assign(test.ctx, {
		getNode: () => nodeOfTest,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown, readOptions?: { extractValue?: boolean }) => {
			const value = plain(name, itemIndex, fallback);
			if (readOptions?.extractValue !== true) return value;
			extracted.add(name);
			return isLocator(value) ? value.value : value;
		},
	});
	return { ...test, extracted };
}

export async function runVersioned(options: ContextOptions & { typeVersion: number }) {
	const { ctx } = createVersionedContext(options);
	return await node.execute.call(ctx);
}

export interface LoadOptionsTest {
	ctx: ILoadOptionsFunctions;
	requests: RecordedRequest[];
}

export function createLoadOptionsContext(options: {
	credentials: ICredentialDataDecryptedObject;
	/** The node's current parameters, as the editor holds them. */
	parameters?: Record<string, unknown>;
	typeVersion?: number;
}): LoadOptionsTest {
	const requests: RecordedRequest[] = [];
	const parameters = options.parameters ?? {};
	const nodeOfTest: INode = {
		id: 'test-node',
		name: 'RyzeAPI',
		type: 'n8n-nodes-ryzeapi.ryzeApi',
		typeVersion: options.typeVersion ?? 1.1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
	};
	const ctx = {
		getNode: () => nodeOfTest,
		getCredentials: async (type: string) => {
			if (type !== 'ryzeApi') throw new Error(`unexpected credential type ${type}`);
			return { ...options.credentials };
		},
		getCurrentNodeParameter: (name: string, readOptions?: { extractValue?: boolean }) => {
			const value = parameters[name];
			return readOptions?.extractValue === true && isLocator(value) ? value.value : value;
		},
		getCurrentNodeParameters: () => parameters,
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
		helpers: {
			httpRequestWithAuthentication: async function (type: string, requestOptions: IHttpRequestOptions) {
				requests.push({ options: JSON.parse(JSON.stringify(requestOptions)), credentialType: type });
				return await n8nLikeHttpRequest(requestOptions, options.credentials, nodeOfTest);
			},
			httpRequest: async () => {
				throw new Error('The node must use httpRequestWithAuthentication');
			},
		},
	} as unknown as ILoadOptionsFunctions;
	return { ctx, requests };
}
