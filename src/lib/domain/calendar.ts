/**
 * The calendar's view of a plan: one entry per dated item, ready for a calendar widget, and the
 * lookups the calendar page needs (whose items, which zones to offer, where to open).
 *
 * The time-zone rule lives here: all-day things travel as plain 'YYYY-MM-DD' strings (a widget
 * puts them on the same squares in every zone), timed things as UTC instants (a widget converts
 * them to the viewer's zone). Pure: no clock, no host zone.
 */
import { DateTime } from 'luxon';
import { addDays } from './dates.ts';
import { byDate, KIND_LABEL, type PlanIndex } from './plan-index.ts';
import { itemRow, type ItemRow } from './present.ts';
import type { PlainDate } from './schema.ts';

/** The plan's own wording ("early May 2024") is shown on tentative entries. */
export type CalendarEntry = Pick<
	ItemRow,
	'id' | 'href' | 'kind' | 'kindLabel' | 'title' | 'wording' | 'status' | 'bounds'
> & {
	/** The plan does not fix the day: the entry spans every day it may fall on. */
	tentative: boolean;
	allDay: boolean;
	/** All-day: first day, 'YYYY-MM-DD'. Timed: UTC instant. */
	start: string;
	/** All-day: the day after the last day (exclusive, as calendar widgets expect). Timed: UTC. */
	end: string;
	/** The zone a timed item was planned in; null for all-day items. */
	zone: string | null;
	/** In a list view: listed once for its whole window (see `listEntries`). */
	once?: boolean;
};

export type CalendarView = 'month' | 'year' | 'week' | 'list';
export const CALENDAR_VIEWS: readonly CalendarView[] = ['month', 'year', 'week', 'list'];

/** Ids of the items a person is on: their own and their groups' assignments, and commitments. */
export function itemIdsForPerson(index: PlanIndex, personId: string): Set<string> {
	const ids = new Set((index.assignmentsByPerson.get(personId) ?? []).map((a) => a.item));
	for (const c of index.plan.commitments) {
		if (c.person === personId && c.item) ids.add(c.item);
	}
	return ids;
}

/** The items to show, dated ones in date order; `person` narrows to that person's items. */
function selectItems(index: PlanIndex, person: string | null) {
	const mine = person === null ? null : itemIdsForPerson(index, person);
	return [...index.plan.items].filter((i) => mine === null || mine.has(i.id)).sort(byDate(index));
}

/**
 * `clashes`: clashes per item id; an item with any is marked ⚠ in its title. `locale` writes each
 * entry's window ("1 Feb – 29 Feb 2024"), shown in the details card and in list views.
 */
export function calendarEntries(
	index: PlanIndex,
	person: string | null = null,
	clashes: ReadonlyMap<string, number> = new Map(),
	locale = 'en-GB'
): CalendarEntry[] {
	const entries: CalendarEntry[] = [];
	for (const item of selectItems(index, person)) {
		const r = index.dates.get(item.id);
		if (!r || r.earliest === null || r.latest === null) continue;
		const base = {
			id: item.id,
			href: `/items/${item.id}`,
			kind: item.kind,
			kindLabel: KIND_LABEL[item.kind].one,
			title: clashes.get(item.id) ? `⚠ ${item.title}` : item.title,
			wording: item.when.text?.trim() || r.label,
			bounds: itemRow(index, item, locale).bounds,
			status: item.status,
			tentative: !r.exact
		};
		entries.push(
			r.timed
				? { ...base, allDay: false, start: r.timed.start, end: r.timed.end, zone: r.timed.zone }
				: { ...base, allDay: true, start: r.earliest, end: addDays(r.latest, 1), zone: null }
		);
	}
	return entries;
}

/** Items without any date (TBD): a calendar cannot place them, so the page lists them apart. */
export function undatedRows(index: PlanIndex, person: string | null, locale: string): ItemRow[] {
	return selectItems(index, person)
		.filter((i) => (index.dates.get(i.id)?.earliest ?? null) === null)
		.map((i) => itemRow(index, i, locale));
}

/**
 * The calendar as a plain list for pages without JavaScript: dated items grouped by the month
 * they start in, timed items written in `zone` (which may move them to another day or month).
 */
export function listByMonth(
	index: PlanIndex,
	person: string | null,
	zone: string,
	locale: string
): { month: string; label: string; rows: ItemRow[] }[] {
	const groups = new Map<string, { month: string; label: string; rows: ItemRow[] }>();
	for (const item of selectItems(index, person)) {
		const r = index.dates.get(item.id);
		if (!r || r.earliest === null) continue;
		const row = itemRow(index, item, locale, zone);
		const first = r.timed ? DateTime.fromISO(r.timed.start, { zone }) : null;
		const month = first ? first.toFormat('yyyy-MM') : r.earliest.slice(0, 7);
		let group = groups.get(month);
		if (!group) {
			const label = new Intl.DateTimeFormat(locale, {
				month: 'long',
				year: 'numeric',
				timeZone: 'UTC'
			}).format(DateTime.fromISO(`${month}-01`, { zone: 'utc' }).toMillis());
			group = { month, label, rows: [] };
			groups.set(month, group);
		}
		group.rows.push(row);
	}
	return [...groups.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

export type ZoneShortcut = { zone: string; label: string };

/**
 * The plan's people's home zones (and the plan's own), east to west at `atMillis`, each named
 * by who lives there: "UTC+01:00 Europe/Brussels — LF".
 */
export function zoneShortcuts(index: PlanIndex, atMillis: number): ZoneShortcut[] {
	const who = new Map<string, string[]>();
	const add = (zone: string, name: string) => {
		const list = who.get(zone) ?? [];
		list.push(name);
		who.set(zone, list);
	};
	add(index.plan.zone, 'the plan');
	for (const p of index.plan.people) if (p.zone) add(p.zone, p.initials ?? p.name);
	const offset = (zone: string) => DateTime.fromMillis(atMillis, { zone }).offset;
	return [...who.entries()]
		.sort(([a], [b]) => offset(b) - offset(a) || a.localeCompare(b))
		.map(([zone, names]) => ({
			zone,
			label: `UTC${DateTime.fromMillis(atMillis, { zone }).toFormat('ZZ')} ${zone} — ${names.join(', ')}`
		}));
}

/** Where the calendar opens: the asked day, else today while the plan runs, else its first day. */
export function initialDate(
	index: PlanIndex,
	today: PlainDate,
	asked: PlainDate | null
): PlainDate {
	if (asked !== null) return asked;
	let start: PlainDate | null = null;
	let end: PlainDate | null = null;
	for (const r of index.dates.values()) {
		if (r.earliest !== null && (start === null || r.earliest < start)) start = r.earliest;
		if (r.latest !== null && (end === null || r.latest > end)) end = r.latest;
	}
	if (start === null || end === null) return today;
	return today >= start && today <= end ? today : start;
}

export { LIST_ONCE_AFTER_DAYS, listEntries, weekHours } from './calendar-views.ts';
