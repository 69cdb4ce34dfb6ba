/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/require-node-api-error -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * "Nothing lost": the accounting property over random workflows and random server
 * behaviour, in process (see harness.ts and ../support/faultyTransport.ts).
 *
 *   PROPERTY_RUNS=5000 PROPERTY_SEED=42 npx jest test/property/accounting.slow
 *
 * A failing run prints its seed and the shrunk counterexample; run it again with
 * PROPERTY_SEED=<seed> (and the printed path via fast-check if needed).
 */
import fc from 'fast-check';

import { behavioursArb, runAndCheck, SHORT_WAIT_MS, type FakeRun } from './harness';
import { itemsArb, optionsArb, poolArb, propertyRuns, propertySeed, tokenArb, type ItemRecipe } from './model';

const SEED = propertySeed(20_240_607);
const RUNS = propertyRuns(1000);

const runArb: fc.Arbitrary<FakeRun> = fc.record({
	pool: poolArb(60),
	items: itemsArb(300),
	behaviours: behavioursArb,
	options: optionsArb([0, 0, 0, 0, 0, SHORT_WAIT_MS]),
	continueOnFail: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
	token: tokenArb,
	toolMode: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

async function assertProperty(property: fc.IAsyncProperty<[FakeRun]>, numRuns: number): Promise<void> {
	try {
		await fc.assert(property, { seed: SEED, numRuns });
	} catch (error) {
		// fast-check's report names the seed and path too; this line is the one to copy.
		(error as Error).message =
			`Property failed. Reproduce with PROPERTY_SEED=${SEED} PROPERTY_RUNS=${numRuns}\n${(error as Error).message}`;
		throw error;
	}
}

describe('every participant is accounted for, whatever the server does', () => {
	it(`holds over ${RUNS} random workflows (seed ${SEED})`, async () => {
		const stats = { runs: 0, requests: 0, outputs: 0, codes: new Set<string>(), behaviours: new Set<string>(), thrown: new Set<string>() };
		await assertProperty(
			fc.asyncProperty(runArb, async (run) => {
				const summary = await runAndCheck(run);
				stats.runs++;
				stats.requests += summary.requests;
				stats.outputs += summary.outputs;
				summary.codes.forEach((code) => stats.codes.add(code));
				summary.behaviours.forEach((kind) => stats.behaviours.add(kind));
				if (summary.thrown) stats.thrown.add(summary.thrown);
			}),
			RUNS,
		);
		// The runs did real work: requests were sent, items came out, and every kind of
		// server behaviour and outcome was met (a guard against a generator that drifts).
		expect(stats.runs).toBeGreaterThanOrEqual(RUNS);
		expect(stats.requests).toBeGreaterThan(RUNS);
		expect(stats.outputs).toBeGreaterThan(RUNS);
		if (RUNS >= 1000) {
			expect([...stats.behaviours].sort()).toEqual(
				[
					'answer',
					'drop',
					'empty',
					'garbage',
					'html',
					'rateLimitedBriefly',
					'refused',
					'status',
					'timeout',
					'truncated',
					'whatsapp429',
				].sort(),
			);
			const wanted = [
				'null',
				'not_on_whatsapp',
				'privacy_blocked',
				'already_member',
				'not_member',
				'no_pending_request',
				'not_admin',
				'unauthorized',
				'group_not_found',
				'instance_not_found',
				'instance_disconnected',
				'rate_limited',
				'invalid_participant',
				'invalid_parameter',
				'missing_result',
				'bad_request',
				'timeout',
				'network',
				'server_error',
				'unexpected_response',
				'unknown',
			];
			expect(wanted.filter((code) => !stats.codes.has(code))).toEqual([]);
			expect([...stats.thrown].sort()).toEqual(['NodeApiError', 'NodeOperationError']);
		}
	}, 120_000);

	it('holds at the largest size: 300 items of 50 participants each', async () => {
		const item = (index: number): ItemRecipe => ({
			instance: index % 4,
			group: index % 5,
			action: index % 8,
			bad: -1,
			participants: {
				shape: index % 3 === 0 ? 'list' : 'text',
				separators: [',', '\n', ' '],
				padding: index % 2 === 0,
				entries: Array.from({ length: 50 }, (_v, entry) =>
					entry % 17 === 16
						? { type: 'invalid' as const, form: 'short' as const, wrap: 0 as const, nullBefore: false }
						: {
								type: 'valid' as const,
								person: index * 7 + entry,
								phoneForm: 'digits' as const,
								lidForm: 'lid' as const,
								wrap: 0 as const,
								nullBefore: false,
							},
				),
			},
		});
		const pool = Array.from({ length: 997 }, (_v, index) =>
			index % 10 === 0
				? { kind: 'lid' as const, digits: String(199700000000000 + index) }
				: { kind: 'pn' as const, digits: String(5511900000000 + index) },
		);
		const counted = await runAndCheck({
			pool,
			items: Array.from({ length: 300 }, (_v, index) => item(index)),
			behaviours: [
				{ kind: 'answer', outcome: 'partial', ops: ['reorder'], keyStyle: 'jid', envelope: 'top' },
				{ kind: 'status', status: 503, variant: 0, body: 'envelope' },
				{ kind: 'answer', outcome: 'success', ops: ['missing', 'extra'], keyStyle: 'phone', envelope: 'data' },
				{ kind: 'timeout' },
			],
			options: { combineItems: true, batchSize: 100, rateLimitMaxWait: 0, timeout: 0, reserveRequests: 0 },
			continueOnFail: true,
			token: 'ryze-SECRET-largest-run-000000',
		});
		expect(counted.outputs).toBeGreaterThan(300 * 40);
		expect(counted.requests).toBeGreaterThan(10);
	}, 60_000);
});
