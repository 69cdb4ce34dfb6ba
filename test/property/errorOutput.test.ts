/**
 * Compatibility with n8n's "Continue (using error output)": the helper reproduces
 * n8n-core's rule, and no Failure item of this node, for any failure kind, is
 * moved to the Error output.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { RyzeApi } from '../../nodes/RyzeApi/RyzeApi.node';
import { movedByN8nCore, movedToErrorOutput, routeWithErrorOutput } from '../support/errorOutput';
import { createFaultyContext } from '../support/faultyContext';
import { FaultyRyzeApi, type ServerBehaviour } from '../support/faultyTransport';

const item = (json: Record<string, unknown>, extra: Partial<INodeExecutionData> = {}): INodeExecutionData => ({
	json: json as never,
	...extra,
});

describe('the Error output rule', () => {
	it.each([
		['{error} is moved', item({ error: 'boom' }), true, true],
		['{error, message} is moved', item({ error: 'boom', message: 'm' }), true, true],
		['{error, details} is moved (the wider rule; n8n-core keeps it)', item({ error: 'boom', details: 'd' }), true, false],
		[
			'{error, message, details} is moved (the wider rule; n8n-core keeps it)',
			item({ error: 'boom', message: 'm', details: 'd' }),
			true,
			false,
		],
		['item.error is moved', item({ anything: 1 }, { error: new Error('x') as never }), true, true],
		['{error, other} is kept', item({ error: 'boom', other: 1 }), false, false],
		['{error: null} is kept', item({ error: null }), false, false],
		['{message} is kept', item({ message: 'm' }), false, false],
	])('%s', (_name, entry, wide, core) => {
		expect(movedToErrorOutput(entry)).toBe(wide);
		expect(movedByN8nCore(entry)).toBe(core);
	});

	it('routes like n8n: the node outputs, then the Error output', () => {
		const moved = item({ error: 'boom' });
		const kept = item({ error: 'boom', errorCode: 'x' });
		expect(routeWithErrorOutput([[item({ a: 1 })], [moved, kept]])).toEqual([[item({ a: 1 })], [kept], [moved]]);
	});
});

describe('Failure items stay on Failure', () => {
	const behaviours: ServerBehaviour[] = [
		{ kind: 'answer', outcome: 'mixed', ops: ['missing'], keyStyle: 'jid', envelope: 'top' },
		{ kind: 'status', status: 401, variant: 0, body: 'envelope' },
		{ kind: 'status', status: 403, variant: 0, body: 'envelope' },
		{ kind: 'status', status: 404, variant: 1, body: 'envelope' },
		{ kind: 'status', status: 503, variant: 1, body: 'envelope' },
		{ kind: 'html', status: 502 },
		{ kind: 'empty', status: 200 },
		{ kind: 'truncated' },
		{ kind: 'garbage' },
		{ kind: 'timeout' },
		{ kind: 'drop' },
		{ kind: 'refused' },
		// Last: with Max Wait 0, a spent window makes every later call fail fast as rate_limited.
		{ kind: 'status', status: 429, variant: 0, body: 'empty' },
	];

	it('for every failure kind, and for bad items and bad entries', async () => {
		const rows = [
			...behaviours.map(() => ({ group: '120363000000000001@g.us', participants: '5511977770001, 5511977770002, hello' })),
			{ group: '', participants: '5511977770003' },
		];
		const server = new FaultyRyzeApi(behaviours);
		const { ctx } = createFaultyContext(
			{
				credentials: { baseUrl: 'http://127.0.0.1:9', token: 'ryze-SECRET-error-output', instance: 'sandbox' },
				continueOnFail: true,
				items: rows.map(() => ({ json: {} })),
				params: (index) => ({
					operation: 'manageParticipants',
					action: 'add',
					instance: '',
					options: { batching: { batch: { combineItems: false } }, rateLimitMaxWait: 0 },
					...rows[index],
				}),
			},
			server,
		);
		const outputs = await new RyzeApi().execute.call(ctx);
		const codes = new Set(outputs[1].map((entry) => entry.json.errorCode));
		const expected = [
			'invalid_parameter',
			'invalid_participant',
			'missing_result',
			'unauthorized',
			'not_admin',
			'instance_not_found',
			'rate_limited',
			'instance_disconnected',
			'server_error',
			'unexpected_response',
			'timeout',
			'network',
		];
		expect(expected.filter((code) => !codes.has(code))).toEqual([]);
		expect(outputs[1].length).toBeGreaterThan(30);
		const routed = routeWithErrorOutput(outputs);
		expect(routed).toHaveLength(3);
		expect(routed[0]).toEqual(outputs[0]);
		expect(routed[1]).toEqual(outputs[1]);
		expect(routed[2]).toEqual([]);
	});
});
