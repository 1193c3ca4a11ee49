/**
 * Availability sources, the pure part: what importing a calendar again changes in a member's busy
 * periods. An event keeps its busy period across imports through its UID and RECURRENCE-ID (the
 * period's id is derived from them), so feeds and history see an update, not a delete and a twin;
 * events that left the calendar leave the plan; an unchanged calendar changes nothing.
 */
import type { BusyFromIcs } from './ics-import.ts';
import { canonicalJson, type Change } from './plan-changes.ts';
import type { Commitment } from './schema.ts';

/** A source's settings that its periods take. */
export type SourceSettings = {
	strength: 'hard' | 'soft';
	visibility: 'public' | 'private';
	/** Keep each event's title as the period's reason. */
	keepSummary: boolean;
};

/**
 * The identity of an imported occurrence. Events without a UID (rare, and against RFC 5545) are
 * known by what they say, so an unchanged one still matches itself on the next import.
 */
export function periodKey(
	p: Pick<BusyFromIcs, 'uid' | 'recurrenceId' | 'when' | 'summary'>
): string {
	if (p.uid === '') return `anon\u0000${canonicalJson(p.when)}\u0000${p.summary}`;
	return `${p.uid}\u0000${p.recurrenceId ?? ''}`;
}

/** The key of a period already stored (null for one without a UID). */
function storedKey(c: Commitment): string | null {
	if (c.uid === undefined) return null;
	return `${c.uid}\u0000${c.recurrenceId ?? ''}`;
}

export type ReplacePlan = {
	changes: Change[];
	added: number;
	updated: number;
	removed: number;
	unchanged: number;
};

/** What `replaceSourcePeriods` is given. */
export type ReplaceArgs = {
	person: string;
	sourceId: string;
	existing: readonly Commitment[];
	incoming: readonly BusyFromIcs[];
	settings: SourceSettings;
	idFor: (key: string) => string;
};

/** The source's periods now, by key (UID and RECURRENCE-ID) and by id. */
type Stored = { byKey: Map<string, Commitment>; byId: Map<string, Commitment> };

/**
 * The changes that make `existing` (the source's periods now) say what `incoming` (the calendar
 * just read) says. `idFor(key)` names a new period (a stable function of the key, so the same
 * event gets the same id even after it was removed and came back); the same key twice in one file
 * gets `#2`, `#3`… appended. Linear in both lists.
 */
export function replaceSourcePeriods(args: ReplaceArgs): ReplacePlan {
	const { person, existing, incoming, idFor } = args;
	const stored = storedPeriods(existing);
	const out: ReplacePlan = { changes: [], added: 0, updated: 0, removed: 0, unchanged: 0 };
	const seenKeys = new Map<string, number>();
	const usedIds = new Set<string>();
	const kept = new Set<Commitment>();
	for (const p of incoming) {
		const base = periodKey(p);
		const n = (seenKeys.get(base) ?? 0) + 1;
		seenKeys.set(base, n);
		const key = n === 1 ? base : `${base}#${n}`;
		const old = storedMatch(stored, kept, key, idFor);
		const id = old ? old.id : freshId(stored, usedIds, key, idFor);
		usedIds.add(id);
		const value = periodValue(args, p, id, old);
		if (old) kept.add(old);
		record(out, person, old, value);
	}
	for (const c of existing) {
		if (kept.has(c)) continue;
		out.removed++;
		out.changes.push({ entity: 'commitment', id: c.id, action: 'delete', owner: person });
	}
	return out;
}

function storedPeriods(existing: readonly Commitment[]): Stored {
	const byKey = new Map<string, Commitment>();
	const byId = new Map<string, Commitment>();
	for (const c of existing) {
		byId.set(c.id, c);
		const key = storedKey(c);
		if (key !== null && !byKey.has(key)) byKey.set(key, c);
	}
	return { byKey, byId };
}

/** The stored period an incoming one replaces (each stored period is matched at most once). */
function storedMatch(
	stored: Stored,
	kept: ReadonlySet<Commitment>,
	key: string,
	idFor: (key: string) => string
): Commitment | undefined {
	// Events without a UID are stored without one: their id (a function of what they say) is
	// how the next import finds them.
	let old = stored.byKey.get(key);
	if (!old) {
		const named = stored.byId.get(idFor(key));
		if (named && storedKey(named) === null) old = named;
	}
	return old && kept.has(old) ? undefined : old;
}

/** A new period's id; on a hash collision (with one named earlier or one stored), the next name. */
function freshId(
	stored: Stored,
	usedIds: ReadonlySet<string>,
	key: string,
	idFor: (key: string) => string
): string {
	let id = idFor(key);
	for (let k = 2; usedIds.has(id) || stored.byId.has(id); k++) id = idFor(`${key}#${k}`);
	return id;
}

/**
 * The period as the schema would parse it (every default given), so it compares with the stored
 * period without a parse per event; the write path validates what it writes.
 */
function periodValue(
	args: ReplaceArgs,
	p: BusyFromIcs,
	id: string,
	old: Commitment | undefined
): Commitment {
	const { person, sourceId, settings } = args;
	return {
		id,
		person,
		source: 'busy',
		when: p.when,
		place: old?.place ?? null,
		reason: settings.keepSummary ? p.summary.slice(0, 500) : '',
		strength: settings.strength,
		visibility: settings.visibility,
		sourceId,
		...(p.uid !== '' ? { uid: p.uid.slice(0, 255) } : {}),
		...(p.uid !== '' && p.recurrenceId !== null ? { recurrenceId: p.recurrenceId } : {})
	};
}

/** Counts the period as added, updated or unchanged, with its change. */
function record(
	out: ReplacePlan,
	person: string,
	old: Commitment | undefined,
	value: Commitment
): void {
	if (!old) {
		out.added++;
		out.changes.push({
			entity: 'commitment',
			id: value.id,
			action: 'create',
			value,
			owner: person
		});
	} else if (canonicalJson(old) === canonicalJson(value)) out.unchanged++;
	else {
		out.updated++;
		out.changes.push({
			entity: 'commitment',
			id: value.id,
			action: 'update',
			value,
			owner: person
		});
	}
}

/** The changes that give a source's periods new settings (hard/soft, public/private). */
export function restyleSourcePeriods(
	person: string,
	periods: readonly Commitment[],
	settings: Pick<SourceSettings, 'strength' | 'visibility'>
): Change[] {
	return periods
		.filter((c) => c.strength !== settings.strength || c.visibility !== settings.visibility)
		.map((c) => ({
			entity: 'commitment' as const,
			id: c.id,
			action: 'update' as const,
			value: { ...c, ...settings },
			owner: person
		}));
}

/** When to try a failing source again: 15 minutes, doubling per failure, at most a day. */
export function backoffMinutes(failures: number): number {
	return Math.min(15 * 2 ** Math.max(0, Math.min(failures - 1, 20)), 24 * 60);
}
