/**
 * Everyone's wall clock for a timed item: "it is 01:00 in Tokyo". Night hours (00:00–06:00 local)
 * are marked, since a call at 02:00 is a reason someone cannot come. Pure: zones come from the
 * plan, the locale is an argument.
 */
import { DateTime } from 'luxon';
import { formatInstantIn, formatTimeIn } from './dates.ts';
import { assigneeView, type AssigneeView } from './present.ts';
import type { PlanIndex } from './plan-index.ts';
import type { Item, Role } from './schema.ts';

/** Local hours counted as night: [NIGHT_START, NIGHT_END). */
export const NIGHT_START_HOUR = 0;
export const NIGHT_END_HOUR = 6;

export type LocalTimeRow = {
	who: AssigneeView;
	role: Role;
	/** The group through which the person is on the item, if not directly. */
	via: string | null;
	zone: string | null;
	/** "Tue 19 Dec 2023, 01:00 GMT+9 – 02:00"; null when the person's zone is unknown. */
	local: string | null;
	/** Some of the item falls between 00:00 and 06:00 on the person's clock. */
	night: boolean;
};

/** True when [start, end) overlaps the night hours of any local day it touches in `zone`. */
export function touchesNight(startIso: string, endIso: string, zone: string): boolean {
	const start = DateTime.fromISO(startIso, { zone: 'utc' }).setZone(zone);
	const end = DateTime.fromISO(endIso, { zone: 'utc' }).setZone(zone);
	for (let day = start.startOf('day'); day < end; day = day.plus({ days: 1 }).startOf('day')) {
		const from = day.set({ hour: NIGHT_START_HOUR });
		const to = day.set({ hour: NIGHT_END_HOUR });
		if (start < to && from < end) return true;
	}
	return false;
}

/** "Mon 18 Dec 2023, 17:00 CET – 18:00", the end date written only when it differs. */
export function localSpan(startIso: string, endIso: string, zone: string, locale: string): string {
	const lastDay = (iso: string) =>
		DateTime.fromISO(iso, { zone: 'utc' }).minus({ milliseconds: 1 }).setZone(zone).toISODate();
	const firstDay = DateTime.fromISO(startIso, { zone: 'utc' }).setZone(zone).toISODate();
	const end =
		firstDay === lastDay(endIso)
			? formatTimeIn(endIso, zone, locale)
			: formatInstantIn(endIso, zone, locale);
	return `${formatInstantIn(startIso, zone, locale)} – ${end}`;
}

/**
 * One row per person on a timed item (group assignments expanded to their members, each person
 * once, with their highest role); null for items without a time of day.
 */
export function participantTimes(
	index: PlanIndex,
	item: Item,
	locale: string
): LocalTimeRow[] | null {
	const timed = index.dates.get(item.id)?.timed;
	if (!timed) return null;
	const rows: LocalTimeRow[] = [];
	const seen = new Set<string>();
	const add = (personId: string, role: Role, via: string | null) => {
		const person = index.people.get(personId);
		if (!person || seen.has(personId)) return;
		seen.add(personId);
		const zone = person.zone;
		rows.push({
			who: assigneeView({ type: 'person', person }),
			role,
			via,
			zone,
			local: zone ? localSpan(timed.start, timed.end, zone, locale) : null,
			night: zone ? touchesNight(timed.start, timed.end, zone) : false
		});
	};
	// Assignments come sorted by role, so a person's first row carries their highest role.
	for (const a of index.assignmentsByItem.get(item.id) ?? []) {
		if (a.assignee.type === 'person') add(a.assignee.person.id, a.role, null);
		else if (a.assignee.type === 'group')
			for (const m of a.assignee.group.members) add(m, a.role, a.assignee.group.name);
	}
	return rows;
}
