/**
 * Every Failure item is `failureItem(outputKeys, failure, known)`'s (helpers/items.ts),
 * never built by hand, so Success and Failure items keep the same keys: each operation
 * runs its scenarios (test/support/operationScenarios.ts) with failureItem watched, and
 * each item on the Failure output must be one failureItem made. Manage Participants is
 * the one exception: a person RyzeAPI answered about is an outcome (resultJson in
 * manageParticipants/items.ts, success or not); its other Failure items are
 * participantFailure's, itself failureItem's.
 */
import { operations } from '../../../../nodes/RyzeApi/actions/group/Group.resource';
import * as items from '../../../../nodes/RyzeApi/helpers/items';
import { runNode } from '../../../support/executeContext';
import { SCENARIOS } from '../../../support/operationScenarios';
import { useSimulator } from '../../../support/simulatorHarness';

const { sim, credentials } = useSimulator();

const OUTCOMES_FROM_THE_ANSWER = ['manageParticipants'];

afterEach(() => jest.restoreAllMocks());

describe.each(Object.keys(operations).filter((value) => !OUTCOMES_FROM_THE_ANSWER.includes(value)))('%s', (value) => {
	it.each((SCENARIOS[value] ?? []).map((scenario) => [scenario.title, scenario] as const))('%s', async (_title, scenario) => {
		const made = jest.spyOn(items, 'failureItem');
		if (scenario.faults) sim().scriptFaults(scenario.faults);
		const [, failure] = await runNode({
			credentials: credentials(),
			continueOnFail: true,
			params: { operation: value, instance: '', options: {}, ...scenario.params },
		});
		const built = made.mock.results.map((result) => result.value as unknown);
		for (const item of failure) expect(built).toContainEqual(item.json);
	});
});
