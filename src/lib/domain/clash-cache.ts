/**
 * Every cache of the clash engine, in one place. All are keyed by objects (WeakMaps) or hold
 * text that never goes stale, so none needs clearing when a plan changes.
 *
 * Reuse: after an edit the server indexes a new plan in which every unchanged entity is the same
 * object. Each person's commitments and findings, each item's and dependency's clashes and each
 * merged sentence are kept by the objects they were made from (WeakMaps, checked against the
 * objects they read), so the first call after an edit redoes only what the edit touched. The
 * oracle (clashes.oracle.test-helper.ts) derives everything afresh, which is what the tests and
 * the bench compare with.
 */
import type { Clash } from './clash-model.ts';
import type { PersonFindings, PairFinding } from './clash-sweep.ts';
import type { PersonCommitment } from './commitments.ts';
import type { DateSpec, Dependency, Item, Location } from './schema.ts';
import type { TravelNeed, TravelRule } from './travel.ts';

/** Travel needs by rule, then by the two Location objects: a plan has few places, many pairs. */
const travelCache = new WeakMap<TravelRule, WeakMap<Location, WeakMap<Location, TravelNeed>>>();

export function keptTravelNeed(
	rule: TravelRule,
	la: Location,
	lb: Location,
	make: () => TravelNeed
): TravelNeed {
	let byA = travelCache.get(rule);
	if (!byA) travelCache.set(rule, (byA = new WeakMap()));
	let byB = byA.get(la);
	if (!byB) byA.set(la, (byB = new WeakMap()));
	let need = byB.get(lb);
	if (!need) byB.set(lb, (need = make()));
	return need;
}

/**
 * A person's findings, kept by their commitment list: the list is the same array as long as
 * nothing it was derived from changed (commitments.ts), and so are the findings.
 */
const pairCache = new WeakMap<
	TravelRule,
	WeakMap<PersonCommitment[], Map<string, PersonFindings>>
>();

/** A person's findings for one `today` (over commitments drop out), made once per list. */
export function keptFindings(
	rule: TravelRule,
	list: PersonCommitment[],
	today: string | null,
	make: () => PersonFindings
): PersonFindings {
	let byList = pairCache.get(rule);
	if (!byList) pairCache.set(rule, (byList = new WeakMap()));
	let byDay = byList.get(list);
	if (!byDay) byList.set(list, (byDay = new Map<string, PersonFindings>()));
	const key = today ?? '';
	let found = byDay.get(key);
	if (!found) {
		found = make();
		byDay.set(key, found);
	}
	return found;
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

export function cachedText(key: string, write: () => string): string {
	let text = texts.get(key);
	if (text === undefined) {
		if (texts.size >= MAX_CACHED) texts.clear();
		texts.set(key, (text = write()));
	}
	return text;
}

/** In front of the text cache: a spec object's texts by locale, found without building a key. */
const specTexts = new WeakMap<DateSpec, Map<string, { w?: string; b?: string }>>();

export function specText(
	spec: DateSpec,
	what: 'w' | 'b',
	locale: string,
	write: () => string
): string {
	let mine = specTexts.get(spec);
	if (!mine) specTexts.set(spec, (mine = new Map<string, { w?: string; b?: string }>()));
	let texts = mine.get(locale);
	if (!texts) mine.set(locale, (texts = {}));
	return (texts[what] ??= cachedText(`${what}|${locale}|${specKey(spec)}`, write));
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
export type Kept<V> = { deps: unknown[]; value: V };
export function kept<K extends object, V>(
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
export const mergedCache = new WeakMap<PairFinding, Map<string, Kept<Clash>>>();

/** An item's own clashes (host calendar, linked event, lead); see itemDeps in clash-items.ts. */
export const itemCache = new WeakMap<Item, Map<string, Kept<Clash[]>>>();

/** A dependency's clash, valid while both items and their assignments are the same objects. */
export const dependencyCache = new WeakMap<Dependency, Map<string, Kept<Clash | null>>>();

/**
 * Where a clash sorts, as one string: its kind and severity (one letter), its first day (ten
 * characters; undated last) and its id. Kept by the clash: the same clash object is about the
 * same items, so it has the same first day.
 */
export const sortKeys = new WeakMap<Clash, string>();
