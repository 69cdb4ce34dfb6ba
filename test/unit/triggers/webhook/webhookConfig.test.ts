/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never packed; linted by eslint.tests.config.mjs */
import { checkDelivery, sameSecret } from '../../../../nodes/RyzeApi/triggers/webhook/deliveryAuth';
import type { JoinRequest } from '../../../../nodes/RyzeApi/readers/groupLinks';
import { nextPoll, pollScope } from '../../../../nodes/RyzeApi/triggers/joinRequests/state';
import {
	MAX_ENABLED_WEBHOOKS,
	MAX_LABEL_LENGTH,
	disableBody,
	fullMessage,
	isOurs,
	noRoomFor,
	readWebhook,
	readWebhookList,
	registerBody,
	webhookEndpoint,
	webhookLabel,
} from '../../../../nodes/RyzeApi/triggers/webhook/webhookConfig';
import { EVENTS_CONTRACT } from '../../../contract/ryzeapi.events';

describe('webhookLabel', () => {
	it('is stable, distinct per workflow and per node, and short', () => {
		const label = webhookLabel('AbC123xyz', 'node-1');
		expect(label).toBe(webhookLabel('AbC123xyz', 'node-1'));
		expect(label).toMatch(/^n8n-AbC123xyz-[0-9a-f]{16}$/);
		expect(webhookLabel('AbC123xyz', 'node-2')).not.toBe(label);
		expect(webhookLabel('other', 'node-1')).not.toBe(label);
	});

	it('tells the test webhook apart by its URL (n8n deletes it in mode internal), so it never overwrites the production row', () => {
		const production = webhookLabel('w', 'n', 'http://127.0.0.1:5678/webhook/5d0e7c1a/webhook');
		expect(production).toBe(webhookLabel('w', 'n'));
		expect(webhookLabel('w', 'n', 'https://n8n.example.com/base/webhook-test/5d0e7c1a/webhook')).toBe(`${production}-test`);
		expect(webhookLabel('w', 'n', 'https://n8n.example.com/hooks/5d0e7c1a/webhook')).toMatch(new RegExp(`^${production}-[0-9a-f]{6}$`));
		expect(webhookEndpoint('not a url')).toBe('webhook');
	});

	it.each([
		['x'.repeat(500), 'y'.repeat(500)],
		['a/b c?d=é', '../../etc'],
		[undefined, undefined],
		['', ''],
	])('stays within 64 safe characters for %p', (workflow, node) => {
		const label = webhookLabel(workflow, node, `http://h/${'x'.repeat(300)}/id/webhook`);
		expect(label.length).toBeLessThanOrEqual(MAX_LABEL_LENGTH);
		expect(label).toMatch(/^[A-Za-z0-9-]+$/);
	});
});

describe('webhook rows', () => {
	const url = 'http://127.0.0.1:5678/webhook/abc/webhook';
	it('reads getWebhook?label= and the list', () => {
		const row = { label: 'n8n-x', enabled: true, url, events: ['group.flow'], byEvents: false };
		expect(readWebhook({ webhook: row })).toEqual({ label: 'n8n-x', enabled: true, url, events: ['group.flow'] });
		expect(readWebhookList({ webhooks: [row, { label: 'b', enabled: false }, 'junk'] })).toHaveLength(2);
		expect(readWebhookList({ message: 'no list' })).toBeNull();
		expect(readWebhook('nope')).toBeNull();
	});

	it('is ours only when enabled, at our URL, for group.flow', () => {
		const row = { label: 'l', enabled: true, url, events: ['group.flow'] };
		expect(isOurs(row, url)).toBe(true);
		expect(isOurs({ ...row, enabled: false }, url)).toBe(false);
		expect(isOurs({ ...row, url: 'http://elsewhere' }, url)).toBe(false);
		expect(isOurs({ ...row, events: ['message.exchange'] }, url)).toBe(false);
		expect(isOurs(null, url)).toBe(false);
	});

	it('finds no room when three other rows are enabled, and says how to free one', () => {
		const rows = ['a', 'b', 'c'].map((label) => ({ label, enabled: true, url, events: null }));
		expect(MAX_ENABLED_WEBHOOKS).toBe(EVENTS_CONTRACT.maxEnabledWebhooks.value);
		expect(noRoomFor('mine', rows)).toEqual(['a', 'b', 'c']);
		expect(noRoomFor('a', rows)).toBeNull();
		expect(noRoomFor('mine', [...rows.slice(0, 2), { ...rows[2], enabled: false }])).toBeNull();
		const { message, description } = fullMessage('sales', ['a', 'b', 'c']);
		expect(message).toContain('already has 3 enabled webhooks (a, b, c)');
		expect(description).toContain('"enabled": false');
	});

	it('registers for group.flow only, without byEvents or media, and disables by label only', () => {
		expect(registerBody('l', url)).toEqual({ label: 'l', enabled: true, url, byEvents: false, events: ['group.flow'], mediaBase64: false });
		expect(disableBody('l')).toEqual({ label: 'l', enabled: false });
	});
});

describe('checkDelivery (forged deliveries)', () => {
	const envelope = { event: 'group.flow', data: {}, instance: 'sales', token: 'instance-token-123' };
	const expected = { instance: 'sales', token: 'instance-token-123' };
	it('accepts the instance with its token', () => {
		expect(checkDelivery(envelope, expected)).toEqual({ ok: true });
	});
	it.each([
		['another instance', { ...envelope, instance: 'support' }],
		['no instance', { ...envelope, instance: null }],
		['a wrong token', { ...envelope, token: 'instance-token-124' }],
		['a longer token', { ...envelope, token: 'instance-token-123x' }],
		['no token', { ...envelope, token: null }],
		['an empty token', { ...envelope, token: '' }],
	])('refuses %s', (_name, forged) => {
		expect(checkDelivery(forged, expected).ok).toBe(false);
	});
	it('with an account token, checks the instance only', () => {
		expect(checkDelivery({ ...envelope, token: 'whatever' }, { instance: 'sales', token: null }).ok).toBe(true);
		expect(checkDelivery({ ...envelope, instance: 'x' }, { instance: 'sales', token: null }).ok).toBe(false);
	});
	it('compares texts of different lengths without throwing', () => {
		expect(sameSecret('a', 'a'.repeat(1000))).toBe(false);
		expect(sameSecret('same', 'same')).toBe(true);
	});
});

describe('nextPoll (de-duplication across polls)', () => {
	const req = (jid: string): JoinRequest => ({ jid, phoneNumber: null, phoneJid: null, requestedAt: null });
	const scope = pollScope('sales', 'G@g.us');
	const keys = (list: JoinRequest[]) => list.map((r) => r.jid);

	it('emits what is pending at the first poll, then only the new ones', () => {
		const first = nextPoll(undefined, scope, [req('1@lid'), req('2@lid')]);
		expect(keys(first.emit)).toEqual(['1@lid', '2@lid']);
		const second = nextPoll(first.next, scope, [req('2@lid'), req('1@lid'), req('3@lid')]);
		expect(keys(second.emit)).toEqual(['3@lid']);
		const third = nextPoll(second.next, scope, [req('1@lid'), req('2@lid'), req('3@lid')]);
		expect(third.emit).toEqual([]);
	});

	it('treats a request that went away and came back as new', () => {
		const a = nextPoll(undefined, scope, [req('1@lid')]);
		const gone = nextPoll(a.next, scope, []);
		expect(gone.next.pending).toEqual([]);
		expect(keys(nextPoll(gone.next, scope, [req('1@LID')]).emit)).toEqual(['1@LID']);
	});

	it('keeps only the pending set, each request once', () => {
		const result = nextPoll({ scope, pending: ['old@lid'] }, scope, [req('1@lid'), req('1@lid')]);
		expect(keys(result.emit)).toEqual(['1@lid']);
		expect(result.next).toEqual({ scope, pending: ['1@lid'] });
	});

	it('starts afresh for another group, and on unreadable state', () => {
		const a = nextPoll(undefined, scope, [req('1@lid')]);
		expect(keys(nextPoll(a.next, pollScope('sales', 'other@g.us'), [req('1@lid')]).emit)).toEqual(['1@lid']);
		for (const junk of [null, 'x', { scope, pending: 'x' }, { scope, pending: [1, null] }]) {
			expect(keys(nextPoll(junk, scope, [req('1@lid')]).emit)).toEqual(['1@lid']);
		}
	});
});
