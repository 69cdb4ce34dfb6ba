/**
 * Control routes for the triggers and the other events (no auth, like every /__sim route):
 *
 *   POST   /__sim/join        {group, participant, lid?}   someone joins by the invite link → group.flow joined
 *   POST   /__sim/leave       {group, participant}         someone leaves → group.flow left
 *   POST   /__sim/requests    {group, lid, phone?}         a new pending join request (no event: RyzeAPI documents none)
 *   POST   /__sim/group-update {group, by?, name?, description?, image?, removeImage?, groupSettings?, resetLink?}
 *                                                         someone (`by`) changes the group → group.flow name, topic,
 *                                                         announce, locked, link (as PUT /api/group/update and resetLink)
 *   POST   /__sim/instance-state {instance, state}         the instance's connection changes → instance.state
 *                                                         (connected, qr_ready, temp_banned, logged_out); the instance
 *                                                         list then shows its polled state
 *   GET    /__sim/deliveries                               webhook deliveries made (never the token)
 *   DELETE /__sim/deliveries
 *   POST   /__sim/deliveries/replay {id}                   re-send delivery `id` as RyzeAPI's retrying queue would
 *   GET    /__sim/webhooks                                 every instance's webhook rows
 *   POST   /__sim/flow-shape  {shape: consumer|baileys|whatsmeow}
 *   GET    /__sim/messages                                 texts sent through POST /api/message/text
 *   DELETE /__sim/messages
 *
 * `group` is a JID, invite code or invite link; `participant` and `by` digits, a phone JID or a LID.
 */
import { INSTANCE_EVENT_STATES, INSTANCE_STATE_EVENTS, type InstanceEventState } from '../contract/ryzeapi';

import { FLOW_SHAPES, type FlowShape } from './eventShapes';
import { applyGroupPatch, groupInfo, readPatch, resetInvite } from './groupSettings';
import { fail, isRecord, ok, type ApiResult, type ParsedBody } from './http';
import { parseParticipant } from './participants';
import type { SimulatorState } from './state';
import type { Group } from './types';

function readBody(body: ParsedBody): Record<string, unknown> | null {
	return body.ok && isRecord(body.value) ? body.value : null;
}

function groupOf(state: SimulatorState, value: unknown): Group | undefined {
	return typeof value === 'string' ? state.resolveGroup(value) : undefined;
}

function join(state: SimulatorState, body: Record<string, unknown>): ApiResult {
	const group = groupOf(state, body.group);
	if (!group) return fail(404, 'Unknown group');
	const ref = parseParticipant(body.participant);
	if (!ref) return fail(400, 'participant must be digits, a phone JID or a LID');
	if (state.findMember(group, ref.jid)) return fail(409, 'Already a member');
	const lid = typeof body.lid === 'string' && /^\d+@lid$/.test(body.lid) ? body.lid : ref.kind === 'lid' ? ref.jid : null;
	state.changeMembers(group, () => {
		group.pending = group.pending.filter((request) => request.lid !== lid && request.phone !== ref.digits);
		group.members.push({ jid: ref.jid, lid, isAdmin: false, isSuperAdmin: false });
	});
	return ok({ message: 'Joined by invite link', groupJid: group.jid, jid: ref.jid });
}

function leave(state: SimulatorState, body: Record<string, unknown>): ApiResult {
	const group = groupOf(state, body.group);
	if (!group) return fail(404, 'Unknown group');
	const ref = parseParticipant(body.participant);
	const member = ref ? state.findMember(group, ref.jid) : undefined;
	if (!member) return fail(404, 'Not a member');
	state.changeMembers(group, () => {
		group.members = group.members.filter((other) => other !== member);
	});
	return ok({ message: 'Left the group', groupJid: group.jid, jid: member.jid });
}

function addRequest(state: SimulatorState, body: Record<string, unknown>): ApiResult {
	const group = groupOf(state, body.group);
	if (!group) return fail(404, 'Unknown group');
	if (typeof body.lid !== 'string' || !/^\d{1,20}@lid$/.test(body.lid)) return fail(400, 'lid must look like 199789077627199@lid');
	const phone = typeof body.phone === 'string' && /^\d{8,15}$/.test(body.phone) ? body.phone : null;
	if (group.pending.some((request) => request.lid === body.lid)) return fail(409, 'Already pending');
	group.pending.push({ lid: body.lid, phone, requestedAt: new Date().toISOString() });
	return ok({ message: 'Join request added', groupJid: group.jid, pending: group.pending.length });
}

function groupUpdate(state: SimulatorState, body: Record<string, unknown>): ApiResult {
	const group = groupOf(state, body.group);
	if (!group) return fail(404, 'Unknown group');
	const patch = readPatch(body);
	if (!patch || (patch.name !== undefined && patch.name.trim() === ''))
		return fail(400, 'name, description, image: text; groupSettings: booleans');
	const by = body.by === undefined ? null : parseParticipant(body.by);
	if (by === null && body.by !== undefined) return fail(400, 'by must be digits, a phone JID or a LID');
	const author = by?.jid ?? null;
	const updated = applyGroupPatch(state, group, patch, author);
	if (body.resetLink === true) {
		resetInvite(state, group, author);
		updated.push('inviteCode');
	}
	return ok({ message: `Updated: ${updated.join(', ') || 'nothing'}`, updated, group: groupInfo(group, 'superadmin') });
}

function instanceState(state: SimulatorState, body: Record<string, unknown>): ApiResult {
	const instance = typeof body.instance === 'string' ? state.instance(body.instance) : undefined;
	if (!instance) return fail(404, 'Unknown instance');
	if (!INSTANCE_EVENT_STATES.includes(body.state as InstanceEventState)) {
		return fail(400, `state must be one of: ${INSTANCE_EVENT_STATES.join(', ')}`);
	}
	const event = body.state as InstanceEventState;
	const polled = INSTANCE_STATE_EVENTS.polledStateOf.value[event];
	instance.connected = polled === 'connected';
	instance.connectionState = polled;
	state.sink?.instanceState(instance, event);
	return ok({ message: `${instance.name} is ${event}`, instance: instance.name, state: event, connectionState: polled });
}

function replay(state: SimulatorState, body: Record<string, unknown>): ApiResult {
	const delivery = typeof body.id === 'number' ? (state.sink?.replay(body.id) ?? null) : null;
	return delivery ? ok({ message: `Delivery ${String(body.id)} sent again`, delivery }) : fail(404, 'Unknown delivery id');
}

/** One of the routes above, or null when the route is not one of them. */
export function handleEventsAdmin(state: SimulatorState, route: string, parsed: ParsedBody): ApiResult | null {
	if (route === 'GET /__sim/deliveries') return ok({ deliveries: state.deliveries });
	if (route === 'DELETE /__sim/deliveries') {
		state.deliveries.length = 0;
		return ok({ message: 'Delivery log cleared' });
	}
	if (route === 'GET /__sim/webhooks') return ok({ webhooks: state.webhooks });
	if (route === 'GET /__sim/messages') return ok({ messages: state.messages });
	if (route === 'DELETE /__sim/messages') {
		state.messages.length = 0;
		return ok({ message: 'Message log cleared' });
	}
	const known = [
		'POST /__sim/join',
		'POST /__sim/leave',
		'POST /__sim/requests',
		'POST /__sim/flow-shape',
		'POST /__sim/group-update',
		'POST /__sim/instance-state',
		'POST /__sim/deliveries/replay',
	];
	if (!known.includes(route)) return null;
	const body = readBody(parsed);
	if (!body) return fail(400, 'Invalid request body');
	switch (route) {
		case 'POST /__sim/join':
			return join(state, body);
		case 'POST /__sim/leave':
			return leave(state, body);
		case 'POST /__sim/requests':
			return addRequest(state, body);
		case 'POST /__sim/group-update':
			return groupUpdate(state, body);
		case 'POST /__sim/instance-state':
			return instanceState(state, body);
		case 'POST /__sim/deliveries/replay':
			return replay(state, body);
		default: {
			if (!FLOW_SHAPES.includes(body.shape as FlowShape)) return fail(400, `shape must be one of: ${FLOW_SHAPES.join(', ')}`);
			state.flowShape = body.shape as FlowShape;
			return ok({ message: `group.flow deliveries now in ${state.flowShape} shape` });
		}
	}
}
