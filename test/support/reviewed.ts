/**
 * A reviewed list: what a table of the node (the operations, the actions, the
 * events) offers, written out once in a test, by hand, and compared with the table.
 * Every other test derives its list from the table; this one fails when the table
 * changes, saying what changed and what else must change with it, so that a
 * change to what users and saved workflows see is always a reviewed one.
 */

export interface ReviewAdvice {
	/** What the list is, e.g. "action". */
	what: string;
	/** Where the reviewed list is written (the test file and constant). */
	where: string;
	/** What else to write down for a new entry. */
	added: (key: string) => string;
	/** Why an entry must not disappear, or what to do if it really must. */
	removed: (key: string) => string;
	/** What else to update when an entry's facts change. */
	changed: (key: string, field: string) => string;
	/** What the order means, or null when it means nothing. */
	order: string | null;
}

/**
 * `actual` (from the table) against `reviewed` (by hand), both as [key, facts]
 * in the table's order. Throws one message listing every difference.
 */
export function expectReviewed<F extends Record<string, unknown>>(
	actual: ReadonlyArray<readonly [string, F]>,
	reviewed: ReadonlyArray<readonly [string, F]>,
	advice: ReviewAdvice,
): void {
	const problems: string[] = [];
	const before = new Map(reviewed);
	const now = new Map(actual);
	for (const [key, facts] of actual) {
		if (!before.has(key)) {
			problems.push(`a new ${advice.what} "${key}" (${JSON.stringify(facts)}): ${advice.added(key)}`);
			continue;
		}
		const old = before.get(key) as F;
		for (const field of new Set([...Object.keys(old), ...Object.keys(facts)])) {
			if (JSON.stringify(old[field]) === JSON.stringify(facts[field])) continue;
			problems.push(
				`${advice.what} "${key}": its ${field} changed from ${JSON.stringify(old[field])} to ${JSON.stringify(facts[field])}: ${advice.changed(key, field)}`,
			);
		}
	}
	for (const [key] of reviewed) if (!now.has(key)) problems.push(`${advice.what} "${key}" is gone: ${advice.removed(key)}`);
	const common = (list: ReadonlyArray<readonly [string, F]>, other: Map<string, F>) =>
		list.map(([key]) => key).filter((key) => other.has(key));
	if (advice.order !== null && common(actual, before).join() !== common(reviewed, now).join()) {
		problems.push(`the ${advice.what}s' order changed to ${common(actual, before).join(', ')}: ${advice.order}`);
	}
	if (problems.length === 0) return;
	throw new Error(
		`The ${advice.what}s differ from the reviewed list (${advice.where}):\n- ${problems.join('\n- ')}\n` +
			`Once the rest is done, write the new list in ${advice.where}.`,
	);
}
