/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * One large webhook delivery into the RyzeAPI Trigger, in process (no sockets): the
 * synchronous work of webhook() for a `group.flow` delivery of N people, in the
 * consumer shape (one list, entries of about 270 characters, as the 1,024-person
 * 277 KB delivery of issue 21) and the whatsmeow shape (four lists of N). Best of 3
 * after a warm-up; the figure that matters is the ratio of the time per person at the
 * largest size to that at the smallest (1.00 = exactly linear).
 *
 *   npm run build:tools && node build/tools/test/bench/delivery.js [64,256,1024] [--no-huge]
 */
import type { IWebhookFunctions } from 'n8n-workflow';

import { RyzeApiTrigger } from '../../nodes/RyzeApi/RyzeApiTrigger.node';
import { createWebhookContext } from '../support/triggerContext';

const TOKEN = 'bench-instance-token';
const GROUP = '120363000000000001@g.us';
const trigger = new RyzeApiTrigger();

function person(i: number) {
	const digits = String(5511900000000 + i);
	return {
		jid: `${digits}@s.whatsapp.net`,
		lid: `${100000000000000 + i}@lid`,
		phoneNumber: `${digits}@s.whatsapp.net`,
		name: `Person ${i} `.padEnd(180, 'x'),
	};
}

function consumer(people: number) {
	return {
		type: 'joined',
		groupJid: GROUP,
		groupName: 'Bench',
		timestamp: '2026-01-02T03:04:05Z',
		participants: Array.from({ length: people }, (_v, i) => person(i)),
	};
}

function whatsmeow(people: number) {
	const list = (offset: number) => Array.from({ length: people }, (_v, i) => person(offset + i).jid);
	return { JID: GROUP, Timestamp: '2026-01-02T03:04:05Z', Join: list(0), Leave: list(10_000), Promote: list(20_000), Demote: list(30_000) };
}

let run = 0;
async function deliver(data: unknown): Promise<{ ms: number; items: number }> {
	// A new node id per delivery: the same payload twice is a replay, which the node drops.
	const { ctx } = createWebhookContext(
		{
			params: { events: ['joined', 'left', 'promoted', 'demoted'] },
			credentials: { baseUrl: 'http://127.0.0.1:9', token: TOKEN, instance: 'sandbox' },
			nodeId: `bench-${run++}`,
		},
		{ event: 'group.flow', data, instanceData: { baseUrl: 'http://127.0.0.1:9', instance: 'sandbox', token: TOKEN } },
	);
	const started = performance.now();
	const result = await trigger.webhook.call(ctx as IWebhookFunctions);
	const ms = performance.now() - started;
	return { ms, items: result.workflowData?.[0].length ?? 0 };
}

async function measure(shape: string, make: (people: number) => unknown, sizes: number[]) {
	await deliver(make(sizes[0]));
	const rows: Array<{ people: number; chars: number; items: number; ms: number }> = [];
	for (const people of sizes) {
		const data = make(people);
		let best = Infinity;
		let items = 0;
		for (let i = 0; i < 3; i++) {
			const got = await deliver(data);
			best = Math.min(best, got.ms);
			items = got.items;
		}
		rows.push({ people, chars: JSON.stringify(data).length, items, ms: best });
	}
	console.log(`${shape}:`);
	console.log('  people     chars   items        ms  µs/item');
	for (const row of rows) {
		const perItem = (row.ms * 1000) / row.items;
		console.log(
			`  ${String(row.people).padStart(6)} ${String(row.chars).padStart(9)} ${String(row.items).padStart(7)} ${row.ms.toFixed(1).padStart(9)} ${perItem.toFixed(1).padStart(8)}`,
		);
	}
	const first = rows[0];
	const last = rows[rows.length - 1];
	const ratio = last.ms / last.items / (first.ms / first.items);
	console.log(
		`  time per item at ${last.people} / at ${first.people}: ${ratio.toFixed(2)} (1.00 = exactly linear; ${(last.people / first.people).toFixed(0)} if quadratic)`,
	);
}

/** Two people and 15 MB of text (n8n's body cap is 16 MB): over the node's raw cap. */
async function huge(): Promise<void> {
	const data = { ...consumer(2), padding: 'p'.repeat(15 * 1024 * 1024) };
	let best = Infinity;
	for (let i = 0; i < 3; i++) best = Math.min(best, (await deliver(data)).ms);
	console.log(`one delivery of 15 MB (2 people): ${best.toFixed(1)} ms`);
}

async function main(): Promise<void> {
	const sizes = (process.argv[2] ?? '64,256,1024').split(',').map(Number);
	await measure('consumer shape, one list', consumer, sizes);
	await measure('whatsmeow shape, four lists', whatsmeow, sizes);
	if (!process.argv.includes('--no-huge')) await huge();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
