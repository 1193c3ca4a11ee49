/**
 * The home page's answer to "where are we?": what is happening on a given day, what comes next,
 * the next deadlines, and the outside events. "Today" is an argument, so the page stays useful
 * when the real date is after the whole plan (the demo data is in 2024).
 */
import { byDate, type PlanIndex } from './plan-index.ts';
import type { Item, PlainDate } from './schema.ts';

export type Phase = 'before' | 'during' | 'after' | 'empty';

export type Overview = {
	today: PlainDate;
	/** First and last day any dated item can fall on. */
	span: { start: PlainDate; end: PlainDate } | null;
	phase: Phase;
	/** Items whose possible window contains today. */
	now: Item[];
	/** The next items to start (after today), soonest first. */
	next: Item[];
	/** The next deadlines on or after today. */
	deadlines: Item[];
	/** When the plan is over: the last items, latest first, so the page still says how it ended. */
	recent: Item[];
	events: Item[];
	undated: Item[];
	counts: { total: number; byKind: Record<string, number> };
};

const isLive = (i: Item) => i.status !== 'cancelled';

export function overview(index: PlanIndex, today: PlainDate, limit = 6): Overview {
	const items = index.plan.items.filter(isLive).sort(byDate(index));
	const dated = items.filter((i) => index.dates.get(i.id)?.earliest != null);
	const range = (i: Item) => {
		const r = index.dates.get(i.id);
		return { start: r?.earliest ?? '', end: r?.latest ?? '' };
	};

	const starts = dated.map((i) => range(i).start).sort();
	const ends = dated.map((i) => range(i).end).sort();
	const span: Overview['span'] =
		starts.length > 0 ? { start: starts[0]!, end: ends[ends.length - 1]! } : null;
	const phase: Phase = !span
		? 'empty'
		: today < span.start
			? 'before'
			: today > span.end
				? 'after'
				: 'during';

	const now = dated.filter((i) => range(i).start <= today && today <= range(i).end);
	const next = dated.filter((i) => range(i).start > today).slice(0, limit);
	const deadlines = dated
		.filter((i) => i.kind === 'deadline' && range(i).end >= today)
		.slice(0, limit);
	const recent =
		phase === 'after'
			? [...dated].sort((a, b) => (range(a).end < range(b).end ? 1 : -1)).slice(0, limit)
			: [];

	const byKind: Record<string, number> = {};
	for (const i of items) byKind[i.kind] = (byKind[i.kind] ?? 0) + 1;

	return {
		today,
		span,
		phase,
		now,
		next,
		deadlines,
		recent,
		events: items.filter((i) => i.kind === 'event'),
		undated: items.filter((i) => index.dates.get(i.id)?.earliest == null),
		counts: { total: items.length, byKind }
	};
}
