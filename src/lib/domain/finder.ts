/**
 * The in-person date finder: N consecutive days at a host location inside a search window, for
 * required and optional people, ranked and explained. It uses the clash engine's own rules: the
 * same commitments (`commitments.ts`), the same slot tests and travel rule (`clashes.ts`,
 * `travel.ts`), the same host weekends and holidays (`host-calendar.ts`), and the engine's own
 * sentences for why someone cannot come. Pure: the plan, the query and the viewer are arguments.
 *
 * Who can come to the window starting on day s: a person is *missing* when one of their hard
 * commitments clashes with it whatever its fuzzy dates turn out to be (the engine's `definite`);
 * they can come *if need be* when only a soft commitment clashes or a fuzzy one may (`possible`).
 *
 * Speed: for one commitment slot, the window starts that clash with it form one run of days (the
 * slot's days widened by the meeting length and the travel time), so each slot marks a run in a
 * per-person difference array, found by testing a handful of starts at its two ends. Prefix sums
 * then give every person's status for every start: O(commitments + people × days), never
 * commitments × windows. `findInPersonOracle` is the brute force (every window × person ×
 * commitment through the engine's `classifyPair`) the tests and the bench compare with.
 */
import { classifyPair, pairMessage, slotsOverlap, slotsTooClose } from './clashes.ts';
import {
	ANONYMOUS,
	commitmentsByPerson,
	DEFAULT_COMMITMENT_OPTIONS,
	daySlot,
	type PersonCommitment,
	type Slot,
	type Viewer
} from './commitments.ts';
import { addDays, formatDay, formatDayRange } from './dates.ts';
import { daysOff, weekendLabel, type DayOff } from './host-calendar.ts';
import { DAY_MS, epochDay, plainDate } from './intervals.ts';
import { resolveNames } from './people.ts';
import type { PlanIndex } from './plan-index.ts';
import type { Location, PlainDate } from './schema.ts';
import { DEFAULT_TRAVEL_RULE, maxTravelMs, travelNeed, type TravelRule } from './travel.ts';

// ---------------------------------------------------------------------------------------------
// Naming people: ids, initials, groups, roles

export type PeopleResolution = { ids: string[]; unknown: string[] };

/**
 * Turns what an organizer types into person ids: ids, initials, full names, groups, roles,
 * "all members", "everyone" (see `resolveNames`, which also says what was meant and suggests
 * names for the rest). Unknown and ambiguous words are returned, not dropped.
 */
export function resolvePeople(index: PlanIndex, tokens: readonly string[]): PeopleResolution {
	const r = resolveNames(index, tokens);
	return { ids: r.ids, unknown: r.problems.map((p) => p.token) };
}

// ---------------------------------------------------------------------------------------------
// Query and answer

export type WindowDays = { start: PlainDate; end: PlainDate };

export type InPersonQuery = {
	host: Location;
	/** Consecutive days the meeting takes. */
	days: number;
	/** The search window, inclusive: every candidate lies wholly inside it. */
	from: PlainDate;
	to: PlainDate;
	required: readonly string[];
	optional: readonly string[];
	/** Fewest people (required and optional) who must be able to come. */
	minAttendees: number;
	avoidWeekends: boolean;
	avoidHolidays: boolean;
	travel: TravelRule;
	/** The item being scheduled: its own dates bind nobody while we look for new ones. */
	ignoreItem: string | null;
	/** How many candidates to return. */
	limit: number;
	/** Windows to explain directly ("why not these?"), e.g. the plan's proposed dates. */
	windows: readonly WindowDays[];
	/**
	 * How many optional people per candidate get every reason written out (required people
	 * always do; so does everyone in a window asked about directly). The others get one short
	 * summary sentence, and the candidate counts them in `summarized`.
	 */
	detail: number;
};

export const DEFAULT_IN_PERSON = {
	minAttendees: 0,
	avoidWeekends: true,
	avoidHolidays: true,
	travel: DEFAULT_TRAVEL_RULE,
	ignoreItem: null,
	limit: 10,
	windows: [],
	detail: 25
} satisfies Partial<InPersonQuery>;

export type Absence = { person: string; reasons: string[] };

export type InPersonCandidate = {
	start: PlainDate;
	end: PlainDate;
	/** "Tue 27 – Wed 28 Feb 2024". */
	label: string;
	/** Higher is better; the ranking key packed into one number (see `scoreOf`). */
	score: number;
	attending: string[];
	missing: Absence[];
	/** People who can come only if need be (a soft commitment, or a fuzzy one that may clash). */
	ifNeedBe: Absence[];
	allRequired: boolean;
	requiredAttending: number;
	optionalAttending: number;
	/** Host weekends and holidays inside the window, as sentences. */
	daysOff: string[];
	/** Rules this window breaks (only for windows evaluated directly). */
	breaks: string[];
	/**
	 * Optional people (missing or if need be) whose reasons were summarized in one sentence
	 * rather than written out; 0 when every reason is there. Ask about the window directly
	 * (`windows`) for all of them.
	 */
	summarized: number;
};

export type HeatDay = {
	date: PlainDate;
	/** People who could come to a meeting starting that day (null: no meeting can start then). */
	attending: number | null;
	requiredMissing: number | null;
	/** A weekend or holiday at the host. */
	off: string | null;
};

export type InPersonResult = {
	/** Some window lets every required person come with at least `minAttendees`. */
	satisfiable: boolean;
	candidates: InPersonCandidate[];
	/** The windows asked about directly, each explained. */
	proposed: InPersonCandidate[];
	heat: HeatDay[];
	/** People considered, required and optional, after de-duplication. */
	required: string[];
	optional: string[];
	/** Window starts that obey the host-calendar rules. */
	considered: number;
};

/** Commitments per person, derived once per plan and shared by every search. */
export type FinderPlan = {
	index: PlanIndex;
	byPerson: Map<string, PersonCommitment[]>;
};

export function prepareFinder(index: PlanIndex): FinderPlan {
	return { index, byPerson: commitmentsByPerson(index, DEFAULT_COMMITMENT_OPTIONS) };
}

// ---------------------------------------------------------------------------------------------
// The fast search

type Grid = {
	s0: number;
	/** Number of possible starts. */
	n: number;
	/** The meeting's slot for each start. */
	slots: Slot[];
	/** 1 where the start obeys the host calendar rules. */
	ok: Uint8Array;
	offText: (string | null)[];
};

function hostGrid(q: InPersonQuery): Grid {
	const s0 = epochDay(q.from);
	const last = epochDay(q.to);
	const n = Math.max(0, last - q.days + 1 - s0 + 1);
	const daysInWindow = last - s0 + 1;
	const bad = new Uint8Array(daysInWindow);
	const offText: (string | null)[] = [];
	for (let i = 0; i < daysInWindow; i++) {
		const off = daysOff(q.host, s0 + i);
		const counts = off.filter(
			(o) =>
				(o.reason === 'weekend' && q.avoidWeekends) || (o.reason === 'holiday' && q.avoidHolidays)
		);
		bad[i] = counts.length > 0 ? 1 : 0;
		offText.push(off.length ? off.map((o) => o.name).join(', ') : null);
	}
	const ok = new Uint8Array(n);
	let run = 0;
	for (let i = 0; i < q.days - 1 && i < daysInWindow; i++) run += bad[i]!;
	for (let s = 0; s < n; s++) {
		run += bad[s + q.days - 1]!;
		ok[s] = run === 0 ? 1 : 0;
		run -= bad[s]!;
	}
	const slots: Slot[] = [];
	for (let s = 0; s < n; s++)
		slots.push(
			daySlot({ start: s0 + s, end: s0 + s + q.days }, q.host.zone, DEFAULT_COMMITMENT_OPTIONS)
		);
	return { s0, n, slots, ok, offText };
}

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

export type PersonStatus = 0 | 1 | 2; // free, if need be, missing
const FREE = 0;
const IF_NEED_BE = 1;
const MISSING = 2;

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

function statuses(
	fp: FinderPlan,
	q: InPersonQuery,
	g: Grid,
	people: string[],
	nReq: number
): Statuses {
	const lo = g.s0 * DAY_MS - maxTravelMs(q.travel) - 3 * DAY_MS;
	const hi = (g.s0 + g.n + q.days) * DAY_MS + maxTravelMs(q.travel) + 3 * DAY_MS;
	const n = g.n;
	const need = needCache(fp.index, q);
	const hard = new Int32Array(n + 1);
	const soft = new Int32Array(n + 1);
	const status = new Uint8Array(people.length * n);
	const req = new Int32Array(n);
	const opt = new Int32Array(n);
	const comp = new Int32Array(n);
	for (let p = 0; p < people.length; p++) {
		const list = fp.byPerson.get(people[p]!);
		const count = p < nReq ? req : opt;
		if (!list || list.length === 0) {
			for (let i = 0; i < n; i++) count[i]!++;
			continue;
		}
		hard.fill(0);
		soft.fill(0);
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
			let b = n - 1;
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
		if (!any) {
			for (let i = 0; i < n; i++) count[i]!++;
			continue;
		}
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

type Tally = {
	start: number;
	req: number;
	opt: number;
	compromises: number;
	allRequired: boolean;
};

/**
 * The ranking key packed into one number: all required can come, then required attending, then
 * optional attending, then fewest "if need be", then earliest (the last is the sort's tiebreak).
 */
function scoreOf(t: Tally, base: number): number {
	return (
		(((t.allRequired ? 1 : 0) * base + t.req) * base + t.opt) * base + (base - 1 - t.compromises)
	);
}

function rankTallies(a: Tally, b: Tally): number {
	return (
		Number(b.allRequired) - Number(a.allRequired) ||
		b.req - a.req ||
		b.opt - a.opt ||
		a.compromises - b.compromises ||
		a.start - b.start
	);
}

function uniquePeople(q: InPersonQuery): { required: string[]; optional: string[] } {
	const required = [...new Set(q.required)];
	const req = new Set(required);
	return { required, optional: [...new Set(q.optional)].filter((p) => !req.has(p)) };
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

// ---------------------------------------------------------------------------------------------
// Explaining one window: the engine's own pair check and sentence per commitment

type ExplainContext = {
	fp: FinderPlan;
	q: InPersonQuery;
	viewer: Viewer;
	locale: string;
	required: string[];
	optional: string[];
	base: number;
};

/** The planned meeting as one more commitment of a person, for the engine's pair check. */
export function meetingCommitment(
	person: string,
	host: Location,
	start: PlainDate,
	end: PlainDate
): PersonCommitment {
	const days = { start: epochDay(start), end: epochDay(end) + 1 };
	const slot = daySlot(days, host.zone, DEFAULT_COMMITMENT_OPTIONS);
	return {
		key: 'finder:candidate',
		person,
		source: { type: 'assignment', role: 'required', via: null },
		item: null,
		// A unique anchor orders the meeting after fixed commitments in the engine's sentences.
		anchor: 'finder:candidate',
		reason: `a meeting in ${host.city}`,
		place: host.id,
		strength: 'hard',
		visibility: 'public',
		when: { type: 'range', start, end },
		fuzzy: false,
		hulls: [slot],
		placements: [slot],
		span: slot.ms
	};
}

/** The plan index with the host added to its locations, so the engine can measure travel. */
function withHost(index: PlanIndex, host: Location): PlanIndex {
	if (index.locations.get(host.id) === host) return index;
	return { ...index, locations: new Map([...index.locations, [host.id, host]]) };
}

const hostIndexCache = new WeakMap<PlanIndex, Map<string, PlanIndex>>();
function hostIndex(index: PlanIndex, host: Location): PlanIndex {
	let m = hostIndexCache.get(index);
	if (!m) hostIndexCache.set(index, (m = new Map<string, PlanIndex>()));
	const key = JSON.stringify(host);
	let hit = m.get(key);
	if (!hit) m.set(key, (hit = withHost(index, host)));
	return hit;
}

/** One meeting object per window, shared by everyone, so its wording is formatted once. */
const windowMeetings = new Map<string, PersonCommitment>();
function windowMeeting(host: Location, start: PlainDate, end: PlainDate): PersonCommitment {
	const key = `${JSON.stringify(host)}|${start}|${end}`;
	let m = windowMeetings.get(key);
	if (!m) {
		if (windowMeetings.size > 5000) windowMeetings.clear();
		windowMeetings.set(key, (m = meetingCommitment('', host, start, end)));
	}
	return m;
}

type Finding = { status: PersonStatus; reasons: string[] };

/** Why one person cannot (or only if need be can) come to one window, by the engine's rules. */
function personFinding(
	ctx: ExplainContext,
	person: string,
	start: PlainDate,
	end: PlainDate
): Finding {
	const { fp, q } = ctx;
	const index = hostIndex(fp.index, q.host);
	const meeting = { ...windowMeeting(q.host, start, end), person };
	// Only commitments within reach can clash (the engine's own sweep uses the same bound).
	const lo = meeting.span.start - maxTravelMs(q.travel) - 2 * DAY_MS;
	const hi = meeting.span.end + maxTravelMs(q.travel) + 2 * DAY_MS;
	const hard: string[] = [];
	const soft: string[] = [];
	for (const c of fp.byPerson.get(person) ?? []) {
		if (c.item !== null && c.item === q.ignoreItem) continue;
		if (c.span.end < lo || c.span.start > hi) continue;
		const f = classifyPair(c, meeting, index, q.travel);
		if (!f) continue;
		const text = pairMessage(index, f, [person], ctx.viewer, ctx.locale);
		if (f.severity === 'definite' && c.strength === 'hard') hard.push(text);
		else soft.push(c.strength === 'soft' ? `Only if need be: ${text}` : text);
	}
	if (hard.length) return { status: MISSING, reasons: hard };
	if (soft.length) return { status: IF_NEED_BE, reasons: soft };
	return { status: FREE, reasons: [] };
}

function daysOffText(q: InPersonQuery, start: PlainDate, end: PlainDate, locale: string): string[] {
	const out: string[] = [];
	for (let d = epochDay(start); d <= epochDay(end); d++)
		for (const o of daysOff(q.host, d)) out.push(dayOffSentence(q.host, o, locale));
	return out;
}

/** "Fri 23 Feb 2024 is the weekend in Riyadh (Friday–Saturday)", or the holiday it is. */
function dayOffSentence(host: Location, o: DayOff, locale: string): string {
	const day = formatDay(o.date, locale);
	return o.reason === 'weekend'
		? `${day} is the weekend in ${host.city} (${weekendLabel(host, o.day)})`
		: `${day} is ${o.name}, a public holiday in ${host.city}`;
}

/**
 * One window, explained. With `statusOf` (a ranked candidate: person index → status from the
 * fast search) free people need no check, and beyond `q.detail` optional people who cannot
 * come (or only if need be) get one summary sentence instead of every reason. Without it (a
 * window asked about directly) everyone is checked and explained in full.
 */
function explain(
	ctx: ExplainContext,
	startDay: number,
	statusOf: ((p: number) => PersonStatus) | null,
	breaks: string[]
): InPersonCandidate {
	const { q, required, optional, locale } = ctx;
	const start = plainDate(startDay);
	const end = plainDate(startDay + q.days - 1);
	const label = formatDayRange(start, end, locale);
	const attending: string[] = [];
	const missing: Absence[] = [];
	const ifNeedBe: Absence[] = [];
	let req = 0;
	let opt = 0;
	let detailed = 0;
	let summarized = 0;
	const nReq = required.length;
	const n = nReq + optional.length;
	for (let i = 0; i < n; i++) {
		const person = i < nReq ? required[i]! : optional[i - nReq]!;
		const known = statusOf ? statusOf(i) : null;
		// The fast path already knows who is free; only the others need their reasons written.
		if (known === FREE) {
			attending.push(person);
			if (i < nReq) req++;
			else opt++;
			continue;
		}
		if (known !== null && i >= nReq && detailed >= q.detail) {
			summarized++;
			if (known === MISSING) missing.push({ person, reasons: [summaryMissing(label)] });
			else {
				attending.push(person);
				opt++;
				ifNeedBe.push({ person, reasons: [summaryIfNeedBe(label)] });
			}
			continue;
		}
		if (known !== null && i >= nReq) detailed++;
		const f = personFinding(ctx, person, start, end);
		if (f.status === MISSING) {
			missing.push({ person, reasons: f.reasons });
			continue;
		}
		attending.push(person);
		if (i < required.length) req++;
		else opt++;
		if (f.status === IF_NEED_BE) ifNeedBe.push({ person, reasons: f.reasons });
	}
	const tally: Tally = {
		start: startDay,
		req,
		opt,
		compromises: ifNeedBe.length,
		allRequired: req === required.length
	};
	return {
		start,
		end,
		label,
		score: scoreOf(tally, ctx.base),
		attending,
		missing,
		ifNeedBe,
		allRequired: tally.allRequired,
		requiredAttending: req,
		optionalAttending: opt,
		daysOff: daysOffText(q, start, end, locale),
		breaks,
		summarized
	};
}

/** The one sentence an optional person gets beyond the detail cap. */
function summaryMissing(label: string): string {
	return `A hard commitment keeps them away (reasons summarized for optional people: ask about ${label} directly for every one).`;
}

function summaryIfNeedBe(label: string): string {
	return `Only if need be: a commitment may clash (reasons summarized for optional people: ask about ${label} directly for every one).`;
}

/** A window asked about directly: explained in full, with every rule it breaks. */
function explainWindow(ctx: ExplainContext, w: WindowDays): InPersonCandidate {
	const { q, locale } = ctx;
	const breaks: string[] = [];
	const len = epochDay(w.end) - epochDay(w.start) + 1;
	if (len !== q.days) breaks.push(`It is ${len} day${len === 1 ? '' : 's'}, not ${q.days}.`);
	if (w.start < q.from || w.end > q.to)
		breaks.push(`It is outside the search window ${formatDayRange(q.from, q.to, locale)}.`);
	for (let d = epochDay(w.start); d <= epochDay(w.end); d++)
		for (const o of daysOff(q.host, d)) {
			if (o.reason === 'weekend' ? q.avoidWeekends : q.avoidHolidays)
				breaks.push(`${dayOffSentence(q.host, o, locale)}.`);
		}
	const c = explain({ ...ctx, q: { ...q, days: len } }, epochDay(w.start), null, breaks);
	if (!c.allRequired)
		breaks.push(
			`${c.missing.filter((m) => ctx.required.includes(m.person)).length} required ${c.missing.length === 1 ? 'person' : 'people'} cannot come.`
		);
	return c;
}

// ---------------------------------------------------------------------------------------------
// The brute-force oracle

/**
 * Every window × person × commitment through the clash engine's `classifyPair`, ranked by the
 * same key. Slow on purpose: the tests and the bench compare the fast search with it.
 */
export function findInPersonOracle(
	fp: FinderPlan,
	q: InPersonQuery
): {
	satisfiable: boolean;
	windows: {
		start: PlainDate;
		end: PlainDate;
		score: number;
		attending: string[];
		compromises: string[];
	}[];
} {
	const { required, optional } = uniquePeople(q);
	const people = [...required, ...optional];
	const index = withHost(fp.index, q.host);
	const base = people.length + 1;
	const all: { t: Tally; attending: string[]; compromises: string[] }[] = [];
	for (let start = q.from; addDays(start, q.days - 1) <= q.to; start = addDays(start, 1)) {
		const end = addDays(start, q.days - 1);
		let off = false;
		for (let d = start; d <= end; d = addDays(d, 1))
			for (const o of daysOff(q.host, epochDay(d)))
				if (
					(o.reason === 'weekend' && q.avoidWeekends) ||
					(o.reason === 'holiday' && q.avoidHolidays)
				)
					off = true;
		if (off) continue;
		const attending: string[] = [];
		const compromises: string[] = [];
		let req = 0;
		let opt = 0;
		people.forEach((person, i) => {
			const meeting = meetingCommitment(person, q.host, start, end);
			let missing = false;
			let soft = false;
			for (const c of fp.byPerson.get(person) ?? []) {
				if (c.item !== null && c.item === q.ignoreItem) continue;
				const f = classifyPair(c, meeting, index, q.travel);
				if (!f) continue;
				if (f.severity === 'definite' && c.strength === 'hard') missing = true;
				else soft = true;
			}
			if (missing) return;
			attending.push(person);
			if (soft) compromises.push(person);
			if (i < required.length) req++;
			else opt++;
		});
		const t: Tally = {
			start: epochDay(start),
			req,
			opt,
			compromises: compromises.length,
			allRequired: req === required.length
		};
		all.push({ t, attending, compromises });
	}
	const good = (t: Tally) => t.allRequired && t.req + t.opt >= q.minAttendees;
	const satisfiable = all.some((a) => good(a.t));
	const pool = satisfiable ? all.filter((a) => good(a.t)) : all;
	pool.sort((a, b) => rankTallies(a.t, b.t));
	return {
		satisfiable,
		windows: pool.slice(0, q.limit).map((a) => ({
			start: plainDate(a.t.start),
			end: plainDate(a.t.start + q.days - 1),
			score: scoreOf(a.t, base),
			attending: a.attending,
			compromises: a.compromises
		}))
	};
}
