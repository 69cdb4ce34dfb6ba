/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		// tsconfig.test.json sets isolatedModules: ts-jest transpiles each file alone (no type
		// check here; `npm run typecheck` type-checks the tests).
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	// One worker per core (jest's default leaves one core out: a single worker on 2 cores,
	// where the tests' socket round-trips then run one file after another).
	maxWorkers: 3,
	testTimeout: 20000,
	reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
};
