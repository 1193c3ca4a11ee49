/**
 * The clash engine: every problem in a plan, each with a kind, a severity, the people and items
 * involved and one sentence a person can act on. Pure: the viewer, the locale and the rules are
 * arguments.
 *
 * Severity: `definite` when the problem holds however the fuzzy dates fall (every candidate
 * window, every day of "early May"); `possible` when some way they could fall has it. A fuzzy
 * window's possible days form an interval, so checking its first and last day decides "every".
 *
 * Speed: a person's commitments are sorted by start and swept with a list of the ones still
 * open, so only neighbours within the longest travel time are compared — near-linear in the
 * number of commitments. `strategy: 'oracle'` compares every pair instead, for tests and the bench.
 *
 * Reuse: after an edit the server indexes a new plan in which every unchanged entity is the same
 * object. Each person's commitments and findings, each item's and dependency's clashes and each
 * merged sentence are kept by the objects they were made from (WeakMaps, checked against the
 * objects they read), so the first call after an edit redoes only what the edit touched. The
 * oracle derives everything afresh, which is what the tests and the bench compare with.
 * Note for host-calendar.ts: an item's weekend and holiday clashes are kept while the item, its
 * location and its assignments are the same objects; a new input to them must join itemDeps.
 *
 * Busy periods never clash with each other (they only matter against what the plan needs), and
 * `no-lead` is an organizers' finding: shown to them only, involving nobody.
 */
import { formatBounds, formatDay, formatSpec, resolve, specBounds } from './dates.ts';
import {
	ANONYMOUS,
	canSee,
	commitmentsByPerson,
	DEFAULT_COMMITMENT_OPTIONS,
	slotsOf,
	type CommitmentOptions,
	type PersonCommitment,
	type Slot,
	type Viewer
} from './commitments.ts';
import { daysOff, weekendLabel, type DayOff } from './host-calendar.ts';
import {
	DAY_MS,
	epochDay,
	epochDayIn,
	gapBetween,
	HOUR_MS,
	inclusiveDays,
	intersectAll,
	intersectRanges,
	rangesIntersect,
	rangeWithinRange,
	type Range
} from './intervals.ts';
import { linkedEventMismatch, type PlanIndex } from './plan-index.ts';
import type { DateSpec, Dependency, Item, Location } from './schema.ts';
import {
	DEFAULT_TRAVEL_RULE,
	describeNeed,
	maxTravelMs,
	travelNeed,
	type TravelNeed,
	type TravelRule
} from './travel.ts';

export type ClashKind =
	| 'overlap'
	| 'travel'
	| 'weekend'
	| 'holiday'
	| 'linked-event'
	| 'dependency'
	| 'no-lead'
	| 'unresolved-lead';

export type Severity = 'definite' | 'possible';

/** Display order, most urgent first. */
export const CLASH_KINDS: readonly ClashKind[] = [
	'overlap',
	'travel',
	'weekend',
	'holiday',
	'linked-event',
	'dependency',
	'unresolved-lead',
	'no-lead'
];

export const CLASH_KIND_LABEL: Record<ClashKind, string> = {
	overlap: 'Double-booked',
	travel: 'Not enough travel time',
	weekend: 'On a weekend at the host location',
	holiday: 'On a public holiday at the host location',
	'linked-event': 'Dates disagree with the outside event',
	dependency: 'Starts before what it depends on ends',
	'unresolved-lead': 'Lead not resolved to a person',
	'no-lead': 'No lead'
};

export type Clash = {
	/** Stable within a plan: the kind and what it is about. */
	id: string;
	kind: ClashKind;
	severity: Severity;
	/** `soft` when a commitment involved is only "if need be" (support role, soft busy). */
	strength: 'hard' | 'soft';
	people: string[];
	items: string[];
	/** Ids of the plan's commitments (events, busy periods) involved that the viewer may see. */
	commitments: string[];
	message: string;
};

export type ClashOptions = {
	viewer: Viewer;
	locale: string;
	travel: TravelRule;
	commitments: CommitmentOptions;
	/**
	 * `sweep` reuses what earlier calls derived from the same entity objects (see
	 * commitments.ts); `oracle` compares every pair and derives everything afresh.
	 */
	strategy: 'sweep' | 'oracle';
	/**
	 * Items whose latest day is before this day raise no clashes, nor do commitments that are
	 * over by then. Null: nothing is over but what the plan marks `done` (the caller decides what
	 * "today" is; the demo plan is all in the past).
	 */
	today: string | null;
};

export const DEFAULT_CLASH_OPTIONS: ClashOptions = {
	viewer: ANONYMOUS,
	locale: 'en-GB',
	travel: DEFAULT_TRAVEL_RULE,
	commitments: DEFAULT_COMMITMENT_OPTIONS,
	strategy: 'sweep',
	today: null
};

// ---------------------------------------------------------------------------------------------
// Person clashes: two commitments of one person

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

function locationOf(index: PlanIndex, place: string | null): Location | undefined {
	return place && place !== 'online' ? index.locations.get(place) : undefined;
}

/** Travel needs by rule, then by the two Location objects: a plan has few places, many pairs. */
const travelCache = new WeakMap<TravelRule, WeakMap<Location, WeakMap<Location, TravelNeed>>>();

function travelBetween(index: PlanIndex, a: string | null, b: string | null, rule: TravelRule) {
	const la = locationOf(index, a);
	const lb = locationOf(index, b);
	if (!la || !lb) return null;
	let byA = travelCache.get(rule);
	if (!byA) travelCache.set(rule, (byA = new WeakMap()));
	let byB = byA.get(la);
	if (!byB) byA.set(la, (byB = new WeakMap()));
	let need = byB.get(lb);
	if (!need) byB.set(lb, (need = travelNeed(la, lb, rule)));
	return need;
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

/** The brute-force oracle: every pair of a person's commitments. */
function allPairs(
	byPerson: Map<string, PersonCommitment[]>,
	index: PlanIndex,
	rule: TravelRule
): PairFinding[] {
	const out: PairFinding[] = [];
	for (const list of byPerson.values()) {
		for (let i = 0; i < list.length; i++) {
			for (let j = i + 1; j < list.length; j++) {
				const f = classifyPair(list[i]!, list[j]!, index, rule);
				if (f) out.push(f);
			}
		}
	}
	return out;
}

/** Done items (status, or over before `today`) raise no new clashes. */
function itemOver(index: PlanIndex, item: Item, today: string | null): boolean {
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
function liveOf(index: PlanIndex, list: PersonCommitment[], today: string | null) {
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
type PersonFindings = { all: PairFinding[]; shared: PairFinding[]; own: PairGroup[] };

function strengthOf(f: PairFinding): 'hard' | 'soft' {
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

/**
 * A person's findings, kept by their commitment list: the list is the same array as long as
 * nothing it was derived from changed (commitments.ts), and so are the findings.
 */
const pairCache = new WeakMap<
	TravelRule,
	WeakMap<PersonCommitment[], Map<string, PersonFindings>>
>();

function sweptPairs(
	index: PlanIndex,
	list: PersonCommitment[],
	rule: TravelRule,
	today: string | null
): PersonFindings {
	let byList = pairCache.get(rule);
	if (!byList) pairCache.set(rule, (byList = new WeakMap()));
	let byDay = byList.get(list);
	if (!byDay) byList.set(list, (byDay = new Map<string, PersonFindings>()));
	const key = today ?? '';
	let found = byDay.get(key);
	if (!found) {
		found = splitFindings(sweepPairs(new Map([['', liveOf(index, list, today)]]), index, rule));
		byDay.set(key, found);
	}
	return found;
}

/** Each person's findings by the chosen strategy; the oracle's are all `shared` (merged globally). */
function findingsByPerson(index: PlanIndex, o: ClashOptions): PersonFindings[] {
	if (o.strategy === 'oracle') {
		const byPerson = commitmentsByPerson(index, o.commitments, false);
		for (const [person, list] of byPerson) byPerson.set(person, liveOf(index, list, o.today));
		const all = allPairs(byPerson, index, o.travel);
		return [{ all, shared: all, own: [] }];
	}
	const out: PersonFindings[] = [];
	for (const list of commitmentsByPerson(index, o.commitments).values())
		out.push(sweptPairs(index, list, o.travel, o.today));
	return out;
}

/** Every person clash before merging, by the chosen strategy (exported for the oracle tests). */
export function personPairFindings(
	index: PlanIndex,
	options: Partial<ClashOptions> = {}
): PairFinding[] {
	const o = { ...DEFAULT_CLASH_OPTIONS, ...options };
	const out: PairFinding[] = [];
	for (const p of findingsByPerson(index, o)) for (const f of p.all) out.push(f);
	return out;
}

// ---------------------------------------------------------------------------------------------
// Sentences

function names(index: PlanIndex, ids: string[]): string {
	const list = ids.map((id) => index.people.get(id)?.name ?? id);
	if (list.length <= 1) return list[0] ?? '';
	return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/**
 * What a spec means, as a short string (its wording aside): specs that read alike share their
 * formatted dates, so a big plan formats each distinct date once, not once per clash.
 */
function specKey(s: DateSpec): string {
	switch (s.type) {
		case 'day':
			return `d${s.date}`;
		case 'range':
			return `r${s.start}/${s.end}`;
		case 'timed':
			return `t${s.start}/${s.end}/${s.zone}`;
		case 'month':
			return `m${s.year}-${s.month}`;
		case 'part-of-month':
			return `p${s.part}${s.year}-${s.month}`;
		case 'part-of-year':
			return `y${s.part}${s.year}`;
		case 'quarter':
			return `q${s.year}-${s.quarter}`;
		case 'by':
			return `b${s.from ?? ''}/${s.date}`;
		case 'candidates':
			return `c${s.windows.map((w) => `${w.start}/${w.end}`).join(',')}`;
		case 'tbd':
			return 'tbd';
	}
}

/** Formatted text by locale and spec meaning; cleared when it grows past what one plan needs. */
const MAX_CACHED = 200_000;
const texts = new Map<string, string>();

function cachedText(key: string, write: () => string): string {
	let text = texts.get(key);
	if (text === undefined) {
		if (texts.size >= MAX_CACHED) texts.clear();
		texts.set(key, (text = write()));
	}
	return text;
}

/** In front of the text cache: a spec object's texts by locale, found without building a key. */
const specTexts = new WeakMap<DateSpec, Map<string, { w?: string; b?: string }>>();

function specText(spec: DateSpec, what: 'w' | 'b', locale: string, write: () => string): string {
	let mine = specTexts.get(spec);
	if (!mine) specTexts.set(spec, (mine = new Map<string, { w?: string; b?: string }>()));
	let texts = mine.get(locale);
	if (!texts) mine.set(locale, (texts = {}));
	return (texts[what] ??= cachedText(`${what}|${locale}|${specKey(spec)}`, write));
}

/** "26–29 Feb 2024"; fuzzy dates keep their wording: "early May 2024 (1–10 May 2024)". */
function whenText(spec: DateSpec, locale: string): string {
	return specText(spec, 'w', locale, () => writeWhen(spec, locale));
}

function writeWhen(spec: DateSpec, locale: string): string {
	// Timed and candidate dates say their days in their wording (resolve's label) already.
	if (spec.type === 'timed' || spec.type === 'candidates') return formatSpec(spec);
	const r = resolve(spec);
	const bounds = formatBounds(r, locale);
	return r.exact ? bounds : `${r.label}, ${bounds}`;
}

/** " in Kathmandu", or nothing when the title already names the place (no "…Kathmandu in Kathmandu"). */
function inPlace(title: string, city: string): string {
	const named = new RegExp(
		`(^|[^\\p{L}])${city.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`,
		'iu'
	);
	return named.test(title) ? '' : ` in ${city}`;
}

function cityOf(index: PlanIndex, place: string | null): string | null {
	if (place === 'online') return 'online';
	return locationOf(index, place)?.city ?? null;
}

/** What the first commitment has them do: "is at MWC Barcelona 2024", "lead …", "are busy". */
function doing(c: PersonCommitment, visible: boolean, index: PlanIndex, plural: boolean): string {
	const be = plural ? 'are' : 'is';
	if (!visible || c.source.type === 'busy')
		return visible && c.reason ? `${be} busy (${c.reason})` : `${be} busy`;
	const title = (c.item ? index.items.get(c.item)?.title : undefined) ?? c.reason;
	if (c.source.type === 'event') return `${be} at ${title}`;
	switch (c.source.role) {
		case 'lead':
			return `${plural ? 'lead' : 'leads'} ${title}`;
		case 'speaker':
			return `${plural ? 'speak' : 'speaks'} at ${title}`;
		case 'support':
			return `${plural ? 'support' : 'supports'} ${title}`;
		default:
			return `${be} at ${title}`;
	}
}

function titleOf(c: PersonCommitment, visible: boolean, index: PlanIndex): string {
	if (!visible) return 'another commitment';
	const title = c.item ? index.items.get(c.item)?.title : undefined;
	return title ?? (c.reason || 'another commitment');
}

/** Days both certainly occupy (all-day only): the cores of their exact placements intersected. */
function certainDays(a: PersonCommitment, b: PersonCommitment): Range | null {
	const core = (c: PersonCommitment) => {
		if (c.placements.some((s) => s.days === null)) return null;
		return intersectAll(c.placements.map((s) => s.days!));
	};
	const ca = core(a);
	const cb = core(b);
	return ca && cb ? intersectRanges(ca, cb) : null;
}

function daysLabel(r: Range, locale: string): string {
	return cachedText(`d|${locale}|${r.start}|${r.end}`, () => {
		const { first, last } = inclusiveDays(r);
		return formatBounds({ earliest: first, latest: last, exact: true, label: '' }, locale);
	});
}

/** May the viewer see this commitment as it would be for each of these people? */
function seenByAll(c: PersonCommitment, people: readonly string[], viewer: Viewer): boolean {
	if (c.visibility === 'public' || viewer.type === 'organizer') return true;
	return people.every((p) => viewer.type === 'person' && p === viewer.id);
}

/** The sentence for one person clash (also the date finder's reason for someone missing). */
export function pairMessage(
	index: PlanIndex,
	f: PairFinding,
	people: string[],
	viewer: Viewer,
	locale: string
): string {
	const { a, b, need } = f;
	// A merged clash shows one person's busy reason only if every viewer-check passes.
	const seeA = seenByAll(a, people, viewer);
	const seeB = seenByAll(b, people, viewer);
	const who = names(index, people);
	const cityA = seeA ? cityOf(index, a.place) : null;
	const cityB = seeB ? cityOf(index, b.place) : null;
	const whenA = seeA ? ` (${whenText(a.when, locale)})` : ` ${daysLabelOf(a, locale)}`;
	const whenB = seeB ? ` (${whenText(b.when, locale)})` : ` ${daysLabelOf(b, locale)}`;
	const where = cityB && cityB !== 'online' ? inPlace(titleOf(b, seeB, index), cityB) : '';
	// Where a private commitment is stays private too, and so does how far away it is.
	const travelPart =
		need && need.ms > 0 && seeA && seeB
			? cityA && cityB
				? `, and ${cityA}–${cityB} (${Math.round(need.km).toLocaleString('en-GB')} km) needs ${describeNeed(need.need)}`
				: `, and getting there needs ${describeNeed(need.need)}`
			: '';
	const head = `${who} ${doing(a, seeA, index, people.length > 1)}${whenA}; ${titleOf(b, seeB, index)}${whenB}`;
	if (f.kind === 'overlap') {
		if (f.severity === 'possible')
			return `${head} may fall on the same days and would need them${where}: fix the dates to be sure${travelPart}.`;
		const days = certainDays(a, b);
		const choice = a.fuzzy || b.fuzzy;
		const on = days
			? ` on ${daysLabel(days, locale)}${choice ? ' whichever window is chosen' : ''}`
			: choice
				? ' in every proposed window'
				: ' at the same time';
		return `${head} needs them${where}${on}${travelPart}.`;
	}
	const gap =
		f.severity === 'definite'
			? 'the dates leave less'
			: 'the dates may leave less: fix them to be sure';
	return `${head} needs them${where}${travelPart.replace(/^, and /, ': ')} between the two, and ${gap}.`;
}

/** A private commitment still shows when it is: only its reason and place are withheld. */
function daysLabelOf(c: PersonCommitment, locale: string): string {
	return specText(c.when, 'b', locale, () => {
		// Only the first and last day are written: no need to word the spec (resolve's label).
		const b = specBounds(c.when);
		return formatBounds(
			{ earliest: b?.[0] ?? null, latest: b?.[1] ?? null, exact: true, label: '' },
			locale
		);
	});
}

// ---------------------------------------------------------------------------------------------
// Item clashes: host calendar, linked events, dependencies, leads

function bindingPeople(index: PlanIndex, itemId: string): string[] {
	const ids = new Set<string>();
	for (const a of index.assignmentsByItem.get(itemId) ?? []) {
		if (a.role === 'optional') continue;
		if (a.assignee.type === 'person') ids.add(a.assignee.person.id);
		if (a.assignee.type === 'group') for (const m of a.assignee.group.members) ids.add(m);
	}
	return [...ids].sort();
}

function regionName(country: string, locale: string): string {
	return cachedText(`c|${locale}|${country}`, () => {
		try {
			return new Intl.DisplayNames([locale, 'en'], { type: 'region' }).of(country) ?? country;
		} catch {
			return country;
		}
	});
}

function slotDays(s: Slot, zone: string): Range {
	if (s.days) return s.days;
	return { start: epochDayIn(s.ms.start, zone), end: epochDayIn(s.ms.end - 1, zone) + 1 };
}

function hostCalendarClashes(index: PlanIndex, item: Item, o: ClashOptions): Clash[] {
	if (item.status === 'cancelled' || item.kind === 'event') return [];
	const loc = locationOf(index, item.location);
	if (!loc) return [];
	const slots = slotsOf(item.when, loc.zone, o.commitments);
	// A month-long window always holds a weekend; only pinned days and candidate windows are
	// checked (the date finder is where fuzzy items get their days).
	if (!slots || (slots.fuzzy && item.when.type !== 'candidates')) return [];
	const perSlot = slots.placements.map((s) => {
		const days = slotDays(s, loc.zone);
		const off: DayOff[] = [];
		for (let d = days.start; d < days.end; d++) off.push(...daysOff(loc, d));
		return off;
	});
	const out: Clash[] = [];
	const country = regionName(loc.country, o.locale);
	for (const reason of ['weekend', 'holiday'] as const) {
		const hits = perSlot.map((off) => off.filter((x) => x.reason === reason));
		const n = hits.filter((h) => h.length > 0).length;
		if (n === 0) continue;
		const seen = new Map<string, DayOff>();
		for (const h of hits) for (const x of h) seen.set(`${x.date}|${x.name}`, x);
		const days = [...seen.values()].sort((x, y) => (x.date < y.date ? -1 : 1));
		const severity: Severity = n === slots.placements.length ? 'definite' : 'possible';
		const at = `${item.title}${inPlace(item.title, loc.city)}`;
		const lead =
			slots.placements.length > 1
				? `${n} of ${slots.placements.length} proposed windows for ${at}`
				: at;
		const verb = slots.placements.length > 1 ? 'include' : 'falls on';
		const message =
			reason === 'weekend'
				? `${lead} ${verb} ${days.map((x) => formatDay(x.date, o.locale)).join(', ')}: the weekend in ${country} is ${weekendLabel(loc, days[0]?.day)}${severity === 'possible' ? '; choose another window' : ''}.`
				: `${lead} ${verb} ${days.map((x) => `${x.name} (${formatDay(x.date, o.locale)})`).join(', ')}, a public holiday in ${country}${severity === 'possible' ? '; choose another window' : ''}.`;
		out.push({
			id: `${reason}:${item.id}`,
			kind: reason,
			severity,
			strength: 'hard',
			people: bindingPeople(index, item.id),
			items: [item.id],
			commitments: [],
			message
		});
	}
	return out;
}

function linkedEventClash(index: PlanIndex, item: Item, o: ClashOptions): Clash | null {
	if (!item.linkedTo || item.status === 'cancelled') return null;
	const event = index.items.get(item.linkedTo);
	const id = index.dates.get(item.id);
	const ed = index.dates.get(item.linkedTo);
	if (!event || !id?.earliest || !id.latest || !ed?.earliest || !ed.latest) return null;
	const wording = item.when.text?.trim() || id.label;
	const itemDays = { start: epochDay(id.earliest), end: epochDay(id.latest) + 1 };
	const eventDays = { start: epochDay(ed.earliest), end: epochDay(ed.latest) + 1 };
	const base = {
		id: `linked-event:${item.id}`,
		kind: 'linked-event' as const,
		strength: 'hard' as const,
		people: bindingPeople(index, item.id),
		items: [item.id, event.id],
		commitments: []
	};
	if (linkedEventMismatch(index, item))
		return {
			...base,
			severity: 'definite',
			message: `The plan says “${wording}” (${formatBounds(id, o.locale)}) for ${item.title}, but ${event.title} takes place ${formatBounds(ed, o.locale)}: move the item to the event's dates or correct the event.`
		};
	if (!rangeWithinRange(itemDays, eventDays))
		return {
			...base,
			severity: 'possible',
			message: `The plan says “${wording}” (${formatBounds(id, o.locale)}) for ${item.title}, but ${event.title} is only ${formatBounds(ed, o.locale)}: pin the item to the event's dates.`
		};
	return null;
}

/** When an item can start and end, in epoch days (half-open ends) or instants. */
function startEnd(spec: DateSpec): {
	timed: boolean;
	minStart: number;
	maxStart: number;
	minEnd: number;
	maxEnd: number;
} | null {
	if (spec.type === 'tbd') return null;
	if (spec.type === 'timed') {
		const s = Date.parse(spec.start);
		const e = Date.parse(spec.end);
		return { timed: true, minStart: s, maxStart: s, minEnd: e, maxEnd: e };
	}
	if (spec.type === 'candidates') {
		const starts = spec.windows.map((w) => epochDay(w.start));
		const ends = spec.windows.map((w) => epochDay(w.end) + 1);
		return {
			timed: false,
			minStart: Math.min(...starts),
			maxStart: Math.max(...starts),
			minEnd: Math.min(...ends),
			maxEnd: Math.max(...ends)
		};
	}
	const r = resolve(spec);
	const first = epochDay(r.earliest!);
	const last = epochDay(r.latest!);
	return r.exact
		? { timed: false, minStart: first, maxStart: first, minEnd: last + 1, maxEnd: last + 1 }
		: { timed: false, minStart: first, maxStart: last, minEnd: first + 1, maxEnd: last + 1 };
}

/** A timed item's days on its own zone's calendar, when compared with an all-day one. */
function asDays(spec: DateSpec, se: NonNullable<ReturnType<typeof startEnd>>) {
	if (!se.timed || spec.type !== 'timed') return se;
	const s = epochDayIn(se.minStart, spec.zone);
	const e = epochDayIn(se.maxEnd - 1, spec.zone) + 1;
	return { timed: false, minStart: s, maxStart: s, minEnd: e, maxEnd: e };
}

function dependencyClash(
	index: PlanIndex,
	d: Dependency,
	pred: Item,
	succ: Item,
	o: ClashOptions
): Clash | null {
	if (pred.status === 'cancelled' || succ.status === 'cancelled') return null;
	// Once either is done, the order between them is history.
	if (itemOver(index, pred, o.today) || itemOver(index, succ, o.today)) return null;
	let p = startEnd(pred.when);
	let s = startEnd(succ.when);
	if (!p || !s) return null;
	let lag = d.lagDays;
	if (p.timed && s.timed) lag *= DAY_MS;
	else {
		p = asDays(pred.when, p);
		s = asDays(succ.when, s);
	}
	// Finish-to-start: the successor may start once the predecessor's last day (or instant)
	// is over, plus the lag.
	const severity: Severity | null =
		s.maxStart < p.minEnd + lag ? 'definite' : s.minStart < p.maxEnd + lag ? 'possible' : null;
	if (!severity) return null;
	const lagText =
		d.lagDays === 0
			? ''
			: ` and ${Math.abs(d.lagDays)} day${Math.abs(d.lagDays) === 1 ? '' : 's'} ${d.lagDays > 0 ? 'after' : 'before'} that`;
	const verb = severity === 'definite' ? 'starts' : 'can start';
	return {
		id: `dependency:${d.id}`,
		kind: 'dependency',
		severity,
		strength: 'hard',
		people: [
			...new Set([...bindingPeople(index, pred.id), ...bindingPeople(index, succ.id)])
		].sort(),
		items: [succ.id, pred.id],
		commitments: [],
		message: `${succ.title} (${whenText(succ.when, o.locale)}) ${verb} before ${pred.title} (${whenText(pred.when, o.locale)}) ends, but it has to wait for it${lagText}: move one of them.`
	};
}

/** At most this many names in a "who could lead it" list; the rest are counted. */
const MAX_NAMED = 8;

/** "members of WG3 (Ana Lima, Ben Ito and 4 others) could lead it", or null without a group. */
function couldLead(index: PlanIndex, item: Item): string | null {
	const group = item.group ? index.groups.get(item.group) : undefined;
	if (!group || group.members.length === 0) return null;
	const named = group.members.slice(0, MAX_NAMED);
	const rest = group.members.length - named.length;
	const list = names(index, rest > 0 ? [...named, `${rest} others`] : named);
	return `members of ${group.name} could: ${list}`;
}

/**
 * A missing lead is the organizers' to fix: one finding per item, shown to organizers only and
 * involving nobody (it is not on every attendee's page), naming who could take it on.
 */
function leadClashes(index: PlanIndex, item: Item, o: ClashOptions): Clash[] {
	if (item.kind === 'event' || item.status === 'cancelled') return [];
	const leads = (index.assignmentsByItem.get(item.id) ?? []).filter((a) => a.role === 'lead');
	const base = { severity: 'definite' as const, strength: 'hard' as const, commitments: [] };
	if (leads.length === 0) {
		if (o.viewer.type !== 'organizer') return [];
		const who = couldLead(index, item);
		return [
			{
				...base,
				id: `no-lead:${item.id}`,
				kind: 'no-lead',
				people: [],
				items: [item.id],
				message: `${item.title} has no lead: name the person or group responsible${who ? `; ${who}` : ''}.`
			}
		];
	}
	return leads
		.filter((a) => a.assignee.type === 'unresolved')
		.map((a) => ({
			...base,
			id: `unresolved-lead:${a.id}`,
			kind: 'unresolved-lead' as const,
			people: [],
			items: [item.id],
			message: `${item.title}: the plan names its lead as “${a.who}”, which is not a person or group yet: resolve it.`
		}));
}

// ---------------------------------------------------------------------------------------------
// The whole plan

/** FNV-1a, as 8 hex digits: a stable name that does not spell out what it names. */
function digest(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	return (h >>> 0).toString(16).padStart(8, '0');
}

type PairGroup = {
	f: PairFinding;
	strength: 'hard' | 'soft';
	people: string[];
	found: PairFinding[];
};

function viewerKey(viewer: Viewer): string {
	return viewer.type === 'person' ? `person:${viewer.id}` : viewer.type;
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

/**
 * Derived values kept by an entity object (a finding, an item, a dependency) and a key (viewer,
 * locale, today), valid while the other objects they were made from are the same (`deps`).
 */
type Kept<V> = { deps: unknown[]; value: V };
function kept<K extends object, V>(
	cache: WeakMap<K, Map<string, Kept<V>>> | null,
	owner: K,
	key: string,
	deps: unknown[],
	make: () => V
): V {
	if (!cache) return make();
	let byKey = cache.get(owner);
	if (!byKey) cache.set(owner, (byKey = new Map<string, Kept<V>>()));
	const hit = byKey.get(key);
	if (hit && sameList(hit.deps, deps)) return hit.value;
	const value = make();
	byKey.set(key, { deps, value });
	return value;
}

/** Merged clashes by their first finding; valid while the group's findings are the same. */
const mergedCache = new WeakMap<PairFinding, Map<string, Kept<Clash>>>();

function mergePairs(index: PlanIndex, byPerson: PersonFindings[], o: ClashOptions): Clash[] {
	// Findings merge when kind, severity, strength and both commitments' keys agree. Grouped by
	// the two keys in nested maps (no joined key string per finding), in order of first finding.
	const byKeys = new Map<string, Map<string, PairGroup[]>>();
	const groups: PairGroup[] = [];
	for (const p of byPerson) for (const g of p.own) groups.push(g);
	for (const p of byPerson)
		for (const f of p.shared) {
			const strength = strengthOf(f);
			let byB = byKeys.get(f.a.key);
			if (!byB) byKeys.set(f.a.key, (byB = new Map<string, PairGroup[]>()));
			let same = byB.get(f.b.key);
			if (!same) byB.set(f.b.key, (same = []));
			const g = same.find(
				(x) => x.f.kind === f.kind && x.f.severity === f.severity && x.strength === strength
			);
			if (g) {
				if (!g.people.includes(f.person)) g.people.push(f.person);
				g.found.push(f);
			} else {
				const created: PairGroup = { f, strength, people: [f.person], found: [f] };
				same.push(created);
				groups.push(created);
			}
		}
	// A finding is made from its person's commitments, and those from the people, items and
	// places they name (commitments.ts): the same findings make the same sentence.
	const cache = o.strategy === 'oracle' ? null : mergedCache;
	const key = `${viewerKey(o.viewer)}|${o.locale}`;
	return groups.map((g) => kept(cache, g.f, key, g.found, () => mergedClash(index, g, o)));
}

function mergedClash(index: PlanIndex, { f, strength, people, found }: PairGroup, o: ClashOptions) {
	const ids = people.length === 1 ? people : people.sort();
	const commitments: string[] = [];
	const note = (c: PersonCommitment) => {
		if (c.source.type === 'assignment' || !canSee(c, o.viewer)) return;
		if (!commitments.includes(c.source.id)) commitments.push(c.source.id);
	};
	for (const g of found) {
		note(g.a);
		note(g.b);
	}
	const items: string[] = [];
	if (f.b.item !== null) items.push(f.b.item);
	if (f.a.item !== null && f.a.item !== f.b.item) items.push(f.a.item);
	// A private commitment's id can say what it is ("busy-clinic"): hidden ones get a digest.
	const idOf = (c: PersonCommitment) =>
		seenByAll(c, ids, o.viewer) ? c.key : `private:${digest(c.key)}`;
	// Several people merge into one clash per strength: the soft one is told apart.
	const whose = ids.length === 1 ? `:${ids[0]}` : strength === 'soft' ? ':soft' : '';
	return {
		id: `${f.kind}:${idOf(f.a)}+${idOf(f.b)}${whose}`,
		kind: f.kind,
		severity: f.severity,
		strength,
		people: ids,
		items,
		commitments: commitments.sort(),
		message: pairMessage(index, f, ids, o.viewer, o.locale)
	};
}

/**
 * What an item's own clashes are made from besides the item: its place, its event, its group
 * and their members (who could lead it), its assignments (who is bound).
 */
function itemDeps(index: PlanIndex, item: Item, o: ClashOptions): unknown[] {
	const deps: unknown[] = [
		o.commitments,
		item.location ? index.locations.get(item.location) : undefined,
		item.linkedTo ? index.items.get(item.linkedTo) : undefined
	];
	const group = item.group ? index.groups.get(item.group) : undefined;
	deps.push(group);
	if (group) for (const m of group.members) deps.push(index.people.get(m));
	for (const a of index.assignmentsByItem.get(item.id) ?? []) deps.push(a);
	return deps;
}

const itemCache = new WeakMap<Item, Map<string, Kept<Clash[]>>>();

function itemClashes(index: PlanIndex, item: Item, o: ClashOptions): Clash[] {
	if (itemOver(index, item, o.today)) return [];
	const out = hostCalendarClashes(index, item, o);
	const linked = linkedEventClash(index, item, o);
	if (linked) out.push(linked);
	out.push(...leadClashes(index, item, o));
	return out;
}

const dependencyCache = new WeakMap<Dependency, Map<string, Kept<Clash | null>>>();

function dependencyClashes(index: PlanIndex, o: ClashOptions): Clash[] {
	const cache = o.strategy === 'oracle' ? null : dependencyCache;
	const key = `${o.locale}|${o.today ?? ''}`;
	const out: Clash[] = [];
	for (const d of index.plan.dependencies) {
		const pred = index.items.get(d.from);
		const succ = index.items.get(d.to);
		if (!pred || !succ) continue;
		const deps: unknown[] = [pred, succ];
		for (const a of index.assignmentsByItem.get(pred.id) ?? []) deps.push(a);
		for (const a of index.assignmentsByItem.get(succ.id) ?? []) deps.push(a);
		const c = kept(cache, d, key, deps, () => dependencyClash(index, d, pred, succ, o));
		if (c) out.push(c);
	}
	return out;
}

/**
 * Where a clash sorts, as one string: its kind and severity (one letter), its first day (ten
 * characters; undated last) and its id. Kept by the clash: the same clash object is about the
 * same items, so it has the same first day.
 */
const sortKeys = new WeakMap<Clash, string>();

export function clashSortKey(index: PlanIndex, c: Clash): string {
	let key = sortKeys.get(c);
	if (key !== undefined) return key;
	let day = '9999-12-31';
	for (const id of c.items) {
		const e = index.dates.get(id)?.earliest;
		if (e && e < day) day = e;
	}
	const rank = CLASH_KINDS.indexOf(c.kind) * 2 + (c.severity === 'definite' ? 0 : 1);
	key = `${String.fromCharCode(65 + rank)}${day} ${c.id}`;
	sortKeys.set(c, key);
	return key;
}

/**
 * Every clash in the plan, sorted by kind, severity, date and id (ids are unique, so the order
 * is total: a page cursor can name a place in it).
 */
export function findClashes(index: PlanIndex, options: Partial<ClashOptions> = {}): Clash[] {
	const o = { ...DEFAULT_CLASH_OPTIONS, ...options };
	const out = mergePairs(index, findingsByPerson(index, o), o);
	const cache = o.strategy === 'oracle' ? null : itemCache;
	const key = `${o.viewer.type === 'organizer' ? 'o' : '-'}|${o.locale}|${o.today ?? ''}`;
	for (const item of index.plan.items) {
		const deps = cache ? itemDeps(index, item, o) : [];
		for (const c of kept(cache, item, key, deps, () => itemClashes(index, item, o))) out.push(c);
	}
	out.push(...dependencyClashes(index, o));
	// Sort keys computed once per clash, not once per comparison.
	const keyed = out.map((c) => ({ c, k: clashSortKey(index, c) }));
	keyed.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0));
	return keyed.map((k) => k.c);
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
