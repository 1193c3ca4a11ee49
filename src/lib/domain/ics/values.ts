/**
 * Values of iCalendar properties, read strictly: a date that is not a date is an error with its
 * line, never a silent skip.
 *
 * Times are kept as numbers. A *wall* time is the local clock reading in some zone, stored as the
 * milliseconds a UTC clock would show at that reading (so wall arithmetic is plain addition);
 * an *instant* is real epoch milliseconds. Zones (zones.ts) convert between the two.
 */
import { IcsError, type Prop } from './parse.ts';

export const DAY = 86_400_000;

export type DateValue =
	| { kind: 'date'; wall: number }
	| { kind: 'utc'; instant: number }
	| { kind: 'local'; wall: number; tzid: string | null };

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number): number =>
	m === 2 && leap(y) ? 29 : (MONTH_DAYS[m - 1] ?? 31);

/** Wall milliseconds of a calendar reading, or null when the fields are not a real time. */
export function wallOf(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | null {
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
	if (h > 23 || mi > 59 || s > 60) return null;
	// A leap second (:60) is read as :59, as every calendar library does.
	const sec = s > 59 ? 59 : s;
	if (y >= 100) return Date.UTC(y, mo - 1, d, h, mi, sec);
	// Date.UTC reads years 0-99 as 1900-1999.
	const t = new Date(0);
	t.setUTCFullYear(y, mo - 1, d);
	t.setUTCHours(h, mi, sec, 0);
	return t.getTime();
}

// Google writes birthdays' RDATEs as dates with a stray "Z" (20131210Z); read them as dates.
const DATE = /^(\d{4})(\d{2})(\d{2})Z?$/i;
const DATE_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/i;

/** One DATE or DATE-TIME text (as in a list value), with the TZID that applies to it. */
export function parseDateText(
	text: string,
	tzid: string | null,
	valueType: string | undefined
): DateValue | null {
	const t = text.trim();
	let m = DATE.exec(t);
	if (m && valueType !== 'DATE-TIME') {
		const wall = wallOf(Number(m[1]), Number(m[2]), Number(m[3]));
		return wall === null ? null : { kind: 'date', wall };
	}
	m = DATE_TIME.exec(t);
	if (!m || valueType === 'DATE') return null;
	const wall = wallOf(
		Number(m[1]),
		Number(m[2]),
		Number(m[3]),
		Number(m[4]),
		Number(m[5]),
		Number(m[6])
	);
	if (wall === null) return null;
	// A UTC time ignores any TZID written next to it (RFC 5545 3.3.5).
	if (m[7]) return { kind: 'utc', instant: wall };
	return { kind: 'local', wall, tzid };
}

const tzidOf = (p: Prop): string | null => {
	const tz = p.params.TZID?.trim();
	return tz ? tz : null;
};

/** The single date or date-time of DTSTART, DTEND, RECURRENCE-ID and the like. */
export function dateProp(p: Prop): DateValue {
	const v = parseDateText(p.value, tzidOf(p), p.params.VALUE?.toUpperCase());
	if (!v)
		throw new IcsError(p.line, `${p.name} "${p.value.slice(0, 40)}" is not a valid date or time`);
	return v;
}

export type Duration = { negative: boolean; days: number; ms: number };

const DURATION = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;

/** A DURATION: whole days (nominal, follow the wall clock) and exact milliseconds. */
export function parseDuration(text: string): Duration | null {
	const t = text.trim();
	const m = DURATION.exec(t);
	if (!m || t.endsWith('P') || t.endsWith('T') || /^[+-]?P$/i.test(t)) return null;
	const n = (i: number) => Number(m[i] ?? 0);
	if ([2, 3, 4, 5, 6].every((i) => m[i] === undefined)) return null;
	const days = n(2) * 7 + n(3);
	const ms = ((n(4) * 60 + n(5)) * 60 + n(6)) * 1000;
	if (days > 100_000 || ms > 100_000 * DAY) return null;
	return { negative: m[1] === '-', days, ms };
}

export function durationProp(p: Prop): Duration {
	const d = parseDuration(p.value);
	if (!d) throw new IcsError(p.line, `DURATION "${p.value.slice(0, 40)}" is not a valid duration`);
	if (d.negative) throw new IcsError(p.line, `DURATION "${p.value.slice(0, 40)}" is negative`);
	return d;
}

/** A UTC offset such as +0100 or -053000, in milliseconds. */
export function parseOffset(text: string): number | null {
	const m = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(text.trim());
	if (!m) return null;
	const h = Number(m[2]);
	const mi = Number(m[3]);
	const s = Number(m[4] ?? 0);
	if (h > 23 || mi > 59 || s > 59) return null;
	return (m[1] === '-' ? -1 : 1) * ((h * 60 + mi) * 60 + s) * 1000;
}

export type ListItem = { start: DateValue; end: DateValue | null; duration: Duration | null };

/** RDATE / EXDATE: a comma list of dates, date-times or (RDATE;VALUE=PERIOD) periods. */
export function dateListProp(p: Prop): ListItem[] {
	const type = p.params.VALUE?.toUpperCase();
	const tzid = tzidOf(p);
	const bad = (what: string) =>
		new IcsError(p.line, `${p.name} "${what.slice(0, 40)}" is not a valid date or period`);
	return p.value
		.split(',')
		.filter((s) => s.trim() !== '')
		.map((part) => {
			if (type === 'PERIOD' || part.includes('/')) {
				const [a = '', b = ''] = part.split('/');
				const start = parseDateText(a, tzid, 'DATE-TIME');
				if (!start) throw bad(part);
				if (/^[+-]?P/i.test(b.trim())) {
					const duration = parseDuration(b);
					if (!duration || duration.negative) throw bad(part);
					return { start, end: null, duration };
				}
				const end = parseDateText(b, tzid, 'DATE-TIME');
				if (!end) throw bad(part);
				return { start, end, duration: null };
			}
			const start = parseDateText(part, tzid, type);
			if (!start) throw bad(part);
			return { start, end: null, duration: null };
		});
}

/** ISO date of a wall time. */
export const isoDate = (wall: number): string => new Date(wall).toISOString().slice(0, 10);
/** ISO instant without milliseconds. */
export const isoInstant = (instant: number): string =>
	`${new Date(instant).toISOString().slice(0, 19)}Z`;
