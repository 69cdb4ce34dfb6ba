/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The README is for n8n users (the npm page and the node's Docs link): under 15,000 bytes, with the sections of
 * n8n's template in order. Every relative link of the README, CONTRIBUTING.md, ARCHITECTURE.md, docs/ and
 * examples/README.md resolves: the file exists and, for `#anchor`, a heading of that file has that slug.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative } from 'path';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** GitHub's heading slug: lower case, punctuation dropped (but `-` and `_`), spaces to `-`; repeats get -1, -2. */
export function slugs(markdown: string): Set<string> {
	const found = new Set<string>();
	const seen = new Map<string, number>();
	let fenced = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*```/.test(line)) fenced = !fenced;
		const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const base = heading[1]
			.replace(/`/g, '')
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		found.add(count === 0 ? base : `${base}-${count}`);
	}
	return found;
}

/** Relative link targets of a Markdown text, code spans and fenced blocks left out. */
export function relativeLinks(markdown: string): string[] {
	const text = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
	const targets = [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
	return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

/** What is wrong with each relative link of `file` (a path from the repository root). */
export function brokenLinks(file: string, markdown = read(file)): string[] {
	const problems: string[] = [];
	for (const target of relativeLinks(markdown)) {
		const [path, anchor] = target.split('#') as [string, string | undefined];
		const resolved = path === '' ? join(root, file) : join(root, dirname(file), decodeURIComponent(path));
		if (!existsSync(resolved)) {
			problems.push(`${file}: ${target} (no ${relative(root, resolved)})`);
			continue;
		}
		if (anchor !== undefined && statSync(resolved).isFile() && resolved.endsWith('.md')) {
			if (!slugs(readFileSync(resolved, 'utf8')).has(anchor)) problems.push(`${file}: ${target} (no heading #${anchor})`);
		}
	}
	return problems;
}

const markdownFiles = [
	'README.md',
	'CONTRIBUTING.md',
	'ARCHITECTURE.md',
	'CHANGELOG.md',
	'examples/README.md',
	...readdirSync(join(root, 'docs'))
		.filter((name) => name.endsWith('.md'))
		.map((name) => `docs/${name}`),
];

describe('README and docs', () => {
	const readme = read('README.md');

	it('the README is under 15,000 bytes', () => {
		expect(Buffer.byteLength(readme, 'utf8')).toBeLessThan(15000);
	});

	it('the README keeps its first line: the two commands', () => {
		expect(readme.split('\n')[2]).toBe(
			'Fresh machine: **`npm ci && npm start`** runs the sandbox (main job) · **`npm test`** passes the tests.',
		);
	});

	it("the README has the sections of n8n's template, in order", () => {
		const headings = readme
			.split('\n')
			.filter((line) => /^#{2,3} /.test(line))
			.map((line) => line.replace(/^#+ /, ''));
		const expected = [
			'Installation',
			'Operations',
			'Credentials',
			'Usage',
			'Participants',
			'Outputs',
			'Error codes',
			'Rate limits and batching',
			'Adding many people without getting the number flagged',
			'As an AI Agent tool',
			'Example workflows',
			'Compatibility',
			'Troubleshooting',
			'Resources',
			'Version history',
		];
		const positions = expected.map((name) => headings.indexOf(name));
		expect(positions.filter((p) => p < 0)).toEqual([]);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
	});

	it('the README names the operations as the node does', () => {
		for (const name of ['Manage Participants', 'List Join Requests', 'List Participants']) expect(readme).toContain(name);
		expect(readme).not.toMatch(/(Manage Participant|List Join Request|List Participant)(?!s)/);
	});

	it.each(markdownFiles)('%s: every relative link resolves', (file) => {
		expect(brokenLinks(file)).toEqual([]);
	});

	it('the link check finds a missing file and a missing anchor', () => {
		expect(brokenLinks('README.md', '[a](docs/nope.md) [b](docs/reference.md#nope) [c](docs/reference.md#error-codes)')).toEqual([
			'README.md: docs/nope.md (no docs/nope.md)',
			'README.md: docs/reference.md#nope (no heading #nope)',
		]);
		expect(brokenLinks('README.md', '`[x](nope.md)` [web](https://example.com/x)')).toEqual([]);
	});

	it('the slugs follow GitHub', () => {
		expect([...slugs('## Webhook bursts: many executions at once\n## Sandbox: try it offline\n### Queue mode\n## Queue mode')]).toEqual([
			'webhook-bursts-many-executions-at-once',
			'sandbox-try-it-offline',
			'queue-mode',
			'queue-mode-1',
		]);
	});
});
