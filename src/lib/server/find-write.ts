/**
 * What the finder writes: a chosen window decides the plan item it was found for (or publishes
 * its candidate windows as holds), or becomes a new meeting, or a series of them; always through
 * the store's one write path (`editPlan`, `editPlanMany`), so history, revisions and feeds follow.
 */
import { z } from 'zod';
import { findHost } from '#lib/domain/cities.ts';
import { decideItem } from '#lib/domain/decision.ts';
import type { PlanIndex } from '#lib/domain/plan-index.ts';
import {
	Id,
	Instant,
	PlainDate,
	type Assignment,
	type Item,
	type Location,
	type Role
} from '#lib/domain/schema.ts';
import type { NameResolution } from '#lib/domain/people-names.ts';
import type { EditRequest } from './edit-repository.ts';
import { FindInputError, namesIn, People } from './find.ts';
import { currentPlan, editPlan, editPlanMany } from './store.ts';

// ---------------------------------------------------------------------------------------------
// Saving a chosen candidate as a new meeting (searches without a plan item)

const Window = {
	start: z.union([PlainDate, Instant]),
	end: z.union([PlainDate, Instant])
};
const sameKind = (b: { start: string; end: string }) => b.start.length === b.end.length;
const SAME_KIND = 'start and end must both be dates (in person) or both instants (virtual)';

export const SaveBody = z
	.object({
		title: z.string().trim().min(1).max(300),
		/** In person: a location and inclusive days. */
		location: z.string().min(1).max(100).optional(),
		...Window,
		required: People.default([]),
		optional: People.default([]),
		/** Who leads it: a person by any name (a meeting without a lead is a clash of its own). */
		lead: z.string().trim().max(100).optional()
	})
	.refine(sameKind, { message: SAME_KIND, path: ['end'] })
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

function hostOf(index: PlanIndex, location: string | undefined): Location | null {
	if (location === undefined || location === '') return null;
	const host = findHost(index, location);
	if (!host)
		throw new FindInputError('location', `“${location.slice(0, 60)}” is not a known location`);
	return host;
}

/** The host as a new Location, when the plan does not have it yet (it must exist before use). */
function hostEdits(index: PlanIndex, host: Location | null): EditRequest[] {
	return host && !index.locations.has(host.id)
		? [{ entity: 'location', id: host.id, action: 'create', value: host }]
		: [];
}

/**
 * The one person a meeting's lead names: a role held by one person ("Chair") names that person; a
 * group or a shared role does not.
 */
function leadOf(index: PlanIndex, lead: string | undefined): string | null {
	if (!lead) return null;
	const m = namesIn(index, 'lead', [lead]).matches[0];
	const one =
		m?.kind === 'person' ? m.id : m?.kind === 'role' && m.ids.length === 1 ? m.ids[0] : null;
	if (!one) throw new FindInputError('lead', `name one person to lead the meeting, not “${lead}”`);
	return one;
}

/** The new meeting itself: exact dates (timed windows in UTC), at the host or online. */
function newMeeting(id: string, b: SaveBody, host: Location | null, source: string): Item {
	const timed = b.start.includes('T');
	return {
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
		source
	};
}

/**
 * One assignment per name typed, the lead first: a group stays one group assignment, a role or
 * "all members" becomes its people; someone named twice is assigned once, in the first role.
 */
function assignmentsOf(
	index: PlanIndex,
	item: string,
	lead: string | null,
	named: { required: NameResolution; optional: NameResolution }
): Assignment[] {
	const assignments: Assignment[] = [];
	const used = new Set<string>();
	const assign = (role: Role, who: string, target: { person: string } | { group: string }) => {
		const key = 'person' in target ? `p:${target.person}` : `g:${target.group}`;
		if (used.has(key)) return;
		used.add(key);
		const suffix = 'person' in target ? target.person : target.group;
		let aid = `${item}-${suffix}`.slice(0, 80).replace(/-+$/, '');
		for (let i = 2; assignments.some((a) => a.id === aid); i++) aid = `${aid}-${i}`;
		assignments.push({ id: aid, item, role, who, inferred: false, ...target });
	};
	const initials = (p: string) => index.people.get(p)?.initials ?? index.people.get(p)?.name ?? p;
	if (lead) assign('lead', initials(lead), { person: lead });
	for (const role of ['required', 'optional'] as const)
		for (const m of named[role].matches)
			if (m.kind === 'group')
				assign(role, index.groups.get(m.group)?.short ?? m.label, { group: m.group });
			else
				for (const p of m.kind === 'person' ? [m.id] : m.ids)
					assign(role, initials(p), { person: p });
	return assignments;
}

/**
 * The edits that add the meeting: the host if new, the item, then its assignments (the lead and
 * one per name typed).
 */
export function meetingEdits(
	index: PlanIndex,
	b: SaveBody,
	/** Ids already taken by the same write (a series): never reused. */
	taken: ReadonlySet<string> = new Set(),
	/** Where the item comes from, for its page and history. */
	source = 'Chosen with the date finder'
): { id: string; edits: EditRequest[] } {
	if (b.start.includes('T') && b.start === b.end)
		throw new FindInputError('end', 'is not after start');
	const host = hostOf(index, b.location);
	const required = namesIn(index, 'required', b.required);
	const optional = namesIn(index, 'optional', b.optional);
	const lead = leadOf(index, b.lead);
	const base = `${slug(b.title)}-${slug(b.start)}`.slice(0, 70);
	let id = base;
	for (let i = 2; index.items.has(id) || taken.has(id); i++) id = `${base}-${i}`;
	const assignments = assignmentsOf(index, id, lead, { required, optional });
	return {
		id,
		edits: [
			...hostEdits(index, host),
			{ entity: 'item', id, action: 'create', value: newMeeting(id, b, host, source) },
			...assignments.map((a): EditRequest => ({
				entity: 'assignment',
				id: a.id,
				action: 'create',
				value: a
			}))
		]
	};
}

/** Adds the meeting and its people through the write path; returns the new item's id. */
export async function saveMeeting(index: PlanIndex, b: SaveBody, actor = 'api'): Promise<string> {
	const { id, edits } = meetingEdits(index, b);
	await editPlanMany(edits, actor);
	return id;
}

// ---------------------------------------------------------------------------------------------
// Saving a virtual slot or a whole series
//
// A series is saved as one item per occurrence, not one recurring item with RRULE/EXDATE. Every
// part of the app reads plan items with exact dates: the Gantt and calendar draw them, the clash
// engine and the finder turn them into commitments, the delivery ledger and the per-item change
// notices track them by id and revision, and the feeds give each item one UID with its own
// SEQUENCE. One item per occurrence fits all of that unchanged: a moved or cancelled occurrence
// is an ordinary edit of one item (its UID keeps, SEQUENCE goes up), and no client has to expand
// a recurrence (Outlook and Google disagree on EXDATE with zones; a skipped holiday would be an
// EXDATE each reader must honour). An RRULE item would need `feeds/feed.ts` to emit RRULE and
// EXDATE (and RECURRENCE-ID overrides for any single moved occurrence), and every reader of
// items (clashes, finder, Gantt, ledger) to expand it under a budget. The occurrences share a
// title and say "k of n" in their source, which the history shows.

export const MAX_SERIES = 52;

export const SeriesBody = z.object({
	title: z.string().trim().min(1).max(300),
	/** Each occurrence's start and end (instants), as the finder proposed them. */
	occurrences: z
		.array(z.object({ start: Instant, end: Instant }))
		.min(1)
		.max(MAX_SERIES),
	required: People.default([]),
	optional: People.default([]),
	lead: z.string().trim().max(100).optional()
});
export type SeriesBody = z.infer<typeof SeriesBody>;

/** The edits that add one meeting per occurrence (one write: all or nothing). */
export function seriesEdits(
	index: PlanIndex,
	b: SeriesBody
): { ids: string[]; edits: EditRequest[] } {
	const starts = new Set<string>();
	for (const [i, o] of b.occurrences.entries()) {
		if (Date.parse(o.end) <= Date.parse(o.start))
			throw new FindInputError(`occurrences.${i}.end`, 'is not after start');
		if (starts.has(o.start))
			throw new FindInputError(`occurrences.${i}.start`, 'repeats an earlier occurrence');
		starts.add(o.start);
	}
	const ids: string[] = [];
	const edits: EditRequest[] = [];
	const n = b.occurrences.length;
	for (const [k, o] of b.occurrences.entries()) {
		const source =
			n === 1
				? 'Chosen with the date finder'
				: `Chosen with the date finder: occurrence ${k + 1} of ${n} of a series`;
		const one = meetingEdits(
			index,
			{
				title: b.title,
				start: o.start,
				end: o.end,
				required: b.required,
				optional: b.optional,
				...(b.lead ? { lead: b.lead } : {})
			},
			new Set(ids),
			source
		);
		ids.push(one.id);
		edits.push(...one.edits);
	}
	return { ids, edits };
}

/** Adds the slot or the series in one write; returns the new items' ids in order. */
export async function saveSeries(
	index: PlanIndex,
	b: SeriesBody,
	actor: string
): Promise<string[]> {
	const { ids, edits } = seriesEdits(index, b);
	await editPlanMany(edits, actor);
	return ids;
}

// ---------------------------------------------------------------------------------------------
// Deciding a plan item: its proposed dates become the chosen window, in one change

export const DecideBody = z
	.object({
		item: Id,
		...Window,
		/** In person: the host (default: where the item already is). */
		location: z.string().min(1).max(100).optional(),
		/** The item's revision when the organizer read it; a different one is refused (409). */
		expectedRevision: z.number().int().min(1).max(1_000_000_000)
	})
	.refine(sameKind, { message: SAME_KIND, path: ['end'] })
	.refine((b) => b.start <= b.end, { message: 'is before start', path: ['end'] });
export type DecideBody = z.infer<typeof DecideBody>;

/**
 * Decides the item: one `editPlan` update of the item (exact dates, confirmed, at the host; its
 * people and groups untouched), checked against the revision the organizer saw. Throws
 * EditConflict when it changed since (409), FindInputError for bad input (400).
 */
export async function decide(
	index: PlanIndex,
	b: DecideBody,
	actor: string
): Promise<{ item: Item; revision: number }> {
	const item = index.items.get(b.item);
	if (!item) throw new FindInputError('item', `there is no item “${b.item}” in the plan`);
	const timed = b.start.includes('T');
	if (timed && b.start === b.end) throw new FindInputError('end', 'is not after start');
	const host = hostOf(index, b.location);
	const place = host ? host.id : timed ? 'online' : item.location;
	const zone = item.when.type === 'timed' ? item.when.zone : (host?.zone ?? 'UTC');
	const update: EditRequest = {
		entity: 'item',
		id: item.id,
		action: 'update',
		patch: (before) => decideItem(before as unknown as Item, b, place, timed ? zone : undefined),
		expected: String(b.expectedRevision)
	};
	const extra = hostEdits(index, host);
	// A new host must exist before the item points at it; the usual case (a plan location) is
	// exactly one change.
	const result = extra.length
		? (await editPlanMany([...extra, update], actor)).results.at(-1)
		: await editPlan(update, actor);
	const { fullIndex } = await currentPlan();
	return {
		item: fullIndex.items.get(item.id) ?? item,
		revision: Number(result?.version ?? b.expectedRevision)
	};
}

export const HoldsBody = z.object({
	item: Id,
	holds: z.boolean(),
	expectedRevision: z.number().int().min(1).max(1_000_000_000)
});
export type HoldsBody = z.infer<typeof HoldsBody>;

/** Turns an item's holds on or off (one item update, checked against the revision seen). */
export async function setHolds(b: HoldsBody, actor: string): Promise<void> {
	const { index } = await currentPlan();
	const item = index.items.get(b.item);
	if (!item) throw new FindInputError('item', `there is no item “${b.item}” in the plan`);
	if (b.holds && item.when.type !== 'candidates')
		throw new FindInputError('holds', 'only an item with candidate windows can hold them');
	await editPlan(
		{
			entity: 'item',
			id: item.id,
			action: 'update',
			patch: (before) => {
				// Absent means no holds: keep the field out rather than writing `false`.
				const next: Item = { ...(before as unknown as Item) };
				if (b.holds) next.holds = true;
				else delete next.holds;
				return next;
			},
			expected: String(b.expectedRevision)
		},
		actor
	);
}
