/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * actions/runner.ts, the per-item runner, with a made-up read operation and a
 * host whose httpRequestWithAuthentication answers from a script (no socket):
 * pairedItem on every item, input order kept, Continue On Fail (off: the node stops
 * with a NodeApiError naming the item; on: Failure items and the run goes on), bad
 * input (InputError) as a NodeOperationError naming the field and item, or Failure
 * items under Continue On Fail, the Error-output rule (every item has `success`,
 * failures an `errorCode`, on the Failure output; tool mode: all on output 0), and
 * the token never in an item or an error.
 */
import { NodeApiError, NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { runPerItem, type PerItemOperation } from '../../../nodes/RyzeApi/actions/runner';
import { InputError } from '../../../nodes/RyzeApi/helpers/inputError';
import { createExecuteContext } from '../../support/executeContext';

const TOKEN = 'tok-runner-0123456789abcdef';

interface Read {
	group: string | null;
	instance: string | null;
}

/** Lists "members" of a group: GET /api/test?group=…, two items per answer. */
const op: PerItemOperation<Read, 'success' | 'group' | 'member' | 'errorCode' | 'error'> = {
	kind: 'read',
	name: 'testList',
	outputKeys: ['success', 'group', 'member', 'errorCode', 'error'],
	read: (ctx, itemIndex) => {
		const group = ctx.getNodeParameter('group', itemIndex) as string;
		if (!group.endsWith('@g.us'))
			throw new InputError('Group', `Group ${group} is not a group JID`, 'Use the group’s JID, ending in @g.us.');
		return { group, instance: '' };
	},
	request: (read) => ({ method: 'GET', path: '/api/test', qs: { group: read.group }, timeoutMs: 1000 }),
	describe: (read) => `members of group ${read.group}`,
	map: (read, _status, body) => {
		const members = (body as { members?: unknown }).members;
		if (!Array.isArray(members))
			return {
				failure: { errorCode: 'unexpected_response', message: 'no members', description: '', statusCode: 200, outcomeUnknown: false },
			};
		return { items: members.map((member) => ({ success: true, group: read.group, member, errorCode: null, error: null })), hints: [] };
	},
};

type Answer = { statusCode: number; body: unknown };

function context(groups: string[], answers: Record<string, Answer>, options: { continueOnFail?: boolean; toolMode?: boolean } = {}) {
	const { ctx } = createExecuteContext({
		credentials: { baseUrl: 'http://ryze.test', token: TOKEN, instance: '' },
		items: groups.map(() => ({ json: {} })),
		params: (itemIndex) => ({ group: groups[itemIndex], options: {} }),
		continueOnFail: options.continueOnFail,
		toolMode: options.toolMode,
	});
	const asked: string[] = [];
	(ctx.helpers as { httpRequestWithAuthentication: unknown }).httpRequestWithAuthentication = async (
		_type: string,
		request: { qs: { group: string } },
	) => {
		asked.push(request.qs.group);
		const answer = answers[request.qs.group] ?? { statusCode: 200, body: { members: [`${request.qs.group}-a`, `${request.qs.group}-b`] } };
		return { statusCode: answer.statusCode, headers: {}, body: JSON.stringify(answer.body) };
	};
	return { ctx: ctx as IExecuteFunctions, asked };
}

const view = (items: INodeExecutionData[]) => items.map((item) => [item.json.member ?? item.json.errorCode, item.pairedItem]);

describe('runPerItem', () => {
	it('one call per item; every item paired with its input item, in input order, on Success', async () => {
		const { ctx, asked } = context(['1@g.us', '2@g.us'], {});
		const [success, failure] = await runPerItem(ctx, ctx.getInputData(), op);
		expect(asked).toEqual(['1@g.us', '2@g.us']);
		expect(view(success)).toEqual([
			['1@g.us-a', { item: 0 }],
			['1@g.us-b', { item: 0 }],
			['2@g.us-a', { item: 1 }],
			['2@g.us-b', { item: 1 }],
		]);
		expect(failure).toEqual([]);
	});

	it('Continue On Fail off: a failed call stops the node with a NodeApiError naming the item and the call', async () => {
		const { ctx } = context(['1@g.us', '2@g.us', '3@g.us'], {
			'2@g.us': { statusCode: 403, body: { success: false, error: 'Not an admin' } },
		});
		const error = await runPerItem(ctx, ctx.getInputData(), op).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeApiError);
		const apiError = error as NodeApiError;
		expect(apiError.message).toContain('Not an admin');
		expect(apiError.description).toContain('item 1: members of group 2@g.us');
		expect(apiError.description).toContain('This call changed nothing.');
		expect(apiError.context.itemIndex).toBe(1);
	});

	it('Continue On Fail on: the failed item becomes one Failure item (success false, errorCode), paired; the others go on', async () => {
		const { ctx, asked } = context(
			['1@g.us', '2@g.us', '3@g.us'],
			{ '2@g.us': { statusCode: 403, body: { success: false, error: 'Not an admin' } } },
			{ continueOnFail: true },
		);
		const [success, failure] = await runPerItem(ctx, ctx.getInputData(), op);
		expect(asked).toEqual(['1@g.us', '2@g.us', '3@g.us']);
		expect(view(success).map(([, paired]) => paired)).toEqual([{ item: 0 }, { item: 0 }, { item: 2 }, { item: 2 }]);
		expect(failure.map((item) => [item.json.success, item.json.group, typeof item.json.errorCode, item.pairedItem])).toEqual([
			[false, '2@g.us', 'string', { item: 1 }],
		]);
	});

	it('its Failure items are built from outputKeys: every key in order, the failure, the item’s group, null for the rest', async () => {
		const refused = context(
			['1@g.us'],
			{ '1@g.us': { statusCode: 403, body: { success: false, error: 'Not an admin' } } },
			{ continueOnFail: true },
		);
		const [, failure] = await runPerItem(refused.ctx, refused.ctx.getInputData(), op);
		expect(failure.map((item) => JSON.stringify(item.json))).toEqual([
			'{"success":false,"group":"1@g.us","member":null,"errorCode":"not_admin","error":"Not an admin"}',
		]);
		const unusable = context(['not-a-group'], {}, { continueOnFail: true });
		const [, invalid] = await runPerItem(unusable.ctx, unusable.ctx.getInputData(), op);
		expect(
			invalid.map((item) => Object.entries(item.json).map(([key, value]) => [key, typeof value === 'string' ? 'text' : value])),
		).toEqual([
			[
				['success', false],
				['group', null],
				['member', null],
				['errorCode', 'text'],
				['error', 'text'],
			],
		]);
	});

	it('a 2xx the operation cannot read is a failure like any other (Failure item under Continue On Fail)', async () => {
		const { ctx } = context(['1@g.us'], { '1@g.us': { statusCode: 200, body: { nothing: true } } }, { continueOnFail: true });
		const [success, failure] = await runPerItem(ctx, ctx.getInputData(), op);
		expect(success).toEqual([]);
		expect(view(failure)).toEqual([['unexpected_response', { item: 0 }]]);
	});

	it('bad input, Continue On Fail off: a NodeOperationError naming the field and the item; nothing is sent', async () => {
		const { ctx, asked } = context(['1@g.us', 'not-a-group'], {});
		const error = await runPerItem(ctx, ctx.getInputData(), op).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(/Group/);
		expect((error as Error).message).toMatch(/item 1/);
		expect(asked).toEqual([]);
	});

	it('bad input, Continue On Fail on: that item is a Failure item `invalid_parameter` saying how to fix it; the others are sent', async () => {
		const { ctx, asked } = context(['not-a-group', '2@g.us'], {}, { continueOnFail: true });
		const [success, failure] = await runPerItem(ctx, ctx.getInputData(), op);
		expect(asked).toEqual(['2@g.us']);
		expect(view(success).map(([, paired]) => paired)).toEqual([{ item: 1 }, { item: 1 }]);
		expect(view(failure)).toEqual([['invalid_parameter', { item: 0 }]]);
		expect(String(failure[0].json.error)).toContain('Use the group’s JID');
	});

	it('tool mode: Success and Failure items all on output 0 (what an AI Agent reads), still paired', async () => {
		const { ctx } = context(
			['1@g.us', '2@g.us'],
			{ '1@g.us': { statusCode: 404, body: { success: false, error: 'Group not found' } } },
			{ continueOnFail: true, toolMode: true },
		);
		const [first, second] = await runPerItem(ctx, ctx.getInputData(), op);
		expect(first.map((item) => [item.json.success, item.pairedItem])).toEqual([
			[false, { item: 0 }],
			[true, { item: 1 }],
			[true, { item: 1 }],
		]);
		expect(second).toEqual([]);
	});

	it('the token never appears in an item or an error, even when the API echoes it', async () => {
		const echo = { statusCode: 400, body: { success: false, error: `bad token ${TOKEN}` } };
		const cof = context(['1@g.us'], { '1@g.us': echo }, { continueOnFail: true });
		const outputs = await runPerItem(cof.ctx, cof.ctx.getInputData(), op);
		expect(JSON.stringify(outputs)).not.toContain(TOKEN);
		const stop = context(['1@g.us'], { '1@g.us': echo });
		const error = (await runPerItem(stop.ctx, stop.ctx.getInputData(), op).catch((thrown: unknown) => thrown)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(`${error.message} ${error.description}`).not.toContain(TOKEN);
	});
});
