/**
 * The Join Request Trigger's de-duplication across polls (triggers/joinRequests/state.ts), pure. A request is
 * its JID and its requestedAt, so that a request that comes back is new even when the state is older than the
 * last poll: n8n 2.8.4 saves a poller's static data only when the poll emits, so after a restart the state can
 * still list a request that left the queue since.
 */
import type { JoinRequest } from '../../../../nodes/RyzeApi/readers/groupLinks';
import { nextPoll, pollScope, type PollState } from '../../../../nodes/RyzeApi/triggers/joinRequests/state';

const req = (jid: string, requestedAt: string | null = null): JoinRequest => ({ jid, phoneNumber: null, phoneJid: null, requestedAt });
const scope = pollScope('sales', 'G@g.us');
/** When the polls read the queue: the time a state carries. */
const T = 1_776_000_000_000;
const keys = (list: JoinRequest[]) => list.map((r) => r.jid);
/** What n8n keeps of the static data: a copy taken when it saves (2.8.4: only after a poll that emitted). */
const saved = (state: PollState): unknown => JSON.parse(JSON.stringify(state));

describe('nextPoll (de-duplication across polls)', () => {
	it('emits what is pending at the first poll, then only the new ones', () => {
		const first = nextPoll(undefined, scope, [req('1@lid'), req('2@lid')], T);
		expect(keys(first.emit)).toEqual(['1@lid', '2@lid']);
		const second = nextPoll(first.next, scope, [req('2@lid'), req('1@lid'), req('3@lid')], T);
		expect(keys(second.emit)).toEqual(['3@lid']);
		const third = nextPoll(second.next, scope, [req('1@lid'), req('2@lid'), req('3@lid')], T);
		expect(third.emit).toEqual([]);
	});

	it('treats a request that went away and came back as new', () => {
		const a = nextPoll(undefined, scope, [req('1@lid')], T);
		const gone = nextPoll(a.next, scope, [], T);
		expect(gone.next.pending).toEqual([]);
		expect(keys(nextPoll(gone.next, scope, [req('1@LID')], T).emit)).toEqual(['1@LID']);
	});

	it('keeps only the pending set, each request once', () => {
		const result = nextPoll(
			{ scope, pending: ['old@lid'], requestedAt: [null] },
			scope,
			[req('1@lid', '2026-04-20T14:00:00Z'), req('1@lid', '2026-04-20T15:00:00Z')],
			T,
		);
		expect(keys(result.emit)).toEqual(['1@lid']);
		expect(result.next).toEqual({ scope, pending: ['1@lid'], requestedAt: ['2026-04-20T14:00:00.000Z'], polledAt: T });
	});

	it('starts afresh for another group, and on unreadable state', () => {
		const a = nextPoll(undefined, scope, [req('1@lid')], T);
		expect(keys(nextPoll(a.next, pollScope('sales', 'other@g.us'), [req('1@lid')], T).emit)).toEqual(['1@lid']);
		for (const junk of [null, 'x', { scope, pending: 'x' }, { scope, pending: [1, null] }]) {
			expect(keys(nextPoll(junk, scope, [req('1@lid')], T).emit)).toEqual(['1@lid']);
		}
	});
});

describe('nextPoll after an n8n restart: the state n8n saved is older than the last poll', () => {
	it('a request that left during an empty (unsaved) poll and asks again is new', () => {
		const first = nextPoll(undefined, scope, [req('a@lid', '2026-04-20T14:00:00Z')], T);
		expect(keys(first.emit)).toEqual(['a@lid']);
		const stored = saved(first.next); // the poll emitted: n8n saved its state
		const empty = nextPoll(first.next, scope, [], T); // A left: nothing emitted, so n8n saved nothing
		expect(empty.emit).toEqual([]);
		// Restart: the state is what n8n saved, which still lists A. A asks again, at a later time.
		const again = nextPoll(stored, scope, [req('a@lid', '2026-04-20T16:30:00Z')], T);
		expect(keys(again.emit)).toEqual(['a@lid']);
		// …once.
		expect(nextPoll(saved(again.next), scope, [req('a@lid', '2026-04-20T16:30:00Z')], T).emit).toEqual([]);
	});

	it('a request still pending across the restart is not emitted again', () => {
		const first = nextPoll(undefined, scope, [req('a@lid', '2026-04-20T14:00:00Z'), req('b@lid', '2026-04-20T14:05:00Z')], T);
		const after = nextPoll(
			saved(first.next),
			scope,
			[req('b@lid', '2026-04-20T14:05:00.000Z'), req('A@LID', '2026-04-20T11:00:00-03:00')],
			T,
		);
		expect(after.emit).toEqual([]);
	});

	it('without a requestedAt, a request is its JID: once while pending; one that comes back after a restart is missed', () => {
		const first = nextPoll(undefined, scope, [req('a@lid')], T);
		expect(keys(first.emit)).toEqual(['a@lid']);
		const stored = saved(first.next);
		expect(nextPoll(first.next, scope, [], T).emit).toEqual([]);
		// Documented (docs/triggers.md): nothing tells A's new request from the old one.
		expect(nextPoll(stored, scope, [req('a@lid')], T).emit).toEqual([]);
		// Without a restart it is new, as always.
		expect(keys(nextPoll(nextPoll(first.next, scope, [], T).next, scope, [req('a@lid')], T).emit)).toEqual(['a@lid']);
	});

	it('a state without times (0.3.0, or damaged) matches by JID: nothing pending is emitted twice after the upgrade', () => {
		for (const old of [
			{ scope, pending: ['a@lid', 'b@lid'] },
			{ scope, pending: ['a@lid', 'b@lid'], requestedAt: ['2026-04-20T14:00:00.000Z'] },
		]) {
			const result = nextPoll(old, scope, [req('a@lid', '2026-04-20T14:00:00Z'), req('b@lid'), req('c@lid', '2026-04-20T14:09:00Z')], T);
			expect(keys(result.emit)).toEqual(['c@lid']);
			expect(result.next.requestedAt).toEqual(['2026-04-20T14:00:00.000Z', null, '2026-04-20T14:09:00.000Z']);
		}
	});

	it('reads requestedAt defensively: an ISO time as its instant, other text as it is, too long or blank as none', () => {
		const times = ['2026-04-20T14:00:00Z', ' 2026-04-20T11:00:00-03:00 ', '1776693600', '2026-99-99Tnonsense', '  ', null, '1'.repeat(65)];
		const kept = nextPoll(
			undefined,
			scope,
			times.map((time, i) => req(`${i}@lid`, time)),
			T,
		).next.requestedAt;
		expect(kept).toEqual(['2026-04-20T14:00:00.000Z', '2026-04-20T14:00:00.000Z', '1776693600', '2026-99-99Tnonsense', null, null, null]);
		expect(nextPoll(undefined, scope, [req('x@lid', '1'.repeat(64))], T).next.requestedAt).toEqual(['1'.repeat(64)]);
	});
});

it('10,000 pending requests: each emitted once, none again after a restart, the state as large as the queue', () => {
	const queue = Array.from({ length: 10_000 }, (_, i) => req(`${1_000_000 + i}@lid`, new Date(1_776_000_000_000 + i * 1000).toISOString()));
	const first = nextPoll(undefined, scope, queue, T);
	expect(first.emit).toHaveLength(10_000);
	expect(new Set(keys(first.emit)).size).toBe(10_000);
	expect(nextPoll(first.next, scope, queue, T).emit).toEqual([]);
	expect(nextPoll(saved(first.next), scope, [...queue].reverse(), T).emit).toEqual([]);
	expect(first.next.pending).toHaveLength(10_000);
	expect(first.next.requestedAt).toHaveLength(10_000);
	const oneCameBack = queue.map((r, i) => (i === 5000 ? { ...r, requestedAt: '2026-12-31T00:00:00Z' } : r));
	expect(keys(nextPoll(saved(first.next), scope, oneCameBack, T).emit)).toEqual(['1005000@lid']);
});
