/**
 * The person-clash engine: two commitments of one person that overlap, or leave too little time
 * to travel between them. Each person's commitments are sorted by start and swept with a list of
 * the ones still open, so only neighbours within the longest travel time are compared:
 * near-linear in the number of commitments. The brute-force oracle that checks it lives beside
 * the tests (clashes.oracle.test-helper.ts).
 *
 * Busy periods never clash with each other (they only matter against what the plan needs).
 */
import type { ClashOptions, Severity } from './clash-model.ts';
import { keptFindings, keptTravelNeed } from './clash-cache.ts';
import { commitmentsByPerson, type PersonCommitment, type Slot } from './commitments.ts';
import { specBounds } from './dates.ts';
import { gapBetween, HOUR_MS, rangesIntersect } from './intervals.ts';
import type { PlanIndex } from './plan-index.ts';
import type { Item, Location } from './schema.ts';
import {
	DEFAULT_TRAVEL_RULE,
	maxTravelMs,
	travelNeed,
	type TravelNeed,
	type TravelRule
} from './travel.ts';

export type PairFinding = {
	person: string;
	kind: 'overlap' | 'travel';
	severity: Severity;
	/** The fixed one first (busy period, outside event), then the plan item. */
	a: PersonCommitment;
	b: PersonCommitment;
	need: TravelNeed | null;
};

export function slotsOverlap(x: Slot, y: Slot): boolean {
	// Two all-day things clash when they share a calendar day, wherever they are; anything
	// timed is compared as instants (an all-day thing covers its local days).
	return x.days && y.days ? rangesIntersect(x.days, y.days) : rangesIntersect(x.ms, y.ms);
}

export function slotsTooClose(x: Slot, y: Slot, needMs: number): boolean {
	return slotsOverlap(x, y) || gapBetween(x.work, y.work) < needMs;
}

// Plain loops, no closures: these run for every pair the sweep compares. `needMs` < 0 means
// overlap only; otherwise too close for that much travel.
function every(xs: Slot[], ys: Slot[], needMs: number): boolean {
	for (const x of xs)
		for (const y of ys)
			if (!(needMs < 0 ? slotsOverlap(x, y) : slotsTooClose(x, y, needMs))) return false;
	return true;
}
function some(xs: Slot[], ys: Slot[], needMs: number): boolean {
	for (const x of xs)
		for (const y of ys)
			if (needMs < 0 ? slotsOverlap(x, y) : slotsTooClose(x, y, needMs)) return true;
	return false;
}

/** The Location a commitment or item is at; none for online or unplaced. */
export function locationOf(index: PlanIndex, place: string | null): Location | undefined {
	return place && place !== 'online' ? index.locations.get(place) : undefined;
}

/** Travel needs by rule, then by the two Location objects: a plan has few places, many pairs. */
function travelBetween(index: PlanIndex, a: string | null, b: string | null, rule: TravelRule) {
	const la = locationOf(index, a);
	const lb = locationOf(index, b);
	if (!la || !lb) return null;
	return keptTravelNeed(rule, la, lb, () => travelNeed(la, lb, rule));
}

/** Busy periods and outside events first: they are what the plan has to fit around. */
function fixedness(c: PersonCommitment): number {
	return c.source.type === 'busy' ? 0 : c.source.type === 'event' ? 1 : c.anchor === c.item ? 2 : 3;
}

/** True when `x` goes first in a pair (`a`): more fixed, then earlier, then by key. */
function firstOf(x: PersonCommitment, y: PersonCommitment): boolean {
	const fx = fixedness(x);
	const fy = fixedness(y);
	if (fx !== fy) return fx < fy;
	if (x.span.start !== y.span.start) return x.span.start < y.span.start;
	return x.key < y.key;
}

/** The clash between two commitments of one person, if any. Symmetric in its arguments. */
export function classifyPair(
	x: PersonCommitment,
	y: PersonCommitment,
	index: PlanIndex,
	rule: TravelRule = DEFAULT_TRAVEL_RULE
): PairFinding | null {
	if (x.key === y.key) return null;
	// A person's own busy periods only matter against what the plan needs of them: two of them
	// overlapping (a re-imported twin, a clinic during a holiday) is not something to resolve.
	if (x.source.type === 'busy' && y.source.type === 'busy') return null;
	// The presentation at WSIS+20 happens at WSIS+20: being at both is the point.
	if (x.anchor !== null && x.anchor === y.anchor) return null;
	const xFirst = firstOf(x, y);
	const a = xFirst ? x : y;
	const b = xFirst ? y : x;
	const need = travelBetween(index, a.place, b.place, rule);
	const needMs = need?.ms ?? 0;
	let kind: PairFinding['kind'];
	let severity: Severity;
	if (every(a.placements, b.placements, -1)) [kind, severity] = ['overlap', 'definite'];
	else if (needMs > 0 && every(a.placements, b.placements, needMs))
		[kind, severity] = ['travel', 'definite'];
	else if (some(a.hulls, b.hulls, -1)) [kind, severity] = ['overlap', 'possible'];
	else if (needMs > 0 && some(a.hulls, b.hulls, needMs)) [kind, severity] = ['travel', 'possible'];
	else return null;
	return { person: a.person, kind, severity, a, b, need };
}

/** Two all-day things on the same calendar day can be this far apart as instants (zones). */
const ZONE_SLACK_MS = 48 * HOUR_MS;

/** The commitments by span start (a stable sort of a copy, as `[...list].sort` would give). */
function byStart(list: PersonCommitment[]): PersonCommitment[] {
	const n = list.length;
	const starts = new Float64Array(n);
	const order = new Uint32Array(n);
	for (let i = 0; i < n; i++) {
		starts[i] = list[i]!.span.start;
		order[i] = i;
	}
	// Typed-array sort with a comparator; ties keep input order through the index.
	order.sort((p, q) => starts[p]! - starts[q]! || p - q);
	const out = new Array<PersonCommitment>(n);
	for (let i = 0; i < n; i++) out[i] = list[order[i]!]!;
	return out;
}

/** Sort and sweep per person: compare only commitments within reach of each other. */
function sweepPairs(
	byPerson: Map<string, PersonCommitment[]>,
	index: PlanIndex,
	rule: TravelRule
): PairFinding[] {
	const reach = maxTravelMs(rule) + ZONE_SLACK_MS;
	const out: PairFinding[] = [];
	const open: PersonCommitment[] = [];
	for (const list of byPerson.values()) {
		const sorted = byStart(list);
		open.length = 0;
		for (const c of sorted) {
			let kept = 0;
			for (let i = 0; i < open.length; i++) {
				const o = open[i]!;
				if (o.span.end + reach <= c.span.start) continue; // never reaches anything later
				open[kept++] = o;
				const f = classifyPair(o, c, index, rule);
				if (f) out.push(f);
			}
			open.length = kept;
			open.push(c);
		}
	}
	return out;
}

/** Done items (status, or over before `today`) raise no new clashes. */
export function itemOver(index: PlanIndex, item: Item, today: string | null): boolean {
	if (item.status === 'done') return true;
	if (today === null) return false;
	const latest = index.dates.get(item.id)?.latest;
	return latest !== null && latest !== undefined && latest < today;
}

function commitmentOver(index: PlanIndex, c: PersonCommitment, today: string | null): boolean {
	const item = c.item === null ? undefined : index.items.get(c.item);
	if (item?.status === 'done') return true;
	if (today === null) return false;
	const b = specBounds(c.when);
	return b !== null && b[1] < today;
}

/** What is left to clash in a person's list: the list itself when nothing is over. */
export function liveOf(index: PlanIndex, list: PersonCommitment[], today: string | null) {
	for (const c of list)
		if (commitmentOver(index, c, today))
			return list.filter((x) => !commitmentOver(index, x, today));
	return list;
}

/**
 * One person's findings, split for merging: `shared` ones are between two things others may have
 * too (items, outside events) and merge across people; `own` ones involve a busy period, which is
 * this person's alone, so they are grouped here once (re-imported twins share a key).
 */
export type PersonFindings = { all: PairFinding[]; shared: PairFinding[]; own: PairGroup[] };

export function strengthOf(f: PairFinding): 'hard' | 'soft' {
	return f.a.strength === 'hard' && f.b.strength === 'hard' ? 'hard' : 'soft';
}

function splitFindings(all: PairFinding[]): PersonFindings {
	const shared: PairFinding[] = [];
	const own: PairGroup[] = [];
	const byKey = new Map<string, PairGroup>();
	for (const f of all) {
		if (f.a.source.type !== 'busy' && f.b.source.type !== 'busy') {
			shared.push(f);
			continue;
		}
		const strength = strengthOf(f);
		const key = `${f.a.key}|${f.b.key}|${f.kind}|${f.severity}|${strength}`;
		const g = byKey.get(key);
		if (g) g.found.push(f);
		else {
			const created: PairGroup = { f, strength, people: [f.person], found: [f] };
			byKey.set(key, created);
			own.push(created);
		}
	}
	return { all, shared, own };
}

/** Findings that merge into one clash: the first one, its strength and who has it. */
export type PairGroup = {
	f: PairFinding;
	strength: 'hard' | 'soft';
	people: string[];
	found: PairFinding[];
};

/** Each person's findings, swept (and kept by their commitment list, see clash-cache.ts). */
export function sweepFindings(index: PlanIndex, o: ClashOptions): PersonFindings[] {
	const out: PersonFindings[] = [];
	for (const list of commitmentsByPerson(index, o.commitments).values())
		out.push(
			keptFindings(o.travel, list, o.today, () =>
				splitFindings(sweepPairs(new Map([['', liveOf(index, list, o.today)]]), index, o.travel))
			)
		);
	return out;
}
