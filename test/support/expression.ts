/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * Resolves the `={{ … }}` templates of a credential's `authenticate` and `test`
 * blocks the way n8n does for these simple cases: JavaScript over `$credentials`.
 * Test-only; n8n's own expression engine does this in production.
 */
export function resolveTemplate(value: unknown, credentials: Record<string, unknown>): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const template = value.slice(1);
	const whole = /^\{\{([\s\S]*)\}\}$/.exec(template.trim());
	const evaluate = (expression: string): unknown => new Function('$credentials', `return (${expression});`)(credentials);
	if (whole && !whole[1].includes('}}')) return evaluate(whole[1]);
	return template.replace(/\{\{([\s\S]*?)\}\}/g, (_match, expression: string) => String(evaluate(expression)));
}

export function resolveObject(value: Record<string, unknown> | undefined, credentials: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value ?? {})) out[key] = resolveTemplate(entry, credentials);
	return out;
}
