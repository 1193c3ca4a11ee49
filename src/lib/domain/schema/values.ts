/**
 * The plan model's small values: identifiers, calendar dates, UTC instants, IANA zones, clock
 * times, working hours and weekdays. Each is a zod schema (the boundary check) and the type
 * inferred from it; the plan's entities (schema.ts) are built from them.
 */
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { ID_PATTERN } from '../../ids.ts';

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

export const WorkingHours = z
	.object({ start: ClockTime, end: ClockTime })
	.refine((w) => w.start < w.end, { message: 'end is not after start', path: ['end'] });

/** A day of the week as host calendars write it: `mon` … `sun`. */
export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;
export const WEEKDAYS = Weekday.options;

/** A set of weekdays: each at most once, in any order. */
export const WeekdaySet = z
	.array(Weekday)
	.max(7)
	.refine((days) => new Set(days).size === days.length, 'lists a weekday twice');
