/**
 * Manage Participants under Continue On Fail, for an item whose fields are
 * unusable: it still accounts for its participants, one Failure item each
 * (`invalid_parameter`), or one for the item when even the participants cannot
 * be read. Nothing is sent for it.
 */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../../helpers/inputError';
import { resultJson, type ParticipantResultJson } from './items';
import { parseParticipants } from '../../../helpers/participants';

export function inputFailure(ctx: IExecuteFunctions, itemIndex: number, message: string): ParticipantResultJson[] {
	const read = (name: string): string | null => {
		try {
			const value = ctx.getNodeParameter(name, itemIndex, '');
			return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
		} catch {
			return null;
		}
	};
	const context = { action: null, group: read('group'), instance: read('instance') };
	const outcome = { success: false, jid: null, error: message, errorCode: 'invalid_parameter' as const, statusCode: null, raw: null };
	let participants: Array<{ value: string | null; input: string | null }> = [];
	try {
		const parsed = parseParticipants(ctx.getNodeParameter('participants', itemIndex, ''));
		participants = [...parsed.participants, ...parsed.rejected.map((rejected) => ({ value: null, input: rejected.input }))];
	} catch (error) {
		// The participants themselves are unusable: one Failure item stands for the item.
		if (!(error instanceof InputError)) throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
	if (participants.length === 0) return [resultJson(context, { value: null, input: null }, outcome)];
	return participants.map((participant) => resultJson(context, { value: participant.value, input: participant.input }, outcome));
}
