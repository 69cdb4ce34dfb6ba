/**
 * Validation of Manage Participants' own fields (Action, its Timeout). Pure; an
 * InputError names the field, the runner adds the item.
 */
import { InputError } from '../../../helpers/inputError';
import { readTimeout } from '../../../helpers/validation';
import { ACTIONS, PARTICIPANT_ACTIONS, type ParticipantAction } from './actions';

/** Server-side timeouts from the endpoint's action table, in ms (actions.ts). */
export const ACTION_TIMEOUT_MS = Object.fromEntries(
	PARTICIPANT_ACTIONS.map((action) => [action, ACTIONS[action].serverTimeoutMs]),
) as Record<ParticipantAction, number>;

/** Waiting a little past the server's own timeout lets its answer arrive. */
export const TIMEOUT_MARGIN_MS = 10_000;

export function defaultTimeoutMs(action: ParticipantAction): number {
	return ACTION_TIMEOUT_MS[action] + TIMEOUT_MARGIN_MS;
}

export function validateAction(value: unknown): ParticipantAction {
	const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
	if (typeof text === 'string' && (PARTICIPANT_ACTIONS as readonly string[]).includes(text)) {
		return text as ParticipantAction;
	}
	throw new InputError('Action', `Action "${String(value)}" is not supported`, `Use one of: ${PARTICIPANT_ACTIONS.join(', ')}`);
}

/** Options → Timeout of Manage Participants: the default is the action's own limit plus a margin. */
export function validateTimeout(value: unknown, action: ParticipantAction): number {
	return readTimeout(value, defaultTimeoutMs(action), {
		label: ` for ${action}`,
		why: `WhatsApp may take up to ${ACTION_TIMEOUT_MS[action] / 1000} s for ${action}`,
	});
}
