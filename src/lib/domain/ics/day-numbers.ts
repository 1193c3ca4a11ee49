/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC) for rule expansion: the date of
 * a day number and back, month and year lengths, weekdays (0 = Monday) and ISO-style week
 * numbers with any week start, as BYWEEKNO needs them.
 */
import { DAY } from './values.ts';

export const dayNo = (wall: number): number => Math.floor(wall / DAY);
export const weekday = (dn: number): number => (((dn + 3) % 7) + 7) % 7;
export const ymd = (dn: number): [number, number, number] => {
	const d = new Date(dn * DAY);
	return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
};
export const dayOfYmd = (y: number, m: number, d: number): number => {
	const t = new Date(0);
	t.setUTCFullYear(y, m - 1, d);
	return dayNo(t.getTime());
};
export const daysInMonth = (y: number, m: number): number =>
	dayOfYmd(y, m + 1, 1) - dayOfYmd(y, m, 1);
export const daysInYear = (y: number): number => dayOfYmd(y + 1, 1, 1) - dayOfYmd(y, 1, 1);
export const mod = (a: number, n: number): number => ((a % n) + n) % n;

/** Week-numbering year and week number of day `dn` with weeks starting on `wkst`. */
export function weekNumber(dn: number, wkst: number): [number, number] {
	const [y] = ymd(dn);
	for (const wy of [y + 1, y, y - 1]) {
		const start = week1Start(wy, wkst);
		if (dn >= start) return [wy, Math.floor((dn - start) / 7) + 1];
	}
	return [y, 1];
}

function week1Start(y: number, wkst: number): number {
	const jan1 = dayOfYmd(y, 1, 1);
	const off = mod(weekday(jan1) - wkst, 7);
	// Week 1 is the first week with at least four days in the year.
	return off >= 4 ? jan1 - off + 7 : jan1 - off;
}

export const weeksInYear = (y: number, wkst: number): number =>
	(week1Start(y + 1, wkst) - week1Start(y, wkst)) / 7;
