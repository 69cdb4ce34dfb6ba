// Shared set-up of the acceptance tests: our packed tarball, the pinned n8n, a
// fresh n8n user folder, the simulator on an ephemeral port; and item assertions.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Stages } from '../../scripts/lib/stages.mjs';
import { stopAll, stopChildrenOnSignals } from '../../scripts/lib/processes.mjs';
import { PROJECT_ROOT } from '../../scripts/lib/paths.mjs';
import { ensureN8n } from '../../scripts/n8n/install.mjs';
import { freshUserFolder } from '../../scripts/n8n/userFolder.mjs';
import { build, pack } from '../../scripts/lib/package.mjs';
import { startSimulator } from '../../scripts/lib/simulator.mjs';

/** Where logs, run data and screenshots of a run go (gitignored). */
export const RESULTS_DIR = join(PROJECT_ROOT, 'test-results', 'acceptance');

const ITEMS_SOURCE = join(PROJECT_ROOT, 'nodes', 'RyzeApi', 'actions', 'group', 'Group.resource.ts');
const ITEMS_BUILT = join(PROJECT_ROOT, 'dist', 'nodes', 'RyzeApi', 'actions', 'group', 'Group.resource.js');
const isStale = () => !existsSync(ITEMS_BUILT) || statSync(ITEMS_BUILT).mtimeMs < statSync(ITEMS_SOURCE).mtimeMs;

/**
 * Whether this module built the package on import: a test file run on its own (no
 * RYZE_ACCEPTANCE_TARBALL from the runner, which builds first) with dist/ missing or
 * older than the source of the output keys. setUp then only packs.
 */
let builtOnImport = false;
if (!process.env.RYZE_ACCEPTANCE_TARBALL && isStale()) {
	console.log('[acceptance] dist/ is missing or older than nodes/RyzeApi/actions/group/Group.resource.ts: building it first');
	await build();
	builtOnImport = true;
}

const BUILD_HINT = 'run `npm run build` first (node scripts/acceptance.mjs builds before it runs the test files)';

/** The resource index as built (actions/group/Group.resource.ts): `operations` by value. */
function builtIndex() {
	// Under the runner dist/ is what the tarball was packed from, even if the source changed since.
	if (!existsSync(ITEMS_BUILT)) throw new Error(`${ITEMS_BUILT} does not exist: ${BUILD_HINT}`);
	return createRequire(import.meta.url)(ITEMS_BUILT);
}

/** The operation values the built package has, e.g. ['manageParticipants', 'listGroups', …]. */
export function builtOperations() {
	return Object.keys(builtIndex().operations ?? {});
}

/** The Operation parameter's options in the built package, in the order n8n shows them (by name). */
export function builtOperationOptions() {
	const { operations } = builtIndex();
	return Object.values(operations ?? {})
		.map((operation) => operation.option)
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** An operation's `action` text in the built package: what n8n shows, and tells an agent, the operation does. */
export function builtAction(operation) {
	return builtIndex().operations?.[operation]?.option?.action;
}

/** The names of an operation's Options (its `options` collection) in the built package. */
export function builtOptionNames(operation) {
	const description = builtIndex().operations?.[operation]?.description ?? [];
	return description.filter((field) => field.name === 'options').flatMap((field) => (field.options ?? []).map((option) => option.name));
}

/**
 * An operation's output keys, read from the built package: every operation of the
 * resource index (actions/group/Group.resource.ts) names its own (`outputKeys`).
 */
export function builtOutputKeys(operation) {
	const { operations } = builtIndex();
	const keys = operations?.[operation]?.outputKeys;
	if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${ITEMS_BUILT} has no outputKeys for ${operation}: ${BUILD_HINT}`);
	return [...keys];
}

/** An operation's Simplify keys in the built package: `{ keys, optional }` (actions/group/simplify.ts). */
export function builtSimplifiedKeys(operation) {
	const { simplifiedOutputKeys, simplifiedOptionalOutputKeys = [] } = builtIndex().operations?.[operation] ?? {};
	if (!Array.isArray(simplifiedOutputKeys)) throw new Error(`${ITEMS_BUILT} has no simplifiedOutputKeys for ${operation}: ${BUILD_HINT}`);
	return { keys: [...simplifiedOutputKeys], optional: [...simplifiedOptionalOutputKeys] };
}

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
		tarball = await stages.run(builtOnImport ? 'pack (built on import)' : 'build and pack', async () => {
			if (!builtOnImport) await build();
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

/** Keys every Manage Participants item has, on every output (read from dist). */
export const ITEM_KEYS = builtOutputKeys('manageParticipants');

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

const pick = (json, keys) => Object.fromEntries(keys.map((key) => [key, json[key]]));

/**
 * Asserts the two outputs of one RyzeAPI node exactly: as many items as expected on each;
 * each with its operation's keys in order (read from dist; Manage Participants, whose
 * options add keys: at least ITEM_KEYS), `success` as its output says, `pairedItem`, and
 * the fields each expected entry names (a RegExp entry: a string it matches). `pairedItem`:
 * every item's (default: Start's one item), or null when each expected entry names its own.
 */
export function assertOutputs(outputs, { operation, label, success, failure, pairedItem = { item: 0 } }) {
	assert.equal(outputs.length, 2, `${label}: the node has ${outputs.length} outputs`);
	const keys = operation === 'manageParticipants' ? null : builtOutputKeys(operation);
	[success, failure].forEach((expected, index) => {
		const output = outputs[index];
		const where = `${label} ${index === 0 ? 'Success' : 'Failure'}`;
		const shown = JSON.stringify(
			output.map((item) => ({ ...item.json, raw: undefined })),
			null,
			1,
		);
		assert.equal(output.length, expected.length, `${where}: expected ${expected.length} item(s), got ${output.length}: ${shown}`);
		output.forEach((item, position) => {
			if (keys) assert.deepEqual(Object.keys(item.json), keys, `${where} item ${position}: the keys of ${operation}`);
			else for (const key of ITEM_KEYS) assert.ok(key in item.json, `${where} item ${position} has no "${key}"`);
			assert.equal(item.json.success, index === 0, `${where} item ${position}: success`);
			if (pairedItem) assert.deepEqual(item.pairedItem, pairedItem, `${where} item ${position}: pairedItem`);
			const want = expected[position];
			const got = pick({ ...item.json, pairedItem: item.pairedItem }, Object.keys(want));
			for (const [key, value] of Object.entries(want)) if (value instanceof RegExp && value.test(got[key])) got[key] = value;
			assert.deepEqual(got, want, `${where} item ${position}: ${shown}`);
		});
	});
	return outputs;
}

/** Keys of every List Participants item, on every output (read from dist). */
export const MEMBER_KEYS = builtOutputKeys('listParticipants');

/**
 * A run of the CRM sync example (or its Dry Run off copy): List group members gives
 * every VIP Clients member; Compare Datasets splits CRM-only from group-only; with Dry
 * Run on only the reports run, with it off the RyzeAPI add and remove act.
 * `outputsOf(run, node)` / `itemsOf(run, node)`: extractRun's nodeOutputs / allItems.
 */
export function assertSyncRun(run, { members, expected, dryRun, outputsOf, itemsOf }) {
	const [listed, unreadable] = outputsOf(run, 'List group members');
	for (const [index, item] of listed.entries()) {
		for (const key of MEMBER_KEYS) assert.ok(key in item.json, `member ${index} has no "${key}": ${JSON.stringify(item.json)}`);
		assert.deepEqual(item.pairedItem, { item: 0 }, `member ${index} pairs with the Settings item`);
	}
	assert.deepEqual(
		listed.map((item) => pick(item.json, Object.keys(members[0]))),
		members,
		'List group members: every member, with LIDs and hidden numbers',
	);
	assert.deepEqual(unreadable ?? [], [], 'no unreadable member entry');
	const fields = (node, keys) => itemsOf(run, node).map((item) => pick(item.json, keys));
	assert.deepEqual(fields('Kept', ['jid', 'reason']), expected.kept, 'Kept: admins and members whose number is hidden');
	const ran = Object.keys(run.data.resultData.runData);
	if (dryRun) {
		assert.deepEqual(fields('Would add', ['action', 'name', 'phone']), expected.wouldAdd, 'Would add');
		assert.deepEqual(fields('Would remove', ['action', 'jid', 'phone']), expected.wouldRemove, 'Would remove');
		for (const node of ['Add to group', 'Remove from group', 'Sync log', 'Sync problems'])
			assert.ok(!ran.includes(node), `Dry Run: "${node}" did not run`);
		return;
	}
	for (const node of ['Would add', 'Would remove']) assert.ok(!ran.includes(node), `Dry Run off: "${node}" did not run`);
	const [added, addFailed] = outputsOf(run, 'Add to group');
	const [removed, removeFailed] = outputsOf(run, 'Remove from group');
	assert.deepEqual(
		added.map((item) => [item.json.participant, item.json.action]),
		expected.added,
		'Add to group: Success',
	);
	assert.deepEqual(
		removed.map((item) => [item.json.participant, item.json.action]),
		expected.removed,
		'Remove from group: Success',
	);
	assert.deepEqual(
		[...(addFailed ?? []), ...(removeFailed ?? [])].map((item) => item.json),
		[],
		'no Failure item',
	);
	assert.equal(itemsOf(run, 'Sync log').length, expected.added.length + expected.removed.length, 'every change is in the Sync log');
}
