// What one burst did, from the webhook answers and the simulator's call log and state.
import { GROUP, TOKEN_KIND } from './workflows.mjs';

const PARTICIPANTS_PATH = '/api/group/participants/';

/**
 * Classifies one webhook answer for the contact `phone`:
 * - 'success' / 'failure': a 200 whose JSON says that outcome, for this very contact
 *   (the node's `contact` and the webhook's `phone` both equal the phone sent);
 * - 'foreign': an outcome, but for another contact (an execution answered with someone else's result);
 * - 'error': n8n answered, but not with an outcome (the execution errored: 500 …);
 * - 'no answer': timeout, refused or reset connection.
 * Only success and failure are definite; everything else is lost.
 */
export function classify(record, phone) {
	if (record.status === null) return 'no answer';
	const answer = record.answer;
	const outcome = answer && typeof answer === 'object' && !Array.isArray(answer) ? answer.outcome : undefined;
	if (record.status !== 200 || (outcome !== 'success' && outcome !== 'failure')) return 'error';
	if (String(answer.contact) !== phone || String(answer.phone) !== phone) return 'foreign';
	return outcome;
}

export function percentile(values, p) {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const digitsOf = (jid) => String(jid).split('@')[0];

/** The most calls of `calls` that arrived in one rate-limit window (windows aligned to epoch multiples of `windowMs`, as the simulator's). */
function mostInOneWindow(calls, windowMs) {
	if (!windowMs) return null;
	const perWindow = new Map();
	for (const call of calls) {
		const window = Math.floor(Date.parse(call.at) / windowMs);
		perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
	}
	return Math.max(0, ...perWindow.values());
}

/**
 * Sums up one burst. `sent`: [{phone, token ('A'|'B'), record}] (one per webhook).
 * `calls`: the simulator's call log; `state`: its /__sim/state; `windowMs`: its rate-limit window.
 */
export function summarize({ sent, calls, state, wallMs, windowMs }) {
	const members = new Set((state.groups ?? []).find((group) => group.jid === GROUP)?.members.map((member) => digitsOf(member.jid)) ?? []);
	const participantsCalls = calls.filter((call) => call.method === 'POST' && call.path.startsWith(PARTICIPANTS_PATH));
	const sentInACall = new Set(participantsCalls.flatMap((call) => (call.body?.participants ?? []).map((phone) => digitsOf(phone))));
	const kinds = {};
	const perContact = sent.map(({ phone, token, record }) => {
		const kind = classify(record, phone);
		kinds[kind] = (kinds[kind] ?? 0) + 1;
		return {
			phone,
			token,
			kind,
			ms: record.ms,
			added: members.has(phone),
			// Whether any call carried it: a lost contact no call carried never reached the node's call (n8n failed its execution first?).
			sent: sentInACall.has(phone),
			errorCode: record.answer?.errorCode ?? null,
			status: record.status,
			text: record.text,
			error: record.error,
		};
	});
	const latencies = perContact.map((contact) => contact.ms);
	const summary = (subset, callsSubset) => {
		const subsetLatencies = subset.map((contact) => contact.ms);
		return {
			contacts: subset.length,
			calls: callsSubset.length,
			rateLimited: callsSubset.filter((call) => call.status === 429).length,
			mostCallsInOneWindow: mostInOneWindow(callsSubset, windowMs),
			participantsSent: callsSubset.reduce(
				(sum, call) => sum + (Array.isArray(call.body?.participants) ? call.body.participants.length : 0),
				0,
			),
			added: subset.filter((contact) => contact.added).length,
			success: subset.filter((contact) => contact.kind === 'success').length,
			failure: subset.filter((contact) => contact.kind === 'failure').length,
			lost: subset.filter((contact) => contact.kind !== 'success' && contact.kind !== 'failure').length,
			p50Ms: percentile(subsetLatencies, 50),
			p95Ms: percentile(subsetLatencies, 95),
			maxMs: subsetLatencies.length ? Math.max(...subsetLatencies) : null,
		};
	};
	const tokens = {};
	for (const token of [...new Set(sent.map((contact) => contact.token))].sort()) {
		const kind = TOKEN_KIND[token];
		const own = new Set(sent.filter((contact) => contact.token === token).map((contact) => contact.phone));
		const tokenCalls = participantsCalls.filter((call) => call.tokenKind === kind);
		tokens[token] = {
			tokenKind: kind,
			...summary(
				perContact.filter((contact) => contact.token === token),
				tokenCalls,
			),
			// Participants this token's calls carried that belong to the other token's contacts.
			foreignParticipants: tokenCalls
				.flatMap((call) => (call.body?.participants ?? []).map(String))
				.filter((phone) => !own.has(digitsOf(phone))).length,
		};
	}
	return {
		...summary(perContact, participantsCalls),
		wallMs,
		kinds,
		// A success answer whose contact is not in the group, or an added contact that was not answered success.
		successNotAdded: perContact.filter((contact) => contact.kind === 'success' && !contact.added).length,
		addedNotSuccess: perContact.filter((contact) => contact.kind !== 'success' && contact.added).length,
		otherCalls: calls.length - participantsCalls.length,
		// The participants calls in the order the simulator received them: which token, what it answered.
		callOrder: participantsCalls.map((call) => ({ tokenKind: call.tokenKind, status: call.status })),
		maxParticipantsPerCall: Math.max(0, ...participantsCalls.map((call) => call.body?.participants?.length ?? 0)),
		latencyMaxMs: latencies.length ? Math.max(...latencies) : null,
		tokens,
		examples: {
			lost: perContact.filter((contact) => contact.kind !== 'success' && contact.kind !== 'failure').slice(0, 3),
			failure: perContact.filter((contact) => contact.kind === 'failure').slice(0, 3),
		},
	};
}

const secondsText = (ms) => (ms === null || ms === undefined ? '–' : (ms / 1000).toFixed(1));

/** Markdown table: one row per result ({label, summary}), plus per-token rows when a burst used two tokens. */
export function markdownTable(results) {
	const lines = [
		'| variant | webhooks | participants calls | 429s | added | answered success | answered failure | lost | wall s | p50 s | p95 s | max s |',
		'|---|---|---|---|---|---|---|---|---|---|---|---|',
	];
	const row = (label, s, wall) =>
		`| ${label} | ${s.contacts} | ${s.calls} | ${s.rateLimited} | ${s.added} | ${s.success} | ${s.failure} | ${s.lost} | ${wall} | ${secondsText(s.p50Ms)} | ${secondsText(s.p95Ms)} | ${secondsText(s.maxMs)} |`;
	for (const { label, summary } of results) {
		lines.push(row(label, summary, secondsText(summary.wallMs)));
		const tokens = Object.entries(summary.tokens ?? {});
		if (tokens.length > 1) {
			for (const [token, s] of tokens) lines.push(row(`↳ token ${token} (${s.tokenKind})`, s, ''));
		}
	}
	return lines.join('\n');
}

const ratio = (a, b) => (b === 0 ? (a === 0 ? '1.0×' : '∞') : `${(a / b).toFixed(1)}×`);

/**
 * One line per variant against a baseline result (e.g. the HTTP Request node):
 * calls and 429s as baseline/variant (how many times fewer), added and lost as counts.
 */
export function comparisonLines(results, baselineName) {
	const baseline = results.find((result) => result.name === baselineName);
	if (!baseline) return [];
	const b = baseline.summary;
	return results
		.filter((result) => result !== baseline)
		.map(({ label, summary: s }) => {
			return `${label} vs ${baseline.label}: ${ratio(b.calls, s.calls)} fewer calls (${s.calls} vs ${b.calls}), ${s.rateLimited} vs ${b.rateLimited} × 429, added ${s.added} vs ${b.added}, lost ${s.lost} vs ${b.lost}, p95 ${secondsText(s.p95Ms)} s vs ${secondsText(b.p95Ms)} s`;
		});
}
