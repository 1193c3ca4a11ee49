/**
 * Busy times from someone's own calendar file (.ics): only when they are busy is kept (and the
 * summary, if they ask, as a private reason). Recurring events are expanded over the plan's span.
 * A malformed file is refused with the line that broke it, so nothing half-read is ever stored.
 *
 * Pure apart from ical.js's time-zone registry, which is filled from the file and emptied again.
 */
import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import { addDays } from './dates.ts';
import type { DateSpec, PlainDate } from './schema.ts';

export type BusyFromIcs = { when: DateSpec; summary: string };

export type IcsResult =
	| { ok: true; periods: BusyFromIcs[]; skipped: number }
	| { ok: false; error: string; line: number | null };

/** Occurrences expanded per file at most, so a daily event "forever" cannot flood the plan. */
export const MAX_OCCURRENCES = 2000;

type Unfolded = { text: string; line: number };

/** RFC 5545 lines with continuation lines joined, each with its first physical line number. */
function unfold(text: string): Unfolded[] {
	const out: Unfolded[] = [];
	text.split(/\r\n|\n|\r/).forEach((raw, i) => {
		const last = out[out.length - 1];
		if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) last.text += raw.slice(1);
		else if (raw !== '') out.push({ text: raw, line: i + 1 });
	});
	return out;
}

/** Structure check with line numbers (ical.js names the bad line's text but not its number). */
function checkStructure(lines: Unfolded[]): { error: string; line: number } | null {
	const stack: { name: string; line: number }[] = [];
	if (lines[0]?.text.toUpperCase() !== 'BEGIN:VCALENDAR') {
		return { error: 'an .ics file starts with BEGIN:VCALENDAR', line: lines[0]?.line ?? 1 };
	}
	for (const l of lines) {
		if (!/^[A-Za-z0-9-]+(;[^:]*)?:/.test(l.text)) {
			return { error: `not a calendar line: "${l.text.slice(0, 60)}"`, line: l.line };
		}
		const m = /^(BEGIN|END):(.*)$/i.exec(l.text);
		if (!m) continue;
		const name = (m[2] ?? '').toUpperCase();
		if (m[1]?.toUpperCase() === 'BEGIN') stack.push({ name, line: l.line });
		else if (stack.pop()?.name !== name) {
			return { error: `END:${name} does not close the open component`, line: l.line };
		}
	}
	const open = stack.pop();
	if (open) return { error: `BEGIN:${open.name} is never closed`, line: open.line };
	return null;
}

const utcIso = (dt: DateTime) => dt.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");

/**
 * Reads `text` and returns busy periods overlapping [spanStart, spanEnd] (plain days,
 * inclusive). Times without a zone are read in `zone` (the member's home zone).
 */
export function busyFromIcs(
	text: string,
	span: { start: PlainDate; end: PlainDate },
	zone: string
): IcsResult {
	const lines = unfold(text.startsWith('\uFEFF') ? text.slice(1) : text);
	const broken = checkStructure(lines);
	if (broken) return { ok: false, ...broken };
	const veventLines = lines.filter((l) => /^BEGIN:VEVENT$/i.test(l.text)).map((l) => l.line);

	let root: ICAL.Component;
	try {
		const jcal = ICAL.parse(lines.map((l) => l.text).join('\r\n')) as unknown[];
		root = new ICAL.Component(jcal);
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		const quoted = /"(.*)"$/.exec(message)?.[1];
		const at = quoted ? lines.find((l) => l.text === quoted)?.line : undefined;
		return { ok: false, error: message, line: at ?? null };
	}

	const zones = root.getAllSubcomponents('vtimezone').map((vtz) => new ICAL.Timezone(vtz));
	for (const tz of zones) ICAL.TimezoneService.register(tz);
	try {
		return expand(root, veventLines, span, zone);
	} finally {
		for (const tz of zones) ICAL.TimezoneService.remove(tz.tzid);
	}
}

function expand(
	root: ICAL.Component,
	veventLines: number[],
	span: { start: PlainDate; end: PlainDate },
	fallbackZone: string
): IcsResult {
	const spanStart = DateTime.fromISO(span.start, { zone: 'utc' });
	const spanEnd = DateTime.fromISO(addDays(span.end, 1), { zone: 'utc' });
	const vevents = root.getAllSubcomponents('vevent');
	const periods: BusyFromIcs[] = [];
	let skipped = 0;

	// Moved or changed occurrences (RECURRENCE-ID) belong to their series' expansion.
	const events = new Map<string, ICAL.Event>();
	const exceptions: ICAL.Event[] = [];
	vevents.forEach((vevent, i) => {
		const event = new ICAL.Event(vevent, { strictExceptions: false });
		if (event.isRecurrenceException()) exceptions.push(event);
		else events.set(`${event.uid ?? ''}#${i}`, event);
	});
	for (const ex of exceptions) {
		const master = [...events.values()].find((e) => e.uid === ex.uid);
		if (master) master.relateException(ex);
		else events.set(`${ex.uid ?? ''}#x${events.size}`, ex);
	}

	const lineOf = (event: ICAL.Event) => veventLines[vevents.indexOf(event.component)] ?? null;

	for (const event of events.values()) {
		const transp = event.component.getFirstPropertyValue('transp');
		const status = event.component.getFirstPropertyValue('status');
		if (transp === 'TRANSPARENT' || status === 'CANCELLED') {
			skipped++;
			continue;
		}
		const rawTzid = event.component.getFirstProperty('dtstart')?.getParameter('tzid');
		const tzid = typeof rawTzid === 'string' ? rawTzid : null;
		const toDateTime = (t: ICAL.Time): DateTime => {
			if (t.zone === ICAL.Timezone.utcTimezone || (tzid && ICAL.TimezoneService.has(tzid))) {
				return DateTime.fromSeconds(t.toUnixTime(), { zone: 'utc' });
			}
			const z = tzid !== null && IANAZone.isValidZone(tzid) ? tzid : fallbackZone;
			return DateTime.fromObject(
				{
					year: t.year,
					month: t.month,
					day: t.day,
					hour: t.hour,
					minute: t.minute,
					second: t.second
				},
				{ zone: z }
			);
		};
		const zoneName = tzid !== null && IANAZone.isValidZone(tzid) ? tzid : fallbackZone;

		try {
			if (!event.startDate) throw new Error('the event has no DTSTART');
			const occurrences: { start: ICAL.Time; end: ICAL.Time }[] = [];
			if (event.isRecurring()) {
				const it = event.iterator();
				for (let next = it.next(); next; next = it.next()) {
					const d = event.getOccurrenceDetails(next);
					if (toDateTime(d.startDate) >= spanEnd) break;
					occurrences.push({ start: d.startDate, end: d.endDate });
					if (periods.length + occurrences.length > MAX_OCCURRENCES * 4) break;
				}
			} else {
				occurrences.push({ start: event.startDate, end: event.endDate ?? event.startDate });
			}
			for (const o of occurrences) {
				const allDay = o.start.isDate;
				const start = allDay
					? DateTime.fromObject(
							{ year: o.start.year, month: o.start.month, day: o.start.day },
							{ zone: 'utc' }
						)
					: toDateTime(o.start);
				let end = allDay
					? DateTime.fromObject(
							{ year: o.end.year, month: o.end.month, day: o.end.day },
							{ zone: 'utc' }
						)
					: toDateTime(o.end);
				if (!start.isValid || !end.isValid) throw new Error('a date in it is not valid');
				if (allDay && end <= start) end = start.plus({ days: 1 });
				if (end <= spanStart || start >= spanEnd) continue;
				if (!allDay && end <= start) continue;
				periods.push({ when: toSpec(start, end, allDay, zoneName), summary: event.summary ?? '' });
				if (periods.length > MAX_OCCURRENCES) {
					return {
						ok: false,
						error: `more than ${MAX_OCCURRENCES} busy times in the plan's span; export a shorter range`,
						line: null
					};
				}
			}
		} catch (e) {
			const message = e instanceof Error ? e.message : String(e);
			const line = lineOf(event);
			return { ok: false, error: `the event starting on line ${line ?? '?'}: ${message}`, line };
		}
	}
	return { ok: true, periods, skipped };
}

function toSpec(start: DateTime, end: DateTime, allDay: boolean, zone: string): DateSpec {
	if (allDay) {
		const first = start.toISODate()!;
		const last = end.minus({ days: 1 }).toISODate()!;
		return first === last
			? { type: 'day', date: first }
			: { type: 'range', start: first, end: last };
	}
	return { type: 'timed', start: utcIso(start), end: utcIso(end), zone };
}
