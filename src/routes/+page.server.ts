import { formatDay, formatDayRange } from '#lib/domain/dates.ts';
import { KIND_LABEL, KIND_ORDER } from '#lib/domain/plan-index.ts';
import { overview } from '#lib/domain/overview.ts';
import { itemRow } from '#lib/domain/present.ts';
import { ANONYMOUS } from '#lib/domain/commitments.ts';
import { planClashes } from '#lib/server/clashes.ts';
import { todayFrom } from '#lib/server/http.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

function clashCount(clashes: { severity: string }[]) {
	const definite = clashes.filter((c) => c.severity === 'definite').length;
	return { total: clashes.length, definite, possible: clashes.length - definite };
}

export const load: PageServerLoad = async ({ url, locals, cookies }) => {
	const { plan, index } = await locals.services.plan.current();
	const today = todayFrom(url, plan.zone, Date.now());
	const o = overview(index, today);
	const rows = (items: typeof o.now) => items.map((i) => itemRow(index, i, locals.locale));
	// The next thing the plan has to settle: its next deadline, else the next item to start.
	const decision = o.deadlines[0] ?? o.next[0] ?? null;
	// The member's own page is reached through the link this browser holds (the member cookie);
	// such requests carry a cookie, so this page is never served to anyone else from the cache.
	const memberToken = locals.member !== null ? (cookies.get('member') ?? null) : null;
	const clashes = clashCount(planClashes(index, ANONYMOUS, locals.locale));
	return {
		role: locals.organizer !== null ? 'organizer' : memberToken !== null ? 'member' : null,
		me: memberToken !== null ? `/me/${memberToken}` : null,
		memberName: locals.member !== null ? (index.people.get(locals.member)?.name ?? null) : null,
		decision: decision ? itemRow(index, decision, locals.locale) : null,
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
		clashes
	};
};
