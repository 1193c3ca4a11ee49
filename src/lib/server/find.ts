/**
 * The date finder for the running app: request input (JSON bodies and GET forms) parsed with zod
 * into finder queries, the per-plan commitments cached, and a chosen candidate saved to the plan
 * as a meeting through the plan repository (so revisions and feeds follow).
 */
import { z } from 'zod';
import { findHost } from '#lib/domain/cities.ts';
import { diffDays } from '#lib/domain/dates.ts';
import {
	DEFAULT_IN_PERSON,
	prepareFinder,
	resolvePeople,
	type FinderPlan,
	type InPersonQuery
} from '#lib/domain/finder.ts';
import type { PlanIndex } from '#lib/domain/plan-index.ts';
import { Id, Instant, PlainDate, type Item, type PlanFile } from '#lib/domain/schema.ts';
import { DEFAULT_VIRTUAL, type VirtualQuery } from '#lib/domain/virtual-finder.ts';
import type { Actor } from '#lib/domain/actor.ts';
import type { Change } from '#lib/domain/plan-changes.ts';
import { write } from './store.ts';

const cache = new WeakMap<PlanIndex, FinderPlan>();

/** Everyone's commitments for the finder, derived once per plan snapshot. */
export function finderPlan(index: PlanIndex): FinderPlan {
	let fp = cache.get(index);
	if (!fp) cache.set(index, (fp = prepareFinder(index)));
	return fp;
}

/** Input the caller got wrong: the field and the reason, for a 400. */
export class FindInputError extends Error {
	readonly field: string;
	constructor(field: string, reason: string) {
		super(`${field}: ${reason}`);
		this.field = field;
	}
}

const People = z.array(z.string().max(100)).max(2000);
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
	limit: z.number().int().min(1).max(100).optional()
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

function people(index: PlanIndex, field: string, tokens: readonly string[]): string[] {
	const ids: string[] = [];
	for (const [i, t] of tokens.entries()) {
		const r = resolvePeople(index, [t]);
		if (r.unknown.length)
			throw new FindInputError(
				`${field}[${i}]`,
				`“${t.slice(0, 60)}” is not a person id, initials, group or role (“all members”) in the plan`
			);
		ids.push(...r.ids);
	}
	return ids;
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
	const starts = b.starts ?? (item?.when.type === 'timed' ? [item.when.start] : ([] as string[]));
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
		limit: b.limit ?? DEFAULT_VIRTUAL.limit
	};
}

// ---------------------------------------------------------------------------------------------
// Saving a chosen candidate as a meeting

export const SaveBody = z
	.object({
		title: z.string().trim().min(1).max(300),
		/** In person: a location and inclusive days. */
		location: z.string().min(1).max(100).optional(),
		start: z.union([PlainDate, Instant]),
		end: z.union([PlainDate, Instant]),
		required: People.default([]),
		optional: People.default([])
	})
	.refine((b) => b.start.length === b.end.length, {
		message: 'start and end must both be dates (in person) or both instants (virtual)',
		path: ['end']
	})
	.refine((b) => b.start <= b.end, { message: 'is before start', path: ['end'] });
export type SaveBody = z.infer<typeof SaveBody>;

function slug(s: string): string {
	return (
		s
			.normalize('NFD')
			.replace(/\p{M}/gu, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 40) || 'meeting'
	);
}

/** The plan with the meeting added (and the host city, if the plan did not have it). */
export function withMeeting(
	plan: PlanFile,
	index: PlanIndex,
	b: SaveBody
): { plan: PlanFile; id: string } {
	const timed = b.start.includes('T');
	if (timed && b.start === b.end) throw new FindInputError('end', 'is not after start');
	const host = b.location === undefined ? null : findHost(index, b.location);
	if (b.location !== undefined && !host)
		throw new FindInputError('location', `“${b.location.slice(0, 60)}” is not a known location`);
	const required = people(index, 'required', b.required);
	const optional = people(index, 'optional', b.optional);
	const base = `${slug(b.title)}-${slug(b.start)}`.slice(0, 70);
	let id = base;
	for (let i = 2; index.items.has(id); i++) id = `${base}-${i}`;
	const locations = [...plan.locations];
	if (host && !locations.some((l) => l.id === host.id)) locations.push(host);
	const item: Item = {
		id,
		kind: 'meeting',
		title: b.title,
		when: timed
			? { type: 'timed', start: b.start, end: b.end, zone: 'UTC' }
			: b.start === b.end
				? { type: 'day', date: b.start }
				: { type: 'range', start: b.start, end: b.end },
		location: host ? host.id : timed ? 'online' : null,
		linkedTo: null,
		group: null,
		status: 'planned',
		track: 'Meetings',
		source: 'Chosen with the date finder'
	};
	const seen = new Set<string>();
	const assignments = [
		...required.map((p) => ({ p, role: 'required' as const })),
		...optional.map((p) => ({ p, role: 'optional' as const }))
	]
		.filter(({ p }) => !seen.has(p) && seen.add(p))
		.map(({ p, role }) => ({
			id: `${id}-${p}`.slice(0, 80).replace(/-+$/, ''),
			item: id,
			role,
			who: index.people.get(p)?.initials ?? index.people.get(p)?.name ?? p,
			person: p,
			inferred: false
		}));
	return {
		id,
		plan: {
			...plan,
			locations,
			items: [...plan.items, item],
			assignments: [...plan.assignments, ...assignments]
		}
	};
}

/**
 * Adds the meeting to the stored plan; returns the new item's id. Only creates are written (the
 * item, its assignments, a host location the plan lacked), as one change through the write path,
 * so an edit made meanwhile by someone else is never overwritten.
 */
export async function saveMeeting(
	index: PlanIndex,
	b: SaveBody,
	now: Date,
	actor: Actor | string = { kind: 'admin-token' }
): Promise<string> {
	const plan = index.plan;
	const { plan: next, id } = withMeeting(plan, index, b);
	const created = <T extends { id: string }>(before: T[], after: T[]) =>
		after.filter((e) => !before.some((o) => o.id === e.id));
	const changes: Change[] = [
		...created(plan.locations, next.locations).map((value) => ({
			entity: 'location' as const,
			id: value.id,
			action: 'create' as const,
			value
		})),
		...created(plan.items, next.items).map((value) => ({
			entity: 'item' as const,
			id: value.id,
			action: 'create' as const,
			value
		})),
		...created(plan.assignments, next.assignments).map((value) => ({
			entity: 'assignment' as const,
			id: value.id,
			action: 'create' as const,
			value
		}))
	];
	await write(actor, { changes }, { now });
	return id;
}

/** The default search: the Panel's first face-to-face meeting of 2024 in Riyadh. */
export const DEFAULT_FORM = {
	location: 'riyadh',
	days: 2,
	from: '2024-02-01',
	to: '2024-03-31',
	required: 'all members',
	optional: '',
	item: 'riyadh-meeting-2024'
};

export const DEFAULT_VIRTUAL_FORM = {
	minutes: 60,
	from: '2023-12-18',
	to: '2023-12-22',
	required: 'all members',
	optional: '',
	occurrences: 4,
	everyDays: 7,
	start: '2023-12-18T16:00Z',
	/** The call being rescheduled: its own time binds nobody. */
	item: 'plenary-2023-12-18'
};
