/**
 * What the Gantt view model hands the page: its fixed measures (lane height, bar height, the
 * lane-name column) and the shapes of bars, bands, lanes, arrows and ticks, all plain data.
 */
import type { DependencyState, Zoom } from './gantt-layout.ts';
import type { ItemRow } from './present.ts';
import type { ItemKind, PlainDate, Role } from './schema.ts';

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
