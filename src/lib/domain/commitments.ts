/**
 * A person's commitments: the times they are bound somewhere. They come from
 * - their assignments (lead, support, speaker, required — directly or through a group) on items
 *   that have a place or a time: meetings, outside events, items at a location or linked to an
 *   event, timed items. A deadline or a months-long activity is work, not attendance, and binds
 *   no day; `optional` binds nothing;
 * - the plan's commitments: outside events they must attend (LF, HD, HY at MWC) and busy periods.
 *
 * Each commitment becomes slots on two clocks: calendar days (all-day things, compared as days,
 * the way people mean "on the same day") and instants (to compare with timed things and to
 * measure travel gaps). Fuzzy dates keep both their whole window (what is possible) and their
 * extreme one-day placements (what is certain), which is all the clash engine needs: the days a
 * fuzzy item can take form an interval, so checking its first and last day is checking them all.
 *
 * Over 400 lines on purpose: deriving commitments and the per-person caches that skip re-deriving
 * them are one concept; the caches must name every input the derivation reads.
 */
import { isExactSpec, specBounds } from './dates.ts';
import { dayRange, epochDay, localInstant, type Range } from './intervals.ts';
import type { PlanIndex, ResolvedAssignment } from './plan-index.ts';
import { ROLE_ORDER } from './plan-index.ts';
import type { Commitment, DateSpec, Item, Location, Role } from './schema.ts';

/** Who is looking: private busy reasons are shown only to the person and to organizers. */
export type Viewer = { type: 'anonymous' } | { type: 'person'; id: string } | { type: 'organizer' };

export const ANONYMOUS: Viewer = { type: 'anonymous' };

/** One way a commitment can fall. `days` is null for timed things. */
export type Slot = {
	/** Epoch days, half-open; null when timed. */
	days: Range | null;
	/** Instants covered: a timed range, or local midnight to midnight of the days. */
	ms: Range;
	/** Instants used for travel gaps: all-day things occupy the local working day. */
	work: Range;
};

export type CommitmentSource =
	| { type: 'assignment'; role: Role; via: string | null }
	| { type: 'event'; id: string }
	| { type: 'busy'; id: string };

export type PersonCommitment = {
	/** `item:<id>` or `commitment:<id>`: one thing per person; shared keys let clashes merge. */
	key: string;
	person: string;
	source: CommitmentSource;
	/** The plan item it is about, if any. */
	item: string | null;
	/** The outside event it happens at (the event itself for an event): same anchor, no clash. */
	anchor: string | null;
	/** The reason as entered (busy periods) or the item's title. */
	reason: string;
	/** A Location id, 'online', or null when unknown. */
	place: string | null;
	strength: 'hard' | 'soft';
	visibility: 'public' | 'private';
	when: DateSpec;
	/** True when the days are not pinned down (month, early May, candidates …). */
	fuzzy: boolean;
	/** Every possible extent (candidate windows, or the whole fuzzy window). */
	hulls: Slot[];
	/** Extreme placements: exact windows, or the first and last day of a fuzzy window. */
	placements: Slot[];
	/** The hull of all hulls, in instants, for sweeping. */
	span: Range;
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

/** Roles that bind a person to be there. */
const BINDING_ROLES = new Set<Role>(['lead', 'support', 'speaker', 'required']);
const HARD_ROLES = new Set<Role>(['lead', 'speaker', 'required']);

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

type Slots = { fuzzy: boolean; hulls: Slot[]; placements: Slot[]; span: Range };

/**
 * slotsOf with its span, shared by every commitment on the same spec read in the same zone (an
 * item's assignees): a big plan derives each item's slots once per zone, not once per person.
 * The slots are read-only once made.
 */
const slotCache = new WeakMap<CommitmentOptions, WeakMap<DateSpec, Map<string, Slots | null>>>();

function cachedSlots(spec: DateSpec, zone: string, opts: CommitmentOptions): Slots | null {
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

/** True when an assignment on this item binds the person to a day or a place. */
export function isBindingItem(item: Item): boolean {
	return (
		item.status !== 'cancelled' &&
		(item.kind === 'meeting' ||
			item.kind === 'event' ||
			item.location !== null ||
			item.linkedTo !== null ||
			item.when.type === 'timed')
	);
}

/** Where an item happens: its own location, else the location of the event it is linked to. */
export function itemPlace(index: PlanIndex, item: Item): string | null {
	if (item.location !== null) return item.location;
	const event = item.linkedTo ? index.items.get(item.linkedTo) : undefined;
	return event?.location ?? null;
}

function anchorOf(item: Item): string | null {
	return item.linkedTo ?? (item.kind === 'event' ? item.id : null);
}

/** The zone whose calendar an all-day commitment is read on: the place's, else the person's. */
function zoneFor(index: PlanIndex, place: string | null, personId: string): string {
	const loc = place && place !== 'online' ? index.locations.get(place) : undefined;
	return loc?.zone ?? index.people.get(personId)?.zone ?? index.plan.zone;
}

const roleRank = (r: Role) => ROLE_ORDER.indexOf(r);

/** `item:<id>`, one string per item (equal keys are then the same string: cheap to compare). */
const itemKeys = new Map<string, string>();
function itemKey(id: string): string {
	let key = itemKeys.get(id);
	if (key === undefined) {
		if (itemKeys.size >= 100_000) itemKeys.clear();
		itemKeys.set(id, (key = `item:${id}`));
	}
	return key;
}

/** `commitment:<id>` of the first busy period of this person that says the same as `c`. */
function busyKey(twins: Map<string, string>, c: Commitment): string {
	const key = `commitment:${c.id}`;
	if (c.source !== 'busy') return key;
	const what = JSON.stringify([c.person, c.when, c.place, c.reason, c.strength, c.visibility]);
	const first = twins.get(what);
	if (first !== undefined) return first;
	twins.set(what, key);
	return key;
}

/** The plan's commitments (events to attend, busy periods) by person, with their plan order. */
type OwnCommitments = { list: Commitment[]; at: number[] };
const ownByIndex = new WeakMap<PlanIndex, Map<string, OwnCommitments>>();

function ownCommitments(index: PlanIndex): Map<string, OwnCommitments> {
	let out = ownByIndex.get(index);
	if (out) return out;
	out = new Map<string, OwnCommitments>();
	const all = index.plan.commitments;
	for (let i = 0; i < all.length; i++) {
		const c = all[i]!;
		const mine = out.get(c.person);
		if (mine) {
			mine.list.push(c);
			mine.at.push(i);
		} else out.set(c.person, { list: [c], at: [i] });
	}
	ownByIndex.set(index, out);
	return out;
}

/**
 * One person's commitments, and the position in their own list of the first plan commitment kept
 * (-1 for none), which orders people as a single pass over the plan's commitments would.
 */
type PersonEntry = { deps: unknown[]; list: PersonCommitment[]; firstOwn: number };

/**
 * Everything a person's commitments are derived from, as the objects themselves. The write path
 * keeps an unchanged entity the same object from one plan version to the next, so after an edit
 * only the people whose inputs changed are derived again; everyone else's list (and what the
 * clash engine derived from it) is reused as is.
 */
function personDeps(
	index: PlanIndex,
	personId: string,
	assignments: readonly ResolvedAssignment[],
	own: readonly Commitment[]
): unknown[] {
	const contexts = itemContexts(index);
	const deps: unknown[] = [index.people.get(personId), index.plan.zone];
	for (const a of assignments) deps.push(a, contexts.get(a.item));
	for (const c of own)
		deps.push(
			c,
			c.item ? contexts.get(c.item) : undefined,
			c.place && c.place !== 'online' ? index.locations.get(c.place) : undefined
		);
	return deps;
}

/**
 * An item with the objects its commitments read besides it (the event it is linked to, the
 * location of its place): the same context object as long as all three are the same.
 */
type ItemContext = { item: Item; event: Item | undefined; location: Location | undefined };
const contextOf = new WeakMap<Item, ItemContext>();
const contextsByIndex = new WeakMap<PlanIndex, Map<string, ItemContext>>();

function itemContexts(index: PlanIndex): Map<string, ItemContext> {
	let out = contextsByIndex.get(index);
	if (out) return out;
	out = new Map<string, ItemContext>();
	for (const item of index.items.values()) {
		const event = item.linkedTo ? index.items.get(item.linkedTo) : undefined;
		const place = itemPlace(index, item);
		const location = place && place !== 'online' ? index.locations.get(place) : undefined;
		let ctx = contextOf.get(item);
		if (!ctx || ctx.event !== event || ctx.location !== location)
			contextOf.set(item, (ctx = { item, event, location }));
		out.set(item.id, ctx);
	}
	contextsByIndex.set(index, out);
	return out;
}

/** personDeps(…) equals `deps`, checked in place: most people are unchanged, nothing is built. */
function depsMatch(
	deps: readonly unknown[],
	index: PlanIndex,
	personId: string,
	assignments: readonly ResolvedAssignment[],
	own: readonly Commitment[]
): boolean {
	if (deps.length !== 2 + 2 * assignments.length + 3 * own.length) return false;
	if (deps[0] !== index.people.get(personId) || deps[1] !== index.plan.zone) return false;
	const contexts = itemContexts(index);
	let i = 2;
	for (const a of assignments) {
		if (deps[i++] !== a || deps[i++] !== contexts.get(a.item)) return false;
	}
	for (const c of own) {
		if (deps[i++] !== c) return false;
		if (deps[i++] !== (c.item ? contexts.get(c.item) : undefined)) return false;
		const place = c.place && c.place !== 'online' ? index.locations.get(c.place) : undefined;
		if (deps[i++] !== place) return false;
	}
	return true;
}

/**
 * A few entries per person: the public and the full plan share most objects, and both are live
 * at once (anonymous readers and organizers), so one entry each keeps both warm.
 */
const ENTRIES_PER_PERSON = 4;
const personCache = new WeakMap<CommitmentOptions, WeakMap<object, PersonEntry[]>>();

function personCommitments(
	index: PlanIndex,
	personId: string,
	assignments: readonly ResolvedAssignment[],
	own: readonly Commitment[],
	opts: CommitmentOptions,
	cached: boolean
): PersonEntry {
	const person = index.people.get(personId);
	if (!cached || !person) return derivePerson(index, personId, assignments, own, opts, []);
	let byPerson = personCache.get(opts);
	if (!byPerson) personCache.set(opts, (byPerson = new WeakMap()));
	let entries = byPerson.get(person);
	if (!entries) byPerson.set(person, (entries = []));
	for (let i = 0; i < entries.length; i++) {
		const e = entries[i]!;
		if (!depsMatch(e.deps, index, personId, assignments, own)) continue;
		if (i > 0) entries.unshift(...entries.splice(i, 1));
		return e;
	}
	const deps = personDeps(index, personId, assignments, own);
	const e = derivePerson(index, personId, assignments, own, opts, deps);
	entries.unshift(e);
	if (entries.length > ENTRIES_PER_PERSON) entries.length = ENTRIES_PER_PERSON;
	return e;
}

function derivePerson(
	index: PlanIndex,
	personId: string,
	assignments: readonly ResolvedAssignment[],
	own: readonly Commitment[],
	opts: CommitmentOptions,
	deps: unknown[]
): PersonEntry {
	const list: PersonCommitment[] = [];
	assignmentCommitments(index, personId, assignments, opts, list);
	const firstOwn = ownCommitmentsInto(index, personId, own, opts, list);
	return { deps, list, firstOwn };
}

/** What the person's assignments bind them to, one commitment per item, into `list`. */
function assignmentCommitments(
	index: PlanIndex,
	personId: string,
	assignments: readonly ResolvedAssignment[],
	opts: CommitmentOptions,
	list: PersonCommitment[]
): void {
	// One commitment per item: a person on an item twice (directly and through a group) keeps
	// the most binding role.
	const best = new Map<string, ResolvedAssignment>();
	for (const a of assignments) {
		if (!BINDING_ROLES.has(a.role)) continue;
		const prev = best.get(a.item);
		if (!prev || roleRank(a.role) < roleRank(prev.role)) best.set(a.item, a);
	}
	for (const a of best.values()) {
		const item = index.items.get(a.item);
		if (!item || !isBindingItem(item)) continue;
		const place = itemPlace(index, item);
		const slots = cachedSlots(item.when, zoneFor(index, place, personId), opts);
		if (!slots) continue;
		list.push({
			key: itemKey(item.id),
			person: personId,
			source: {
				type: 'assignment',
				role: a.role,
				via: a.assignee.type === 'group' ? a.assignee.group.id : null
			},
			item: item.id,
			anchor: anchorOf(item),
			reason: item.title,
			place,
			strength: HARD_ROLES.has(a.role) ? 'hard' : 'soft',
			visibility: 'public',
			when: item.when,
			fuzzy: slots.fuzzy,
			hulls: slots.hulls,
			placements: slots.placements,
			span: slots.span
		});
	}
}

/**
 * The person's own commitments (outside events, busy periods) into `list`; returns the index in
 * `own` of the first one kept (-1: none).
 */
function ownCommitmentsInto(
	index: PlanIndex,
	personId: string,
	own: readonly Commitment[],
	opts: CommitmentOptions,
	list: PersonCommitment[]
): number {
	// Busy periods that say the same thing (a file imported twice) share the first one's key, so
	// each clash with them is one finding naming both, not one per twin.
	const twins = new Map<string, string>();
	let firstOwn = -1;
	for (let i = 0; i < own.length; i++) {
		const c = own[i]!;
		const item = c.item ? index.items.get(c.item) : undefined;
		if (item?.status === 'cancelled') continue;
		const when = c.when ?? item?.when;
		if (!when) continue;
		const place = c.place ?? (item ? itemPlace(index, item) : null);
		const slots = cachedSlots(when, zoneFor(index, place, personId), opts);
		if (!slots) continue;
		if (firstOwn < 0) firstOwn = i;
		list.push({
			// An outside event is the same thing for everyone who must attend it, so its clashes
			// merge across people; a busy period is one person's own.
			key: item ? itemKey(item.id) : busyKey(twins, c),
			person: personId,
			source: c.source === 'event' ? { type: 'event', id: c.id } : { type: 'busy', id: c.id },
			item: item?.id ?? null,
			anchor: item ? anchorOf(item) : null,
			reason: c.reason || item?.title || '',
			place,
			strength: c.strength,
			visibility: c.visibility,
			when,
			fuzzy: slots.fuzzy,
			hulls: slots.hulls,
			placements: slots.placements,
			span: slots.span
		});
	}
	return firstOwn;
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
	for (let i = from; i < end; i++) {
		const c = all[i]!;
		const item = c.item ? index.items.get(c.item) : undefined;
		const when = c.when ?? item?.when;
		if (!when || item?.status === 'cancelled') continue;
		const place = c.place ?? (item ? itemPlace(index, item) : null);
		cachedSlots(when, zoneFor(index, place, c.person), opts);
	}
	return end < all.length ? end : null;
}

/**
 * Every person's commitments, by person id (only people with at least one). The lists are shared
 * between calls on plans where that person's inputs did not change: read-only. `cached: false`
 * derives everything afresh (the oracle the tests and the bench compare the cached path with).
 */
export function commitmentsByPerson(
	index: PlanIndex,
	opts: CommitmentOptions = DEFAULT_COMMITMENT_OPTIONS,
	cached = true
): Map<string, PersonCommitment[]> {
	const out = new Map<string, PersonCommitment[]>();
	const own = ownCommitments(index);
	const none: OwnCommitments = { list: [], at: [] };
	// People with assignment commitments first, in index order; then the others by the plan
	// position of their first kept commitment, as one pass over the plan's lists would add them.
	const later: { person: string; at: number; list: PersonCommitment[] }[] = [];
	for (const [personId, assignments] of index.assignmentsByPerson) {
		const mine = own.get(personId) ?? none;
		const e = personCommitments(index, personId, assignments, mine.list, opts, cached);
		if (e.list.length === 0) continue;
		if (e.list[0]!.source.type === 'assignment') out.set(personId, e.list);
		else later.push({ person: personId, at: mine.at[e.firstOwn]!, list: e.list });
	}
	for (const [personId, mine] of own) {
		if (index.assignmentsByPerson.has(personId)) continue;
		const e = personCommitments(index, personId, [], mine.list, opts, cached);
		if (e.firstOwn >= 0) later.push({ person: personId, at: mine.at[e.firstOwn]!, list: e.list });
	}
	later.sort((x, y) => x.at - y.at);
	for (const l of later) out.set(l.person, l.list);
	return out;
}

/** May this viewer read the reason (and place) of this commitment? */
export function canSee(c: PersonCommitment, viewer: Viewer): boolean {
	if (c.visibility === 'public') return true;
	return viewer.type === 'organizer' || (viewer.type === 'person' && viewer.id === c.person);
}
