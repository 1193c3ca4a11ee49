/**
 * The plan model. These zod schemas are the single source of truth: TypeScript types are inferred
 * from them, the PlanFile JSON Schema in `schema/planfile.schema.json` is generated from them, and
 * every boundary (import, API, CLI) parses with them.
 *
 * Over 400 lines on purpose: the plan model is one nested zod schema with its cross-reference
 * check; split, the inferred types and the generated JSON Schema would need reassembling.
 */
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { ID_PATTERN, ITEM_KIND_NAMES } from '../ids.ts';

/** A stable identifier: lowercase slug, so it is safe in URLs, UIDs and file names. */
export const Id = z
	.string()
	.regex(ID_PATTERN, 'must be a lowercase slug (a-z, 0-9, "-"), 1–80 characters');
export type Id = z.infer<typeof Id>;

/** A calendar date without a time or zone, `YYYY-MM-DD`. Never a `Date` at midnight. */
export const PlainDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
	.refine((s) => DateTime.fromISO(s, { zone: 'utc' }).isValid, 'is not a real calendar date');
export type PlainDate = z.infer<typeof PlainDate>;

/** An instant in UTC, `YYYY-MM-DDTHH:mm(:ss)Z`. */
export const Instant = z
	.string()
	.regex(
		/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/,
		'must be a UTC instant like 2024-03-01T16:00Z'
	)
	.refine((s) => DateTime.fromISO(s, { zone: 'utc' }).isValid, 'is not a real instant');
export type Instant = z.infer<typeof Instant>;

/** An IANA time zone name that this runtime knows (`Europe/Brussels`, `UTC`). */
export const Zone = z.string().min(1).refine(knownZone, 'is not an IANA time zone');

/**
 * Zone names already checked: luxon builds an Intl.DateTimeFormat per check (~0.5 ms), which an
 * import of 5,000 timed busy periods paid 5,000 times over. Bounded: a file can name only so many.
 */
const zoneChecks = new Map<string, boolean>();
function knownZone(name: string): boolean {
	let ok = zoneChecks.get(name);
	if (ok === undefined) {
		ok = IANAZone.isValidZone(name);
		if (zoneChecks.size < 1000) zoneChecks.set(name, ok);
	}
	return ok;
}
export type Zone = z.infer<typeof Zone>;

/** Local clock time `HH:mm`. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm');

const Year = z.number().int().min(1900).max(2200);
const Month = z.number().int().min(1).max(12);
export const Part = z.enum(['early', 'mid', 'late']);
export type Part = z.infer<typeof Part>;

/** The plan's own wording, kept verbatim next to the structured date. */
const Wording = z.string().max(500).optional();

const DayRange = z
	.object({ start: PlainDate, end: PlainDate })
	.refine((r) => r.start <= r.end, { message: 'end is before start', path: ['end'] });

/**
 * When an item happens, as the plan says it. Fuzzy is data: every variant resolves to an earliest
 * and a latest day (see `dates.ts`) and keeps the original wording in `text`.
 */
export const DateSpec = z.discriminatedUnion('type', [
	z.object({ type: z.literal('day'), date: PlainDate, text: Wording }),
	z
		.object({ type: z.literal('range'), start: PlainDate, end: PlainDate, text: Wording })
		.refine((r) => r.start <= r.end, { message: 'end is before start', path: ['end'] }),
	z
		.object({
			type: z.literal('timed'),
			start: Instant,
			end: Instant,
			zone: Zone,
			text: Wording
		})
		.refine((r) => r.start < r.end, { message: 'end is not after start', path: ['end'] }),
	z.object({ type: z.literal('month'), year: Year, month: Month, text: Wording }),
	z.object({
		type: z.literal('part-of-month'),
		year: Year,
		month: Month,
		part: Part,
		text: Wording
	}),
	z.object({ type: z.literal('part-of-year'), year: Year, part: Part, text: Wording }),
	z.object({
		type: z.literal('quarter'),
		year: Year,
		quarter: z.number().int().min(1).max(4),
		text: Wording
	}),
	z
		.object({
			type: z.literal('by'),
			date: PlainDate,
			/** When work can start, if the plan says; without it the item is pinned to its deadline. */
			from: PlainDate.optional(),
			text: Wording
		})
		.refine((r) => r.from === undefined || r.from <= r.date, {
			message: 'from is after the deadline',
			path: ['from']
		}),
	z.object({
		type: z.literal('candidates'),
		windows: z.array(DayRange).min(1).max(50),
		text: Wording
	}),
	z.object({ type: z.literal('tbd'), text: Wording })
]);
export type DateSpec = z.infer<typeof DateSpec>;
export type DateSpecType = DateSpec['type'];

export const WorkingHours = z
	.object({ start: ClockTime, end: ClockTime })
	.refine((w) => w.start < w.end, { message: 'end is not after start', path: ['end'] });

/** A day of the week as host calendars write it: `mon` … `sun`. */
export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;
export const WEEKDAYS = Weekday.options;

/** A set of weekdays: each at most once, in any order. */
const WeekdaySet = z
	.array(Weekday)
	.max(7)
	.refine((days) => new Set(days).size === days.length, 'lists a weekday twice');

/** Where a calendar correction comes from: an http(s) link to the official publication. */
const SourceLink = z.url({ protocol: /^https?$/, error: 'must be an http(s) link' }).max(2000);

/**
 * A location's own corrections to its host calendar (see `host-calendar.ts`): they win over the
 * corrections the app ships and over CLDR and the holiday library.
 */
export const HostCalendarSpec = z.object({
	/** Replaces the CLDR weekend for every date; empty means no weekend at all. */
	weekend: WeekdaySet.optional(),
	/** The official link for `weekend`, shown next to it and kept in the history. */
	weekendSource: SourceLink.optional(),
	holidays: z
		.object({
			add: z
				.array(
					z.object({
						date: PlainDate,
						name: z.string().trim().min(1).max(200),
						source: SourceLink.optional()
					})
				)
				.max(500)
				.optional(),
			remove: z
				.array(
					z.object({
						date: PlainDate,
						reason: z.string().trim().min(1).max(500),
						source: SourceLink.optional()
					})
				)
				.max(500)
				.optional()
		})
		.optional(),
	/** Weekend dates that are working days ("make-up working days" that bridge a holiday). */
	workdays: z
		.array(
			z.object({
				date: PlainDate,
				reason: z.string().trim().min(1).max(500),
				source: SourceLink.optional()
			})
		)
		.max(200)
		.optional()
});
export type HostCalendarSpec = z.infer<typeof HostCalendarSpec>;

/**
 * The most entries a plan may hold in each list, so that a file (an upload, the API, the CLI)
 * cannot make every later read and clash check crawl. Ten times and more what a large process
 * needs, and above the bench plan (1,000 people, 5,000 items, 20,000 assignments, 50,000 busy
 * periods); commitments leave room for 200,000 busy periods per plan (the availability limit)
 * plus the organizers' event commitments.
 */
export const PLAN_LIMITS = {
	people: 5_000,
	groups: 1_000,
	locations: 2_000,
	items: 20_000,
	assignments: 100_000,
	dependencies: 50_000,
	commitments: 250_000,
	/** Members of one group: at most every person. */
	groupMembers: 5_000
} as const;

const capped = <T extends z.ZodType>(entry: T, list: keyof typeof PLAN_LIMITS) => {
	const max = PLAN_LIMITS[list];
	const what = list === 'groupMembers' ? 'members: a group holds' : `${list}: a plan holds`;
	const noun = list === 'groupMembers' ? 'members' : list;
	return z.array(entry).max(max, `too many ${what} at most ${max.toLocaleString('en-GB')} ${noun}`);
};

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

/** Cross-references and uniqueness, reported with the path of the bad field. */
// Long: every cross-reference checked in one pass, with each bad field's path.
function checkReferences(plan: z.infer<typeof PlanFileShape>, ctx: z.RefinementCtx): void {
	const issue = (path: (string | number)[], message: string) =>
		ctx.addIssue({ code: 'custom', path, message });

	const ids = (list: { id: string }[], name: string) => {
		const seen = new Set<string>();
		list.forEach((e, i) => {
			if (seen.has(e.id)) issue([name, i, 'id'], `duplicate id "${e.id}" in ${name}`);
			seen.add(e.id);
		});
		return seen;
	};
	const people = ids(plan.people, 'people');
	const groups = ids(plan.groups, 'groups');
	const locations = ids(plan.locations, 'locations');
	const items = ids(plan.items, 'items');
	ids(plan.assignments, 'assignments');
	ids(plan.dependencies, 'dependencies');
	ids(plan.commitments, 'commitments');
	for (const g of groups) {
		if (people.has(g)) issue(['groups'], `id "${g}" is used by both a person and a group`);
	}

	const ref = (set: Set<string>, value: string | null | undefined, path: (string | number)[]) => {
		if (value != null && !set.has(value)) issue(path, `refers to unknown id "${value}"`);
	};
	const place = (value: string | null, path: (string | number)[]) => {
		if (value !== null && value !== 'online') ref(locations, value, path);
	};

	plan.groups.forEach((g, i) =>
		g.members.forEach((m, j) => ref(people, m, ['groups', i, 'members', j]))
	);
	const itemKind = new Map(plan.items.map((it) => [it.id, it.kind]));
	plan.items.forEach((it, i) => {
		place(it.location, ['items', i, 'location']);
		ref(items, it.linkedTo, ['items', i, 'linkedTo']);
		if (
			it.linkedTo &&
			itemKind.get(it.linkedTo) !== undefined &&
			itemKind.get(it.linkedTo) !== 'event'
		)
			issue(['items', i, 'linkedTo'], `links to "${it.linkedTo}", which is not an event`);
		if (it.linkedTo === it.id) issue(['items', i, 'linkedTo'], 'an item cannot link to itself');
		ref(groups, it.group, ['items', i, 'group']);
	});
	plan.assignments.forEach((a, i) => {
		ref(items, a.item, ['assignments', i, 'item']);
		ref(people, a.person, ['assignments', i, 'person']);
		ref(groups, a.group, ['assignments', i, 'group']);
	});
	plan.dependencies.forEach((d, i) => {
		ref(items, d.from, ['dependencies', i, 'from']);
		ref(items, d.to, ['dependencies', i, 'to']);
	});
	plan.commitments.forEach((c, i) => {
		ref(people, c.person, ['commitments', i, 'person']);
		ref(items, c.item, ['commitments', i, 'item']);
		place(c.place, ['commitments', i, 'place']);
		if (!c.item && !c.when) issue(['commitments', i, 'when'], 'needs a date or an item');
	});
}

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
