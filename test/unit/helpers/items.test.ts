/**
 * helpers/items.ts: `failureItem`, the one builder of every operation's Failure
 * items (the runner's for a failed call or an unusable input item, and the
 * operations' own for entries RyzeAPI listed that cannot be read), and the routing
 * of items to Success and Failure.
 */
import { FAILURE_KEYS, failureItem, ResultCollector } from '../../../nodes/RyzeApi/helpers/items';

const KEYS = ['success', 'jid', 'group', 'groupJid', 'instance', ...FAILURE_KEYS] as const;
const refused = { errorCode: 'not_admin' as const, message: 'Not authorized', statusCode: 403, outcomeUnknown: false };

describe('failureItem', () => {
	it('has exactly the operation’s keys, in their order: the failure’s, what the operation knows, null for the rest', () => {
		const json = failureItem(KEYS, refused, { instance: 'sandbox', group: '1@g.us' });
		expect(JSON.stringify(json)).toBe(
			'{"success":false,"jid":null,"group":"1@g.us","groupJid":null,"instance":"sandbox","error":"Not authorized","errorCode":"not_admin","statusCode":403,"outcomeUnknown":false,"raw":null}',
		);
	});

	it('carries an unreadable entry in raw, and an outcome that may have been processed', () => {
		const json = failureItem(KEYS, { ...refused, errorCode: 'server_error', statusCode: 500, outcomeUnknown: true }, { raw: { odd: 1 } });
		expect(json).toMatchObject({ success: false, errorCode: 'server_error', statusCode: 500, outcomeUnknown: true, raw: { odd: 1 } });
	});

	it('never lets what the operation knows override the failure, nor adds a key outside outputKeys', () => {
		const known = { success: true, error: null, errorCode: null, statusCode: 200, outcomeUnknown: true, jid: 'x@lid', extra: 1 };
		const json = failureItem(KEYS, refused, known as never);
		expect(json).toMatchObject({
			success: false,
			error: 'Not authorized',
			errorCode: 'not_admin',
			statusCode: 403,
			outcomeUnknown: false,
			jid: 'x@lid',
		});
		expect(Object.keys(json)).toEqual([...KEYS]);
	});

	it('an undefined or inherited fact is null, never undefined (a saved item would lose the key) nor Object’s', () => {
		const json = failureItem(['success', 'group', 'constructor', 'toString', ...FAILURE_KEYS], refused, { group: undefined });
		expect([json.group, json.constructor, json.toString]).toEqual([null, null, null]);
	});

	it('goes to the Failure output', () => {
		const out = new ResultCollector(1);
		out.add(0, failureItem(KEYS, refused));
		const [success, failure] = out.route(false);
		expect([success.length, failure.map((item) => item.pairedItem)]).toEqual([0, [{ item: 0 }]]);
	});
});
