/**
 * The Gantt's geometry: where a day is on the x axis, how a DateSpec becomes a bar with certain and
 * uncertain parts, how dependency arrows run and which ones are violated. How bars share lanes
 * with their labels is gantt-labels.ts.
 *
 * Pure numbers in, numbers out: no Svelte, no clock, no locale. Days are `YYYY-MM-DD` strings at
 * the edges and whole "day numbers" (days since 1970-01-01 on the proleptic Gregorian calendar)
 * inside, because a render maps thousands of dates and luxon parsing each one costs ~20 µs.
 * `Date.UTC` on the parsed fields is exact calendar arithmetic and never sees a host zone.
 */
import type { Resolved } from './dates.ts';
import type { DateSpec, PlainDate } from './schema.ts';

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a `YYYY-MM-DD` day. */
export function dayNumber(date: PlainDate): number {
	const y = Number(date.slice(0, 4));
	const m = Number(date.slice(5, 7));
	const d = Number(date.slice(8, 10));
	return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** A span of whole days, both ends inclusive (the way the plan and the UI speak). */
export type DaySpan = { start: PlainDate; end: PlainDate };

// ---------------------------------------------------------------------------------------------
// Scale: date -> x

export const ZOOMS = ['fit', 'month', 'quarter', 'year'] as const;
export type Zoom = (typeof ZOOMS)[number];

/** Pixels per day at each fixed zoom: a month ≈ 300 px, a quarter ≈ 270 px, a year ≈ 440 px. */
const PX_PER_DAY: Record<Exclude<Zoom, 'fit'>, number> = { month: 10, quarter: 3, year: 1.2 };

export type Scale = {
	/** First day drawn (x = 0 at its left edge). */
	origin: PlainDate;
	/** Last day drawn, inclusive. */
	last: PlainDate;
	pxPerDay: number;
	/** Width of the whole time range in px. */
	width: number;
	/** Left edge of a day. */
	x(date: PlainDate): number;
	/** Right edge of a day (= left edge of the next). */
	xEnd(date: PlainDate): number;
};

export function makeScale(origin: PlainDate, last: PlainDate, pxPerDay: number): Scale {
	if (last < origin) throw new Error(`scale ends (${last}) before it starts (${origin})`);
	const o = dayNumber(origin);
	const days = dayNumber(last) - o + 1;
	const round = (v: number) => Math.round(v * 100) / 100;
	return {
		origin,
		last,
		pxPerDay,
		width: round(days * pxPerDay),
		x: (date) => round((dayNumber(date) - o) * pxPerDay),
		xEnd: (date) => round((dayNumber(date) - o + 1) * pxPerDay)
	};
}

/**
 * Pixels per day for a zoom. `fit` spreads `days` over `fitWidth` (the box the chart is drawn in);
 * a fixed zoom keeps its density unless that would leave part of the box empty, so every zoom
 * fills the box (a one-year plan at Year zoom is as wide as the box, not half of it).
 */
export function pxPerDayFor(zoom: Zoom, days: number, fitWidth: number): number {
	const fill = fitWidth / Math.max(days, 1);
	if (zoom === 'fit') return Math.max(fill, 0.2);
	return Math.max(PX_PER_DAY[zoom], fill);
}

function pad2(n: number): string {
	return String(n).padStart(2, '0');
}

function monthStart(y: number, m: number): PlainDate {
	// Normalise month overflow (m = 13 is January of the next year).
	const yy = y + Math.floor((m - 1) / 12);
	const mm = ((((m - 1) % 12) + 12) % 12) + 1;
	return `${yy}-${pad2(mm)}-01`;
}

function lastOfMonth(y: number, m: number): PlainDate {
	const next = dayNumber(monthStart(y, m + 1)) - 1;
	return dayFromNumber(next);
}

/** The `YYYY-MM-DD` of a day number. */
export function dayFromNumber(n: number): PlainDate {
	const d = new Date(n * MS_PER_DAY);
	return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/**
 * The days the chart covers: from the first of the month of the earliest bound to the end of the
 * month of the latest, so the axis starts and ends on whole months. Null when nothing is dated.
 */
export function planSpan(bounds: { earliest: PlainDate | null; latest: PlainDate | null }[]): {
	start: PlainDate;
	end: PlainDate;
} | null {
	let lo: PlainDate | null = null;
	let hi: PlainDate | null = null;
	for (const b of bounds) {
		if (b.earliest !== null && (lo === null || b.earliest < lo)) lo = b.earliest;
		if (b.latest !== null && (hi === null || b.latest > hi)) hi = b.latest;
	}
	if (lo === null || hi === null) return null;
	const [ly, lm] = [Number(lo.slice(0, 4)), Number(lo.slice(5, 7))];
	const [hy, hm] = [Number(hi.slice(0, 4)), Number(hi.slice(5, 7))];
	return { start: monthStart(ly, lm), end: lastOfMonth(hy, hm) };
}

export type Tick = { date: PlainDate; x: number; unit: 'week' | 'month' | 'quarter' | 'year' };

/**
 * Axis ticks for the scale: a major row (years, or months when zoomed in) and a minor row whose
 * unit depends on how many pixels a day gets, so labels never crowd.
 */
export function axisTicks(scale: Scale): { major: Tick[]; minor: Tick[] } {
	const first = scale.origin;
	const y0 = Number(first.slice(0, 4));
	const m0 = Number(first.slice(5, 7));
	const months: PlainDate[] = [];
	for (let i = 0; ; i++) {
		const d = monthStart(y0, m0 + i);
		if (d > scale.last) break;
		if (d >= first) months.push(d);
	}
	const tick = (date: PlainDate, unit: Tick['unit']): Tick => ({ date, x: scale.x(date), unit });
	if (scale.pxPerDay >= 6) {
		// Zoomed in: months on top, Mondays below.
		const minor: Tick[] = [];
		const start = dayNumber(first);
		const end = dayNumber(scale.last);
		// 1970-01-01 was a Thursday: day number n is a Monday when (n + 3) % 7 === 0.
		for (let n = start + ((7 - ((start + 3) % 7)) % 7); n <= end; n += 7) {
			minor.push(tick(dayFromNumber(n), 'week'));
		}
		return { major: months.map((d) => tick(d, 'month')), minor };
	}
	const years = months.filter((d) => d.endsWith('-01-01') || d === months[0]);
	if (scale.pxPerDay >= 1.5) {
		return { major: years.map((d) => tick(d, 'year')), minor: months.map((d) => tick(d, 'month')) };
	}
	const quarters = months.filter((d) => ['01', '04', '07', '10'].includes(d.slice(5, 7)));
	return {
		major: years.map((d) => tick(d, 'year')),
		minor: quarters.map((d) => tick(d, 'quarter'))
	};
}

// ---------------------------------------------------------------------------------------------
// Shape: what is certain about when an item happens

export type Shape = {
	/** Every day the item could touch. */
	outer: DaySpan;
	/**
	 * Days the item covers under every reading of its date, drawn solid; null when no day is
	 * certain. A fuzzy window ("early May", "September", "beginning of 2024", "by 29 Feb from
	 * 18 Dec") only says the item falls somewhere inside it, not that it fills it, so its certain
	 * part is empty and the whole window is drawn hatched. Candidate windows are certain where
	 * they all overlap ("25 or 26 to 27 or 28 Feb": 26–27 solid, 25 and 28 hatched).
	 */
	core: DaySpan | null;
	/** A one-day exact item: drawn as a diamond. */
	milestone: boolean;
	/** The alternative windows of a candidates spec (two or more), drawn as thin outlines. */
	alternatives: DaySpan[];
	/** First and last day the item could start. */
	startWindow: DaySpan;
	/** First and last day the item could end. */
	endWindow: DaySpan;
};

const minOf = (xs: PlainDate[]) => xs.reduce((a, b) => (b < a ? b : a));
const maxOf = (xs: PlainDate[]) => xs.reduce((a, b) => (b > a ? b : a));

/** The geometry of a DateSpec given its resolved bounds; null for TBD (the undated tray). */
export function shapeOf(spec: DateSpec, resolved: Resolved): Shape | null {
	const { earliest, latest } = resolved;
	if (spec.type === 'tbd' || earliest === null || latest === null) return null;
	const outer = { start: earliest, end: latest };
	if (spec.type === 'candidates') {
		const starts = spec.windows.map((w) => w.start);
		const ends = spec.windows.map((w) => w.end);
		const coreStart = maxOf(starts);
		const coreEnd = minOf(ends);
		const distinct = new Set(spec.windows.map((w) => `${w.start}/${w.end}`));
		return {
			outer,
			core: coreStart <= coreEnd ? { start: coreStart, end: coreEnd } : null,
			milestone: false,
			alternatives: distinct.size > 1 ? spec.windows.map((w) => ({ ...w })) : [],
			startWindow: { start: minOf(starts), end: coreStart },
			endWindow: { start: coreEnd, end: maxOf(ends) }
		};
	}
	if (resolved.exact) {
		return {
			outer,
			core: outer,
			milestone: earliest === latest,
			alternatives: [],
			startWindow: { start: earliest, end: earliest },
			endWindow: { start: latest, end: latest }
		};
	}
	// Fuzzy window (month, part of month/year, quarter, `by` with a `from`): could start and end
	// anywhere inside it.
	return {
		outer,
		core: null,
		milestone: false,
		alternatives: [],
		startWindow: outer,
		endWindow: outer
	};
}

// ---------------------------------------------------------------------------------------------
// Labels: text widths and label placement live in gantt-labels.ts (re-exported here).

export {
	fitText,
	LABEL,
	labelRange,
	placeLabels,
	textWidth,
	wrapText,
	type LabelPlacement,
	type LabelRequest
} from './gantt-labels.ts';

// ---------------------------------------------------------------------------------------------
// Dependency arrows

export type Point = { x: number; y: number };

/** One end of an arrow: the bar's lane, drawn extent and vertical centre and half-height. */
export type ArrowEnd = { lane: number; x0: number; x1: number; y: number; half: number };

/**
 * Where an arrow crosses lanes `lo`…`hi` (all of them between its two ends): straight down at
 * the successor's or the predecessor's x if nothing there is in the way (1 px of air each side),
 * else the free x nearest the middle of the run.
 */
function crossingX(
	lo: number,
	hi: number,
	exitX: number,
	inX: number,
	opts: { obstacles: (lane: number) => readonly (readonly [number, number])[]; width: number }
): number {
	const straight = (x: number) => {
		for (let l = lo; l <= hi; l++) {
			for (const [a, b] of opts.obstacles(l)) if (x >= a - 1 && x <= b + 1) return false;
		}
		return true;
	};
	if (straight(inX)) return inX;
	if (straight(exitX)) return exitX;
	const mid = (inX + exitX) / 2;
	const crossed: [number, number][] = [];
	for (let l = lo; l <= hi; l++) {
		for (const [a, b] of opts.obstacles(l)) crossed.push([a - 1, b + 1]);
	}
	crossed.sort((a, b) => a[0] - b[0]);
	const blocked: [number, number][] = [];
	for (const [a, b] of crossed) {
		const last = blocked.at(-1);
		if (last && a <= last[1]) last[1] = Math.max(last[1], b);
		else blocked.push([a, b]);
	}
	// Free gaps between blocked ranges; the chart's edge columns are always among them
	// (labels keep LABEL.edge away from the edges).
	let best = mid < opts.width / 2 ? 1 : opts.width - 1;
	let prev = -Infinity;
	for (const [a, b] of [...blocked, [Infinity, Infinity] as [number, number]]) {
		const gapLo = Math.max(prev, 0);
		const gapHi = Math.min(a, opts.width);
		if (gapHi - gapLo > 2) {
			const inset = Math.min(3, (gapHi - gapLo) / 2);
			const candidate = Math.min(Math.max(mid, gapLo + inset), gapHi - inset);
			if (Math.abs(candidate - mid) < Math.abs(best - mid)) best = candidate;
		}
		prev = b;
	}
	return best;
}

/**
 * An orthogonal route from a predecessor's end to a successor's start that never crosses label
 * text. Labels sit beside (or inside) their bars, so the arrow leaves the predecessor vertically
 * from its last pixels, runs along the gap between lanes (where no text is), crosses other lanes
 * only where they are free (`obstacles`: what each lane holds, bars and labels, as x ranges), and
 * drops onto the successor's first pixels. Backward arrows (a violation) take the same path, so
 * they never hide under either bar.
 */
export function routeArrow(
	from: ArrowEnd,
	to: ArrowEnd,
	opts: {
		rowHeight: number;
		obstacles: (lane: number) => readonly (readonly [number, number])[];
		width: number;
	}
): { points: Point[]; d: string } {
	const rh = opts.rowHeight;
	const exitX = from.x1 - Math.min(3, (from.x1 - from.x0) / 2);
	const inX = to.x0 + Math.min(3, (to.x1 - to.x0) / 2);
	const down = to.lane > from.lane;
	// Same lane or a lane above: over the top of the predecessor; below: under it.
	const chA = down ? (from.lane + 1) * rh : from.lane * rh;
	const start = { x: exitX, y: down ? from.y + from.half : from.y - from.half };
	// The successor is entered from above unless it is above the predecessor.
	const fromAbove = to.lane >= from.lane;
	const chB = fromAbove ? to.lane * rh : (to.lane + 1) * rh;
	const end = { x: inX, y: fromAbove ? to.y - to.half : to.y + to.half };
	const points: Point[] = [start, { x: exitX, y: chA }];
	if (chA !== chB) {
		// Cross the lanes in between where none of them holds a bar or a label: merge what they
		// hold into blocked ranges (1 px of air each side), then take the straight line down if it
		// is free, else the free x nearest the middle of the run.
		const [lo, hi] = down ? [from.lane + 1, to.lane - 1] : [to.lane + 1, from.lane - 1];
		const x = crossingX(lo, hi, exitX, inX, opts);
		points.push({ x, y: chA }, { x, y: chB });
	}
	points.push({ x: inX, y: chB }, end);
	// Drop repeated points (a straight run needs no corner).
	const route = points.filter(
		(p, i) => i === 0 || p.x !== points[i - 1]!.x || p.y !== points[i - 1]!.y
	);
	const r = (v: number) => Math.round(v * 10) / 10;
	const d = route.map((p, i) => `${i ? 'L' : 'M'}${r(p.x)} ${r(p.y)}`).join(' ');
	return { points: route, d };
}

export type DependencyState = 'ok' | 'possible' | 'definite';

/**
 * Finish-to-start check, in whole days: the successor may start on the day after the predecessor
 * ends plus the lag. `possible` when its earliest start is too early for the predecessor's latest
 * end (the dates allow a violation), `definite` when even its latest start is too early for the
 * predecessor's earliest end.
 */
export function dependencyState(pred: Shape, succ: Shape, lagDays = 0): DependencyState {
	const firstAllowed = (end: PlainDate) => dayNumber(end) + 1 + lagDays;
	if (dayNumber(succ.startWindow.end) < firstAllowed(pred.endWindow.start)) return 'definite';
	if (dayNumber(succ.startWindow.start) < firstAllowed(pred.endWindow.end)) return 'possible';
	return 'ok';
}
