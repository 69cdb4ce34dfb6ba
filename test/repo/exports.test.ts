/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * Nothing in dist is there for the tests (issue 17): every name a shipped module
 * exports at run time is required by another shipped module, or is one of the
 * classes n8n loads (package.json `n8n.nodes` / `n8n.credentials`). A test hook
 * (a `forgetLanes()`, a `laneCount()`) or a dead export fails here.
 *
 * Each file of nodes/ and credentials/ is compiled with the package's own compiler
 * options to the CommonJS that `tsc` writes to dist/ (TypeScript's transpileModule:
 * types, interfaces and imports used only as types are gone, as in dist/). Exports
 * are read from `exports.x = …` and `Object.defineProperty(exports, "x", …)`; uses
 * from `const m_1 = require("./m")` and every `m_1.x` after it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
const SHIPPED = ['nodes', 'credentials'];

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

function resolveSource(from: string, spec: string): string | null {
	const base = resolve(dirname(from), spec);
	for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
		try {
			if (statSync(candidate).isFile()) return relative(ROOT, candidate);
		} catch {
			// try the next form
		}
	}
	return null;
}

const compilerOptions = (): ts.CompilerOptions => {
	const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
	return ts.parseJsonConfigFileContent(config, ts.sys, ROOT).options;
};

export interface ModuleFacts {
	/** Names the module exports at run time. */
	exports: string[];
	/** For each shipped module it requires: the names it reads from it. */
	uses: Map<string, Set<string>>;
	/** `export * from`: every name of these modules is re-exported. */
	exportStar: string[];
}

/** What one compiled module exports and reads from the others. */
export function moduleFacts(file: string, js: string): ModuleFacts {
	const exports = new Set<string>();
	for (const match of js.matchAll(/\bexports\.([A-Za-z_$][\w$]*)\s*=/g)) exports.add(match[1]);
	for (const match of js.matchAll(/Object\.defineProperty\(exports,\s*"([^"]+)"/g)) exports.add(match[1]);
	exports.delete('__esModule');
	const uses = new Map<string, Set<string>>();
	const exportStar: string[] = [];
	for (const match of js.matchAll(
		/\b(?:const|var|let)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:__importStar\(|__importDefault\()?require\("(\.[^"]+)"\)/g,
	)) {
		const target = resolveSource(file, match[2]);
		if (!target) continue;
		const names = uses.get(target) ?? new Set<string>();
		const local = match[1].replace(/\$/g, '\\$');
		for (const use of js.matchAll(new RegExp(`\\b${local}\\.([A-Za-z_$][\\w$]*)`, 'g'))) names.add(use[1]);
		// The module object itself passed on (`import * as op` listed in an index): all of it is used.
		const bare = [...js.matchAll(new RegExp(`\\b${local}\\b(?![.\\w$])`, 'g'))].length;
		if (bare > 1) names.add('*');
		uses.set(target, names);
	}
	for (const match of js.matchAll(/__exportStar\(require\("(\.[^"]+)"\)/g)) {
		const target = resolveSource(file, match[1]);
		if (target) exportStar.push(target);
	}
	return { exports: [...exports].sort(), uses, exportStar };
}

function shippedModules(): Map<string, ModuleFacts> {
	const options = compilerOptions();
	const modules = new Map<string, ModuleFacts>();
	for (const path of SHIPPED.flatMap((dir) => sources(join(ROOT, dir)))) {
		const { outputText } = ts.transpileModule(readFileSync(path, 'utf8'), { compilerOptions: options, fileName: path });
		modules.set(relative(ROOT, path), moduleFacts(path, outputText));
	}
	return modules;
}

/** The classes n8n loads: package.json names their dist files; each exports the class named like its file. */
function entryPoints(): Map<string, string> {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
	return new Map(
		[...pkg.n8n.nodes, ...pkg.n8n.credentials].map((dist) => {
			const source = dist.replace(/^dist\//, '').replace(/\.js$/, '.ts');
			const name = source.split('/').pop()!.split('.')[0];
			return [source, name];
		}),
	);
}

/** `module: name` for every run-time export no other shipped module reads and n8n does not load. */
export function unusedExports(modules: Map<string, ModuleFacts>, entries: Map<string, string>): string[] {
	const used = new Map<string, Set<string>>();
	for (const facts of modules.values()) {
		for (const [target, names] of facts.uses) {
			const set = used.get(target) ?? new Set<string>();
			for (const name of names) set.add(name);
			used.set(target, set);
		}
	}
	const unused: string[] = [];
	for (const [file, facts] of modules) {
		for (const name of facts.exports) {
			if (entries.get(file) === name) continue;
			if (used.get(file)?.has(name) || used.get(file)?.has('*')) continue;
			unused.push(`${file}: ${name}`);
		}
	}
	return unused.sort();
}

/**
 * Read-only facts and pure functions that are exported for the unit tests to pin
 * or call directly (limits, key lists, one parser), or that nothing outside their
 * module reads yet (candidates to un-export once the branches of issue 17 have
 * landed: un-exporting now would collide with them). None holds or resets state:
 * a name that does (a test hook such as `forgetLanes`, `laneCount`) never belongs
 * here; give the tests their own instance instead (rateLimit/registry.ts).
 * The list is exact: a name that stops being exported, or that a shipped module
 * starts to read, must leave it.
 */
const ALLOWED: Record<string, string[]> = {
	'nodes/RyzeApi/actions/group/Group.resource.ts': ['DEFAULT_OPERATION', 'operationProperty'],
	'nodes/RyzeApi/actions/router.ts': ['LOCATOR_PARAMETERS', 'withLocatorValues'],
	'nodes/RyzeApi/actions/runner.ts': ['callFailureError'],
	'nodes/RyzeApi/triggers/webhook/deliveryAuth.ts': ['sameSecret'],
	'nodes/RyzeApi/helpers/errorCodes.ts': ['howToFix'],
	'nodes/RyzeApi/actions/group/manageParticipants/whatsappCodes.ts': ['WHATSAPP_PARTICIPANT_CODES'],
	'nodes/RyzeApi/triggers/webhook/groupFlow.ts': ['MAX_PARTICIPANTS'],
	'nodes/RyzeApi/readers/groupMembers.ts': ['readMember'],
	'nodes/RyzeApi/actions/group/listParticipants/items.ts': ['MEMBER_ROLES', 'keepsRole', 'memberJson'],
	'nodes/RyzeApi/readers/groupList.ts': ['MAX_LABEL', 'MAX_PICKER_RESULTS', 'cutLabel', 'usableInstanceName'],
	'nodes/RyzeApi/triggers/joinRequests/state.ts': ['requestKey'],
	'nodes/RyzeApi/actions/options.ts': ['DEFAULT_BATCH_SIZE', 'DEFAULT_RATE_LIMIT_MAX_WAIT_MS', 'MAX_BATCH_SIZE', 'MAX_WAIT_LIMIT_MS'],
	'nodes/RyzeApi/actions/group/manageParticipants/entries.ts': ['MAX_REASON_LENGTH', 'RESULT_ID_KEYS', 'entryIds', 'readEntry'],
	'nodes/RyzeApi/helpers/participants.ts': [
		'MAX_ENTRY_LENGTH',
		'MAX_PHONE_DIGITS',
		'MIN_PHONE_DIGITS',
		'PARTICIPANT_OBJECT_KEYS',
		'splitParticipantText',
	],
	'nodes/RyzeApi/helpers/toolMode.ts': ['DEFAULT_MAX_TOOL_PARTICIPANTS', 'isToolNodeType'],
	'nodes/RyzeApi/helpers/validation.ts': ['MAX_TIMEOUT_MS', 'MIN_TIMEOUT_MS'],
	'nodes/RyzeApi/actions/group/manageParticipants/validation.ts': ['ACTION_TIMEOUT_MS', 'defaultTimeoutMs'],
	'nodes/RyzeApi/triggers/webhook/webhookConfig.ts': ['MAX_ENABLED_WEBHOOKS', 'MAX_LABEL_LENGTH', 'WEBHOOK_EVENTS', 'webhookEndpoint'],
	'nodes/RyzeApi/methods/listSearch.ts': ['LIST_SEARCH_BOUND_MS', 'LIST_SEARCH_MAX_WAIT_MS', 'LIST_SEARCH_TIMEOUT_MS', 'pickerCall'],
	'nodes/RyzeApi/actions/group/manageParticipants/combine/batcher.ts': ['KEY_COOL_DOWN_MS'],
	'nodes/RyzeApi/transport/rateLimit/window.ts': ['readRateLimit'],
	'nodes/RyzeApi/transport/http/request.ts': ['classifyTransportError', 'httpFailure'],
	'nodes/RyzeApi/triggers/connection.ts': ['TRIGGER_MAX_WAIT_MS'],
	'nodes/RyzeApi/triggers/webhook/delivery.ts': ['RAW_TOO_LARGE', 'TRIGGER_ITEM_KEYS'],
	// What the webhook registration must subscribe to: for triggers/webhook/lifecycle.ts (branch webhooklifecycle).
	'nodes/RyzeApi/triggers/joinRequests/poll.ts': ['STATE_KEY'],
	'nodes/RyzeApi/triggers/webhook/lifecycle.ts': ['HOOK_TIMEOUT_MS'],
};

describe('what dist exports', () => {
	const modules = shippedModules();

	it('reads the compiled modules: it sees the entry points, exports and requires', () => {
		const entries = entryPoints();
		expect([...entries.keys()].every((file) => modules.has(file))).toBe(true);
		expect(modules.get('nodes/RyzeApi/RyzeApi.node.ts')?.exports).toContain('RyzeApi');
		expect(modules.get('credentials/RyzeApi.credentials.ts')?.exports).toContain('RyzeApi');
		expect(modules.get('nodes/RyzeApi/transport/connection.ts')?.uses.get('nodes/RyzeApi/transport/rateLimit/lanes.ts')).toEqual(
			new Set(['lanes']),
		);
	});

	it('exports nothing that only the tests use: every name is read by another shipped module or loaded by n8n', () => {
		const stars = [...modules].filter(([, facts]) => facts.exportStar.length > 0).map(([file]) => file);
		// `export * from` would hide which names are used: write the names out.
		expect(stars).toEqual([]);
		const allowed = Object.entries(ALLOWED).flatMap(([file, names]) => names.map((name) => `${file}: ${name}`));
		const unused = unusedExports(modules, entryPoints());
		expect(unused.filter((entry) => !allowed.includes(entry))).toEqual([]);
		// The allow-list stays exact: nothing on it that is gone or now read by shipped code.
		expect(allowed.filter((entry) => !unused.includes(entry))).toEqual([]);
	});

	it('would catch a test hook: an export nothing shipped reads', () => {
		const hook = `${
			ts.transpileModule(
				'const lanes = new Map<string, number>();\nexport function laneFor(key: string): number { return lanes.get(key) ?? 0; }\nexport function forgetLanes(): void { lanes.clear(); }\n',
				{ compilerOptions: compilerOptions(), fileName: join(ROOT, 'nodes/RyzeApi/hook.ts') },
			).outputText
		}`;
		const user = ts.transpileModule("import { laneFor } from './hook';\nexport const first = (): number => laneFor('a');\n", {
			compilerOptions: compilerOptions(),
			fileName: join(ROOT, 'nodes/RyzeApi/user.ts'),
		}).outputText;
		const facts = new Map([
			['nodes/RyzeApi/hook.ts', moduleFacts(join(ROOT, 'nodes/RyzeApi/hook.ts'), hook)],
			[
				'nodes/RyzeApi/user.ts',
				{ ...moduleFacts(join(ROOT, 'nodes/RyzeApi/user.ts'), user), uses: new Map([['nodes/RyzeApi/hook.ts', new Set(['laneFor'])]]) },
			],
		]);
		expect(unusedExports(facts, new Map([['nodes/RyzeApi/user.ts', 'first']]))).toEqual(['nodes/RyzeApi/hook.ts: forgetLanes']);
	});
});
