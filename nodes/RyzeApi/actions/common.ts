/** What every operation reads once per run: the credential's settings and the mode. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { type ResultCollector, resultJson } from '../helpers/items';
import { ParticipantsInputError, parseParticipants } from '../helpers/participants';
import { ValidationError, validateBaseUrl, validateTokenPresent } from '../helpers/validation';
import { CREDENTIAL_TYPE } from '../transport';

export interface RunSettings {
	baseUrl: string;
	defaultInstance: string;
	/** Running as an AI Agent tool: the agent only reads output 0. */
	toolMode: boolean;
}

export async function readRunSettings(ctx: IExecuteFunctions): Promise<RunSettings> {
	const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
	let baseUrl: string;
	try {
		baseUrl = validateBaseUrl(credentials.baseUrl);
		validateTokenPresent(credentials.token);
	} catch (error) {
		if (error instanceof ValidationError) {
			throw new NodeOperationError(ctx.getNode(), `${error.field}: ${error.message}`, {
				description: error.hint,
				itemIndex: 0,
			});
		}
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: 0 });
	}
	const toolMode = typeof ctx.isToolExecution === 'function' ? ctx.isToolExecution() === true : false;
	return {
		baseUrl,
		defaultInstance: typeof credentials.instance === 'string' ? credentials.instance : '',
		toolMode,
	};
}

/**
 * Under continueOnFail, an item whose parameters are unusable still accounts for
 * its participants: one Failure item each, or one for the item when even the
 * participants cannot be read.
 */
export function failItem(
	ctx: IExecuteFunctions,
	collector: ResultCollector,
	itemIndex: number,
	message: string,
	hint: string,
): void {
	const read = (name: string): string | null => {
		try {
			const value = ctx.getNodeParameter(name, itemIndex, '');
			return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
		} catch {
			return null;
		}
	};
	const context = { action: null, group: read('group'), instance: read('instance') };
	const outcome = {
		success: false,
		jid: null,
		error: `${message}. ${hint}`,
		errorCode: 'invalid_parameter' as const,
		statusCode: null,
		raw: null,
	};
	let participants: Array<{ value: string | null; input: string | null; position?: number }> = [];
	try {
		const parsed = parseParticipants(ctx.getNodeParameter('participants', itemIndex, ''));
		participants = [
			...parsed.participants,
			...parsed.rejected.map((rejected) => ({ value: null, input: rejected.input })),
		];
	} catch (error) {
		// The participants themselves are unusable: one Failure item stands for the item.
		if (!(error instanceof ParticipantsInputError)) {
			throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		}
	}
	if (participants.length === 0) {
		collector.add(itemIndex, resultJson(context, { value: null, input: null }, outcome));
		return;
	}
	for (const participant of participants) {
		collector.add(itemIndex, resultJson(context, { value: participant.value, input: participant.input }, outcome), participant.position);
	}
}
