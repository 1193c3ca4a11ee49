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
 * Slots and their caches live in commitment-slots.ts, the reuse of a person's list from one plan
 * version to the next in commitment-reuse.ts.
 */
import { keptPersonCommitments, type PersonEntry } from './commitment-reuse.ts';
import {
	cachedSlots,
	commitmentSlots,
	DEFAULT_COMMITMENT_OPTIONS,
	itemPlace,
	zoneFor,
	type CommitmentOptions,
	type Slot
} from './commitment-slots.ts';
import type { Range } from './intervals.ts';
import type { PlanIndex, ResolvedAssignment } from './plan-index.ts';
import { ROLE_ORDER } from './plan-index.ts';
import type { Commitment, DateSpec, Item, Role } from './schema.ts';

export {
	daySlot,
	DEFAULT_COMMITMENT_OPTIONS,
	itemPlace,
	slotsOf,
	warmCommitmentSlots,
	type CommitmentOptions,
	type Slot
} from './commitment-slots.ts';

/** Who is looking: private busy reasons are shown only to the person and to organizers. */
export type Viewer = { type: 'anonymous' } | { type: 'person'; id: string } | { type: 'organizer' };

export const ANONYMOUS: Viewer = { type: 'anonymous' };

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

/** Roles that bind a person to be there. */
const BINDING_ROLES = new Set<Role>(['lead', 'support', 'speaker', 'required']);
const HARD_ROLES = new Set<Role>(['lead', 'speaker', 'required']);

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

function anchorOf(item: Item): string | null {
	return item.linkedTo ?? (item.kind === 'event' ? item.id : null);
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
		// `own` is this person's: each commitment's `person` is `personId`.
		const read = commitmentSlots(index, c, opts);
		if (!read?.slots) continue;
		const { item, when, place, slots } = read;
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
		const e = keptPersonCommitments(index, personId, assignments, mine.list, opts, cached, (deps) =>
			derivePerson(index, personId, assignments, mine.list, opts, deps)
		);
		if (e.list.length === 0) continue;
		if (e.list[0]!.source.type === 'assignment') out.set(personId, e.list);
		else later.push({ person: personId, at: mine.at[e.firstOwn]!, list: e.list });
	}
	for (const [personId, mine] of own) {
		if (index.assignmentsByPerson.has(personId)) continue;
		const e = keptPersonCommitments(index, personId, [], mine.list, opts, cached, (deps) =>
			derivePerson(index, personId, [], mine.list, opts, deps)
		);
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
