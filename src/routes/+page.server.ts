import { formatDay, formatDayRange } from '#lib/domain/dates.ts';
import { KIND_LABEL, KIND_ORDER } from '#lib/domain/plan-index.ts';
import { overview } from '#lib/domain/overview.ts';
import { itemRow } from '#lib/domain/present.ts';
import { ANONYMOUS } from '#lib/domain/commitments.ts';
import { planClashes } from '#lib/server/clashes.ts';
import { todayFrom } from '#lib/server/http.ts';
import { currentPlan } from '#lib/server/store.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

function clashCount(clashes: { severity: string }[]) {
	const definite = clashes.filter((c) => c.severity === 'definite').length;
	return { total: clashes.length, definite, possible: clashes.length - definite };
}

export const load: PageServerLoad = async ({ url, locals }) => {
	const { plan, index } = await currentPlan();
	const today = todayFrom(url, plan.zone, Date.now());
	const o = overview(index, today);
	const rows = (items: typeof o.now) => items.map((i) => itemRow(index, i, locals.locale));
	return {
		title: plan.name,
		description: plan.description ?? null,
		today,
		todayLabel: formatDay(today, locals.locale),
		overridden: url.searchParams.has('today'),
		phase: o.phase,
		span: o.span
			? { ...o.span, label: formatDayRange(o.span.start, o.span.end, locals.locale) }
			: null,
		now: rows(o.now),
		next: rows(o.next),
		deadlines: rows(o.deadlines),
		recent: rows(o.recent),
		events: rows(o.events),
		undated: rows(o.undated),
		counts: KIND_ORDER.map((k) => ({
			kind: k,
			label: KIND_LABEL[k].many,
			count: o.counts.byKind[k] ?? 0
		})),
		people: plan.people.length,
		clashes: clashCount(planClashes(index, ANONYMOUS, locals.locale))
	};
};
