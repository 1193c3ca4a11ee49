/**
 * What a calendar widget shows in its list and week views, computed in the browser on every
 * navigation. Kept apart from calendar.ts so the widget's chunk does not carry luxon and the plan
 * index: plain date arithmetic on 'YYYY-MM-DD' strings (UTC calendar fields, never a host zone).
 */
import type { CalendarEntry } from './calendar.ts';
import type { PlainDate } from './schema.ts';

/** The day after `day` plus `n - 1` more: 'YYYY-MM-DD' arithmetic without a date library. */
function addDays(day: PlainDate, n: number): PlainDate {
	const d = new Date(
		Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + n)
	);
	return d.toISOString().slice(0, 10);
}

/** All-day items longer than this are listed once in list views, like fuzzy ones. */
export const LIST_ONCE_AFTER_DAYS = 7;

/**
 * The entries a list of days from `first` to `end` (exclusive) shows. A fuzzy all-day item ("early
 * May", "by 29 Feb") is not on every day of its window: a list that repeats it on each of 75 days
 * says the wrong thing and buries the rest. It is listed once, on the first day of its window the
 * list shows, and keeps its whole window (`bounds`) for the reader. So is a long exact item (a
 * working group's May–October phase): 150 lines of one title tell nothing a single one does not.
 * Short exact items (MWC's four days) stay on each of their days.
 */
export function listEntries(
	entries: readonly CalendarEntry[],
	first: PlainDate,
	end: PlainDate
): CalendarEntry[] {
	const out: CalendarEntry[] = [];
	for (const e of entries) {
		const long = e.allDay && addDays(e.start, LIST_ONCE_AFTER_DAYS) < e.end;
		if (!e.allDay || (!e.tentative && !long)) {
			out.push(e);
			continue;
		}
		// All-day ends are exclusive: the window [start, end) meets the list [first, end) or not.
		if (e.end <= first || e.start >= end) continue;
		const day = e.start < first ? first : e.start;
		out.push({ ...e, start: day, end: addDays(day, 1), once: true });
	}
	return out;
}

/** Hours of the day as FullCalendar durations ('07:00:00'). */
const hh = (h: number) => `${String(h).padStart(2, '0')}:00:00`;

/**
 * The hours a week's time grid shows: the viewer's working day with an hour either side, widened
 * to every timed entry of the week (`first` to `end`, exclusive, in `zone`) so nothing is ever cut
 * off. A 12:30 call is then on the first screen, with no nested scrolling, and a 01:00 call in
 * Tokyo still shows (the grid starts at 01:00 that week). `work` is 'HH:MM' start and end.
 */
export function weekHours(
	entries: readonly CalendarEntry[],
	zone: string,
	first: PlainDate,
	end: PlainDate,
	work: { start: string; end: string }
): { slotMinTime: string; slotMaxTime: string } {
	const hourOf = (t: string) => Number(t.slice(0, 2)) + Number(t.slice(3, 5)) / 60;
	let min = Math.max(0, Math.floor(hourOf(work.start)) - 1);
	let max = Math.min(24, Math.ceil(hourOf(work.end)) + 1);
	const local = new Intl.DateTimeFormat('en-CA', {
		timeZone: zone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	});
	const parts = (iso: string) => {
		const p = Object.fromEntries(
			local.formatToParts(Date.parse(iso)).map((x) => [x.type, x.value])
		);
		return {
			day: `${p.year}-${p.month}-${p.day}`,
			hour: Number(p.hour) + Number(p.minute) / 60
		};
	};
	for (const e of entries) {
		if (e.allDay) continue;
		const a = parts(e.start);
		const b = parts(e.end);
		if (b.day < first || a.day >= end) continue;
		if (a.day !== b.day && !(b.day > a.day && b.hour === 0))
			return { slotMinTime: hh(0), slotMaxTime: hh(24) };
		min = Math.min(min, Math.floor(a.hour));
		max = Math.max(max, b.hour === 0 && b.day > a.day ? 24 : Math.ceil(b.hour));
	}
	return { slotMinTime: hh(min), slotMaxTime: hh(max) };
}
