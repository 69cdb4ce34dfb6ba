// Prints one plain closing line that any CI log reader understands:
//   jest: 285 passed, 0 failed, 2 skipped
// A test file that could not run at all (it did not compile, or threw while loading) counts
// as one failed test, so the line never reads "0 failed" while jest exits non-zero.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		const line = `jest: ${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
		process.stdout.write(`${line}\n`);
	}
}
module.exports = SummaryReporter;
