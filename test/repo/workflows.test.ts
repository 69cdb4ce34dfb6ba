/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * CI hygiene of .github/workflows/*.yml (issue 15, point 16): every third-party action pinned
 * by a full commit SHA, never a tag or branch; every checkout with `persist-credentials: false`;
 * the publish job with an OIDC token (trusted publishing, provenance) and its checks run in it.
 * A line-based reading: the workflows are plain block YAML (`npm run lint:workflows` checks the schema).
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

const dir = join(__dirname, '..', '..', '.github', 'workflows');
const workflows = readdirSync(dir)
	.filter((name) => /\.ya?ml$/.test(name))
	.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));

/** `uses:` values, comments stripped; and the step text that follows each (up to the next step). */
function steps(text: string): Array<{ uses: string; step: string }> {
	const lines = text.split('\n');
	const found: Array<{ uses: string; step: string }> = [];
	lines.forEach((line, index) => {
		const match = /^\s*(?:-\s+)?uses:\s*(\S+)/.exec(line);
		if (!match) return;
		const indent = /^\s*/.exec(line)?.[0].length ?? 0;
		const rest: string[] = [];
		for (const next of lines.slice(index + 1)) {
			if (/^\s*-\s/.test(next) && (/^\s*/.exec(next)?.[0].length ?? 0) <= indent) break;
			if (next.trim() && (/^\s*/.exec(next)?.[0].length ?? 0) < indent) break;
			rest.push(next);
		}
		found.push({ uses: match[1].replace(/['"]/g, ''), step: rest.join('\n') });
	});
	return found;
}

/** The rule: local actions and docker images aside, owner/repo[/path]@<40 hex digits>. */
export function pinProblem(uses: string): string | undefined {
	if (uses.startsWith('./') || uses.startsWith('docker://')) return undefined;
	if (!/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/.test(uses)) return `${uses} is not pinned by a full commit SHA`;
	return undefined;
}

describe('GitHub Actions workflows', () => {
	it('exist', () => {
		expect(workflows.map((w) => w.name).sort()).toEqual(['ci.yml', 'publish.yml']);
	});

	it('the pin rule refuses tags, branches and short SHAs', () => {
		expect(pinProblem('actions/checkout@v6')).toMatch(/not pinned/);
		expect(pinProblem('actions/checkout@v6.1.0')).toMatch(/not pinned/);
		expect(pinProblem('actions/checkout@main')).toMatch(/not pinned/);
		expect(pinProblem('actions/checkout@d23441a')).toMatch(/not pinned/);
		expect(pinProblem('actions/checkout')).toMatch(/not pinned/);
		expect(pinProblem('actions/checkout@d23441a48e516b6c34aea4fa41551a30e30af803')).toBeUndefined();
		expect(pinProblem('github/codeql-action/init@d23441a48e516b6c34aea4fa41551a30e30af803')).toBeUndefined();
		expect(pinProblem('./.github/actions/local')).toBeUndefined();
	});

	it.each(workflows)('$name pins every action by commit SHA', ({ text }) => {
		const all = steps(text);
		expect(all.length).toBeGreaterThan(0);
		expect(all.map((s) => pinProblem(s.uses)).filter(Boolean)).toEqual([]);
	});

	it.each(workflows)('$name checks out without persisting credentials', ({ text }) => {
		const checkouts = steps(text).filter((s) => s.uses.startsWith('actions/checkout@'));
		expect(checkouts.length).toBeGreaterThan(0);
		for (const checkout of checkouts) expect(checkout.step).toMatch(/^\s+persist-credentials:\s*false\s*$/m);
	});

	it('publishes with an OIDC token (trusted publishing, provenance) after the publish-time checks', () => {
		const publish = workflows.find((w) => w.name === 'publish.yml')?.text ?? '';
		expect(publish).toMatch(/^\s+id-token:\s*write\s*$/m);
		const publishStep = publish.search(/^\s+- run: npm publish --provenance/m);
		expect(publishStep).toBeGreaterThan(0);
		expect(publish).toMatch(/npm install -g npm@11\.\d+\.\d+|node-version: 24/);
		const checks = publish.search(/^\s+run: npm run release:check$/m);
		expect(checks).toBeGreaterThan(0);
		expect(checks).toBeLessThan(publishStep);
	});
});
