/**
 * Clashes of one item or one dependency, rather than of a person: the item falls on a weekend or
 * public holiday at its host location, disagrees with the outside event it belongs to, starts
 * before what it depends on ends, or has no (resolved) lead. `no-lead` is an organizers'
 * finding: shown to them only, involving nobody.
 */
import type { Clash, ClashOptions, Severity } from './clash-model.ts';
import { dependencyCache, itemCache, kept } from './clash-cache.ts';
import {
	dependencyMessage,
	hostCalendarMessage,
	linkedEventMessage,
	noLeadMessage,
	unresolvedLeadMessage
} from './clash-sentences.ts';
import { itemOver, locationOf } from './clash-sweep.ts';
import { slotsOf, type Slot } from './commitments.ts';
import { resolve } from './dates.ts';
import { daysOff, type DayOff } from './host-calendar.ts';
import { DAY_MS, epochDay, epochDayIn, rangeWithinRange, type Range } from './intervals.ts';
import { linkedEventMismatch, type PlanIndex } from './plan-index.ts';
import type { DateSpec, Dependency, Item } from './schema.ts';

function bindingPeople(index: PlanIndex, itemId: string): string[] {
	const ids = new Set<string>();
	for (const a of index.assignmentsByItem.get(itemId) ?? []) {
		if (a.role === 'optional') continue;
		if (a.assignee.type === 'person') ids.add(a.assignee.person.id);
		if (a.assignee.type === 'group') for (const m of a.assignee.group.members) ids.add(m);
	}
	return [...ids].sort();
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
	for (const reason of ['weekend', 'holiday'] as const) {
		const hits = perSlot.map((off) => off.filter((x) => x.reason === reason));
		const n = hits.filter((h) => h.length > 0).length;
		if (n === 0) continue;
		const seen = new Map<string, DayOff>();
		for (const h of hits) for (const x of h) seen.set(`${x.date}|${x.name}`, x);
		const days = [...seen.values()].sort((x, y) => (x.date < y.date ? -1 : 1));
		const severity: Severity = n === slots.placements.length ? 'definite' : 'possible';
		const windows = { hit: n, of: slots.placements.length };
		out.push({
			id: `${reason}:${item.id}`,
			kind: reason,
			severity,
			strength: 'hard',
			people: bindingPeople(index, item.id),
			items: [item.id],
			commitments: [],
			message: hostCalendarMessage(reason, item, loc, days, windows, severity, o.locale)
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
	const itemDays = { start: epochDay(id.earliest), end: epochDay(id.latest) + 1 };
	const eventDays = { start: epochDay(ed.earliest), end: epochDay(ed.latest) + 1 };
	const severity: Severity | null = linkedEventMismatch(index, item)
		? 'definite'
		: !rangeWithinRange(itemDays, eventDays)
			? 'possible'
			: null;
	if (!severity) return null;
	return {
		id: `linked-event:${item.id}`,
		kind: 'linked-event',
		strength: 'hard',
		people: bindingPeople(index, item.id),
		items: [item.id, event.id],
		commitments: [],
		severity,
		message: linkedEventMessage(severity, item, event, { item: id, event: ed }, o.locale)
	};
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
		message: dependencyMessage(d, pred, succ, severity, o.locale)
	};
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
		return [
			{
				...base,
				id: `no-lead:${item.id}`,
				kind: 'no-lead',
				people: [],
				items: [item.id],
				message: noLeadMessage(index, item)
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
			message: unresolvedLeadMessage(item, a.who)
		}));
}

/**
 * What an item's own clashes are made from besides the item: its place, its event, its group
 * and their members (who could lead it), its assignments (who is bound). host-calendar.ts: an
 * item's weekend and holiday clashes are kept while the item, its location and its assignments
 * are the same objects, so a new input to them must join these deps.
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

function itemClashes(index: PlanIndex, item: Item, o: ClashOptions): Clash[] {
	if (itemOver(index, item, o.today)) return [];
	const out = hostCalendarClashes(index, item, o);
	const linked = linkedEventClash(index, item, o);
	if (linked) out.push(linked);
	out.push(...leadClashes(index, item, o));
	return out;
}

/**
 * Every item's own clashes, then every dependency's. With `reuse`, each is kept by its item or
 * dependency (clash-cache.ts); without, everything is derived afresh (the oracle's way).
 */
export function itemAndDependencyClashes(
	index: PlanIndex,
	o: ClashOptions,
	reuse: boolean
): Clash[] {
	const out: Clash[] = [];
	const cache = reuse ? itemCache : null;
	const key = `${o.viewer.type === 'organizer' ? 'o' : '-'}|${o.locale}|${o.today ?? ''}`;
	for (const item of index.plan.items) {
		const deps = cache ? itemDeps(index, item, o) : [];
		for (const c of kept(cache, item, key, deps, () => itemClashes(index, item, o))) out.push(c);
	}
	out.push(...dependencyClashes(index, o, reuse));
	return out;
}

function dependencyClashes(index: PlanIndex, o: ClashOptions, reuse: boolean): Clash[] {
	const cache = reuse ? dependencyCache : null;
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
