import { parseParticipants } from '../../../../../nodes/RyzeApi/helpers/participants';
import { planCalls } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/plan';
import type { ParticipantAction, ParticipantRequest } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/types';

function request(
	itemIndex: number,
	participants: string,
	group = 'G@g.us',
	action: ParticipantAction = 'add',
	instance = 'i',
): ParticipantRequest {
	return {
		itemIndex,
		instance,
		group,
		action,
		timeoutMs: 70_000,
		rejected: [],
		participants: parseParticipants(participants).participants,
	};
}

describe('planCalls', () => {
	it('gives each item its own call when combining is off', () => {
		const calls = planCalls([request(0, '5511999999991'), request(1, '5511999999992')], { combineItems: false, batchSize: 100 });
		expect(calls.map((c) => c.itemIndexes)).toEqual([[0], [1]]);
	});

	it('combines items that agree on instance, group and action, in first-seen order', () => {
		const calls = planCalls(
			[
				request(0, '5511999999991'),
				request(1, '5511999999992', 'H@g.us'),
				request(2, '5511999999993'),
				request(3, '5511999999994', 'G@g.us', 'remove'),
				request(4, '5511999999995', 'G@g.us', 'add', 'other'),
			],
			{ combineItems: true, batchSize: 100 },
		);
		expect(calls.map((c) => [c.group, c.action, c.instance, c.itemIndexes, c.participants.map((p) => p.value)])).toEqual([
			['G@g.us', 'add', 'i', [0, 2], ['5511999999991', '5511999999993']],
			['H@g.us', 'add', 'i', [1], ['5511999999992']],
			['G@g.us', 'remove', 'i', [3], ['5511999999994']],
			['G@g.us', 'add', 'other', [4], ['5511999999995']],
		]);
	});

	it('sends a participant asked for by two items once, and keeps both members', () => {
		const [call] = planCalls([request(0, '5511999999991'), request(1, '+55 11 99999-9991')], { combineItems: true, batchSize: 100 });
		expect(call.participants.map((p) => p.value)).toEqual(['5511999999991']);
		expect(call.members.map((m) => [m.itemIndex, m.slot, m.participant.input])).toEqual([
			[0, 0, '5511999999991'],
			[1, 0, '+55 11 99999-9991'],
		]);
	});

	it.each([
		[1, 5, [1, 1, 1, 1, 1]],
		[2, 5, [2, 2, 1]],
		[5, 5, [5]],
		[4, 5, [4, 1]],
		[100, 250, [100, 100, 50]],
	])('batch size %i over %i participants gives calls of %p', (batchSize, count, sizes) => {
		const list = Array.from({ length: count }, (_, i) => `55119${String(i).padStart(8, '0')}`);
		const calls = planCalls([request(0, list.join(','))], { combineItems: true, batchSize });
		expect(calls.map((c) => c.participants.length)).toEqual(sizes);
		expect(calls.flatMap((c) => c.participants.map((p) => p.value))).toEqual(list);
	});

	it('skips items with no valid participant and uses the longest timeout of a combined call', () => {
		const a = { ...request(0, '5511999999991'), timeoutMs: 5000 };
		const b = { ...request(1, '5511999999992'), timeoutMs: 9000 };
		const empty = { ...request(2, '5511999999993'), participants: [] };
		const calls = planCalls([a, b, empty], { combineItems: true, batchSize: 10 });
		expect(calls).toHaveLength(1);
		expect(calls[0].timeoutMs).toBe(9000);
	});
});
