/**
 * One calendar's events sorted the way a client applying updates would: one master per UID (a
 * later version, by SEQUENCE and then by place in the file, replaces an earlier one) and each
 * UID's overrides (RECURRENCE-ID) by occurrence key, by date, and those with
 * RANGE=THISANDFUTURE in order.
 */
import { isoDate } from './values.ts';
import { toWall } from './zones.ts';
import type { Ev, Key } from './event.ts';

/** What the file says about one series' occurrences: its overrides, found three ways. */
export type Overrides = { byKey?: Map<Key, Ev>; dates?: Set<string>; futures?: Ev[] };

export type EventIndex = {
	masters: Map<string, Ev>;
	/** Events without a UID: each its own master. */
	anonymous: Ev[];
	overrides: Map<string, Map<Key, Ev>>;
	/**
	 * Timed RECURRENCE-IDs also by their date, for all-day series that name their occurrences
	 * with a midnight time (RECURRENCE-ID:20200921T000000Z).
	 */
	overrideDates: Map<string, Set<string>>;
	futures: Map<string, Ev[]>;
};

export const emptyIndex = (): EventIndex => ({
	masters: new Map(),
	anonymous: [],
	overrides: new Map(),
	overrideDates: new Map(),
	futures: new Map()
});

/** Files an event as a master or an override, keeping the version that wins. */
export function addEvent(index: EventIndex, ev: Ev): void {
	if (!ev.recurrence) {
		const prev = ev.uid ? index.masters.get(ev.uid) : undefined;
		if (!ev.uid) index.anonymous.push(ev);
		else if (!prev || prev.sequence <= ev.sequence) index.masters.set(ev.uid, ev);
		return;
	}
	if (!ev.recurrence.key.startsWith('D')) {
		const dates = index.overrideDates.get(ev.uid) ?? new Set<string>();
		dates.add(isoDate(toWall(ev.recurrence.zone, ev.recurrence.instant)));
		index.overrideDates.set(ev.uid, dates);
	}
	// Several versions of one override: the highest SEQUENCE (then the last) wins.
	let byKey = index.overrides.get(ev.uid);
	if (!byKey) index.overrides.set(ev.uid, (byKey = new Map<Key, Ev>()));
	const prev = byKey.get(ev.recurrence.key);
	if (prev && prev.sequence > ev.sequence) return;
	byKey.set(ev.recurrence.key, ev);
	if (ev.recurrence.thisAndFuture) {
		const list = index.futures.get(ev.uid) ?? [];
		list.push(ev);
		index.futures.set(ev.uid, list);
	}
}

/** Puts each series' THISANDFUTURE overrides in the order of the occurrences they replace. */
export function sortFutures(index: EventIndex): void {
	for (const list of index.futures.values())
		list.sort((a, b) => a.recurrence!.instant - b.recurrence!.instant);
}

/** The overrides filed for `uid`. */
export const overridesOf = (index: EventIndex, uid: string): Overrides => ({
	byKey: index.overrides.get(uid),
	dates: index.overrideDates.get(uid),
	futures: index.futures.get(uid)
});

/** The latest THISANDFUTURE override at or before `instant` (futures sorted), or null. */
export function latestBefore(futures: Ev[], instant: number): Ev | null {
	let found: Ev | null = null;
	for (const f of futures) {
		if (f.recurrence!.instant <= instant) found = f;
		else break;
	}
	return found;
}
