/**
 * The defaults layer of a host calendar (see `host-calendar.ts` for the layers above it): the
 * weekend CLDR gives a country through the locale (`Intl.Locale#getWeekInfo`, via luxon), and the
 * holidays `date-holidays` lists for a country, region and year, each cached per key.
 *
 * What `date-holidays` 3.37 gets wrong or does differently (pinned by the tests, so an upgrade
 * that changes it is noticed):
 * - Islamic-calendar holidays are computed from a tabular calendar, not the sighted Umm al-Qura
 *   dates, so they are marked `expected`: they may move by a day once announced. Saudi Arabia's
 *   Eid al-Fitr 2024 is given as 9–12 April (the four-day holiday from 30 Ramadan; Eid itself
 *   was 10 April). The library starts them at 18:00 the evening before ("-0600"); we mark them
 *   `partial: 'eve'` and count the local calendar day written in `date`: the eve is a working
 *   day unless the location's calendar adds it.
 * - Some days start at noon ("12:00": China's Women's, Youth and Army Days, each for part of the
 *   population only): shown as `partial: 'half-day'`, never a day off.
 * - Ramadan (11 March – 9 April 2024) is not a holiday and is not listed.
 * - Observed days: where a holiday moves off a weekend (US Independence Day 2026 on a Saturday),
 *   the library lists both the actual day and the substitute (`substitute: true`); both count.
 * - Only `public` holidays count; `bank`, `observance` and `optional` days are shown, not counted.
 *
 */
import Holidays from 'date-holidays';
import { Info } from 'luxon';
import type { CalendarHoliday, HolidayType } from './host-calendar.ts';
import { DAY_MS, epochDay, plainDate } from './intervals.ts';
import type { PlainDate } from './schema.ts';

export type Holiday = { date: PlainDate; name: string; substitute: boolean };

/** A holiday as the library lists it, before any correction says where it comes from. */
export type LibraryHoliday = Omit<CalendarHoliday, 'origin' | 'source' | 'removed'>;

const weekendCache = new Map<string, readonly number[]>();

/** The CLDR locale of a country alone: `und-SA` (undetermined language, Saudi Arabia). */
export function countryLocale(country: string): string {
	return `und-${country.toUpperCase()}`;
}

/** ISO weekdays (1 = Monday … 7 = Sunday) of the CLDR weekend in `country`. */
export function weekendDays(country: string): readonly number[] {
	let days = weekendCache.get(country);
	if (!days) {
		days = Info.getWeekendWeekdays({ locale: countryLocale(country) });
		weekendCache.set(country, days);
	}
	return days;
}

const libraryCache = new Map<string, Map<number, LibraryHoliday[]>>();
const ISLAMIC_MONTH =
	/\b(Muharram|Safar|Rabi|Jumada|Rajab|Shaban|Ramadan|Shawwal|Dhu al-Qi'dah|Dhu al-Hijjah)\b/;

/** Appends `v` to the list at `k`, starting the list if there is none. */
export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
	const at = m.get(k);
	if (at) at.push(v);
	else m.set(k, [v]);
}

/** Every holiday date-holidays lists for a country (and region) in a year, by epoch day. */
export function libraryHolidays(
	country: string,
	region: string | undefined,
	year: number
): Map<number, LibraryHoliday[]> {
	const key = `${country}|${region ?? ''}|${year}`;
	let byDay = libraryCache.get(key);
	if (byDay) return byDay;
	byDay = new Map();
	const types = ['public', 'bank', 'observance', 'optional'] as const;
	const hd = region
		? new Holidays(country, region, { languages: ['en'], types: [...types] })
		: new Holidays(country, { languages: ['en'], types: [...types] });
	for (const h of hd.getHolidays(year) || []) {
		const type = (types as readonly string[]).includes(h.type) ? (h.type as HolidayType) : null;
		if (!type) continue;
		// `date` is "YYYY-MM-DD hh:mm:ss[ -0600]": the local day it is named for, the hour it
		// starts and, for a start the evening before, a negative offset.
		const eve = /\s-\d{4}$/.test(h.date);
		const halfDay = !eve && h.date.slice(11, 19) !== '00:00:00';
		const first = epochDay(h.date.slice(0, 10));
		const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
		const partial = eve ? ('eve' as const) : halfDay ? ('half-day' as const) : null;
		for (let d = first; d < first + days; d++) {
			push(byDay, d, {
				date: plainDate(d),
				name: h.name,
				type,
				counts: type === 'public' && partial !== 'half-day',
				expected: ISLAMIC_MONTH.test(h.rule),
				// Only the first day of a multi-day holiday begins the evening before.
				partial: partial === 'eve' && d !== first ? null : partial,
				substitute: h.substitute === true
			});
		}
	}
	libraryCache.set(key, byDay);
	return byDay;
}

/** Public holidays date-holidays lists for a country (and region) in a year, by epoch day. */
export function publicHolidays(
	country: string,
	region: string | undefined,
	year: number
): Map<number, Holiday[]> {
	const out = new Map<number, Holiday[]>();
	for (const [d, list] of libraryHolidays(country, region, year))
		for (const h of list)
			if (h.type === 'public')
				push(out, d, { date: h.date, name: h.name, substitute: h.substitute });
	return out;
}
