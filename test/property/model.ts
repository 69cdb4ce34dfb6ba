/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never packed; linted by eslint.tests.config.mjs */
/**
 * The property tests' model: random workflows (items, participants in every
 * format, duplicates, invalid entries, several instances, groups and actions)
 * built from plain "recipes" that fast-check can shrink, and what the node must
 * output for them, derived independently of the node's own parser.
 */
import fc from 'fast-check';

import { CONTRACT_ACTIONS } from '../contract/ryzeapi';

/** `pn:<digits>` or `lid:<digits>`. A phone and its JID are the same person; a LID is another. */
export type Identity = string;

export interface Person {
	kind: 'pn' | 'lid';
	digits: string;
}

export const identity = (person: Person): Identity => `${person.kind}:${person.digits}`;

// ---------------------------------------------------------------- item parameters

export const DEFAULT_INSTANCE = 'sandbox';

/** Valid instance names; '' uses the credential's. */
export const INSTANCES = ['', 'sandbox', 'inst-b', 'café ☕'] as const;
/** The same two groups in different spellings, and a third by invite link. */
export const GROUPS = [
	'120363000000000001@g.us',
	'120363000000000002@G.US',
	'120363000000000002@g.us',
	'CUSTOMERS0001',
	'https://chat.whatsapp.com/WAITLIST0002',
] as const;
/** RyzeAPI's six (from the contract, never the node), plus spellings the node normalizes. */
export const ACTIONS: readonly string[] = [...CONTRACT_ACTIONS, ' Add ', 'REJECT'];
/** One unusable field each: the whole item is refused. */
export const BAD_PARAMS: ReadonlyArray<{ field: string; params: Record<string, unknown> }> = [
	{ field: 'Group', params: { group: '' } },
	{ field: 'Group', params: { group: '1203 6300@g.us' } },
	{ field: 'Group', params: { group: 'https://evil.example.com/ABC' } },
	{ field: 'Action', params: { action: 'kick' } },
	{ field: 'Instance', params: { instance: 'a/b' } },
	{ field: 'Instance', params: { instance: '..' } },
];

const normalizeGroup = (value: string): string => (value.includes('@') ? value.toLowerCase() : value);
const normalizeAction = (value: string): string => value.trim().toLowerCase();

// ---------------------------------------------------------------- participants

const TEXT_FORMS = ['digits', 'plus', 'formatted', 'jid', 'cus'] as const;
/** `objEmptyJid` / `objBlankIds`: empty-string identifier keys next to the usable one (issue 9). */
const LIST_FORMS = ['number', 'objPhone', 'objJid', 'objNumber', 'objEmptyJid', 'objBlankIds'] as const;
type PhoneForm = (typeof TEXT_FORMS)[number] | (typeof LIST_FORMS)[number];
type LidForm = 'lid' | 'objLid' | 'objJidLid' | 'objBlankJidLid';

const INVALID_TEXT = ['letters', 'alnum', 'short', 'long', 'plusMiddle', 'badSuffix', 'groupJid', 'shortLid', 'symbols'] as const;
/** `objAllBlank`: every identifier key blank; `blankString`: a blank element of a list (issue 9: reported, never dropped). */
const INVALID_LIST = ['objNoKey', 'float', 'bool', 'objAllBlank', 'blankString'] as const;
type InvalidForm = (typeof INVALID_TEXT)[number] | (typeof INVALID_LIST)[number];

export type EntryRecipe =
	| { type: 'valid'; person: number; phoneForm: PhoneForm; lidForm: LidForm; wrap: 0 | 1 | 2; nullBefore: boolean }
	| { type: 'invalid'; form: InvalidForm; wrap: 0 | 1 | 2; nullBefore: boolean };

const SEPARATORS = [',', ';', '\n', ', ', ' ; ', '\r\n', '\t', ' ', ',,', ' ,\n'] as const;

export interface ParticipantsRecipe {
	shape: 'text' | 'list' | 'number';
	entries: EntryRecipe[];
	separators: Array<(typeof SEPARATORS)[number]>;
	padding: boolean;
}

export interface ItemRecipe {
	instance: number;
	group: number;
	action: number;
	/** Index into BAD_PARAMS, or -1. */
	bad: number;
	participants: ParticipantsRecipe;
}

export interface RunOptionsRecipe {
	combineItems: boolean;
	batchSize: number;
	/** Options → Max Wait on Rate Limit; kept small so that runs never sleep long. */
	rateLimitMaxWait: number;
	timeout: number;
	reserveRequests: number;
	/** The follow-ups: invite link on privacy-blocked adds, link reset after removals. */
	attachInviteLink?: boolean;
	resetInviteLink?: boolean;
}

/** What the node must output for one input item. */
export interface ItemExpectation {
	params: Record<string, unknown>;
	/** The BAD_PARAMS field when the item is refused as a whole. */
	badField: string | null;
	/** Distinct valid participants in first-seen order, with the form first seen. */
	valid: Array<{ identity: Identity; input: string }>;
	/** Every entry that can never be a participant, as the node reports it in `input`. */
	invalid: Set<string>;
	instance: string;
	group: string;
	action: string;
}

const INVALID_VALUES: Record<InvalidForm, { value: unknown; input: string }> = {
	letters: { value: 'hello', input: 'hello' },
	alnum: { value: 'abc5511', input: 'abc5511' },
	short: { value: '12345', input: '12345' },
	long: { value: '1234567890123456', input: '1234567890123456' },
	plusMiddle: { value: '55+11988880001', input: '55+11988880001' },
	badSuffix: { value: '5511988880001@example.com', input: '5511988880001@example.com' },
	groupJid: { value: '120363000000000001@g.us', input: '120363000000000001@g.us' },
	shortLid: { value: '12@lid', input: '12@lid' },
	symbols: { value: '5511*98888', input: '5511*98888' },
	objNoKey: { value: { foo: 'bar' }, input: '{"foo":"bar"}' },
	float: { value: 1.5, input: '1.5' },
	bool: { value: true, input: 'true' },
	objAllBlank: { value: { jid: '', lid: ' ', phone: '  ' }, input: '{"jid":"","lid":" ","phone":"  "}' },
	blankString: { value: '   ', input: '   ' },
};

/** "+55 11 98888-0001"; short numbers as "+1234567". */
function formatted(digits: string): string {
	if (digits.length < 10) return `+${digits}`;
	return `+${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4, -4)}-${digits.slice(-4)}`;
}

interface Rendered {
	value: unknown;
	/** What the node reports as `input`. */
	input: string;
	identity: Identity | null;
	/** A plain token without spaces that is a participant on its own. */
	spacelessValid: boolean;
}

function render(entry: EntryRecipe, pool: Person[], inText: boolean): Rendered {
	if (entry.type === 'invalid') {
		const form = inText && (INVALID_LIST as readonly string[]).includes(entry.form) ? 'letters' : entry.form;
		const { value, input } = INVALID_VALUES[form];
		return { value, input, identity: null, spacelessValid: false };
	}
	const person = pool[entry.person % pool.length];
	const id = identity(person);
	const d = person.digits;
	if (person.kind === 'lid') {
		const form = inText ? 'lid' : entry.lidForm;
		const jid = `${d}@lid`;
		if (form === 'objLid') return { value: { lid: jid }, input: jid, identity: id, spacelessValid: false };
		if (form === 'objJidLid') return { value: { jid }, input: jid, identity: id, spacelessValid: false };
		if (form === 'objBlankJidLid') return { value: { jid: '  ', lid: jid }, input: jid, identity: id, spacelessValid: false };
		return { value: jid, input: jid, identity: id, spacelessValid: true };
	}
	const form = inText && (LIST_FORMS as readonly string[]).includes(entry.phoneForm) ? 'digits' : entry.phoneForm;
	switch (form) {
		case 'plus':
			return { value: `+${d}`, input: `+${d}`, identity: id, spacelessValid: true };
		case 'formatted':
			return { value: formatted(d), input: formatted(d), identity: id, spacelessValid: !formatted(d).includes(' ') };
		case 'jid':
			return { value: `${d}@s.whatsapp.net`, input: `${d}@s.whatsapp.net`, identity: id, spacelessValid: true };
		case 'cus':
			return { value: `${d}@c.us`, input: `${d}@c.us`, identity: id, spacelessValid: true };
		case 'number':
			return { value: Number(d), input: d, identity: id, spacelessValid: false };
		case 'objPhone':
			return { value: { phone: d, name: 'x' }, input: d, identity: id, spacelessValid: false };
		case 'objJid':
			return { value: { jid: `${d}@s.whatsapp.net` }, input: `${d}@s.whatsapp.net`, identity: id, spacelessValid: false };
		case 'objNumber':
			return { value: { number: Number(d) }, input: d, identity: id, spacelessValid: false };
		case 'objEmptyJid':
			return { value: { jid: '', phone: d }, input: d, identity: id, spacelessValid: false };
		case 'objBlankIds':
			return { value: { jid: '', lid: '', phoneNumber: d }, input: d, identity: id, spacelessValid: false };
		default:
			return { value: d, input: d, identity: id, spacelessValid: true };
	}
}

/** Builds the Participants value and the expected valid/invalid entries. */
export function materializeParticipants(
	recipe: ParticipantsRecipe,
	pool: Person[],
): { value: unknown; valid: Array<{ identity: Identity; input: string }>; invalid: Set<string> } {
	const valid = new Map<Identity, string>();
	const invalid = new Set<string>();
	const note = (rendered: Rendered) => {
		if (rendered.identity === null) invalid.add(rendered.input);
		else if (!valid.has(rendered.identity)) valid.set(rendered.identity, rendered.input);
	};
	const result = () => ({ valid: [...valid].map(([id, input]) => ({ identity: id, input })), invalid });

	const first = recipe.entries[0];
	if (recipe.shape === 'number' && first.type === 'valid' && pool[first.person % pool.length].kind === 'pn') {
		const person = pool[first.person % pool.length];
		note({ value: null, input: person.digits, identity: identity(person), spacelessValid: false });
		return { value: Number(person.digits), ...result() };
	}
	if (recipe.shape === 'list') {
		const list: unknown[] = [];
		for (const entry of recipe.entries) {
			const rendered = render(entry, pool, false);
			note(rendered);
			if (entry.nullBefore) list.push(null);
			list.push(entry.wrap === 0 ? rendered.value : entry.wrap === 1 ? [rendered.value] : [[rendered.value], []]);
		}
		return { value: list, ...result() };
	}
	const tokens = recipe.entries.map((entry) => render(entry, pool, true));
	tokens.forEach(note);
	let text = recipe.padding ? ' ,\n ' : '';
	tokens.forEach((token, index) => {
		if (index > 0) {
			let separator: string = recipe.separators[index % recipe.separators.length] ?? ',';
			// A bare space only separates two entries that are each a participant on their own.
			if (/^ +$/.test(separator) && !(token.spacelessValid && tokens[index - 1].spacelessValid)) separator = ', ';
			text += separator;
		}
		text += String(token.value);
	});
	if (recipe.padding) text += ' ;\n';
	return { value: text, ...result() };
}

/** The instances, groups and actions items pick from. */
export interface Universe {
	instances: readonly string[];
	groups: readonly string[];
	actions: readonly string[];
	/** The credential's instance, used when an item's is empty. */
	defaultInstance: string;
}

export const FAKE_UNIVERSE: Universe = { instances: INSTANCES, groups: GROUPS, actions: ACTIONS, defaultInstance: DEFAULT_INSTANCE };

export function expectItem(
	recipe: ItemRecipe,
	pool: Person[],
	options: Record<string, unknown>,
	universe: Universe = FAKE_UNIVERSE,
): ItemExpectation {
	const { value, valid, invalid } = materializeParticipants(recipe.participants, pool);
	const instance = universe.instances[recipe.instance % universe.instances.length];
	const group = universe.groups[recipe.group % universe.groups.length];
	const action = universe.actions[recipe.action % universe.actions.length];
	const bad = recipe.bad >= 0 ? BAD_PARAMS[recipe.bad % BAD_PARAMS.length] : null;
	return {
		params: {
			operation: 'manageParticipants',
			instance,
			group,
			action,
			participants: value,
			options,
			...(bad?.params ?? {}),
		},
		badField: bad?.field ?? null,
		valid,
		invalid,
		instance: instance.trim() === '' ? universe.defaultInstance : instance.trim(),
		group: normalizeGroup(group),
		action: normalizeAction(action),
	};
}

export function nodeOptions(recipe: RunOptionsRecipe): Record<string, unknown> {
	return {
		batching: { batch: { combineItems: recipe.combineItems, batchSize: recipe.batchSize, batchInterval: 0 } },
		rateLimitMaxWait: recipe.rateLimitMaxWait,
		reserveRequests: recipe.reserveRequests,
		timeout: recipe.timeout,
		attachInviteLink: recipe.attachInviteLink === true,
		resetInviteLink: recipe.resetInviteLink === true,
	};
}

// ---------------------------------------------------------------- arbitraries

const phoneDigits = fc
	.tuple(fc.constantFrom('55', '1', '44', '91', '351'), fc.stringMatching(/^[1-9]\d{8,10}$/))
	.map(([country, rest]) => country + rest);
const lidDigits = fc.stringMatching(/^[1-9]\d{14}$/);

export const personArb: fc.Arbitrary<Person> = fc.oneof(
	{ weight: 4, arbitrary: phoneDigits.map((digits): Person => ({ kind: 'pn', digits })) },
	{ weight: 1, arbitrary: lidDigits.map((digits): Person => ({ kind: 'lid', digits })) },
);

/**
 * A pool of people. `twin` adds a LID with the same digits as the first phone:
 * two different people the node must not confuse.
 */
export const poolArb = (maxLength: number): fc.Arbitrary<Person[]> =>
	fc.tuple(fc.uniqueArray(personArb, { minLength: 1, maxLength, selector: identity }), fc.boolean()).map(([pool, twin]) => {
		const phone = pool.find((person) => person.kind === 'pn');
		if (twin && phone && !pool.some((p) => p.kind === 'lid' && p.digits === phone.digits)) {
			return [...pool, { kind: 'lid' as const, digits: phone.digits }];
		}
		return pool;
	});

const wrapArb = fc.constantFrom<0 | 1 | 2>(0, 0, 0, 0, 1, 2);

export const entryArb: fc.Arbitrary<EntryRecipe> = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.record({
			type: fc.constant('valid' as const),
			person: fc.nat(1000),
			phoneForm: fc.constantFrom<PhoneForm>(...TEXT_FORMS, ...LIST_FORMS),
			lidForm: fc.constantFrom<LidForm>('lid', 'objLid', 'objJidLid', 'objBlankJidLid'),
			wrap: wrapArb,
			nullBefore: fc.boolean(),
		}),
	},
	{
		weight: 1,
		arbitrary: fc.record({
			type: fc.constant('invalid' as const),
			form: fc.constantFrom<InvalidForm>(...INVALID_TEXT, ...INVALID_LIST),
			wrap: wrapArb,
			nullBefore: fc.boolean(),
		}),
	},
);

/** 1 to 50 entries, mostly few. */
export const participantsArb: fc.Arbitrary<ParticipantsRecipe> = fc.record({
	shape: fc.constantFrom<ParticipantsRecipe['shape']>('text', 'text', 'list', 'number'),
	entries: fc.oneof(
		{ weight: 8, arbitrary: fc.array(entryArb, { minLength: 1, maxLength: 6 }) },
		{ weight: 2, arbitrary: fc.array(entryArb, { minLength: 1, maxLength: 50 }) },
	),
	separators: fc.array(fc.constantFrom(...SEPARATORS), { minLength: 1, maxLength: 5 }),
	padding: fc.boolean(),
});

/** Indexes into the universe are taken modulo its lists. */
export const itemArb = (badWeight: number, participants: fc.Arbitrary<ParticipantsRecipe> = participantsArb): fc.Arbitrary<ItemRecipe> =>
	fc.record({
		instance: fc.nat(59),
		group: fc.nat(59),
		action: fc.nat(59),
		bad: fc.oneof({ weight: 100 - badWeight, arbitrary: fc.constant(-1) }, { weight: badWeight, arbitrary: fc.nat(BAD_PARAMS.length - 1) }),
		participants,
	});

/** 1 to `max` items, mostly few. */
export const itemsArb = (
	max: number,
	badWeight = 3,
	participants: fc.Arbitrary<ParticipantsRecipe> = participantsArb,
): fc.Arbitrary<ItemRecipe[]> =>
	fc.oneof(
		{ weight: 10, arbitrary: fc.array(itemArb(badWeight, participants), { minLength: 1, maxLength: Math.min(8, max) }) },
		{ weight: 3, arbitrary: fc.array(itemArb(badWeight, participants), { minLength: 1, maxLength: Math.min(40, max) }) },
		{ weight: 1, arbitrary: fc.array(itemArb(badWeight, participants), { minLength: 1, maxLength: max }) },
	);

export const optionsArb = (maxWaits: number[]): fc.Arbitrary<RunOptionsRecipe> =>
	fc.record({
		combineItems: fc.boolean(),
		batchSize: fc.oneof(fc.constantFrom(1, 2, 3, 5, 10, 100, 1024), fc.integer({ min: 1, max: 1024 })),
		rateLimitMaxWait: fc.constantFrom(...maxWaits),
		timeout: fc.constantFrom(0, 1000, 5000, 120000),
		reserveRequests: fc.constantFrom(0, 0, 3),
		attachInviteLink: fc.boolean(),
		resetInviteLink: fc.boolean(),
	});

/** A token that must never appear anywhere. */
export const tokenArb = fc.stringMatching(/^[A-Za-z0-9]{24}$/).map((tail) => `ryze-SECRET-${tail}`);

/** The property's seed: PROPERTY_SEED, or a fixed default so CI runs are reproducible. */
export function propertySeed(fallback: number): number {
	const raw = process.env.PROPERTY_SEED;
	if (raw === undefined || raw.trim() === '') return fallback;
	const seed = Number(raw);
	if (!Number.isInteger(seed)) throw new Error(`PROPERTY_SEED must be an integer, got ${raw}`);
	return seed;
}

export function propertyRuns(fallback: number): number {
	const raw = process.env.PROPERTY_RUNS;
	const runs = raw === undefined || raw.trim() === '' ? fallback : Number(raw);
	if (!Number.isInteger(runs) || runs < 1) throw new Error(`PROPERTY_RUNS must be a positive integer, got ${raw}`);
	return runs;
}
