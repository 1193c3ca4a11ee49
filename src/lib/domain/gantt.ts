/**
 * The Gantt view model: the plan, filtered, laid out and written for the viewer's locale, as plain
 * data a Svelte component draws without any date library. Geometry comes from `gantt-layout.ts`;
 * wording from `present.ts`. Where each part lives:
 * - gantt-model.ts: the measures and the shapes of what the page gets.
 * - gantt-lanes.ts: sections, lane groups, bars and bands.
 * - gantt-arrows.ts: dependency arrows and the dependencies the dates break.
 */
import { formatDay } from './dates.ts';
import { dependencyArrows } from './gantt-arrows.ts';
import {
	axisTicks,
	dayNumber,
	makeScale,
	planSpan,
	pxPerDayFor,
	shapeOf,
	type Scale,
	type Shape
} from './gantt-layout.ts';
import { layLanes } from './gantt-lanes.ts';
import {
	GANTT,
	type GanttFilters,
	type GanttOptions,
	type GanttView,
	type TickView
} from './gantt-model.ts';
import { byDate, type PlanIndex } from './plan-index.ts';
import { itemRow, type ItemRow } from './present.ts';
import type { Item, PlainDate } from './schema.ts';

export {
	GANTT,
	type ArrowView,
	type BandView,
	type BarView,
	type GanttFilters,
	type GanttOptions,
	type GanttView,
	type LaneView,
	type SpanView,
	type TickView,
	type ViolationView
} from './gantt-model.ts';

/** Items the filters keep. Person and role combine ("what does LF lead"); kinds and group narrow. */
export function filterItems(index: PlanIndex, filters: GanttFilters): Item[] {
	const { person, role, kinds, group } = filters;
	let keep: Set<string> | null = null;
	if (person !== null) {
		keep = new Set(
			(index.assignmentsByPerson.get(person) ?? [])
				.filter((a) => role === null || a.role === role)
				.map((a) => a.item)
		);
		// Their outside commitments (MWC for Lise Fuhr) are part of their year: kept unless a role
		// is asked for, which a commitment does not have.
		if (role === null) {
			for (const c of index.plan.commitments) if (c.person === person && c.item) keep.add(c.item);
		}
	} else if (role !== null) {
		keep = new Set(index.plan.assignments.filter((a) => a.role === role).map((a) => a.item));
	}
	return index.plan.items.filter(
		(item) =>
			(keep === null || keep.has(item.id)) &&
			(kinds.length === 0 || kinds.includes(item.kind)) &&
			(group === null ||
				item.group === group ||
				(index.assignmentsByItem.get(item.id) ?? []).some((a) => a.group === group))
	);
}

/**
 * The chart's measures: the time range (the whole plan whatever the filters, so a shared link
 * keeps its axis), the lane names' column, and the scale filling what they leave of the box.
 */
function chartScale(index: PlanIndex, opts: GanttOptions) {
	const range = planSpan([...index.dates.values()]) ?? {
		start: `${opts.today.slice(0, 7)}-01`,
		end: opts.today
	};
	const days = dayNumber(range.end) - dayNumber(range.start) + 1;
	const boxWidth = opts.boxWidth ?? GANTT.boxWidth;
	const labelWidth = boxWidth < GANTT.narrowBox ? GANTT.laneNameWidthNarrow : GANTT.laneNameWidth;
	// The chart fills what the lane names leave of the box (less its 1 px borders).
	const available = Math.max(boxWidth - labelWidth - 3, 100);
	const fill =
		(opts.zoom === 'fit' ? Math.max(available, GANTT.minFit) : available) - 2 * GANTT.pad;
	const scale = makeScale(range.start, range.end, pxPerDayFor(opts.zoom, days, fill));
	const width = Math.floor(scale.width + 2 * GANTT.pad);
	return { range, boxWidth, labelWidth, scale, width };
}

/** Lays out the plan for the Gantt. Pure: `today`, zoom, locale and filters are arguments. */
export function ganttView(index: PlanIndex, opts: GanttOptions): GanttView {
	const { locale } = opts;
	const all = [...index.plan.items].sort(byDate(index));
	const kept = new Set(filterItems(index, opts.filters).map((i) => i.id));
	const items = all.filter((i) => kept.has(i.id));
	const { range, boxWidth, labelWidth, scale, width } = chartScale(index, opts);
	const rightEdge = width - 2;

	const rows = new Map<string, ItemRow>(items.map((i) => [i.id, itemRow(index, i, locale)]));
	const shapes = new Map<string, Shape>();
	for (const item of items) {
		const r = index.dates.get(item.id);
		const s = r ? shapeOf(item.when, r) : null;
		if (s) shapes.set(item.id, s);
	}
	const laid = layLanes(
		{ index, scale, labelWidth, rightEdge, rows, shapes, clashes: opts.clashes },
		items
	);
	const { arrows, violations } = dependencyArrows(index, { ...laid, shapes, rows, rightEdge });

	const todayIn = opts.today >= range.start && opts.today <= range.end;
	const height = Math.max(laid.lanes.length, 1) * GANTT.rowHeight;
	return {
		zoom: opts.zoom,
		boxWidth,
		labelWidth,
		width,
		height,
		rowHeight: GANTT.rowHeight,
		barHeight: GANTT.barHeight,
		today: {
			x: todayIn ? scale.x(opts.today) + GANTT.pad : null,
			label: formatDay(opts.today, locale),
			date: opts.today
		},
		ticks: tickLabels(scale, locale),
		lanes: laid.lanes,
		bars: laid.bars,
		bands: laid.bands,
		arrows,
		violations,
		undated: items.filter((i) => !shapes.has(i.id)).flatMap((i) => rows.get(i.id) ?? []),
		sections: laid.sections,
		shown: items.length,
		total: all.length,
		range: `${formatDay(range.start, locale)} – ${formatDay(range.end, locale)}`
	};
}

/** The axis: major ticks (years, quarters, months or days by zoom) and minor ones, labelled. */
function tickLabels(scale: Scale, locale: string): { major: TickView[]; minor: TickView[] } {
	const ticks = axisTicks(scale);
	const monthFmt = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
	const monthYearFmt = new Intl.DateTimeFormat(locale, {
		month: 'short',
		year: 'numeric',
		timeZone: 'UTC'
	});
	const dayFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', timeZone: 'UTC' });
	const millis = (d: PlainDate) => dayNumber(d) * 86_400_000;
	const label = (t: (typeof ticks.major)[number]) => {
		if (t.unit === 'year') return t.date.slice(0, 4);
		if (t.unit === 'month') return monthYearFmt.format(millis(t.date));
		if (t.unit === 'quarter') return `Q${(Number(t.date.slice(5, 7)) + 2) / 3}`;
		return dayFmt.format(millis(t.date));
	};
	const minorLabel = (t: (typeof ticks.minor)[number]) =>
		t.unit === 'month' ? monthFmt.format(millis(t.date)) : label(t);
	return {
		major: ticks.major.map((t) => ({ x: t.x + GANTT.pad, label: label(t) })),
		minor: ticks.minor.map((t) => ({ x: t.x + GANTT.pad, label: minorLabel(t) }))
	};
}
