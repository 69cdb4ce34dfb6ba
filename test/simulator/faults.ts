/**
 * Fault injection. A fault applies to exactly one /api/* request and is given
 * either through the queue (`POST /__sim/faults`, `scriptFaults()`), consumed in
 * order by the next matching requests, or through an `x-sim-fault` header.
 */
import { errorBody, isRecord, jsonReply, type Answer, type ApiResult, type Reply } from './http';
import { MESSAGES, statusText } from './messages';
import type { Fault, FaultMatch, KeyStyle, MutateOp } from './types';

const KINDS = ['status', 'whatsapp429', 'html', 'empty', 'truncated', 'garbage', 'json', 'delay', 'drop', 'mutate'];
const OPS: readonly MutateOp[] = ['reorder', 'missing', 'extra', 'duplicate'];
const KEY_STYLES: readonly KeyStyle[] = ['jid', 'phone', 'phoneNumber', 'number', 'participant', 'lid', 'id', 'none'];

const isStatus = (value: unknown): boolean =>
	typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;

/** Checks a fault received as JSON; returns an error text, or null when it is valid. */
export function validateFault(value: unknown): string | null {
	if (!isRecord(value)) return 'fault must be an object';
	const { kind } = value;
	if (typeof kind !== 'string' || !KINDS.includes(kind)) return `unknown fault kind: ${String(kind)}`;
	if (value.match !== undefined && !isRecord(value.match)) return 'match must be an object';
	if (kind === 'status' && !isStatus(value.status)) return 'status fault needs a status between 100 and 599';
	if (value.status !== undefined && !isStatus(value.status)) return 'status must be between 100 and 599';
	if (kind === 'delay' && !(typeof value.ms === 'number' && value.ms >= 0)) return 'delay fault needs ms >= 0';
	if (kind === 'json' && !('body' in value)) return 'json fault needs a body';
	if (kind === 'mutate') {
		const { ops, keyStyle } = value;
		if (!Array.isArray(ops) || !ops.every((op) => OPS.includes(op as MutateOp))) {
			return `mutate ops must be a list of: ${OPS.join(', ')}`;
		}
		if (keyStyle !== undefined && !KEY_STYLES.includes(keyStyle as KeyStyle)) {
			return `keyStyle must be one of: ${KEY_STYLES.join(', ')}`;
		}
	}
	return null;
}

/** Parses an `x-sim-fault` header: undefined when absent, an error text when invalid. */
export function parseFaultHeader(header: string | string[] | undefined): Fault | string | undefined {
	if (header === undefined) return undefined;
	try {
		const fault = JSON.parse(Array.isArray(header) ? header[0] : header) as unknown;
		const problem = validateFault(fault);
		return problem ? `${MESSAGES.invalidFaultHeader}: ${problem}` : (fault as Fault);
	} catch {
		return MESSAGES.invalidFaultHeader;
	}
}

function matches(match: FaultMatch | undefined, method: string, path: string): boolean {
	if (!match) return true;
	if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
	return !match.pathPrefix || path.startsWith(match.pathPrefix);
}

export class FaultQueue {
	private queue: Fault[] = [];

	push(faults: Fault[]): void {
		this.queue.push(...faults.map((fault) => ({ ...fault })));
	}

	/** Removes and returns the first queued fault that matches the request. */
	take(method: string, path: string): Fault | undefined {
		const index = this.queue.findIndex((fault) => matches(fault.match, method, path));
		return index === -1 ? undefined : this.queue.splice(index, 1)[0];
	}

	list(): Fault[] {
		return this.queue.map((fault) => ({ ...fault }));
	}

	clear(): void {
		this.queue = [];
	}
}

/** Whether the API handler runs (and state changes) for a request with this fault. */
export function faultProcesses(fault: Fault): boolean {
	switch (fault.kind) {
		case 'truncated':
		case 'delay':
		case 'mutate':
			return true;
		case 'whatsapp429':
			return false;
		default:
			return fault.processed === true;
	}
}

const htmlPage = (status: number): string =>
	`<html>\r\n<head><title>${status} Bad Gateway</title></head>\r\n<body>\r\n` +
	`<center><h1>${status} Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

/**
 * Turns the fault (and the handler result, when it ran) into what is sent.
 * `sent` is the participants list of the request, for the `extra` mutation.
 */
export function renderFault(fault: Fault, result: ApiResult | undefined, sent: unknown): Reply {
	const normal = (): Answer => jsonReply(result ?? { status: 500, body: errorBody(statusText(500)) });
	switch (fault.kind) {
		case 'status':
			return {
				status: fault.status,
				body: JSON.stringify(errorBody(fault.message ?? statusText(fault.status))),
				contentType: 'application/json',
				exhausted: fault.status === 429,
			};
		case 'whatsapp429':
			return { status: 429, body: JSON.stringify(errorBody(MESSAGES.whatsappRateLimited)), contentType: 'application/json' };
		case 'html': {
			const status = fault.status ?? 502;
			return { status, body: htmlPage(status), contentType: 'text/html; charset=utf-8' };
		}
		case 'empty':
			return { status: fault.status ?? 200, body: '', contentType: 'application/json' };
		case 'garbage':
			return { status: 200, body: JSON.stringify({ ok: 1, result: 'weird' }), contentType: 'application/json' };
		case 'json':
			return { status: fault.status ?? 200, body: JSON.stringify(fault.body) ?? '', contentType: 'application/json' };
		case 'drop':
			return { drop: true };
		case 'delay':
			return { ...normal(), delayMs: (result?.delayMs ?? 0) + fault.ms };
		case 'truncated': {
			const reply = normal();
			return { ...reply, body: reply.body.slice(0, Math.floor(reply.body.length / 2)) };
		}
		case 'mutate':
			if (result && isRecord(result.body) && Array.isArray(result.body.participants)) {
				const participants = mutateEntries(result.body.participants, fault.ops, fault.keyStyle ?? 'jid', sent);
				return jsonReply({ ...result, body: { ...result.body, participants } });
			}
			return normal();
	}
}

function extraEntry(entries: unknown[], sent: unknown): Record<string, unknown> {
	const taken = JSON.stringify([entries, sent]);
	let number = 5511955550001;
	while (taken.includes(String(number))) number++;
	return { jid: `${number}@s.whatsapp.net`, success: true };
}

function renameKey(entry: unknown, keyStyle: KeyStyle): unknown {
	if (!isRecord(entry) || keyStyle === 'jid') return entry;
	const { jid, ...rest } = entry;
	if (keyStyle === 'none') return rest;
	const phoneKey = keyStyle === 'phone' || keyStyle === 'number' || keyStyle === 'phoneNumber';
	const value = phoneKey && typeof jid === 'string' ? jid.replace(/@s\.whatsapp\.net$/, '') : jid;
	return { [keyStyle]: value, ...rest };
}

/** Applies the mutation ops in order, then renames the identifier key. */
export function mutateEntries(entries: unknown[], ops: MutateOp[], keyStyle: KeyStyle, sent: unknown): unknown[] {
	let out = entries.slice();
	for (const op of ops) {
		if (op === 'reorder') out.reverse();
		if (op === 'missing') out = out.slice(0, -1);
		if (op === 'extra') out.push(extraEntry(out, sent));
		if (op === 'duplicate' && out.length > 0) out.splice(1, 0, JSON.parse(JSON.stringify(out[0])));
	}
	return out.map((entry) => renameKey(entry, keyStyle));
}
