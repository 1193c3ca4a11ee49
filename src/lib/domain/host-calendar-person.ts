/**
 * A person's working week as a host calendar: their home country's (from `country`, else their
 * zone) with the same corrections as a place there, their own `workWeek` replacing the weekend.
 * The virtual finder asks it which days a person works.
 */
import { countryOfZone } from './host-calendar-corrections.ts';
import { weekdayOfEpochDay, weekendOn, workdayOn, type CalendarSubject } from './host-calendar.ts';
import { WEEKDAYS, type HostCalendarSpec, type Weekday } from './schema.ts';

export type WorkWeekPerson = {
	zone: string | null;
	country?: string | undefined;
	workWeek?: readonly Weekday[] | undefined;
};

/**
 * The calendar of a person's working week: their home country (from `country`, else their
 * zone), with the same corrections as a place there; `workWeek` replaces the weekend. Null when
 * neither is known.
 */
export function personCalendar(p: WorkWeekPerson): CalendarSubject | null {
	const country = p.country ?? countryOfZone(p.zone);
	const weekend = p.workWeek ? WEEKDAYS.filter((w) => !p.workWeek!.includes(w)) : undefined;
	if (!country) return weekend ? { country: 'ZZ', calendar: { weekend } } : null;
	return weekend ? { country, calendar: personWeekends(weekend) } : { country };
}

// One spec object per distinct override, so the resolved cache (keyed by spec) is shared.
const weekendSpecs = new Map<string, HostCalendarSpec>();
function personWeekends(weekend: Weekday[]): HostCalendarSpec {
	const key = weekend.join(',');
	let spec = weekendSpecs.get(key);
	if (!spec) weekendSpecs.set(key, (spec = { weekend }));
	return spec;
}

/**
 * Whether an epoch day is in a person's working week: not their weekend, or a make-up working
 * day. Holidays are not counted here: the virtual finder only asks about the working week.
 */
export function isWorkWeekDay(s: CalendarSubject | null, day: number): boolean {
	if (!s) return true;
	return !weekendOn(s, day).days.includes(weekdayOfEpochDay(day)) || workdayOn(s, day) !== null;
}
