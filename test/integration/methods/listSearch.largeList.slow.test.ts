/**
 * The pickers on large lists over real sockets (large data: `npm run test:slow`): the
 * results are cut at 1,000 after the search text is applied, and labels at 200
 * characters. The rest of the pickers' tests are in listSearch.test.ts.
 */
import { searchGroups } from '../../../nodes/RyzeApi/methods/listSearch';
import { useSimulator } from '../../support/simulatorHarness';
import { createLoadOptionsContext, rl } from '../../support/locatorContext';

const { sim, credentials } = useSimulator();

describe('the pickers bound what the server lists (large lists)', () => {
	const groupJid = (i: number) => `1203630${String(i).padStart(11, '0')}@g.us`;

	it('150,000 groups: at most 1,000 results, the search text applied before the cut', async () => {
		const groups = Array.from({ length: 150_000 }, (_, i) => ({ jid: groupJid(i), name: `Group ${String(i).padStart(6, '0')}` }));
		sim().scriptFaults([
			{ kind: 'json', status: 200, body: { groups } },
			{ kind: 'json', status: 200, body: { groups } },
		]);
		const { ctx } = createLoadOptionsContext({ credentials: credentials(), parameters: { instance: rl('list', '') } });
		const all = await searchGroups.call(ctx);
		expect(all.results).toHaveLength(1000);
		expect(all.results[0]).toEqual({ name: 'Group 000000', value: groupJid(0) });
		// The last of the 150,000 is found by searching for it, though it is far past the first 1,000.
		expect(await searchGroups.call(ctx, '149999')).toEqual({ results: [{ name: 'Group 149999', value: groupJid(149_999) }] });
	});

	it('a 1,000,000-character group name: the label is cut at 200 characters', async () => {
		sim().scriptFaults([{ kind: 'json', status: 200, body: { groups: [{ jid: groupJid(1), name: 'N'.repeat(1_000_000) }] } }]);
		const { ctx } = createLoadOptionsContext({ credentials: credentials(), parameters: { instance: rl('list', '') } });
		const { results } = await searchGroups.call(ctx);
		expect(results).toHaveLength(1);
		expect(results[0].name).toHaveLength(200);
		expect(results[0].name.endsWith('…')).toBe(true);
		expect(results[0].value).toBe(groupJid(1));
	});
});
