/**
 * The accounting property, checked on one run of the node: every distinct valid
 * participant in exactly one output item, on Success xor Failure, with the right
 * pairedItem; every problem explained; no secret and no whole body anywhere.
 */
import { AxiosError } from 'axios';
import { NodeApiError, NodeOperationError, type INodeExecutionData } from 'n8n-workflow';

import { movedToErrorOutput } from '../support/errorOutput';
import { identityKey } from '../support/faultyTransport';
import { allText } from '../support/simulatorHarness';
import type { ItemExpectation } from './model';

/**
 * The keys every output item carries, on both outputs, and those only some carry:
 * the oracle's own copy of the documented output (README § Output), never read from
 * nodes/ (test/repo/contractBoundary.test.ts). test/unit/actions/group/manageParticipants/actions.test.ts holds the
 * node's RESULT_KEYS and OPTIONAL_RESULT_KEYS (helpers/items.ts) equal to these.
 */
export const RESULT_KEYS = [
	'success',
	'participant',
	'input',
	'jid',
	'action',
	'group',
	'groupJid',
	'instance',
	'error',
	'errorCode',
	'statusCode',
	'outcomeUnknown',
	'raw',
] as const;
export const OPTIONAL_RESULT_KEYS = [
	'addRequest',
	'inviteCode',
	'inviteLink',
	'inviteLinkError',
	'inviteLinkReset',
	'inviteSent',
	'messageId',
	'inviteError',
	'inviteErrorCode',
] as const;
const KNOWN_KEYS = new Set<string>([...RESULT_KEYS, ...OPTIONAL_RESULT_KEYS]);

/** What the server side saw of one request, in a transport-neutral form. */
export interface SeenRequest {
	instance: string;
	action: unknown;
	identifier: unknown;
	participants: unknown[];
	/** The whole-call failure this request's answer must produce (one of `errorCode` when a list), or null when it answered entries. */
	expectedFailure: { errorCode: string | string[]; statusCode: number | null; outcomeUnknown: boolean } | null;
	/** identityKey() of the sent values the answer reported as a success (null: unknown, anything goes). */
	successValues: Set<string> | null;
	/** Per-entry failure codes this answer may produce. */
	entryCodes: Set<string> | null;
	/** Texts of the answer too long to be quoted whole. */
	longTexts: string[];
	/** The next request is this one sent again (a 429 waited out). */
	resentNext?: boolean;
}

export interface RunResult {
	outputs?: INodeExecutionData[][];
	error?: unknown;
}

export interface CheckInput {
	items: ItemExpectation[];
	continueOnFail: boolean;
	token: string;
	logs: string[];
	requests: SeenRequest[];
	/** Some answer of the run (a follow-up's too) said the token's window is spent. */
	windowSpent: boolean;
	batchSize: number;
	combineItems: boolean;
	/** Running as an AI Agent tool: every item on output 0. */
	toolMode?: boolean;
	result: RunResult;
}

/** The longest an `error` on an output item may be: an excerpt, never a body. */
export const MAX_ERROR_LENGTH = 400;

function fail(message: string): never {
	throw new Error(message);
}

const key = (instance: unknown, group: unknown, action: unknown, id: string) => JSON.stringify([instance, group, action, id]);

/** Every text that explains a problem: thrown errors, output `error` fields, logs (not `raw`, which is the API's entry by design). */
function explanations(input: CheckInput): string {
	const { outputs, error } = input.result;
	const errors = (outputs ?? []).flat().map((item) => String(item.json.error ?? ''));
	return [allText(error), ...errors, ...input.logs].join('\n');
}

function checkNoLeak(input: CheckInput): void {
	const text = allText(input.result) + '\n' + input.logs.join('\n');
	if (text.includes(input.token)) fail('the token appears in an output, an error or a log');
	const explained = explanations(input);
	for (const request of input.requests) {
		for (const long of request.longTexts) {
			if (explained.includes(long)) fail(`a whole response text (${long.length} chars) is quoted in an error: ${long.slice(0, 60)}…`);
		}
	}
}

function checkThrown(input: CheckInput, error: unknown): void {
	if (!(error instanceof NodeApiError) && !(error instanceof NodeOperationError)) {
		fail(`the node threw ${(error as Error)?.constructor?.name ?? typeof error}: ${String((error as Error)?.message ?? error)}`);
	}
	if (error instanceof AxiosError || (error as { isAxiosError?: boolean }).isAxiosError) fail('a raw axios error escaped');
	const thrown = error as NodeApiError | NodeOperationError;
	if (!thrown.message || /\[object Object\]|undefined/.test(thrown.message)) fail(`unhelpful message: ${thrown.message}`);
	if (thrown.message.length > 600) fail(`error message of ${thrown.message.length} chars`);
	const itemIndex = thrown.context?.itemIndex as number | undefined;
	if (typeof itemIndex !== 'number') fail(`the error names no item: ${thrown.message}`);
	const named = `${thrown.message} ${thrown.description ?? ''}`;
	if (!new RegExp(`\\bitems? (\\d+, )*${itemIndex}\\b`).test(named)) fail(`the error text does not name item ${itemIndex}: ${named}`);

	const firstBad = input.items.findIndex((item) => item.badField !== null);
	if (firstBad >= 0) {
		if (!(error instanceof NodeOperationError))
			fail(`item ${firstBad} is invalid, but a ${thrown.constructor.name} was thrown: ${thrown.message}`);
		if (itemIndex !== firstBad) fail(`the error names item ${itemIndex}, the first invalid item is ${firstBad}`);
		if (!thrown.message.startsWith(`${input.items[firstBad].badField}:`))
			fail(`the error does not name the field ${input.items[firstBad].badField}: ${thrown.message}`);
		if (!thrown.description) fail('a validation error without a hint how to fix it');
		if (input.requests.length > 0) fail('requests were sent although an item was invalid');
		return;
	}
	if (!(error instanceof NodeApiError)) fail(`a NodeOperationError although every item was valid: ${thrown.message}`);
	const last = input.requests[input.requests.length - 1];
	if (!last?.expectedFailure) fail(`the node threw, but the last call did not fail: ${thrown.message}`);
	if (last.expectedFailure.statusCode !== null && error.httpCode !== String(last.expectedFailure.statusCode)) {
		fail(`httpCode ${error.httpCode}, expected ${last.expectedFailure.statusCode}`);
	}
	// The item named is one the failed call served.
	const served = input.items.some(
		(item, index) =>
			index === itemIndex &&
			item.instance === last.instance &&
			item.group === last.identifier &&
			item.action === last.action &&
			item.valid.some((valid) => last.participants.some((value) => identityKey(String(value)) === valid.identity)),
	);
	if (!served) fail(`the error names item ${itemIndex}, which the failed call did not serve`);
}

function checkRequests(input: CheckInput): void {
	const sentOnce = new Map<string, number>();
	input.requests.forEach((request, index) => {
		if (request.participants.length === 0) fail(`request ${index} sends no participants`);
		if (request.participants.length > input.batchSize)
			fail(`request ${index} sends ${request.participants.length} > batch size ${input.batchSize}`);
		const ids = request.participants.map((value) => identityKey(String(value)));
		if (new Set(ids).size !== ids.length) fail(`request ${index} sends a participant twice: ${JSON.stringify(request.participants)}`);
		if (request.resentNext) {
			const next = input.requests[index + 1];
			if (!next || JSON.stringify(next.participants) !== JSON.stringify(request.participants)) {
				fail(`request ${index} got a 429 that resets at once and Max Wait allows, but was not sent again`);
			}
		}
		const previous = input.requests[index - 1];
		if (previous?.resentNext) return;
		if (!input.combineItems) return;
		// Combined: a participant goes out once per instance, group and action, never again.
		for (const id of ids) {
			const k = key(request.instance, request.identifier, request.action, id);
			if (sentOnce.has(k)) fail(`${id} was sent in requests ${sentOnce.get(k)} and ${index}`);
			sentOnce.set(k, index);
		}
	});
}

function checkOutputs(input: CheckInput, outputs: INodeExecutionData[][]): void {
	if (outputs.length !== 2) fail(`${outputs.length} outputs`);
	const perItem = input.items.map(() => [] as INodeExecutionData[]);
	outputs.forEach((output, outputIndex) => {
		let lastItem = -1;
		for (const item of output) {
			const paired = item.pairedItem as { item?: unknown } | undefined;
			const index = paired?.item;
			if (typeof index !== 'number' || !perItem[index]) fail(`pairedItem ${JSON.stringify(item.pairedItem)} points at no input item`);
			if (index < lastItem) fail('the output does not keep the input order');
			lastItem = index;
			if (input.toolMode) {
				if (outputIndex !== 0) fail('tool mode: an item on output 1, which an agent never reads');
				if (typeof item.json.success !== 'boolean') fail('tool mode: an item without success');
			} else if (item.json.success !== (outputIndex === 0)) {
				fail(`success=${String(item.json.success)} on output ${outputIndex}`);
			}
			const keys = Object.keys(item.json);
			const missing = RESULT_KEYS.filter((name) => !keys.includes(name));
			const extra = keys.filter((name) => !KNOWN_KEYS.has(name));
			if (missing.length > 0 || extra.length > 0) fail(`item keys differ: missing ${missing.join(',')} extra ${extra.join(',')}`);
			if (movedToErrorOutput(item)) fail('n8n would move this item to the Error output');
			const error = item.json.error;
			if (item.json.success === false && (typeof error !== 'string' || error === '')) fail('a Failure item without an error text');
			if (item.json.success === false && typeof item.json.errorCode !== 'string') fail('a Failure item without an errorCode');
			if (typeof error === 'string' && error.length > MAX_ERROR_LENGTH)
				fail(`an error text of ${error.length} chars: ${error.slice(0, 80)}…`);
			perItem[index].push(item);
		}
	});

	const windowSpent = input.windowSpent;
	const requestsFor = new Map<string, SeenRequest[]>();
	for (const request of input.requests) {
		for (const value of request.participants) {
			const k = key(request.instance, request.identifier, request.action, identityKey(String(value)));
			requestsFor.set(k, [...(requestsFor.get(k) ?? []), request]);
		}
	}

	input.items.forEach((expected, index) => {
		const got = perItem[index];
		const where = `item ${index}`;
		const invalidEntries = got.filter((item) => item.json.participant === null);
		const participants = got.filter((item) => item.json.participant !== null);

		const seen = participants.map((item) => identityKey(String(item.json.participant)));
		const want = expected.valid.map((valid) => valid.identity).sort();
		if (JSON.stringify([...seen].sort()) !== JSON.stringify(want)) {
			fail(`${where}: participants ${JSON.stringify([...seen].sort())}, expected each of ${JSON.stringify(want)} once`);
		}
		const inputs = new Set(invalidEntries.map((item) => String(item.json.input)));
		if (JSON.stringify([...inputs].sort()) !== JSON.stringify([...expected.invalid].sort())) {
			fail(`${where}: invalid entries ${JSON.stringify([...inputs].sort())}, expected ${JSON.stringify([...expected.invalid].sort())}`);
		}
		if (expected.badField !== null) {
			for (const item of got) {
				if (item.json.errorCode !== 'invalid_parameter')
					fail(`${where} is invalid (${expected.badField}) but has ${String(item.json.errorCode)}`);
				if (!String(item.json.error).includes(`${expected.badField}:`) || !String(item.json.error).includes(`[item ${index}]`)) {
					fail(`${where}: the Failure does not name ${expected.badField} and the item: ${String(item.json.error)}`);
				}
			}
			return;
		}
		for (const item of invalidEntries) {
			if (item.json.errorCode !== 'invalid_participant' || item.json.statusCode !== null || item.json.outcomeUnknown !== false) {
				fail(`${where}: invalid entry ${String(item.json.input)} reported as ${String(item.json.errorCode)}`);
			}
		}
		for (const item of participants) {
			const id = identityKey(String(item.json.participant));
			const firstInput = expected.valid.find((valid) => valid.identity === id)?.input;
			if (item.json.input !== firstInput)
				fail(`${where}: ${id} has input ${String(item.json.input)}, written first as ${String(firstInput)}`);
			if (item.json.action !== expected.action || item.json.group !== expected.group || item.json.instance !== expected.instance) {
				fail(`${where}: ${id} reports ${String(item.json.action)}/${String(item.json.group)}/${String(item.json.instance)}`);
			}
			const requests = requestsFor.get(key(expected.instance, expected.group, expected.action, id)) ?? [];
			// A call refused before sending: an earlier answer said the window is spent and Max Wait cannot cover the reset.
			if (isRateLimitRefusal(item.json) && windowSpent) continue;
			if (requests.length === 0) fail(`${where}: ${id} is in the output but was never sent`);
			checkOutcome(where, id, item, requests);
		}
	});
}

function isRateLimitRefusal(json: INodeExecutionData['json']): boolean {
	return json.success === false && json.errorCode === 'rate_limited' && json.statusCode === null && json.outcomeUnknown === false;
}

function checkOutcome(where: string, id: string, item: INodeExecutionData, requests: SeenRequest[]): void {
	const json = item.json;
	if (json.success === true) {
		if (json.errorCode !== null || json.error !== null || json.statusCode !== 200 || json.outcomeUnknown !== false) {
			fail(`${where}: ${id} is a success with ${String(json.errorCode)}/${String(json.statusCode)}`);
		}
		const claimed = requests.some((request) => request.successValues === null || request.successValues.has(id));
		if (!claimed) fail(`${where}: ${id} is on Success, but no answer reported it as a success`);
		return;
	}
	const asCall = requests.some(
		(request) =>
			request.expectedFailure !== null &&
			[request.expectedFailure.errorCode].flat().includes(String(json.errorCode)) &&
			request.expectedFailure.statusCode === json.statusCode &&
			request.expectedFailure.outcomeUnknown === json.outcomeUnknown,
	);
	if (asCall) return;
	const asEntry = requests.some(
		(request) =>
			request.expectedFailure === null &&
			json.statusCode === 200 &&
			(request.entryCodes === null || request.entryCodes.has(String(json.errorCode))) &&
			json.outcomeUnknown === (json.errorCode === 'missing_result'),
	);
	if (!asEntry) {
		const causes = requests.map((request) => JSON.stringify(request.expectedFailure ?? 'entries'));
		fail(
			`${where}: ${id} failed as ${String(json.errorCode)}/${String(json.statusCode)}/unknown=${String(json.outcomeUnknown)}, which none of its calls explains (${causes.join(' ')})`,
		);
	}
}

/** Throws with a readable reason when the run breaks the property. */
export function checkRun(input: CheckInput): void {
	checkNoLeak(input);
	checkRequests(input);
	const { outputs, error } = input.result;
	if (error !== undefined) {
		if (input.continueOnFail) {
			fail(`the node threw under continueOnFail: ${(error as Error)?.constructor?.name} ${String((error as Error)?.message)}`);
		}
		checkThrown(input, error);
		return;
	}
	if (!outputs) fail('no outputs');
	if (!input.continueOnFail) {
		const firstBad = input.items.findIndex((item) => item.badField !== null);
		if (firstBad >= 0) fail(`item ${firstBad} is invalid but the node did not throw`);
		const failed = input.requests.findIndex((request) => request.expectedFailure !== null && !request.resentNext);
		if (failed >= 0) fail(`request ${failed} failed as a whole but the node did not throw`);
	}
	checkOutputs(input, outputs);
}
