/**
 * The call Get Group and Get Invite Link make: GET /api/group/info/:instance?identifier=…
 * &participants=false, the group's details without its member list. Never
 * /resetLink, which would revoke the current link ("To just query the current link
 * without revoking it, use GET /info", the reset-link page).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { READ_TIMEOUT_MS, readTimeout, validateGroup, validateInstance } from '../../helpers/validation';
import { instancePath, type RequestSpec } from '../../transport/http/request';
import type { RunSettings } from '../run';

export interface GroupInfoTarget {
	instance: string;
	/** As the user gave it: JID, invite code or invite link. */
	group: string;
	timeoutMs: number;
}

export function readGroupInfoTarget(ctx: IExecuteFunctions, itemIndex: number, settings: RunSettings): GroupInfoTarget {
	return {
		instance: validateInstance(ctx.getNodeParameter('instance', itemIndex, ''), settings.defaultInstance),
		group: validateGroup(ctx.getNodeParameter('group', itemIndex, '')),
		timeoutMs: readTimeout((ctx.getNodeParameter('options', itemIndex, {}) as IDataObject).timeout, READ_TIMEOUT_MS),
	};
}

export function groupInfoRequest({ instance, group, timeoutMs }: GroupInfoTarget): RequestSpec {
	return { method: 'GET', path: instancePath('info', instance), qs: { identifier: group, participants: 'false' }, timeoutMs };
}
