/**
 * Every operation names its output keys (`outputKeys`, and for Manage Participants the
 * follow-ups' `optionalOutputKeys`), and every item it outputs, Success or Failure, has
 * exactly those keys in that order (issue 17). Each operation of the resource index runs
 * against the simulator in the ways that make items: answers read fine, entries that
 * cannot be read, a refused call and an unusable input item (Continue On Fail). A new
 * operation fails here until it has its scenarios (SCENARIOS in test/support/operationScenarios.ts); one that gives no
 * item, or scenarios that give no Success (or no Failure) item, fail naming what the
 * simulator answered (a 404: it has no route for the operation yet).
 */
import { operations } from '../../../../nodes/RyzeApi/actions/group/Group.resource';
import { ROUTES } from '../../../contract/ryzeapi';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNode } from '../../../support/executeContext';
import { runVersioned } from '../../../support/locatorContext';
import { SCENARIOS, type Scenario } from '../../../support/operationScenarios';
import { SANDBOX, useSimulator } from '../../../support/simulatorHarness';

const { sim, credentials, restart } = useSimulator();
const { waitlist } = SANDBOX.groups;

/** The contract's route a call went to, or null: its method, and its path with `:instance` one path segment. */
function contractRoute(method: string, path: string): string | null {
	const route = Object.entries(ROUTES).find(
		([, fact]) => fact.value.method === method && new RegExp(`^${fact.value.path.replace(':instance', '[^/]+')}/?$`).test(path),
	);
	return route ? route[0] : null;
}

/** "GET /api/group/info/sandbox → 404", each call the simulator received, or "nothing (no call was sent)". */
function simulatorAnswers(): string {
	const calls = sim().calls.map((call) => `${call.method} ${call.path} → ${call.status === 0 ? 'connection dropped' : call.status}`);
	return calls.length === 0 ? 'nothing (no call was sent)' : calls.join(', ');
}

describe('Success and Failure items of every operation have the same keys, the ones it names', () => {
	it('has scenarios for every operation of the index', () => {
		const missing = Object.keys(operations).filter((value) => (SCENARIOS[value] ?? []).length === 0);
		if (missing.length > 0) {
			throw new Error(
				`No scenarios for ${missing.join(', ')} in SCENARIOS (test/support/operationScenarios.ts): add runs that ` +
					'give Success items and every kind of Failure item it makes (a refused call, an unusable input item, entries that cannot be read).',
			);
		}
		expect(Object.keys(SCENARIOS).sort()).toEqual(Object.keys(operations).sort());
	});

	describe.each(Object.keys(operations))('%s', (value) => {
		const operation = operations[value];
		const seen = { success: 0, failure: 0 };
		/** Per scenario: its items, and what the simulator answered. */
		const answered: string[] = [];
		/** Every call its scenarios sent that is to no route of the contract. */
		const offContract = new Set<string>();

		const scenarios = (SCENARIOS[value] ?? []).map((scenario) => [scenario.title, scenario] as const);
		// No scenarios: "has scenarios for every operation" above says so.
		if (scenarios.length > 0)
			it.each(scenarios)('%s', async (title, scenario) => {
				if (scenario.faults) sim().scriptFaults(scenario.faults);
				const [success, failure] = await runNode({
					credentials: credentials(),
					continueOnFail: true,
					params: { operation: value, instance: '', options: {}, ...scenario.params },
				});
				seen.success += success.length;
				seen.failure += failure.length;
				const statuses = simulatorAnswers();
				for (const call of sim().calls) if (!contractRoute(call.method, call.path)) offContract.add(`${call.method} ${call.path}`);
				answered.push(`"${title}": ${success.length} Success, ${failure.length} Failure; the simulator answered ${statuses}`);
				if (success.length + failure.length === 0) {
					throw new Error(`"${title}" gave no item (nothing to check the keys of); the simulator answered ${statuses}`);
				}
				for (const item of [...success, ...failure]) {
					const keys = Object.keys(item.json);
					expect(keys.slice(0, operation.outputKeys.length)).toEqual([...operation.outputKeys]);
					expect(keys.slice(operation.outputKeys.length).filter((key) => !(operation.optionalOutputKeys ?? []).includes(key))).toEqual([]);
				}
			});

		it('calls only routes the RyzeAPI contract documents', () => {
			if (offContract.size > 0) {
				throw new Error(
					`${value} called ${[...offContract].join(', ')}, which the RyzeAPI contract does not list: write down in ROUTES of ` +
						'test/contract/ryzeapi.ts what RyzeAPI documents for it (method, path, idempotent), with the doc page.',
				);
			}
		});

		it('the scenarios gave Success and Failure items (the check above cannot pass on nothing)', () => {
			if (scenarios.length === 0)
				throw new Error(`No scenario ran for ${value}: add its scenarios to SCENARIOS (test/support/operationScenarios.ts).`);
			const missing = [seen.success === 0 ? 'Success' : null, seen.failure === 0 ? 'Failure' : null].filter(Boolean);
			if (missing.length > 0) {
				throw new Error(
					`No ${missing.join(' or ')} item from the scenarios of ${value}:\n- ${answered.join('\n- ')}\n` +
						'A 404 on every call means the simulator has no route for it (test/simulator/routes.ts and groupRoutes.ts, after the contract test/contract/ryzeapi.ts).',
				);
			}
		});
	});
});

/** A scenario's outputs in a node of `typeVersion` that does not say Simplify, on a fresh simulator. */
async function runIn(typeVersion: number, value: string, scenario: Scenario): Promise<INodeExecutionData[][]> {
	await restart();
	if (scenario.faults) sim().scriptFaults(scenario.faults);
	const params = { operation: value, instance: '', options: {}, ...scenario.params };
	return await runVersioned({ typeVersion, credentials: credentials(), continueOnFail: true, params });
}

/** What the simulator makes up on each run (a message id, a new group's JID and invite code): the same kind, not the same text. */
const madeUp = (json: IDataObject) =>
	Object.fromEntries(
		Object.entries(json).map(([key, entry]) => [key, ['messageId', 'groupJid', 'inviteLink'].includes(key) ? typeof entry : entry]),
	);

describe('Simplify, on by default from version 1.2: every item keeps its simplified keys, on the same output', () => {
	const simplifying = Object.keys(operations).filter((value) => operations[value].simplifiedOutputKeys !== undefined);

	it('some operations simplify', () => expect(simplifying.length).toBeGreaterThan(0));

	describe.each(simplifying)('%s', (value) => {
		const { simplifiedOutputKeys = [], simplifiedOptionalOutputKeys = [] } = operations[value];
		/** The simplified item the full one stands for: its simplified keys, and the optional ones it has. */
		const cut = (json: IDataObject) =>
			Object.fromEntries([
				...simplifiedOutputKeys.map((key) => [key, json[key]]),
				...simplifiedOptionalOutputKeys.filter((key) => key in json).map((key) => [key, json[key]]),
			]);

		it.each((SCENARIOS[value] ?? []).map((scenario) => [scenario.title, scenario] as const))('%s', async (_title, scenario) => {
			const full = await runIn(1.1, value, scenario);
			const simplified = await runIn(1.2, value, scenario);
			expect(full.flat().length).toBeGreaterThan(0);
			for (const item of full.flat())
				expect(Object.keys(item.json).slice(0, operations[value].outputKeys.length)).toEqual([...operations[value].outputKeys]);
			const shape = (outputs: INodeExecutionData[][], json: (entry: IDataObject) => IDataObject) =>
				outputs.map((items) =>
					items.map((item) => ({ keys: Object.keys(json(item.json)), json: madeUp(json(item.json)), pairedItem: item.pairedItem })),
				);
			expect(shape(simplified, (json) => json)).toEqual(shape(full, cut));
		});
	});
});

describe('List Join Requests drops nothing', () => {
	it('an entry that is not a request is a Failure item saying which and why, with the entry in raw', async () => {
		sim().scriptFaults([
			{ kind: 'json', body: { success: true, groupJid: waitlist.jid, requests: [{ jid: '1@lid' }, { phoneNumber: '5511' }, 'x'] } },
		]);
		const [success, failure] = await runNode({
			credentials: credentials(),
			continueOnFail: false,
			params: { operation: 'listJoinRequests', instance: '', options: {}, group: waitlist.jid },
		});
		expect(success.map((item) => item.json.jid)).toEqual(['1@lid']);
		expect(failure.map((item) => [item.json.errorCode, item.json.error, item.json.raw, item.json.statusCode, item.pairedItem])).toEqual([
			['unexpected_response', 'Join request entry 2 of 3 could not be read: it has no jid', { phoneNumber: '5511' }, 200, { item: 0 }],
			['unexpected_response', 'Join request entry 3 of 3 could not be read: the entry is string, not an object', 'x', 200, { item: 0 }],
		]);
	});
});
