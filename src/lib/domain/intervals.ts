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

const zones = new Map<string, IANAZone>();
const midnights = new Map<string, number>();

/**
 * The instant a local clock in `zone` shows `hour`:00 on epoch day `day`. Cached, since clash
 * checks ask for the same few zones and days again and again. A wall time the clocks skip (spring
 * forward) lands on the instant after the gap; one they pass twice takes the first.
 */
export function localInstant(day: number, zone: string, hour = 0): number {
	const key = `${zone}|${day}|${hour}`;
	const hit = midnights.get(key);
	if (hit !== undefined) return hit;
	let z = zones.get(zone);
	if (!z) {
		z = IANAZone.create(zone);
		if (!z.isValid) throw new Error(`Unknown time zone "${zone}"`);
		zones.set(zone, z);
	}
	const wall = day * DAY_MS + hour * HOUR_MS;
	// Two passes find the offset in force at that wall time (the offset can change in between).
	let guess = wall - z.offset(wall) * 60_000;
	guess = wall - z.offset(guess) * 60_000;
	const back = guess + z.offset(guess) * 60_000;
	// Inside a spring-forward gap the wall time does not exist: read it with the offset in force
	// before the gap, which lands on the first instant after it (as luxon does).
	const result = back === wall ? guess : wall - z.offset(guess - HOUR_MS * 6) * 60_000;
	midnights.set(key, result);
	return result;
}

/** The instants an epoch-day range covers on the local calendar of `zone`: 00:00 to 00:00. */
export function dayRangeInstants(r: Range, zone: string): Range {
	return { start: localInstant(r.start, zone), end: localInstant(r.end, zone) };
}

/** The epoch day (on the calendar of `zone`) an instant falls on. */
export function epochDayIn(ms: number, zone: string): number {
	let z = zones.get(zone);
	if (!z) {
		z = IANAZone.create(zone);
		zones.set(zone, z);
	}
	return Math.floor((ms + z.offset(ms) * 60_000) / DAY_MS);
}
