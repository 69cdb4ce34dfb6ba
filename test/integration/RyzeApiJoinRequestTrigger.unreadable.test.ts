/** The Join Request Trigger drops no entry without a word: one that is not a request is named in n8n's log. */
import { RyzeApiJoinRequestTrigger } from '../../nodes/RyzeApi/RyzeApiJoinRequestTrigger.node';
import { SANDBOX, useSimulator } from '../support/simulatorHarness';
import { createPollContext } from '../support/triggerContext';

const { sim, credentials } = useSimulator();
const { waitlist } = SANDBOX.groups;

it('emits the readable requests and logs each entry it could not read, with the reason', async () => {
	sim().scriptFaults([
		{ kind: 'json', body: { success: true, groupJid: waitlist.jid, requests: [{ jid: '1@lid' }, { phoneNumber: '5511' }] } },
	]);
	const { ctx } = createPollContext({
		params: { instance: { __rl: true, mode: 'name', value: '' }, group: { __rl: true, mode: 'list', value: waitlist.jid } },
		credentials: credentials(),
		staticData: {},
	});
	const warnings: string[] = [];
	ctx.logger.warn = (message: string) => void warnings.push(message);
	const out = await new RyzeApiJoinRequestTrigger().poll.call(ctx);
	expect(out?.[0].map((item) => item.json.jid)).toEqual(['1@lid']);
	expect(warnings).toEqual([
		`RyzeAPI Join Request Trigger: 1 of 2 join requests of group ${waitlist.jid} on instance sandbox could not be read and start no workflow (entry 2: it has no jid)`,
	]);
});
