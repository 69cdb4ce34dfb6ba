/* eslint-disable no-console -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * Issue 9: parsing the Participants value takes time linear in its size.
 *
 * Not a benchmark and not a speed limit: for each input shape the same machine,
 * in the same test, parses a value of size n and one of size 8n, and the ratio
 * of the two times must stay far from quadratic (8× input: linear ≈ 8, quadratic
 * ≈ 64; the bound is 40). Each time is the fastest of several repetitions (noise only adds time), each
 * repetition long enough (≥ 10 ms, by repeating the parse) to rise above timer
 * noise. The code before the fix took 25 s for one 160,001-character entry.
 * In `npm run test:slow` (issue 17): a CPU-bound ratio, measured apart from the fast
 * suite's parallel workers, which would add noise to one side of the ratio.
 */
import fc from 'fast-check';

import { parseParticipants } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/participants';

const N = 5000;
const GROWTH = 8;
const MAX_RATIO = 40;
const REPETITIONS = 5;
/** Each timing repeats the parse until it takes at least this long. */
const MIN_SAMPLE_MS = 10;

type Shape = (size: number, fill: string, tail: string) => unknown;

const SHAPES: Record<string, Shape> = {
	'a run of closing characters, then one more character': (size, fill, tail) => [`${fill.repeat(size)}${tail}`],
	'quotes between digits': (size, fill) => [`1${fill.repeat(size)}1`],
	'a +-led number with a long run of separators': (size) => [`+55${'-'.repeat(size)}11987700016`],
	'opening characters around a number': (size, fill) => [`${'('.repeat(size)}5511987700016${fill}x`],
	'space-separated pieces after a +': (size) => `+55 ${'1 '.repeat(Math.floor(size / 2))}`,
	'a long text of whole numbers': (size) =>
		Array.from({ length: Math.floor(size / 14) }, (_, i) => `55119${String(i).padStart(8, '0')}`).join(' '),
};

/** Noise (GC, another process) only ever adds time: the fastest repetition is the truest. */
const fastest = (values: number[]): number => Math.min(...values);

function timeOf(value: unknown, times: number): number {
	const started = performance.now();
	for (let i = 0; i < times; i++) parseParticipants(value);
	return performance.now() - started;
}

function growth(shape: Shape, fill: string, tail: string): number {
	const small = shape(N, fill, tail);
	const large = shape(N * GROWTH, fill, tail);
	// Warm up both (JIT) before timing.
	timeOf(small, 2);
	timeOf(large, 1);
	let times = 1;
	while (timeOf(small, times) < MIN_SAMPLE_MS && times < 1 << 16) times *= 2;
	const smallMs: number[] = [];
	const largeMs: number[] = [];
	for (let r = 0; r < REPETITIONS; r++) {
		smallMs.push(timeOf(small, times));
		largeMs.push(timeOf(large, times));
	}
	return fastest(largeMs) / fastest(smallMs);
}

describe('parsing grows linearly with the size of the value', () => {
	const ratios: Record<string, number> = {};
	afterAll(() => {
		// For the record, like a benchmark would print them.
		console.log(
			`parse growth for ${GROWTH}× input: ${Object.entries(ratios)
				.map(([name, ratio]) => `${name} ${ratio.toFixed(1)}`)
				.join('; ')}`,
		);
	});

	it.each(Object.keys(SHAPES))(
		`%s: 8× the input takes less than ${MAX_RATIO}× the time`,
		(name) => {
			fc.assert(
				fc.property(fc.constantFrom(')', ']', '>', '"', "'", '`'), fc.constantFrom('1', 'x', '(', '+'), (fill, tail) => {
					const ratio = growth(SHAPES[name], fill, tail);
					ratios[name] = Math.max(ratios[name] ?? 0, ratio);
					return ratio < MAX_RATIO;
				}),
				{ seed: 9, numRuns: 2, endOnFailure: true },
			);
			expect(ratios[name]).toBeGreaterThan(0);
		},
		60_000,
	);
});
