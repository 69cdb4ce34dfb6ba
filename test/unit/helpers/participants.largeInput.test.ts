/**
 * The adversarial Participants values of `npm run bench:parse` (test/bench/parseGrowth.ts),
 * at the large size the benchmark times: what each parses to. The benchmark prints how
 * the time grows (a time depends on the machine, so no test asserts it); this pins the
 * result, so that a change of behaviour on these shapes shows here.
 */
import { parseParticipants } from '../../../nodes/RyzeApi/helpers/participants';

const SIZE = 40_000;

describe('large adversarial Participants values (the shapes of bench:parse, at 8n)', () => {
	it.each([
		['a run of closing characters, then one more character', [`${')'.repeat(SIZE)}1`], SIZE + 1],
		['quotes between digits', [`1${'"'.repeat(SIZE)}1`], SIZE + 2],
		['a +-led number with a long run of separators', [`+55${'-'.repeat(SIZE)}11987700016`], SIZE + 14],
		['opening characters around a number', [`${'('.repeat(SIZE)}5511987700016)x`], SIZE + 15],
	])('%s: one entry, refused for its length, its input cut', (_name, value, length) => {
		const parsed = parseParticipants(value);
		expect(parsed.participants).toEqual([]);
		expect(parsed.rejected).toHaveLength(1);
		expect(parsed.rejected[0].reason).toContain(`${length} characters long; a participant has at most 1000`);
		expect(parsed.rejected[0].input.length).toBeLessThanOrEqual(80);
	});

	it('space-separated pieces after a +: read as numbers, nothing refused', () => {
		const parsed = parseParticipants(`+55 ${'1 '.repeat(SIZE / 2)}`);
		expect(parsed.rejected).toEqual([]);
		expect(parsed.participants.map((participant) => participant.value).slice(0, 2)).toEqual(['551111111111111', '111111111111111']);
		expect(parsed.participants).toHaveLength(3);
	});

	it('a long text of whole numbers: every number once, in order', () => {
		const count = Math.floor(SIZE / 14);
		const numbers = Array.from({ length: count }, (_, i) => `55119${String(i).padStart(8, '0')}`);
		const parsed = parseParticipants(numbers.join(' '));
		expect(parsed.rejected).toEqual([]);
		expect(parsed.participants.map((participant) => participant.value)).toEqual(numbers);
	});
});
