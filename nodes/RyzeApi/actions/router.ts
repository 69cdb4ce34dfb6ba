/** Dispatches a run to its operation. */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import * as manageParticipants from './participants/manageParticipants.operation';
import * as listJoinRequests from './requests/listJoinRequests.operation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as string;
	switch (operation) {
		case 'manageParticipants':
			return await manageParticipants.execute.call(this, items);
		case 'listJoinRequests':
			return await listJoinRequests.execute.call(this, items);
		case '__CUSTOM_API_CALL__':
			// n8n adds "Custom API Call" to nodes whose credential can sign HTTP Request calls.
			throw new NodeOperationError(this.getNode(), 'Custom API calls are made with the HTTP Request node', {
				description:
					'Add an HTTP Request node, set Authentication to "Predefined Credential Type" and pick the Ryze API credential: it sends the token header for any RyzeAPI endpoint',
				itemIndex: 0,
			});
		default:
			throw new NodeOperationError(this.getNode(), `Operation "${operation}" is not supported`, {
				description: 'Choose Manage Participant or List Join Request',
				itemIndex: 0,
			});
	}
}
