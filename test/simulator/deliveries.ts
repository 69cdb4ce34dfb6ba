/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * Webhook deliveries: every event is POSTed as {event, data, instanceData: {baseUrl,
 * instance, token}} (the instance's own token, as RyzeAPI does) to each enabled webhook
 * of the instance that takes the event (`byEvents: true` appends `/<event>` to the URL),
 * with the webhook's `authorization` string as the `Authorization` header (none
 * without one). Only `http://` loopback URLs are called (others are logged with
 * status -1). No automatic retry (RyzeAPI's schedule is not documented): `replay(id)`
 * re-sends a past delivery exactly, as its retrying queue would.
 *
 *   group.flow      member changes, to every instance in the group;
 *                   settings changes (name, topic, announce, locked) to every instance in the
 *                   group, a new invite link (link) to its admin instances only;
 *   instance.state  to the instance itself.
 */
import { request } from 'node:http';

import { DELIVERY_CONTRACT, EVENTS_CONTRACT, INSTANCE_STATE_EVENTS, SETTINGS_EVENTS, type InstanceEventState } from '../contract/ryzeapi';

import { flowData, instanceStateData, membershipChanges, settingsData, type SettingChange } from './eventShapes';
import type { SimulatorState } from './state';
import type { Group, Instance, Member } from './types';

/** One delivery attempt, as recorded: never the token, never the Authorization value. */
export interface DeliveryRecord {
	/** Sequence number, for `POST /__sim/deliveries/replay`. */
	id: number;
	instance: string;
	label: string;
	url: string;
	event: string;
	/** group.flow: joined, left, promoted, demoted, name, topic, announce, locked, link; instance.state: the state. */
	type: string;
	participants: string[];
	/** Whether an Authorization header was sent. */
	authorization: boolean;
	/** The delivery this one re-sends. */
	replayOf?: number;
	/** HTTP status answered; 0: no answer; -1: not sent (not a loopback URL). */
	status: number;
	at: string;
}

/** What goes on the wire, kept out of the log (the body holds the instance token). */
interface Wire {
	url: string;
	body: string;
	authorization: string | null;
}

/** What the state calls when something deliverable happens (set by the server). */
export interface EventSink {
	membersChanged(group: Group, before: Member[]): void;
	settingsChanged(group: Group, changes: SettingChange[]): void;
	instanceState(instance: Instance, state: InstanceEventState): void;
	/** Re-sends delivery `id`; null when the log has no such delivery. */
	replay(id: number): DeliveryRecord | null;
}

const DELIVERY_TIMEOUT_MS = 5000;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;
const FLOW = EVENTS_CONTRACT.groupFlowEvent.value;
const AUTHORIZATION = DELIVERY_CONTRACT.authorizationHeader.value;

function post({ url, body, authorization }: Wire): Promise<number> {
	return new Promise((resolve) => {
		const target = new URL(url);
		if (!LOOPBACK.test(target.hostname) || target.protocol !== 'http:') return resolve(-1);
		const headers: Record<string, string | number> = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
		if (authorization !== null) headers[AUTHORIZATION] = authorization;
		const req = request(target, { method: 'POST', headers }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode ?? 0));
			res.on('error', () => resolve(res.statusCode ?? 0));
		});
		req.setTimeout(DELIVERY_TIMEOUT_MS, () => req.destroy());
		req.on('error', () => resolve(0));
		req.end(body);
	});
}

/** The header value of a webhook's `authorization`: a non-empty string as is; anything else sends none. */
const authorizationOf = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

export class Deliverer implements EventSink {
	private readonly inFlight = new Set<Promise<void>>();
	private readonly wires = new WeakMap<DeliveryRecord, Wire>();

	constructor(
		private readonly state: SimulatorState,
		private readonly baseUrl: () => string,
	) {}

	/** Resolves when every delivery made so far got its answer (or failed). */
	async settled(): Promise<void> {
		await Promise.all([...this.inFlight]);
	}

	membersChanged(group: Group, before: Member[]): void {
		for (const change of membershipChanges(before, group.members)) {
			const at = new Date();
			const data = flowData(this.state.flowShape, group, change.type, change.people, at);
			const people = change.people.map((person) => person.jid);
			for (const instance of this.inGroup(group)) this.send(instance, FLOW, change.type, people, data, at);
		}
	}

	settingsChanged(group: Group, changes: SettingChange[]): void {
		const adminsOnly = SETTINGS_EVENTS.linkToAdminsOnly.value;
		for (const change of changes) {
			const at = new Date();
			const data = settingsData(this.state.flowShape, group, change, at);
			for (const instance of this.inGroup(group)) {
				if (change.kind === 'link' && adminsOnly && this.state.roleOf(group, instance) === 'member') continue;
				this.send(instance, FLOW, change.kind, [], data, at);
			}
		}
	}

	instanceState(instance: Instance, state: InstanceEventState): void {
		const at = new Date();
		this.send(instance, INSTANCE_STATE_EVENTS.event.value, state, [], instanceStateData(state, at), at);
	}

	replay(id: number): DeliveryRecord | null {
		const original = this.state.deliveries.find((record) => record.id === id);
		const wire = original && this.wires.get(original);
		if (!original || !wire) return null;
		return this.record({ ...original, id: 0, replayOf: original.replayOf ?? original.id, status: 0, at: new Date().toISOString() }, wire);
	}

	private inGroup(group: Group): Instance[] {
		return this.state.instances.filter((instance) => this.state.roleOf(group, instance) !== null);
	}

	/** One delivery of `event` to each enabled webhook of the instance that takes it. */
	private send(instance: Instance, event: string, type: string, participants: string[], data: unknown, at: Date): void {
		const instanceData = { baseUrl: this.baseUrl(), instance: instance.name, token: instance.token };
		const body = JSON.stringify({ event, data, instanceData });
		for (const row of this.state.webhooks) {
			if (row.instance !== instance.name || !row.enabled || row.url === null) continue;
			if (row.events !== null && !row.events.includes(event)) continue;
			const url = row.byEvents ? `${row.url.replace(/\/+$/, '')}/${event}` : row.url;
			const authorization = authorizationOf(row.authorization);
			const record = { id: 0, instance: instance.name, label: row.label, url, event, type, participants, status: 0, at: at.toISOString() };
			this.record({ ...record, authorization: authorization !== null }, { url, body, authorization });
		}
	}

	private record(record: DeliveryRecord, wire: Wire): DeliveryRecord {
		record.id = ++this.state.deliverySeq;
		this.state.deliveries.push(record);
		this.wires.set(record, wire);
		const sent = post(wire).then((status) => void (record.status = status));
		this.inFlight.add(sent);
		void sent.finally(() => this.inFlight.delete(sent));
		return record;
	}
}
