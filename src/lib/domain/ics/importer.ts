/**
 * The importer behind `busyFromIcs` (ics-import.ts): one pass over a parsed calendar file that
 * reads each event (event.ts), keeps one master per UID with its overrides (event-index.ts),
 * expands each recurring master over the span within the file's budget (series.ts), matches
 * exclusions and overrides to its occurrences, and keeps the busy occurrences. One class
 * because every step shares the same budget, occurrence count, span and floating-zone note.
 */
import { Budget } from './budget.ts';
import {
	addEvent,
	emptyIndex,
	latestBefore,
	overridesOf,
	sortFutures,
	type Overrides
} from './event-index.ts';
import {
	endOf,
	keyOf,
	readEvent,
	type Ev,
	type EventReader,
	type Key,
	type Moment
} from './event.ts';
import { IcsError, all, first, fmt, parseIcs, type Comp } from './parse.ts';
import {
	exclusions,
	seriesStarts,
	type Exclusions,
	type Series,
	type SeriesWork
} from './series.ts';
import { DAY, isoDate, isoInstant, wallOf } from './values.ts';
import {
	ZoneResolver,
	ianaLike,
	ianaZone,
	toInstant,
	toWall,
	windowsZone,
	type Zone
} from './zones.ts';
import type { DateSpec, PlainDate } from '../schema.ts';
import type { BusyFromIcs, FloatingZone, IcsLimits, IcsResult } from '../ics-import.ts';

export class Importer {
	private readonly budget: Budget;
	private readonly spanFrom: number;
	private readonly spanTo: number;
	private readonly periods: BusyFromIcs[] = [];
	private skipped = 0;
	private readonly work: SeriesWork;
	private floating: FloatingZone;
	private readonly span: { start: PlainDate; end: PlainDate };
	private readonly memberZone: string;
	private readonly lim: IcsLimits;

	constructor(span: { start: PlainDate; end: PlainDate }, memberZone: string, lim: IcsLimits) {
		this.span = span;
		this.memberZone = memberZone;
		this.lim = lim;
		this.budget = new Budget(lim.maxSteps, lim.maxMs, lim.clock);
		this.work = { budget: this.budget, occurrences: 0, maxOccurrences: lim.maxOccurrences };
		const from = parsePlain(span.start);
		const to = parsePlain(span.end);
		if (from === null || to === null || to < from)
			throw new IcsError(null, 'the plan has no valid span to import into');
		this.spanFrom = from;
		this.spanTo = to + DAY;
		this.floating = { zone: memberZone, source: 'member', used: false };
	}

	run(text: string): IcsResult {
		if (text.length > this.lim.maxBytes || utf8Length(text) > this.lim.maxBytes)
			throw new IcsError(
				null,
				`the file is larger than ${fmt(this.lim.maxBytes / 1024 / 1024)} MB`
			);
		const member = ianaZone(this.memberZone);
		if (!member)
			throw new IcsError(null, `your home zone "${this.memberZone}" is not a known zone`);
		for (const cal of parseIcs(text)) this.calendar(cal, member);
		return { ok: true, periods: this.periods, skipped: this.skipped, floating: this.floating };
	}

	/** One VCALENDAR: its events sorted into masters and overrides, then each occurrence kept. */
	private calendar(cal: Comp, member: Zone): void {
		const reader = this.readerFor(cal, member);
		const index = emptyIndex();
		for (const comp of cal.children) {
			if (comp.name !== 'VEVENT') continue;
			this.budget.step();
			addEvent(index, readEvent(comp, reader));
		}
		sortFutures(index);
		for (const ev of [...index.masters.values(), ...index.anonymous])
			this.master(ev, reader, overridesOf(index, ev.uid));
		// Every override is its own occurrence (moved into the span or not), with or without
		// its series in the file.
		for (const byKey of index.overrides.values())
			for (const ev of byKey.values()) {
				const start = ev.start;
				const end = endOf(ev, start.wall, start.instant);
				this.add(ev, start, end, ev.busy, ev.recurrence!.key);
			}
	}

	/** How a calendar's times are read: X-WR-TIMEZONE (or the member's zone) for floating times. */
	private readerFor(cal: Comp, member: Zone): EventReader {
		const xwr = first(cal, 'X-WR-TIMEZONE')?.value.trim();
		const xwrZone = xwr ? (ianaLike(xwr) ?? windowsZone(xwr)) : null;
		const floatingZone = xwrZone ?? member;
		if (xwrZone && this.floating.source === 'member')
			this.floating = { zone: xwrZone.name, source: 'calendar', used: this.floating.used };
		// File-defined zones are expanded up to a year past the span.
		const zones = new ZoneResolver(cal, floatingZone.name, this.spanTo + 400 * DAY, this.budget);
		return { zones, floatingZone, floating: this.floating };
	}

	/** A master event: a single occurrence, or its series expanded over the span. */
	private master(ev: Ev, reader: EventReader, found: Overrides): void {
		const s = ev.start;
		if (all(ev.comp, 'RRULE').length === 0 && all(ev.comp, 'RDATE').length === 0) {
			if (found.byKey?.has(keyOf(s))) return;
			this.add(ev, s, endOf(ev, s.wall, s.instant), ev.busy, null);
			return;
		}
		// The window of walls to expand: the span, widened by the event's length and a day
		// on each side for zone offsets.
		const length = Math.max(0, endOf(ev, s.wall, s.instant) - (s.allDay ? s.wall : s.instant));
		const from = (s.allDay ? this.spanFrom : toWall(s.zone, this.spanFrom)) - length - DAY;
		const to = (s.allDay ? this.spanTo : toWall(s.zone, this.spanTo)) + DAY;
		const series: Series = { ev, reader, from, to };
		const starts = seriesStarts(series, this.work);
		this.occurrencesOf(series, starts, exclusions(series, this.budget), found);
	}

	/** Every start not excluded or overridden, moved by a THISANDFUTURE override if one applies. */
	private occurrencesOf(
		series: Series,
		starts: Map<number, number | null>,
		ex: Exclusions,
		found: Overrides
	): void {
		const { ev } = series;
		const s = ev.start;
		const { byKey: overrides, dates: overrideDates, futures } = found;
		const walls = [...starts.keys()].sort((a, b) => a - b);
		for (const wall of walls) {
			this.budget.step();
			const instant = s.allDay ? wall : toInstant(s.zone, wall);
			const occ: Moment = { allDay: s.allDay, wall, instant, zone: s.zone };
			const key = keyOf(occ);
			const dateKey = `D${isoDate(wall)}`;
			if (ex.walls.has(wall) || ex.keys.has(key) || (!s.allDay && ex.keys.has(dateKey))) continue;
			if (overrides?.has(key) || (s.allDay && overrideDates?.has(isoDate(wall)))) continue;
			const explicitEnd = starts.get(wall) ?? null;
			// RANGE=THISANDFUTURE: the latest such override at or before this occurrence
			// moves it by the same amount and gives it its length, status and summary.
			const future = futures && latestBefore(futures, instant);
			if (future) this.addMoved(ev, future, occ, key);
			else this.add(ev, occ, explicitEnd ?? endOf(ev, wall, instant), ev.busy, key);
		}
	}

	/** An occurrence moved by a THISANDFUTURE override: its shift, length, status and summary. */
	private addMoved(ev: Ev, future: Ev, occ: Moment, key: Key): void {
		const f = future.start;
		const shift = (f.allDay ? f.wall : f.instant) - future.recurrence!.instant;
		const moved: Moment = occ.allDay
			? { ...occ, wall: occ.wall + shift, instant: occ.wall + shift }
			: { ...occ, instant: occ.instant + shift, wall: toWall(occ.zone, occ.instant + shift) };
		const end = endOf(future, moved.wall, moved.instant);
		this.add(future, moved, end, future.busy, key, ev.uid);
	}

	/** One occurrence: kept when busy and within the span. */
	private add(
		ev: Ev,
		start: Moment,
		end: number,
		busy: boolean,
		key: Key | null,
		uid = ev.uid
	): void {
		const [from, to] = start.allDay ? [start.wall, end] : [start.instant, end];
		if (to <= this.spanFrom || from >= this.spanTo) return;
		if (!busy || to <= from) {
			this.skipped++;
			return;
		}
		if (this.periods.length >= this.lim.maxPeriods)
			throw new IcsError(
				null,
				`the file has more than ${fmt(this.lim.maxPeriods)} busy times within the plan's span (${this.span.start} to ${this.span.end}); export a shorter range`
			);
		const when: DateSpec = start.allDay
			? to - from <= DAY
				? { type: 'day', date: isoDate(from) }
				: { type: 'range', start: isoDate(from), end: isoDate(to - DAY) }
			: { type: 'timed', start: isoInstant(from), end: isoInstant(to), zone: start.zone.name };
		this.periods.push({
			when,
			summary: ev.summary,
			uid,
			recurrenceId:
				key === null ? null : key.startsWith('D') ? key.slice(1) : isoInstant(Number(key.slice(1)))
		});
	}
}

function parsePlain(date: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	return m ? wallOf(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;
