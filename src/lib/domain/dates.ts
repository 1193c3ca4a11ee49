/**
 * The date core, one concept per module under dates/ (in the style of FullCalendar's datelib):
 *
 * - dates/plain-date.ts: plain-date arithmetic ('YYYY-MM-DD' as UTC calendar days).
 * - dates/instant.ts: UTC instants, read strictly and written one way.
 * - dates/spec.ts: resolving a DateSpec to its first and last possible day.
 * - dates/wording.ts: the canonical English wording of a DateSpec (formatSpec).
 * - dates/parse/: reading that wording, and what people write, back (parseDateText).
 * - dates/display.ts: locale-aware display of days and instants, built on Intl.
 *
 * Pure: no clock, no host zone. Plain dates are 'YYYY-MM-DD' strings handled as UTC calendar days
 * in luxon, so process.env.TZ never changes a result; instants are converted only through the
 * explicit zone they were planned in.
 *
 * This file only re-exports what the rest of the app uses, so importers need not know the layout.
 */
export { addDays, diffDays, isoWeekday, todayIn } from './dates/plain-date.ts';
export { isExactSpec, resolve, specBounds, type Resolved } from './dates/spec.ts';
export { formatLongDate, formatSpec, MONTH_NAMES } from './dates/wording.ts';
export {
	inferYear,
	parseDateText,
	type ParseOptions,
	type ParseResult,
	type YearContext
} from './dates/parse/parse-date-text.ts';
export {
	formatBounds,
	formatDay,
	formatDayRange,
	formatInstantIn,
	formatTimedRange,
	formatTimeIn
} from './dates/display.ts';
