/**
 * The clash engine's wording: one sentence per clash, naming who, what, when and where, and
 * what to do about it. Private commitments keep their reason and place to themselves: a viewer
 * who may not see one reads only when it is. Dates are formatted once per distinct date and
 * locale (clash-cache.ts), not once per clash.
 */
import type { Severity } from './clash-model.ts';
import { cachedText, specText } from './clash-cache.ts';
import { locationOf, type PairFinding } from './clash-sweep.ts';
import type { PersonCommitment, Viewer } from './commitments.ts';
import {
	hostDaysOffPhrase,
	mayOverlap,
	overlapWhere,
	travelNeedPhrase
} from './day-off-phrases.ts';
import {
	formatBounds,
	formatDay,
	formatSpec,
	resolve,
	specBounds,
	type Resolved
} from './dates.ts';
import { weekendLabel, type DayOff } from './host-calendar.ts';
import { inclusiveDays, intersectAll, intersectRanges, type Range } from './intervals.ts';
import type { PlanIndex } from './plan-index.ts';
import type { DateSpec, Dependency, Item, Location } from './schema.ts';

export function names(index: PlanIndex, ids: string[]): string {
	const list = ids.map((id) => index.people.get(id)?.name ?? id);
	if (list.length <= 1) return list[0] ?? '';
	return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** "26–29 Feb 2024"; fuzzy dates keep their wording: "early May 2024 (1–10 May 2024)". */
export function whenText(spec: DateSpec, locale: string): string {
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
export function inPlace(title: string, city: string): string {
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
export function seenByAll(c: PersonCommitment, people: readonly string[], viewer: Viewer): boolean {
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
			? travelNeedPhrase(need, cityA && cityB ? { a: cityA, b: cityB } : null)
			: '';
	const head = `${who} ${doing(a, seeA, index, people.length > 1)}${whenA}; ${titleOf(b, seeB, index)}${whenB}`;
	if (f.kind === 'overlap') {
		if (f.severity === 'possible') return mayOverlap(head, where, travelPart);
		const days = certainDays(a, b);
		const on = overlapWhere(days && daysLabel(days, locale), a.fuzzy || b.fuzzy);
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

function regionName(country: string, locale: string): string {
	return cachedText(`c|${locale}|${country}`, () => {
		try {
			return new Intl.DisplayNames([locale, 'en'], { type: 'region' }).of(country) ?? country;
		} catch {
			return country;
		}
	});
}

/**
 * "WSIS+20 in Geneva falls on Sat 1 Mar 2025, Sun 2 Mar 2025: the weekend in Switzerland is …",
 * or "2 of 3 proposed windows for … include …, a public holiday in …" for candidate windows.
 */
export function hostCalendarMessage(
	reason: 'weekend' | 'holiday',
	item: Item,
	loc: Location,
	days: DayOff[],
	windows: { hit: number; of: number },
	severity: Severity,
	locale: string
): string {
	const country = regionName(loc.country, locale);
	const at = `${item.title}${inPlace(item.title, loc.city)}`;
	const lead = windows.of > 1 ? `${windows.hit} of ${windows.of} proposed windows for ${at}` : at;
	const verb = windows.of > 1 ? 'include' : 'falls on';
	const dated = days.map((x) => ({ date: formatDay(x.date, locale), name: x.name }));
	// The weekend label is read only for a weekend clash: a holiday sentence does not name it.
	const weekend = reason === 'weekend' ? weekendLabel(loc, days[0]?.day) : '';
	const choose = severity === 'possible' ? '; choose another window' : '';
	return `${lead} ${verb} ${hostDaysOffPhrase(reason, dated, country, weekend)}${choose}.`;
}

/** An item's dates against the outside event it belongs to: definitely off, or only maybe. */
export function linkedEventMessage(
	severity: Severity,
	item: Item,
	event: Item,
	dates: { item: Resolved; event: Resolved },
	locale: string
): string {
	const wording = item.when.text?.trim() || dates.item.label;
	return severity === 'definite'
		? `The plan says “${wording}” (${formatBounds(dates.item, locale)}) for ${item.title}, but ${event.title} takes place ${formatBounds(dates.event, locale)}: move the item to the event's dates or correct the event.`
		: `The plan says “${wording}” (${formatBounds(dates.item, locale)}) for ${item.title}, but ${event.title} is only ${formatBounds(dates.event, locale)}: pin the item to the event's dates.`;
}

/** The successor starts (or can start) before its predecessor, plus the lag, is over. */
export function dependencyMessage(
	d: Dependency,
	pred: Item,
	succ: Item,
	severity: Severity,
	locale: string
): string {
	const lagText =
		d.lagDays === 0
			? ''
			: ` and ${Math.abs(d.lagDays)} day${Math.abs(d.lagDays) === 1 ? '' : 's'} ${d.lagDays > 0 ? 'after' : 'before'} that`;
	const verb = severity === 'definite' ? 'starts' : 'can start';
	return `${succ.title} (${whenText(succ.when, locale)}) ${verb} before ${pred.title} (${whenText(pred.when, locale)}) ends, but it has to wait for it${lagText}: move one of them.`;
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

/** An item without a lead, naming who could take it on when it has a group. */
export function noLeadMessage(index: PlanIndex, item: Item): string {
	const who = couldLead(index, item);
	return `${item.title} has no lead: name the person or group responsible${who ? `; ${who}` : ''}.`;
}

/** A lead the plan names ("Ana from WG3") that is not resolved to a person or group yet. */
export function unresolvedLeadMessage(item: Item, who: string): string {
	return `${item.title}: the plan names its lead as “${who}”, which is not a person or group yet: resolve it.`;
}
