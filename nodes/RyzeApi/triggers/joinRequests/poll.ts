/**
 * One poll of the RyzeAPI Join Request Trigger: GET /api/group/requests/:instance
 * (the reader List Join Requests uses), within n8n's poll budget (budget.ts), then
 * de-duplication against the workflow's static data (state.ts), or what the
 * trigger's last poll in this process left when that is later (lastPolls.ts). Fetch Test Event
 * (manual) returns the current queue and leaves the state alone.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { readJoinRequests, type JoinRequest } from '../../readers/groupLinks';
import { countingSends, planCall, pollBudget, type PollBudget } from './budget';
import { keepPoll, lastPoll, triggerKey } from './lastPolls';
import { laterState, nextPoll, pollScope } from './state';
import { validateGroup } from '../../helpers/validation';
import { realClock } from '../../transport/connection';
import { instancePath, type ApiOutcome } from '../../transport/http/request';
import type { Clock } from '../../transport/rateLimit/lane';
import { fieldError, laneRequest, readConnection, readInstance, type Connection } from '../connection';

/** Where the state lives in the node's static data. */
export const STATE_KEY = 'pendingJoinRequests';

function readGroup(ctx: IPollFunctions): string {
	try {
		return validateGroup(ctx.getNodeParameter('group', '', { extractValue: true }));
	} catch (error) {
		throw fieldError(ctx, error);
	}
}

function itemOf(request: JoinRequest, group: string, instance: string): INodeExecutionData {
	return {
		json: {
			jid: request.jid,
			lid: /@lid$/i.test(request.jid) ? request.jid : null,
			phoneNumber: request.phoneNumber,
			group,
			instance,
			requestedAt: request.requestedAt,
		},
	};
}

interface Target {
	conn: Connection;
	instance: string;
	group: string;
	where: string;
}

/**
 * A poll that cannot fit its call in the budget ends here, having emitted nothing and left the state alone: a
 * line in n8n's log, and the next poll reads the queue again. Fetch Test Event says it as an error instead.
 */
function endEarly(ctx: IPollFunctions, { conn, where }: Target, why: string): null {
	const message = conn.redact(`RyzeAPI Join Request Trigger: the poll of ${where} ended without reading the join requests: ${why}`);
	if (ctx.getMode() === 'manual') throw new NodeOperationError(ctx.getNode(), message);
	ctx.logger.warn(`${message}. Nothing was emitted and nothing is lost: the next poll reads them again.`);
	return null;
}

/**
 * The queue's answer, or null when the poll ended early (logged). `leftMs`: what is left of the budget after the
 * poll's own start. Every wait of the call ends by then less the call's Timeout, so its last send ends within it.
 */
async function fetchQueue(
	ctx: IPollFunctions,
	target: Target,
	budget: PollBudget,
	leftMs: number,
	clock: Clock,
): Promise<ApiOutcome | null> {
	const { conn, instance, group } = target;
	const plan = planCall(leftMs);
	if (!plan) return endEarly(ctx, target, `${budget.label} is too short for a call to RyzeAPI`);
	const counted = countingSends(ctx);
	const outcome = await laneRequest(
		counted.ctx,
		conn,
		{ method: 'GET', path: instancePath('requests', instance), qs: { identifier: group }, timeoutMs: plan.timeoutMs },
		{ maxWaitMs: plan.maxWaitMs, waitsEndBy: clock.now() + leftMs - plan.timeoutMs },
		clock,
	);
	if (!outcome.ok && outcome.failure.errorCode === 'rate_limited') {
		return endEarly(
			ctx,
			target,
			`the token's rate limit does not free up within ${budget.label}, of which the poll may wait ${plan.maxWaitMs} ms for the rate limit: ${outcome.failure.message}`,
		);
	}
	// Nothing sent, and not for the rate limit: the token's queue (other executions' calls) took the poll's time.
	if (!outcome.ok && counted.sent() === 0) {
		return endEarly(
			ctx,
			target,
			`the token was busy with other calls for as long as this poll could wait for its turn within ${budget.label}`,
		);
	}
	return outcome;
}

export async function pollJoinRequests(this: IPollFunctions, clock: Clock = realClock): Promise<INodeExecutionData[][] | null> {
	const started = clock.now();
	const budget = pollBudget(this);
	const conn = await readConnection(this);
	const instance = readInstance(this, conn);
	const group = readGroup(this);
	const target: Target = { conn, instance, group, where: `group ${group} on instance ${instance}` };
	const outcome = await fetchQueue(this, target, budget, budget.ms - (clock.now() - started), clock);
	if (outcome === null) return null;
	const { where } = target;
	if (!outcome.ok) {
		const { failure } = outcome;
		const hint =
			failure.statusCode === 403
				? `The instance must be an admin of ${group} to see its join requests.`
				: failure.statusCode === 404
					? `Check the Group: ${group} does not exist on instance ${instance}, or the instance is not in it.`
					: failure.description;
		throw new NodeApiError(this.getNode(), { message: conn.redact(failure.message) } as JsonObject, {
			message: conn.redact(`Could not read the join requests of ${where}: ${failure.message}`),
			description: conn.redact(hint ?? ''),
			httpCode: failure.statusCode === undefined ? undefined : String(failure.statusCode),
		});
	}
	const read = readJoinRequests(outcome.body);
	if (!read.ok) throw new NodeOperationError(this.getNode(), `Could not read the join requests of ${where}: ${read.reason}`);
	if (read.unreadable.length > 0) {
		// A trigger has no Failure output: an entry that is not a request starts no workflow, and says so in n8n's log.
		const which = read.unreadable.slice(0, 5).map((entry) => `entry ${entry.position + 1}: ${entry.reason}`);
		this.logger.warn(
			conn.redact(
				`RyzeAPI Join Request Trigger: ${read.unreadable.length} of ${read.total} join requests of ${where} could not be read and start no workflow (${which.join('; ')})`,
			),
		);
	}
	const groupJid = read.groupJid ?? group;
	if (this.getMode() === 'manual') {
		return read.requests.length === 0 ? null : [read.requests.map((request) => itemOf(request, groupJid, instance))];
	}
	// From here to the return, no await: another poll of this trigger in this process cannot interleave (lastPolls.ts).
	const staticData = this.getWorkflowStaticData('node') as IDataObject;
	const trigger = triggerKey(this.getWorkflow().id, this.getNode().id);
	const now = clock.now();
	const previous = laterState(staticData[STATE_KEY], lastPoll(trigger, now));
	const { emit, next } = nextPoll(previous, pollScope(instance, group), read.requests, now);
	staticData[STATE_KEY] = next as unknown as IDataObject;
	keepPoll(trigger, next);
	return emit.length === 0 ? null : [emit.map((request) => itemOf(request, groupJid, instance))];
}
