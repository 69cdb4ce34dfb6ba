/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * In-process overhead: the node's own cost per participant (steady state, best
 * of 5 after a 20k warm-up), against a stand-in
 * for RyzeAPI that answers at once (no sockets). Run once per size in a fresh
 * process, so that peak memory (maxRSS) belongs to that size alone.
 *
 *   node build/tools/test/bench/overhead.js <participants>
 */
import type { IExecuteFunctions, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import { RyzeApi } from '../../nodes/RyzeApi/RyzeApi.node';
import { createExecuteContext } from '../support/executeContext';
import { phone } from './workload';

const node = new RyzeApi();

/** Answers like RyzeAPI would: every participant added. */
async function answerAtOnce(_type: string, options: IHttpRequestOptions) {
	const sent = (options.body as { participants: string[] }).participants;
	return {
		statusCode: 200,
		headers: { 'x-ratelimit-limit': '100000', 'x-ratelimit-remaining': '100000', 'x-ratelimit-reset': '0' },
		body: { success: true, participants: sent.map((participant) => ({ jid: `${participant}@s.whatsapp.net`, success: true })) },
	};
}

async function run(participants: number): Promise<{ ms: number; out: number }> {
	const items: INodeExecutionData[] = Array.from({ length: participants }, () => ({ json: {} }));
	const { ctx } = createExecuteContext({
		items,
		credentials: { baseUrl: 'http://127.0.0.1:9', token: 'bench', instance: 'sandbox' },
		params: (i) => ({
			operation: 'manageParticipants',
			group: '120363000000000001@g.us',
			action: 'add',
			participants: phone(i),
			options: {},
		}),
	});
	(ctx.helpers as unknown as { httpRequestWithAuthentication: typeof answerAtOnce }).httpRequestWithAuthentication = answerAtOnce;
	const started = performance.now();
	const [success, failure] = await node.execute.call(ctx as IExecuteFunctions);
	const ms = performance.now() - started;
	if (success.length !== participants || failure.length !== 0) throw new Error(`lost participants: ${success.length}/${participants}`);
	return { ms, out: success.length };
}

async function main(): Promise<void> {
	const size = Number(process.argv[2] ?? 1000);
	// Warm-up: 20k participants, so every size is measured with the JIT settled.
	await run(20_000);
	const best = [];
	for (let i = 0; i < 5; i++) best.push((await run(size)).ms);
	const ms = Math.min(...best);
	process.stdout.write(
		`${JSON.stringify({ participants: size, ms, usPerParticipant: (ms * 1000) / size, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`,
	);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
