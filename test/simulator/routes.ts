/**
 * The RyzeAPI routes (`/api/*`) and the instance list endpoint.
 */
import { checkToken } from './auth';
import { getWebhook, setWebhook } from './events';
import * as groups from './groupRoutes';
import { fail, ok, type ApiResult, type ParsedBody } from './http';
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
			state: instance.connected ? 'connected' : 'disconnected',
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

const GROUP_ROUTES: Array<{ method: string; pattern: RegExp; handler: GroupHandler }> = [
	{ method: 'POST', pattern: /^\/api\/group\/participants\/([^/]+)\/?$/, handler: groups.participants },
	{ method: 'GET', pattern: /^\/api\/group\/requests\/([^/]+)\/?$/, handler: groups.requests },
	{ method: 'POST', pattern: /^\/api\/group\/resetLink\/([^/]+)\/?$/, handler: groups.resetLink },
	{ method: 'GET', pattern: /^\/api\/group\/info\/([^/]+)\/?$/, handler: groups.info },
	{ method: 'GET', pattern: /^\/api\/group\/list\/([^/]+)\/?$/, handler: groups.list },
];

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
