/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The import graph of what ships (nodes/, credentials/): no cycle anywhere, type
 * imports included (a type cycle is still two modules that cannot be read apart),
 * transport/http never reaches into transport/rateLimit (HTTP knows nothing of
 * lanes or pacing), and the transport knows no operation: it imports only
 * transport/ and helpers/, and names nothing about participants, plans or batches
 * (an operation plugs its own per-lane state in: transport/rateLimit/registry.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SHIPPED = ['nodes', 'credentials'];
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'(\.[^']+)'/g;

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

function target(from: string, spec: string): string {
	const base = resolve(dirname(from), spec);
	for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
		try {
			if (statSync(candidate).isFile()) return candidate;
		} catch {
			// try the next form
		}
	}
	throw new Error(`${relative(ROOT, from)}: cannot resolve '${spec}'`);
}

function graph(): Map<string, string[]> {
	const edges = new Map<string, string[]>();
	for (const file of SHIPPED.flatMap((dir) => sources(join(ROOT, dir)))) {
		const text = readFileSync(file, 'utf8');
		edges.set(
			relative(ROOT, file),
			[...text.matchAll(IMPORT)].map((match) => relative(ROOT, target(file, match[1]))),
		);
	}
	return edges;
}

/** Every cycle's first closing path, found by depth-first search (Tarjan would do; the graph is small). */
function cycles(edges: Map<string, string[]>): string[][] {
	const found: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (node: string) => {
		state.set(node, 'open');
		stack.push(node);
		for (const next of edges.get(node) ?? []) {
			if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
			else if (!state.has(next)) visit(next);
		}
		stack.pop();
		state.set(node, 'done');
	};
	for (const node of edges.keys()) if (!state.has(node)) visit(node);
	return found;
}

describe('the shipped import graph', () => {
	const edges = graph();

	it('reads every shipped module (the walk is not empty)', () => {
		expect(edges.size).toBeGreaterThan(40);
		expect(edges.get('nodes/RyzeApi/transport/rateLimit/pacer.ts')).toEqual(
			expect.arrayContaining(['nodes/RyzeApi/transport/rateLimit/lane.ts']),
		);
	});

	it('has no import cycle', () => {
		expect(cycles(edges).map((cycle) => cycle.join(' → '))).toEqual([]);
	});

	it('finds a cycle when there is one (the check itself works)', () => {
		const withCycle = new Map(edges);
		withCycle.set('nodes/RyzeApi/transport/rateLimit/window.ts', ['nodes/RyzeApi/transport/rateLimit/lane.ts']);
		expect(cycles(withCycle).length).toBeGreaterThan(0);
	});

	it('transport/http imports nothing from transport/rateLimit', () => {
		const http = [...edges].filter(([file]) => file.startsWith('nodes/RyzeApi/transport/http/'));
		expect(http.length).toBeGreaterThan(0);
		for (const [file, imports] of http) {
			expect({ file, rateLimit: imports.filter((path) => path.includes('/transport/rateLimit/')) }).toEqual({ file, rateLimit: [] });
		}
	});

	it('transport/ imports only transport/ and helpers/', () => {
		const transport = [...edges].filter(([file]) => file.startsWith('nodes/RyzeApi/transport/'));
		expect(transport.length).toBeGreaterThan(5);
		for (const [file, imports] of transport) {
			const outside = imports.filter((path) => !/^nodes\/RyzeApi\/(transport|helpers)\//.test(path));
			expect({ file, outside }).toEqual({ file, outside: [] });
		}
	});

	it('transport/ names nothing about participants, plans or batches of them', () => {
		const transport = [...edges.keys()].filter((file) => file.startsWith('nodes/RyzeApi/transport/'));
		for (const file of transport) {
			const named = readFileSync(join(ROOT, file), 'utf8').match(/particip\w*|batcher\w*|plannedcall\w*|manageParticipants/gi) ?? [];
			expect({ file, named }).toEqual({ file, named: [] });
		}
	});

	it('helpers/ imports only helpers/, readers/ only readers/ and helpers/', () => {
		for (const [file, imports] of edges) {
			const rule = file.startsWith('nodes/RyzeApi/helpers/')
				? /^nodes\/RyzeApi\/helpers\//
				: file.startsWith('nodes/RyzeApi/readers/')
					? /^nodes\/RyzeApi\/(readers|helpers)\//
					: null;
			if (!rule) continue;
			expect({ file, outside: imports.filter((path) => !rule.test(path)) }).toEqual({ file, outside: [] });
		}
	});

	// The node file may read Manage Participants' action list: the node's description names the actions.
	it("an operation's folder is imported only from inside it, the resource index and the node file", () => {
		const folders = new Set(
			[...edges.keys()]
				.map((file) => /^(nodes\/RyzeApi\/actions\/group\/[^/]+)\//.exec(file)?.[1])
				.filter((folder): folder is string => folder !== undefined),
		);
		expect(folders.size).toBeGreaterThan(0);
		for (const [file, imports] of edges) {
			for (const folder of folders) {
				const index = ['nodes/RyzeApi/actions/group/Group.resource.ts', 'nodes/RyzeApi/RyzeApi.node.ts'];
				if (file.startsWith(`${folder}/`) || index.includes(file)) continue;
				expect({ file, reaches: imports.filter((path) => path.startsWith(`${folder}/`)) }).toEqual({ file, reaches: [] });
			}
		}
	});
});
