/**
 * Interval algebra on half-open ranges `[start, end)`, in the style of FullCalendar's
 * `datelib/date-range.ts`: tiny named functions, no classes. A range is a pair of numbers, so
 * the same functions serve epoch days (all-day things) and epoch milliseconds (instants).
 *
 * Plain dates `YYYY-MM-DD` become epoch days by arithmetic on the digits (no `Date` at midnight,
 * no host zone); a plain day becomes an instant range only through an explicit IANA zone.
 */
import { IANAZone } from 'luxon';
import type { PlainDate } from './schema.ts';

/** Half-open: contains every x with start <= x < end. Empty when end <= start. */
export type Range = { start: number; end: number };

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export function range(start: number, end: number): Range {
	return { start, end };
}

export function isEmpty(r: Range): boolean {
	return r.end <= r.start;
}

/** True when the ranges share at least one point; touching ranges ([1,2) and [2,3)) do not. */
export function rangesIntersect(a: Range, b: Range): boolean {
	return a.start < b.end && b.start < a.end;
}

/** The common part, or null when they do not intersect. */
export function intersectRanges(a: Range, b: Range): Range | null {
	const start = Math.max(a.start, b.start);
	const end = Math.min(a.end, b.end);
	return start < end ? { start, end } : null;
}

/** The common part of every range (null when empty or when there are none). */
export function intersectAll(ranges: readonly Range[]): Range | null {
	let acc: Range | null = ranges[0] ?? null;
	for (let i = 1; i < ranges.length && acc; i++) acc = intersectRanges(acc, ranges[i]!);
	return acc;
}

/** The smallest range covering all of them (null for none). */
export function hullOf(ranges: readonly Range[]): Range | null {
	if (ranges.length === 0) return null;
	let start = Infinity;
	let end = -Infinity;
	for (const r of ranges) {
		if (r.start < start) start = r.start;
		if (r.end > end) end = r.end;
	}
	return { start, end };
}

/** True when `inner` lies wholly inside `outer`. */
export function rangeWithinRange(inner: Range, outer: Range): boolean {
	return outer.start <= inner.start && inner.end <= outer.end;
}

/** The free space between two ranges: 0 when touching, negative when they overlap. */
export function gapBetween(a: Range, b: Range): number {
	return Math.max(b.start - a.end, a.start - b.end);
}

/** Grows a range by `before` at the start and `after` at the end. */
export function padRange(r: Range, before: number, after = before): Range {
	return { start: r.start - before, end: r.end + after };
}

/**
 * The parts of `outer` not covered by `ranges` (FullCalendar's invertRanges): what is free.
 * `ranges` need not be sorted or disjoint.
 */
export function invertRanges(ranges: readonly Range[], outer: Range): Range[] {
	const sorted = [...ranges].sort((a, b) => a.start - b.start);
	const out: Range[] = [];
	let cursor = outer.start;
	for (const r of sorted) {
		if (r.end <= cursor) continue;
		if (r.start >= outer.end) break;
		if (r.start > cursor) out.push({ start: cursor, end: r.start });
		cursor = Math.max(cursor, r.end);
	}
	if (cursor < outer.end) out.push({ start: cursor, end: outer.end });
	return out;
}

// ---------------------------------------------------------------------------------------------
// Plain dates <-> epoch days <-> instants

const PLAIN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a plain date, by arithmetic (TZ never matters). */
export function epochDay(date: PlainDate): number {
	const m = PLAIN.exec(date);
	if (!m) throw new Error(`Not a date: "${date}"`);
	return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** The plain date of an epoch day. */
export function plainDate(day: number): PlainDate {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Inclusive first/last plain dates -> half-open epoch-day range. */
export function dayRange(first: PlainDate, last: PlainDate): Range {
	return { start: epochDay(first), end: epochDay(last) + 1 };
}

/** Half-open epoch-day range -> inclusive first/last plain dates (what people read). */
export function inclusiveDays(r: Range): { first: PlainDate; last: PlainDate } {
	return { first: plainDate(r.start), last: plainDate(r.end - 1) };
}

/** Every epoch day in the range. */
export function daysOf(r: Range): number[] {
	const out: number[] = [];
	for (let d = r.start; d < r.end; d++) out.push(d);
	return out;
}

/**
 * A zone's UTC offsets as a table of transitions, found once per zone and year: luxon's offset
 * lookup goes through Intl and costs microseconds, and a big plan asks for it a million times.
 * Sampled weekly (no zone changes offset twice within a week), each change located to the minute.
 */
type OffsetTable = {
	years: Map<number, { at: number[]; offset: number[] }>;
	zone: IANAZone;
	/** localInstant results by day * 32 + hour. */
	local: Map<number, number>;
};
const tables = new Map<string, OffsetTable>();

function tableFor(zone: string): OffsetTable {
	let t = tables.get(zone);
	if (!t) {
		const z = IANAZone.create(zone);
		if (!z.isValid) throw new Error(`Unknown time zone "${zone}"`);
		t = { years: new Map(), zone: z, local: new Map() };
		tables.set(zone, t);
	}
	return t;
}

const WEEK_MS = 7 * DAY_MS;
const MINUTE_MS = 60_000;

function yearTable(t: OffsetTable, year: number) {
	let y = t.years.get(year);
	if (y) return y;
	const from = Date.UTC(year, 0, 1) - 2 * DAY_MS;
	const to = Date.UTC(year + 1, 0, 1) + 2 * DAY_MS;
	const at = [from];
	const offset = [t.zone.offset(from)];
	let prevMs = from;
	let prev = offset[0]!;
	for (let ms = Math.min(from + WEEK_MS, to); ; ms = Math.min(ms + WEEK_MS, to)) {
		const off = t.zone.offset(ms);
		if (off !== prev) {
			// Binary search for the first minute with the new offset.
			let lo = prevMs;
			let hi = ms;
			while (hi - lo > MINUTE_MS) {
				const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
				if (t.zone.offset(mid) === prev) lo = mid;
				else hi = mid;
			}
			at.push(hi);
			offset.push(off);
			prev = off;
		}
		prevMs = ms;
		if (ms >= to) break;
	}
	y = { at, offset };
	t.years.set(year, y);
	return y;
}

/** The UTC offset of `zone` at an instant, in minutes (as luxon's `Zone#offset`). */
export function zoneOffset(zone: string, ms: number): number {
	const t = tableFor(zone);
	// The UTC year by arithmetic (no Date allocation): correct away from the turn of a year, and
	// each year's table covers two days on either side.
	const y = yearTable(t, Math.floor(ms / (365.2425 * DAY_MS)) + 1970);
	let i = y.at.length - 1;
	while (i > 0 && y.at[i]! > ms) i--;
	return y.offset[i]!;
}

/**
 * The UTC offset of `zone` at an instant with the span [from, to) it holds over (to the next
 * transition, or the edge of the year's table): a sweep over ordered instants reuses it with two
 * comparisons instead of a table lookup each time.
 */
export function zoneSegment(
	zone: string,
	ms: number
): { offset: number; from: number; to: number } {
	const t = tableFor(zone);
	const year = Math.floor(ms / (365.2425 * DAY_MS)) + 1970;
	const y = yearTable(t, year);
	let i = y.at.length - 1;
	while (i > 0 && y.at[i]! > ms) i--;
	// The table covers the year and two days either side; stay inside the UTC year proper.
	const yearEnd = Date.UTC(year + 1, 0, 1) + DAY_MS;
	const from = Math.max(y.at[i]!, Date.UTC(year, 0, 1) - DAY_MS);
	const to = Math.min(y.at[i + 1] ?? Infinity, yearEnd);
	return { offset: y.offset[i]!, from: Math.min(from, ms), to: Math.max(to, ms + 1) };
}

/**
 * The instant a local clock in `zone` shows `hour`:00 on epoch day `day`. A wall time the clocks
 * skip (spring forward) lands on the first instant after the gap, as luxon does; one they pass
 * twice takes the first.
 */
export function localInstant(day: number, zone: string, hour = 0): number {
	const cache = tableFor(zone).local;
	const key = day * 32 + hour;
	let hit = cache.get(key);
	if (hit === undefined) {
		hit = computeLocalInstant(day, zone, hour);
		cache.set(key, hit);
	}
	return hit;
}

function computeLocalInstant(day: number, zone: string, hour: number): number {
	const wall = day * DAY_MS + hour * HOUR_MS;
	// Two passes find the offset in force at that wall time (the offset can change in between).
	let guess = wall - zoneOffset(zone, wall) * MINUTE_MS;
	guess = wall - zoneOffset(zone, guess) * MINUTE_MS;
	const back = guess + zoneOffset(zone, guess) * MINUTE_MS;
	if (back === wall) {
		// Autumn: the same wall time twice; take the earlier instant if it also reads `wall`.
		const earlier = wall - zoneOffset(zone, guess - 6 * HOUR_MS) * MINUTE_MS;
		return earlier < guess && earlier + zoneOffset(zone, earlier) * MINUTE_MS === wall
			? earlier
			: guess;
	}
	// Inside a spring-forward gap: read it with the offset in force before the gap.
	return wall - zoneOffset(zone, guess - 6 * HOUR_MS) * MINUTE_MS;
}

/** The instants an epoch-day range covers on the local calendar of `zone`: 00:00 to 00:00. */
export function dayRangeInstants(r: Range, zone: string): Range {
	return { start: localInstant(r.start, zone), end: localInstant(r.end, zone) };
}

/** The epoch day (on the calendar of `zone`) an instant falls on. */
export function epochDayIn(ms: number, zone: string): number {
	return Math.floor((ms + zoneOffset(zone, ms) * MINUTE_MS) / DAY_MS);
}
