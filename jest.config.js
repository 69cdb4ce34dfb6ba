const { availableParallelism } = require('node:os');

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
	// At least 4 workers, one per core on bigger machines. jest's default leaves a core out: a
	// single worker on 2 cores, where the files' waits on loopback sockets (a Timeout, a Reset,
	// a back-off) then add up one after another; more workers than cores overlap them
	// (measured on 2 cores, idle, warm cache: wall 25.8 s with 4 workers, 27.5 s with 3).
	maxWorkers: Math.max(4, availableParallelism()),
	testTimeout: 20000,
	reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
};
