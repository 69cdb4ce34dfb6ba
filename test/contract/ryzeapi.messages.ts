/**
 * Send Text, `POST /api/message/text/:instance` (reference §6.3, §11.8): the one message
 * route the node needs (an invite link sent privately to someone an add could not reach:
 * RyzeAPI has no invite-message route, §11.9).
 */
import { z } from 'zod';

import { chosen, fact, PAGES, type ErrorFact, type Route } from './ryzeapi.facts';

export const SEND_TEXT = {
	route: fact<Route>({ method: 'POST', path: '/api/message/text/:instance', idempotent: false }, `${PAGES.sendText} ("Idempotent: no")`),
	/** The playground stub declares every field; "minimum payload (number + message)". */
	body: fact(
		z.object({
			number: z.string().min(1),
			message: z.string().min(1),
			delay: z.number().int().nonnegative().optional(),
			linkPreview: z.boolean().optional(),
			replyTo: z.string().optional(),
			replyPrivate: z.boolean().optional(),
			mention: z.array(z.string()).optional(),
			mentionAll: z.boolean().optional(),
			source: z.string().optional(),
		}),
		`${PAGES.sendText} (body stub; the quickstart's "text" is not the field: reference §11.8)`,
	),
	/** Digits (preferred), `@s.whatsapp.net`, `@lid`, `@g.us`, `@newsletter`, `status@broadcast`. */
	recipientForms: fact(
		['digits', 's.whatsapp.net', 'lid', 'g.us', 'newsletter', 'status@broadcast'] as const,
		`${PAGES.messagesOverview} § Recipient`,
	),
	/**
	 * The answer names `messageId`, `direction: "outgoing"`, "the chat/sender markers",
	 * `mentions`/`replyTo` when applicable and `chat.groupName` in groups; whether under
	 * `data` is not stored. The simulator follows the errors guide's success envelope,
	 * whose example is a sent message: {success, message: "Message sent successfully", status: "sent", data}.
	 */
	answer: chosen(
		z
			.object({
				success: z.literal(true),
				message: z.string(),
				status: z.literal('sent'),
				data: z
					.object({
						messageId: z.string().min(1),
						direction: z.literal('outgoing'),
						chat: z.object({ jid: z.string(), groupName: z.string().optional() }).passthrough(),
						sender: z.object({ jid: z.string() }).passthrough(),
						timestamp: z.string(),
					})
					.passthrough(),
			})
			.passthrough(),
		`${PAGES.sendText} § Success (prose only); ${PAGES.errorsGuide} § Success shape (reference §3.1)`,
	),
	/** The errors guide's success example (a sent message): its `message` and `status`. */
	sentMessage: chosen({ message: 'Message sent successfully', status: 'sent' }, `${PAGES.errorsGuide} § Success shape (reference §3.1)`),
	/** WhatsApp's own message ids (whatsmeow GenerateMessageID: "3EB0" + hex); RyzeAPI's are not shown. */
	messageIdForm: chosen(/^3EB0[0-9A-F]{16}$/, `${PAGES.sendText} (no example stored)`),
	/** "delay (in seconds) to simulate real typing": whether the answer waits for it is not stated; the simulator records it and answers at once. */
	delayWaited: chosen(false, `${PAGES.sendText} § Typing`),
	errors: {
		/** The page's table is not stored; "400 Numbe…" is cut in every stored copy. */
		notOnWhatsApp: chosen<ErrorFact>(
			{ status: 400, message: 'Number is not on WhatsApp' },
			`${PAGES.messagesOverview} ("400 Numbe…", cut; reference §6.3)`,
		),
		numberRequired: chosen<ErrorFact>({ status: 400, message: 'Number is required' }, `${PAGES.sendText} (errors not stored)`),
		invalidNumber: chosen<ErrorFact>({ status: 400, message: 'Invalid number format' }, `${PAGES.sendText} (errors not stored)`),
		messageRequired: chosen<ErrorFact>({ status: 400, message: 'Message is required' }, `${PAGES.sendText} (errors not stored)`),
		groupNotFound: chosen<ErrorFact>(
			{ status: 404, message: 'Group not found or you are not a member of this group' },
			`${PAGES.sendText} (not stored; the group pages' text)`,
		),
		/** WhatsApp refuses a member's message in an announce group; RyzeAPI's answer is not documented. */
		adminsOnly: chosen<ErrorFact>(
			{ status: 403, message: 'Only admins can send messages to this group' },
			`${PAGES.sendText} (not stored; GroupPermissions membersCanSendMessages = inverse of IsAnnounce)`,
		),
	},
} as const;

/**
 * "For numbers starting with 55 (Brazil), the service automatically tries variations:
 * With 9 (5511999999999), Without 9 (551199999999)". Documented for messages (and for
 * /profile/getAccount); for /participants and /create it is not (./ryzeapi.groups.ts,
 * PARTICIPANTS_BRAZIL_FALLBACK).
 */
export const MESSAGES_BRAZIL_FALLBACK = fact(true, `${PAGES.messagesOverview} § Brazilian number behavior; ${PAGES.sendText}`);
