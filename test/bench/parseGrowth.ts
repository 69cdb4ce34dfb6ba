/* eslint-disable no-console -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * `npm run bench:parse`: how parsing the Participants value grows with its size.
 *
 * For each adversarial input shape it parses a value of size n and one of size 8n
 * and prints the ratio of the two times (8× input: linear ≈ 8, quadratic ≈ 64).
 * Each time is the fastest of several repetitions (noise only adds time), each
 * repetition long enough (≥ 10 ms, by repeating the parse) to rise above timer
 * noise. The code before issue 9's fix took 25 s for one 160,001-character entry.
 * A benchmark, not a test: a time ratio depends on the machine's load, so no test
 * asserts it (test/unit/helpers/participants.largeInput.slow.test.ts checks what
 * these shapes parse to, at 8n). docs/benchmarks.md records the figures.
 */
import { parseParticipants } from '../../nodes/RyzeApi/helpers/participants';

const N = 5000;
const GROWTH = 8;
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

/** Prints, per input shape, how much longer an 8× larger value takes to parse (the worst of the fills). */
function main(): void {
	const fills = [')', ']', '>', '"', "'", '`'];
	const tails = ['1', 'x', '(', '+'];
	console.log(`parse growth for ${GROWTH}× input (linear ≈ ${GROWTH}, quadratic ≈ ${GROWTH * GROWTH}; n = ${N}):`);
	for (const [name, shape] of Object.entries(SHAPES)) {
		let worst = 0;
		for (const fill of fills.slice(0, 2)) for (const tail of tails.slice(0, 2)) worst = Math.max(worst, growth(shape, fill, tail));
		console.log(`  ${name}: ${worst.toFixed(1)}`);
	}
}

main();
