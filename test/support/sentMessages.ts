/**
 * The texts the simulator's Send Text recorded, read as a user of the sandbox would:
 * GET /__sim/messages over the socket (test/simulator/README.md § Send Text).
 */
import axios from 'axios';

import type { RunningSimulator } from '../simulator';

export interface RecordedText {
	messageId: string;
	instance: string;
	number: string;
	to: string;
	message: string;
}

export async function sentMessages(sim: RunningSimulator): Promise<RecordedText[]> {
	const answer = await axios.get<{ messages: RecordedText[] }>(`${sim.url}/__sim/messages`);
	return answer.data.messages.map(({ messageId, instance, number, to, message }) => ({ messageId, instance, number, to, message }));
}
