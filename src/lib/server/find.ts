/**
 * The date finder's input for the running app: request bodies (JSON, and the page's GET forms
 * through find-forms.ts) parsed with zod into finder queries, with 400s that name the field; and
 * everyone's commitments prepared once per plan snapshot. What a chosen window writes is in
 * find-write.ts.
 */
import { z } from 'zod';
import { findHost } from '#lib/domain/cities.ts';
import { diffDays } from '#lib/domain/dates.ts';
import {
	DEFAULT_IN_PERSON,
	prepareFinder,
	type FinderPlan,
	type InPersonQuery
} from '#lib/domain/finder.ts';
import type { PlanIndex } from '#lib/domain/plan-index.ts';
import { resolveNames, type NameResolution } from '#lib/domain/people-names.ts';
import { Id, Instant, PlainDate, type Item, Zone } from '#lib/domain/schema.ts';
import { DEFAULT_VIRTUAL, type VirtualQuery } from '#lib/domain/virtual-finder.ts';
import { derived } from './derived.ts';

/** Everyone's commitments for the finder, derived once per plan snapshot. */
export function finderPlan(index: PlanIndex): FinderPlan {
	return derived(index, 'finder', () => prepareFinder(index));
}

/** Input the caller got wrong: the field and the reason, for a 400. */
export class FindInputError extends Error {
	readonly field: string;
	constructor(field: string, reason: string) {
		super(`${field}: ${reason}`);
		this.field = field;
	}
}

/** Names as typed: people, initials, groups, roles (resolved by `namesIn`). */
export const People = z.array(z.string().max(100)).max(2000);
const MAX_WINDOW_DAYS = 366;

export const InPersonBody = z.object({
	location: z.string().min(1).max(100),
	days: z.number().int().min(1).max(14),
	from: PlainDate,
	to: PlainDate,
	required: People,
	optional: People.default([]),
	minAttendees: z.number().int().min(0).max(10_000).optional(),
	avoidWeekends: z.boolean().optional(),
	avoidHolidays: z.boolean().optional(),
	/** The plan item being scheduled: its own dates are ignored and its proposed windows explained. */
	item: Id.optional(),
	windows: z
		.array(z.object({ start: PlainDate, end: PlainDate }))
		.max(20)
		.optional(),
	limit: z.number().int().min(1).max(100).optional()
});
export type InPersonBody = z.infer<typeof InPersonBody>;

export const VirtualBody = z.object({
	minutes: z.number().int().min(15).max(720),
	from: PlainDate,
	to: PlainDate,
	required: People,
	optional: People.default([]),
	occurrences: z.number().int().min(1).max(52).optional(),
	everyDays: z.number().int().min(1).max(90).optional(),
	/** Start times to explain directly. */
	starts: z.array(Instant).max(20).optional(),
	item: Id.optional(),
	limit: z.number().int().min(1).max(100).optional(),
	/** The viewer's zone, each candidate is also written in (default: the plan's zone). */
	zone: Zone.optional()
});
export type VirtualBody = z.infer<typeof VirtualBody>;

/** The first zod issue as a FindInputError naming its field. */
export function parseOr400<T>(schema: z.ZodType<T>, input: unknown): T {
	const r = schema.safeParse(input);
	if (r.success) return r.data;
	const issue = r.error.issues[0]!;
	const field = issue.path.length ? issue.path.map(String).join('.') : '(body)';
	throw new FindInputError(field, issue.message);
}

/** The names typed into `field`, understood; the first one that is not is a 400 naming it. */
export function namesIn(
	index: PlanIndex,
	field: string,
	tokens: readonly string[]
): NameResolution {
	const r = resolveNames(index, tokens);
	const p = r.problems[0];
	if (p) throw new FindInputError(`${field}[${p.position}]`, p.message);
	return r;
}

function people(index: PlanIndex, field: string, tokens: readonly string[]): string[] {
	return namesIn(index, field, tokens).ids;
}

function span(from: string, to: string, max: number): void {
	if (to < from) throw new FindInputError('to', 'is before from');
	if (diffDays(from, to) + 1 > max)
		throw new FindInputError('to', `the window is longer than ${max} days`);
}

function itemOf(index: PlanIndex, id: string | undefined): Item | null {
	if (id === undefined) return null;
	const item = index.items.get(id);
	if (!item) throw new FindInputError('item', `there is no item “${id}” in the plan`);
	return item;
}

export function inPersonQuery(index: PlanIndex, b: InPersonBody): InPersonQuery {
	const host = findHost(index, b.location);
	if (!host)
		throw new FindInputError(
			'location',
			`“${b.location.slice(0, 60)}” is not a location of the plan or a city the app knows`
		);
	span(b.from, b.to, MAX_WINDOW_DAYS);
	if (diffDays(b.from, b.to) + 1 < b.days)
		throw new FindInputError(
			'days',
			`the window ${b.from} – ${b.to} is shorter than ${b.days} days`
		);
	const required = people(index, 'required', b.required);
	const optional = people(index, 'optional', b.optional);
	if (required.length + optional.length === 0)
		throw new FindInputError('required', 'name at least one person, group or role');
	const item = itemOf(index, b.item);
	const windows =
		b.windows ?? (item?.when.type === 'candidates' ? item.when.windows.map((w) => ({ ...w })) : []);
	for (const [i, w] of windows.entries())
		if (w.end < w.start) throw new FindInputError(`windows[${i}].end`, 'is before start');
	return {
		...DEFAULT_IN_PERSON,
		host,
		days: b.days,
		from: b.from,
		to: b.to,
		required,
		optional,
		minAttendees: b.minAttendees ?? 0,
		avoidWeekends: b.avoidWeekends ?? true,
		avoidHolidays: b.avoidHolidays ?? true,
		ignoreItem: item?.id ?? null,
		windows,
		limit: b.limit ?? DEFAULT_IN_PERSON.limit
	};
}

export function virtualQuery(index: PlanIndex, b: VirtualBody): VirtualQuery {
	span(b.from, b.to, 62);
	const required = people(index, 'required', b.required);
	const optional = people(index, 'optional', b.optional);
	if (required.length + optional.length === 0)
		throw new FindInputError('required', 'name at least one person, group or role');
	const item = itemOf(index, b.item);
	// Only starts inside the search window are explained: a start carried over from another
	// search (the December plenary in a March search) would otherwise lead the answer.
	const inWindow = (s: string) => s.slice(0, 10) >= b.from && s.slice(0, 10) <= b.to;
	const starts = (
		b.starts ?? (item?.when.type === 'timed' ? [item.when.start] : ([] as string[]))
	).filter(inWindow);
	return {
		...DEFAULT_VIRTUAL,
		minutes: b.minutes,
		from: b.from,
		to: b.to,
		required,
		optional,
		occurrences: b.occurrences ?? 1,
		everyDays: b.everyDays ?? DEFAULT_VIRTUAL.everyDays,
		starts,
		ignoreItem: item?.id ?? null,
		limit: b.limit ?? DEFAULT_VIRTUAL.limit,
		viewerZone: b.zone ?? index.plan.zone
	};
}
