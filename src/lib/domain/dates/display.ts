/**
 * Locale display ("Tue 27 – Wed 28 Feb 2024"), built on Intl so every locale works. Plain dates
 * are formatted at UTC midnight in UTC; instants only in the zone the caller names.
 */
import type { PlainDate } from '../schema.ts';
import { instant } from './instant.ts';
import { day } from './plain-date.ts';
import type { Resolved } from './spec.ts';

const DEFAULT_LOCALE = 'en-GB';

const formatters = new Map<string, Intl.DateTimeFormat>();

function dtf(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale}|${JSON.stringify(opts)}`;
	let f = formatters.get(key);
	if (f === undefined) {
		f = new Intl.DateTimeFormat(locale, opts);
		formatters.set(key, f);
	}
	return f;
}

/**
 * CLDR puts a comma after the weekday in full dates ("Tue, 27 Feb 2024") but not in shorter ones;
 * the plan's labels read the weekday as part of the day ("Tue 27 Feb 2024"), so drop that comma.
 */
function dropWeekdayComma(parts: Intl.DateTimeFormatPart[]): Intl.DateTimeFormatPart[] {
	return parts.map((p, i) =>
		p.type === 'literal' &&
		p.value === ', ' &&
		parts[i - 1]?.type === 'weekday' &&
		parts[i + 1]?.type === 'day'
			? { type: 'literal', value: ' ' }
			: p
	);
}

type Unit = { type: string; value: string; text: string };

/** Each field with the literal that follows it, so dropping a field drops its separator too. */
function dateUnits(date: PlainDate, locale: string, weekday: boolean): Unit[] {
	const opts: Intl.DateTimeFormatOptions = {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		timeZone: 'UTC'
	};
	if (weekday) opts.weekday = 'short';
	const parts = dropWeekdayComma(dtf(locale, opts).formatToParts(day(date).toMillis()));
	const units: Unit[] = [];
	for (const p of parts) {
		const last = units[units.length - 1];
		if (p.type === 'literal' && last) last.text += p.value;
		else units.push({ type: p.type, value: p.value, text: p.value });
	}
	return units;
}

const SHARED = new Set(['year', 'month', 'era', 'relatedYear', 'yearName']);

function join(units: Unit[]): string {
	return units
		.map((u) => u.text)
		.join('')
		.replace(/[\s,،，]+$/u, '');
}

/**
 * Writes a shared month and year once, where the locale puts them: trailing fields are dropped
 * from the start ("27–31 May 2024", "Tue 27 – Wed 28 Feb 2024"), leading ones from the end
 * ("May 1 – 10, 2024", "2024年5月1日–10日"). Days and weekdays are always written for both ends.
 */
function formatRangeIn(start: PlainDate, end: PlainDate, locale: string, weekday: boolean): string {
	const a = dateUnits(start, locale, weekday);
	if (start === end) return join(a);
	const b = dateUnits(end, locale, weekday);
	const same = (x: Unit | undefined, y: Unit | undefined) =>
		x !== undefined && y !== undefined && SHARED.has(x.type) && x.value === y.value;
	let suffix = 0;
	while (suffix < a.length - 1 && same(a[a.length - 1 - suffix], b[b.length - 1 - suffix]))
		suffix++;
	const head = a.slice(0, a.length - suffix);
	let prefix = 0;
	while (prefix < head.length && prefix < b.length - 1 && same(head[prefix], b[prefix])) prefix++;
	const tail = b.slice(prefix);
	const loneDay = (side: Unit[]) => side.length === 1 && side[0]?.type === 'day';
	const sep = loneDay(head) || loneDay(tail) ? '–' : ' – ';
	return `${join(head)}${sep}${join(tail)}`;
}

/** "Tue 27 Feb 2024" in en-GB; any Intl locale. */
export function formatDay(date: PlainDate, locale: string = DEFAULT_LOCALE): string {
	return formatRangeIn(date, date, locale, true);
}

/** "Tue 27 – Wed 28 Feb 2024": shared month and year written once; one day when equal. */
export function formatDayRange(
	start: PlainDate,
	end: PlainDate,
	locale: string = DEFAULT_LOCALE
): string {
	return formatRangeIn(start, end, locale, true);
}

/** The resolved days without weekdays: "1–10 May 2024", "29 Feb 2024", or "undated" for TBD. */
export function formatBounds(r: Resolved, locale: string = DEFAULT_LOCALE): string {
	const start = r.earliest ?? r.latest;
	const end = r.latest ?? r.earliest;
	if (start === null || end === null) return 'undated';
	return formatRangeIn(start, end, locale, false);
}

/** "Mon 18 Dec 2023, 17:00 CET": an instant on the wall clock of `zone`. */
export function formatInstantIn(
	instantIso: string,
	zone: string,
	locale: string = DEFAULT_LOCALE
): string {
	const parts = dtf(locale, {
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZoneName: 'short',
		timeZone: zone
	}).formatToParts(instant(instantIso).toMillis());
	return dropWeekdayComma(parts)
		.map((p) => p.value)
		.join('');
}

/**
 * A timed range in one zone, written once when both ends fall on the same local day:
 * "Mon 18 Dec 2023, 16:00–17:00 UTC"; otherwise both ends in full.
 */
export function formatTimedRange(
	startIso: string,
	endIso: string,
	zone: string,
	locale: string = DEFAULT_LOCALE
): string {
	const start = instant(startIso).setZone(zone);
	const end = instant(endIso).setZone(zone);
	if (!start.hasSame(end, 'day')) {
		return `${formatInstantIn(startIso, zone, locale)} – ${formatInstantIn(endIso, zone, locale)}`;
	}
	const time = (millis: number, withZone: boolean) =>
		dtf(locale, {
			hour: '2-digit',
			minute: '2-digit',
			...(withZone ? { timeZoneName: 'short' } : {}),
			timeZone: zone
		}).format(millis);
	const day = formatDay(start.toISODate() ?? '', locale);
	return `${day}, ${time(start.toMillis(), false)}–${time(end.toMillis(), true)}`;
}

/** "17:00": only the wall-clock time of an instant in `zone` (the locale picks 12 or 24 hours). */
export function formatTimeIn(
	instantIso: string,
	zone: string,
	locale: string = DEFAULT_LOCALE
): string {
	return dtf(locale, { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(
		instant(instantIso).toMillis()
	);
}
