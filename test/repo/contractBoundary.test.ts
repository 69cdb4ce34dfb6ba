/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The fake RyzeAPI and the oracle take RyzeAPI's behaviour from the contract
 * (test/contract/), never from the product: if they read nodes/, every layer
 * agrees with the node whatever RyzeAPI really does, and a wrong guess about the
 * API passes every test (issue 17).
 * - the simulator (test/simulator/, its own tests aside), the contract itself and
 *   the in-process faulty server (test/support/faultyTransport.ts): nothing they
 *   reach, import by import, is under nodes/;
 * - the property oracle (test/property/model.ts, check.ts): no import of nodes/
 *   (check.ts reaches the node only through test/support/simulatorHarness.ts,
 *   the driver that runs it, never for a fact).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
/** Every relative `import … from`, `export … from`, `import(…)` and `require(…)`. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.[^'"]+)['"]/gm;

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === '__tests__' ? [] : sources(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

function resolveImport(from: string, spec: string): string {
	const base = resolve(dirname(from), spec);
	for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	// A path that does not resolve still says where it points.
	return base;
}

export function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
	return [...text.matchAll(IMPORT)].map((match) => relative(ROOT, resolveImport(file, match[1])));
}

/** Every module reached from `start`, with the chain that reached it. */
function reach(start: string[]): Map<string, string[]> {
	const chains = new Map<string, string[]>();
	const queue = start.map((file) => [relative(ROOT, file)]);
	while (queue.length > 0) {
		const chain = queue.shift()!;
		const file = chain[chain.length - 1];
		if (chains.has(file)) continue;
		chains.set(file, chain);
		if (file.startsWith('nodes/') || !file.endsWith('.ts')) continue;
		for (const next of importsOf(join(ROOT, file))) queue.push([...chain, next]);
	}
	return chains;
}

const intoNodes = (chains: Map<string, string[]>): string[] =>
	[...chains].filter(([file]) => file.startsWith('nodes/')).map(([, chain]) => chain.join(' → '));

describe('the fake RyzeAPI and the oracle read the contract, never nodes/', () => {
	const served = [
		...sources(join(ROOT, 'test/simulator')),
		...sources(join(ROOT, 'test/contract')),
		join(ROOT, 'test/support/faultyTransport.ts'),
	];

	it('walks the simulator, the contract and the faulty server (the walk is not empty)', () => {
		const chains = reach(served);
		expect(chains.has('test/contract/ryzeapi.ts')).toBe(true);
		expect(chains.has('test/simulator/participants.ts')).toBe(true);
		expect(chains.size).toBeGreaterThan(20);
	});

	it('nothing the simulator, the contract or the faulty server reaches is under nodes/', () => {
		expect(intoNodes(reach(served))).toEqual([]);
	});

	it.each(['test/property/model.ts', 'test/property/check.ts'])('%s imports nothing from nodes/', (file) => {
		expect(importsOf(join(ROOT, file)).filter((path) => path.startsWith('nodes/'))).toEqual([]);
	});

	it('sees an import of nodes/ in any of its forms (the check itself works)', () => {
		const file = join(ROOT, 'test/simulator/participants.ts');
		for (const line of [
			"import { PARTICIPANT_ACTIONS } from '../../nodes/RyzeApi/helpers/types';",
			"import type { ParticipantAction } from '../../nodes/RyzeApi/helpers/types';",
			"export { ACTIONS } from '../../nodes/RyzeApi/helpers/actions';",
			"const x = require('../../nodes/RyzeApi/helpers/items');",
			"import '../../nodes/RyzeApi/helpers/items';",
		]) {
			expect(importsOf(file, line)).toEqual([expect.stringMatching(/^nodes\/RyzeApi\/helpers\//)]);
		}
	});
});
