/**
 * RyzeAPI facts the triggers rely on, each citing the RyzeAPI doc page it comes from
 * (as recorded in /work/shared/ryzeapi-reference.md §5.2, §7.5 and §7.6). The
 * simulator reads these; the nodes do not import test/ (they carry their own
 * constants, which test/unit/RyzeApiTrigger.node.test.ts pins against these).
 *
 * EVENTS_CONTRACT and PENDING_REQUESTS_CONTRACT cite RyzeAPI pages only (the node's
 * tests check it); what the docs leave open about deliveries (settings changes,
 * instance.state, the Authorization header, retries) is in
 * ./ryzeapi.deliveries.ts, where a library may be the source.
 */

const EVENTS_OVERVIEW = 'https://docs.ryzeapi.cloud/en/api/events/overview';
const WEBHOOK_CONFIGURE = 'https://docs.ryzeapi.cloud/en/api/events/webhook-configure';
const WEBHOOK_LIST = 'https://docs.ryzeapi.cloud/en/api/events/webhook-list';
const EVENTS_CATALOG = 'https://docs.ryzeapi.cloud/en/api/events/catalog';
const GROUP_REQUESTS = 'https://docs.ryzeapi.cloud/en/api/groups/requests';

export interface Fact<T> {
	value: T;
	source: string;
	/** false: the docs are silent; the value is this contract's choice. Absent: documented. */
	documented?: false;
}

export const EVENTS_CONTRACT = {
	/** POST /api/events/webhook/:instance upserts the (instance, label) row. */
	setWebhookPath: { value: '/api/events/webhook/', source: WEBHOOK_CONFIGURE } as Fact<string>,
	/** GET /api/events/getWebhook/:instance → {webhooks: [...]} sorted by label; ?label=L → {webhook} or 404. */
	getWebhookPath: { value: '/api/events/getWebhook/', source: WEBHOOK_LIST } as Fact<string>,
	/** "up to 3 enabled webhooks per instance". */
	maxEnabledWebhooks: { value: 3, source: WEBHOOK_CONFIGURE } as Fact<number>,
	/** A missing label, or `?label=` empty, means `default`. */
	defaultLabel: { value: 'default', source: WEBHOOK_CONFIGURE } as Fact<string>,
	/** {label, enabled:false} keeps the row, clears url/authorization/events/mediaBase64, frees a slot. */
	softDisableClears: { value: ['url', 'authorization', 'events', 'mediaBase64'], source: WEBHOOK_CONFIGURE } as Fact<string[]>,
	/** Without `events`, all six types are delivered. */
	eventTypes: {
		value: ['message.exchange', 'message.status', 'call.update', 'group.flow', 'instance.state', 'label.update'],
		source: EVENTS_CATALOG,
	} as Fact<string[]>,
	/** "sends the header Authorization: Bearer svc-token-xyz on each delivery"; without `authorization`, no auth header (reference §11.10). */
	deliveryAuthorizationHeader: { value: 'Authorization', source: WEBHOOK_CONFIGURE } as Fact<string>,
	/** A delivery: POST {event, data, instanceData: {baseUrl, instance, token}}; token = the instance's own token. */
	deliveryEnvelopeKeys: { value: ['event', 'data', 'instanceData'], source: EVENTS_OVERVIEW } as Fact<string[]>,
	instanceDataKeys: { value: ['baseUrl', 'instance', 'token'], source: EVENTS_OVERVIEW } as Fact<string[]>,
	/** `group.flow`: "joined/left/promoted/demoted + metadata"; its `data` schema is NOT documented. */
	groupFlowEvent: { value: 'group.flow', source: EVENTS_CATALOG } as Fact<string>,
	/** The 4th enabled webhook's error text is not documented: the simulator answers 400 with this text. */
	tooManyWebhooksMessage: {
		value: 'Maximum of 3 enabled webhooks per instance reached',
		source: `${WEBHOOK_CONFIGURE} (limit documented; wording NOT documented, chosen by the simulator)`,
	} as Fact<string>,
} as const;

export const PENDING_REQUESTS_CONTRACT = {
	/** GET /api/group/requests/:instance?identifier=<group> → {groupJid, requests:[{jid (LID), phoneNumber|null, requestedAt}], meta:{total}}. */
	path: { value: '/api/group/requests/', source: GROUP_REQUESTS } as Fact<string>,
	notAdmin: { value: { status: 403, message: 'Not authorized to view group requests (must be admin)' }, source: GROUP_REQUESTS },
	notFound: { value: { status: 404, message: 'Group not found or you are not a member of this group' }, source: GROUP_REQUESTS },
} as const;
