/**
 * The Gantt page (/gantt): its query (zoom, filters, chart or tables, the measured width) checked
 * with zod (a bad one is a 400 naming the parameter), the view model of domain/gantt.ts, and only
 * what the chosen mode draws.
 */
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { clashCountsByItem } from '#lib/domain/clashes.ts';
import { ANONYMOUS } from '#lib/domain/commitments.ts';
import { ganttView } from '#lib/domain/gantt.ts';
import { ZOOMS } from '#lib/domain/gantt-layout.ts';
import { KIND_LABEL, KIND_ORDER, ROLE_ORDER, type PlanIndex } from '#lib/domain/plan-index.ts';
import { formatDay } from '#lib/domain/dates.ts';
import { Id, ItemKind, Role, type PlanFile } from '#lib/domain/schema.ts';
import { planClashes } from './clashes.ts';
import { todayFrom } from './http.ts';
import type { RequestEvent } from '@sveltejs/kit';

const ZOOM_LABEL: Record<(typeof ZOOMS)[number], string> = {
	fit: 'Whole plan',
	month: 'Month',
	quarter: 'Quarter',
	year: 'Year'
};

// Empty form fields ("any person") arrive as "": treat them as absent.
const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

const Query = z.object({
	zoom: optional(z.enum(ZOOMS)).transform((z) => z ?? 'fit'),
	person: optional(Id),
	role: optional(Role),
	group: optional(Id),
	kind: z.array(ItemKind).max(ItemKind.options.length),
	/** The chart, or the same content as tables (for screen readers and copying). */
	view: optional(z.enum(['chart', 'table'])).transform((v) => v ?? 'chart'),
	/** Width of the chart's box as the browser measured it (the page asks with it). */
	w: optional(z.coerce.number().int().min(240).max(8000))
});

/** The Gantt page: the query checked, the chart or its tables, and the filter options. */
export async function ganttPage({ url, locals }: Pick<RequestEvent, 'url' | 'locals'>) {
	const { plan, index } = await locals.services.plan.current();
	const today = todayFrom(url, plan.zone, Date.now());
	const q = parseQuery(url, index);
	const view = ganttView(index, {
		zoom: q.zoom,
		today,
		locale: locals.locale,
		filters: {
			person: q.person ?? null,
			role: q.role ?? null,
			group: q.group ?? null,
			kinds: q.kind
		},
		clashes: clashCountsByItem(planClashes(index, ANONYMOUS, locals.locale)),
		...(q.w === undefined ? {} : { boxWidth: q.w })
	});
	// The form always sends `kinds`: then the ticked boxes are the kinds shown, and no box ticked
	// means no item (with a message), not "every kind". Without it (a plain /gantt) all are ticked.
	const kindsChosen = url.searchParams.has('kinds');
	const noKind = kindsChosen && q.kind.length === 0;
	const withParam = linkWith(url);
	return {
		planName: plan.name,
		zooms: ZOOMS.map((zoom) => ({
			zoom,
			label: ZOOM_LABEL[zoom],
			href: withParam('zoom', zoom, 'fit')
		})),
		views: {
			chart: withParam('view', 'chart', 'chart'),
			table: withParam('view', 'table', 'chart')
		},
		asOf: formatDay(today, locals.locale),
		todayOverride: url.searchParams.get('today'),
		query: {
			zoom: q.zoom,
			view: q.view,
			w: q.w ?? null,
			person: q.person ?? '',
			role: q.role ?? '',
			group: q.group ?? '',
			kinds: q.kind,
			kindsChosen,
			noKind
		},
		options: filterOptions(plan),
		view: onlyDrawn(view, q.view, noKind)
	};
}

/** The query checked: a bad value, or a person or group not in the plan, is a 400 naming it. */
function parseQuery(url: URL, index: PlanIndex): z.infer<typeof Query> {
	const parsed = Query.safeParse({
		zoom: url.searchParams.get('zoom'),
		person: url.searchParams.get('person'),
		role: url.searchParams.get('role'),
		group: url.searchParams.get('group'),
		kind: url.searchParams.getAll('kind').filter((k) => k !== ''),
		view: url.searchParams.get('view'),
		w: url.searchParams.get('w')
	});
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		error(400, `Bad filter ?${String(issue?.path[0] ?? '')}: ${issue?.message ?? 'invalid'}`);
	}
	const q = parsed.data;
	if (q.person && !index.people.has(q.person)) error(400, `No person “${q.person}” in the plan.`);
	if (q.group && !index.groups.has(q.group)) error(400, `No group “${q.group}” in the plan.`);
	return q;
}

/** Zoom and view links keep the filters and `today`: the current query with one change. */
function linkWith(url: URL) {
	return (name: string, value: string, fallback: string) => {
		const params = new URLSearchParams(url.search);
		if (value === fallback) params.delete(name);
		else params.set(name, value);
		const s = params.toString();
		return s ? `?${s}` : url.pathname;
	};
}

/** Each mode ships only what it draws: a 500-item plan is ~1 MB of chart or of tables. */
function onlyDrawn(view: ReturnType<typeof ganttView>, mode: 'chart' | 'table', noKind: boolean) {
	const { sections, ...chart } = view;
	if (noKind) {
		return {
			...chart,
			bars: [],
			lanes: [],
			arrows: [],
			bands: [],
			sections: [],
			violations: [],
			undated: [],
			shown: 0
		};
	}
	return mode === 'table'
		? { ...chart, bars: [], lanes: [], arrows: [], bands: [], sections }
		: { ...chart, sections: [] };
}

/** The people, roles, working groups and kinds the filter form offers. */
function filterOptions(plan: Pick<PlanFile, 'people' | 'groups'>) {
	return {
		people: [...plan.people]
			.sort((a, b) => a.name.localeCompare(b.name))
			.map((p) => ({ id: p.id, label: p.initials ? `${p.name} (${p.initials})` : p.name })),
		roles: ROLE_ORDER.map((r) => ({ id: r, label: r })),
		groups: plan.groups
			.filter((g) => g.kind === 'working-group')
			.map((g) => ({ id: g.id, label: g.short ? `${g.short}: ${g.name}` : g.name })),
		kinds: KIND_ORDER.map((k) => ({ id: k, label: KIND_LABEL[k].many }))
	};
}
