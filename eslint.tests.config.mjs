// The tests' own lint (`npm run lint:tests`). `eslint.config.mjs` must stay exactly n8n's template
// (strict mode, n8n Cloud eligibility), and the template lints every **/*.ts, tests included. Test
// files that need sockets, timers, console or fixture tokens name those rules in a file-level
// `eslint-disable … -- test code` comment, so `n8n-node lint` passes; this config is what really
// checks them: the same template rules, relaxed only where test tooling cannot comply (as before
// the move to the template), plus plain-JavaScript rules for the .mjs harness and scripts.
import js from '@eslint/js';
import { config as n8nTemplate } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

// Node's globals for the .mjs files (the `globals` package is not a direct dependency).
const nodeGlobals = Object.fromEntries(
	[
		'AbortController',
		'AbortSignal',
		'Blob',
		'Buffer',
		'FormData',
		'Headers',
		'Request',
		'Response',
		'TextDecoder',
		'TextEncoder',
		'URL',
		'URLSearchParams',
		'clearImmediate',
		'clearInterval',
		'clearTimeout',
		'console',
		'fetch',
		'globalThis',
		'performance',
		'process',
		'queueMicrotask',
		'setImmediate',
		'setInterval',
		'setTimeout',
		'structuredClone',
	].map((name) => [name, 'readonly']),
);

export default [
	globalIgnores(['dist', 'build', 'coverage', '.cache', '.sandbox', 'node_modules', 'test-results']),
	...n8nTemplate,
	{
		// The file-level directives only disable rules this config turns off below.
		linterOptions: { reportUnusedDisableDirectives: 'off' },
	},
	{
		// Test tooling: simulator, test contexts, acceptance harness, benchmark.
		files: ['test/**/*.ts', 'scripts/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/missing-paired-item': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
			'@n8n/community-nodes/no-http-request-with-manual-auth': 'off',
			// Test tokens are fixtures; the credential-expression resolver evaluates templates.
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'no-console': 'off',
		},
	},
	{
		// The real-n8n harness, the acceptance tests and the scripts (Node ESM).
		files: ['test/**/*.mjs', 'scripts/**/*.mjs'],
		...js.configs.recommended,
		languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: nodeGlobals },
	},
	// The layers of scripts/ (ARCHITECTURE.md): lib/ imports only lib/; n8n/ imports lib/ and n8n/;
	// burst/ (the benchmark) adds n8n/; queue/ adds burst/; the entry points at the top (npm start,
	// the acceptance runner…) import the layers below them, and npm start nothing of the benchmark.
	...[
		['scripts/lib/**/*.mjs', '^\\.\\./', 'scripts/lib/ imports only scripts/lib/'],
		['scripts/n8n/**/*.mjs', '^\\.\\./(?!lib/)', 'scripts/n8n/ imports only scripts/lib/ and scripts/n8n/'],
		['scripts/burst/**/*.mjs', '^\\.\\./(?!lib/|n8n/)', 'scripts/burst/ imports only scripts/lib/, scripts/n8n/ and scripts/burst/'],
		[
			'scripts/queue/**/*.mjs',
			'^\\.\\./(?!lib/|n8n/|burst/)',
			'scripts/queue/ imports only scripts/lib/, scripts/n8n/, scripts/burst/ and scripts/queue/',
		],
		[
			'scripts/!(start).mjs',
			'^\\.\\./|^\\./[^/]+$',
			'an entry point of scripts/ imports only from the folders under it (a shared module goes to scripts/lib/ or scripts/n8n/)',
		],
		// (one pattern per file: a later block's options replace an earlier one's)
		[
			'scripts/start.mjs',
			'^\\.\\./|^\\./[^/]+$|^\\./(burst|queue)/',
			'npm start imports only scripts/lib/ and scripts/n8n/, nothing of the benchmark',
		],
	].map(([files, regex, message]) => ({
		files: [files],
		rules: { 'no-restricted-imports': ['error', { patterns: [{ regex, message }] }] },
	})),
];
