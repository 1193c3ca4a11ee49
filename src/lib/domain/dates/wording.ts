/**
 * Canonical English (formatSpec): the wording a plan shows for each DateSpec. parseDateText
 * (parse/) reads every one of these forms back, so a change here needs a parser test there.
 */
import { DateTime } from 'luxon';
import type { DateSpec, PlainDate } from '../schema.ts';
import { instant } from './instant.ts';
import { day, isoDate } from './plain-date.ts';

export const MONTH_NAMES = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
] as const;

export const WEEKDAY_NAMES = [
	'Monday',
	'Tuesday',
	'Wednesday',
	'Thursday',
	'Friday',
	'Saturday',
	'Sunday'
] as const;

/** Canonical English day, "1 March 2024" (what formatSpec writes and parseDateText reads). */
export function formatLongDate(date: PlainDate): string {
	const dt = day(date);
	return `${dt.day} ${MONTH_NAMES[dt.month - 1]} ${dt.year}`;
}

function formatDayRangeLong(start: PlainDate, end: PlainDate): string {
	if (start === end) return formatLongDate(start);
	const a = day(start);
	const b = day(end);
	if (a.year !== b.year) return `${formatLongDate(start)} – ${formatLongDate(end)}`;
	if (a.month !== b.month) return `${a.day} ${MONTH_NAMES[a.month - 1]} – ${formatLongDate(end)}`;
	return `${a.day}–${formatLongDate(end)}`;
}

function formatWallTime(dt: DateTime, zone: string): string {
	const time = dt.toFormat(dt.second === 0 ? 'HH:mm' : 'HH:mm:ss');
	// A wall time the clocks pass twice (autumn DST) is ambiguous; name the offset only when the
	// reader would otherwise pick the other instant.
	const reread = DateTime.fromObject(
		{
			year: dt.year,
			month: dt.month,
			day: dt.day,
			hour: dt.hour,
			minute: dt.minute,
			second: dt.second
		},
		{ zone }
	);
	return reread.toMillis() === dt.toMillis() ? time : `${time} (UTC${dt.toFormat('ZZ')})`;
}

function formatTimed(spec: Extract<DateSpec, { type: 'timed' }>): string {
	const s = instant(spec.start).setZone(spec.zone);
	const e = instant(spec.end).setZone(spec.zone);
	const sDate = formatLongDate(isoDate(s));
	const eDate = formatLongDate(isoDate(e));
	const st = formatWallTime(s, spec.zone);
	const et = formatWallTime(e, spec.zone);
	return sDate === eDate
		? `${sDate} ${st}–${et} ${spec.zone}`
		: `${sDate} ${st} – ${eDate} ${et} ${spec.zone}`;
}

/** "25 or 26 to 27 or 28 February 2024" when the windows are exactly starts × ends in one month. */
function formatCandidateProduct(windows: { start: PlainDate; end: PlainDate }[]): string | null {
	if (windows.length < 2) return null;
	const month = windows[0]?.start.slice(0, 7);
	if (!windows.every((w) => w.start.slice(0, 7) === month && w.end.slice(0, 7) === month))
		return null;
	const starts = [...new Set(windows.map((w) => day(w.start).day))].sort((x, y) => x - y);
	const ends = [...new Set(windows.map((w) => day(w.end).day))].sort((x, y) => x - y);
	const distinct = new Set(windows.map((w) => `${w.start}/${w.end}`)).size;
	if (distinct !== windows.length || starts.length * ends.length !== windows.length) return null;
	const first = day(windows[0]?.start ?? '');
	return `${starts.join(' or ')} to ${ends.join(' or ')} ${MONTH_NAMES[first.month - 1]} ${first.year}`;
}

/** The canonical English for a spec: parseDateText reads it back to the same spec. */
export function formatSpec(spec: DateSpec): string {
	switch (spec.type) {
		case 'day':
			return formatLongDate(spec.date);
		case 'range':
			return formatDayRangeLong(spec.start, spec.end);
		case 'timed':
			return formatTimed(spec);
		case 'month':
			return `${MONTH_NAMES[spec.month - 1]} ${spec.year}`;
		case 'part-of-month': {
			const month = MONTH_NAMES[spec.month - 1] ?? '';
			return spec.part === 'mid'
				? `mid-${month} ${spec.year}`
				: `${spec.part} ${month} ${spec.year}`;
		}
		case 'part-of-year':
			return spec.part === 'mid' ? `mid-${spec.year}` : `${spec.part} ${spec.year}`;
		case 'quarter':
			return `Q${spec.quarter} ${spec.year}`;
		case 'by':
			return spec.from === undefined
				? `by ${formatLongDate(spec.date)}`
				: `from ${formatLongDate(spec.from)} by ${formatLongDate(spec.date)}`;
		case 'candidates': {
			const product = formatCandidateProduct(spec.windows);
			if (product !== null) return product;
			const windows = spec.windows.map((w) => formatDayRangeLong(w.start, w.end));
			// One window alone would read back as a plain (exact) range; say it is only proposed.
			return windows.length === 1 ? `tentatively ${windows[0] ?? ''}` : windows.join(' or ');
		}
		case 'tbd':
			return 'TBD';
	}
}
