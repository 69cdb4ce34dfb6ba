/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * Command line entry of the RyzeAPI simulator (the offline sandbox).
 *
 *   node build/tools/test/simulator/cli.js [--port N] [--host 127.0.0.1]
 *     [--limit 100] [--window-ms 60000] [--latency-ms 0] [--approve-latency-ms 0]
 *     [--allow-non-loopback]
 */
import { OUTCOMES } from './messages';
import { SANDBOX } from './seed';
import { startSimulator } from './server';
import type { SimulatorOptions } from './types';

const USAGE = `Usage: cli.js [--port N] [--host 127.0.0.1] [--limit 100] [--window-ms 60000]
              [--latency-ms 0] [--approve-latency-ms 0] [--allow-non-loopback]`;

interface CliOptions {
	options: SimulatorOptions;
	allowNonLoopback: boolean;
	help: boolean;
}

const NUMERIC: Record<string, string> = {
	'--port': 'port',
	'--limit': 'limit',
	'--window-ms': 'windowMs',
	'--latency-ms': 'latencyMs',
	'--approve-latency-ms': 'approveLatencyMs',
};

export function parseArgs(argv: string[]): CliOptions {
	const numbers: Record<string, number> = {};
	let host = '127.0.0.1';
	let allowNonLoopback = false;
	let help = false;
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		const value = (): string => {
			const next = inline ?? argv[++i];
			if (next === undefined) throw new Error(`${flag} needs a value`);
			return next;
		};
		if (flag === '--help' || flag === '-h') help = true;
		else if (flag === '--allow-non-loopback') allowNonLoopback = true;
		else if (flag === '--host') host = value();
		else if (flag in NUMERIC) {
			const raw = value();
			const parsed = Number(raw);
			if (!/^\d+$/.test(raw) || !Number.isSafeInteger(parsed)) throw new Error(`${flag} must be a whole number`);
			numbers[NUMERIC[flag]] = parsed;
		} else throw new Error(`Unknown option ${argv[i]}`);
	}
	if (numbers.windowMs === 0) throw new Error('--window-ms must be at least 1');
	return {
		allowNonLoopback,
		help,
		options: {
			host,
			port: numbers.port ?? 0,
			rateLimit: { limit: numbers.limit ?? 100, windowMs: numbers.windowMs ?? 60000 },
			latencyMs: numbers.latencyMs ?? 0,
			approveLatencyMs: numbers.approveLatencyMs ?? 0,
		},
	};
}

export function isLoopback(host: string): boolean {
	return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function table(rows: string[][]): string {
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	return rows.map((row) => '  ' + row.map((cell, column) => cell.padEnd(widths[column])).join('  ')).join('\n');
}

export function sandboxSummary(): string {
	const { tokens, instances, numbers, groups, rules } = SANDBOX;
	return [
		'Tokens (header "token: <value>" or "Authorization: Bearer <value>"):',
		table([
			['token', 'kind', 'instances'],
			[tokens.sandbox, 'instance', instances.sandbox],
			[tokens.memberOnly, 'instance', instances.memberOnly],
			[tokens.offline, 'instance', `${instances.offline} (disconnected: 503)`],
			[tokens.account, 'account', `${instances.sandbox}, ${instances.memberOnly}, ${instances.offline}`],
		]),
		'Groups (role of the "sandbox" instance; "member-only" is a plain member everywhere):',
		table([
			['jid', 'name', 'invite code', 'role', 'approval'],
			...[groups.customers, groups.waitlist, groups.announcements].map((group) => [
				group.jid,
				group.name,
				group.inviteCode,
				group.role,
				group.requireAdminApproval ? 'required' : 'no',
			]),
		]),
		`Own numbers: sandbox ${numbers.sandbox}, member-only ${numbers.memberOnly}.`,
		`Pending join requests in "${groups.waitlist.name}": ${groups.waitlist.pending.map((r) => r.lid).join(', ')}.`,
		'Participant rules (add):',
		table([
			[`number ending ${rules.notOnWhatsAppSuffix}`, OUTCOMES.notOnWhatsApp],
			[`number ending ${rules.privacyBlockedSuffix}`, `${OUTCOMES.privacyBlocked} + addRequest`],
			['already a member', OUTCOMES.alreadyMember],
		]),
		`Not a member (remove/promote/demote): ${OUTCOMES.notMember}; no request (approve/reject): ${OUTCOMES.noPendingRequest}.`,
		'Control routes: POST /__sim/faults, GET|DELETE /__sim/calls, POST /__sim/reset, POST /__sim/config, GET /__sim/state,',
		'  GET|DELETE /__sim/messages, GET|DELETE /__sim/deliveries, POST /__sim/deliveries/replay, POST /__sim/join|leave|requests,',
		'  POST /__sim/group-update, POST /__sim/instance-state, POST /__sim/flow-shape, GET /__sim/webhooks (test/simulator/README.md).',
	].join('\n');
}

async function main(): Promise<void> {
	let cli: CliOptions;
	try {
		cli = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`${(error as Error).message}\n${USAGE}`);
		process.exit(2);
	}
	if (cli.help) {
		console.log(USAGE);
		return;
	}
	const host = cli.options.host ?? '127.0.0.1';
	if (!isLoopback(host) && !cli.allowNonLoopback) {
		console.error(`Refusing to listen on non-loopback host ${host}: the /__sim control routes have no auth.`);
		console.error('Pass --allow-non-loopback if you really want this.');
		process.exit(2);
	}
	const simulator = await startSimulator(cli.options);
	console.log(`RyzeAPI simulator listening on ${simulator.url}`);
	console.log(sandboxSummary());
	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal} received, stopping simulator.`);
		simulator.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((error: Error) => {
		console.error(`Simulator failed to start: ${error.message}`);
		process.exit(1);
	});
}
