/**
 * The plan model. These zod schemas are the single source of truth: TypeScript types are inferred
 * from them, the PlanFile JSON Schema in `schema/planfile.schema.json` is generated from them, and
 * every boundary (import, API, CLI) parses with them.
 *
 * This module holds the plan's entities (people, groups, locations, items, assignments,
 * dependencies, commitments) and the whole PlanFile; the values they are built from live in
 * `schema/` (values.ts, date-spec.ts, host-calendar.ts), as do the list caps (limits.ts) and the
 * checks across lists (references.ts). The values are re-exported here because the whole app
 * (about a hundred modules, the components and scripts among them) imports the model from this
 * one path.
 */
import { z } from 'zod';
import { ITEM_KIND_NAMES } from '../ids.ts';
import { DateSpec, DayRange } from './schema/date-spec.ts';
import { HostCalendarSpec } from './schema/host-calendar.ts';
import { capped } from './schema/limits.ts';
import { checkReferences } from './schema/references.ts';
import { Id, WeekdaySet, WorkingHours, Zone } from './schema/values.ts';

export { DateSpec, Part, type DateSpecType } from './schema/date-spec.ts';
export { HostCalendarSpec } from './schema/host-calendar.ts';
export { PLAN_LIMITS } from './schema/limits.ts';
export {
	ClockTime,
	Id,
	Instant,
	PlainDate,
	WEEKDAYS,
	Weekday,
	WorkingHours,
	Zone
} from './schema/values.ts';

export const Person = z.object({
	id: Id,
	name: z.string().min(1).max(200),
	initials: z
		.string()
		.regex(/^[A-Z][A-Za-z]{0,5}$/, 'must be 1–6 letters, starting with a capital')
		.optional(),
	role: z.string().max(200).default('Member'),
	/** Home time zone; `null` when unknown (the plan does not say). */
	zone: Zone.nullable().default(null),
	workingHours: WorkingHours.default({ start: '09:00', end: '17:00' }),
	organization: z.string().max(200).optional(),
	/** Home country (ISO 3166-1 alpha-2) for the working week; without it, the zone's country. */
	country: z
		.string()
		.regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code like SA')
		.optional(),
	/** The days this person works, overriding their home country's weekend. */
	workWeek: WeekdaySet.optional(),
	/** Where a value was not in the source but inferred (e.g. KE -> Karoline Edtstadler). */
	notes: z.string().max(2000).optional(),
	/**
	 * Where change notices go. Private: only organizers and the person see it (redactPrivate
	 * drops it from the public plan).
	 */
	email: z.email().max(254).optional()
});
export type Person = z.infer<typeof Person>;

export const GroupKind = z.enum(['panel', 'secretariat', 'body', 'working-group']);
export const Group = z.object({
	id: Id,
	name: z.string().min(1).max(200),
	kind: GroupKind,
	/** How the plan abbreviates it ("Sect", "MAG"). */
	short: z.string().max(20).optional(),
	members: capped(Id, 'groupMembers').default([]),
	zone: Zone.nullable().default(null),
	description: z.string().max(2000).optional()
});
export type Group = z.infer<typeof Group>;

export const Location = z.object({
	id: Id,
	city: z.string().min(1).max(200),
	/** ISO 3166-1 alpha-2, upper case. Weekends and holidays come from it. */
	country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code like SA'),
	/** Subdivision for regional holidays (ISO 3166-2 suffix), when it matters. */
	region: z.string().max(10).optional(),
	zone: Zone,
	lat: z.number().min(-90).max(90),
	lon: z.number().min(-180).max(180),
	venue: z.string().max(200).optional(),
	/** Corrections to the weekend and holidays for this place (set by an organizer). */
	calendar: HostCalendarSpec.optional()
});
export type Location = z.infer<typeof Location>;

export const ItemKind = z.enum(ITEM_KIND_NAMES);
export type ItemKind = z.infer<typeof ItemKind>;
export const ITEM_KINDS = ItemKind.options;

export const ItemStatus = z.enum(['proposed', 'planned', 'confirmed', 'done', 'cancelled']);
export type ItemStatus = z.infer<typeof ItemStatus>;

/** Where an item takes place: a Location id, or online. */
export const Place = z.union([z.literal('online'), Id]);

export const Item = z.object({
	id: Id,
	kind: ItemKind,
	title: z.string().min(1).max(2000),
	description: z.string().max(20000).optional(),
	when: DateSpec,
	location: Place.nullable().default(null),
	/** The outside event this item happens at (the WSIS+20 presentation happens at WSIS+20). */
	linkedTo: Id.nullable().default(null),
	/** The working group (or other group) this item belongs to, for lanes and group feeds. */
	group: Id.nullable().default(null),
	status: ItemStatus.default('planned'),
	/** Lane or phase label, e.g. "IWW process", "Report to the SG". */
	track: z.string().max(100).optional(),
	/** http(s) only: a javascript: or data: URL would run when someone follows the link. */
	url: z.url({ protocol: /^https?$/, error: 'must be an http(s) link' }).optional(),
	/** A quote or pointer to the source document where this item comes from. */
	source: z.string().max(2000).optional(),
	/**
	 * Publish each candidate window as a tentative hold in the people's feeds while undecided.
	 * Absent means false: optional rather than defaulted, so adding the field does not change the
	 * content hash (and so the feed SEQUENCE) of every stored item.
	 */
	holds: z.boolean().optional(),
	/**
	 * The candidate windows the item had when it was decided: kept on the item (not only in the
	 * history, which is pruned and read elsewhere) so the feeds can publish the former holds as
	 * cancelled from the plan alone.
	 */
	decidedFrom: z.array(DayRange).min(1).max(50).optional()
});
export type Item = z.infer<typeof Item>;

export const Role = z.enum(['lead', 'support', 'speaker', 'required', 'optional']);
export type Role = z.infer<typeof Role>;
export const ROLES = Role.options;

/**
 * A person or group on an item. `who` keeps the plan's own wording (initials, "TBD"); `person` or
 * `group` is what it resolved to. Neither means unresolved — shown as such, never dropped.
 */
export const Assignment = z
	.object({
		id: Id,
		item: Id,
		role: Role,
		who: z.string().min(1).max(100),
		person: Id.optional(),
		group: Id.optional(),
		/** True when the resolution is an inference, not the plan's words (KE). */
		inferred: z.boolean().default(false),
		note: z.string().max(500).optional()
	})
	.refine((a) => !(a.person && a.group), {
		message: 'names both a person and a group',
		path: ['group']
	});
export type Assignment = z.infer<typeof Assignment>;

export const Dependency = z
	.object({
		id: Id,
		from: Id,
		to: Id,
		type: z.literal('finish-to-start').default('finish-to-start'),
		lagDays: z.number().int().min(-365).max(365).default(0),
		note: z.string().max(500).optional()
	})
	.refine((d) => d.from !== d.to, { message: 'an item cannot depend on itself', path: ['to'] });
export type Dependency = z.infer<typeof Dependency>;

export const Commitment = z.object({
	id: Id,
	person: Id,
	/** Where the commitment comes from: an outside event they must attend, or a busy period. */
	source: z.enum(['event', 'busy']),
	/** For `event` commitments, the item they must attend. */
	item: Id.optional(),
	when: DateSpec.optional(),
	place: Place.nullable().default(null),
	reason: z.string().max(500).default(''),
	strength: z.enum(['hard', 'soft']).default('hard'),
	visibility: z.enum(['public', 'private']).default('public'),
	/**
	 * For busy periods read from a calendar: the member's availability source (an id only; the
	 * source's address stays in the database, see server/availability-sources.ts), and the event's
	 * UID and RECURRENCE-ID, so importing the source again replaces the period instead of adding a
	 * twin. Absent for busy periods typed by hand.
	 */
	sourceId: Id.optional(),
	uid: z.string().max(255).optional(),
	recurrenceId: z.string().max(64).optional()
});
export type Commitment = z.infer<typeof Commitment>;

export const PLANFILE_VERSION = 1;

const PlanFileShape = z.object({
	$schema: z.string().optional(),
	version: z.literal(PLANFILE_VERSION),
	name: z.string().min(1).max(200),
	description: z.string().max(5000).optional(),
	/** The plan's own zone for display defaults (UTC for a global panel). */
	zone: Zone.default('UTC'),
	source: z.string().max(2000).optional(),
	people: capped(Person, 'people'),
	groups: capped(Group, 'groups').default([]),
	locations: capped(Location, 'locations').default([]),
	items: capped(Item, 'items'),
	assignments: capped(Assignment, 'assignments').default([]),
	dependencies: capped(Dependency, 'dependencies').default([]),
	commitments: capped(Commitment, 'commitments').default([])
});

/** The plan as zod reads it before the checks across lists (what references.ts checks). */
export type PlanShape = z.infer<typeof PlanFileShape>;

/** The exchange format: the whole plan as one JSON document. */
export const PlanFile = PlanFileShape.superRefine(checkReferences);
export type PlanFile = z.infer<typeof PlanFile>;
/** What a PlanFile looks like before defaults are applied (what people write by hand). */
export type PlanFileInput = z.input<typeof PlanFile>;

/** Turns zod issues into "path: message" lines a person can act on. */
export function describeIssues(error: z.ZodError): string[] {
	return error.issues.map((i) => {
		const path = i.path.length
			? i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')
			: '(root)';
		return `${path.replace(/^\./, '')}: ${i.message}`;
	});
}
