/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The accounting property over real sockets: execute() through the axios-based
 * test context against the RyzeAPI simulator, with a random fault scripted for
 * each call (POST /__sim/faults semantics, via sim.scriptFaults). Fewer runs than
 * the in-process property (each run is real HTTP), the same checks.
 *
 *   PROPERTY_SIM_RUNS=200 PROPERTY_SEED=7 npx jest test/property/simulatorFaults.slow
 */
import fc from 'fast-check';

import { PARTICIPANT_ACTIONS } from '../../nodes/RyzeApi/actions/group/manageParticipants/actions';
import { RyzeApi } from '../../nodes/RyzeApi/RyzeApi.node';
import type { Fault, KeyStyle, MutateOp, RecordedCall } from '../simulator';
import { createExecuteContext } from '../support/executeContext';
import { SANDBOX, useSimulator } from '../support/simulatorHarness';
import { checkRun, type RunResult, type SeenRequest } from './check';
import { expectItem, itemsArb, nodeOptions, participantsArb, propertySeed, type ItemRecipe, type Person, type Universe } from './model';

const SEED = propertySeed(20_240_607);
const RUNS = Number(process.env.PROPERTY_SIM_RUNS ?? 40);
const DELAY_TIMEOUT_MS = 1000;

const { sim, restart } = useSimulator({ rateLimit: { limit: 1_000_000, windowMs: 60_000 } });
const node = new RyzeApi();
const { groups, instances } = SANDBOX;

const UNIVERSE: Universe = {
	// offline → 503, nope and café → 404 unknown instance, member-only → 403 not admin.
	instances: ['', instances.sandbox, instances.sandbox, instances.memberOnly, instances.offline, 'nope', 'café ☕'],
	groups: [
		groups.customers.jid,
		groups.customers.jid,
		groups.waitlist.inviteCode,
		`https://chat.whatsapp.com/${groups.announcements.inviteCode}`,
		'120363999999999999@g.us',
	],
	// add twice as often: it has the most rules.
	actions: ['add', ...PARTICIPANT_ACTIONS],
	defaultInstance: instances.sandbox,
};

/** People the simulator has rules for, and strangers. */
const KNOWN: Person[] = [
	{ kind: 'pn', digits: '5511988880000' }, // not on WhatsApp
	{ kind: 'pn', digits: '5511988880403' }, // privacy blocked
	{ kind: 'pn', digits: '5511911110001' }, // member of Customers
	{ kind: 'pn', digits: '5511911110002' },
	{ kind: 'pn', digits: '5511911110003' },
	{ kind: 'pn', digits: '5511988887777' }, // pending in Beta Waitlist (as 199789077627112@lid)
	{ kind: 'lid', digits: '199789077627113' }, // pending in Beta Waitlist
	{ kind: 'lid', digits: '199789077627114' },
	{ kind: 'pn', digits: '1234567' }, // 7 digits: the node accepts, the simulator refuses
];
const poolArb: fc.Arbitrary<Person[]> = fc
	.tuple(fc.subarray(KNOWN), fc.uniqueArray(fc.stringMatching(/^55119777\d{5}$/), { minLength: 1, maxLength: 12 }))
	.map(([known, strangers]) => [...known, ...strangers.map((digits): Person => ({ kind: 'pn', digits }))]);

const OPS: MutateOp[] = ['reorder', 'missing', 'extra', 'duplicate'];
const KEYS: KeyStyle[] = ['jid', 'jid', 'phone', 'number', 'lid', 'none'];
const opsArb = fc.array(fc.constantFrom(...OPS), { maxLength: 3 });

/** One fault per call; `mutate` with no ops is the simulator's own answer. */
const faultArb: fc.Arbitrary<Fault> = fc.oneof(
	{
		weight: 10,
		arbitrary: fc.record({
			kind: fc.constant('mutate' as const),
			ops: fc.oneof(fc.constant([] as MutateOp[]), opsArb),
			keyStyle: fc.constantFrom(...KEYS),
		}),
	},
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('answer' as const),
			outcome: fc.constantFrom('success' as const, 'failure' as const, 'partial' as const),
			ops: opsArb,
			keyStyle: fc.constantFrom(...KEYS),
		}),
	},
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('status' as const),
			status: fc.constantFrom(400, 401, 403, 404, 429, 500, 502, 503),
			processed: fc.boolean(),
		}),
	},
	fc.constant({ kind: 'whatsapp429' as const }),
	fc.record({ kind: fc.constant('html' as const), status: fc.constantFrom(200, 502, 503) }),
	fc.record({ kind: fc.constant('empty' as const), status: fc.constantFrom(200, 204) }),
	fc.constant({ kind: 'truncated' as const }),
	fc.constant({ kind: 'garbage' as const }),
	fc.record({ kind: fc.constant('drop' as const), processed: fc.boolean() }),
	{ weight: 1, arbitrary: fc.constant({ kind: 'delay' as const, ms: DELAY_TIMEOUT_MS + 300 }) },
);

interface SimRun {
	pool: Person[];
	items: ItemRecipe[];
	faults: Fault[];
	combineItems: boolean;
	batchSize: number;
	continueOnFail: boolean;
}

const smallParticipants = participantsArb.map((recipe) => ({ ...recipe, entries: recipe.entries.slice(0, 8) }));

const runArb: fc.Arbitrary<SimRun> = fc.record({
	pool: poolArb,
	items: itemsArb(30, 3, smallParticipants),
	// At most one delay per run: each costs a real timeout.
	faults: fc.array(faultArb, { minLength: 1, maxLength: 8 }).map((list) => {
		const first = list.findIndex((fault) => fault.kind === 'delay');
		return list.filter((fault, index) => fault.kind !== 'delay' || index === first);
	}),
	combineItems: fc.boolean(),
	batchSize: fc.constantFrom(1, 2, 5, 100),
	continueOnFail: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

const STATUS_CODES: Record<number, string[]> = {
	400: ['bad_request'],
	401: ['unauthorized'],
	403: ['not_admin', 'unauthorized'],
	404: ['group_not_found', 'instance_not_found', 'not_found'],
	429: ['rate_limited'],
	500: ['server_error'],
	502: ['server_error'],
	503: ['server_error', 'instance_disconnected'],
};

/** What docs/reference.md promises for a call, from the fault scripted for it and the status the simulator sent. */
function seen(call: RecordedCall, fault: Fault | undefined): SeenRequest {
	const body = (call.body ?? {}) as Record<string, unknown>;
	const base = {
		instance: decodeURIComponent(call.path.split('/').pop() ?? ''),
		action: body.action,
		identifier: body.identifier,
		participants: Array.isArray(body.participants) ? body.participants : [],
		successValues: null,
		entryCodes: null,
		longTexts: [],
	};
	const failure = (codes: string[], statusCode: number | null, outcomeUnknown: boolean): SeenRequest => ({
		...base,
		expectedFailure: { errorCode: codes, statusCode, outcomeUnknown },
	});
	switch (fault?.kind) {
		case 'drop':
			return failure(['network'], null, true);
		case 'delay':
			return failure(['timeout'], null, true);
		case 'garbage':
			return failure(['unexpected_response'], 200, true);
		case 'truncated':
			// The handler ran: a refusal keeps its status, a 200 loses its shape.
			if (call.status === 200) return failure(['unexpected_response'], 200, true);
			break;
		case 'empty':
			return failure(['unexpected_response'], fault.status ?? 200, true);
		case 'html':
			return (fault.status ?? 502) < 300
				? failure(['unexpected_response'], fault.status ?? 200, true)
				: failure(['server_error'], fault.status ?? 502, true);
		case 'whatsapp429':
			return failure(['rate_limited'], 429, false);
		default:
			break;
	}
	// A status fault, or the simulator's own answer (which may refuse the call).
	if (call.status >= 200 && call.status < 300) return { ...base, expectedFailure: null };
	return failure(STATUS_CODES[call.status] ?? ['unknown'], call.status, call.status >= 500);
}

/** Fault kinds the simulator actually applied, over all runs. */
const applied = new Set<string>();

async function runOnSimulator(run: SimRun): Promise<void> {
	await restart();
	const faults = run.faults.map((fault) => ({ ...fault, match: { pathPrefix: '/api/group/participants' } }));
	sim().scriptFaults(faults);
	const hasDelay = run.faults.some((fault) => fault.kind === 'delay');
	const options = nodeOptions({
		combineItems: run.combineItems,
		batchSize: run.batchSize,
		rateLimitMaxWait: 0,
		timeout: hasDelay ? DELAY_TIMEOUT_MS : 0,
		reserveRequests: 0,
	});
	const items = run.items.map((recipe) => expectItem(recipe, run.pool, options, UNIVERSE));
	const token = SANDBOX.tokens.account;
	const { ctx, logs } = createExecuteContext({
		credentials: { baseUrl: sim().url, token, instance: instances.sandbox },
		continueOnFail: run.continueOnFail,
		items: items.map((_item, index) => ({ json: { row: index } })),
		params: (index) => items[index].params,
	});
	let result: RunResult;
	try {
		result = { outputs: await node.execute.call(ctx) };
	} catch (error) {
		result = { error };
	}
	const calls = sim().calls.filter((call) => call.path.startsWith('/api/group/participants'));
	calls.forEach((call) => applied.add(call.fault ?? 'none'));
	checkRun({
		items,
		continueOnFail: run.continueOnFail,
		token,
		logs,
		requests: calls.map((call, index) => seen(call, run.faults[index])),
		windowSpent: sim().calls.some((call) => call.status === 429),
		batchSize: run.batchSize,
		combineItems: run.combineItems,
		result,
	});
}

/** Always run too: every fault kind once, the delay past the timeout included. */
const EXAMPLE: SimRun = {
	pool: KNOWN,
	items: Array.from({ length: 12 }, (_v, index) => ({
		instance: 1,
		group: 0,
		action: index % 2,
		bad: -1,
		participants: {
			shape: 'text',
			separators: [','],
			padding: false,
			entries: [0, 1, 2, index].map((person) => ({
				type: 'valid' as const,
				person,
				phoneForm: 'digits' as const,
				lidForm: 'lid' as const,
				wrap: 0 as const,
				nullBefore: false,
			})),
		},
	})),
	faults: [
		{ kind: 'mutate', ops: ['reorder', 'duplicate'], keyStyle: 'phone' },
		{ kind: 'answer', outcome: 'partial', ops: ['missing'], keyStyle: 'none' },
		{ kind: 'status', status: 503 },
		{ kind: 'whatsapp429' },
		{ kind: 'html', status: 502 },
		{ kind: 'empty' },
		{ kind: 'truncated' },
		{ kind: 'garbage' },
		{ kind: 'drop', processed: true },
		{ kind: 'delay', ms: DELAY_TIMEOUT_MS + 300 },
	],
	combineItems: false,
	batchSize: 100,
	continueOnFail: true,
};

describe('over real sockets, with a fault scripted per call', () => {
	it(`every participant is accounted for over ${RUNS} runs against the simulator (seed ${SEED})`, async () => {
		try {
			await fc.assert(fc.asyncProperty(runArb, runOnSimulator), { seed: SEED, numRuns: RUNS, examples: [[EXAMPLE]] });
		} catch (error) {
			(error as Error).message =
				`Property failed. Reproduce with PROPERTY_SEED=${SEED} PROPERTY_SIM_RUNS=${RUNS}\n${(error as Error).message}`;
			throw error;
		}
		expect([...applied].sort()).toEqual(
			['answer', 'delay', 'drop', 'empty', 'garbage', 'html', 'mutate', 'none', 'status', 'truncated', 'whatsapp429'].sort(),
		);
	}, 120_000);
});
