import { describe, expect, it } from 'vitest';
import { resolve } from './dates.ts';
import {
	axisTicks,
	dayFromNumber,
	dayNumber,
	dependencyState,
	makeScale,
	packLanes,
	planSpan,
	pxPerDayFor,
	routeArrow,
	shapeOf,
	type Shape
} from './gantt-layout.ts';
import type { DateSpec } from './schema.ts';
import { TEST_ZONES, withTZ } from './tz.test-helper.ts';

const shape = (spec: DateSpec): Shape => {
	const s = shapeOf(spec, resolve(spec));
	if (!s) throw new Error('expected a shape');
	return s;
};

describe('date -> x', () => {
	it('counts days on the calendar, across leap days and years, in every host zone', () => {
		for (const zone of TEST_ZONES) {
			withTZ(zone, () => {
				expect(dayNumber('1970-01-01')).toBe(0);
				expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
				expect(dayNumber('2025-01-01') - dayNumber('2024-01-01')).toBe(366);
				expect(dayFromNumber(dayNumber('2024-02-29'))).toBe('2024-02-29');
				// The day the clocks change in St John's and Europe is still one day long.
				expect(dayNumber('2024-03-11') - dayNumber('2024-03-10')).toBe(1);
				expect(dayNumber('2024-10-28') - dayNumber('2024-10-27')).toBe(1);
			});
		}
	});

	it('puts a day between its left and right edge, proportional to pixels per day', () => {
		const s = makeScale('2024-01-01', '2024-12-31', 3);
		expect(s.x('2024-01-01')).toBe(0);
		expect(s.xEnd('2024-01-01')).toBe(3);
		expect(s.x('2024-03-01')).toBe(60 * 3);
		expect(s.width).toBe(366 * 3);
		expect(() => makeScale('2024-02-01', '2024-01-01', 1)).toThrow(/before/);
	});

	it('fits the whole plan into the given width, and uses fixed densities otherwise', () => {
		expect(pxPerDayFor('fit', 400, 800)).toBe(2);
		expect(pxPerDayFor('month', 400, 800)).toBeGreaterThan(pxPerDayFor('quarter', 400, 800));
		expect(pxPerDayFor('quarter', 400, 800)).toBeGreaterThan(pxPerDayFor('year', 400, 800));
	});

	it('spans whole months from the earliest to the latest bound, ignoring TBD', () => {
		expect(
			planSpan([
				{ earliest: '2023-12-18', latest: '2023-12-18' },
				{ earliest: null, latest: null },
				{ earliest: '2024-02-10', latest: '2024-12-19' }
			])
		).toEqual({ start: '2023-12-01', end: '2024-12-31' });
		expect(planSpan([{ earliest: null, latest: null }])).toBeNull();
		expect(planSpan([{ earliest: '2024-02-03', latest: '2024-02-03' }])?.end).toBe('2024-02-29');
	});

	it('chooses axis ticks by density: weeks when zoomed in, months, then quarters', () => {
		const weeks = axisTicks(makeScale('2024-01-01', '2024-03-31', 10));
		expect(weeks.major.map((t) => t.date)).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
		// Mondays only: 1 Jan 2024 was a Monday.
		expect(weeks.minor[0]?.date).toBe('2024-01-01');
		expect(weeks.minor[1]?.date).toBe('2024-01-08');
		const months = axisTicks(makeScale('2023-12-01', '2024-12-31', 2.5));
		expect(months.major.map((t) => t.date)).toEqual(['2023-12-01', '2024-01-01']);
		expect(months.minor).toHaveLength(13);
		const quarters = axisTicks(makeScale('2024-01-01', '2025-12-31', 1.2));
		expect(quarters.minor.map((t) => t.date.slice(5))).toEqual([
			'01-01',
			'04-01',
			'07-01',
			'10-01',
			'01-01',
			'04-01',
			'07-01',
			'10-01'
		]);
	});
});

describe('fuzzy edges', () => {
	it('draws exact dates solid, and a single exact day as a milestone', () => {
		const range = shape({ type: 'range', start: '2024-05-27', end: '2024-05-31' });
		expect(range.core).toEqual(range.outer);
		expect(range.milestone).toBe(false);
		const day = shape({ type: 'day', date: '2024-03-01' });
		expect(day.milestone).toBe(true);
		const deadline = shape({ type: 'by', date: '2024-02-15' });
		expect(deadline.milestone).toBe(true);
		expect(deadline.outer).toEqual({ start: '2024-02-15', end: '2024-02-15' });
	});

	it('has no certain day for a fuzzy window: the whole window is uncertain', () => {
		for (const spec of [
			{ type: 'part-of-month', year: 2024, month: 5, part: 'early' },
			{ type: 'month', year: 2024, month: 9 },
			{ type: 'part-of-year', year: 2024, part: 'early' },
			{ type: 'quarter', year: 2024, quarter: 2 },
			{ type: 'by', date: '2024-02-29', from: '2023-12-18' }
		] as DateSpec[]) {
			const s = shape(spec);
			expect(s.core, spec.type).toBeNull();
			expect(s.milestone).toBe(false);
			expect(s.startWindow).toEqual(s.outer);
		}
		expect(shape({ type: 'part-of-month', year: 2024, month: 5, part: 'early' }).outer).toEqual({
			start: '2024-05-01',
			end: '2024-05-10'
		});
	});

	it('makes the days every candidate window shares certain, and keeps each window', () => {
		const s = shape({
			type: 'candidates',
			windows: [
				{ start: '2024-02-25', end: '2024-02-27' },
				{ start: '2024-02-25', end: '2024-02-28' },
				{ start: '2024-02-26', end: '2024-02-27' },
				{ start: '2024-02-26', end: '2024-02-28' }
			]
		});
		expect(s.outer).toEqual({ start: '2024-02-25', end: '2024-02-28' });
		expect(s.core).toEqual({ start: '2024-02-26', end: '2024-02-27' });
		expect(s.alternatives).toHaveLength(4);
		expect(s.startWindow).toEqual({ start: '2024-02-25', end: '2024-02-26' });
		expect(s.endWindow).toEqual({ start: '2024-02-27', end: '2024-02-28' });
		const apart = shape({
			type: 'candidates',
			windows: [
				{ start: '2024-03-01', end: '2024-03-02' },
				{ start: '2024-03-10', end: '2024-03-11' }
			]
		});
		expect(apart.core).toBeNull();
	});

	it('leaves TBD undrawn (it goes to the undated tray)', () => {
		const spec: DateSpec = { type: 'tbd' };
		expect(shapeOf(spec, resolve(spec))).toBeNull();
	});
});

describe('lane packing', () => {
	it('reuses a lane once the previous box has ended, with the gap', () => {
		const boxes = [
			{ x0: 0, x1: 100 },
			{ x0: 50, x1: 150 },
			{ x0: 105, x1: 200 },
			{ x0: 110, x1: 120 }
		];
		expect(packLanes(boxes, 0)).toEqual({ lane: [0, 1, 0, 2], lanes: 3 });
		expect(packLanes(boxes, 10)).toEqual({ lane: [0, 1, 2, 0], lanes: 3 });
	});

	it('never overlaps two boxes in a lane and uses as many lanes as the deepest overlap', () => {
		let seed = 7;
		const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 1000;
		const boxes = Array.from({ length: 300 }, () => {
			const a = rand();
			return { x0: a, x1: a + rand() / 5 };
		});
		const { lane, lanes } = packLanes(boxes);
		for (let i = 0; i < boxes.length; i++)
			for (let j = i + 1; j < boxes.length; j++) {
				if (lane[i] !== lane[j]) continue;
				const [a, b] = [boxes[i]!, boxes[j]!];
				expect(a.x1 <= b.x0 || b.x1 <= a.x0, `boxes ${i} and ${j} overlap`).toBe(true);
			}
		const depth = Math.max(
			...boxes.map((b) => boxes.filter((o) => o.x0 <= b.x0 && b.x0 < o.x1).length)
		);
		expect(lanes).toBe(depth);
	});
});

describe('arrow routing', () => {
	it('runs forward arrows out right, across at a midpoint, and into the successor', () => {
		const { points, d } = routeArrow({ x: 100, y: 13 }, { x: 200, y: 53 }, { rowHeight: 40 });
		expect(points[0]).toEqual({ x: 100, y: 13 });
		expect(points.at(-1)).toEqual({ x: 200, y: 53 });
		expect(d).toBe('M100 13 L192 13 L192 53 L200 53');
		// Orthogonal: every segment is horizontal or vertical.
		for (let i = 1; i < points.length; i++) {
			const [a, b] = [points[i - 1]!, points[i]!];
			expect(a.x === b.x || a.y === b.y).toBe(true);
		}
	});

	it('routes a backward arrow through the gap between rows, entering from the left', () => {
		const { points } = routeArrow({ x: 300, y: 13 }, { x: 200, y: 93 }, { rowHeight: 40, stub: 8 });
		expect(points.map((p) => [p.x, p.y])).toEqual([
			[300, 13],
			[308, 13],
			[308, 73],
			[192, 73],
			[192, 93],
			[200, 93]
		]);
		const up = routeArrow({ x: 300, y: 93 }, { x: 200, y: 13 }, { rowHeight: 40, stub: 8 });
		expect(up.points[2]).toEqual({ x: 308, y: 33 });
	});
});

describe('dependency violations', () => {
	const day = (date: string) => shape({ type: 'day', date });
	it('accepts a successor that starts the day after, and respects the lag', () => {
		expect(dependencyState(day('2024-03-01'), day('2024-03-02'))).toBe('ok');
		expect(dependencyState(day('2024-03-01'), day('2024-03-02'), 1)).toBe('definite');
		expect(dependencyState(day('2024-03-01'), day('2024-03-03'), 1)).toBe('ok');
	});

	it('flags a successor that starts on or before the predecessor ends', () => {
		expect(dependencyState(day('2024-03-01'), day('2024-03-01'))).toBe('definite');
		expect(
			dependencyState(
				shape({ type: 'range', start: '2024-05-01', end: '2024-10-01' }),
				day('2024-07-01')
			)
		).toBe('definite');
	});

	it('calls it possible when fuzzy dates may or may not collide', () => {
		// Mid-April (11–20) -> a day on 15 April: only some readings violate.
		const midApril = shape({ type: 'part-of-month', year: 2024, month: 4, part: 'mid' });
		expect(dependencyState(midApril, day('2024-04-15'))).toBe('possible');
		expect(dependencyState(midApril, day('2024-04-21'))).toBe('ok');
		expect(dependencyState(midApril, day('2024-04-10'))).toBe('definite');
	});
});
