/**
 * The events table (issue 22 point 4): what the Events field offers and what the
 * delivery readers produce come from one table, so an option no delivery can
 * produce, or a type the user cannot select, fails here. Deliveries are built from
 * the contract (test/contract/ryzeapi.deliveryForms.ts), never from nodes/.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { readDelivery } from '../../../../nodes/RyzeApi/triggers/webhook/changes';
import {
	TRIGGER_EVENTS,
	TRIGGER_VERSIONS,
	UNKNOWN,
	webhookEventsFor,
	type TriggerVersion,
} from '../../../../nodes/RyzeApi/triggers/webhook/events';
import { RyzeApiTrigger } from '../../../../nodes/RyzeApi/RyzeApiTrigger.node';
import { DELIVERY_FACTS, consumerFlow, everyDelivery, whatsmeowFlow } from '../../../contract/ryzeapi.deliveryForms';
import { EVENTS_CONTRACT } from '../../../contract/ryzeapi.events';

const description = new RyzeApiTrigger().description;

/** The Events options the editor shows on a node of this version (its displayOptions). */
function offered(version: number): string[] {
	const fields = description.properties.filter(
		(p: INodeProperties) => p.name === 'events' && (p.displayOptions?.show?.['@version'] as number[] | undefined)?.includes(version),
	);
	expect(fields).toHaveLength(1);
	return (fields[0].options as INodePropertyOptions[]).map((option) => String(option.value));
}

/** Every type the readers give for the deliveries the contract can build, `unknown` aside. */
function produced(version: TriggerVersion): Set<string> {
	const types = new Set<string>();
	for (const { event, data } of everyDelivery()) {
		for (const change of readDelivery(event, data, version)) if (change.type !== UNKNOWN) types.add(change.type);
	}
	return types;
}

describe('the events table', () => {
	it('the node has one Events field per trigger version', () => {
		expect(description.version).toEqual([1, 2]);
		for (const version of TRIGGER_VERSIONS) expect(offered(version).length).toBeGreaterThan(0);
	});

	it.each(TRIGGER_VERSIONS.map((version) => [version]))(
		'version %p: every selectable event is produced by some delivery, and everything produced is selectable',
		(version) => {
			const selectable = offered(version).sort();
			const made = [...produced(version)].sort();
			expect(selectable.filter((value) => !made.includes(value))).toEqual([]);
			expect(made.filter((value) => !selectable.includes(value))).toEqual([]);
		},
	);

	it('version 1 offers exactly what it always offered (saved workflows)', () => {
		expect(offered(1).sort()).toEqual(['demoted', 'joined', 'left', 'promoted', 'settings']);
	});

	it('version 2 tells the settings apart and adds the instance state', () => {
		expect(offered(2).sort()).toEqual(
			[
				'announce',
				'demoted',
				'description',
				'instanceState',
				'inviteLink',
				'joined',
				'left',
				'locked',
				'otherSettings',
				'promoted',
				'subject',
			].sort(),
		);
	});

	it('values are unique and never renamed: each earlier value is still in the table', () => {
		const values = TRIGGER_EVENTS.map((event) => event.value);
		expect(new Set(values).size).toBe(values.length);
		expect(values).toEqual(expect.arrayContaining(['joined', 'left', 'promoted', 'demoted', 'settings']));
	});

	it('the catalog names (name, topic, announce) and whatsmeow fields each give their own event in version 2', () => {
		const typeOf = (data: unknown, version: TriggerVersion = 2) =>
			readDelivery(EVENTS_CONTRACT.groupFlowEvent.value, data, version).map((change) => change.type);
		expect(typeOf(consumerFlow('name'))).toEqual(['subject']);
		expect(typeOf(consumerFlow('topic'))).toEqual(['description']);
		expect(typeOf(consumerFlow('announce'))).toEqual(['announce']);
		expect(typeOf(whatsmeowFlow('Locked', { IsLocked: true }))).toEqual(['locked']);
		expect(typeOf(whatsmeowFlow('NewInviteLink', 'https://chat.whatsapp.com/AbC'))).toEqual(['inviteLink']);
		expect(typeOf(whatsmeowFlow('Ephemeral', { IsEphemeral: true }))).toEqual(['otherSettings']);
		// Version 1: the same deliveries, as it always reported them.
		expect(typeOf(consumerFlow('name'), 1)).toEqual(['settings']);
		expect(typeOf({ ...whatsmeowFlow('Name', { Name: 'New' }), Topic: { Topic: 'x' }, Join: ['1@lid'] }, 1)).toEqual([
			'joined',
			'settings',
		]);
		expect(typeOf({ ...whatsmeowFlow('Name', { Name: 'New' }), Topic: { Topic: 'x' }, Join: ['1@lid'] }, 2)).toEqual([
			'joined',
			'subject',
			'description',
		]);
	});

	it('an instance.state delivery is unknown in version 1, as before', () => {
		const changes = readDelivery(DELIVERY_FACTS.instanceStateEvent.value, { state: 'connected' }, 1);
		expect(changes.map((change) => change.type)).toEqual([UNKNOWN]);
	});
});

describe('webhookEventsFor: what the webhook registration subscribes to', () => {
	it('group.flow for version 1 and for the participant and settings events', () => {
		expect(webhookEventsFor(1, ['joined', 'settings', 'instanceState'])).toEqual([EVENTS_CONTRACT.groupFlowEvent.value]);
		expect(webhookEventsFor(2, [])).toEqual([EVENTS_CONTRACT.groupFlowEvent.value]);
		expect(webhookEventsFor(2, ['subject'])).toEqual([EVENTS_CONTRACT.groupFlowEvent.value]);
	});

	it('instance.state as well when Instance State Changed is selected; every name is one of RyzeAPI six', () => {
		const events = webhookEventsFor(2, ['joined', 'instanceState']);
		expect(events).toEqual([EVENTS_CONTRACT.groupFlowEvent.value, DELIVERY_FACTS.instanceStateEvent.value]);
		for (const name of events) expect(EVENTS_CONTRACT.eventTypes.value).toContain(name);
	});
});
