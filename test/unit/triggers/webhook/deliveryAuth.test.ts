/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never packed; linted by eslint.tests.config.mjs */
import { createHmac } from 'node:crypto';

import { checkDelivery, nodeSecret, sameSecret } from '../../../../nodes/RyzeApi/triggers/webhook/deliveryAuth';
import { baseLabel } from '../../../../nodes/RyzeApi/triggers/webhook/webhookConfig';

const production = 'https://n8n.example.com/webhook/5d0e7c1a/webhook';
const staging = 'https://staging.example.com:8443/webhook/5d0e7c1a/webhook';

describe('the delivery secret', () => {
	const origin = 'https://n8n.example.com';
	it('is `Bearer ` and an HMAC-SHA256 of the base label keyed with the token (base64url): nothing stored, nothing of the token', () => {
		const secret = nodeSecret('instance-token-123', 'wf', 'node', production);
		const hmac = createHmac('sha256', 'instance-token-123').update(`ryzeapi-trigger-delivery\n${baseLabel('wf', 'node', origin)}`);
		expect(secret).toBe(`Bearer ${hmac.digest('base64url')}`);
		expect(secret).toMatch(/^Bearer [A-Za-z0-9_-]{43}$/);
		expect(secret).not.toContain('instance-token-123');
	});
	it("differs per token, workflow, node and installation; a node's production and test webhooks share it", () => {
		const secret = nodeSecret('t0ken-123', 'wf', 'node', production);
		expect(nodeSecret('t0ken-123', 'wf', 'node', production.replace('/webhook/', '/webhook-test/'))).toBe(secret);
		for (const other of [
			nodeSecret('t0ken-124', 'wf', 'node', production),
			nodeSecret('t0ken-123', 'wf2', 'node', production),
			nodeSecret('t0ken-123', 'wf', 'node2', production),
			nodeSecret('t0ken-123', 'wf', 'node', staging),
		]) {
			expect(other).not.toBe(secret);
		}
	});
});

describe('checkDelivery (forged deliveries)', () => {
	const envelope = { event: 'group.flow', data: {}, instance: 'sales', token: 'instance-token-123' };
	const secret = 'Bearer the-node-secret';
	const expected = { instance: 'sales', token: 'instance-token-123', authorization: secret, sentAuthorization: secret };
	it('accepts the instance with its token and the registered Authorization header', () => {
		expect(checkDelivery(envelope, expected)).toEqual({ ok: true });
	});
	it.each([
		['another instance', { ...envelope, instance: 'support' }, expected],
		['no instance', { ...envelope, instance: null }, expected],
		['a wrong token', { ...envelope, token: 'instance-token-124' }, expected],
		['a longer token', { ...envelope, token: 'instance-token-123x' }, expected],
		['no token', { ...envelope, token: null }, expected],
		['an empty token', { ...envelope, token: '' }, expected],
		['no Authorization header', envelope, { ...expected, sentAuthorization: undefined }],
		['an empty Authorization header', envelope, { ...expected, sentAuthorization: '' }],
		['another Authorization header', envelope, { ...expected, sentAuthorization: 'Bearer the-node-secreT' }],
		['the header twice', envelope, { ...expected, sentAuthorization: [secret, secret] }],
		['the token as the header', envelope, { ...expected, sentAuthorization: 'instance-token-123' }],
	])('refuses %s', (_name, forged, against) => {
		expect(checkDelivery(forged, against).ok).toBe(false);
	});
	it('says which check failed, the header first', () => {
		expect(checkDelivery({ ...envelope, instance: 'x' }, { ...expected, sentAuthorization: undefined })).toEqual({
			ok: false,
			reason: 'The delivery does not carry the Authorization header this webhook was registered with',
		});
	});
	it('with an account token, checks the header and the instance', () => {
		const account = { ...expected, token: null };
		expect(checkDelivery({ ...envelope, token: 'whatever' }, account).ok).toBe(true);
		expect(checkDelivery({ ...envelope, instance: 'x' }, account).ok).toBe(false);
		expect(checkDelivery(envelope, { ...account, sentAuthorization: undefined }).ok).toBe(false);
	});
	it('compares texts of different lengths without throwing', () => {
		expect(sameSecret('a', 'a'.repeat(1000))).toBe(false);
		expect(sameSecret('same', 'same')).toBe(true);
	});
});
