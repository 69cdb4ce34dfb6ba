/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * n8n's toolchain as the catalogue expects it: @n8n/node-cli pinned, eslint.config.mjs exactly its template (strict
 * mode refuses anything else), lint scripts wired to it; and a lock file that installs from any registry.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import packageJson from '../../package.json';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('toolchain', () => {
	it('pins @n8n/node-cli and runs its lint in strict mode', () => {
		expect(packageJson.devDependencies['@n8n/node-cli']).toBe('0.48.3');
		expect(packageJson.n8n.strict).toBe(true);
		expect(packageJson.scripts.lint).toBe('n8n-node lint');
		expect(packageJson.scripts['lint:tests']).toBe('eslint -c eslint.tests.config.mjs test scripts');
	});

	it("eslint.config.mjs is n8n's template, byte for byte", () => {
		const template = read('node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs');
		expect(read('eslint.config.mjs')).toBe(template);
		expect(template.replace(/\s+/g, ' ').trim()).toBe("import { config } from '@n8n/node-cli/eslint'; export default config;");
	});

	it('the publish-time checks include both lints and the cloud-support check', () => {
		for (const step of [
			'npm run build',
			'npm run lint',
			'npm run lint:tests',
			'npm run cloud-support',
			'npm run test:fast',
			'npm run scan',
		])
			expect(packageJson.scripts['release:check']).toContain(step);
		expect(packageJson.scripts).not.toHaveProperty('prepublishOnly');
	});

	it('the lock file names no tarball URL and keeps unrs-resolver at 1.12.2', () => {
		const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version?: string; resolved?: string }> };
		const resolved = Object.entries(lock.packages).filter(([, entry]) => entry.resolved !== undefined);
		expect(resolved.map(([name]) => name)).toEqual([]);
		expect(lock.packages['node_modules/unrs-resolver']?.version).toBe('1.12.2');
		expect(lock.packages['node_modules/@n8n/node-cli']?.version).toBe('0.48.3');
	});
});
