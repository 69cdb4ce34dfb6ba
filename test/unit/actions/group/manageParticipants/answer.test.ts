import { classifyParticipantError } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/whatsappCodes';
import { matchResults, readParticipantsBody } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/entries';
import { parseParticipants } from '../../../../../nodes/RyzeApi/helpers/participants';
import { interpretParticipantsAnswer } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/answer';
import { httpFailure } from '../../../../../nodes/RyzeApi/transport/http/request';

const sent = (...input: string[]) => parseParticipants(input).participants;

describe('classifyParticipantError', () => {
	it.each([
		['number is not registered on WhatsApp', 'add', 'not_on_whatsapp'],
		['privacy settings do not allow adding this participant (403)', 'add', 'privacy_blocked'],
		['participant is already a member of the group (409)', 'add', 'already_member'],
		['participant is not a member of the group (404)', 'remove', 'not_member'],
		['participant is not a member of the group (404)', 'approve', 'no_pending_request'],
		['no pending join request for this participant (404)', 'reject', 'no_pending_request'],
		['not-authorized', 'promote', 'not_admin'],
		['invalid participant', 'add', 'invalid_participant'],
		['rate-overlimit', 'add', 'rate_limited'],
		['403', 'add', 'privacy_blocked'],
		['409', 'add', 'already_member'],
		['something odd', 'add', 'unknown'],
	] as const)('%s (%s) → %s', (text, action, code) => {
		expect(classifyParticipantError(text, action)).toBe(code);
	});

	it('falls back to the numeric code when there is no text', () => {
		expect(classifyParticipantError(null, 'add', 403)).toBe('privacy_blocked');
		expect(classifyParticipantError(null, 'remove', 404)).toBe('not_member');
		expect(classifyParticipantError(null, 'add', 500)).toBe('group_full');
	});
});

describe('readParticipantsBody', () => {
	it('accepts participants at the top level or under data', () => {
		expect(readParticipantsBody({ participants: [] })).toEqual({ ok: true, entries: [], message: null });
		expect(readParticipantsBody({ data: { participants: [1] }, message: 'm' })).toEqual({ ok: true, entries: [1], message: 'm' });
	});
	it.each([
		[undefined, /empty body/],
		['', /empty body/],
		['<html><body>Bad gateway</body></html>', /HTML page/],
		['{"participants": [', /not valid JSON: "\{"participants": \["/],
		[{ ok: 1 }, /without a participants list/],
		[{ participants: 'x' }, /without a participants list/],
	])('refuses %p', (body, reason) => {
		const read = readParticipantsBody(body);
		expect(read.ok).toBe(false);
		if (!read.ok) expect(read.reason).toMatch(reason);
	});
	it('never quotes a whole body', () => {
		const read = readParticipantsBody('x'.repeat(5000));
		expect(read.ok).toBe(false);
		if (!read.ok) expect(read.reason.length).toBeLessThan(200);
	});
});

describe('matchResults', () => {
	const participants = sent('5511999999991', '5511999999992@s.whatsapp.net', '199789077627112@lid');

	it('matches by jid, whatever the order', () => {
		const outcomes = matchResults(
			participants,
			[
				{ jid: '199789077627112@lid', success: true },
				{ jid: '5511999999992@s.whatsapp.net', success: false, error: 'participant is already a member of the group (409)' },
				{ jid: '5511999999991@s.whatsapp.net', success: true },
			],
			'add',
		);
		expect(outcomes.map((o) => [o.success, o.jid, o.errorCode])).toEqual([
			[true, '5511999999991@s.whatsapp.net', null],
			[false, '5511999999992@s.whatsapp.net', 'already_member'],
			[true, '199789077627112@lid', null],
		]);
	});

	it('matches a bare lid key to the LID sent, never to a phone with the same digits', () => {
		const outcomes = matchResults(
			sent('199789077627112@lid', '199789077627113'),
			[
				{ lid: '199789077627112', success: true },
				{ lid: 199789077627113, success: true },
			],
			'remove',
		);
		expect(outcomes.map((o) => [o.success, o.errorCode])).toEqual([
			[true, null],
			[false, 'missing_result'],
		]);
	});

	it.each(['phone', 'phoneNumber', 'number', 'participant', 'id'])('matches by %s', (key) => {
		const outcomes = matchResults(
			sent('5511999999991', '5511999999992'),
			[
				{ [key]: '5511999999992', success: false, error: 'x' },
				{ [key]: 5511999999991, success: true },
			],
			'remove',
		);
		expect(outcomes.map((o) => o.success)).toEqual([true, false]);
	});

	it('marks participants without a result as missing_result, and ignores extra and duplicate entries', () => {
		const outcomes = matchResults(
			participants,
			[
				{ jid: '5511999999991@s.whatsapp.net', success: true },
				{ jid: '5511999999991@s.whatsapp.net', success: false, error: 'dup' },
				{ jid: '5599999999999@s.whatsapp.net', success: true },
			],
			'add',
		);
		expect(outcomes.map((o) => o.errorCode)).toEqual([null, 'missing_result', 'missing_result']);
		expect(outcomes[1].outcomeUnknown).toBe(true);
	});

	it('uses position only when no entry has an identifier and the counts agree', () => {
		const two = sent('5511999999991', '5511999999992');
		expect(matchResults(two, [{ success: true }, { success: false, error: 'not registered' }], 'add').map((o) => o.errorCode)).toEqual([
			null,
			'not_on_whatsapp',
		]);
		expect(matchResults(two, [{ success: true }], 'add').map((o) => o.errorCode)).toEqual(['missing_result', 'missing_result']);
	});

	it.each(['approve', 'reject'] as const)('%s: entries without any identifier are not paired by position', (action) => {
		const outcomes = matchResults(sent('5511988887777', '199789077627113@lid'), [{ success: true }, { success: true }], action);
		expect(outcomes.map((o) => [o.errorCode, o.outcomeUnknown])).toEqual([
			['missing_result', true],
			['missing_result', true],
		]);
	});

	it('matches an approve by phone when the entry names the phone beside the LID', () => {
		const outcomes = matchResults(
			sent('5511988887777'),
			[{ jid: '199789077627112@lid', phoneNumber: '5511988887777', success: true }],
			'approve',
		);
		expect(outcomes[0]).toMatchObject({ success: true, jid: '199789077627112@lid' });
	});

	it.each(['approve', 'reject'] as const)(
		'never pairs a phone with a LID-only entry by position on %s: missing_result, outcome unknown',
		(action) => {
			// Two phones, two LID-only answers: pairing them by position could call the wrong person a success.
			const outcomes = matchResults(
				sent('5511988887777', '5511988886666'),
				[
					{ jid: '199789077627112@lid', success: true },
					{ jid: '199789077627113@lid', success: false, error: 'no pending join request' },
				],
				action,
			);
			expect(outcomes.map((o) => [o.success, o.errorCode, o.outcomeUnknown])).toEqual([
				[false, 'missing_result', true],
				[false, 'missing_result', true],
			]);
		},
	);

	it('a LID entry never answers for a phone with the same digits', () => {
		const outcomes = matchResults(sent('5511988887777'), [{ jid: '5511988887777@lid', success: true }], 'add');
		expect(outcomes[0].errorCode).toBe('missing_result');
	});

	it('keeps the real status of the answer on every outcome (a 201 is not shown as 200)', () => {
		const outcomes = matchResults(
			sent('5511999999991', '5511999999992'),
			[{ jid: '5511999999991@s.whatsapp.net', success: true }],
			'add',
			201,
		);
		expect(outcomes.map((o) => o.statusCode)).toEqual([201, 201]);
	});

	it('does not pair leftovers on add', () => {
		const outcomes = matchResults(sent('5511988887777'), [{ jid: '199789077627112@lid', success: true }], 'add');
		expect(outcomes[0].errorCode).toBe('missing_result');
	});

	it('reads entries with a numeric status instead of success, and odd entries', () => {
		const outcomes = matchResults(
			sent('5511999999991', '5511999999992', '5511999999993', '5511999999994'),
			[
				{ jid: '5511999999991@s.whatsapp.net', status: '200' },
				{ jid: '5511999999992@s.whatsapp.net', status: 403 },
				{ jid: '5511999999993@s.whatsapp.net', error: { message: 'not on whatsapp' } },
				{ jid: '5511999999994@s.whatsapp.net' },
			],
			'add',
		);
		expect(outcomes.map((o) => [o.success, o.errorCode])).toEqual([
			[true, null],
			[false, 'privacy_blocked'],
			[false, 'not_on_whatsapp'],
			[false, 'unexpected_response'],
		]);
	});

	it('carries an add request through', () => {
		const outcomes = matchResults(
			sent('5511999999403'),
			[{ jid: '5511999999403@s.whatsapp.net', success: false, error: 'privacy', addRequest: { code: 'AbCd1234', expiration: 1 } }],
			'add',
		);
		expect(outcomes[0].extra).toEqual({ addRequest: { code: 'AbCd1234', expiration: 1 } });
	});
});

describe("httpFailure (the transport's one classification of a non-2xx answer)", () => {
	it('turns an error envelope into a whole-call failure in the API words', () => {
		const failure = httpFailure(403, { success: false, error: { message: 'Not authorized to perform this action (must be admin)' } });
		expect({ ok: false, failure }).toEqual({
			ok: false,
			failure: expect.objectContaining({
				errorCode: 'not_admin',
				message: 'Not authorized to perform this action (must be admin)',
				statusCode: 403,
				outcomeUnknown: false,
			}),
		});
	});

	it.each([
		[401, 'Invalid token', 'unauthorized', false],
		[403, 'Instance token does not match the requested instance', 'unauthorized', false],
		[404, 'Group not found or you are not a member of this group', 'group_not_found', false],
		[404, 'Instance not found', 'instance_not_found', false],
		[429, 'Rate limit exceeded. Try again later.', 'rate_limited', false],
		[503, 'Instance is not connected to WhatsApp', 'instance_disconnected', true],
		[500, 'boom', 'server_error', true],
		[400, 'Identifier is required', 'bad_request', false],
		[409, 'Conflict', 'conflict', false],
		[413, 'Payload Too Large', 'payload_too_large', false],
	])('%i %s → %s', (status, message, code, unknown) => {
		const failure = httpFailure(status, { success: false, error: { message } });
		expect(failure.errorCode).toBe(code);
		expect(failure.outcomeUnknown).toBe(unknown);
	});

	it('says an HTML error page is one, without quoting it', () => {
		const failure = httpFailure(502, '<html><title>502</title>secret</html>');
		expect(failure.message).toBe('RyzeAPI answered HTTP 502 with an HTML page');
		expect(failure.errorCode).toBe('server_error');
	});
});

describe('matchResults: a Brazilian number answered under its other form (issue 21 finding 4)', () => {
	it.each([
		['13 digits sent, the 12-digit JID answered', '5511987654321', '551187654321@s.whatsapp.net'],
		['12 digits sent, the 13-digit JID answered', '551187654321', '5511987654321@s.whatsapp.net'],
		['a JID sent, the bare other form answered', '5585965432109@s.whatsapp.net', '558565432109'],
	])('%s: a success is a success', (_name, value, answered) => {
		const outcomes = matchResults(sent(value), [{ jid: answered, success: true }], 'add');
		// Before: missing_result, outcomeUnknown: true.
		expect(outcomes.map((o) => [o.success, o.errorCode, o.outcomeUnknown, o.jid])).toEqual([[true, null, undefined, answered]]);
	});

	it('a privacy block answered under the other form is privacy_blocked, with its invite code', () => {
		const outcomes = matchResults(
			sent('5511987654321'),
			[{ jid: '551187654321@s.whatsapp.net', success: false, error: '403', addRequest: { code: 'AbCd1234', expiration: 1 } }],
			'add',
		);
		expect(outcomes.map((o) => [o.success, o.errorCode, o.outcomeUnknown])).toEqual([[false, 'privacy_blocked', undefined]]);
		expect(outcomes[0].extra).toEqual({ addRequest: { code: 'AbCd1234', expiration: 1 } });
	});

	it('an entry naming the form sent wins over one naming the other form, whatever their order', () => {
		const outcomes = matchResults(
			sent('5511987654321'),
			[
				{ jid: '551187654321@s.whatsapp.net', success: false, error: 'not registered' },
				{ jid: '5511987654321@s.whatsapp.net', success: true },
			],
			'add',
		);
		expect(outcomes.map((o) => [o.success, o.jid])).toEqual([[true, '5511987654321@s.whatsapp.net']]);
	});

	it('a landline is not answered by the mobile with a ninth digit before it, nor a LID by a phone', () => {
		expect(matchResults(sent('551134567890'), [{ jid: '5511934567890@s.whatsapp.net', success: true }], 'add')[0].errorCode).toBe(
			'missing_result',
		);
		expect(matchResults(sent('551187654321@lid'), [{ jid: '5511987654321@s.whatsapp.net', success: true }], 'add')[0].errorCode).toBe(
			'missing_result',
		);
	});

	it('in a merged call, an execution that asked for the other form gets the answer of the form sent', () => {
		const own = sent('551187654321');
		const result = interpretParticipantsAnswer(
			200,
			{ participants: [{ jid: '5511987654321@s.whatsapp.net', success: true }] },
			sent('5511987654321', '5521999999992'),
			'add',
			own,
			true,
		);
		expect(result.ok && result.outcomes.map((o) => [o.success, o.errorCode])).toEqual([[true, null]]);
	});
});

describe('interpretParticipantsAnswer', () => {
	const two = sent('5511999999991', '5511999999992');

	it('treats a 200 of unknown shape as unexpected_response whose outcome is unknown', () => {
		const result = interpretParticipantsAnswer(200, { ok: 1 }, two, 'add');
		expect(result).toEqual({
			ok: false,
			failure: expect.objectContaining({ errorCode: 'unexpected_response', outcomeUnknown: true, statusCode: 200 }),
		});
	});

	it('reads the group JID of a 200', () => {
		const result = interpretParticipantsAnswer(
			200,
			{ groupJid: '1@g.us', participants: [{ jid: '5511999999991', success: true }] },
			two,
			'add',
		);
		expect(result.ok && result.groupJid).toBe('1@g.us');
	});
});
