/**
 * An operation says whether it reads or writes, and that alone decides whether its
 * call goes again after an outcome that may have been processed (issue 17): a read
 * is resent (reading twice changes nothing), a write is not, unless it opts in to
 * Retry on Server Errors and the user turned that on. Over real sockets against the
 * simulator, answering 500 ("may have been processed"); the back-off between resends
 * is made instant (the count of calls is the point here, not the wait).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { runPerItem, type PerItemOperation } from '../../../nodes/RyzeApi/actions/runner';
import { instancePath } from '../../../nodes/RyzeApi/transport/http/request';
import { createExecuteContext } from '../../support/executeContext';
import { SANDBOX, useSimulator } from '../../support/simulatorHarness';

jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: async () => await Promise.resolve() }));

const { sim, credentials } = useSimulator();
const { customers } = SANDBOX.groups;

type Read = { group: string; instance: string };
const keys = ['success', 'group', 'instance', 'errorCode', 'outcomeUnknown'] as const;

/** A stand-in operation of the given kind: POST /api/group/resetLink, which a second send would repeat. */
function operation(
	kind: Pick<PerItemOperation<Read>, 'kind'> & { retryOnServerErrors?: true },
): PerItemOperation<Read, (typeof keys)[number]> {
	return {
		...(kind.kind === 'read' ? { kind: 'read' } : { kind: 'write', ...(kind.retryOnServerErrors ? { retryOnServerErrors: true } : {}) }),
		name: 'standIn',
		outputKeys: keys,
		read: () => ({ group: customers.jid, instance: 'sandbox' }),
		request: ({ instance, group }) => ({
			method: 'POST',
			path: instancePath('resetLink', instance),
			body: { identifier: group },
			timeoutMs: 5000,
		}),
		describe: ({ group }) => `the invite link of ${group}`,
		map: ({ group, instance }) => ({ items: [{ success: true, group, instance, errorCode: null, outcomeUnknown: false }], hints: [] }),
	};
}

async function run(op: PerItemOperation<Read, (typeof keys)[number]>, retryOnServerErrors = false) {
	sim().scriptFaults([{ kind: 'status', status: 500, processed: true, times: 5, match: { pathPrefix: '/api/group/resetLink' } }]);
	const { ctx } = createExecuteContext({
		credentials: credentials(),
		continueOnFail: true,
		params: { operation: 'standIn', instance: '', group: customers.jid, options: { retryOnServerErrors } },
	});
	const [success, failure] = await runPerItem(ctx as IExecuteFunctions, [{ json: {} }], op);
	return { success, failure, calls: sim().calls.filter((call) => call.path.startsWith('/api/group/resetLink')).length };
}

describe('an operation is a read or a write, and that sets its resend', () => {
	it('a read is sent again after a 500 (twice more)', async () => {
		const { calls, failure } = await run(operation({ kind: 'read' }));
		expect(calls).toBe(3);
		expect(failure.map((item) => [item.json.errorCode, item.json.outcomeUnknown])).toEqual([['server_error', true]]);
	});

	it('a write is sent once: after a 500 it may have been processed, so it is not repeated', async () => {
		const alone = await run(operation({ kind: 'write' }));
		expect(alone.calls).toBe(1);
		expect(alone.failure.map((item) => [item.json.errorCode, item.json.outcomeUnknown])).toEqual([['server_error', true]]);
		// Even with Retry on Server Errors on: the write did not opt in.
		sim().reset();
		expect((await run(operation({ kind: 'write' }), true)).calls).toBe(1);
	});

	it('a write that opts in is resent only when the user turns Retry on Server Errors on', async () => {
		expect((await run(operation({ kind: 'write', retryOnServerErrors: true }), false)).calls).toBe(1);
		sim().reset();
		expect((await run(operation({ kind: 'write', retryOnServerErrors: true }), true)).calls).toBe(3);
	});

	it('the kind is mandatory: an operation that does not say is a type error', () => {
		const { kind, ...withoutKind } = operation({ kind: 'write' });
		expect(kind).toBe('write');
		// @ts-expect-error -- no `kind`: the compiler refuses it (typecheck fails if the kind ever gets a default)
		const refused: PerItemOperation<Read, (typeof keys)[number]> = withoutKind;
		// @ts-expect-error -- only a write may opt in to resends
		const readOptIn: PerItemOperation<Read, (typeof keys)[number]> = { ...withoutKind, kind: 'read', retryOnServerErrors: true };
		expect([refused.name, readOptIn.name]).toEqual(['standIn', 'standIn']);
	});
});
