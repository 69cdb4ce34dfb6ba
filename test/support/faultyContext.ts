/**
 * The node's test context (executeContext.ts) with the in-process faulty RyzeAPI
 * (faultyTransport.ts) in place of the socket transport. Kept apart from the fake
 * server, which knows RyzeAPI only from the contract and never reaches nodes/
 * (test/repo/contractBoundary.test.ts); this file is the glue that runs the node.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { createExecuteContext, type ContextOptions, type TestContext } from './executeContext';
import type { FaultyRyzeApi } from './faultyTransport';

/**
 * The test context of executeContext.ts, with the fake server in place of the
 * socket transport. Everything else (parameters, logs, continueOnFail) is the same.
 */
export function createFaultyContext(options: ContextOptions, server: FaultyRyzeApi): TestContext {
	const context = createExecuteContext(options);
	const node = context.ctx.getNode();
	const send = server.httpRequestWithAuthentication(options.credentials, node);
	const helpers = context.ctx.helpers as unknown as Record<string, unknown>;
	helpers.httpRequestWithAuthentication = async function (type: string, requestOptions: IHttpRequestOptions) {
		context.requests.push({ options: JSON.parse(JSON.stringify(requestOptions)), credentialType: type });
		return await send(type, requestOptions);
	};
	return context;
}
