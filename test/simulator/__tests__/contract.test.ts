/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The contract the simulator serves (test/contract/): every fact names its source, what
 * the docs leave open is marked `documented: false`, each route of issue 23 is there with
 * its method, path and idempotency, and the simulator answers every `:instance` route of
 * ROUTES (over a real socket: a call without a token is RyzeAPI's 401, never "Not found").
 */
import * as contract from '../../contract/ryzeapi';
import type { Fact } from '../../contract/ryzeapi';
import { MESSAGES } from '..';
import { expectError, useSim } from './client';

const { call } = useSim();

const isFact = (value: unknown): value is Fact<unknown> =>
	typeof value === 'object' && value !== null && 'value' in value && typeof (value as { source?: unknown }).source === 'string';

/** Every fact reachable from the contract's exports, with its path. */
function facts(value: unknown, path: string, seen = new Set<unknown>()): Array<[string, Fact<unknown>]> {
	if (typeof value !== 'object' || value === null || seen.has(value)) return [];
	seen.add(value);
	if (isFact(value)) return [[path, value]];
	return Object.entries(value).flatMap(([key, inner]) => facts(inner, `${path}.${key}`, seen));
}

const NEW_SECTIONS = [
	'GROUP_LIST',
	'GROUP_INFO',
	'GROUP_RESET_LINK',
	'GROUP_UPDATE',
	'GROUP_CREATE',
	'GROUP_JOIN',
	'GROUP_LEAVE',
	'SEND_TEXT',
	'DELIVERY_CONTRACT',
	'SETTINGS_EVENTS',
	'INSTANCE_STATE_EVENTS',
] as const;
const all = NEW_SECTIONS.flatMap((name) => facts(contract[name], name));

describe('the contract of issue 23 and issue 22 point 4', () => {
	it('every fact cites a RyzeAPI page or the library whose form it follows', () => {
		expect(all.length).toBeGreaterThan(60);
		for (const [path, fact] of all) {
			expect({ path, source: fact.source }).toEqual({
				path,
				source: expect.stringMatching(/https:\/\/docs\.ryzeapi\.cloud\/|whatsmeow|Baileys/),
			});
			expect({ path, documented: fact.documented }).toEqual({ path, documented: fact.documented === false ? false : undefined });
		}
	});

	it.each([
		['list', 'GET', '/api/group/list/:instance', true, false],
		['info', 'GET', '/api/group/info/:instance', true, true],
		['resetLink', 'POST', '/api/group/resetLink/:instance', false, true],
		['update', 'PUT', '/api/group/update/:instance', 'partial', true],
		['create', 'POST', '/api/group/create/:instance', false, true],
		['join', 'POST', '/api/group/join/:instance', 'partial', true],
		['leave', 'DELETE', '/api/group/leave/:instance', true, true],
		['sendText', 'POST', '/api/message/text/:instance', false, true],
	] as const)('%s: %s %s, idempotent %s (documented: %s)', (key, method, path, idempotent, documented) => {
		const route = contract.ROUTES[key];
		expect(route.value).toEqual({ method, path, idempotent });
		expect(route.documented === undefined).toBe(documented);
	});

	it('what the docs leave open is marked, with the choice the simulator makes', () => {
		const open: Array<[string, Fact<unknown>, unknown]> = [
			['subject length limit', contract.GROUP_SUBJECT_MAX_LENGTH, null],
			['Brazilian fallback for participants', contract.PARTICIPANTS_BRAZIL_FALLBACK, false],
			['people create cannot add', contract.GROUP_CREATE.unaddedPeople, 'failedParticipants'],
			['create status', contract.GROUP_CREATE.status, 201],
			['groupSettings keys partial', contract.GROUP_UPDATE.settingsKeysPartial, true],
			['who may update', contract.GROUP_UPDATE.membersEditInfoWhenUnlocked, true],
			['Send Text answer under data', contract.SEND_TEXT.answer, contract.SEND_TEXT.answer.value],
			['instance.state payload', contract.INSTANCE_STATE_EVENTS.data, contract.INSTANCE_STATE_EVENTS.data.value],
			['retry schedule', contract.DELIVERY_CONTRACT.retrySchedule, null],
			['authorization form', contract.DELIVERY_CONTRACT.authorizationForm, 'string'],
		];
		for (const [name, fact, value] of open)
			expect({ name, documented: fact.documented, value: fact.value }).toEqual({ name, documented: false, value });
		const documented: Array<[string, Fact<unknown>, unknown]> = [
			['Brazilian fallback for messages', contract.MESSAGES_BRAZIL_FALLBACK, true],
			['join takes no JID', contract.GROUP_JOIN.acceptsJid, false],
			['removeImage wins', contract.GROUP_UPDATE.removeImageWins, true],
			['"" clears the description', contract.GROUP_UPDATE.emptyDescriptionClears, true],
			['Authorization header', contract.DELIVERY_CONTRACT.authorizationHeader, 'Authorization'],
			['instance.state states', contract.INSTANCE_STATE_EVENTS.states, ['connected', 'qr_ready', 'temp_banned', 'logged_out']],
			['polled states', contract.INSTANCE_STATE_EVENTS.polledStates, ['connected', 'connecting', 'disconnected', 'loggedout']],
		];
		for (const [name, fact, value] of documented)
			expect({ name, documented: fact.documented, value: fact.value }).toEqual({ name, documented: undefined, value });
	});
});

describe('the simulator serves every :instance route of ROUTES', () => {
	const routes = Object.entries(contract.ROUTES).filter(([, route]) => route.value.path.includes(':instance'));
	it.each(routes)('%s', async (_key, route) => {
		const { method, path } = route.value;
		expectError(
			await call(method, path.replace(':instance', 'sandbox'), method === 'GET' ? undefined : {}, null),
			401,
			MESSAGES.missingToken,
		);
	});
});
