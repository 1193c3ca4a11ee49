/**
 * Plan + item history + a filter -> iCalendar text, with ical-generator. Pure: no HTTP, no
 * clock ("now" is an argument), no host zone (all-day dates are built as UTC calendar days and
 * timed items are written in UTC).
 *
 * What ical-generator 11 gets wrong, and what this module does about it (see feed.test.ts):
 * - the calendar-level NAME, X-WR-CALNAME and X-WR-CALDESC are written verbatim: a comma,
 *   semicolon or backslash is not escaped and a newline ends the property early, so the rest of
 *   the name becomes a bogus property line. We escape them ourselves (`escapeText`).
 * - control characters other than CR/LF (U+0000–U+001F, U+007F) pass through into TEXT values,
 *   where RFC 5545 forbids them; we drop them (tabs survive) from every string we hand over.
 * - lone UTF-16 surrogates are written as they are and become invalid UTF-8 / U+FFFD downstream;
 *   we replace them with U+FFFD first (`String#toWellFormed`).
 * - `URL;VALUE=URI` is escaped like TEXT (`,` `;` -> `\,` `\;`), which changes a URL that
 *   contains them; ours are built from a base URL and slug ids, and the base URL is checked.
 * - folding counts UTF-8 octets and never splits a multi-byte character (checked: 2,000-char
 *   emoji titles fold to lines of at most 75 octets), and CR, LF and CRLF inside text become
 *   `\n`. Those are right.
 */
import ical, { ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import { addDays, resolve, todayIn, type Resolved } from '../domain/dates.ts';
import {
	assigneeName,
	KIND_LABEL,
	ROLE_ORDER,
	type PlanIndex,
	type ResolvedAssignment
} from '../domain/plan-index.ts';
import type { Commitment, Item, ItemKind, PlainDate, Role } from '../domain/schema.ts';

/** What the feeds need to know of an item's history (ItemMeta from the plan repository). */
export type FeedItemMeta = {
	id: string;
	revision: number;
	updatedAt: string;
	deletedAt: string | null;
	item: Item;
	/**
	 * Groups the item was taken out of (from the history), so their feeds publish it as
	 * cancelled rather than drop it; groups it belongs to now are ignored.
	 */
	formerGroups?: readonly string[];
};

/** Which part of the plan a feed carries. */
export type FeedFilter =
	| { type: 'all' }
	| { type: 'kind'; kind: ItemKind }
	| { type: 'group'; group: string }
	/** The public plan, with this person's own part marked, plus their busy periods. */
	| { type: 'person'; person: string; includePrivateBusy: boolean };

export type FeedOptions = {
	/** Where item pages live, e.g. `https://planner.example.org` (no trailing slash needed). */
	baseUrl: string;
	/** The current instant (ISO, UTC): cancelled items stay until their last day has passed. */
	now: string;
	/** When each busy period last changed (commitment id -> ISO instant), for its DTSTAMP. */
	busyStamps?: ReadonlyMap<string, string>;
	/** A personal feed's "changes since your calendar last fetched" page, named in its description. */
	changesUrl?: string;
};

/**
 * The UID domain: fixed and host-independent, so the same item has the same UID in every feed,
 * whatever URL the server is reached by (`.invalid` is reserved and never anyone's host).
 */
export const UID_DOMAIN = 'iww-planner.invalid';

/** How often clients should poll (RFC 7986 REFRESH-INTERVAL and X-PUBLISHED-TTL), in seconds. */
export const REFRESH_SECONDS = 3600;

/** ical-generator adds the leading "-" of an unregistered FPI itself. */
export const PRODUCT_ID = '//IWW Planner//Calendar feeds//EN';

export function itemUid(itemId: string): string {
	return `${itemId}@${UID_DOMAIN}`;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Text safe to hand to ical-generator: well-formed UTF-16, no control characters but CR/LF/tab. */
export function cleanText(s: string): string {
	return s.toWellFormed().replace(CONTROL, '');
}

/** RFC 5545 TEXT escaping, for the values ical-generator writes without it. */
export function escapeText(s: string): string {
	return cleanText(s)
		.replace(/[\\;,]/g, (c) => `\\${c}`)
		.replace(/\r\n|\r|\n/g, '\\n');
}

const ROLE_WORD: Record<Role, string> = {
	lead: 'lead',
	support: 'support',
	speaker: 'speak at',
	required: 'are required at',
	optional: 'are invited to'
};

/** Luxon date in UTC for a plain day: never the server's zone. */
function utcDay(date: string): DateTime {
	return DateTime.fromISO(date, { zone: 'utc' });
}

/** "Lead: Lise Fuhr, 'Gbenga Sesan; Support: …" */
function peopleLine(assignments: readonly ResolvedAssignment[]): string | null {
	if (assignments.length === 0) return null;
	const byRole = new Map<Role, string[]>();
	for (const a of assignments) {
		const list = byRole.get(a.role) ?? [];
		list.push(assigneeName(a.assignee) + (a.inferred ? ' (inferred)' : ''));
		byRole.set(a.role, list);
	}
	return ROLE_ORDER.filter((r) => byRole.has(r))
		.map((r) => `${r[0]?.toUpperCase()}${r.slice(1)}: ${(byRole.get(r) ?? []).join(', ')}`)
		.join('; ');
}

function trimBase(baseUrl: string): string {
	const url = new URL(baseUrl);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new RangeError(`base URL must be http(s), got "${baseUrl}"`);
	}
	// A URI value must not contain what ical-generator would backslash-escape.
	if (/[,;\\\s]/.test(url.href)) throw new RangeError(`base URL has , ; \\ or spaces: ${baseUrl}`);
	return url.href.replace(/\/+$/, '');
}

/** Whether an entry of the item history belongs in a feed with this filter. */
function selected(m: FeedItemMeta, index: PlanIndex, filter: FeedFilter): boolean {
	switch (filter.type) {
		case 'all':
		case 'person':
			return true;
		case 'kind':
			return m.item.kind === filter.kind;
		case 'group':
			return (
				m.item.group === filter.group ||
				(index.assignmentsByItem.get(m.id) ?? []).some((a) => a.group === filter.group)
			);
	}
}

function groupName(index: PlanIndex, filter: FeedFilter): string {
	return filter.type === 'group' ? (index.groups.get(filter.group)?.name ?? filter.group) : '';
}

/** The name and description a feed announces to the calendar client. */
export function feedTitle(index: PlanIndex, filter: FeedFilter): { name: string; about: string } {
	// A name that is nothing but control characters would leave the calendar unnamed.
	const plan = cleanText(index.plan.name).trim() || 'IWW Planner';
	switch (filter.type) {
		case 'all':
			return { name: plan, about: `Every dated item of "${plan}".` };
		case 'kind':
			return {
				name: `${plan}: ${KIND_LABEL[filter.kind].many}`,
				about: `${KIND_LABEL[filter.kind].many} of "${plan}".`
			};
		case 'group': {
			const g = index.groups.get(filter.group);
			const name = g?.name ?? filter.group;
			return { name: `${plan}: ${name}`, about: `Items of ${name} in "${plan}".` };
		}
		case 'person': {
			const p = index.people.get(filter.person);
			const name = p?.name ?? filter.person;
			return {
				name: `${plan} (${name})`,
				about: `"${plan}" with ${name}'s own assignments and commitments marked. Private: do not share.`
			};
		}
	}
}

/** The person's own role on an item, strongest first ("lead" beats "optional"). */
function ownRole(index: PlanIndex, personId: string, itemId: string): Role | null {
	const own = (index.assignmentsByPerson.get(personId) ?? []).filter((a) => a.item === itemId);
	const ranked = own
		.map((a) => a.role)
		.sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
	return ranked[0] ?? null;
}

function wording(item: Item, dates: Resolved): string {
	return item.when.text?.trim() || dates.label;
}

function placeText(index: PlanIndex, place: string | null): string | null {
	if (place === null) return null;
	if (place === 'online') return 'Online';
	const loc = index.locations.get(place);
	if (!loc) return null;
	return [loc.venue, loc.city, loc.country].filter(Boolean).join(', ');
}

/** The calendar for `filter`, as iCalendar text (CRLF lines, folded at 75 octets). */
export function buildFeed(
	index: PlanIndex,
	history: readonly FeedItemMeta[],
	filter: FeedFilter,
	options: FeedOptions
): string {
	const base = trimBase(options.baseUrl);
	const today = todayIn(index.plan.zone, DateTime.fromISO(options.now, { zone: 'utc' }).toMillis());
	const cal = newCalendar(index, filter, options);
	let newest = '1970-01-01T00:00:00Z';
	for (const m of history) {
		const place = membership(m, index, filter);
		if (place === null) continue;
		if (m.updatedAt > newest) newest = m.updatedAt;
		const entry = feedEntry(m, index, place === 'left-group', today);
		if (entry) addItem(cal, index, filter, entry, base, today);
	}
	if (filter.type === 'person') {
		for (const c of index.plan.commitments) {
			if (c.person !== filter.person || c.source !== 'busy' || !c.when) continue;
			if (c.visibility === 'private' && !filter.includePrivateBusy) continue;
			addBusy(cal, index, c, options.busyStamps?.get(c.id) ?? newest);
		}
	}
	return cal.toString();
}

type Calendar = ReturnType<typeof ical>;

/** The calendar with its name, description and refresh interval, and no events yet. */
function newCalendar(index: PlanIndex, filter: FeedFilter, options: FeedOptions): Calendar {
	const title = feedTitle(index, filter);
	const about = options.changesUrl
		? `${title.about}\nChanges since your calendar last fetched: ${options.changesUrl}`
		: title.about;
	// No METHOD (ical-generator's default): with one, clients treat a feed as invitations.
	return ical({
		prodId: PRODUCT_ID,
		name: escapeText(title.name),
		description: escapeText(about),
		ttl: REFRESH_SECONDS
	});
}

/** Whether an entry of the history is in this feed: as it is, as one that left the group, or not. */
function membership(
	m: FeedItemMeta,
	index: PlanIndex,
	filter: FeedFilter
): 'member' | 'left-group' | null {
	if (selected(m, index, filter)) return 'member';
	// An item taken out of a group stays in that group's feed, cancelled, like a removed one.
	return filter.type === 'group' && (m.formerGroups ?? []).includes(filter.group)
		? 'left-group'
		: null;
}

/** An item as one feed event: the item as it is now (or was last), its dates, its standing. */
type FeedEntry = {
	m: FeedItemMeta;
	item: Item;
	dates: Resolved;
	earliest: PlainDate;
	latest: PlainDate;
	live: boolean;
	leftGroup: boolean;
	cancelled: boolean;
	tentative: boolean;
};

/** The entry's event, or null when it has nothing to show (undated, or gone and past). */
function feedEntry(
	m: FeedItemMeta,
	index: PlanIndex,
	leftGroup: boolean,
	today: PlainDate
): FeedEntry | null {
	const live = m.deletedAt === null && index.items.has(m.id) && !leftGroup;
	const item = live ? (index.items.get(m.id) ?? m.item) : m.item;
	const dates = (live ? index.dates.get(m.id) : undefined) ?? resolve(item.when);
	const { earliest, latest } = dates;
	if (earliest === null || latest === null) return null; // TBD: nothing to show yet
	// Items that left the plan are published as cancelled until their last day has passed.
	if (!live && latest < today) return null;
	const cancelled = !live || item.status === 'cancelled';
	const tentative = !cancelled && (!dates.exact || item.status === 'proposed');
	return { m, item, dates, earliest, latest, live, leftGroup, cancelled, tentative };
}

/** The item's event (and, in a person's feed, its holds). */
function addItem(
	cal: Calendar,
	index: PlanIndex,
	filter: FeedFilter,
	e: FeedEntry,
	base: string,
	today: PlainDate
): void {
	const { m, item } = e;
	const url = `${base}/items/${item.id}`;
	// Every string from the plan goes through cleanText, whole: names, titles, wording.
	const stamp = DateTime.fromISO(m.updatedAt, { zone: 'utc' });
	const event = cal.createEvent({
		id: itemUid(item.id),
		sequence: Math.max(0, m.revision - 1),
		stamp,
		lastModified: stamp,
		summary: cleanText(summaryOf(index, filter, e)),
		description: cleanText(descriptionOf(index, filter, e, url)),
		url,
		status: e.cancelled
			? ICalEventStatus.CANCELLED
			: e.tentative
				? ICalEventStatus.TENTATIVE
				: ICalEventStatus.CONFIRMED,
		categories: [{ name: KIND_LABEL[item.kind].one }],
		transparency:
			item.kind === 'meeting' || item.kind === 'event'
				? ICalEventTransparency.OPAQUE
				: ICalEventTransparency.TRANSPARENT,
		...eventTimes(e.dates, e.earliest, e.latest)
	});
	const place = placeText(index, item.location);
	if (place) event.location(cleanText(place));
	if (filter.type === 'person') addHolds(cal, index, m, item, e.live, filter.person, url, today);
}

/** "Cancelled: You lead: Title (spring 2025)": the person's part and the standing, then the title. */
function summaryOf(index: PlanIndex, filter: FeedFilter, e: FeedEntry): string {
	const { item } = e;
	let summary = item.title;
	if (e.tentative) summary += ` (${wording(item, e.dates)})`;
	if (filter.type === 'person') {
		const role = ownRole(index, filter.person, item.id);
		const mustAttend = index.plan.commitments.some(
			(c) => c.person === filter.person && c.source === 'event' && c.item === item.id
		);
		if (role) summary = `You ${ROLE_WORD[role]}: ${summary}`;
		else if (mustAttend) summary = `You must attend: ${summary}`;
	}
	if (e.cancelled) summary = `Cancelled: ${summary}`;
	return summary;
}

/** When, the proposed windows, who, where, why it is cancelled, the description, the link. */
function descriptionOf(index: PlanIndex, filter: FeedFilter, e: FeedEntry, url: string): string {
	const { item, dates, live, leftGroup, cancelled } = e;
	const assignments = live ? (index.assignmentsByItem.get(item.id) ?? []) : [];
	const linked = item.linkedTo ? index.items.get(item.linkedTo) : undefined;
	return [
		`When: ${wording(item, dates)}${dates.exact ? '' : ` (${e.earliest} – ${e.latest}, not fixed yet)`}`,
		item.when.type === 'candidates'
			? `Proposed: ${item.when.windows.map((w) => (w.start === w.end ? w.start : `${w.start} – ${w.end}`)).join(' or ')}`
			: null,
		peopleLine(assignments),
		linked ? `At: ${linked.title}` : null,
		cancelled && leftGroup ? `This item is no longer one of ${groupName(index, filter)}.` : null,
		cancelled && !live && !leftGroup ? 'This item was removed from the plan.' : null,
		item.description ?? null,
		`Details: ${url}`
	]
		.filter((l): l is string => l !== null)
		.join('\n');
}

/**
 * When an event happens, for ical-generator: timed items as UTC instants; all-day items as
 * VALUE=DATE days with the exclusive end day RFC 5545 wants, never a Date in the server's zone.
 */
function eventTimes(dates: Resolved, earliest: PlainDate, latest: PlainDate) {
	return dates.timed
		? {
				start: DateTime.fromISO(dates.timed.start, { zone: 'utc' }),
				end: DateTime.fromISO(dates.timed.end, { zone: 'utc' })
			}
		: { allDay: true, start: utcDay(earliest), end: utcDay(addDays(latest, 1)) };
}

/** A busy period of the person: opaque, confirmed, with no detail beyond its reason. */
function addBusy(cal: Calendar, index: PlanIndex, c: Commitment, stampIso: string): void {
	if (!c.when) return;
	const dates = resolve(c.when);
	if (dates.earliest === null || dates.latest === null) return;
	// Its own last change when the history has it; else the newest item change, a stable stand-in.
	const stamp = DateTime.fromISO(stampIso, { zone: 'utc' });
	const event = cal.createEvent({
		id: `busy-${c.id}@${UID_DOMAIN}`,
		sequence: 0,
		stamp,
		lastModified: stamp,
		summary: `Busy${c.reason ? `: ${cleanText(c.reason)}` : ''}`,
		status: ICalEventStatus.CONFIRMED,
		transparency: ICalEventTransparency.OPAQUE,
		categories: [{ name: 'Busy' }],
		...eventTimes(dates, dates.earliest, dates.latest)
	});
	const place = placeText(index, c.place);
	if (place) event.location(cleanText(place));
}

/** The UID of one hold: stable per item and window, apart from the item's own UID. */
export function holdUid(itemId: string, w: { start: PlainDate; end: PlainDate }): string {
	return `${itemId}-hold-${w.start}-${w.end}@${UID_DOMAIN}`;
}

/**
 * Holds (items with `holds: true`): while undecided, each candidate window is a TENTATIVE
 * "Hold: …" in the feeds of the people on the item; once decided (or removed), the same UIDs come
 * back CANCELLED, from the windows the item keeps in `decidedFrom`. SEQUENCE follows the item's
 * revision, which the decision bumps, so clients replace the tentative holds.
 */
function addHolds(
	cal: Calendar,
	index: PlanIndex,
	m: FeedItemMeta,
	item: Item,
	live: boolean,
	person: string,
	url: string,
	today: PlainDate
): void {
	if (item.holds !== true) return;
	const open = item.when.type === 'candidates' && live && item.status !== 'cancelled';
	const windows = item.when.type === 'candidates' ? item.when.windows : (item.decidedFrom ?? []);
	if (windows.length === 0) return;
	// A removed item's assignments are gone with it: cancel its holds in every person's feed.
	if (live && !(index.assignmentsByPerson.get(person) ?? []).some((a) => a.item === item.id))
		return;
	const stamp = DateTime.fromISO(m.updatedAt, { zone: 'utc' });
	for (const w of windows) {
		// Like the item itself: a live item's cancelled holds stay; a removed item's go once past.
		if (!live && w.end < today) continue;
		cal.createEvent({
			id: holdUid(item.id, w),
			sequence: Math.max(0, m.revision - 1),
			stamp,
			lastModified: stamp,
			summary: cleanText(`${open ? 'Hold' : 'Cancelled hold'}: ${item.title}`),
			description: cleanText(
				open
					? `Hold while the dates are undecided (${wording(item, resolve(item.when))}).\nDetails: ${url}`
					: `No longer needed: ${wording(item, resolve(item.when))} was decided.\nDetails: ${url}`
			),
			url,
			status: open ? ICalEventStatus.TENTATIVE : ICalEventStatus.CANCELLED,
			transparency: open ? ICalEventTransparency.OPAQUE : ICalEventTransparency.TRANSPARENT,
			categories: [{ name: 'Hold' }],
			allDay: true,
			start: utcDay(w.start),
			end: utcDay(addDays(w.end, 1))
		});
	}
}
