// Reads n8n's run data (IRun) out of `n8n execute` output and picks node outputs.
//
// With N8N_LOG_LEVEL=info and N8N_LOG_FORMAT=json every stdout line is a JSON log
// record; the run data is the record whose `message` is itself JSON with
// `data.resultData`. n8n prints it on success and also when the run failed.

/** The IRun printed by `n8n execute`, or null when there is none. */
export function extractRun(stdout) {
	let found = null;
	for (const line of stdout.split('\n')) {
		const trimmed = line.trim();
		if (!trimmed.startsWith('{')) continue;
		let record;
		try {
			record = JSON.parse(trimmed);
		} catch {
			continue;
		}
		const message = typeof record.message === 'string' ? record.message.trim() : '';
		if (!message.startsWith('{')) continue;
		try {
			const parsed = JSON.parse(message);
			if (parsed?.data?.resultData) found = parsed;
		} catch {
			// a log message that only looks like JSON
		}
	}
	return found;
}

/** Every log message of a JSON-format n8n output, as text (for error messages). */
export function logMessages(output) {
	const messages = [];
	for (const line of output.split('\n')) {
		try {
			const record = JSON.parse(line);
			if (typeof record.message === 'string') messages.push(record.message);
		} catch {
			if (line.trim()) messages.push(line);
		}
	}
	return messages;
}

/**
 * The outputs of `nodeName` in a run: one array of items per output
 * (index 0 = Success, 1 = Failure, 2 = Error when the node uses the error output).
 * `runIndex` picks one of the node's runs when it ran more than once.
 */
export function nodeOutputs(run, nodeName, runIndex = 0) {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run (ran: ${Object.keys(run?.data?.resultData?.runData ?? {}).join(', ')})`);
	const task = runs[runIndex];
	if (!task) throw new Error(`node "${nodeName}" has no run ${runIndex}`);
	return (task.data?.main ?? []).map((items) => items ?? []);
}

/** Items a node received or produced over all its runs, on one output (for nodes fed by several branches). */
export function allItems(run, nodeName, output = 0) {
	const runs = run?.data?.resultData?.runData?.[nodeName] ?? [];
	return runs.flatMap((task) => task.data?.main?.[output] ?? []);
}

/** Names of the nodes that ran. */
export function nodesThatRan(run) {
	return Object.keys(run?.data?.resultData?.runData ?? {});
}
