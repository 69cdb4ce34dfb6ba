/**
 * Runs one random workflow through `execute()` and checks it, against the
 * in-process faulty RyzeAPI. Shared by the property tests and their fixed examples.
 */
import { waitAfter429 } from '../../nodes/RyzeApi/transport/rateLimit/window';
import fc from 'fast-check';

import { RyzeApi } from '../../nodes/RyzeApi/RyzeApi.node';
import { FaultyRyzeApi, STATUS_FAULTS, possibleEntryCodes, type FakeRequest, type ServerBehaviour } from '../support/faultyTransport';
import { createFaultyContext } from '../support/faultyContext';
import type { KeyStyle, MutateOp } from '../simulator';
import { checkRun, type RunResult, type SeenRequest } from './check';
import { expectItem, nodeOptions, type ItemRecipe, type Person, type RunOptionsRecipe } from './model';

const node = new RyzeApi();

/**
 * A short Max Wait on Rate Limit: less than the least wait after a 429 (1 s,
 * BRIEF_429_COST_MS), so a 429 resetting "now" is not sent again, it goes to
 * Failure as rate_limited. (Resending it would cost each run a real second; the
 * resend is checked on a fake clock in test/unit/transport/rateLimit/send.test.ts
 * and combine/batcher.test.ts.)
 */
export const SHORT_WAIT_MS = 600;

export interface FakeRun {
	pool: Person[];
	items: ItemRecipe[];
	behaviours: ServerBehaviour[];
	options: RunOptionsRecipe;
	continueOnFail: boolean;
	token: string;
	/** Run as an AI Agent tool (everything on output 0). */
	toolMode?: boolean;
}

const OPS: MutateOp[] = ['reorder', 'missing', 'extra', 'duplicate'];
const KEY_STYLES: KeyStyle[] = ['jid', 'jid', 'jid', 'phone', 'number', 'phoneNumber', 'participant', 'lid', 'id', 'none'];

export const behaviourArb: fc.Arbitrary<ServerBehaviour> = fc.oneof(
	{
		weight: 14,
		arbitrary: fc.record({
			kind: fc.constant('answer' as const),
			outcome: fc.constantFrom('success' as const, 'success' as const, 'partial' as const, 'failure' as const, 'mixed' as const),
			ops: fc.oneof(
				{ weight: 3, arbitrary: fc.constant([] as MutateOp[]) },
				{ weight: 2, arbitrary: fc.array(fc.constantFrom(...OPS), { maxLength: 3 }) },
			),
			keyStyle: fc.constantFrom(...KEY_STYLES),
			envelope: fc.constantFrom('top' as const, 'top' as const, 'data' as const),
			resolveLid: fc.boolean(),
			longReasons: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
		}),
	},
	{
		weight: 5,
		arbitrary: fc.record({
			kind: fc.constant('status' as const),
			status: fc.constantFrom(...STATUS_FAULTS),
			variant: fc.constantFrom(0 as const, 1 as const),
			body: fc.constantFrom('envelope' as const, 'envelope' as const, 'text' as const, 'empty' as const, 'long' as const),
		}),
	},
	fc.constant({ kind: 'whatsapp429' as const }),
	fc.constant({ kind: 'rateLimitedBriefly' as const }),
	fc.record({ kind: fc.constant('html' as const), status: fc.constantFrom(200 as const, 500 as const, 502 as const, 503 as const) }),
	fc.record({ kind: fc.constant('empty' as const), status: fc.constantFrom(200 as const, 204 as const) }),
	fc.constant({ kind: 'truncated' as const }),
	fc.constant({ kind: 'garbage' as const }),
	fc.constant({ kind: 'timeout' as const }),
	fc.constant({ kind: 'drop' as const }),
	fc.constant({ kind: 'refused' as const }),
);

/**
 * Behaviours for the run's requests, request i getting `[i % length]`. A brief 429
 * is never followed by another, so that a call waits out at most one.
 */
export const behavioursArb: fc.Arbitrary<ServerBehaviour[]> = fc.array(behaviourArb, { minLength: 1, maxLength: 12 }).map((list) => {
	const success: ServerBehaviour = { kind: 'answer', outcome: 'success', ops: [], keyStyle: 'jid', envelope: 'top' };
	const out = list.length === 1 && list[0].kind === 'rateLimitedBriefly' ? [list[0], success] : [...list];
	for (let i = 0; i < out.length; i++) {
		if (out[i].kind === 'rateLimitedBriefly' && out[(i + 1) % out.length].kind === 'rateLimitedBriefly') {
			out[(i + 1) % out.length] = success;
		}
	}
	return out;
});

/** The participants calls (follow-ups are checked through the items they annotate). */
/**
 * A 429 that resets at once costs the run's rate-limit budget (Max Wait on Rate
 * Limit, one budget for the whole run) the least wait after a 429 (issue 21: never
 * resent at once). It is sent again only while what is left of the budget covers it.
 */
const BRIEF_429_COST_MS = waitAfter429({}, 0, 0);
/**
 * Real time the run may also have spent queued before a resend (the budget pays
 * for time waited in the token's queue, which a loaded machine stretches). A
 * brief 429 with at least cost + slack of budget left must be resent; with less
 * than the cost it must not be; in between the run may go either way, and what
 * it did is read off the server's log (the next request carries the same
 * participants).
 */
const JITTER_SLACK_MS = 500;

export function seenRequests(requests: FakeRequest[], options: RunOptionsRecipe): SeenRequest[] {
	let budgetLeft = options.rateLimitMaxWait;
	const resent = new Set<FakeRequest>();
	requests.forEach((request, index) => {
		if (request.behaviour.kind !== 'rateLimitedBriefly' || budgetLeft < BRIEF_429_COST_MS) return;
		const next = requests[index + 1];
		const wasResent = next !== undefined && JSON.stringify(next.participants) === JSON.stringify(request.participants);
		if (budgetLeft < BRIEF_429_COST_MS + JITTER_SLACK_MS && !wasResent) return;
		resent.add(request);
		budgetLeft -= BRIEF_429_COST_MS;
	});
	return requests
		.filter((request) => request.route === 'participants')
		.map((request) => ({
			instance: request.instance,
			action: request.action,
			identifier: request.identifier,
			participants: request.participants,
			expectedFailure: request.expectedFailure,
			successValues: request.successValues,
			entryCodes: possibleEntryCodes(request.behaviour),
			longTexts: request.longTexts,
			resentNext: resent.has(request),
		}));
}

/** Runs the workflow, checks the property; throws with the reason when it does not hold. */
export interface RunSummary {
	requests: number;
	outputs: number;
	/** errorCode of every output item ('null' for successes). */
	codes: Set<string>;
	behaviours: Set<string>;
	/** The class of the error thrown, if any. */
	thrown: string | null;
}

export async function runAndCheck(run: FakeRun): Promise<RunSummary> {
	const options = nodeOptions(run.options);
	const items = run.items.map((recipe) => expectItem(recipe, run.pool, options));
	const server = new FaultyRyzeApi(run.behaviours);
	const { ctx, logs } = createFaultyContext(
		{
			credentials: { baseUrl: 'http://127.0.0.1:9', token: run.token, instance: 'sandbox' },
			continueOnFail: run.continueOnFail,
			toolMode: run.toolMode,
			items: items.map((_item, index) => ({ json: { row: index } })),
			params: (index) => items[index].params,
		},
		server,
	);
	let result: RunResult;
	try {
		result = { outputs: await node.execute.call(ctx) };
	} catch (error) {
		result = { error };
	}
	checkRun({
		items,
		continueOnFail: run.continueOnFail,
		token: run.token,
		logs,
		requests: seenRequests(server.requests, run.options),
		windowSpent: server.requests.some(
			({ behaviour }) => behaviour.kind === 'rateLimitedBriefly' || (behaviour.kind === 'status' && behaviour.status === 429),
		),
		batchSize: run.options.batchSize,
		combineItems: run.options.combineItems,
		toolMode: run.toolMode,
		result,
	});
	const outputs = (result.outputs ?? []).flat();
	return {
		requests: server.requests.length,
		outputs: outputs.length,
		codes: new Set(outputs.map((item) => String(item.json.errorCode))),
		behaviours: new Set(server.requests.map((request) => request.behaviour.kind)),
		thrown: result.error === undefined ? null : (result.error as Error).constructor.name,
	};
}
