/**
 * Brazilian mobile numbers (country code 55) have two forms: with the ninth digit
 * (55, the two-digit area code, 9, eight digits: 13 digits) and without it (12
 * digits: the form from before the ninth digit was added, which WhatsApp still
 * uses as the JID of many accounts). RyzeAPI documents that its message endpoint
 * tries both (reference §6.3); for the participants endpoint it says nothing, and
 * an answer may name either form. So both forms are one person: in pairing an
 * answer's entries (entries.ts), in isolating merged calls (combine/isolate.ts) and
 * in de-duplicating (participantIdentity). Pure.
 *
 * Only mobile numbers got the ninth digit, and their eight digits began with 6–9
 * (landlines' with 2–5): a landline is never taken for the mobile that has a 9
 * before the same eight digits.
 */
const WITH_NINTH = /^55([1-9]{2})9([6-9]\d{7})$/;
const WITHOUT_NINTH = /^55([1-9]{2})([6-9]\d{7})$/;

/** The other form of a Brazilian mobile number (digits only), or null when the number has none. */
export function brazilianTwin(digits: string): string | null {
	const withNinth = WITH_NINTH.exec(digits);
	if (withNinth) return `55${withNinth[1]}${withNinth[2]}`;
	const withoutNinth = WITHOUT_NINTH.exec(digits);
	return withoutNinth ? `55${withoutNinth[1]}9${withoutNinth[2]}` : null;
}

/** The digits that name a phone's person: a Brazilian mobile in its 12-digit form, any other number as it is. */
export function phonePerson(digits: string): string {
	return WITH_NINTH.test(digits) ? (brazilianTwin(digits) ?? digits) : digits;
}
