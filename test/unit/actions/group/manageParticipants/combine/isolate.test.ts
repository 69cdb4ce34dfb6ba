/**
 * createIsolator (combine/isolate.ts): what a merged call's answer says of other
 * executions' people is scrubbed, in every form a server may echo them; this
 * execution's own people stay readable.
 */
import { createIsolator } from '../../../../../../nodes/RyzeApi/actions/group/manageParticipants/combine/isolate';
import { parseParticipants } from '../../../../../../nodes/RyzeApi/helpers/participants';

const people = (...input: string[]) => parseParticipants(input).participants;

describe('createIsolator: Brazilian numbers in their other form (issue 21 finding 4)', () => {
	const mine = people('5511987654321');
	const theirs = people('5521987654322');
	const isolate = createIsolator([...mine, ...theirs], mine);

	it("scrubs another execution's person answered under the 12-digit form, bare or as a JID", () => {
		const text = isolate('failed for 552187654322@s.whatsapp.net and 552187654322');
		// Before: both forms showed.
		expect(text).not.toContain('552187654322');
		expect(text).toBe('failed for [redacted] and [redacted]');
	});

	it('keeps its own person readable in either form', () => {
		expect(isolate({ jid: '551187654321@s.whatsapp.net', also: '5511987654321' })).toEqual({
			jid: '551187654321@s.whatsapp.net',
			also: '5511987654321',
		});
	});

	it('an own person asked for in the other form than the one sent is not scrubbed', () => {
		// Another execution's form was sent; this execution asked for the 12-digit form of the same person.
		const sentForms = people('5511987654321', '5521987654322');
		const own = people('551187654321');
		const clean = createIsolator(sentForms, own);
		expect(clean('5511987654321@s.whatsapp.net: ok; 5521987654322: ok')).toBe('5511987654321@s.whatsapp.net: ok; [redacted]: ok');
	});

	it('never scrubs inside a longer number', () => {
		expect(isolate('55218765432201 and 1552187654322')).toBe('55218765432201 and 1552187654322');
	});
});
