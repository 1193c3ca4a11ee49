/**
 * UTC instants as the plan stores them ('2024-03-01T09:00Z'): read strictly, written one way.
 */
import { DateTime } from 'luxon';

/** A stored instant as a luxon DateTime in UTC; throws when it is not one. */
export function instant(s: string): DateTime {
	const dt = DateTime.fromISO(s, { zone: 'utc' });
	if (!dt.isValid) throw new Error(`Not an instant: "${s}"`);
	return dt;
}

/** One spelling per instant, so specs that mean the same instant compare equal. */
export function formatInstant(dt: DateTime): string {
	const utc = dt.toUTC();
	return utc.toFormat(utc.second === 0 ? "yyyy-MM-dd'T'HH:mm'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'");
}
