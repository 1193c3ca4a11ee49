import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
	dayRange,
	epochDay,
	gapBetween,
	hullOf,
	inclusiveDays,
	intersectAll,
	intersectRanges,
	invertRanges,
	localInstant,
	plainDate,
	rangesIntersect,
	rangeWithinRange,
	zoneOffset,
	zoneSegment
} from './intervals.ts';
import { TEST_ZONES, withTZ } from './tz.test-helper.ts';

const r = (start: number, end: number) => ({ start, end });

describe('half-open ranges', () => {
	it('touching ranges do not intersect; one shared point does', () => {
		expect(rangesIntersect(r(1, 2), r(2, 3))).toBe(false);
		expect(rangesIntersect(r(1, 3), r(2, 4))).toBe(true);
		expect(intersectRanges(r(1, 2), r(2, 3))).toBeNull();
		expect(intersectRanges(r(1, 5), r(3, 9))).toEqual(r(3, 5));
		expect(gapBetween(r(1, 2), r(2, 3))).toBe(0);
		expect(gapBetween(r(5, 6), r(1, 2))).toBe(3);
		expect(gapBetween(r(1, 5), r(3, 4))).toBeLessThan(0);
	});

	it('intersects, hulls, contains and inverts', () => {
		expect(intersectAll([r(0, 10), r(2, 8), r(5, 12)])).toEqual(r(5, 8));
		expect(intersectAll([r(0, 1), r(1, 2)])).toBeNull();
		expect(hullOf([r(3, 4), r(0, 1)])).toEqual(r(0, 4));
		expect(rangeWithinRange(r(2, 3), r(0, 3))).toBe(true);
		expect(rangeWithinRange(r(2, 4), r(0, 3))).toBe(false);
		expect(invertRanges([r(2, 3), r(1, 2), r(5, 7)], r(0, 6))).toEqual([r(0, 1), r(3, 5)]);
	});
});

describe('plain dates and instants', () => {
	it('counts epoch days by arithmetic, whatever the host zone', () => {
		for (const tz of TEST_ZONES)
			withTZ(tz, () => {
				expect(epochDay('1970-01-01')).toBe(0);
				expect(plainDate(epochDay('2024-02-29'))).toBe('2024-02-29');
				expect(inclusiveDays(dayRange('2024-02-26', '2024-02-29'))).toEqual({
					first: '2024-02-26',
					last: '2024-02-29'
				});
			});
	});

	it('finds local midnights across a DST change (Madrid, 31 March 2024 has 23 hours)', () => {
		const day = epochDay('2024-03-31');
		const length = localInstant(day + 1, 'Europe/Madrid') - localInstant(day, 'Europe/Madrid');
		expect(length).toBe(23 * 3_600_000);
		expect(new Date(localInstant(day, 'Europe/Madrid', 8)).toISOString()).toBe(
			'2024-03-31T06:00:00.000Z'
		);
		// 02:00 does not exist that morning: it lands on 03:00 CEST, as luxon does.
		const gap = localInstant(day, 'Europe/Madrid', 2);
		const luxon = DateTime.fromObject(
			{ year: 2024, month: 3, day: 31, hour: 2 },
			{ zone: 'Europe/Madrid' }
		);
		expect(gap).toBe(luxon.toMillis());
	});

	it('agrees with luxon on offsets and local hours in many zones', () => {
		const zones = [
			'Asia/Riyadh',
			'America/Santiago',
			'Australia/Lord_Howe',
			'Asia/Kathmandu',
			'America/St_Johns',
			'Pacific/Apia'
		];
		for (const zone of zones) {
			for (let d = epochDay('2024-01-01'); d < epochDay('2025-01-01'); d += 3) {
				for (const hour of [0, 8, 20]) {
					const ours = localInstant(d, zone, hour);
					const wall = DateTime.fromMillis(ours, { zone });
					// The wall clock reads the hour asked for, unless the clocks skipped it.
					const theirs = DateTime.fromObject(
						{ year: wall.year, month: wall.month, day: wall.day, hour },
						{ zone }
					);
					if (theirs.hour === hour)
						expect(ours, `${zone} ${plainDate(d)} ${hour}:00`).toBe(theirs.toMillis());
					expect(zoneOffset(zone, ours)).toBe(wall.offset);
				}
			}
		}
	});
});

describe('zoneSegment', () => {
	it('gives the offset and the span it holds over, up to the DST change', () => {
		const change = Date.UTC(2024, 2, 31, 1); // Europe: summer time from 01:00 UTC, 31 Mar 2024
		const before = zoneSegment('Europe/Berlin', change - 60_000);
		expect(before.offset).toBe(60);
		expect(before.to).toBe(change);
		expect(before.from).toBeLessThanOrEqual(change - 60_000);
		const after = zoneSegment('Europe/Berlin', change);
		expect(after.offset).toBe(120);
		expect(after.from).toBe(change);
		// Every instant in a span has the span's offset.
		for (const s of [before, after])
			for (const t of [s.from, s.to - 1, (s.from + s.to) / 2])
				expect(zoneOffset('Europe/Berlin', t)).toBe(s.offset);
	});
});
