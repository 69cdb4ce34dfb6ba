/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The process-wide lanes (issue 15 points 9, 10): a lane that knows its window
 * outlives the eviction of idle lanes until its Reset, and the lane key is a
 * keyed hash (HMAC, random per-process secret), not a plain hash of the token.
 */
import { createHash } from 'crypto';

import { LaneRegistry } from '../../../../nodes/RyzeApi/transport/rateLimit/registry';
import { fakeClock, rateHeaders } from '../../../support/fakeClock';

const ticket = { reserve: 0, canWait: () => true, cancelled: () => false };

describe('coordinator lanes', () => {
	it('point 9: a lane with a known window is not evicted before its Reset, however many tokens pass', async () => {
		const clock = fakeClock(1_000_000);
		const lanes = new LaneRegistry();
		const mine = lanes.laneFor('https://api.example mine', clock);
		await mine.lane.acquire(ticket);
		mine.lane.settle(rateHeaders(0, 1_010));
		for (let i = 0; i < 40; i++) lanes.laneFor(`https://api.example other-${i}`, clock);
		expect(lanes.laneFor('https://api.example mine', clock)).toBe(mine);
		// Once the Reset has passed, nothing it knows matters: it may go like any idle lane.
		clock.advance(11_000);
		for (let i = 40; i < 80; i++) lanes.laneFor(`https://api.example other-${i}`, clock);
		expect(lanes.laneFor('https://api.example mine', clock)).not.toBe(mine);
	});

	it('point 10: the lane key is an HMAC under a per-process secret: no plain hash of the token', () => {
		const token = 'tok_live_0123456789abcdef';
		const lanes = new LaneRegistry();
		const key = lanes.key('https://ryzeapi.cloud', token);
		const sha = createHash('sha256').update(token).digest();
		for (const form of [sha.toString('hex'), sha.toString('base64'), sha.toString('base64url')]) expect(key).not.toContain(form);
		expect(key).not.toContain(token);
		expect(lanes.key('https://ryzeapi.cloud', token)).toBe(key);
		expect(lanes.key('https://ryzeapi.cloud', `${token}x`)).not.toBe(key);
	});
});
