/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * CI hygiene of .github/workflows/*.yml (issue 15, point 16): every third-party action pinned
 * by a full commit SHA, never a tag or branch; every checkout with `persist-credentials: false`;
 * the publish job with an OIDC token (trusted publishing, provenance) and its checks run in it.
 * Issue 17, two tiers: ci.yml on every push and pull request runs the quick checks and one
 * real-n8n smoke run on 2.8.4; full.yml (nightly, on demand, and called by publish.yml before
 * a release) runs `bash .ci/run`, the full gate: both runtimes, queue mode, the browser.
 * A line-based reading: the workflows are plain block YAML (`npm run lint:workflows` checks the schema).
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

const dir = join(__dirname, '..', '..', '.github', 'workflows');
const root = join(__dirname, '..', '..');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const ciRun = readFileSync(join(root, '.ci', 'run'), 'utf8');
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

const workflow = (name: string) => workflows.find((w) => w.name === name)?.text ?? '';
/** The `run:` commands of a workflow, in order (one-line `run:` values). */
const runs = (text: string) => [...text.matchAll(/^\s+(?:-\s+)?run:\s*(\S.*)$/gm)].map((match) => match[1].trim());
/** The top-level `on:` block. */
const triggers = (text: string) => /^on:\n((?:[ \t]+.*\n|\n)*)/m.exec(text)?.[1] ?? '';

/** The rule: local actions and docker images aside, owner/repo[/path]@<40 hex digits>. */
export function pinProblem(uses: string): string | undefined {
	if (uses.startsWith('./') || uses.startsWith('docker://')) return undefined;
	if (!/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/.test(uses)) return `${uses} is not pinned by a full commit SHA`;
	return undefined;
}

describe('GitHub Actions workflows', () => {
	it('exist', () => {
		expect(workflows.map((w) => w.name).sort()).toEqual(['ci.yml', 'full.yml', 'publish.yml']);
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

	describe('two tiers (issue 17)', () => {
		it('fast tier, ci.yml: on every push and pull request, the quick checks, the fast tests and one smoke run on n8n 2.8.4', () => {
			const ci = workflow('ci.yml');
			expect(triggers(ci)).toMatch(/^\s+push:/m);
			expect(triggers(ci)).toMatch(/^\s+pull_request:/m);
			expect(runs(ci)).toEqual(
				expect.arrayContaining([
					'npm ci',
					'npm run build',
					'npm run lint',
					'npm run lint:tests',
					'npm run typecheck',
					'npm run test:fast',
					'npm run scan',
					'npm run test:smoke',
				]),
			);
			// Nothing of the full tier: no second runtime, no queue mode, no browser, no slow tests.
			expect(runs(ci).filter((run) => /\.ci\/run|npm test$|test:acceptance|test:queue|test:slow|test:burst/.test(run))).toEqual([]);
		});

		it('the smoke run is the headless acceptance on n8n 2.8.4 only', () => {
			expect(scripts['test:smoke']).toBe('node scripts/acceptance.mjs --runtime=n8n-2.8.4 headless');
		});

		it('full tier, full.yml: nightly, on demand and callable; runs `bash .ci/run`', () => {
			const full = workflow('full.yml');
			expect(triggers(full)).toMatch(/^\s+schedule:\n\s+(#.*\n\s+)*- cron: '[^']+'/m);
			expect(triggers(full)).toMatch(/^\s+workflow_call:/m);
			expect(triggers(full)).toMatch(/^\s+workflow_dispatch:/m);
			expect(triggers(full)).not.toMatch(/^\s+(push|pull_request):/m);
			expect(runs(full)).toContain('bash .ci/run');
		});

		it('.ci/run stays the full gate: the README `npm test` (every part, each timed), queue mode', () => {
			expect(scripts.test).toBe('node scripts/test.mjs');
			const runner = readFileSync(join(root, 'scripts', 'test.mjs'), 'utf8');
			for (const part of ['test:fast', 'test:slow', 'test:acceptance']) expect(runner).toContain(`'${part}'`);
			expect(runner).toMatch(/took \$\{/);
			// No runtime or file filter: every runtime, headless and browser.
			expect(scripts['test:acceptance']).toBe('node scripts/acceptance.mjs');
			const stages = ciRun.split('\n').filter((line) => line.startsWith('stage '));
			expect(stages.filter((line) => line.endsWith('" npm test'))).toHaveLength(1);
			expect(ciRun).toMatch(/^\s+npm run test:queue\b/m);
			expect(ciRun).toMatch(/^stage "[^"]+" queue_mode$/m);
		});

		it('publish.yml runs the full tier first: the publish job needs it', () => {
			const publish = workflow('publish.yml');
			expect(publish).toMatch(/^ {2}full:\n(?: {4}.*\n)*? {4}uses: \.\/\.github\/workflows\/full\.yml$/m);
			expect(publish).toMatch(/^ {2}publish:\n(?: {4}.*\n)*? {4}needs: full$/m);
		});
	});
});
