// What headless.test.mjs checks of the examples that invite people (issue 23): the CRM add
// (Send Invite When Add Is Blocked), the form approval (Send Invite Link to a submission
// without a join request) and onboarding a cohort (Create Group, Update Group, Send Invite
// Link). Each takes the example's run, and the simulator's state and messages after the
// batch; node outputs are read with scripts/n8n/extractRun.mjs.
import assert from 'node:assert/strict';

import { nodeOutputs } from '../../scripts/n8n/extractRun.mjs';
import { assertItems, assertOutputs } from './harness.mjs';
import { GROUPS } from './scenarios.mjs';

const MESSAGE_ID = /^3EB0[0-9A-F]{16}$/;
const CUSTOMERS_LINK = 'https://chat.whatsapp.com/CUSTOMERS0001';
const WAITLIST_LINK = 'https://chat.whatsapp.com/WAITLIST0002';

/** The texts the simulator recorded for one number (Send Text). */
const textsTo = (messages, digits) =>
	messages.filter((message) => message.to === `${digits}@s.whatsapp.net`).map((message) => message.message);

/** CRM contact → add: 1 joins; the privacy-blocked one is sent the link by message; the others notify the team. */
export function checkCrmAdd(run, { messages }) {
	const [success, failure] = nodeOutputs(run, 'Add to Customers group');
	assertItems(success, [{ participant: '5511955550001', errorCode: null, pairedItem: { item: 0 }, input: '+55 11 95555-0001' }], {
		output: 'Success',
		success: true,
	});
	const blocked = { inviteSent: true, inviteLink: CUSTOMERS_LINK, inviteError: null };
	assertItems(
		failure,
		[
			{ participant: '5511955550403', errorCode: 'privacy_blocked', pairedItem: { item: 1 }, ...blocked },
			{
				participant: '5511955550000',
				errorCode: 'not_on_whatsapp',
				pairedItem: { item: 2 },
				inviteSent: undefined,
				inviteLink: undefined,
				inviteError: undefined,
			},
			{
				participant: '5511900000002',
				errorCode: 'already_member',
				pairedItem: { item: 3 },
				inviteSent: undefined,
				inviteLink: undefined,
				inviteError: undefined,
			},
		],
		{ output: 'Failure', success: false },
	);
	assert.match(failure[0].json.messageId, MESSAGE_ID);
	assert.deepEqual(
		nodeOutputs(run, 'Record who joined')[0].map((item) => [item.json.name, item.json.phone, item.json.group]),
		[['Ana Souza', '5511955550001', GROUPS.customers]],
	);
	assert.deepEqual(
		nodeOutputs(run, 'Record the invite sent')[0].map((item) => [item.json.name, item.json.phone, item.json.messageId]),
		[['Bruno Lima', '5511955550403', failure[0].json.messageId]],
	);
	assert.deepEqual(
		nodeOutputs(run, 'Notify the team')[0].map((item) => item.json.errorCode),
		['not_on_whatsapp', 'already_member'],
	);
	assert.deepEqual(textsTo(messages, '5511955550403'), [
		`We could not add you to our WhatsApp group "Customers": your privacy settings only let your contacts add you. Join with this link: ${CUSTOMERS_LINK}`,
	]);
	assert.deepEqual(textsTo(messages, '5511955550000'), [], 'no message to who was not blocked');
}

/** Form approval: 2 phones match a request and are approved; the third is sent the invite link. */
export function checkApproval(run, { messages }) {
	const [listed, listFailure] = nodeOutputs(run, 'List join requests');
	assert.deepEqual(
		listed.map((item) => [item.json.success, item.json.jid, item.json.phoneNumber, item.json.group, item.json.instance, item.pairedItem]),
		[
			[true, '199789077627112@lid', '5511988887777', GROUPS.waitlist, 'sandbox', { item: 0 }],
			[true, '199789077627113@lid', '5511988886666', GROUPS.waitlist, 'sandbox', { item: 0 }],
		],
	);
	assert.equal(typeof listed[0].json.requestedAt, 'string');
	assert.deepEqual(listFailure ?? [], []);
	const [success, failure] = nodeOutputs(run, 'Approve join request');
	assertItems(
		success,
		[
			{ participant: '199789077627112@lid', errorCode: null, pairedItem: { item: 0 }, jid: '199789077627112@lid' },
			{ participant: '199789077627113@lid', errorCode: null, pairedItem: { item: 1 }, jid: '199789077627113@lid' },
		],
		{ output: 'Success', success: true },
	);
	assertItems(failure, [], { output: 'Failure', success: false });
	assert.deepEqual(
		nodeOutputs(run, 'Record who was let in')[0].map((item) => [item.json.name, item.json.phone, item.json.whatsappId]),
		[
			['Eva Rocha', '5511988887777', '199789077627112@lid'],
			['Felipe Costa', '5511988886666', '199789077627113@lid'],
		],
	);
	const [invited] = assertOutputs(nodeOutputs(run, 'Send the invite link'), {
		operation: 'sendInviteLink',
		label: 'Send the invite link',
		success: [{ participant: '5511977770001', groupJid: GROUPS.waitlist, inviteLink: WAITLIST_LINK, messageId: MESSAGE_ID }],
		failure: [],
	});
	const told = nodeOutputs(run, 'No pending request: invited')[0].map((item) => [item.json.text, item.json.messageId]);
	assert.deepEqual(told, [
		[
			'Gabi Nunes (5511977770001) sent the form but has not asked to join: the invite link went to them on WhatsApp',
			invited[0].json.messageId,
		],
	]);
	assert.deepEqual(textsTo(messages, '5511977770001'), [
		`Thanks for signing up for Beta Waitlist! We have no join request from this number yet: tap this link to ask to join, then send the form again: ${WAITLIST_LINK}`,
	]);
}

/** Onboard a cohort: the group is created with 2 of 4, approval turned on, the blocked one invited, the one not on WhatsApp reported. */
export function checkOnboarding(run, { state, messages }) {
	const name = 'Onboarding cohort: March';
	const [[created]] = assertOutputs(nodeOutputs(run, 'Create the group'), {
		operation: 'createGroup',
		label: 'Create the group',
		success: [{ name, added: ['5511977780001', '5511977780002'], inviteLink: /^https:\/\/chat\.whatsapp\.com\/[A-Za-z0-9]+$/ }],
		failure: [],
	});
	const { groupJid, inviteLink, notAdded } = created.json;
	assert.deepEqual(
		notAdded.map((person) => person.participant),
		['5511977780403', '5511977780000'],
	);
	assertOutputs(nodeOutputs(run, 'Require admin approval'), {
		operation: 'updateGroup',
		label: 'Require admin approval',
		success: [{ groupJid, updated: { requireAdminApproval: true } }],
		failure: [],
	});
	assertOutputs(nodeOutputs(run, 'Send them the invite link'), {
		operation: 'sendInviteLink',
		label: 'Send them the invite link',
		pairedItem: null,
		success: [{ participant: '5511977780403', groupJid, inviteLink, messageId: MESSAGE_ID, pairedItem: { item: 0 } }],
		failure: [{ participant: '5511977780000', groupJid, errorCode: 'not_on_whatsapp', messageId: null, pairedItem: { item: 1 } }],
	});
	assert.deepEqual(
		nodeOutputs(run, 'Invited')[0].map((item) => item.json.participant),
		['5511977780403'],
	);
	assert.deepEqual(
		nodeOutputs(run, 'Notify the team')[0].map((item) => item.json.errorCode),
		['not_on_whatsapp'],
	);
	const group = state.groups.find((candidate) => candidate.jid === groupJid);
	assert.ok(group, `the simulator has no group ${groupJid}`);
	assert.equal(group.settings.requireAdminApproval, true, 'approval is on');
	assert.equal(group.description, 'Welcome! Introductions, schedule and questions for the March cohort.');
	assert.deepEqual(
		group.members.map((member) => member.jid),
		['5511900000001@s.whatsapp.net', '5511977780001@s.whatsapp.net', '5511977780002@s.whatsapp.net'],
	);
	assert.deepEqual(textsTo(messages, '5511977780403'), [
		`Welcome to ${name}! We could not add you to the group ourselves. Join with this link, and an admin will let you in: ${inviteLink}`,
	]);
}
