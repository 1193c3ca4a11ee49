/**
 * The virtual-meeting finder: start times (UTC, in steps of 15 minutes) for a call of N minutes
 * over a range of days, ranked by who would be inside their working hours and who would be in the
 * night (00:00–06:00 local, the same night as `local-times.ts`), with each candidate shown as a
 * row of local times. A person whose hard commitment covers the call (the same commitments and
 * slot rule as the clash engine) is missing.
 *
 * Recurring series, the fairness rule: occurrence k looks at the same range shifted by k × every
 * days; among the starts with the fewest people missing and the fewest in the night, it takes the
 * one whose night people have taken the bad hour least often so far (lowest maximum, then lowest
 * sum of their running counts), then the most people in working hours, then the earliest. So the
 * bad hour rotates instead of falling on the same person every time; each person's running count
 * is shown.
 *
 * Ties: starts that are equally good (same people busy, in the night, in working hours) are
 * shown spread over different times of day (`varied`), each with a sentence saying why it ranks
 * where it does; no raw scores reach the page.
 *
 * Holidays: a series occurrence is placed off the participants' public holidays, each person's
 * own country (`country`, else their zone's) on their own local date, from the host-calendar
 * engine (library + shipped corrections); the engine caches each country-year, and this module
 * asks once per person and local day. Where the series' regular slot falls on a holiday, the
 * answer says so ("skips Mon 25 Dec (Christmas Day for 12 of 14 people)"); when most required
 * people are off on every start of that week, the occurrence is skipped.
 *
 * Speed: local clock minutes come from the zone's offset table (`intervals.ts`), busy periods are
 * one sorted list per person swept alongside the starts.
 *
 * Where each part lives, one concept per module under virtual-finder/:
 * - virtual-finder/model.ts: the query and the answer.
 * - virtual-finder/people.ts: each person's zone, hours, week, busy instants and local clock.
 * - virtual-finder/sweep.ts: every start evaluated, ranked, ties spread over the day.
 * - virtual-finder/explain.ts: the local-time rows, why each start ranks where it does, holidays.
 * - virtual-finder/series.ts: a recurring call placed by the fairness rule, off holidays.
 * - virtual-finder/search.ts: the search itself, from the query to the answer.
 * - virtual-finder.oracle.test-helper.ts: luxon for every start × person × commitment, the brute
 *   force the tests and the bench compare with.
 *
 * This file only re-exports what the rest of the app uses, so importers need not know the layout.
 */
export { whyRanked } from './virtual-finder/explain.ts';
export {
	DEFAULT_VIRTUAL,
	type HolidayNote,
	type LocalRow,
	type RowMark,
	type SeriesOccurrence,
	type VirtualCandidate,
	type VirtualQuery,
	type VirtualResult
} from './virtual-finder/model.ts';
export { placeOfZone } from './virtual-finder/people.ts';
export { findVirtual } from './virtual-finder/search.ts';
export { varied } from './virtual-finder/sweep.ts';
