/**
 * One VEVENT, read strictly: its start, its end (DTEND) or DURATION, its RECURRENCE-ID, whether
 * it makes its person busy, its summary and SEQUENCE, each refusal naming the property's line;
 * and where an occurrence of it ends. Times are walls and instants as values.ts describes them.
 */
import { IcsError, first, type Comp, type Prop } from './parse.ts';
import { DAY, dateProp, durationProp, isoDate, type DateValue, type Duration } from './values.ts';
import { UTC, toInstant, type Zone, type ZoneResolver } from './zones.ts';
import type { FloatingZone } from '../ics-import.ts';

export type Moment = {
	allDay: boolean;
	/** Wall time in `zone` (for all-day: the date at 00:00). */
	wall: number;
	/** Real instant (for all-day: the date's wall time, used only as a key). */
	instant: number;
	zone: Zone;
};

export type Ev = {
	comp: Comp;
	uid: string;
	start: Moment;
	startProp: Prop;
	/** End of the event as written (DTEND), or its DURATION. */
	end: Moment | null;
	duration: Duration | null;
	recurrence: {
		key: Key;
		instant: number;
		zone: Zone;
		thisAndFuture: boolean;
		prop: Prop;
	} | null;
	busy: boolean;
	summary: string;
	sequence: number;
};

/** How occurrences and overrides meet: by instant (timed) or by date (all-day). */
export type Key = string;
export const keyOf = (m: { allDay: boolean; instant: number; wall: number }): Key =>
	m.allDay ? `D${isoDate(m.wall)}` : `T${m.instant}`;

/**
 * How one calendar's times are read: its TZIDs, the zone for times written without one, and the
 * note (`floating.used`) that such a time was met.
 */
export type EventReader = { zones: ZoneResolver; floatingZone: Zone; floating: FloatingZone };

/** A DTSTART, DTEND, RECURRENCE-ID, RDATE or EXDATE value as a moment in its zone. */
export function readMoment(v: DateValue, p: Prop, r: EventReader): Moment {
	if (v.kind === 'date')
		return { allDay: true, wall: v.wall, instant: v.wall, zone: r.floatingZone };
	if (v.kind === 'utc') return { allDay: false, wall: v.instant, instant: v.instant, zone: UTC };
	let zone: Zone;
	if (v.tzid === null) {
		zone = r.floatingZone;
		r.floating.used = true;
	} else zone = r.zones.resolve(v.tzid, p.line);
	return { allDay: false, wall: v.wall, instant: toInstant(zone, v.wall), zone };
}

/** A VEVENT as an event: a start is required, an end may not come before it. */
export function readEvent(comp: Comp, r: EventReader): Ev {
	const startProp = first(comp, 'DTSTART');
	if (!startProp) throw new IcsError(comp.line, 'the event has no DTSTART');
	const start = readMoment(dateProp(startProp), startProp, r);
	const endProp = first(comp, 'DTEND');
	const durProp = first(comp, 'DURATION');
	let end: Moment | null = null;
	let duration: Duration | null = null;
	if (endProp) end = readEnd(endProp, start, r);
	else if (durProp) duration = durationProp(durProp);
	const ridProp = first(comp, 'RECURRENCE-ID');
	const status = first(comp, 'STATUS')?.value.trim().toUpperCase();
	const transp = first(comp, 'TRANSP')?.value.trim().toUpperCase();
	const seq = Number(first(comp, 'SEQUENCE')?.value.trim() ?? 0);
	return {
		comp,
		uid: first(comp, 'UID')?.value.trim().slice(0, 255) ?? '',
		start,
		startProp,
		end,
		duration,
		recurrence: ridProp ? readRecurrenceId(ridProp, r) : null,
		busy: status !== 'CANCELLED' && transp !== 'TRANSPARENT',
		summary: unescapeText(first(comp, 'SUMMARY')?.value ?? ''),
		sequence: Number.isFinite(seq) ? seq : 0
	};
}

/** DTEND: of the same kind as DTSTART (date or time), and not before it. */
function readEnd(endProp: Prop, start: Moment, r: EventReader): Moment {
	const end = readMoment(dateProp(endProp), endProp, r);
	if (end.allDay !== start.allDay)
		throw new IcsError(
			endProp.line,
			'DTEND must be a date when DTSTART is a date, and a time when it is a time'
		);
	if ((start.allDay ? end.wall : end.instant) < (start.allDay ? start.wall : start.instant))
		throw new IcsError(endProp.line, 'the event ends (DTEND) before it starts (DTSTART)');
	return end;
}

/** RECURRENCE-ID: the occurrence an override replaces, and whether it reaches the later ones. */
function readRecurrenceId(ridProp: Prop, r: EventReader): NonNullable<Ev['recurrence']> {
	const rid = readMoment(dateProp(ridProp), ridProp, r);
	return {
		key: keyOf(rid),
		instant: rid.instant,
		zone: rid.zone,
		thisAndFuture: ridProp.params.RANGE?.toUpperCase() === 'THISANDFUTURE',
		prop: ridProp
	};
}

/** End instant (or wall, for all-day) of an occurrence of `ev` starting at wall / instant. */
export function endOf(ev: Ev, wall: number, instant: number): number {
	const s = ev.start;
	if (s.allDay) {
		const len = ev.end
			? ev.end.wall - s.wall
			: ev.duration
				? ev.duration.days * DAY + Math.ceil(ev.duration.ms / DAY) * DAY
				: DAY;
		// An all-day event always covers at least its day.
		return wall + Math.max(len, DAY);
	}
	if (ev.end) return instant + (ev.end.instant - s.instant);
	if (ev.duration) {
		// Whole days follow the wall clock (a day over a DST change is 23 or 25 hours).
		const base = ev.duration.days ? toInstant(s.zone, wall + ev.duration.days * DAY) : instant;
		return base + ev.duration.ms;
	}
	return instant;
}

/** TEXT values: \n, \, \; and \\ escapes (RFC 5545 3.3.11). */
function unescapeText(v: string): string {
	return v.replace(/\\([nN,;\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
