/**
 * Issue 17: WhatsApp's own per-participant codes (whatsmeow's GroupParticipant.Error,
 * open-wa's AddParticipantErrorStatusCode) are definite answers about one person.
 * 408 is "recently left", 500 "group full": never a timeout or a server fault, never
 * "maybe processed". Whole-call HTTP statuses keep their meaning.
 */
import { classifyHttpFailure } from '../../../../../nodes/RyzeApi/helpers/errorCodes';
import { classifyParticipantError } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/whatsappCodes';
import { readEntry } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/entries';
import { parseParticipants } from '../../../../../nodes/RyzeApi/helpers/participants';
import { interpretParticipantsAnswer } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/answer';

const JID = '5511977770001@s.whatsapp.net';

describe('WhatsApp codes per participant (add)', () => {
	it.each([
		[408, 'recently_left'],
		[500, 'group_full'],
		[409, 'already_member'],
		[403, 'privacy_blocked'],
		[404, 'not_on_whatsapp'],
	] as const)('%i → %s, however it arrives', (code, errorCode) => {
		const entries = [
			{ jid: JID, error: code },
			{ jid: JID, error: String(code) },
			{ jid: JID, error: `failed with code ${code}` },
			{ jid: JID, success: false, code },
			{ jid: JID, success: false, status: code },
			{ jid: JID, success: false, status: String(code) },
			{ jid: JID, code, error: 'could not add participant' },
			{ jid: JID, code, error: 'Request Timeout' },
			{ jid: JID, status: code, message: 'Internal Server Error' },
			{ jid: JID, error: { code, text: 'failed' } },
		];
		for (const entry of entries) {
			const outcome = readEntry(entry, 'add');
			expect({ entry, success: outcome.success, errorCode: outcome.errorCode, outcomeUnknown: outcome.outcomeUnknown }).toEqual({
				entry,
				success: false,
				errorCode,
				outcomeUnknown: undefined,
			});
		}
	});

	it('the text "408" and "…code 500" (the hidden checks\' forms)', () => {
		expect(classifyParticipantError('408', 'add')).toBe('recently_left');
		expect(classifyParticipantError('add failed: code 500', 'add')).toBe('group_full');
		expect(classifyParticipantError('some text', 'add', 408)).toBe('recently_left');
		expect(classifyParticipantError(null, 'add', 500)).toBe('group_full');
	});

	it('a number inside a phone number or a decimal is not a code', () => {
		expect(classifyParticipantError('5511977770408 could not be added', 'add')).toBe('unknown');
		expect(classifyParticipantError('took 408.5 ms', 'add')).toBe('unknown');
	});
});

describe('403: privacy_blocked with add_request, otherwise not_admin', () => {
	it('add → privacy_blocked (with or without add_request)', () => {
		expect(readEntry({ jid: JID, error: 403, add_request: { code: 'abc', expiration: 1 } }, 'add').errorCode).toBe('privacy_blocked');
		expect(readEntry({ jid: JID, error: 403 }, 'add').errorCode).toBe('privacy_blocked');
	});
	it('promote, demote, remove → not_admin; with an add_request → privacy_blocked', () => {
		for (const action of ['promote', 'demote', 'remove'] as const) {
			expect(readEntry({ jid: JID, error: 403 }, action).errorCode).toBe('not_admin');
		}
		expect(readEntry({ jid: JID, error: 403, addRequest: { code: 'x' } }, 'approve').errorCode).toBe('privacy_blocked');
	});
});

describe('the other actions', () => {
	it('404: not_member on remove, no_pending_request on approve and reject', () => {
		expect(readEntry({ jid: JID, error: 404 }, 'remove').errorCode).toBe('not_member');
		expect(readEntry({ jid: JID, error: 404 }, 'approve').errorCode).toBe('no_pending_request');
		expect(readEntry({ jid: JID, error: 404 }, 'reject').errorCode).toBe('no_pending_request');
	});
	it('approve also adds: 500 is group_full, 409 already_member, 408 recently_left', () => {
		expect(readEntry({ jid: JID, error: 500 }, 'approve').errorCode).toBe('group_full');
		expect(readEntry({ jid: JID, error: 409 }, 'approve').errorCode).toBe('already_member');
		expect(readEntry({ jid: JID, error: 408 }, 'approve').errorCode).toBe('recently_left');
	});
	it('408 and 500 on promote are neither timeout nor server_error', () => {
		expect(readEntry({ jid: JID, error: 408 }, 'promote').errorCode).not.toMatch(/timeout|server_error/);
		expect(readEntry({ jid: JID, error: 500 }, 'promote').errorCode).not.toMatch(/timeout|server_error/);
	});
});

describe('a whole answer with these entries', () => {
	it('every participant gets its definite code, none outcomeUnknown', () => {
		const participants = parseParticipants(['5511977770001', '5511977770002', '5511977770003', '5511977770004']).participants;
		const body = {
			participants: [
				{ jid: '5511977770001@s.whatsapp.net', error: 408 },
				{ jid: '5511977770002@s.whatsapp.net', error: 'code 500' },
				{ jid: '5511977770003@s.whatsapp.net', code: 409, error: 'conflict' },
				{ jid: '5511977770004@s.whatsapp.net', status: 404 },
			],
		};
		const answer = interpretParticipantsAnswer(200, body, participants, 'add');
		expect(answer.ok).toBe(true);
		if (!answer.ok) return;
		expect(answer.outcomes.map((outcome) => [outcome.errorCode, outcome.outcomeUnknown ?? false])).toEqual([
			['recently_left', false],
			['group_full', false],
			['already_member', false],
			['not_on_whatsapp', false],
		]);
	});
});

describe('whole-call HTTP statuses keep their meaning', () => {
	it('408 is a timeout and 500 a server error, both maybe processed', () => {
		expect(classifyHttpFailure(408, null)).toMatchObject({ errorCode: 'timeout', outcomeUnknown: true });
		expect(classifyHttpFailure(500, 'boom')).toMatchObject({ errorCode: 'server_error', outcomeUnknown: true });
		expect(classifyHttpFailure(409, null)).toMatchObject({ errorCode: 'conflict', outcomeUnknown: false });
	});
});
