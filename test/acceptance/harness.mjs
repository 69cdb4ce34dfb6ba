// Shared set-up of the acceptance tests: our packed tarball, the pinned n8n, a
// fresh n8n user folder, the simulator on an ephemeral port; and item assertions.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Stages } from '../../scripts/lib/stages.mjs';
import { stopAll, stopChildrenOnSignals } from '../../scripts/lib/processes.mjs';
import { PROJECT_ROOT } from '../../scripts/n8n/config.mjs';
import { ensureN8n } from '../../scripts/n8n/install.mjs';
import { freshUserFolder } from '../../scripts/n8n/userFolder.mjs';
import { build, pack } from '../../scripts/package.mjs';
import { startSimulator } from '../../scripts/sandbox.mjs';

/** Where logs, run data and screenshots of a run go (gitignored). */
export const RESULTS_DIR = join(PROJECT_ROOT, 'test-results', 'acceptance');

/**
 * Tarball, n8n, user folder and simulator for one test file. The runner
 * (scripts/acceptance.mjs) builds and packs once and passes the tarball in
 * RYZE_ACCEPTANCE_TARBALL; a test file run on its own builds it itself.
 */
export async function setUp(label) {
	const temporary = [];
	stopChildrenOnSignals(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
	const stages = new Stages(label);
	const artifacts = join(RESULTS_DIR, label);
	rmSync(artifacts, { recursive: true, force: true });
	mkdirSync(artifacts, { recursive: true });
	let tarball = process.env.RYZE_ACCEPTANCE_TARBALL;
	let packDir = null;
	if (!tarball || !existsSync(tarball)) {
		packDir = mkdtempSync(join(tmpdir(), 'ryzeapi-pack-'));
		temporary.push(packDir);
		tarball = await stages.run('build and pack', async () => {
			await build();
			return pack(packDir);
		});
	}
	await stages.run('n8n install (cached)', () => ensureN8n({ quiet: true }));
	const userFolder = freshUserFolder();
	if (process.env.RYZE_KEEP_USER_FOLDER !== '1') temporary.push(userFolder);
	const sim = await stages.run('start the simulator', () => startSimulator({ logFile: join(artifacts, 'simulator.log') }));
	console.log(`[${label}] user folder ${userFolder}, simulator ${sim.url}, logs in ${artifacts}`);
	return {
		stages,
		tarball,
		userFolder,
		sim,
		artifacts,
		async tearDown() {
			await sim.stop().catch(() => {});
			await stopAll();
			if (process.env.RYZE_KEEP_USER_FOLDER !== '1') rmSync(userFolder, { recursive: true, force: true });
			if (packDir) rmSync(packDir, { recursive: true, force: true });
			stages.print();
		},
	};
}

/** Keys every RyzeAPI output item has, on every output. */
export const ITEM_KEYS = [
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
];

/**
 * Asserts the exact items of one output: their count and, for each, the fields the
 * expectation names (participant, errorCode, pairedItem, and any extra ones), plus
 * the shape every item must have.
 */
export function assertItems(items, expected, { output, success }) {
	const seen = items.map((item, index) => {
		for (const key of ITEM_KEYS) assert.ok(key in item.json, `${output} item ${index} has no "${key}": ${JSON.stringify(item.json)}`);
		assert.equal(item.json.success, success, `${output} item ${index} has success=${item.json.success}`);
		const picked = {};
		for (const key of Object.keys(expected[index] ?? expected[0] ?? { participant: 0, errorCode: 0, pairedItem: 0 })) {
			picked[key] = key === 'pairedItem' ? item.pairedItem : item.json[key];
		}
		return picked;
	});
	assert.deepEqual(
		seen,
		expected,
		`${output}: expected ${expected.length} item(s), got ${items.length}:\n${JSON.stringify(
			items.map((item) => ({ ...item.json, raw: undefined, pairedItem: item.pairedItem })),
			null,
			1,
		)}`,
	);
}
