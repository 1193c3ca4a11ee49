/**
 * View models for the people pages: a person's row (with their UTC offset now), what they are
 * assigned to, and what binds them, as a viewer may see it. Pure: the instant used for UTC
 * offsets is an argument. Resolving typed names to people is people-names.ts.
 */
import { DateTime } from 'luxon';
import { formatBounds, resolve } from './dates.ts';
import { ANONYMOUS, canSee, commitmentsByPerson, type Viewer } from './commitments.ts';
import type { PlanIndex } from './plan-index.ts';
import { byDate } from './plan-index.ts';
import { itemRow, placeLabel, type ItemRow } from './present.ts';
import type { Person, Role } from './schema.ts';

export type PersonRow = {
	id: string;
	href: string;
	name: string;
	initials: string | null;
	role: string;
	zone: string | null;
	/** "UTC+09:00" at the given instant, so people can compare at a glance. */
	offset: string | null;
	groups: string[];
};

export function offsetLabel(zone: string, atMillis: number): string {
	return `UTC${DateTime.fromMillis(atMillis, { zone }).toFormat('ZZ')}`;
}

export function personRow(index: PlanIndex, p: Person, atMillis: number): PersonRow {
	return {
		id: p.id,
		href: `/people/${p.id}`,
		name: p.name,
		initials: p.initials ?? null,
		role: p.role,
		zone: p.zone,
		offset: p.zone ? offsetLabel(p.zone, atMillis) : null,
		groups: (index.groupsByPerson.get(p.id) ?? []).map((g) => g.name)
	};
}

export type PersonDetail = PersonRow & {
	organization: string | null;
	notes: string | null;
	workingHours: string;
	assignments: { role: Role; via: string | null; item: ItemRow }[];
	commitments: {
		reason: string;
		when: string;
		place: string | null;
		strength: string;
		/** How it binds them: their role, "must attend" or "busy". */
		source: string;
		href: string | null;
	}[];
	/** Commitments beyond the ones listed (see COMMITMENTS_SHOWN). */
	moreCommitments: number;
};

/** What `p` is assigned to, in date order (without their commitments: cheap at any busy count). */
export function personAssignments(
	index: PlanIndex,
	p: Person,
	locale: string
): PersonDetail['assignments'] {
	const order = byDate(index);
	return [...(index.assignmentsByPerson.get(p.id) ?? [])]
		.filter((a) => index.items.has(a.item))
		.sort((a, b) => order(index.items.get(a.item)!, index.items.get(b.item)!))
		.map((a) => ({
			role: a.role,
			via: a.assignee.type === 'group' ? a.assignee.group.name : null,
			item: itemRow(index, index.items.get(a.item)!, locale)
		}));
}

/**
 * Most commitments a person's page lists, in date order. A member's imported calendars may hold
 * thousands of busy times (5,000 allowed); each is worded with its zone, so listing them all
 * took seconds and helped no one. The page says how many more there are.
 */
export const COMMITMENTS_SHOWN = 300;

export function personDetail(
	index: PlanIndex,
	p: Person,
	atMillis: number,
	locale: string,
	viewer: Viewer = ANONYMOUS
): PersonDetail {
	const assignments = personAssignments(index, p, locale);
	// Everything that binds them (assignments with a place or time, events, busy periods), as an
	// anonymous viewer may see it: a private busy period reads "Busy", without place or reason.
	const all = [...(commitmentsByPerson(index).get(p.id) ?? [])].sort(
		(a, b) => a.span.start - b.span.start
	);
	const commitments = all.slice(0, COMMITMENTS_SHOWN).map((c) => {
		const visible = canSee(c, viewer);
		const item = c.item ? index.items.get(c.item) : undefined;
		const r = resolve(c.when);
		return {
			reason: visible ? c.reason || item?.title || 'Busy' : 'Busy',
			when: r.exact ? formatBounds(r, locale) : `${r.label} (${formatBounds(r, locale)})`,
			place: visible ? placeLabel(index, c.place) : null,
			strength: c.strength,
			source:
				c.source.type === 'assignment'
					? `${c.source.role}${c.source.via ? ` (as ${index.groups.get(c.source.via)?.name ?? c.source.via})` : ''}`
					: c.source.type === 'event'
						? 'must attend'
						: 'busy',
			href: visible && item ? `/items/${item.id}` : null
		};
	});
	return {
		...personRow(index, p, atMillis),
		organization: p.organization ?? null,
		notes: p.notes ?? null,
		workingHours: `${p.workingHours.start}–${p.workingHours.end}`,
		assignments,
		commitments,
		moreCommitments: all.length - commitments.length
	};
}
