/** The token the redaction tests echo back, every form it may be echoed in, and what of it is left in a text. */
// Characters that change under URL-encoding, base64 and JSON escaping.
export const TOKEN = 'ryze-SECRET-Tok+en/9=Ab?c&d"e';
const bytes = Buffer.from(TOKEN, 'utf8');

/** Every form the token may be echoed in; none may appear in what the node emits. */
export const FORMS: Record<string, string> = {
	plain: TOKEN,
	urlEncoded: encodeURIComponent(TOKEN),
	base64: bytes.toString('base64'),
	base64NoPadding: bytes.toString('base64').replace(/=+$/, ''),
	base64url: bytes.toString('base64url'),
	hex: bytes.toString('hex'),
	hexUpper: bytes.toString('hex').toUpperCase(),
	jsonEscaped: JSON.stringify(TOKEN).slice(1, -1),
};

/** Any form, or any 10-character piece of its start or end ("first 10 chars…"), left in `text`. */
export function leaks(text: string): string[] {
	const found: string[] = [];
	for (const [name, form] of Object.entries(FORMS)) {
		if (text.includes(form)) found.push(name);
		if (text.includes(form.slice(0, 10))) found.push(`${name} (first 10)`);
		if (text.includes(form.slice(-10))) found.push(`${name} (last 10)`);
	}
	return found;
}
