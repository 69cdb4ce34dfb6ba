/**
 * Control routes for the triggers (no auth, like every /__sim route):
 *
 *   POST   /__sim/join        {group, participant, lid?}   someone joins by the invite link → group.flow joined
 *   POST   /__sim/leave       {group, participant}         someone leaves → group.flow left
 *   POST   /__sim/requests    {group, lid, phone?}         a new pending join request (no event: RyzeAPI documents none)
 *   GET    /__sim/deliveries                               group.flow deliveries made (never the token)
 *   DELETE /__sim/deliveries
 *   GET    /__sim/webhooks                                 every instance's webhook rows
 *   POST   /__sim/flow-shape  {shape: consumer|baileys|whatsmeow}
 *
 * `group` is a JID, invite code or invite link; `participant` digits, a phone JID or a LID.
 */
import { FLOW_SHAPES, type FlowShape } from './eventShapes';
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

/** One of the routes above, or null when the route is not one of them. */
export function handleEventsAdmin(state: SimulatorState, route: string, parsed: ParsedBody): ApiResult | null {
	if (route === 'GET /__sim/deliveries') return ok({ deliveries: state.deliveries });
	if (route === 'DELETE /__sim/deliveries') {
		state.deliveries.length = 0;
		return ok({ message: 'Delivery log cleared' });
	}
	if (route === 'GET /__sim/webhooks') return ok({ webhooks: state.webhooks });
	const known = ['POST /__sim/join', 'POST /__sim/leave', 'POST /__sim/requests', 'POST /__sim/flow-shape'];
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
		default: {
			if (!FLOW_SHAPES.includes(body.shape as FlowShape)) return fail(400, `shape must be one of: ${FLOW_SHAPES.join(', ')}`);
			state.flowShape = body.shape as FlowShape;
			return ok({ message: `group.flow deliveries now in ${state.flowShape} shape` });
		}
	}
}
