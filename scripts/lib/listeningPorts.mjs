// Which TCP ports a process and its descendants listen on, read from /proc (Linux only):
// the sandbox checks that none of them serves a foreign Host, whatever n8n opens.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** Whether this platform can answer (Linux, with /proc). */
export const canListPorts = (() => {
	try {
		readdirSync('/proc/self/fd');
		return process.platform === 'linux';
	} catch {
		return false;
	}
})();

/** `pid` and every process below it (children, grandchildren …), from /proc/<pid>/stat. */
export function descendants(pid) {
	const parentOf = new Map();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			// "pid (comm) state ppid …": comm may hold spaces and parentheses.
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			parentOf.set(Number(name), Number(fields[1]));
		} catch {
			// gone meanwhile
		}
	}
	const found = new Set([pid]);
	for (let grown = true; grown; ) {
		grown = false;
		for (const [child, parent] of parentOf) {
			if (found.has(parent) && !found.has(child)) {
				found.add(child);
				grown = true;
			}
		}
	}
	return [...found];
}

function socketInodes(pid) {
	const inodes = new Set();
	let fds = [];
	try {
		fds = readdirSync(`/proc/${pid}/fd`);
	} catch {
		return inodes;
	}
	for (const fd of fds) {
		try {
			const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
			if (match) inodes.add(match[1]);
		} catch {
			// closed meanwhile
		}
	}
	return inodes;
}

function hexAddress(hex) {
	if (hex.length === 8) return [0, 8, 16, 24].map((shift) => (parseInt(hex, 16) >>> shift) & 255).join('.');
	return hex === '00000000000000000000000000000000' ? '::' : hex === '00000000000000000000000001000000' ? '::1' : hex;
}

/**
 * The listening TCP sockets of `pid` and its descendants: [{pid, address, port}],
 * sorted by port. Empty where /proc cannot be read.
 */
export function listeningPorts(pid) {
	if (!canListPorts) return [];
	const owner = new Map();
	for (const process of descendants(pid)) for (const inode of socketInodes(process)) owner.set(inode, process);
	const found = [];
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let lines = [];
		try {
			lines = readFileSync(table, 'utf8').trim().split('\n').slice(1);
		} catch {
			continue;
		}
		for (const line of lines) {
			const fields = line.trim().split(/\s+/);
			const [address, portHex] = fields[1].split(':');
			if (fields[3] !== '0A' || !owner.has(fields[9])) continue; // 0A: LISTEN
			found.push({ pid: owner.get(fields[9]), address: hexAddress(address), port: parseInt(portHex, 16) });
		}
	}
	return found.sort((a, b) => a.port - b.port);
}
