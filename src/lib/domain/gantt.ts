/**
 * The Gantt view model: the plan, filtered, laid out and written for the viewer's locale, as plain
 * data a Svelte component draws without any date library. Geometry comes from `gantt-layout.ts`;
 * wording from `present.ts`.
 */
import { formatDay } from './dates.ts';
import {
	dayNumber,
	dependencyState,
	fitText,
	makeScale,
	placeLabels,
	planSpan,
	pxPerDayFor,
	routeArrow,
	shapeOf,
	axisTicks,
	textWidth,
	wrapText,
	type ArrowEnd,
	type LabelRequest,
	type DaySpan,
	type DependencyState,
	type Scale,
	type Shape,
	type Zoom
} from './gantt-layout.ts';
import { byDate, KIND_LABEL, type PlanIndex } from './plan-index.ts';
import { itemRow, type ItemRow } from './present.ts';
import type { Item, ItemKind, PlainDate, Role } from './schema.ts';

export const GANTT = {
	/** Height of one lane. Two text lines: title, then lead and the plan's wording. */
	rowHeight: 40,
	/** Height of a bar inside its lane. */
	barHeight: 14,
	/**
	 * Width of the whole chart box (lane names and chart) when the page has not measured it: the
	 * box on a 1280 px screen. With JavaScript the page measures its box and asks again (`?w=`).
	 */
	boxWidth: 1118,
	/** Below this box width (a phone), the lane-name column is narrower. */
	narrowBox: 600,
	/** Lane-name column: wide, and on a phone. Names wrap inside it, never cut. */
	laneNameWidth: 208,
	laneNameWidthNarrow: 112,
	/** Lane names: 12 px text on 15 px lines, inset 8 px left and right, 6 px from the top. */
	laneNamePx: 12,
	laneNameLine: 15,
	laneNameInset: 8,
	laneNameTop: 6,
	/** `fit` never squeezes the plan below this width (a phone scrolls sideways instead). */
	minFit: 480,
	/** Breathing room left and right of the time range, for labels and arrows. */
	pad: 12,
	/** Label type sizes (bold title, regular second line), in px. */
	titlePx: 12,
	metaPx: 11
} as const;

export type GanttFilters = {
	person: string | null;
	role: Role | null;
	kinds: ItemKind[];
	group: string | null;
};

export type GanttOptions = {
	zoom: Zoom;
	today: PlainDate;
	locale: string;
	filters: GanttFilters;
	/** Clashes per item id (see clashCountsByItem); marked on the bars. */
	clashes?: ReadonlyMap<string, number>;
	/** Width in px of the box the chart is drawn in, lane names included (default GANTT.boxWidth). */
	boxWidth?: number;
};

export type SpanView = { x: number; w: number };

export type BarView = {
	id: string;
	href: string;
	kind: ItemKind;
	kindLabel: string;
	title: string;
	/** Title as drawn: whole, unless the chart has no room for it on either side of the bar. */
	shortTitle: string;
	wording: string;
	bounds: string;
	/** Lead initials, "LF, GS" ("—" when nobody leads). */
	initials: string;
	/** Second line on the chart: lead initials (an outside event's city) and the plan's wording. */
	meta: string;
	leadNames: string;
	place: string | null;
	time: string | null;
	status: string;
	/** Lane index (row), and the bar's vertical centre. */
	lane: number;
	y: number;
	outer: SpanView;
	core: SpanView | null;
	milestone: boolean;
	alternatives: SpanView[];
	/** Where the label starts and which way it runs. */
	labelX: number;
	labelAnchor: 'start' | 'end';
	/** The title sits on the bar itself (drawn in the background colour). */
	labelInside: boolean;
	/** Accessible name: title, kind, wording, dates, lead and clashes. */
	name: string;
	/** How many clashes involve this item (listed on /clashes and the item page). */
	clashes: number;
	/** For arrow keys: the bars in the lanes above and below are found by lane and x. */
	order: number;
};

export type BandView = {
	id: string;
	href: string;
	title: string;
	city: string | null;
	bounds: string;
	x: number;
	w: number;
	name: string;
};

export type LaneView = {
	/** Row label; empty for a section's continuation lanes. */
	label: string;
	/** The label word-wrapped to the lane-name column (every word shown), and how many lanes it
	 * spans (its group's lanes; enough lanes are given for every line). */
	lines: string[];
	rows: number;
	/** The section this lane belongs to, and whether it is the section's first lane. */
	section: string;
	first: boolean;
	y: number;
};

export type ArrowView = {
	id: string;
	from: string;
	to: string;
	d: string;
	state: DependencyState;
};

export type ViolationView = {
	id: string;
	state: Exclude<DependencyState, 'ok'>;
	from: { href: string; title: string; bounds: string };
	to: { href: string; title: string; bounds: string };
	text: string;
};

export type TickView = { x: number; label: string };

export type GanttView = {
	zoom: Zoom;
	/** The box width this layout is for, and the lane-name column's width inside it. */
	boxWidth: number;
	labelWidth: number;
	width: number;
	height: number;
	rowHeight: number;
	barHeight: number;
	today: { x: number | null; label: string; date: PlainDate };
	ticks: { major: TickView[]; minor: TickView[] };
	lanes: LaneView[];
	bars: BarView[];
	bands: BandView[];
	arrows: ArrowView[];
	violations: ViolationView[];
	undated: ItemRow[];
	/** The same content as tables, one per section, in lane order. */
	sections: { label: string; rows: ItemRow[] }[];
	/** How many items the filters kept, of how many. */
	shown: number;
	total: number;
	range: string | null;
};

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

const EVENTS_SECTION = 'Outside events';

/** Sections in the plan's own order: an item's track, or its kind when it has none. */
function sectionOf(item: Item): string {
	if (item.kind === 'event') return EVENTS_SECTION;
	return item.track?.trim() || KIND_LABEL[item.kind].many;
}

const span = (scale: Scale, s: DaySpan): SpanView => {
	const x = scale.x(s.start) + GANTT.pad;
	return { x, w: Math.round((scale.xEnd(s.end) + GANTT.pad - x) * 100) / 100 };
};

/** Lays out the plan for the Gantt. Pure: `today`, zoom, locale and filters are arguments. */
export function ganttView(index: PlanIndex, opts: GanttOptions): GanttView {
	const { locale } = opts;
	const all = [...index.plan.items].sort(byDate(index));
	const kept = new Set(filterItems(index, opts.filters).map((i) => i.id));
	const items = all.filter((i) => kept.has(i.id));

	// The time range covers the whole plan whatever the filters, so a shared link keeps its axis.
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
	const rightEdge = width - 2;
	const laneName = (label: string, bold: boolean) =>
		wrapText(label, labelWidth - 2 * GANTT.laneNameInset, GANTT.laneNamePx, bold);
	const lanesFor = (lines: number) =>
		Math.ceil((GANTT.laneNameTop + lines * GANTT.laneNameLine + 2) / GANTT.rowHeight);

	const rows = new Map<string, ItemRow>(items.map((i) => [i.id, itemRow(index, i, locale)]));
	const shapes = new Map<string, Shape>();
	for (const item of items) {
		const r = index.dates.get(item.id);
		const s = r ? shapeOf(item.when, r) : null;
		if (s) shapes.set(item.id, s);
	}

	// Sections in the order the plan first mentions them; within a section, one sub-lane group
	// per working group (or other group) the items belong to, then the rest.
	const sectionOrder: string[] = [];
	for (const item of index.plan.items) {
		const s = sectionOf(item);
		if (!sectionOrder.includes(s)) sectionOrder.push(s);
	}
	// Outside events come first: their bands run behind every row and their labels head the chart.
	sectionOrder.sort((a, b) => Number(b === EVENTS_SECTION) - Number(a === EVENTS_SECTION));

	const cityOf = (item: Item) =>
		item.kind === 'event' && item.location && item.location !== 'online'
			? (index.locations.get(item.location)?.city ?? null)
			: null;
	const lanes: LaneView[] = [];
	const bars: BarView[] = [];
	/** What each lane holds (bars with their labels), for routing arrows around them. */
	const obstacles: [number, number][][] = [];
	const ends = new Map<string, ArrowEnd>();
	const bands: BandView[] = [];
	const sections: { label: string; rows: ItemRow[] }[] = [];

	for (const section of sectionOrder) {
		const inSection = items.filter((i) => sectionOf(i) === section);
		const sectionRows = inSection.flatMap((i) => rows.get(i.id) ?? []);
		if (sectionRows.length) sections.push({ label: section, rows: sectionRows });
		const dated = inSection.filter((i) => shapes.has(i.id));
		if (dated.length === 0) continue;

		// Working groups get a lane each; other groups (the MAG, the Secretariat) share the section's.
		const laneGroup = (i: Item) =>
			i.group !== null && index.groups.get(i.group)?.kind === 'working-group' ? i.group : null;
		const groupsHere: (string | null)[] = [];
		for (const i of dated) if (!groupsHere.includes(laneGroup(i))) groupsHere.push(laneGroup(i));
		// The section's shared lanes (its milestones) first, under the section's name.
		groupsHere.sort((a, b) => Number(b === null) - Number(a === null));

		let firstInSection = true;
		for (const g of groupsHere) {
			const members = dated.filter((i) => laneGroup(i) === g);
			const placed = members.map((item) =>
				place(
					item,
					scale,
					shapes.get(item.id)!,
					rows.get(item.id)!,
					cityOf(item),
					opts.clashes?.get(item.id) ?? 0
				)
			);
			const { placements, lanes: packed } = placeLabels(
				placed.map((p) => p.request),
				rightEdge
			);
			const group = g === null ? undefined : index.groups.get(g);
			const subLabel = group
				? group.short
					? `${group.short} ${shortGroupName(group.name)}`
					: group.name
				: '';
			const base = lanes.length;
			const head = subLabel ? (firstInSection ? `${section}: ${subLabel}` : subLabel) : '';
			const groupLabel = head || (firstInSection ? section : '');
			const lines = groupLabel ? laneName(groupLabel, firstInSection) : [];
			// Enough lanes for the group's name on as many lines as it needs: never cut.
			const count = Math.max(packed, lanesFor(lines.length));
			for (let l = 0; l < count; l++) {
				lanes.push({
					label: l === 0 ? groupLabel : '',
					lines: l === 0 ? lines : [],
					rows: l === 0 ? count : 1,
					section,
					first: firstInSection && l === 0,
					y: (base + l) * GANTT.rowHeight
				});
			}
			firstInSection = false;
			placed.forEach((p, i) => {
				const at = placements[i]!;
				const l = base + at.lane;
				const y = l * GANTT.rowHeight + 13;
				(obstacles[l] ??= []).push(at.box);
				ends.set(p.item.id, { lane: l, x0: p.request.x0, x1: p.request.x1, y, half: p.half });
				const r = rows.get(p.item.id)!;
				if (p.item.kind === 'event') {
					const city = cityOf(p.item);
					bands.push({
						id: p.item.id,
						href: r.href,
						title: p.item.title,
						city,
						bounds: r.bounds,
						x: p.outer.x,
						w: p.outer.w,
						name: `${p.item.title}${city ? `, ${city}` : ''}, ${r.bounds}`
					});
				}
				// Cut only when the layout found less room than the label needs.
				const whole = at.room >= p.request.labelW;
				const shortTitle = whole ? p.bar.title : fitText(p.bar.title, at.room, GANTT.titlePx, true);
				const meta = whole ? p.meta : fitText(p.meta, at.room, GANTT.metaPx);
				bars.push({
					...p.bar,
					shortTitle,
					meta,
					labelX: at.labelX,
					labelAnchor: at.side === 'left' ? 'end' : 'start',
					labelInside: at.side === 'inside',
					lane: l,
					y,
					order: 0
				});
			});
		}
	}
	// Reading order for Tab and arrow keys: lane by lane, left to right.
	bars.sort((a, b) => a.lane - b.lane || a.outer.x - b.outer.x);
	bars.forEach((b, i) => (b.order = i));

	const arrows: ArrowView[] = [];
	const violations: ViolationView[] = [];
	for (const dep of index.plan.dependencies) {
		const a = ends.get(dep.from);
		const b = ends.get(dep.to);
		const sa = shapes.get(dep.from);
		const sb = shapes.get(dep.to);
		if (!a || !b || !sa || !sb) continue;
		const state = dependencyState(sa, sb, dep.lagDays);
		const { d } = routeArrow(a, b, {
			rowHeight: GANTT.rowHeight,
			obstacles: (lane) => obstacles[lane] ?? [],
			width: rightEdge
		});
		arrows.push({ id: dep.id, from: dep.from, to: dep.to, d, state });
		if (state !== 'ok') {
			const ra = rows.get(dep.from)!;
			const rb = rows.get(dep.to)!;
			const lag = dep.lagDays
				? ` plus ${dep.lagDays} day${Math.abs(dep.lagDays) === 1 ? '' : 's'}`
				: '';
			violations.push({
				id: dep.id,
				state,
				from: { href: ra.href, title: ra.title, bounds: ra.bounds },
				to: { href: rb.href, title: rb.title, bounds: rb.bounds },
				text:
					state === 'definite'
						? `“${rb.title}” (${rb.bounds}) starts before “${ra.title}” (${ra.bounds}) has ended${lag}.`
						: `“${rb.title}” (${rb.bounds}) could start before “${ra.title}” (${ra.bounds}) has ended${lag}.`
			});
		}
	}

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

	const todayIn = opts.today >= range.start && opts.today <= range.end;
	const height = Math.max(lanes.length, 1) * GANTT.rowHeight;
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
		ticks: {
			major: ticks.major.map((t) => ({ x: t.x + GANTT.pad, label: label(t) })),
			minor: ticks.minor.map((t) => ({ x: t.x + GANTT.pad, label: minorLabel(t) }))
		},
		lanes,
		bars,
		bands,
		arrows,
		violations,
		undated: items.filter((i) => !shapes.has(i.id)).flatMap((i) => rows.get(i.id) ?? []),
		sections,
		shown: items.length,
		total: all.length,
		range: `${formatDay(range.start, locale)} – ${formatDay(range.end, locale)}`
	};
}

/** "Working group 3: Free-flowing and trustworthy" -> "Free-flowing and trustworthy". */
function shortGroupName(name: string): string {
	const m = /^Working group \d+\s*[:(–-]\s*(.+?)\)?$/i.exec(name);
	return m?.[1] ?? name;
}

function place(
	item: Item,
	scale: Scale,
	shape: Shape,
	row: ItemRow,
	city: string | null,
	clashes: number
): {
	item: Item;
	outer: SpanView;
	request: LabelRequest;
	half: number;
	meta: string;
	bar: Omit<BarView, 'lane' | 'y' | 'order' | 'labelX' | 'labelAnchor' | 'labelInside' | 'meta'>;
} {
	const outer = span(scale, shape.outer);
	const core = shape.core ? span(scale, shape.core) : null;
	const initials = row.leads.map((l) => l.short).join(', ') || '—';
	const leadNames = row.leads.map((l) => l.label).join(', ');
	// Outside events have no lead worth showing: their city is what people look for.
	const meta = `${clashes ? `⚠ ${clashes} · ` : ''}${city ?? initials} · ${row.wording}`;
	const labelW = Math.max(textWidth(row.title, GANTT.titlePx, true), textWidth(meta, GANTT.metaPx));
	// A diamond is drawn centred on its day, half a bar-height wide each way.
	const markHalf = GANTT.barHeight / 2 + 1;
	const x0 = shape.milestone ? outer.x + outer.w / 2 - markHalf : outer.x;
	const x1 = shape.milestone ? outer.x + outer.w / 2 + markHalf : outer.x + Math.max(outer.w, 2);
	return {
		item,
		outer,
		meta,
		half: shape.milestone ? markHalf : GANTT.barHeight / 2,
		request: {
			x0,
			x1,
			solid: !shape.milestone && core ? { x0: core.x, x1: core.x + core.w } : null,
			labelW
		},
		bar: {
			id: item.id,
			href: row.href,
			kind: item.kind,
			kindLabel: row.kindLabel,
			title: row.title,
			shortTitle: row.title,
			wording: row.wording,
			bounds: row.bounds,
			initials,
			leadNames,
			place: row.place,
			time: row.time,
			status: item.status,
			outer,
			core,
			milestone: shape.milestone,
			alternatives: shape.alternatives.map((a) => span(scale, a)),
			clashes,
			name:
				`${row.title}, ${row.kindLabel.toLowerCase()}, ${row.wording}` +
				(row.wording === row.bounds ? '' : ` (${row.bounds})`) +
				(leadNames ? `, lead ${leadNames}` : ', no lead named') +
				(clashes ? `, ${clashes} clash${clashes === 1 ? '' : 'es'}` : '')
		}
	};
}
