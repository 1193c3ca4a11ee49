/**
 * The working calendar of a host location (or of a person's home country): which days are the
 * weekend, which are holidays, and which weekend days are worked. Three layers, each overriding
 * the one below it for the dates it names:
 *
 * 1. Defaults. Weekends from CLDR through the locale (`Intl.Locale#getWeekInfo`, via luxon), so
 *    Riyadh's is Friday–Saturday without a table of our own; holidays from `date-holidays` for the
 *    country, region and year.
 * 2. Shipped corrections (`data/host-calendar-corrections.json`, see
 *    `host-calendar-corrections.ts`): weekends CLDR has wrong, holidays the library misses or
 *    lists wrongly, bridge days and make-up working days, each with its official source.
 * 3. The plan's own corrections on the location (`location.calendar`), set by an organizer.
 *
 * This module combines them day by day (the weekend, the holidays, the make-up working days, and
 * the span a page shows). The defaults layer is `host-calendar-defaults.ts` (with what
 * `date-holidays` gets wrong); a person's working week is `host-calendar-person.ts`.
 */
import { correctionsFor, type CountryCorrections } from './host-calendar-corrections.ts';
import { libraryHolidays, push, weekendDays } from './host-calendar-defaults.ts';
import { DAY_MS, epochDay, plainDate } from './intervals.ts';
import { WEEKDAYS, type HostCalendarSpec, type PlainDate, type Weekday } from './schema.ts';

/** What a calendar is computed for: a Location, or a person's home country. */
export type CalendarSubject = {
	country: string;
	region?: string | undefined;
	calendar?: HostCalendarSpec | undefined;
};

export type HolidayOrigin = 'library' | 'shipped-correction' | 'plan';
export type WeekendOrigin = 'cldr' | 'shipped-correction' | 'plan';
export type HolidayType = 'public' | 'bank' | 'observance' | 'optional' | 'organizer';

export type CalendarHoliday = {
	date: PlainDate;
	name: string;
	origin: HolidayOrigin;
	/** The official link for a correction (shipped or the plan's), if given. */
	source: string | null;
	type: HolidayType;
	/** True when the day is off for everyone: public, full-day and not removed. */
	counts: boolean;
	/** A lunar (Islamic) date computed ahead: it may move by a day once announced. */
	expected: boolean;
	/** Begins at sunset the evening before, or only half a day. */
	partial: 'eve' | 'half-day' | null;
	substitute: boolean;
	/** Set when a correction says this library (or shipped) day is not a holiday. */
	removed: { reason: string; origin: HolidayOrigin; source: string | null } | null;
};

export type CalendarWorkday = {
	date: PlainDate;
	reason: string;
	origin: 'shipped-correction' | 'plan';
	source: string | null;
};

export type WeekendRule = {
	/** ISO weekdays, 1 = Monday … 7 = Sunday. */
	days: readonly number[];
	origin: WeekendOrigin;
	source: string | null;
	reason: string | null;
	/** The first day this rule applies from (shipped rows), or null for all dates. */
	from: PlainDate | null;
};

const WEEKDAY_NAME = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** `mon` → 1 … `sun` → 7. */
export function isoOfWeekday(w: Weekday): number {
	return WEEKDAYS.indexOf(w) + 1;
}

/** 1 → `mon` … 7 → `sun`. */
export function weekdayOfIso(n: number): Weekday {
	return WEEKDAYS[(n - 1 + 7) % 7]!;
}

/** 1 = Monday … 7 = Sunday for an epoch day (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(day: number): number {
	return ((((day + 3) % 7) + 7) % 7) + 1;
}

// ---------------------------------------------------------------------------------------------
// The merged calendar

type PlanMaps = {
	add: Map<number, { name: string; source: string | null }[]>;
	remove: Map<number, { reason: string; source: string | null }>;
	workday: Map<number, { reason: string; source: string | null }>;
};

type Resolved = {
	subject: CalendarSubject;
	plan: PlanMaps | null;
	shipped: CountryCorrections;
	years: Map<number, Map<number, CalendarHoliday[]>>;
};

const resolvedBySpec = new WeakMap<HostCalendarSpec, Map<string, Resolved>>();
const resolvedByCountry = new Map<string, Resolved>();

function planMaps(spec: HostCalendarSpec): PlanMaps {
	const m: PlanMaps = { add: new Map(), remove: new Map(), workday: new Map() };
	for (const a of spec.holidays?.add ?? [])
		push(m.add, epochDay(a.date), { name: a.name, source: a.source ?? null });
	for (const r of spec.holidays?.remove ?? [])
		m.remove.set(epochDay(r.date), { reason: r.reason, source: r.source ?? null });
	for (const w of spec.workdays ?? [])
		m.workday.set(epochDay(w.date), { reason: w.reason, source: w.source ?? null });
	return m;
}

// The hot path (the finders ask about every day of a search) looks a subject up by identity.
const resolvedBySubject = new WeakMap<CalendarSubject, Resolved>();

function resolved(s: CalendarSubject): Resolved {
	let r = resolvedBySubject.get(s);
	if (r) return r;
	r = resolveNew(s);
	resolvedBySubject.set(s, r);
	return r;
}

function resolveNew(s: CalendarSubject): Resolved {
	const key = `${s.country}|${s.region ?? ''}`;
	if (!s.calendar) {
		let r = resolvedByCountry.get(key);
		if (!r)
			resolvedByCountry.set(
				key,
				(r = {
					subject: s,
					plan: null,
					shipped: correctionsFor(s.country, s.region),
					years: new Map()
				})
			);
		return r;
	}
	let bySpec = resolvedBySpec.get(s.calendar);
	if (!bySpec) resolvedBySpec.set(s.calendar, (bySpec = new Map<string, Resolved>()));
	let r = bySpec.get(key);
	if (!r)
		bySpec.set(
			key,
			(r = {
				subject: s,
				plan: planMaps(s.calendar),
				shipped: correctionsFor(s.country, s.region),
				years: new Map()
			})
		);
	return r;
}

/** Every holiday of a year after the three layers, by epoch day (removed ones kept, marked). */
function mergedYear(r: Resolved, year: number): Map<number, CalendarHoliday[]> {
	let m = r.years.get(year);
	if (m) return m;
	m = new Map();
	const { country, region } = r.subject;
	const shipped = r.shipped;
	for (const [d, list] of libraryHolidays(country, region, year))
		for (const h of list) push(m, d, { ...h, origin: 'library', source: null, removed: null });
	const inYear = (d: number) => plainDate(d).startsWith(`${year}-`);
	const removeAt = (
		d: number,
		why: { reason: string; source: string | null },
		origin: HolidayOrigin,
		below: (o: HolidayOrigin) => boolean
	) => {
		for (const h of m.get(d) ?? [])
			if (!h.removed && below(h.origin)) {
				h.removed = { reason: why.reason, origin, source: why.source };
				h.counts = false;
			}
	};
	const added = (d: number, name: string, origin: HolidayOrigin, source: string | null) =>
		push(m, d, {
			date: plainDate(d),
			name,
			origin,
			source,
			type: origin === 'plan' ? 'organizer' : 'public',
			counts: true,
			expected: false,
			partial: null,
			substitute: false,
			removed: null
		});
	for (const [d, row] of shipped.remove)
		if (inYear(d)) removeAt(d, row, 'shipped-correction', (o) => o === 'library');
	for (const [d, rows] of shipped.add)
		if (inYear(d)) for (const row of rows) added(d, row.name, 'shipped-correction', row.source);
	if (r.plan) {
		for (const [d, why] of r.plan.remove)
			if (inYear(d)) removeAt(d, why, 'plan', (o) => o !== 'plan');
		for (const [d, list] of r.plan.add)
			if (inYear(d)) for (const a of list) added(d, a.name, 'plan', a.source);
	}
	r.years.set(year, m);
	return m;
}

/** The weekend rule in force on an epoch day. */
export function weekendOn(s: CalendarSubject, day: number): WeekendRule {
	if (s.calendar?.weekend)
		return {
			days: s.calendar.weekend.map(isoOfWeekday).sort((a, b) => a - b),
			origin: 'plan',
			source: s.calendar.weekendSource ?? null,
			reason: null,
			from: null
		};
	const rows = resolved(s).shipped.weekends;
	for (let i = rows.length - 1; i >= 0; i--) {
		const w = rows[i]!;
		if (w.from <= day)
			return {
				days: w.row.weekend.map(isoOfWeekday).sort((a, b) => a - b),
				origin: 'shipped-correction',
				source: w.row.source,
				reason: w.row.reason,
				from: w.row.date
			};
	}
	return { days: weekendDays(s.country), origin: 'cldr', source: null, reason: null, from: null };
}

/** A weekend day worked by decree or by the plan's say, or null. */
export function workdayOn(s: CalendarSubject, day: number): CalendarWorkday | null {
	const r = resolved(s);
	const planned = r.plan?.workday.get(day);
	if (planned) return { date: plainDate(day), origin: 'plan', ...planned };
	const shipped = r.shipped.workday.get(day);
	return shipped
		? {
				date: plainDate(day),
				reason: shipped.reason,
				origin: 'shipped-correction',
				source: shipped.source
			}
		: null;
}

/** Every holiday listed on an epoch day, after corrections (removed and partial ones too). */
export function holidaysOn(s: CalendarSubject, day: number): readonly CalendarHoliday[] {
	const year = new Date(day * DAY_MS).getUTCFullYear();
	return mergedYear(resolved(s), year).get(day) ?? [];
}

export type DayOff = { day: number; date: PlainDate; reason: 'weekend' | 'holiday'; name: string };

/** Why an epoch day is not a working day at a place, or nothing when it is one. */
export function daysOff(s: CalendarSubject, day: number): DayOff[] {
	const out: DayOff[] = [];
	const date = plainDate(day);
	const wd = weekdayOfEpochDay(day);
	if (weekendOn(s, day).days.includes(wd) && !workdayOn(s, day))
		out.push({ day, date, reason: 'weekend', name: WEEKDAY_NAME[wd - 1]! });
	for (const h of holidaysOn(s, day))
		if (h.counts) out.push({ day, date, reason: 'holiday', name: h.name });
	return out;
}

/** The weekend written out: "Friday–Saturday", "Sunday", "no weekend". */
export function weekendLabel(s: CalendarSubject | string, day?: number): string {
	const days =
		typeof s === 'string'
			? weekendOn({ country: s }, day ?? Number.MAX_SAFE_INTEGER).days
			: weekendOn(s, day ?? Number.MAX_SAFE_INTEGER).days;
	if (days.length === 0) return 'no weekend';
	const names = days.map((d) => WEEKDAY_NAME[d - 1] ?? '');
	const consecutive = days.length === 2 && days[1]! - days[0]! === 1;
	return consecutive ? `${names[0]}–${names[1]}` : names.join(' and ');
}

// ---------------------------------------------------------------------------------------------
// One view of a calendar over a span, for the location page and the report.

export type HostCalendarView = {
	from: PlainDate;
	to: PlainDate;
	/** The weekend rules in force during the span, in order (usually one). */
	weekends: WeekendRule[];
	holidays: CalendarHoliday[];
	workdays: CalendarWorkday[];
};

/** A span longer than this is cut: a page or report never needs more. */
export const MAX_CALENDAR_DAYS = 4 * 366;

/**
 * The effective calendar of a place (or a person's home country) from `from` to `to` inclusive:
 * weekend rules, every listed holiday with where it comes from, and make-up working days.
 */
export function hostCalendar(s: CalendarSubject, from: PlainDate, to: PlainDate): HostCalendarView {
	const a = epochDay(from);
	const b = Math.min(epochDay(to), a + MAX_CALENDAR_DAYS - 1);
	const weekends: WeekendRule[] = [];
	const holidays: CalendarHoliday[] = [];
	const workdays: CalendarWorkday[] = [];
	let last: WeekendRule | null = null;
	for (let d = a; d <= b; d++) {
		const w = weekendOn(s, d);
		if (!last || w.origin !== last.origin || w.from !== last.from) weekends.push((last = w));
		holidays.push(...holidaysOn(s, d));
		const wk = workdayOn(s, d);
		if (wk) workdays.push(wk);
	}
	return { from, to: plainDate(b), weekends, holidays, workdays };
}
