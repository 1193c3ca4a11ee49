import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolve } from './dates.ts';
import {
	axisTicks,
	dayFromNumber,
	dayNumber,
	dependencyState,
	makeScale,
	fitText,
	LABEL,
	labelRange,
	placeLabels,
	planSpan,
	pxPerDayFor,
	routeArrow,
	shapeOf,
	textWidth,
	wrapText,
	ZOOMS,
	type LabelPlacement,
	type LabelRequest,
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

describe('labels beside their bars', () => {
	const req = (x0: number, x1: number, labelW: number, solid = false): LabelRequest => ({
		x0,
		x1,
		solid: solid ? { x0, x1 } : null,
		labelW
	});

	it('puts a label inside a bar it fits in, else right of it, else left near the end', () => {
		const { placements, lanes } = placeLabels(
			[req(10, 400, 200, true), req(420, 440, 100), req(880, 900, 150)],
			1000
		);
		expect(lanes).toBe(1);
		expect(placements.map((p) => [p.side, p.labelX, p.room])).toEqual([
			['inside', 16, 200],
			['right', 446, 100],
			['left', 874, 150]
		]);
	});

	it('shows a whole title when the chart has room, taking another lane if needed', () => {
		// "First two-day face-to-face Panel meeting of 2024" is ~290 px: a neighbour 100 px to the
		// right does not cut it, it moves to a second lane.
		const title = textWidth('First two-day face-to-face Panel meeting of 2024', 12, true);
		const { placements, lanes } = placeLabels([req(100, 120, title), req(220, 240, 50)], 1200);
		expect(placements[0]).toMatchObject({ side: 'right', room: title, lane: 0 });
		expect(placements[1]?.lane).toBe(1);
		expect(lanes).toBe(2);
	});

	it('cuts a label that fits nowhere inside the long bar when the bar has the most room', () => {
		const { placements } = placeLabels([req(200, 700, 900, true)], 800);
		expect(placements[0]).toMatchObject({ side: 'inside', labelX: 206, room: 488 });
	});

	it('cuts a label only when neither side of the chart has room for it', () => {
		const { placements } = placeLabels([req(100, 200, 400)], 500);
		expect(placements[0]?.side).toBe('right');
		expect(placements[0]?.room).toBe(500 - LABEL.edge - 206);
		expect(fitText('Working group 3 (Free-flowing and trustworthy)', 120, 12, true)).toMatch(/…$/);
		expect(fitText('WG3', 120, 12)).toBe('WG3');
		expect(textWidth(fitText('A long title that will not fit', 80, 12), 12)).toBeLessThanOrEqual(
			80
		);
	});

	it('wraps a lane name on word (and hyphen) boundaries, keeping every word', () => {
		const name = 'Working groups: WG3 Free-flowing and trustworthy';
		const lines = wrapText(name, 96, 12, true);
		expect(lines.length).toBeGreaterThan(1);
		expect(lines.join(' ').replace(/- /g, '-')).toBe(name);
		for (const l of lines) expect(textWidth(l, 12, true)).toBeLessThanOrEqual(96);
		expect(wrapText('WG5 Rights-respecting', 96, 12)).toEqual(['WG5 Rights-', 'respecting']);
		// A word longer than the line is broken, not cut.
		expect(wrapText('Supercalifragilistic', 40, 12).join('')).toBe('Supercalifragilistic');
	});
});

/** Random plans: bars with labels on a chart, and dependencies between them. */
const plans = fc
	.record({
		width: fc.integer({ min: 200, max: 1600 }),
		bars: fc.array(
			fc.record({
				start: fc.double({ min: 0, max: 1, noNaN: true }),
				len: fc.integer({ min: 2, max: 400 }),
				solid: fc.boolean(),
				labelW: fc.integer({ min: 10, max: 420 })
			}),
			{ minLength: 1, maxLength: 40 }
		),
		deps: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 30 })
	})
	.map(({ width, bars, deps }) => {
		const pad = 12;
		const reqs: LabelRequest[] = bars.map((b) => {
			const x0 = pad + Math.round(b.start * (width - 2 * pad - 2));
			const x1 = Math.min(x0 + b.len, width - pad);
			return { x0, x1, solid: b.solid ? { x0, x1 } : null, labelW: b.labelW };
		});
		return { width, reqs, deps: deps.map(([a, b]) => [a % reqs.length, b % reqs.length]) };
	});

const ROW = 40;
/** The rectangles a label's two lines cover (title around the bar's centre, meta below). */
function labelRects(p: LabelPlacement, y: number) {
	const [x0, x1] = labelRange(p);
	return [
		{ x0, x1, y0: y - 6, y1: y + 7 },
		{ x0, x1, y0: y + 9, y1: y + 23 }
	];
}
const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;

describe('label placement over random plans (property)', () => {
	it('never lets a label overlap another label or another bar, and keeps labels on the chart', () => {
		fc.assert(
			fc.property(plans, ({ width, reqs }) => {
				const { placements } = placeLabels(reqs, width);
				for (let i = 0; i < reqs.length; i++) {
					const p = placements[i]!;
					const [l0, l1] = labelRange(p);
					expect(l0).toBeGreaterThanOrEqual(0);
					expect(l1).toBeLessThanOrEqual(width);
					// Cut only when neither side (nor the bar) had room for the whole label.
					if (p.room < reqs[i]!.labelW) {
						const r = reqs[i]!;
						expect(r.x1 + LABEL.gap + r.labelW).toBeGreaterThan(width - LABEL.edge);
						expect(r.x0 - LABEL.gap - r.labelW).toBeLessThan(LABEL.edge);
						if (r.solid) expect(r.solid.x1 - r.solid.x0).toBeLessThan(r.labelW + 2 * LABEL.inset);
					}
					for (let j = 0; j < reqs.length; j++) {
						if (i === j || placements[j]!.lane !== p.lane) continue;
						const [m0, m1] = labelRange(placements[j]!);
						expect(overlaps(l0, l1, m0, m1), `labels ${i} and ${j}`).toBe(false);
						expect(overlaps(l0, l1, reqs[j]!.x0, reqs[j]!.x1), `label ${i}, bar ${j}`).toBe(false);
					}
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('routes every arrow around label text, orthogonally, from bar to bar', () => {
		fc.assert(
			fc.property(plans, ({ width, reqs, deps }) => {
				const { placements } = placeLabels(reqs, width);
				const y = (i: number) => placements[i]!.lane * ROW + 13;
				const byLane: [number, number][][] = [];
				placements.forEach((p) => (byLane[p.lane] ??= []).push(p.box));
				const end = (i: number) => ({
					lane: placements[i]!.lane,
					x0: reqs[i]!.x0,
					x1: reqs[i]!.x1,
					y: y(i),
					half: 7
				});
				const rects = placements.flatMap((p, i) => labelRects(p, y(i)));
				for (const [a, b] of deps) {
					if (a === b) continue;
					const { points } = routeArrow(end(a!), end(b!), {
						rowHeight: ROW,
						obstacles: (l) => byLane[l] ?? [],
						width
					});
					expect(points[0]!.x).toBeGreaterThanOrEqual(reqs[a!]!.x0);
					expect(points[0]!.x).toBeLessThanOrEqual(reqs[a!]!.x1);
					expect(points.at(-1)!.x).toBeGreaterThanOrEqual(reqs[b!]!.x0);
					for (let k = 1; k < points.length; k++) {
						const [p, q] = [points[k - 1]!, points[k]!];
						expect(p.x === q.x || p.y === q.y, 'orthogonal').toBe(true);
						const [sx0, sx1] = [Math.min(p.x, q.x), Math.max(p.x, q.x)];
						const [sy0, sy1] = [Math.min(p.y, q.y), Math.max(p.y, q.y)];
						for (const r of rects) {
							// A segment is a line: it crosses a box when it passes through its inside.
							const crossX =
								sx0 === sx1 ? r.x0 < sx0 && sx0 < r.x1 : overlaps(sx0, sx1, r.x0, r.x1);
							const crossY =
								sy0 === sy1 ? r.y0 < sy0 && sy0 < r.y1 : overlaps(sy0, sy1, r.y0, r.y1);
							expect(crossX && crossY, `arrow ${a}->${b} crosses a label`).toBe(false);
						}
					}
				}
			}),
			{ numRuns: 300 }
		);
	});
});

describe('arrow routing', () => {
	const none = () => [];
	it('leaves under the predecessor, runs in the gap between lanes, drops onto the successor', () => {
		const { points, d } = routeArrow(
			{ lane: 0, x0: 50, x1: 100, y: 13, half: 7 },
			{ lane: 1, x0: 200, x1: 260, y: 53, half: 7 },
			{ rowHeight: 40, obstacles: none, width: 500 }
		);
		expect(d).toBe('M97 20 L97 40 L203 40 L203 46');
		for (let i = 1; i < points.length; i++) {
			const [a, b] = [points[i - 1]!, points[i]!];
			expect(a.x === b.x || a.y === b.y).toBe(true);
		}
	});

	it('crosses lanes in between only where they hold no bar or label', () => {
		const { points } = routeArrow(
			{ lane: 0, x0: 50, x1: 100, y: 13, half: 7 },
			{ lane: 3, x0: 200, x1: 260, y: 133, half: 7 },
			{ rowHeight: 40, obstacles: (l) => (l === 1 ? [[90, 420]] : []), width: 500 }
		);
		const vertical = points.find((p, i) => i > 1 && p.y === 40 && points[i + 1]?.y === 120);
		expect(vertical?.x).toBe(86);
	});

	it('takes a backward arrow (a violation) over the top of the lane, never under a bar', () => {
		const { d } = routeArrow(
			{ lane: 2, x0: 300, x1: 400, y: 93, half: 7 },
			{ lane: 2, x0: 200, x1: 260, y: 93, half: 7 },
			{ rowHeight: 40, obstacles: none, width: 500 }
		);
		expect(d).toBe('M397 86 L397 80 L203 80 L203 86');
		const up = routeArrow(
			{ lane: 2, x0: 300, x1: 400, y: 93, half: 7 },
			{ lane: 0, x0: 200, x1: 260, y: 13, half: 7 },
			{ rowHeight: 40, obstacles: none, width: 500 }
		);
		expect(up.d).toBe('M397 86 L397 80 L203 80 L203 40 L203 20');
	});
});

describe('zoom fills the box', () => {
	it('makes every zoom at least as wide as the available width (95%)', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...ZOOMS),
				fc.integer({ min: 28, max: 3 * 366 }),
				fc.integer({ min: 200, max: 3000 }),
				(zoom, days, available) => {
					const s = makeScale(
						'2024-01-01',
						dayFromNumber(dayNumber('2024-01-01') + days - 1),
						pxPerDayFor(zoom, days, available)
					);
					expect(s.width).toBeGreaterThanOrEqual(0.95 * available);
				}
			)
		);
		// The seed plan's 13 months at Year zoom in a 1280 px screen's box: no longer half empty.
		expect(
			makeScale('2023-12-01', '2024-12-31', pxPerDayFor('year', 397, 880)).width
		).toBeGreaterThanOrEqual(0.95 * 880);
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
