/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * actions/group/followUps.ts with a scripted sender: the invite link is read at
 * most once per group and run, even when many items ask at the same time, as a
 * read (may be resent); the link reset is one call per noted group, after all,
 * never resent; every failure becomes keys that say why, never a throw.
 */
import { InviteLinks, inviteLinkCodes, LinkResets } from '../../../../../nodes/RyzeApi/actions/group/manageParticipants/followUps';
import type { CallSender, Resend } from '../../../../../nodes/RyzeApi/transport/rateLimit/send';
import type { ApiOutcome, RequestSpec } from '../../../../../nodes/RyzeApi/transport/http/request';
import { failureOf } from '../../../../../nodes/RyzeApi/helpers/errorCodes';

function scriptedSender(answer: (spec: RequestSpec) => ApiOutcome) {
	const sent: Array<{ spec: RequestSpec; resend: Resend }> = [];
	const sender = {
		send: async (spec: RequestSpec, resend: Resend) => {
			sent.push({ spec, resend });
			await new Promise((resolve) => setImmediate(resolve));
			return answer(spec);
		},
	} as unknown as CallSender;
	return { sender, sent };
}

const ok = (body: unknown): ApiOutcome => ({ ok: true, statusCode: 200, headers: {}, body });
const failed = (message: string): ApiOutcome => ({ ok: false, failure: failureOf('server_error', message, true), headers: {} });

describe('InviteLinks', () => {
	it('covers privacy_blocked and recently_left (WhatsApp 408)', () => {
		expect([...inviteLinkCodes('add')].sort()).toEqual(['privacy_blocked', 'recently_left']);
	});

	it('reads the link once per instance and group, shared by concurrent askers, as a read', async () => {
		const { sender, sent } = scriptedSender(() => ok({ group: { inviteCode: 'AbC123' } }));
		const links = new InviteLinks(sender);
		const keys = await Promise.all([
			links.keysFor('main', 'g1@g.us'),
			links.keysFor('main', 'g1@g.us'),
			links.keysFor('main', 'g2@g.us'),
			links.keysFor('other', 'g1@g.us'),
		]);
		expect(keys.map((k) => k.inviteLink)).toEqual(Array(4).fill('https://chat.whatsapp.com/AbC123'));
		expect(sent).toHaveLength(3);
		expect(sent.every((s) => s.resend === 'always' && s.spec.method === 'GET')).toBe(true);
		expect(sent.map((s) => s.spec.qs)).toEqual([
			{ identifier: 'g1@g.us', participants: 'false' },
			{ identifier: 'g2@g.us', participants: 'false' },
			{ identifier: 'g1@g.us', participants: 'false' },
		]);
		await links.keysFor('main', 'g1@g.us');
		expect(sent).toHaveLength(3);
	});

	it('a failed read or an answer without a link: inviteLink null and a reason, no throw', async () => {
		const down = await new InviteLinks(scriptedSender(() => failed('Bad gateway')).sender).keysFor('', 'g@g.us');
		expect(down).toEqual({ inviteLink: null, inviteLinkError: 'Could not read the invite link: Bad gateway' });
		for (const body of [{}, null, 'text', { group: { inviteCode: 42 } }]) {
			const none = await new InviteLinks(scriptedSender(() => ok(body)).sender).keysFor('', 'g@g.us');
			expect(none.inviteLink).toBeNull();
			expect(String(none.inviteLinkError)).toMatch(/no invite link/);
		}
	});
});

describe('InviteLinks.linkFor (for the invite messages)', () => {
	it('the same one read gives the keys and what a message needs: the sendable link, the name, the JID', async () => {
		const { sender, sent } = scriptedSender(() =>
			ok({ group: { jid: '120363000000000001@g.us', name: 'Customers', inviteLink: 'https://chat.whatsapp.com/AbC123' } }),
		);
		const links = new InviteLinks(sender);
		expect(await links.linkFor('main', 'g1@g.us')).toEqual({
			keys: { inviteLink: 'https://chat.whatsapp.com/AbC123' },
			sendableLink: 'https://chat.whatsapp.com/AbC123',
			groupName: 'Customers',
			groupJid: '120363000000000001@g.us',
			errorCode: null,
		});
		await links.keysFor('main', 'g1@g.us');
		expect(sent).toHaveLength(1);
	});

	it('why there is nothing to send, as a code: the read failed, no link (not_admin), or a link of another form', async () => {
		const codeOf = async (answer: ApiOutcome) =>
			(await new InviteLinks(scriptedSender(() => answer).sender).linkFor('', 'g@g.us')).errorCode;
		expect(await codeOf(failed('Bad gateway'))).toBe('server_error');
		expect(await codeOf(ok({ group: { inviteLink: null } }))).toBe('not_admin');
		const other = await new InviteLinks(scriptedSender(() => ok({ group: { inviteLink: 'https://evil.example/x' } })).sender).linkFor(
			'',
			'g',
		);
		expect([other.keys.inviteLink, other.sendableLink, other.errorCode]).toEqual([null, null, 'unexpected_response']);
	});
});

describe('LinkResets', () => {
	it('nothing noted: no call', async () => {
		const { sender, sent } = scriptedSender(() => ok({}));
		expect((await new LinkResets(sender).run()).size).toBe(0);
		expect(sent).toEqual([]);
	});

	it('one reset per noted group however often it was noted, never resent, keys by group', async () => {
		const { sender, sent } = scriptedSender((spec) =>
			ok({ data: { inviteCode: `new-${(spec.body as { identifier: string }).identifier.slice(0, 2)}` } }),
		);
		const resets = new LinkResets(sender);
		resets.note('', 'g1@g.us');
		resets.note('', 'g1@g.us');
		resets.note('', 'g2@g.us');
		const keys = await resets.run();
		expect(sent.map((s) => [s.spec.method, (s.spec.body as { identifier: string }).identifier, s.resend])).toEqual([
			['POST', 'g1@g.us', 'never'],
			['POST', 'g2@g.us', 'never'],
		]);
		expect([...keys.values()]).toEqual([
			{ inviteLinkReset: true, inviteCode: 'new-g1', inviteLink: 'https://chat.whatsapp.com/new-g1' },
			{ inviteLinkReset: true, inviteCode: 'new-g2', inviteLink: 'https://chat.whatsapp.com/new-g2' },
		]);
	});

	it('a failed reset or one without a new link: inviteLinkReset false and why', async () => {
		const failedResets = new LinkResets(scriptedSender(() => failed('Bad gateway')).sender);
		failedResets.note('', 'g@g.us');
		expect([...(await failedResets.run()).values()]).toEqual([
			{ inviteLinkReset: false, inviteCode: null, inviteLink: null, inviteLinkError: 'The invite link was not reset: Bad gateway' },
		]);
		const empty = new LinkResets(scriptedSender(() => ok({ success: true })).sender);
		empty.note('', 'g@g.us');
		expect([...(await empty.run()).values()][0]).toMatchObject({
			inviteLinkReset: false,
			inviteLinkError: 'The invite link was not reset: RyzeAPI returned no new link',
		});
	});
});
