/**
 * Plain-date arithmetic: 'YYYY-MM-DD' strings handled as UTC calendar days in luxon, so there is
 * no DST and no host zone (process.env.TZ never changes a result).
 */
import { DateTime } from 'luxon';
import type { PlainDate } from '../schema.ts';

/** The day as a luxon DateTime at UTC midnight; throws on anything but a real 'YYYY-MM-DD'. */
export function day(date: PlainDate): DateTime {
	const dt = DateTime.fromISO(date, { zone: 'utc' });
	if (!dt.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`Not a date: "${date}"`);
	return dt;
}

/** The plain date of a DateTime, on its own calendar (its zone). */
export function isoDate(dt: DateTime): PlainDate {
	const s = dt.toISODate();
	if (s === null) throw new Error('Invalid date arithmetic');
	return s;
}

/** Year, month and day, unchecked, as 'YYYY-MM-DD'. */
export function plain(y: number, m: number, d: number): PlainDate {
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 28–31; month 1 = January. */
export function daysInMonth(y: number, m: number): number {
	return DateTime.utc(y, m, 1).daysInMonth ?? 31;
}

/** The day `n` days later (earlier when negative). */
export function addDays(date: PlainDate, n: number): PlainDate {
	return isoDate(day(date).plus({ days: n }));
}

/** b − a in whole days. */
export function diffDays(a: PlainDate, b: PlainDate): number {
	// `+ 0` turns the -0 of equal dates into 0.
	return Math.round(day(b).diff(day(a), 'days').days) + 0;
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: PlainDate): number {
	return day(date).weekday;
}

/** The calendar date in `zone` at the instant `nowMillis` (the caller owns the clock). */
export function todayIn(zone: string, nowMillis: number): PlainDate {
	const dt = DateTime.fromMillis(nowMillis, { zone });
	if (!dt.isValid) throw new Error(`Unknown time zone "${zone}"`);
	return isoDate(dt);
}
