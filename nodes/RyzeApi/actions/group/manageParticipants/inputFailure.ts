/**
 * Manage Participants under Continue On Fail, for an item whose fields are
 * unusable: it still accounts for its participants, one Failure item each
 * (`invalid_parameter`), or one for the item when even the participants cannot
 * be read. Nothing is sent for it.
 */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../../helpers/inputError';
import { participantFailure } from './items';
import { parseParticipants } from '../../../helpers/participants';

export function inputFailure(ctx: IExecuteFunctions, itemIndex: number, message: string): Array<ReturnType<typeof participantFailure>> {
	const read = (name: string): string | null => {
		try {
			const value = ctx.getNodeParameter(name, itemIndex, '');
			return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
		} catch {
			return null;
		}
	};
	const context = { action: null, group: read('group'), instance: read('instance') };
	const failure = { errorCode: 'invalid_parameter' as const, message, statusCode: null, outcomeUnknown: false };
	let participants: Array<{ value: string | null; input: string | null }> = [];
	try {
		const parsed = parseParticipants(ctx.getNodeParameter('participants', itemIndex, ''));
		participants = [...parsed.participants, ...parsed.rejected.map((rejected) => ({ value: null, input: rejected.input }))];
	} catch (error) {
		// The participants themselves are unusable: one Failure item stands for the item.
		if (!(error instanceof InputError)) throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
	if (participants.length === 0) return [participantFailure(context, { value: null, input: null }, failure)];
	return participants.map((participant) => participantFailure(context, participant, failure));
}
