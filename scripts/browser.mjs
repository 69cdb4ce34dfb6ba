// A real browser for the acceptance tests: Debian's Chromium driven by
// playwright-core (which never downloads a browser of its own).
import { existsSync, writeFileSync } from 'node:fs';

import { run } from './lib/processes.mjs';

export const CHROMIUM = process.env.RYZE_CHROMIUM || '/usr/bin/chromium';

/** Flags for a closed network: no background connections, no sandbox as root. */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

/**
 * Makes sure Chromium is there: installs Debian's `chromium` with apt-get when it is
 * missing and we are root. Resolves {ok: true, installed} or {ok: false, why} — the
 * exact reason a browser test is skipped. `RYZE_SKIP_BROWSER=1` skips on purpose.
 */
export async function ensureChromium({ logFile } = {}) {
	if (process.env.RYZE_SKIP_BROWSER === '1') return { ok: false, why: 'RYZE_SKIP_BROWSER=1 is set' };
	if (existsSync(CHROMIUM)) return { ok: true, installed: false };
	if (CHROMIUM !== '/usr/bin/chromium') return { ok: false, why: `RYZE_CHROMIUM=${CHROMIUM} does not exist` };
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
		return { ok: false, why: `${CHROMIUM} is missing and this user is not root, so it cannot run "apt-get install chromium"` };
	}
	if (!existsSync('/usr/bin/apt-get')) return { ok: false, why: `${CHROMIUM} is missing and there is no apt-get to install it` };
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	console.log(`[browser] ${CHROMIUM} is missing: apt-get update && apt-get install -y chromium (about a minute)`);
	const update = await run('apt-get', ['update'], { env, allowFailure: true });
	const install = await run('apt-get', ['install', '-y', 'chromium'], { env, allowFailure: true });
	if (logFile) writeFileSync(logFile, [update.stdout, update.stderr, install.stdout, install.stderr].join('\n'));
	if (install.code !== 0 || !existsSync(CHROMIUM)) {
		const tail = (install.stderr || install.stdout || update.stderr).trim().split('\n').slice(-10).join('\n');
		throw new Error(`apt-get install chromium failed (exit ${install.code}):\n${tail}`);
	}
	return { ok: true, installed: true };
}

/** Launches headless Chromium through playwright-core. */
export async function launchChromium() {
	const { chromium } = await import('playwright-core');
	return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
