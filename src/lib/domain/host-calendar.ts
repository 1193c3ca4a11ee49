/**
 * The working calendar of a host location: which days are the weekend and which are public
 * holidays. Weekends come from CLDR through the locale (`Intl.Locale#getWeekInfo`, via luxon), so
 * Riyadh's is Friday–Saturday and Kabul's Thursday–Friday without a table of our own; holidays come
 * from `date-holidays` for the country, region and year.
 *
 * What `date-holidays` 3.37 gets wrong or does differently (checked for Saudi Arabia 2024, see the
 * tests, which pin it so an upgrade that changes it is noticed):
 * - Islamic-calendar holidays are computed from a tabular calendar, not the sighted Umm al-Qura
 *   dates: Eid al-Fitr 2024 is given as 9–12 April (it was 10 April), Eid al-Adha as 15–18 June
 *   (it was 16 June). The library starts them at 18:00 the evening before ("-0600"); we take the
 *   local calendar day written in `date`, not that evening.
 * - Ramadan (11 March – 9 April 2024) is not a holiday and is not listed; a meeting during it is
 *   not flagged.
 * - Observed days: where a holiday moves off a weekend (US Independence Day 2026 on a Saturday),
 *   the library lists both the actual day and the substitute (`substitute: true`); both count.
 * - Only `public` holidays count; `observance`, `bank`, `school` and `optional` days do not.
 */
import Holidays from 'date-holidays';
import { Info } from 'luxon';
import { DAY_MS, epochDay, plainDate } from './intervals.ts';
import type { Location, PlainDate } from './schema.ts';

export type Holiday = { date: PlainDate; name: string; substitute: boolean };

const weekendCache = new Map<string, readonly number[]>();

/** The CLDR locale of a country alone: `und-SA` (undetermined language, Saudi Arabia). */
export function countryLocale(country: string): string {
	return `und-${country.toUpperCase()}`;
}

/** ISO weekdays (1 = Monday … 7 = Sunday) of the weekend in `country`. */
export function weekendDays(country: string): readonly number[] {
	let days = weekendCache.get(country);
	if (!days) {
		days = Info.getWeekendWeekdays({ locale: countryLocale(country) });
		weekendCache.set(country, days);
	}
	return days;
}

/** 1 = Monday … 7 = Sunday for an epoch day (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(day: number): number {
	return ((((day + 3) % 7) + 7) % 7) + 1;
}

const holidayCache = new Map<string, Map<number, Holiday[]>>();

/** Public holidays of a country (and region) in a year, by epoch day. */
export function publicHolidays(
	country: string,
	region: string | undefined,
	year: number
): Map<number, Holiday[]> {
	const key = `${country}|${region ?? ''}|${year}`;
	let byDay = holidayCache.get(key);
	if (byDay) return byDay;
	byDay = new Map();
	const hd = region
		? new Holidays(country, region, { languages: ['en'], types: ['public'] })
		: new Holidays(country, { languages: ['en'], types: ['public'] });
	const list = hd.getHolidays(year) || [];
	for (const h of list) {
		if (h.type !== 'public') continue;
		// `date` is the local day the holiday is named for; `start` may be the evening before.
		const first = epochDay(h.date.slice(0, 10));
		const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
		for (let d = first; d < first + days; d++) {
			const entry = { date: plainDate(d), name: h.name, substitute: h.substitute === true };
			const at = byDay.get(d);
			if (at) at.push(entry);
			else byDay.set(d, [entry]);
		}
	}
	holidayCache.set(key, byDay);
	return byDay;
}

export type DayOff = { day: number; date: PlainDate; reason: 'weekend' | 'holiday'; name: string };

const WEEKDAY_NAME = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The weekend written out: "Friday–Saturday", "Sunday". */
export function weekendLabel(country: string): string {
	const days = weekendDays(country);
	const names = days.map((d) => WEEKDAY_NAME[d - 1] ?? '');
	return names.length === 2 ? `${names[0]}–${names[1]}` : names.join(', ');
}

/** Why an epoch day is not a working day at `loc`, or nothing when it is one. */
export function daysOff(loc: Location, day: number): DayOff[] {
	const out: DayOff[] = [];
	const date = plainDate(day);
	if (weekendDays(loc.country).includes(weekdayOfEpochDay(day)))
		out.push({ day, date, reason: 'weekend', name: WEEKDAY_NAME[weekdayOfEpochDay(day) - 1]! });
	const year = Number(date.slice(0, 4));
	for (const h of publicHolidays(loc.country, loc.region, year).get(day) ?? [])
		out.push({ day, date, reason: 'holiday', name: h.name });
	return out;
}
