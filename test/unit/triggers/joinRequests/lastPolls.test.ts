/** What a trigger's last poll left, kept in the process for a minute (triggers/joinRequests/lastPolls.ts), and which state holds. */
import { keepPoll, lastPoll, triggerKey } from '../../../../nodes/RyzeApi/triggers/joinRequests/lastPolls';
import { laterState, type PollState } from '../../../../nodes/RyzeApi/triggers/joinRequests/state';

const T = 1_776_000_000_000;
const state = (polledAt: number, pending: string[] = ['a@lid']): PollState => ({
	scope: 'sandbox\ng@g.us',
	pending,
	requestedAt: pending.map(() => null),
	polledAt,
});

it('keeps a trigger’s last poll for a minute, per workflow and node', () => {
	const key = triggerKey('wf-keep', 'node-1');
	keepPoll(key, state(T));
	expect(lastPoll(key, T + 60_000)).toEqual(state(T));
	expect(lastPoll(triggerKey('wf-keep', 'node-2'), T)).toBeUndefined();
	expect(lastPoll(triggerKey('wf-other', 'node-1'), T)).toBeUndefined();
	expect(lastPoll(key, T + 60_001)).toBeUndefined();
	expect(lastPoll(key, T)).toBeUndefined();
});

it('keeps at most 1,000 triggers, forgetting the one polled longest ago first', () => {
	for (let i = 0; i <= 1_000; i++) keepPoll(triggerKey('wf-cap', String(i)), state(T));
	expect(lastPoll(triggerKey('wf-cap', '0'), T)).toBeUndefined();
	expect(lastPoll(triggerKey('wf-cap', '1'), T)).toEqual(state(T));
	expect(lastPoll(triggerKey('wf-cap', '1000'), T)).toEqual(state(T));
});

it('the later state holds: the one kept when it was polled after the static data; the static data on a tie or when nothing is kept', () => {
	const stored = state(T, ['old@lid']);
	expect(laterState(stored, state(T + 1))).toEqual(state(T + 1));
	expect(laterState(stored, state(T))).toBe(stored);
	expect(laterState(stored, state(T - 1))).toBe(stored);
	expect(laterState(stored, undefined)).toBe(stored);
	// 0.3.0's state has no time: anything kept is later.
	const old = { scope: 'sandbox\ng@g.us', pending: ['old@lid'] };
	expect(laterState(old, state(T))).toEqual(state(T));
	expect(laterState(undefined, undefined)).toBeUndefined();
});
