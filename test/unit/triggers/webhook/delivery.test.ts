/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * One delivery into the RyzeAPI Trigger's webhook(), in process (issue 21):
 * - linear work: `data` is redacted once and shared by the items, counted as the
 *   characters handed to the redactor (never a time);
 * - a delivery over the size cap keeps its items and leaves `raw` out, with a log line;
 * - a `__proto__` key stays an own key of `raw`;
 * - a retried delivery starts no second execution.
 * Deliveries are built from the contract (test/contract/ryzeapi.deliveryForms.ts).
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { MAX_RAW_CHARS } from '../../../../nodes/RyzeApi/triggers/webhook/rawData';
import { RAW_TOO_LARGE, TRIGGER_ITEM_KEYS } from '../../../../nodes/RyzeApi/triggers/webhook/delivery';
import { RyzeApiTrigger } from '../../../../nodes/RyzeApi/RyzeApiTrigger.node';
import { consumerFlow, envelope } from '../../../contract/ryzeapi.deliveryForms';
import { nodeSecret } from '../../../../nodes/RyzeApi/triggers/webhook/deliveryAuth';
import { createWebhookContext } from '../../../support/triggerContext';

/** Characters handed to any redactor the node makes (each call: the JSON size of its argument). */
const mockWork = { chars: 0 };
jest.mock('../../../../nodes/RyzeApi/helpers/redact', () => {
	const actual = jest.requireActual('../../../../nodes/RyzeApi/helpers/redact');
	return {
		...actual,
		createRedactor: (...args: unknown[]) => {
			const redact = actual.createRedactor(...args);
			return (value: unknown) => {
				mockWork.chars += JSON.stringify(value)?.length ?? 0;
				return redact(value);
			};
		},
	};
});

const TOKEN = 'sales-instance-token-1234';
const trigger = new RyzeApiTrigger();
let nodes = 0;

interface Delivered {
	status: number | null;
	items: IDataObject[];
	response: unknown;
	logs: string[];
}

async function deliver(
	body: unknown,
	options: { params?: Record<string, unknown>; typeVersion?: number; nodeId?: string; mode?: 'manual' | 'webhook' } = {},
): Promise<Delivered> {
	// A node of its own unless asked: the same payload twice to one node is a retry.
	const nodeId = options.nodeId ?? `node-${nodes++}`;
	// Signed as RyzeAPI signs a delivery: the Authorization the node registered (deliveryAuth.ts).
	const authorization = nodeSecret(TOKEN, 'wf1', nodeId, undefined);
	const { ctx, responded } = createWebhookContext(
		{
			params: options.params ?? {},
			credentials: { baseUrl: 'http://127.0.0.1:9', token: TOKEN, instance: 'sales' },
			typeVersion: options.typeVersion ?? 2,
			nodeId,
			mode: options.mode ?? 'webhook',
		},
		body,
		{ authorization },
	);
	const logs: string[] = [];
	const log = (level: string) => (message: string) => logs.push(`${level}: ${message}`);
	(ctx as unknown as { logger: unknown }).logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
	const result = await trigger.webhook.call(ctx as IWebhookFunctions);
	return {
		status: responded.status,
		items: result.workflowData?.[0].map((item) => item.json) ?? [],
		response: result.webhookResponse,
		logs,
	};
}

const joined = (count: number, over: Record<string, unknown> = {}) =>
	consumerFlow('joined', {
		participants: Array.from({ length: count }, (_v, i) => ({
			jid: `55119${String(i).padStart(8, '0')}@s.whatsapp.net`,
			lid: `${100000000000000 + i}@lid`,
			name: `Person ${i} `.padEnd(200, 'x'),
		})),
		...over,
	});
const flow = (data: unknown) => envelope('group.flow', data, 'sales', TOKEN);

describe('a large delivery costs work in proportion to its size (issue 21 point 5)', () => {
	async function work(count: number): Promise<{ chars: number; size: number }> {
		const data = joined(count);
		mockWork.chars = 0;
		const { items } = await deliver(flow(data));
		expect(items).toHaveLength(count);
		return { chars: mockWork.chars, size: JSON.stringify(data).length };
	}

	it('4 times the people is about 4 times the redacting, not 16 times', async () => {
		const small = await work(100);
		const large = await work(400);
		// Quadratic (the whole raw per item) gave 16×; one redaction of raw plus each item's own fields gives 4×.
		expect(large.chars / small.chars).toBeLessThan(5);
		// And the raw is redacted about once per redactor (the instance's token, the credential's): 2 × its size, plus the items' fields.
		expect(large.chars).toBeLessThan(6 * large.size);
	});

	it('every item shares the one redacted raw', async () => {
		const data = joined(3, { echo: `token ${TOKEN}` });
		const { items } = await deliver(flow(data));
		expect(items).toHaveLength(3);
		expect(items[1].raw).toBe(items[0].raw);
		expect(items[2].raw).toBe(items[0].raw);
		expect((items[0].raw as IDataObject).echo).toBe('token [redacted]');
		expect((items[0].raw as IDataObject).participants).toEqual(data.participants);
		expect(JSON.stringify(items)).not.toContain(TOKEN);
	});

	it('a delivery over the cap keeps its items, leaves raw out and says so in the log; its data is never redacted', async () => {
		const data = joined(2, { padding: 'p'.repeat(MAX_RAW_CHARS), echo: `token ${TOKEN}` });
		mockWork.chars = 0;
		const { items, logs } = await deliver(flow(data));
		expect(items.map((item) => [item.type, item.participant])).toEqual([
			['joined', '5511900000000@s.whatsapp.net'],
			['joined', '5511900000001@s.whatsapp.net'],
		]);
		expect(items.every((item) => item.raw === RAW_TOO_LARGE)).toBe(true);
		expect(logs).toEqual([expect.stringMatching(/^warn: .*over 1048576 characters of data; its 2 item\(s\) come out with raw left out$/)]);
		expect(mockWork.chars).toBeLessThan(10_000);
		expect(JSON.stringify(items)).not.toContain(TOKEN);
	});
});

describe('a __proto__ key in a delivery (issue 21 point 12)', () => {
	it('stays an own key of raw, also when the redactor copies raw; raw keeps its plain prototype', async () => {
		const data = JSON.parse(
			`{"type":"joined","groupJid":"120363000000000001@g.us","participants":[{"jid":"1@lid"}],` +
				`"__proto__":{"polluted":"yes","jid":"x"},"echo":"token ${TOKEN}"}`,
		) as IDataObject;
		const { items } = await deliver(flow(data));
		const raw = items[0].raw as IDataObject;
		expect(Object.getPrototypeOf(raw)).toBe(Object.prototype);
		expect(raw.polluted).toBeUndefined();
		expect(Object.keys(raw)).toEqual(['type', 'groupJid', 'participants', '__proto__', 'echo']);
		expect(JSON.stringify(raw)).toContain('"__proto__":{"polluted":"yes","jid":"x"}');
		expect(raw.echo).toBe('token [redacted]');
		expect(items[0].participant).toBe('1@lid');
	});
});

describe('a retried delivery starts no second execution', () => {
	const data = consumerFlow('joined');

	it('the same delivery again to the same node: 200, no execution, a log line', async () => {
		const first = await deliver(flow(data), { nodeId: 'welcome' });
		expect(first.items).toHaveLength(2);
		const again = await deliver(flow(data), { nodeId: 'welcome' });
		expect(again.items).toEqual([]);
		expect(again.status).toBeNull();
		expect(again.response).toEqual({ received: true, items: 0, duplicate: true });
		expect(again.logs).toEqual([
			expect.stringMatching(/^info: .*repeats one that started an execution 0 s ago \(a RyzeAPI retry\); it starts none$/),
		]);
	});

	it('another node, the test webhook, another time or another change are not the same delivery', async () => {
		await deliver(flow(data), { nodeId: 'n1' });
		expect((await deliver(flow(data), { nodeId: 'n2' })).items).toHaveLength(2);
		expect((await deliver(flow(data), { nodeId: 'n1', mode: 'manual' })).items).toHaveLength(2);
		expect((await deliver(flow({ ...data, timestamp: '2026-01-02T03:04:06.000Z' }), { nodeId: 'n1' })).items).toHaveLength(2);
		expect((await deliver(flow(consumerFlow('left')), { nodeId: 'n1' })).items).toHaveLength(2);
		expect((await deliver(envelope('group.flow', data, 'sales', TOKEN), { nodeId: 'n1' })).items).toEqual([]);
	});

	it('a refused delivery, or one that started nothing, is not remembered', async () => {
		const forged = envelope('group.flow', data, 'sales', 'not-the-token');
		expect((await deliver(forged, { nodeId: 'n3' })).status).toBe(401);
		expect((await deliver(flow(data), { nodeId: 'n3', params: { events: ['left'] } })).items).toEqual([]);
		expect((await deliver(flow(data), { nodeId: 'n3' })).items).toHaveLength(2);
	});
});

describe('version 2 events through the node', () => {
	it('Group Subject Changed: a rename gives one item of type subject with the version 2 keys', async () => {
		const { items } = await deliver(flow(consumerFlow('name', { groupName: 'New name' })), { params: { events: ['subject'] } });
		expect(items).toHaveLength(1);
		expect(Object.keys(items[0])).toEqual(TRIGGER_ITEM_KEYS[2]);
		expect(items[0]).toMatchObject({ event: 'group.flow', type: 'subject', groupName: 'New name', participant: null, state: null });
	});

	it('version 1 keeps its keys and its one settings item', async () => {
		const { items } = await deliver(flow(consumerFlow('name')), { params: { events: ['settings'] }, typeVersion: 1 });
		expect(items.map((item) => item.type)).toEqual(['settings']);
		expect(Object.keys(items[0])).toEqual([
			'event',
			'type',
			'group',
			'groupName',
			'participant',
			'lid',
			'phoneNumber',
			'instance',
			'timestamp',
			'raw',
		]);
	});

	const state = (data: unknown) => envelope('instance.state', data, 'sales', TOKEN);

	it.each([
		[{ state: 'logged_out' }, 'logged_out'],
		[{ state: 'loggedout' }, 'logged_out'],
		['LOGGED_OUT', 'logged_out'],
		[{ status: 'temp_banned' }, 'temp_banned'],
		[{ connection: { state: 'qr_ready' } }, 'qr_ready'],
		[{ state: 'connected', timestamp: 1767322800 }, 'connected'],
		[{ state: 'paused' }, 'paused'],
		[{ what: 'ever' }, null],
	])('Instance State Changed: %p gives state %p, raw kept', async (data, expected) => {
		const { items } = await deliver(state(data), { params: { events: ['instanceState'] } });
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ event: 'instance.state', type: 'instanceState', state: expected, instance: 'sales', raw: data });
	});

	it('an instance state passes the Group Filter; unselected it starts nothing in version 2, and is unknown in version 1', async () => {
		const group = { __rl: true, mode: 'id', value: '120363000000000001@g.us' };
		expect((await deliver(state({ state: 'connected' }), { params: { events: ['instanceState'], group } })).items).toHaveLength(1);
		expect((await deliver(state({ state: 'connected' }))).items).toEqual([]);
		const v1 = await deliver(state({ state: 'connected' }), { typeVersion: 1 });
		expect(v1.items.map((item) => [item.event, item.type])).toEqual([['instance.state', 'unknown']]);
	});
});
