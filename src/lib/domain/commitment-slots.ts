/**
 * When a commitment falls, as slots on two clocks: calendar days (all-day things, compared as
 * days, the way people mean "on the same day") and instants (to compare with timed things and to
 * measure travel gaps); and on whose calendar its days are read (the place's zone, else the
 * person's). Kept apart from commitments.ts because it is the costly part of deriving
 * commitments (reading days on a zone's calendar), so it has its own caches, which a server can
 * warm a slice at a time (warmCommitmentSlots).
 */
import { isExactSpec, specBounds } from './dates.ts';
import { dayRange, epochDay, localInstant, type Range } from './intervals.ts';
import type { PlanIndex } from './plan-index.ts';
import type { Commitment, DateSpec, Item } from './schema.ts';

/** One way a commitment can fall. `days` is null for timed things. */
export type Slot = {
	/** Epoch days, half-open; null when timed. */
	days: Range | null;
	/** Instants covered: a timed range, or local midnight to midnight of the days. */
	ms: Range;
	/** Instants used for travel gaps: all-day things occupy the local working day. */
	work: Range;
};

export type CommitmentOptions = {
	/** Local hours an all-day commitment occupies when measuring travel gaps. */
	workdayStartHour: number;
	workdayEndHour: number;
};

export const DEFAULT_COMMITMENT_OPTIONS: CommitmentOptions = {
	workdayStartHour: 8,
	workdayEndHour: 20
};

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?Z$/;
function instantMs(s: string): number {
	const m = INSTANT.exec(s);
	if (!m) throw new Error(`Not an instant: "${s}"`);
	return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
}

/** The slot of whole local days `days` on the calendar of `zone`. */
export function daySlot(days: Range, zone: string, opts: CommitmentOptions): Slot {
	return {
		days,
		ms: { start: localInstant(days.start, zone), end: localInstant(days.end, zone) },
		work: {
			start: localInstant(days.start, zone, opts.workdayStartHour),
			end: localInstant(days.end - 1, zone, opts.workdayEndHour)
		}
	};
}

/**
 * The slots of a DateSpec, all-day days read on the calendar of `zone`. Null for TBD: an
 * undated thing commits nobody to anything yet.
 */
export function slotsOf(
	spec: DateSpec,
	zone: string,
	opts: CommitmentOptions = DEFAULT_COMMITMENT_OPTIONS
): { fuzzy: boolean; hulls: Slot[]; placements: Slot[] } | null {
	if (spec.type === 'tbd') return null;
	if (spec.type === 'timed') {
		const ms = { start: instantMs(spec.start), end: instantMs(spec.end) };
		const slot = { days: null, ms, work: ms };
		return { fuzzy: false, hulls: [slot], placements: [slot] };
	}
	if (spec.type === 'candidates') {
		const slots = spec.windows.map((w) => daySlot(dayRange(w.start, w.end), zone, opts));
		return { fuzzy: spec.windows.length > 1, hulls: slots, placements: slots };
	}
	const b = specBounds(spec);
	if (b === null) return null;
	const hull = daySlot(dayRange(b[0], b[1]), zone, opts);
	if (isExactSpec(spec) || b[0] === b[1])
		return { fuzzy: false, hulls: [hull], placements: [hull] };
	const first = epochDay(b[0]);
	const last = epochDay(b[1]);
	return {
		fuzzy: true,
		hulls: [hull],
		placements: [
			daySlot({ start: first, end: first + 1 }, zone, opts),
			daySlot({ start: last, end: last + 1 }, zone, opts)
		]
	};
}

export type Slots = { fuzzy: boolean; hulls: Slot[]; placements: Slot[]; span: Range };

/**
 * slotsOf with its span, shared by every commitment on the same spec read in the same zone (an
 * item's assignees): a big plan derives each item's slots once per zone, not once per person.
 * The slots are read-only once made.
 */
const slotCache = new WeakMap<CommitmentOptions, WeakMap<DateSpec, Map<string, Slots | null>>>();

export function cachedSlots(spec: DateSpec, zone: string, opts: CommitmentOptions): Slots | null {
	let bySpec = slotCache.get(opts);
	if (!bySpec) slotCache.set(opts, (bySpec = new WeakMap()));
	let byZone = bySpec.get(spec);
	if (!byZone) bySpec.set(spec, (byZone = new Map<string, Slots | null>()));
	let hit = byZone.get(zone);
	if (hit === undefined) {
		hit = slotsByMeaning(spec, zone, opts);
		byZone.set(zone, hit);
	}
	return hit;
}

/**
 * Behind the cache by spec object, one by what the spec says: imported busy periods are new
 * objects that mostly say the same few hundred days, and reading a day on a zone's calendar
 * (luxon) is the costly part. Timed specs need no calendar and skip it.
 */
const MAX_MEANINGS = 100_000;
const meanings = new WeakMap<CommitmentOptions, Map<string, Slots | null>>();

function slotsByMeaning(spec: DateSpec, zone: string, opts: CommitmentOptions): Slots | null {
	const make = () => {
		const slots = slotsOf(spec, zone, opts);
		return slots && { ...slots, span: spanOf(slots.hulls) };
	};
	if (spec.type === 'timed') return make();
	let byKey = meanings.get(opts);
	if (!byKey) meanings.set(opts, (byKey = new Map<string, Slots | null>()));
	const key = `${zone}|${JSON.stringify(spec)}`;
	let hit = byKey.get(key);
	if (hit === undefined) {
		if (byKey.size >= MAX_MEANINGS) byKey.clear();
		byKey.set(key, (hit = make()));
	}
	return hit;
}

function spanOf(slots: Slot[]): Range {
	let start = Infinity;
	let end = -Infinity;
	for (const s of slots) {
		if (s.ms.start < start) start = s.ms.start;
		if (s.ms.end > end) end = s.ms.end;
	}
	return { start, end };
}

/** Where an item happens: its own location, else the location of the event it is linked to. */
export function itemPlace(index: PlanIndex, item: Item): string | null {
	if (item.location !== null) return item.location;
	const event = item.linkedTo ? index.items.get(item.linkedTo) : undefined;
	return event?.location ?? null;
}

/** The zone whose calendar an all-day commitment is read on: the place's, else the person's. */
export function zoneFor(index: PlanIndex, place: string | null, personId: string): string {
	const loc = place && place !== 'online' ? index.locations.get(place) : undefined;
	return loc?.zone ?? index.people.get(personId)?.zone ?? index.plan.zone;
}

/**
 * Derives the slots of the plan's commitments `from` … `from + count` into the cache that
 * commitmentsByPerson reads, and says where to go on (null: done). For a caller sharing its
 * thread with others (the server after a write of thousands of busy periods): warmed a slice at
 * a time, the one call after it finds its costly part done.
 */
export function warmCommitmentSlots(
	index: PlanIndex,
	from: number,
	count: number,
	opts: CommitmentOptions = DEFAULT_COMMITMENT_OPTIONS
): number | null {
	const all = index.plan.commitments;
	const end = Math.min(all.length, from + count);
	for (let i = from; i < end; i++) commitmentSlots(index, all[i]!, opts);
	return end < all.length ? end : null;
}

/**
 * One of the plan's commitments (an outside event, a busy period) as the clash engine reads it:
 * its item, when (its own dates, else its item's), where, and its slots read on that place's
 * calendar. Null when its item is cancelled or it has no date.
 */
export function commitmentSlots(
	index: PlanIndex,
	c: Commitment,
	opts: CommitmentOptions
): { item: Item | undefined; when: DateSpec; place: string | null; slots: Slots | null } | null {
	const item = c.item ? index.items.get(c.item) : undefined;
	if (item?.status === 'cancelled') return null;
	const when = c.when ?? item?.when;
	if (!when) return null;
	const place = c.place ?? (item ? itemPlace(index, item) : null);
	return { item, when, place, slots: cachedSlots(when, zoneFor(index, place, c.person), opts) };
}
