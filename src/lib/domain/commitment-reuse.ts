/**
 * Reuse of each person's commitments from one plan version to the next. The write path keeps an
 * unchanged entity the same object across versions, so a person's derived list is kept with the
 * objects it was derived from (its deps) and reused while they are all the same: after an edit
 * only the people whose inputs changed are derived again. The cache must name every input the
 * derivation (commitments.ts) reads.
 */
import type { CommitmentOptions } from './commitment-slots.ts';
import { itemPlace } from './commitment-slots.ts';
import type { PersonCommitment } from './commitments.ts';
import type { PlanIndex, ResolvedAssignment } from './plan-index.ts';
import type { Commitment, Item, Location } from './schema.ts';

/**
 * One person's commitments, and the position in their own list of the first plan commitment kept
 * (-1 for none), which orders people as a single pass over the plan's commitments would.
 */
export type PersonEntry = { deps: unknown[]; list: PersonCommitment[]; firstOwn: number };

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

/**
 * A person's entry: a kept one whose deps are all the same objects, else `derive(deps)` (kept for
 * next time). `cached: false` always derives afresh, keeping nothing.
 */
export function keptPersonCommitments(
	index: PlanIndex,
	personId: string,
	assignments: readonly ResolvedAssignment[],
	own: readonly Commitment[],
	opts: CommitmentOptions,
	cached: boolean,
	derive: (deps: unknown[]) => PersonEntry
): PersonEntry {
	const person = index.people.get(personId);
	if (!cached || !person) return derive([]);
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
	const e = derive(personDeps(index, personId, assignments, own));
	entries.unshift(e);
	if (entries.length > ENTRIES_PER_PERSON) entries.length = ENTRIES_PER_PERSON;
	return e;
}
