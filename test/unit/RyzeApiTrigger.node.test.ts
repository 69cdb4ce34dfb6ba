import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { INSTANCE_STATE_EVENT } from '../../nodes/RyzeApi/triggers/webhook/events';
import { GROUP_FLOW_EVENT } from '../../nodes/RyzeApi/triggers/webhook/groupFlow';
import { MAX_ENABLED_WEBHOOKS, WEBHOOK_EVENTS } from '../../nodes/RyzeApi/triggers/webhook/webhookConfig';
import { RyzeApi } from '../../nodes/RyzeApi/RyzeApi.node';
import { RyzeApiJoinRequestTrigger } from '../../nodes/RyzeApi/RyzeApiJoinRequestTrigger.node';
import { RyzeApiTrigger } from '../../nodes/RyzeApi/RyzeApiTrigger.node';
import packageJson from '../../package.json';
import { EVENTS_CONTRACT, PENDING_REQUESTS_CONTRACT } from '../contract/ryzeapi.events';

const webhook = new RyzeApiTrigger().description;
const polling = new RyzeApiJoinRequestTrigger().description;
const action = new RyzeApi().description;
const prop = (props: INodeProperties[], name: string) => props.find((p) => p.name === name) as INodeProperties;

describe('trigger descriptions', () => {
	it('have the stable names, their versions and the ryzeApi credential', () => {
		expect(webhook).toMatchObject({ name: 'ryzeApiTrigger', version: [1, 2], group: ['trigger'], inputs: [] });
		expect(polling).toMatchObject({ name: 'ryzeApiJoinRequestTrigger', version: 1, polling: true, group: ['trigger'], inputs: [] });
		for (const d of [webhook, polling]) {
			expect(d.credentials).toEqual([{ name: 'ryzeApi', required: true }]);
			expect(d.icon).toEqual(action.icon);
			expect(packageJson.n8n.nodes).toContain(`dist/nodes/RyzeApi/${d.name.charAt(0).toUpperCase()}${d.name.slice(1)}.node.js`);
		}
	});

	it('reuse the action node pickers: Instance (list, name) and Group (list, id, invite)', () => {
		const modes = (p: INodeProperties) => (p.modes ?? []).map((m) => m.name);
		const actionGroup = action.properties.find((p) => p.name === 'group' && p.type === 'resourceLocator') as INodeProperties;
		expect(modes(prop(polling.properties, 'instance'))).toEqual(['list', 'name']);
		expect(prop(polling.properties, 'group')).toMatchObject({ type: 'resourceLocator', required: true, modes: actionGroup.modes });
		expect(prop(polling.properties, 'group').displayOptions).toBeUndefined();
		expect(modes(prop(webhook.properties, 'group'))).toEqual(['list', 'id']);
		expect(prop(webhook.properties, 'group').required).toBe(false);
	});

	it('Events: version 1 keeps its five options, version 2 tells settings apart; the four participant events by default', () => {
		const events = webhook.properties.filter((p) => p.name === 'events');
		expect(events.map((p) => p.displayOptions)).toEqual([{ show: { '@version': [1] } }, { show: { '@version': [2] } }]);
		// Version 1 exactly as saved workflows know it: names, values and descriptions.
		expect(events[0].options).toEqual([
			{ name: 'Demoted', value: 'demoted', description: 'An admin became a plain member' },
			{ name: 'Group Settings Changed', value: 'settings', description: 'Name, description, announce, locked, invite link…' },
			{ name: 'Joined', value: 'joined', description: 'Someone joined or was added' },
			{ name: 'Left', value: 'left', description: 'Someone left or was removed' },
			{ name: 'Promoted', value: 'promoted', description: 'A member became an admin' },
		]);
		const names = (events[1].options as INodePropertyOptions[]).map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(names).toEqual(expect.arrayContaining(['Group Subject Changed', 'Instance State Changed']));
		for (const field of events) expect(field.default).toEqual(['joined', 'left', 'promoted', 'demoted']);
	});

	it('the webhook trigger has one POST webhook and its whole lifecycle', () => {
		expect(webhook.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }]);
		const methods = new RyzeApiTrigger().webhookMethods.default;
		expect(Object.keys(methods).sort()).toEqual(['checkExists', 'create', 'delete']);
	});
});

describe('the nodes follow the RyzeAPI contract (test/contract/ryzeapi.events.ts)', () => {
	it('events API', () => {
		expect(MAX_ENABLED_WEBHOOKS).toBe(EVENTS_CONTRACT.maxEnabledWebhooks.value);
		expect(GROUP_FLOW_EVENT).toBe(EVENTS_CONTRACT.groupFlowEvent.value);
		expect(WEBHOOK_EVENTS).toEqual([EVENTS_CONTRACT.groupFlowEvent.value]);
		expect(EVENTS_CONTRACT.eventTypes.value).toContain(GROUP_FLOW_EVENT);
		expect(EVENTS_CONTRACT.eventTypes.value).toContain(INSTANCE_STATE_EVENT);
	});

	it('every fact cites a RyzeAPI doc page', () => {
		for (const fact of [...Object.values(EVENTS_CONTRACT), ...Object.values(PENDING_REQUESTS_CONTRACT)]) {
			expect(fact.source).toMatch(/^https:\/\/docs\.ryzeapi\.cloud\/en\/api\//);
		}
	});
});
