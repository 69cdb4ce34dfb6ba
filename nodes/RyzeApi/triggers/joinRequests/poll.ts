/**
 * One poll of the RyzeAPI Join Request Trigger: GET /api/group/requests/:instance
 * (the reader List Join Requests uses), then de-duplication against the workflow's
 * static data (helpers/joinRequestPoll.ts). Fetch Test Event (manual) returns the
 * current queue and leaves the state alone.
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
import { nextPoll, pollScope } from './state';
import { READ_TIMEOUT_MS, validateGroup } from '../../helpers/validation';
import { instancePath } from '../../transport/http/request';
import { fieldError, laneRequest, readConnection, readInstance } from '../connection';

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

export async function pollJoinRequests(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const conn = await readConnection(this);
	const instance = readInstance(this, conn);
	const group = readGroup(this);
	const where = `group ${group} on instance ${instance}`;
	const outcome = await laneRequest(this, conn, {
		method: 'GET',
		path: instancePath('requests', instance),
		qs: { identifier: group },
		timeoutMs: READ_TIMEOUT_MS,
	});
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
	const staticData = this.getWorkflowStaticData('node') as IDataObject;
	const { emit, next } = nextPoll(staticData[STATE_KEY], pollScope(instance, group), read.requests);
	staticData[STATE_KEY] = next as unknown as IDataObject;
	return emit.length === 0 ? null : [emit.map((request) => itemOf(request, groupJid, instance))];
}
