/**
 * The clash engine's public entry: every problem in a plan, each with a kind, a severity, the
 * people and items involved and one sentence a person can act on. Pure: the viewer, the locale
 * and the rules are arguments.
 *
 * Where each part lives:
 * - clash-model.ts: kinds, severities, the Clash shape and the options.
 * - clash-sweep.ts: person clashes (overlap, travel), found by a sort-and-sweep per person.
 * - clash-items.ts: item and dependency clashes (weekend, holiday, linked event, dependency, lead).
 * - clash-plan.ts: merging findings across people, adding item clashes, sorting.
 * - clash-sentences.ts: the sentence of every clash.
 * - clash-cache.ts: what is kept between calls, by the objects it was made from.
 * - clashes.oracle.test-helper.ts: the brute-force oracle the tests and the bench compare with.
 */
import { DEFAULT_CLASH_OPTIONS, type Clash, type ClashOptions } from './clash-model.ts';
import { planClashes } from './clash-plan.ts';
import { sweepFindings, type PairFinding } from './clash-sweep.ts';
import type { PlanIndex } from './plan-index.ts';

export {
	CLASH_KIND_LABEL,
	CLASH_KINDS,
	DEFAULT_CLASH_OPTIONS,
	type Clash,
	type ClashKind,
	type ClashOptions,
	type Severity
} from './clash-model.ts';
export { clashSortKey } from './clash-plan.ts';
export { pairMessage } from './clash-sentences.ts';
export { classifyPair, slotsOverlap, slotsTooClose, type PairFinding } from './clash-sweep.ts';

/** Every person clash before merging (the oracle tests compare these pair by pair). */
export function personPairFindings(
	index: PlanIndex,
	options: Partial<ClashOptions> = {}
): PairFinding[] {
	const o = { ...DEFAULT_CLASH_OPTIONS, ...options };
	const out: PairFinding[] = [];
	for (const p of sweepFindings(index, o)) for (const f of p.all) out.push(f);
	return out;
}

/**
 * Every clash in the plan, sorted by kind, severity, date and id (ids are unique, so the order
 * is total: a page cursor can name a place in it). Reuses what earlier calls derived from the
 * same entity objects (clash-cache.ts), so the first call after an edit redoes only what changed.
 */
export function findClashes(index: PlanIndex, options: Partial<ClashOptions> = {}): Clash[] {
	const o = { ...DEFAULT_CLASH_OPTIONS, ...options };
	return planClashes(index, sweepFindings(index, o), o, true);
}

/** The clashes that involve a person (as one of the people) or an item. */
export function clashesFor(
	clashes: readonly Clash[],
	filter: { person?: string; item?: string }
): Clash[] {
	return clashes.filter(
		(c) =>
			(filter.person === undefined || c.people.includes(filter.person)) &&
			(filter.item === undefined || c.items.includes(filter.item))
	);
}

/** How many clashes involve each item, for marking items in the Gantt and the calendar. */
export function clashCountsByItem(clashes: readonly Clash[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const c of clashes) for (const id of c.items) counts.set(id, (counts.get(id) ?? 0) + 1);
	return counts;
}
