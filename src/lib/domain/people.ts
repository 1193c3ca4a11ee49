/** View models for the people pages. Pure: the instant used for UTC offsets is an argument. */
import { DateTime } from 'luxon';
import { formatBounds, resolve } from './dates.ts';
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
		href: string | null;
	}[];
};

export function personDetail(
	index: PlanIndex,
	p: Person,
	atMillis: number,
	locale: string
): PersonDetail {
	const order = byDate(index);
	const assignments = [...(index.assignmentsByPerson.get(p.id) ?? [])]
		.filter((a) => index.items.has(a.item))
		.sort((a, b) => order(index.items.get(a.item)!, index.items.get(b.item)!))
		.map((a) => ({
			role: a.role,
			via: a.assignee.type === 'group' ? a.assignee.group.name : null,
			item: itemRow(index, index.items.get(a.item)!, locale)
		}));
	const commitments = index.plan.commitments
		.filter((c) => c.person === p.id)
		.map((c) => {
			const item = c.item ? index.items.get(c.item) : undefined;
			const when = c.when ? resolve(c.when) : item ? index.dates.get(item.id) : undefined;
			return {
				reason: c.reason || (item ? item.title : 'Busy'),
				when: when ? formatBounds(when, locale) : 'undated',
				place: placeLabel(index, c.place ?? item?.location ?? null),
				strength: c.strength,
				href: item ? `/items/${item.id}` : null
			};
		});
	return {
		...personRow(index, p, atMillis),
		organization: p.organization ?? null,
		notes: p.notes ?? null,
		workingHours: `${p.workingHours.start}–${p.workingHours.end}`,
		assignments,
		commitments
	};
}
