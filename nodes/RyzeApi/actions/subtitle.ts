/**
 * The node's subtitle (the line under its name on the canvas) is one n8n expression
 * for all operations. Each operation declares its part as data, never as code: a
 * text written as a JS expression by hand ('update group subject' instead of
 * '"update group subject"') is a syntax error in the one expression, and n8n then
 * shows no subtitle for any operation. Built here, every literal is quoted.
 */

/** A fixed text, or the value of one of the node's parameters. */
export type SubtitlePart = { readonly text: string } | { readonly parameter: string };

/** What the subtitle shows for one operation: its parts, joined without separators. */
export type Subtitle = readonly SubtitlePart[];

/**
 * A JS string literal that is safe inside n8n's `{{ … }}`: JSON quoting, and no
 * brace left as is (n8n cuts the template at `{{` and `}}` before it parses the JS).
 */
function literal(text: string): string {
	return JSON.stringify(text).replace(/[{}]/g, (brace) => (brace === '{' ? '\\u007b' : '\\u007d'));
}

function part(piece: SubtitlePart): string {
	return 'parameter' in piece ? `$parameter[${literal(piece.parameter)}]` : literal(piece.text);
}

/**
 * `={{ ({ "listParticipants": "list participants", "manageParticipants": $parameter["action"] + " participants" })[$parameter["operation"]] }}`:
 * the subtitle of the operation the node is set to. A subtitle that is not data
 * (only possible past the type checker) is shown as the text it is, so that it
 * cannot break the others' (Group.resource.test.ts fails on it).
 */
export function subtitleExpression(byOperation: ReadonlyArray<readonly [value: string, subtitle: Subtitle]>): string {
	const entries = byOperation.map(([value, subtitle]) => {
		const parts: Subtitle = Array.isArray(subtitle) ? subtitle : [{ text: String(subtitle) }];
		return `${literal(value)}: ${parts.length === 0 ? '""' : parts.map(part).join(' + ')}`;
	});
	return `={{ ({ ${entries.join(', ')} })[$parameter["operation"]] }}`;
}
