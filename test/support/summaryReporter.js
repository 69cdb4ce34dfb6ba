// Prints one plain closing line that any CI log reader understands:
//   jest: 285 passed, 0 failed, 2 skipped
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
		process.stdout.write(`${line}\n`);
	}
}
module.exports = SummaryReporter;
