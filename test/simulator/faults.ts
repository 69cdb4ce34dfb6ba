/**
 * Fault injection. A fault applies to exactly one /api/* request and is given
 * either through the queue (`POST /__sim/faults`, `scriptFaults()`), consumed in
 * order by the next matching requests (`times: N` makes one entry cover the next
 * N of them), or through an `x-sim-fault` header.
 */
import { errorBody, isRecord, jsonReply, type Answer, type ApiResult, type Reply } from './http';
import { MESSAGES, OUTCOMES, statusText } from './messages';
import type { AnswerOutcome, Fault, FaultMatch, KeyStyle, MutateOp } from './types';

const KINDS = [
	'status',
	'whatsapp429',
	'html',
	'empty',
	'truncated',
	'garbage',
	'json',
	'delay',
	'drop',
	'mutate',
	'answer',
	'redirect',
	'drip',
	'huge',
];
/** The largest `huge` body: enough to pass any client's cap, small enough for a test machine. */
export const MAX_HUGE_BYTES = 256 * 1024 * 1024;
const OPS: readonly MutateOp[] = ['reorder', 'missing', 'extra', 'duplicate'];
const KEY_STYLES: readonly KeyStyle[] = ['jid', 'phone', 'phoneNumber', 'number', 'participant', 'lid', 'id', 'none'];
const OUTCOME_KINDS: readonly AnswerOutcome[] = ['success', 'failure', 'partial'];
export const MAX_FAULT_TIMES = 100_000;

const isStatus = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;

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
	if (kind === 'redirect' && typeof value.location !== 'string') return 'redirect fault needs a location';
	if (
		kind === 'redirect' &&
		value.status !== undefined &&
		!(typeof value.status === 'number' && value.status >= 300 && value.status < 400)
	) {
		return 'redirect status must be a 3xx';
	}
	if (kind === 'drip' && !(typeof value.intervalMs === 'number' && value.intervalMs >= 1)) return 'drip fault needs intervalMs >= 1';
	if (kind === 'huge' && !(typeof value.bytes === 'number' && value.bytes >= 1 && value.bytes <= MAX_HUGE_BYTES)) {
		return `huge fault needs bytes from 1 to ${MAX_HUGE_BYTES}`;
	}
	if (
		value.headers !== undefined &&
		!(isRecord(value.headers) && Object.values(value.headers).every((header) => typeof header === 'string'))
	) {
		return 'headers must be an object of strings';
	}
	const { times } = value;
	if (times !== undefined && !(typeof times === 'number' && Number.isInteger(times) && times >= 1 && times <= MAX_FAULT_TIMES)) {
		return `times must be a whole number from 1 to ${MAX_FAULT_TIMES}`;
	}
	if (kind === 'mutate' || kind === 'answer') {
		const { ops, keyStyle } = value;
		const opsOptional = kind === 'answer' && ops === undefined;
		if (!opsOptional && (!Array.isArray(ops) || !ops.every((op) => OPS.includes(op as MutateOp)))) {
			return `${kind} ops must be a list of: ${OPS.join(', ')}`;
		}
		if (keyStyle !== undefined && !KEY_STYLES.includes(keyStyle as KeyStyle)) {
			return `keyStyle must be one of: ${KEY_STYLES.join(', ')}`;
		}
	}
	if (kind === 'answer') {
		if (!OUTCOME_KINDS.includes(value.outcome as AnswerOutcome)) {
			return `answer fault needs an outcome: ${OUTCOME_KINDS.join(', ')}`;
		}
		if (value.error !== undefined && typeof value.error !== 'string') return 'answer error must be a string';
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
	private queue: Array<{ fault: Fault; left: number }> = [];

	push(faults: Fault[]): void {
		this.queue.push(...faults.map((fault) => ({ fault: { ...fault }, left: fault.times ?? 1 })));
	}

	/** Returns the first queued fault that matches the request; it leaves the queue once used `times` times. */
	take(method: string, path: string): Fault | undefined {
		const index = this.queue.findIndex((entry) => matches(entry.fault.match, method, path));
		if (index === -1) return undefined;
		const entry = this.queue[index];
		entry.left--;
		if (entry.left <= 0) this.queue.splice(index, 1);
		return { ...entry.fault };
	}

	/** The queue, each fault with the number of requests it still applies to as `times`. */
	list(): Fault[] {
		return this.queue.map((entry) => ({ ...entry.fault, times: entry.left }));
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
		case 'drip':
			return true;
		case 'whatsapp429':
		case 'answer':
		case 'redirect':
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
 * `request` is the parsed JSON body of the request (`answer` builds its entries
 * from its participants; `extra` avoids them).
 */
export function renderFault(fault: Fault, result: ApiResult | undefined, request: unknown): Reply {
	const sent = isRecord(request) ? request.participants : undefined;
	const normal = (): Answer => jsonReply(result ?? { status: 500, body: errorBody(statusText(500)) });
	switch (fault.kind) {
		case 'status':
			return {
				status: fault.status,
				body: JSON.stringify(errorBody(fault.message ?? statusText(fault.status))),
				contentType: 'application/json',
				exhausted: fault.status === 429,
				headers: fault.headers,
			};
		case 'redirect':
			return { status: fault.status ?? 307, body: '', headers: { Location: fault.location } };
		case 'drip':
			return { ...normal(), dripMs: fault.intervalMs };
		case 'huge': {
			const reply = normal();
			const padBytes = Math.max(0, fault.bytes - reply.body.length);
			return { ...reply, status: 200, padBytes };
		}
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
		case 'answer':
			return jsonReply({ status: 200, body: answerBody(fault, request) });
	}
}

/** How the API reports a participant as sent: phones as `<digits>@s.whatsapp.net`, the rest unchanged. */
export function answerJid(value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : (JSON.stringify(value) ?? String(value));
	const phone = /^\+?(\d+)(?:@s\.whatsapp\.net|@c\.us)?$/.exec(text);
	return phone ? `${phone[1]}@s.whatsapp.net` : text;
}

function failureText(action: unknown): string {
	if (action === 'add') return OUTCOMES.notOnWhatsApp;
	if (action === 'approve' || action === 'reject') return OUTCOMES.noPendingRequest;
	return OUTCOMES.notMember;
}

/**
 * The 200 body of an `answer` fault, in the endpoint's shape, built from the
 * request's own participants without looking at (or changing) the state.
 */
export function answerBody(fault: Extract<Fault, { kind: 'answer' }>, request: unknown): Record<string, unknown> {
	const body = isRecord(request) ? request : {};
	const sent = Array.isArray(body.participants) ? body.participants : [];
	const error = fault.error ?? failureText(body.action);
	const entries = sent.map((value, index) => {
		const success = fault.outcome === 'success' || (fault.outcome === 'partial' && index % 2 === 0);
		return success ? { jid: answerJid(value), success: true } : { jid: answerJid(value), success: false, error };
	});
	const participants = mutateEntries(entries, fault.ops ?? [], fault.keyStyle ?? 'jid', sent);
	const succeeded = entries.filter((entry) => entry.success).length;
	return {
		success: true,
		message: `Participants updated: ${succeeded} succeeded, ${entries.length - succeeded} failed`,
		groupJid: typeof body.identifier === 'string' && body.identifier.endsWith('@g.us') ? body.identifier : null,
		action: body.action ?? null,
		participants,
	};
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
