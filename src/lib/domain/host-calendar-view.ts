/**
 * What `/locations/{id}` shows: a place's weekend, every holiday and make-up working day over a
 * span, each with where it comes from, written for the viewer. Pure: today and the span are
 * arguments.
 */
import { addDays, formatDay } from './dates.ts';
import { OBSERVED_SUBSTITUTE } from './day-off-phrases.ts';
import {
	hostCalendar,
	weekendLabel,
	weekdayOfIso,
	type CalendarHoliday,
	type CalendarSubject,
	type HolidayOrigin,
	type WeekendOrigin
} from './host-calendar.ts';
import { epochDay } from './intervals.ts';
import type { PlainDate, Weekday } from './schema.ts';

export const ORIGIN_LABEL: Record<HolidayOrigin | WeekendOrigin, string> = {
	cldr: 'CLDR week data',
	library: 'holiday library',
	'shipped-correction': 'correction shipped with the app',
	plan: 'set by an organizer'
};

const TYPE_LABEL = {
	public: 'public holiday',
	bank: 'bank holiday',
	observance: 'observance',
	optional: 'optional holiday',
	organizer: 'day off (organizer)'
} as const;

export type HolidayRow = {
	date: PlainDate;
	dateLabel: string;
	name: string;
	origin: HolidayOrigin;
	originLabel: string;
	type: string;
	/** Off for everyone: counted by the clash checks and the finders. */
	counts: boolean;
	notes: string[];
	source: string | null;
	removed: { reason: string; originLabel: string; source: string | null } | null;
};

export type CalendarPage = {
	from: PlainDate;
	to: PlainDate;
	rangeLabel: string;
	weekends: {
		label: string;
		origin: WeekendOrigin;
		originLabel: string;
		source: string | null;
		reason: string | null;
		sinceLabel: string | null;
	}[];
	/** The weekend in force at the end of the span, as the weekday form's ticks. */
	weekendDays: Weekday[];
	holidays: HolidayRow[];
	workdays: {
		date: PlainDate;
		dateLabel: string;
		reason: string;
		originLabel: string;
		source: string | null;
	}[];
	/** The holiday library lists nothing for this country in the span. */
	libraryEmpty: boolean;
};

/**
 * The span the page shows: the plan's own dates, and today plus the next 12 months.
 * `planSpan` is null when nothing in the plan is dated.
 */
export function calendarSpan(
	today: PlainDate,
	planSpan: { start: PlainDate; end: PlainDate } | null
): { from: PlainDate; to: PlainDate } {
	const next = addDays(today, 365);
	const from = planSpan && planSpan.start < today ? planSpan.start : today;
	const to = planSpan && planSpan.end > next ? planSpan.end : next;
	return { from, to };
}

/** One holiday as the page lists it, with notes on what the day means for work. */
function holidayRow(h: CalendarHoliday, day: (d: PlainDate) => string): HolidayRow {
	const notes: string[] = [];
	if (h.expected) notes.push('Expected date: it may move by a day once announced.');
	if (h.partial === 'eve')
		notes.push('Begins at sunset the evening before; the eve counts as a working day.');
	if (h.partial === 'half-day') notes.push('Half day (from noon): not counted as a day off.');
	if (h.substitute) notes.push(OBSERVED_SUBSTITUTE);
	if (!h.counts && !h.removed && h.partial !== 'half-day')
		notes.push('Not a day off for everyone: not counted.');
	return {
		date: h.date,
		dateLabel: day(h.date),
		name: h.name,
		origin: h.origin,
		originLabel: ORIGIN_LABEL[h.origin],
		type: TYPE_LABEL[h.type],
		counts: h.counts,
		notes,
		source: h.source,
		removed: h.removed
			? {
					reason: h.removed.reason,
					originLabel: ORIGIN_LABEL[h.removed.origin],
					source: h.removed.source
				}
			: null
	};
}

/** What the page shows of a place from `from` to `to`, written for `locale`. */
export function calendarPage(
	place: CalendarSubject,
	from: PlainDate,
	to: PlainDate,
	locale: string
): CalendarPage {
	const v = hostCalendar(place, from, to);
	const day = (d: PlainDate) => formatDay(d, locale);
	const holidays = v.holidays.map((h) => holidayRow(h, day));
	const last = v.weekends[v.weekends.length - 1];
	return {
		from: v.from,
		to: v.to,
		rangeLabel: `${day(v.from)} – ${day(v.to)}`,
		weekends: v.weekends.map((w) => ({
			label: weekendLabel({ ...place }, w.from ? epochDay(w.from) : epochDay(v.to)),
			origin: w.origin,
			originLabel: ORIGIN_LABEL[w.origin],
			source: w.source,
			reason: w.reason,
			sinceLabel: w.from && w.from > v.from ? day(w.from) : null
		})),
		weekendDays: (last?.days ?? []).map(weekdayOfIso),
		holidays,
		workdays: v.workdays.map((w) => ({
			date: w.date,
			dateLabel: day(w.date),
			reason: w.reason,
			originLabel: ORIGIN_LABEL[w.origin],
			source: w.source
		})),
		libraryEmpty: !v.holidays.some((h) => h.origin === 'library')
	};
}
