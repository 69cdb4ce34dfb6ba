/**
 * The call Get Group and Get Invite Link make: GET /api/group/info/:instance?identifier=…
 * &participants=false, the group's details without its member list. Never
 * /resetLink, which would revoke the current link ("To just query the current link
 * without revoking it, use GET /info", the reset-link page).
 */
import { instancePath, type RequestSpec } from '../../transport/http/request';
import type { GroupTarget } from './writes';

export function groupInfoRequest({ instance, group, timeoutMs }: GroupTarget): RequestSpec {
	return { method: 'GET', path: instancePath('info', instance), qs: { identifier: group, participants: 'false' }, timeoutMs };
}
