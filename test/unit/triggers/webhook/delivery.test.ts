/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * One delivery into the RyzeAPI Trigger's webhook(), in process: version 2's events.
 * Deliveries are built from the contract (test/contract/ryzeapi.deliveries.ts).
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { TRIGGER_ITEM_KEYS } from '../../../../nodes/RyzeApi/triggers/webhook/delivery';
import { RyzeApiTrigger } from '../../../../nodes/RyzeApi/RyzeApiTrigger.node';
import { consumerFlow, envelope } from '../../../contract/ryzeapi.deliveries';
import { createWebhookContext } from '../../../support/triggerContext';

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
	const { ctx, responded } = createWebhookContext(
		{
			params: options.params ?? {},
			credentials: { baseUrl: 'http://127.0.0.1:9', token: TOKEN, instance: 'sales' },
			typeVersion: options.typeVersion ?? 2,
			// A node of its own unless asked.
			nodeId: options.nodeId ?? `node-${nodes++}`,
			mode: options.mode ?? 'webhook',
		},
		body,
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

const flow = (data: unknown) => envelope('group.flow', data, 'sales', TOKEN);

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
