/**
 * The Gantt's rows: sections in the plan's own order (an item's track, or its kind), one lane
 * group per working group inside a section, each item placed as a bar (or an outside event's
 * band) with its label beside it, and what each lane holds for routing arrows around it.
 */
import {
	fitText,
	placeLabels,
	textWidth,
	wrapText,
	type ArrowEnd,
	type DaySpan,
	type LabelPlacement,
	type LabelRequest,
	type Scale,
	type Shape
} from './gantt-layout.ts';
import { GANTT, type BandView, type BarView, type LaneView, type SpanView } from './gantt-model.ts';
import { KIND_LABEL, type PlanIndex } from './plan-index.ts';
import type { ItemRow } from './present.ts';
import type { Item } from './schema.ts';

const EVENTS_SECTION = 'Outside events';

/** Sections in the plan's own order: an item's track, or its kind when it has none. */
export function sectionOf(item: Item): string {
	if (item.kind === 'event') return EVENTS_SECTION;
	return item.track?.trim() || KIND_LABEL[item.kind].many;
}

const span = (scale: Scale, s: DaySpan): SpanView => {
	const x = scale.x(s.start) + GANTT.pad;
	return { x, w: Math.round((scale.xEnd(s.end) + GANTT.pad - x) * 100) / 100 };
};

/** What laying out the sections gives: the rows and what the arrows and tables need of them. */
export type LaneLayout = {
	lanes: LaneView[];
	bars: BarView[];
	bands: BandView[];
	/** What each lane holds (bars with their labels), for routing arrows around them. */
	obstacles: [number, number][][];
	ends: Map<string, ArrowEnd>;
	sections: { label: string; rows: ItemRow[] }[];
};

/** Everything one lane layout needs to know about the chart it is for. */
export type LaneContext = {
	index: PlanIndex;
	scale: Scale;
	labelWidth: number;
	rightEdge: number;
	rows: Map<string, ItemRow>;
	shapes: Map<string, Shape>;
	clashes: ReadonlyMap<string, number> | undefined;
};

/** Sections in the order the plan first mentions them, outside events first. */
function sectionOrder(index: PlanIndex): string[] {
	const order: string[] = [];
	for (const item of index.plan.items) {
		const s = sectionOf(item);
		if (!order.includes(s)) order.push(s);
	}
	// Outside events come first: their bands run behind every row and their labels head the chart.
	order.sort((a, b) => Number(b === EVENTS_SECTION) - Number(a === EVENTS_SECTION));
	return order;
}

/**
 * Every section's lanes, bars and bands. Within a section, one sub-lane group per working group
 * the items belong to, after the section's shared lanes (its milestones).
 */
export function layLanes(ctx: LaneContext, items: readonly Item[]): LaneLayout {
	const out: LaneLayout = {
		lanes: [],
		bars: [],
		bands: [],
		obstacles: [],
		ends: new Map(),
		sections: []
	};
	for (const section of sectionOrder(ctx.index)) {
		const inSection = items.filter((i) => sectionOf(i) === section);
		const sectionRows = inSection.flatMap((i) => ctx.rows.get(i.id) ?? []);
		if (sectionRows.length) out.sections.push({ label: section, rows: sectionRows });
		const dated = inSection.filter((i) => ctx.shapes.has(i.id));
		if (dated.length === 0) continue;
		// Working groups get a lane each; other groups (the MAG, the Secretariat) share the section's.
		const laneGroup = (i: Item) =>
			i.group !== null && ctx.index.groups.get(i.group)?.kind === 'working-group' ? i.group : null;
		const groupsHere: (string | null)[] = [];
		for (const i of dated) if (!groupsHere.includes(laneGroup(i))) groupsHere.push(laneGroup(i));
		// The section's shared lanes (its milestones) first, under the section's name.
		groupsHere.sort((a, b) => Number(b === null) - Number(a === null));
		groupsHere.forEach((g, n) =>
			layGroup(
				ctx,
				out,
				section,
				g,
				dated.filter((i) => laneGroup(i) === g),
				n === 0
			)
		);
	}
	// Reading order for Tab and arrow keys: lane by lane, left to right.
	out.bars.sort((a, b) => a.lane - b.lane || a.outer.x - b.outer.x);
	out.bars.forEach((b, i) => (b.order = i));
	return out;
}

/** The lane name as a column label: "WG3 Free-flowing and trustworthy", with its section first. */
function groupLabelOf(ctx: LaneContext, section: string, g: string | null, first: boolean): string {
	const group = g === null ? undefined : ctx.index.groups.get(g);
	const subLabel = group
		? group.short
			? `${group.short} ${shortGroupName(group.name)}`
			: group.name
		: '';
	const head = subLabel ? (first ? `${section}: ${subLabel}` : subLabel) : '';
	return head || (first ? section : '');
}

/** One lane group: its bars packed into lanes with their labels, and its lane names. */
function layGroup(
	ctx: LaneContext,
	out: LaneLayout,
	section: string,
	g: string | null,
	members: Item[],
	firstInSection: boolean
): void {
	const placed = members.map((item) =>
		place(
			item,
			ctx.scale,
			ctx.shapes.get(item.id)!,
			ctx.rows.get(item.id)!,
			cityOf(ctx.index, item),
			ctx.clashes?.get(item.id) ?? 0
		)
	);
	const { placements, lanes: packed } = placeLabels(
		placed.map((p) => p.request),
		ctx.rightEdge
	);
	// Bars get their y from the lanes laid just before them.
	const base = pushLanes(ctx, out, section, groupLabelOf(ctx, section, g, firstInSection), {
		packed,
		first: firstInSection
	});
	placed.forEach((p, i) => pushBar(ctx, out, p, placements[i]!, base));
}

/**
 * The lanes of one group, enough for its bars (`packed`) and for its name on as many lines as it
 * needs (never cut); returns the index of its first lane.
 */
function pushLanes(
	ctx: LaneContext,
	out: LaneLayout,
	section: string,
	groupLabel: string,
	at: { packed: number; first: boolean }
): number {
	const base = out.lanes.length;
	const lines = groupLabel
		? wrapText(groupLabel, ctx.labelWidth - 2 * GANTT.laneNameInset, GANTT.laneNamePx, at.first)
		: [];
	const count = Math.max(at.packed, lanesFor(lines.length));
	for (let l = 0; l < count; l++) {
		out.lanes.push({
			label: l === 0 ? groupLabel : '',
			lines: l === 0 ? lines : [],
			rows: l === 0 ? count : 1,
			section,
			first: at.first && l === 0,
			y: (base + l) * GANTT.rowHeight
		});
	}
	return base;
}

/** One placed bar in its lane: its arrow end, what it blocks, its band, its label as laid out. */
function pushBar(
	ctx: LaneContext,
	out: LaneLayout,
	p: Placed,
	at: LabelPlacement,
	base: number
): void {
	const l = base + at.lane;
	const y = l * GANTT.rowHeight + 13;
	(out.obstacles[l] ??= []).push(at.box);
	out.ends.set(p.item.id, { lane: l, x0: p.request.x0, x1: p.request.x1, y, half: p.half });
	const r = ctx.rows.get(p.item.id)!;
	if (p.item.kind === 'event')
		out.bands.push(bandOf(p.item, p.outer, r, cityOf(ctx.index, p.item)));
	// Cut only when the layout found less room than the label needs.
	const whole = at.room >= p.request.labelW;
	const shortTitle = whole ? p.bar.title : fitText(p.bar.title, at.room, GANTT.titlePx, true);
	const meta = whole ? p.meta : fitText(p.meta, at.room, GANTT.metaPx);
	out.bars.push({
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
}

/** How many lanes a lane name of this many lines needs. */
function lanesFor(lines: number): number {
	return Math.ceil((GANTT.laneNameTop + lines * GANTT.laneNameLine + 2) / GANTT.rowHeight);
}

/** An outside event's city, shown where other items show their lead. */
function cityOf(index: PlanIndex, item: Item): string | null {
	return item.kind === 'event' && item.location && item.location !== 'online'
		? (index.locations.get(item.location)?.city ?? null)
		: null;
}

/** An outside event as a band behind every row. */
function bandOf(item: Item, outer: SpanView, r: ItemRow, city: string | null): BandView {
	return {
		id: item.id,
		href: r.href,
		title: item.title,
		city,
		bounds: r.bounds,
		x: outer.x,
		w: outer.w,
		name: `${item.title}${city ? `, ${city}` : ''}, ${r.bounds}`
	};
}

/** "Working group 3: Free-flowing and trustworthy" -> "Free-flowing and trustworthy". */
function shortGroupName(name: string): string {
	const m = /^Working group \d+\s*[:(–-]\s*(.+?)\)?$/i.exec(name);
	return m?.[1] ?? name;
}

/** An item as a bar before its lane is known: its spans, its label's request, its text. */
type Placed = {
	item: Item;
	outer: SpanView;
	request: LabelRequest;
	half: number;
	meta: string;
	bar: Omit<BarView, 'lane' | 'y' | 'order' | 'labelX' | 'labelAnchor' | 'labelInside' | 'meta'>;
};

/** The bar's accessible name: title, kind, dates, lead and clashes. */
function barName(row: ItemRow, leadNames: string, clashes: number): string {
	return (
		`${row.title}, ${row.kindLabel.toLowerCase()}, ${row.wording}` +
		(row.wording === row.bounds ? '' : ` (${row.bounds})`) +
		(leadNames ? `, lead ${leadNames}` : ', no lead named') +
		(clashes ? `, ${clashes} clash${clashes === 1 ? '' : 'es'}` : '')
	);
}

/** An item placed as a bar, its lane not yet known: every field the page draws. */
function place(
	item: Item,
	scale: Scale,
	shape: Shape,
	row: ItemRow,
	city: string | null,
	clashes: number
): Placed {
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
			name: barName(row, leadNames, clashes)
		}
	};
}
