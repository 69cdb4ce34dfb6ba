/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * execute() over real sockets against the RyzeAPI simulator, through a context
 * whose httpRequestWithAuthentication is axios-based like n8n-core's.
 */
import { NodeApiError, NodeOperationError, type INodeExecutionData } from 'n8n-workflow';

import { runNode, createExecuteContext } from '../../../../support/executeContext';
import { allText, SANDBOX, useSimulator } from '../../../../support/simulatorHarness';
import { RyzeApi } from '../../../../../nodes/RyzeApi/RyzeApi.node';
import { PARTICIPANT_ACTIONS } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/actions';

const { sim, credentials, restart } = useSimulator();
const { customers, waitlist, announcements } = SANDBOX.groups;

const params = (overrides: Record<string, unknown> = {}) => ({
	operation: 'manageParticipants',
	instance: '',
	group: customers.jid,
	action: 'add',
	participants: '',
	options: {},
	...overrides,
});

const json = (items: INodeExecutionData[]) => items.map((item) => item.json);
const pick = (items: INodeExecutionData[], ...keys: string[]) =>
	items.map((item) => Object.fromEntries(keys.map((key) => [key, key === 'pairedItem' ? item.pairedItem : item.json[key]])));

async function expectThrow(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
	try {
		await promise;
	} catch (error) {
		return error as Error & Record<string, unknown>;
	}
	throw new Error('expected the node to throw');
}

describe('Manage Participants against the simulator', () => {
	it('adds with a partial 200: one item per participant on Success or Failure', async () => {
		const [success, failure] = await runNode({
			credentials: credentials(),
			params: params({ participants: '+55 11 98888-0001, 5511988880000, 5511988880403, 5511911110001, hello' }),
		});
		expect(pick(success, 'participant', 'input', 'jid', 'success', 'errorCode', 'pairedItem')).toEqual([
			{
				participant: '5511988880001',
				input: '+55 11 98888-0001',
				jid: '5511988880001@s.whatsapp.net',
				success: true,
				errorCode: null,
				pairedItem: { item: 0 },
			},
		]);
		expect(pick(failure, 'participant', 'input', 'errorCode', 'statusCode')).toEqual([
			{ participant: '5511988880000', input: '5511988880000', errorCode: 'not_on_whatsapp', statusCode: 200 },
			{ participant: '5511988880403', input: '5511988880403', errorCode: 'privacy_blocked', statusCode: 200 },
			{ participant: '5511911110001', input: '5511911110001', errorCode: 'already_member', statusCode: 200 },
			{ participant: null, input: 'hello', errorCode: 'invalid_participant', statusCode: null },
		]);
		expect(failure[1].json.addRequest).toEqual({ code: expect.any(String), expiration: expect.any(Number) });
		expect(failure[0].json).toMatchObject({
			action: 'add',
			group: customers.jid,
			groupJid: customers.jid,
			instance: 'sandbox',
			success: false,
		});
		expect(typeof failure[0].json.error).toBe('string');
		expect(failure[0].json.raw).toEqual({ jid: '5511988880000@s.whatsapp.net', success: false, error: failure[0].json.error });
		// The invalid entry was never sent.
		expect(sim().calls).toHaveLength(1);
		expect(sim().calls[0].body).toEqual({
			action: 'add',
			identifier: customers.jid,
			participants: ['5511988880001', '5511988880000', '5511988880403', '5511911110001'],
		});
	});

	it('sends the token header, the encoded instance and the JSON body', async () => {
		const { ctx, requests } = createExecuteContext({ credentials: credentials(), params: params({ participants: '5511988880001' }) });
		await new RyzeApi().execute.call(ctx);
		expect(requests[0]).toMatchObject({
			credentialType: 'ryzeApi',
			options: {
				method: 'POST',
				url: `${sim().url}/api/group/participants/sandbox`,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: 70_000,
			},
		});
		expect(sim().calls[0]).toMatchObject({ tokenKind: 'instance', path: '/api/group/participants/sandbox' });
	});

	it('approves by phone number: the API resolves it to the LID', async () => {
		const [success, failure] = await runNode({
			credentials: credentials(),
			params: params({ action: 'approve', group: waitlist.jid, participants: '5511988887777' }),
		});
		expect(failure).toEqual([]);
		expect(pick(success, 'participant', 'jid')).toEqual([{ participant: '5511988887777', jid: '199789077627112@lid' }]);
	});

	it('accepts the group as an invite code or an invite link', async () => {
		const byCode = await runNode({
			credentials: credentials(),
			params: params({ group: customers.inviteCode, participants: '5511977770001' }),
		});
		const byLink = await runNode({
			credentials: credentials(),
			params: params({ group: `https://chat.whatsapp.com/${customers.inviteCode}`, participants: '5511977770002' }),
		});
		expect(byCode[0].map((item) => item.json.groupJid)).toEqual([customers.jid]);
		expect(byLink[0].map((item) => item.json.groupJid)).toEqual([customers.jid]);
	});

	it('handles several input items aimed at different groups, with pairedItem per item', async () => {
		const rows = [
			{ group: customers.jid, action: 'add', participants: '5511977770001, 5511911110001' },
			{ group: announcements.jid, action: 'add', participants: '5511977770002' },
			{ group: waitlist.jid, action: 'approve', participants: ['199789077627114@lid'] },
		];
		const [success, failure] = await runNode({
			credentials: credentials(),
			continueOnFail: true,
			items: rows.map((row) => ({ json: row })),
			params: (i) => params(rows[i]),
		});
		expect(pick(success, 'participant', 'group', 'pairedItem')).toEqual([
			{ participant: '5511977770001', group: customers.jid, pairedItem: { item: 0 } },
			{ participant: '199789077627114@lid', group: waitlist.jid, pairedItem: { item: 2 } },
		]);
		expect(pick(failure, 'participant', 'errorCode', 'statusCode', 'pairedItem')).toEqual([
			{ participant: '5511911110001', errorCode: 'already_member', statusCode: 200, pairedItem: { item: 0 } },
			{ participant: '5511977770002', errorCode: 'not_admin', statusCode: 403, pairedItem: { item: 1 } },
		]);
		expect(sim().calls).toHaveLength(3);
	});

	describe('whole-call failures', () => {
		const cases: Array<
			[string, () => { creds: Record<string, string>; overrides: Record<string, unknown> }, number | null, string, RegExp]
		> = [
			[
				'401 invalid token',
				() => ({ creds: { ...credentials(), token: 'wrong-token' }, overrides: {} }),
				401,
				'unauthorized',
				/^Invalid token$/,
			],
			[
				'403 not admin',
				() => ({ creds: credentials(), overrides: { group: announcements.jid } }),
				403,
				'not_admin',
				/^Not authorized to perform this action \(must be admin\)$/,
			],
			[
				'403 not super-admin',
				() => ({ creds: credentials(), overrides: { group: waitlist.jid, action: 'promote' } }),
				403,
				'not_admin',
				/must be super admin/,
			],
			[
				'404 group',
				() => ({ creds: credentials(), overrides: { group: '120363999999999999@g.us' } }),
				404,
				'group_not_found',
				/^Group not found or you are not a member of this group$/,
			],
			[
				'404 instance',
				() => ({ creds: { ...credentials(), token: SANDBOX.tokens.account }, overrides: { instance: 'nope' } }),
				404,
				'instance_not_found',
				/^Instance not found$/,
			],
			[
				'503 disconnected',
				() => ({ creds: { ...credentials(), token: SANDBOX.tokens.account }, overrides: { instance: 'offline' } }),
				503,
				'instance_disconnected',
				/not connected/,
			],
		];

		it.each(cases)('%s: continueOnFail gives one Failure item per participant', async (_name, setup, status, code) => {
			const { creds, overrides } = setup();
			const [success, failure] = await runNode({
				credentials: creds,
				continueOnFail: true,
				params: params({ participants: '5511977770001, 5511977770002', ...overrides }),
			});
			expect(success).toEqual([]);
			expect(pick(failure, 'participant', 'errorCode', 'statusCode', 'pairedItem')).toEqual([
				{ participant: '5511977770001', errorCode: code, statusCode: status, pairedItem: { item: 0 } },
				{ participant: '5511977770002', errorCode: code, statusCode: status, pairedItem: { item: 0 } },
			]);
		});

		it.each(cases)('%s: without continueOnFail a NodeApiError in the API words', async (_name, setup, status, _code, message) => {
			const { creds, overrides } = setup();
			const error = await expectThrow(
				runNode({
					credentials: creds,
					items: [{ json: {} }, { json: {} }],
					params: (i) => params({ participants: i === 0 ? '5511977770001' : '5511977770002', ...overrides }),
				}),
			);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toMatch(message);
			expect(error.httpCode).toBe(String(status));
			expect(error.context).toMatchObject({ itemIndex: 0 });
			// Both items share group and action, so one combined call served them.
			expect(String(error.description)).toMatch(/\(items 0, 1: (add|promote) in group /);
		});

		it.each([
			['a 500', { kind: 'status', status: 500 }, 'server_error', 500, true],
			['an HTML 502', { kind: 'html', status: 502 }, 'server_error', 502, true],
			['a 200 with an empty body', { kind: 'empty' }, 'unexpected_response', 200, true],
			['a 200 with truncated JSON', { kind: 'truncated' }, 'unexpected_response', 200, true],
			['a 200 of unknown shape', { kind: 'garbage' }, 'unexpected_response', 200, true],
			['a dropped connection', { kind: 'drop' }, 'network', null, true],
		])('%s → %s', async (_name, fault, code, status, unknown) => {
			sim().scriptFaults([fault as never]);
			const [success, failure] = await runNode({
				credentials: credentials(),
				continueOnFail: true,
				params: params({ participants: '5511977770001' }),
			});
			expect(success).toEqual([]);
			expect(pick(failure, 'errorCode', 'statusCode', 'outcomeUnknown')).toEqual([
				{ errorCode: code, statusCode: status, outcomeUnknown: unknown },
			]);
			const error = await (async () => {
				sim().scriptFaults([fault as never]);
				return await expectThrow(runNode({ credentials: credentials(), params: params({ participants: '5511977770001' }) }));
			})();
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.context).toMatchObject({ itemIndex: 0 });
			expect(error.cause).toBeUndefined();
		});

		it('a timeout becomes timeout with an unknown outcome', async () => {
			sim().scriptFaults([{ kind: 'delay', ms: 1500 } as never]);
			const [, failure] = await runNode({
				credentials: credentials(),
				continueOnFail: true,
				params: params({ participants: '5511977770001', options: { timeout: 1000 } }),
			});
			expect(pick(failure, 'errorCode', 'outcomeUnknown', 'error')).toEqual([
				{ errorCode: 'timeout', outcomeUnknown: true, error: 'RyzeAPI did not answer within 1000 ms' },
			]);
		});

		it('a refused connection is network, and certainly not processed', async () => {
			const [, failure] = await runNode({
				credentials: { ...credentials(), baseUrl: 'http://127.0.0.1:1' },
				continueOnFail: true,
				params: params({ participants: '5511977770001' }),
			});
			expect(pick(failure, 'errorCode', 'outcomeUnknown')).toEqual([{ errorCode: 'network', outcomeUnknown: false }]);
		});
	});

	describe('validation before anything is sent', () => {
		it.each([
			[{ participants: '' }, /^Participants: Participants is empty \[item 1\]$/],
			[{ participants: 'abc' }, null],
			[{ group: '' }, /^Group: Group is empty \[item 1\]$/],
			[{ action: 'kick' }, /^Action: Action "kick" is not supported \[item 1\]$/],
			[{ instance: '../admin' }, /^Instance: .*not allowed.*\[item 1\]$/],
			[{ instance: 'a%2Fb' }, /^Instance: .*\[item 1\]$/],
			[{ instance: 'a?b' }, /^Instance: .*\[item 1\]$/],
			[{ instance: 'a#b' }, /^Instance: .*\[item 1\]$/],
		])('%p', async (overrides, message) => {
			const run = runNode({
				credentials: credentials(),
				items: [{ json: {} }, { json: {} }],
				params: (i) => params(i === 1 ? { participants: '5511977770001', ...overrides } : { participants: '5511977770002' }),
			});
			if (message === null) {
				const [success, failure] = await run;
				expect(success).toHaveLength(1);
				expect(pick(failure, 'input', 'errorCode', 'pairedItem')).toEqual([
					{ input: 'abc', errorCode: 'invalid_participant', pairedItem: { item: 1 } },
				]);
				return;
			}
			const error = await expectThrow(run);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toMatch(message);
			expect(error.context).toMatchObject({ itemIndex: 1 });
			expect(sim().calls).toHaveLength(0);
		});

		it('refuses an action from an expression that is not one of the table’s, and names them', async () => {
			const error = await expectThrow(
				runNode({ credentials: credentials(), params: params({ action: 'kick', participants: '5511977770001' }) }),
			);
			expect(error.description).toBe(`Use one of: ${PARTICIPANT_ACTIONS.join(', ')}`);
		});

		it('under continueOnFail an invalid item leaves one Failure item per participant and the rest go', async () => {
			const [success, failure] = await runNode({
				credentials: credentials(),
				continueOnFail: true,
				items: [{ json: {} }, { json: {} }],
				params: (i) => params(i === 0 ? { participants: '5511977770001, 5511977770002', group: '' } : { participants: '5511977770003' }),
			});
			expect(pick(success, 'participant', 'pairedItem')).toEqual([{ participant: '5511977770003', pairedItem: { item: 1 } }]);
			expect(pick(failure, 'participant', 'errorCode', 'pairedItem')).toEqual([
				{ participant: '5511977770001', errorCode: 'invalid_parameter', pairedItem: { item: 0 } },
				{ participant: '5511977770002', errorCode: 'invalid_parameter', pairedItem: { item: 0 } },
			]);
			expect(failure[0].json.error).toMatch(/Group is empty/);
		});

		it('refuses a credential without a token or with a non-http Base URL', async () => {
			const noToken = await expectThrow(
				runNode({ credentials: { ...credentials(), token: '' }, params: params({ participants: '5511977770001' }) }),
			);
			expect(noToken.message).toBe('Token (credential): The RyzeAPI credential has no token [item 0]');
			const ftp = await expectThrow(
				runNode({ credentials: { ...credentials(), baseUrl: 'ftp://127.0.0.1' }, params: params({ participants: '5511977770001' }) }),
			);
			expect(ftp.message).toMatch(/Base URL \(credential\): Base URL scheme "ftp:" is not supported/);
			expect(sim().calls).toHaveLength(0);
		});
	});

	describe('tool mode', () => {
		it('puts every result on output 0 when running as an AI Agent tool', async () => {
			const [first, second] = await runNode({
				credentials: credentials(),
				toolMode: true,
				params: params({ participants: '5511977770001, 5511977770000' }),
			});
			expect(pick(first, 'participant', 'success')).toEqual([
				{ participant: '5511977770001', success: true },
				{ participant: '5511977770000', success: false },
			]);
			expect(second).toEqual([]);
		});

		it('keeps two outputs when isToolExecution is false or missing (older hosts)', async () => {
			for (const toolMode of [false, undefined]) {
				await restart();
				const [success, failure] = await runNode({
					credentials: credentials(),
					toolMode,
					params: params({ participants: '5511977770001, 5511977770000' }),
				});
				expect([success.length, failure.length]).toEqual([1, 1]);
			}
		});
	});

	describe('the Error output ("Continue (using error output)")', () => {
		// n8n moves an item to the Error output when it has item.error, or when its JSON
		// holds only error/message/details (handleNodeErrorOutput in n8n-core).
		const movedToErrorOutput = (item: INodeExecutionData) =>
			item.error !== undefined ||
			(item.json.error !== undefined && Object.keys(item.json).every((key) => ['error', 'message', 'details'].includes(key)));

		it('leaves every Failure item on Failure', async () => {
			const [, failure] = await runNode({
				credentials: credentials(),
				continueOnFail: true,
				params: params({ participants: '5511977770000, abc', group: customers.jid }),
			});
			const [, callFailure] = await runNode({
				credentials: credentials(),
				continueOnFail: true,
				params: params({ participants: '5511977770001', group: announcements.jid }),
			});
			expect(failure.length + callFailure.length).toBe(3);
			expect([...failure, ...callFailure].filter(movedToErrorOutput)).toEqual([]);
		});
	});

	it('never lets the token appear in outputs, errors or logs', async () => {
		const token = SANDBOX.tokens.sandbox;
		const outputs: unknown[] = [];
		const { ctx, logs } = createExecuteContext({
			credentials: { ...credentials(), token },
			continueOnFail: true,
			params: params({ participants: '5511977770001' }),
		});
		outputs.push(await new RyzeApi().execute.call(ctx));
		for (const fault of [{ kind: 'status', status: 500 }, { kind: 'drop' }, { kind: 'html', status: 502 }, { kind: 'delay', ms: 1500 }]) {
			sim().scriptFaults([fault as never]);
			outputs.push(
				await expectThrow(
					runNode({
						credentials: { ...credentials(), token },
						params: params({ participants: '5511977770001', options: { timeout: 1000 } }),
					}),
				),
			);
		}
		outputs.push(
			await expectThrow(
				runNode({ credentials: { ...credentials(), token }, params: params({ participants: '5511977770001', group: announcements.jid }) }),
			),
		);
		const unknownToken = 'tok-SECRET-1234567890';
		outputs.push(
			await runNode({
				credentials: { ...credentials(), token: unknownToken },
				continueOnFail: true,
				params: params({ participants: '5511977770001' }),
			}),
		);
		const text = allText(outputs) + logs.join('\n');
		expect(text).toContain('5511977770001');
		expect(text).not.toContain(unknownToken);
		expect(text).not.toContain(token);
		expect(json(([] as INodeExecutionData[]).concat(...(outputs[0] as INodeExecutionData[][]))).length).toBe(1);
	});
});
