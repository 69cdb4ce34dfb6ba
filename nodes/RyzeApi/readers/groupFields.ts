/**
 * Typed reading of one object RyzeAPI sent (a group, a list entry). Pure. Only own keys
 * are read (a `__proto__` key is never followed); the first key of the wrong kind is the
 * object's `problem`, with the key and what it held, and nothing after it is guessed.
 */
import { groupJidOf } from './groupList';

/** A group's four settings (GroupPermissions); null where RyzeAPI gave none. */
export interface GroupSettings {
	membersCanEditInfo: boolean | null;
	membersCanSendMessages: boolean | null;
	membersCanAddOthers: boolean | null;
	requireAdminApproval: boolean | null;
}

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function own(source: unknown, key: string): unknown {
	return isRecord(source) && Object.prototype.hasOwnProperty.call(source, key) ? source[key] : undefined;
}

export function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export const quoted = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 79)}…` : value);

/** Reads typed fields of one object; the first key of the wrong kind is the `problem`, and the rest reads as null. */
export class Fields {
	problem: string | null = null;

	constructor(private readonly source: Json) {}

	private first(keys: readonly string[]): { key: string; value: unknown } | null {
		for (const key of keys) {
			const value = own(this.source, key);
			if (value !== undefined && value !== null) return { key, value };
		}
		return null;
	}

	private fail(reason: string): null {
		this.problem ??= reason;
		return null;
	}

	text(keys: readonly string[]): string | null {
		const found = this.first(keys);
		if (found === null || this.problem !== null) return null;
		if (typeof found.value !== 'string') return this.fail(`${found.key} is ${kindOf(found.value)}, not text`);
		return found.value;
	}

	groupJid(keys: readonly string[]): string | null {
		const found = this.first(keys);
		const jid = this.text(keys);
		if (found === null || jid === null || jid === '') return null;
		return groupJidOf(jid.trim()) ?? this.fail(`${found.key} ${quoted(jid)} is not a group JID (…@g.us)`);
	}

	count(keys: readonly string[]): number | null {
		const found = this.first(keys);
		if (found === null || this.problem !== null) return null;
		const { key, value } = found;
		if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
		if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
		return this.fail(`${key} is ${typeof value === 'number' ? value : kindOf(value)}, not a count`);
	}

	flag(keys: readonly string[]): boolean | null {
		const found = this.first(keys);
		if (found === null || this.problem !== null) return null;
		const { key, value } = found;
		if (typeof value === 'boolean') return value;
		if (value === 'true' || value === 1) return true;
		if (value === 'false' || value === 0) return false;
		return this.fail(`${key} is ${typeof value === 'string' ? quoted(value) : kindOf(value)}, not true or false`);
	}

	/** A time: a text as given, a number of Unix seconds (below 10^11) or milliseconds as ISO 8601. */
	time(keys: readonly string[]): string | null {
		const found = this.first(keys);
		if (found === null || this.problem !== null) return null;
		const { key, value } = found;
		if (typeof value === 'string') return value === '' ? null : value;
		if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
			const ms = value < 1e11 ? value * 1000 : value;
			if (ms <= 8.64e15) return new Date(ms).toISOString();
		}
		return this.fail(`${key} is ${typeof value === 'number' ? value : kindOf(value)}, not a time`);
	}

	settings(key: string): GroupSettings {
		const value = own(this.source, key);
		const empty: GroupSettings = {
			membersCanEditInfo: null,
			membersCanSendMessages: null,
			membersCanAddOthers: null,
			requireAdminApproval: null,
		};
		if (value === undefined || value === null || this.problem !== null) return empty;
		if (!isRecord(value)) {
			this.fail(`${key} is ${kindOf(value)}, not an object`);
			return empty;
		}
		const inner = new Fields(value);
		const settings: GroupSettings = {
			membersCanEditInfo: inner.flag(['membersCanEditInfo']),
			membersCanSendMessages: inner.flag(['membersCanSendMessages']),
			membersCanAddOthers: inner.flag(['membersCanAddOthers']),
			requireAdminApproval: inner.flag(['requireAdminApproval']),
		};
		if (inner.problem !== null) this.fail(`${key}.${inner.problem}`);
		return settings;
	}
}
