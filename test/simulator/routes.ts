/**
 * The RyzeAPI routes (`/api/*`) and the instance list endpoint.
 */
import { ROUTES } from '../contract/ryzeapi';

import { checkToken } from './auth';
import { getWebhook, setWebhook } from './events';
import * as admin from './groupAdmin';
import * as groups from './groupRoutes';
import { fail, ok, type ApiResult, type ParsedBody } from './http';
import { sendText } from './messageRoutes';
import { MESSAGES } from './messages';
import type { SimulatorState } from './state';
import type { Instance, SimulatorConfig } from './types';

export interface ApiRequest {
	state: SimulatorState;
	config: SimulatorConfig;
	method: string;
	path: string;
	query: URLSearchParams;
	token: string | undefined;
	body: ParsedBody;
}

function describe(instance: Instance): Record<string, unknown> {
	return {
		name: instance.name,
		connection: {
			state: instance.connected ? 'connected' : (instance.connectionState ?? 'disconnected'),
			numberJid: instance.connected ? `${instance.number}@s.whatsapp.net` : null,
		},
		profile: { name: instance.profileName },
	};
}

/**
 * GET /api/instance/list?instanceName=X. A TokenInstance always gets only its
 * own instance (the filter is ignored); a TokenAccount gets all its instances,
 * or the one named (404 when it has no such instance).
 */
function instanceList(req: ApiRequest): ApiResult {
	const tokenError = checkToken(req.state, req.token);
	if (tokenError || !req.token) return tokenError ?? fail(401, MESSAGES.missingToken);
	const own = req.state.instanceByToken(req.token);
	let found: Instance[];
	if (own) {
		found = [own];
	} else {
		const owned = req.state.accountByToken(req.token)?.instances ?? [];
		const wanted = req.query.get('instanceName')?.trim();
		const names = wanted ? owned.filter((name) => name === wanted) : owned;
		found = names.map((name) => req.state.instance(name)).filter((i): i is Instance => i !== undefined);
		if (wanted && found.length === 0) return fail(404, MESSAGES.instanceNotFound);
	}
	return ok({
		message: `${found.length} Instance${found.length === 1 ? '' : 's'} found`,
		instances: found.map(describe),
	});
}

type GroupHandler = (req: groups.GroupRequest) => ApiResult;

/** The handler of each `:instance` route of the contract (test/contract/ryzeapi.ts, ROUTES): method and path come from there. */
const HANDLERS: Partial<Record<keyof typeof ROUTES, GroupHandler>> = {
	participants: groups.participants,
	requests: groups.requests,
	resetLink: groups.resetLink,
	info: groups.info,
	list: groups.list,
	update: admin.update,
	create: admin.create,
	join: admin.join,
	leave: admin.leave,
	sendText,
};

/** `/api/group/info/:instance` → /^\/api\/group\/info\/([^/]+)\/?$/ */
const pathPattern = (path: string): RegExp =>
	new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(':instance', '([^/]+)')}\\/?$`);

const GROUP_ROUTES = Object.entries(HANDLERS).map(([key, handler]) => {
	const { method, path } = ROUTES[key as keyof typeof ROUTES].value;
	return { method, pattern: pathPattern(path), handler: handler as GroupHandler };
});

function decode(segment: string): string | null {
	try {
		return decodeURIComponent(segment);
	} catch {
		return null;
	}
}

/** Dispatches one /api/* request; unknown routes answer 404 `Not found`. */
export function handleApi(req: ApiRequest): ApiResult {
	if (req.method === 'GET' && /^\/api\/instance\/list\/?$/.test(req.path)) return instanceList(req);
	const events = /^\/api\/events\/(webhook|getWebhook)\/([^/]+)\/?$/.exec(req.path);
	const eventsInstance = events ? decode(events[2]) : null;
	if (events && eventsInstance !== null) {
		if (events[1] === 'webhook' && req.method === 'POST') return setWebhook(req.state, req.token, eventsInstance, req.body);
		if (events[1] === 'getWebhook' && req.method === 'GET') return getWebhook(req.state, req.token, eventsInstance, req.query);
	}
	for (const route of GROUP_ROUTES) {
		const match = route.pattern.exec(req.path);
		if (!match || route.method !== req.method) continue;
		const instanceName = decode(match[1]);
		if (instanceName === null) break;
		return route.handler({ ...req, instanceName });
	}
	return fail(404, MESSAGES.notFound);
}
