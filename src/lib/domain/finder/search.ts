/**
 * The in-person finder's fast search: every person's standing for every possible start at once.
 *
 * For one commitment slot, the window starts that clash with it form one run of days (the slot's
 * days widened by the meeting length and the travel time), so each slot marks a run in a
 * per-person difference array, found by testing a handful of starts at its two ends. Prefix sums
 * then give every person's status for every start: O(commitments + people × days), never
 * commitments × windows. finder.oracle.test-helper.ts is the brute force the tests and the bench
 * compare it with.
 */
import { slotsOverlap, slotsTooClose } from '../clashes.ts';
import { ANONYMOUS, type PersonCommitment, type Slot, type Viewer } from '../commitments.ts';
import { DAY_MS, epochDay, plainDate } from '../intervals.ts';
import type { PlanIndex } from '../plan-index.ts';
import type { Location } from '../schema.ts';
import { maxTravelMs, travelNeed } from '../travel.ts';
import { explain, explainWindow } from './explain.ts';
import { hostGrid, type Grid } from './grid.ts';
import {
	IF_NEED_BE,
	MISSING,
	rankTallies,
	type HeatDay,
	type InPersonQuery,
	type InPersonResult,
	type PersonStatus,
	type Tally
} from './model.ts';
import { uniquePeople, type FinderPlan } from './people.ts';

function locationIn(index: PlanIndex, place: string | null): Location | undefined {
	return place && place !== 'online' ? index.locations.get(place) : undefined;
}

/** Travel time between a commitment's place and the host (0 when either is unknown or online). */
function needTo(index: PlanIndex, place: string | null, q: InPersonQuery): number {
	const loc = locationIn(index, place);
	return loc ? travelNeed(loc, q.host, q.travel).ms : 0;
}

/** `needTo`, measured once per place for one search. */
function needCache(index: PlanIndex, q: InPersonQuery): (place: string | null) => number {
	const seen = new Map<string | null, number>();
	return (place) => {
		let ms = seen.get(place);
		if (ms === undefined) seen.set(place, (ms = needTo(index, place, q)));
		return ms;
	};
}

function clashes(slot: Slot, meeting: Slot, needMs: number): boolean {
	return needMs > 0 ? slotsTooClose(slot, meeting, needMs) : slotsOverlap(slot, meeting);
}

/**
 * The run of starts [lo, hi] (grid indices, inclusive) whose window clashes with `slot`; null
 * when none does. Tests only a few starts around each end of the slot.
 */
function clashRun(slot: Slot, needMs: number, g: Grid, q: InPersonQuery): [number, number] | null {
	// The slot's days, widened by the travel time and two days of slack for any zone (UTC days
	// are at most one day off the host's): only the ends of the run are tested exactly.
	const first = Math.min(slot.days?.start ?? Infinity, Math.floor(slot.ms.start / DAY_MS));
	const last = Math.max((slot.days?.end ?? -Infinity) - 1, Math.floor((slot.ms.end - 1) / DAY_MS));
	const reach = Math.ceil(needMs / DAY_MS) + 3;
	let lo = Math.max(0, first - q.days + 1 - reach - g.s0);
	let hi = Math.min(g.n - 1, last + reach - g.s0);
	// The run is contiguous (the same assumption as the scan below): when the start on the slot's
	// first day clashes, its two ends are found by bisection, a few tests instead of a dozen.
	const m = first - g.s0;
	if (m >= lo && m <= hi && clashes(slot, g.slots[m]!, needMs)) {
		let a = lo;
		let b = m; // first clash in [a, b]
		while (a < b) {
			const mid = (a + b) >> 1;
			if (clashes(slot, g.slots[mid]!, needMs)) b = mid;
			else a = mid + 1;
		}
		let c = m;
		let d = hi; // last clash in [c, d]
		while (c < d) {
			const mid = (c + d + 1) >> 1;
			if (clashes(slot, g.slots[mid]!, needMs)) c = mid;
			else d = mid - 1;
		}
		return [a, c];
	}
	while (lo <= hi && !clashes(slot, g.slots[lo]!, needMs)) lo++;
	if (lo > hi) return null;
	while (hi > lo && !clashes(slot, g.slots[hi]!, needMs)) hi--;
	return [lo, hi];
}

function mark(diff: Int32Array, run: [number, number] | null): void {
	if (!run) return;
	diff[run[0]]!++;
	diff[run[1] + 1]!--;
}

/**
 * Every person's status for every start (`status[p * n + i]`), and per start how many required
 * and optional people can come and how many of them only if need be.
 */
type Statuses = {
	status: Uint8Array;
	req: Int32Array;
	opt: Int32Array;
	comp: Int32Array;
};

/**
 * Marks one person's clash runs in the difference arrays: `soft` where some way a commitment's
 * dates may fall clashes, `hard` where every way does. False when nothing of theirs is near the
 * search. The hot loop over every commitment: one call per person, nothing added per commitment.
 */
function markPerson(
	list: readonly PersonCommitment[],
	q: InPersonQuery,
	g: Grid,
	near: { lo: number; hi: number; need: (place: string | null) => number },
	hard: Int32Array,
	soft: Int32Array
): boolean {
	const { lo, hi, need } = near;
	let any = false;
	for (const c of list) {
		if (c.span.end < lo || c.span.start > hi) continue;
		if (c.item !== null && c.item === q.ignoreItem) continue;
		const ms = need(c.place);
		// Possible: some way the dates may fall clashes.
		const hulls = c.hulls;
		let hullRun: [number, number] | null = null;
		for (const h of hulls) {
			const run = (hullRun = clashRun(h, ms, g, q));
			if (run) {
				mark(soft, run);
				any = true;
			}
		}
		if (c.strength !== 'hard') continue;
		// Definite: every way they may fall clashes: the runs intersected.
		let a = 0;
		let b = g.n - 1;
		for (const pl of c.placements) {
			// Exact dates: the placement is the hull, already measured.
			const run = hulls.length === 1 && pl === hulls[0] ? hullRun : clashRun(pl, ms, g, q);
			if (!run) {
				a = 1;
				b = 0;
				break;
			}
			a = Math.max(a, run[0]);
			b = Math.min(b, run[1]);
		}
		if (a <= b) mark(hard, [a, b]);
	}
	return any;
}

function statuses(
	fp: FinderPlan,
	q: InPersonQuery,
	g: Grid,
	people: string[],
	nReq: number
): Statuses {
	const near = {
		lo: g.s0 * DAY_MS - maxTravelMs(q.travel) - 3 * DAY_MS,
		hi: (g.s0 + g.n + q.days) * DAY_MS + maxTravelMs(q.travel) + 3 * DAY_MS,
		need: needCache(fp.index, q)
	};
	const n = g.n;
	const hard = new Int32Array(n + 1);
	const soft = new Int32Array(n + 1);
	const status = new Uint8Array(people.length * n);
	const req = new Int32Array(n);
	const opt = new Int32Array(n);
	const comp = new Int32Array(n);
	for (let p = 0; p < people.length; p++) {
		const list = fp.byPerson.get(people[p]!);
		const count = p < nReq ? req : opt;
		let anyNear = false;
		if (list && list.length > 0) {
			hard.fill(0);
			soft.fill(0);
			anyNear = markPerson(list, q, g, near, hard, soft);
		}
		if (!anyNear) {
			for (let i = 0; i < n; i++) count[i]!++;
			continue;
		}
		// Prefix sums: a start is missing where a definite run covers it, if-need-be where only
		// a possible one does.
		const base = p * n;
		let h = 0;
		let sc = 0;
		for (let i = 0; i < n; i++) {
			h += hard[i]!;
			sc += soft[i]!;
			if (h > 0) status[base + i] = MISSING;
			else {
				count[i]!++;
				if (sc > 0) {
					status[base + i] = IF_NEED_BE;
					comp[i]!++;
				}
			}
		}
	}
	return { status, req, opt, comp };
}

/** The ranked windows, explained. */
export function findInPerson(
	fp: FinderPlan,
	query: InPersonQuery,
	viewer: Viewer = ANONYMOUS,
	locale = 'en-GB'
): InPersonResult {
	const q = query;
	const { required, optional } = uniquePeople(q);
	const people = [...required, ...optional];
	const g = hostGrid(q);
	const st = statuses(fp, q, g, people, required.length);
	const base = people.length + 1;
	const nReq = required.length;
	const tallies: Tally[] = [];
	const heat: HeatDay[] = [];
	const totalDays = epochDay(q.to) - g.s0 + 1;
	for (let i = 0; i < totalDays; i++) {
		const t: Tally | null =
			i < g.n
				? {
						start: i,
						req: st.req[i]!,
						opt: st.opt[i]!,
						compromises: st.comp[i]!,
						allRequired: st.req[i] === nReq
					}
				: null;
		if (t && g.ok[i]) tallies.push(t);
		heat.push({
			date: plainDate(g.s0 + i),
			attending: t && g.ok[i] ? t.req + t.opt : null,
			requiredMissing: t && g.ok[i] ? required.length - t.req : null,
			off: g.offText[i] ?? null
		});
	}
	const good = (t: Tally) => t.allRequired && t.req + t.opt >= q.minAttendees;
	const satisfiable = tallies.some(good);
	const pool = satisfiable ? tallies.filter(good) : tallies;
	const top = pool.sort(rankTallies).slice(0, q.limit);
	const ctx = { fp, q, viewer, locale, required, optional, base };
	return {
		satisfiable,
		candidates: top.map((t) =>
			explain(ctx, g.s0 + t.start, (p) => st.status[p * g.n + t.start]! as PersonStatus, [])
		),
		proposed: q.windows.map((w) => explainWindow(ctx, w)),
		heat,
		required,
		optional,
		considered: tallies.length
	};
}
