/**
 * The store of deliveries that started an execution: a window and a cap, on the
 * fake clock (test/support/fakeClock.ts), never the wall clock.
 */
import { RecentDeliveries, deliveryKey } from '../../../../nodes/RyzeApi/triggers/webhook/recentDeliveries';
import { readRawData } from '../../../../nodes/RyzeApi/triggers/webhook/rawData';
import { fakeClock } from '../../../support/fakeClock';

const WINDOW = 10 * 60 * 1000;

describe('RecentDeliveries', () => {
	it('remembers a delivery for the window, then forgets it', () => {
		const clock = fakeClock();
		const recent = new RecentDeliveries(clock.now, WINDOW, 100);
		expect(recent.startedAgo('a')).toBeNull();
		recent.remember('a');
		clock.advance(WINDOW - 1);
		expect(recent.startedAgo('a')).toBe(WINDOW - 1);
		clock.advance(1);
		expect(recent.startedAgo('a')).toBeNull();
	});

	it('holds at most its cap, the oldest going first, and drops what expired as it goes', () => {
		const clock = fakeClock();
		const recent = new RecentDeliveries(clock.now, WINDOW, 3);
		for (const key of ['a', 'b', 'c', 'd', 'e']) {
			recent.remember(key);
			clock.advance(1000);
		}
		expect(recent.size).toBe(3);
		expect(['a', 'b', 'c', 'd', 'e'].map((key) => recent.startedAgo(key) !== null)).toEqual([false, false, true, true, true]);
		clock.advance(WINDOW);
		recent.remember('f');
		expect(recent.size).toBe(1);
	});

	it('a delivery remembered again moves to the newest', () => {
		const clock = fakeClock();
		const recent = new RecentDeliveries(clock.now, WINDOW, 2);
		recent.remember('a');
		recent.remember('b');
		recent.remember('a');
		recent.remember('c');
		expect([recent.startedAgo('a'), recent.startedAgo('b'), recent.startedAgo('c')]).toEqual([0, null, 0]);
	});

	it('the process-wide default: 10,000 deliveries at most', () => {
		const recent = new RecentDeliveries(() => 0);
		for (let i = 0; i < 10_050; i++) recent.remember(`k${i}`);
		expect(recent.size).toBe(10_000);
	});
});

describe('deliveryKey and the data digest', () => {
	const identity = { workflowId: 'wf', nodeId: 'n', test: false, event: 'group.flow', instance: 'sales', dataDigest: 'd' };

	it('differs in any part of the identity', () => {
		const base = deliveryKey(identity);
		for (const over of [
			{ workflowId: 'x' },
			{ nodeId: 'x' },
			{ test: true },
			{ event: 'instance.state' },
			{ instance: 'x' },
			{ dataDigest: 'x' },
		]) {
			expect(deliveryKey({ ...identity, ...over })).not.toBe(base);
		}
		expect(deliveryKey({ ...identity })).toBe(base);
	});

	it('the digest is the content: same data same digest, any change another, and types told apart', () => {
		const data = { type: 'joined', participants: [{ jid: '1@lid' }], timestamp: 1 };
		expect(readRawData(structuredClone(data)).digest).toBe(readRawData(data).digest);
		for (const other of [
			{ ...data, timestamp: 2 },
			{ ...data, timestamp: '1' },
			{ ...data, participants: [{ jid: '2@lid' }] },
			{ ...data, extra: null },
			['joined'],
			'joined',
		]) {
			expect(readRawData(other).digest).not.toBe(readRawData(data).digest);
		}
	});

	it('reads at most the cap', () => {
		const read = readRawData({ a: 'x'.repeat(5000), b: ['y'.repeat(5000)] }, 1000);
		expect(read.tooLarge).toBe(true);
		expect(read.chars).toBe(1001);
		expect(readRawData({ a: 'x' }, 1000)).toMatchObject({ tooLarge: false, chars: '{k1:as1:x}'.length });
	});
});
