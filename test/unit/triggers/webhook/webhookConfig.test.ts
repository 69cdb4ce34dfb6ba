import { carriesSecret } from '../../../../nodes/RyzeApi/triggers/webhook/deliveryAuth';
import {
	MAX_ENABLED_WEBHOOKS,
	MAX_LABEL_LENGTH,
	baseLabel,
	baseUrlMessage,
	disableBody,
	fullMessage,
	installationOrigin,
	isOurs,
	isRegisteredAnswer,
	legacyWebhookLabel,
	noRoomFor,
	pointsElsewhere,
	pointsHere,
	readWebhook,
	readWebhookList,
	registerBody,
	takenMessage,
	webhookEndpoint,
	webhookLabel,
	type WebhookRow,
} from '../../../../nodes/RyzeApi/triggers/webhook/webhookConfig';
import { EVENTS_CONTRACT } from '../../../contract/ryzeapi.events';

const production = 'https://n8n.example.com/webhook/5d0e7c1a/webhook';
const staging = 'https://staging.example.com:8443/webhook/5d0e7c1a/webhook';

describe('webhookLabel', () => {
	it('is stable, distinct per workflow, per node and per n8n installation, and short', () => {
		const label = webhookLabel('AbC123xyz', 'node-1', production);
		expect(label).toBe(webhookLabel('AbC123xyz', 'node-1', production));
		expect(label).toMatch(/^n8n-AbC123xyz-[0-9a-f]{16}$/);
		expect(webhookLabel('AbC123xyz', 'node-2', production)).not.toBe(label);
		expect(webhookLabel('other', 'node-1', production)).not.toBe(label);
		// The same workflow exported to staging: its own row (issue 21, point 7).
		expect(webhookLabel('AbC123xyz', 'node-1', staging)).not.toBe(label);
		expect(webhookLabel('AbC123xyz', 'node-1', 'https://n8n.example.com:444/webhook/5d0e7c1a/webhook')).not.toBe(label);
		// The installation is the origin: another webhook id or base path of the same n8n keeps the label.
		expect(webhookLabel('AbC123xyz', 'node-1', 'https://n8n.example.com/base/webhook/other/webhook')).toBe(label);
		expect(label).toBe(baseLabel('AbC123xyz', 'node-1', 'https://n8n.example.com'));
	});

	it('tells the test webhook apart by its URL (n8n deletes it in mode internal), so it never overwrites the production row', () => {
		const label = webhookLabel('w', 'n', 'http://127.0.0.1:5678/webhook/5d0e7c1a/webhook');
		expect(webhookLabel('w', 'n', 'http://127.0.0.1:5678/webhook-test/5d0e7c1a/webhook')).toBe(`${label}-test`);
		expect(webhookLabel('w', 'n', 'http://127.0.0.1:5678/hooks/5d0e7c1a/webhook')).toMatch(new RegExp(`^${label}-[0-9a-f]{6}$`));
		expect(webhookEndpoint('not a url')).toBe('webhook');
	});

	it('knows the label 0.3.0 gave a node (no installation), to replace that row when it delivers here', () => {
		expect(legacyWebhookLabel('AbC123xyz', 'node-1', production)).toBe('n8n-AbC123xyz-f23573ac1b80b141');
		expect(legacyWebhookLabel('AbC123xyz', 'node-1', staging)).toBe('n8n-AbC123xyz-f23573ac1b80b141');
		expect(legacyWebhookLabel('AbC123xyz', 'node-1', production.replace('/webhook/', '/webhook-test/'))).toBe(
			'n8n-AbC123xyz-f23573ac1b80b141-test',
		);
	});

	it.each([
		['x'.repeat(500), 'y'.repeat(500)],
		['a/b c?d=é', '../../etc'],
		[undefined, undefined],
		['', ''],
	])('stays within 64 safe characters for %p', (workflow, node) => {
		for (const label of [webhookLabel, legacyWebhookLabel].map((make) => make(workflow, node, `http://h/${'x'.repeat(300)}/id/webhook`))) {
			expect(label.length).toBeLessThanOrEqual(MAX_LABEL_LENGTH);
			expect(label).toMatch(/^[A-Za-z0-9-]+$/);
		}
	});

	it('reads the installation of a webhook URL: its origin, the same for the test URL', () => {
		expect(installationOrigin(production)).toBe('https://n8n.example.com');
		expect(installationOrigin(production.replace('/webhook/', '/webhook-test/'))).toBe('https://n8n.example.com');
		expect(installationOrigin(undefined)).toBe('');
	});
});

describe('webhook rows', () => {
	const url = 'http://127.0.0.1:5678/webhook/abc/webhook';
	const row: WebhookRow = { label: 'l', enabled: true, url, events: ['group.flow'], authorization: 'Bearer s' };

	it('reads getWebhook?label= and the list, the authorization only as text', () => {
		const sent = { label: 'n8n-x', enabled: true, url, events: ['group.flow'], byEvents: false, authorization: 'Bearer s' };
		expect(readWebhook({ webhook: sent })).toEqual({
			label: 'n8n-x',
			enabled: true,
			url,
			events: ['group.flow'],
			authorization: 'Bearer s',
		});
		expect(readWebhook({ webhook: { ...sent, authorization: { enc: 'x' } } })?.authorization).toBeNull();
		expect(readWebhookList({ webhooks: [sent, { label: 'b', enabled: false }, 'junk'] })).toHaveLength(2);
		expect(readWebhookList({ message: 'no list' })).toBeNull();
		expect(readWebhookList('<html>')).toBeNull();
		expect(readWebhook('nope')).toBeNull();
	});

	it('is ours only when enabled, at our URL, for group.flow, and carrying our secret', () => {
		expect(isOurs(row, url) && carriesSecret(row, 'Bearer s')).toBe(true);
		expect(isOurs({ ...row, enabled: false }, url)).toBe(false);
		expect(isOurs({ ...row, url: 'http://elsewhere' }, url)).toBe(false);
		expect(isOurs({ ...row, events: ['message.exchange'] }, url)).toBe(false);
		expect(isOurs(null, url)).toBe(false);
		// An older version's row (no authorization), another secret, an encrypted read-back: registered again.
		expect(carriesSecret({ ...row, authorization: null }, 'Bearer s')).toBe(false);
		expect(carriesSecret(row, 'Bearer t')).toBe(false);
	});

	it('tells a row that delivers to this n8n from one that delivers to another', () => {
		expect([pointsHere(row, url), pointsElsewhere(row, url)]).toEqual([true, false]);
		// Another webhook id at the same n8n endpoint is still this n8n.
		expect(pointsHere(row, 'http://127.0.0.1:5678/webhook/other/webhook')).toBe(true);
		for (const there of ['http://127.0.0.1:5679/webhook/abc/webhook', 'http://10.0.0.1:5678/webhook/abc/webhook', 'not a url']) {
			expect([pointsHere({ ...row, url: there }, url), pointsElsewhere({ ...row, url: there }, url)]).toEqual([false, true]);
		}
		expect(pointsHere({ ...row, url: 'http://127.0.0.1:5678/webhook-test/abc/webhook' }, url)).toBe(false);
		// A disabled row, or none, is nobody's.
		for (const none of [{ ...row, enabled: false }, { ...row, url: null }, null]) {
			expect([pointsHere(none, url), pointsElsewhere(none, url)]).toEqual([false, false]);
		}
	});

	it('finds no room when three other rows are enabled, and says how to free one', () => {
		const rows = ['a', 'b', 'c'].map((label) => ({ ...row, label }));
		expect(MAX_ENABLED_WEBHOOKS).toBe(EVENTS_CONTRACT.maxEnabledWebhooks.value);
		expect(noRoomFor(['mine'], rows)).toEqual(['a', 'b', 'c']);
		expect(noRoomFor(['mine', 'a'], rows)).toBeNull();
		expect(noRoomFor(['mine'], [...rows.slice(0, 2), { ...rows[2], enabled: false }])).toBeNull();
		const { message, description } = fullMessage('sales', ['a', 'b', 'c']);
		expect(message).toContain('already has 3 enabled webhooks (a, b, c)');
		expect(description).toContain('"enabled": false');
	});

	it('registers for group.flow only with its authorization, without byEvents or media, and disables by label only', () => {
		expect(registerBody('l', url, 'Bearer s')).toEqual({
			label: 'l',
			enabled: true,
			url,
			authorization: 'Bearer s',
			byEvents: false,
			events: ['group.flow'],
			mediaBase64: false,
		});
		expect(disableBody('l')).toEqual({ label: 'l', enabled: false });
	});

	it('takes only RyzeAPI answers to the register call as a registration', () => {
		for (const answer of [{ message: 'Webhook configured', webhook: row }, { success: true, message: 'ok' }, { ...row }]) {
			expect(isRegisteredAnswer(answer)).toBe(true);
		}
		for (const answer of ['<!doctype html><html></html>', '', undefined, null, {}, [], { success: false }, { message: 'ok' }]) {
			expect(isRegisteredAnswer(answer)).toBe(false);
		}
	});

	it('explains a row taken by another n8n by label, receiver and remedy, without webhook ids', () => {
		const theirs = { ...row, label: 'n8n-w-1', url: 'https://prod.example.com/webhook/their-secret-id/webhook' };
		const { message, description } = takenMessage('sales', theirs, staging);
		expect(message).toBe(
			'Webhook n8n-w-1 on instance sales is enabled and delivers to https://prod.example.com/webhook, not to this n8n (https://staging.example.com:8443/webhook)',
		);
		expect(description).toContain('POST /api/events/webhook/sales with {"label": "n8n-w-1", "enabled": false}');
		expect(`${message}${description}`).not.toMatch(/their-secret-id|5d0e7c1a/);
		expect(takenMessage('sales', { ...theirs, url: 'junk' }, staging).message).toContain('delivers to an address that is not a URL');
	});

	it('names the Base URL by its host only (a path prefix is a secret) and what came back', () => {
		const explained = (body: unknown) => baseUrlMessage('sales', 'https://www.example.com/secret-prefix', 'listing the webhooks', body);
		expect(explained('<html>').message).toBe(
			'The Base URL (www.example.com) does not look like RyzeAPI: listing the webhooks on instance sales answered an HTML page',
		);
		expect(explained('plain').message).toMatch(/answered text that is not JSON$/);
		expect(explained(undefined).message).toMatch(/answered an empty answer$/);
		expect(explained({ a: 1 }).message).toMatch(/answered JSON that is not a webhook answer$/);
		expect(JSON.stringify(explained('<html>'))).not.toContain('secret-prefix');
	});
});
