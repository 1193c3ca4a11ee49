/**
 * The virtual finder's people, prepared once per search: each person's zone, working hours and
 * working week, their hard commitments as the instants they certainly cover, and their local
 * clock read from the zone's offset table (`intervals.ts`) rather than luxon, reusing the offset
 * span of their last lookup; public holidays on their local date, memoized per person and day.
 */
import type { PersonCommitment } from '../commitments.ts';
import type { FinderPlan } from '../finder.ts';
import { isWorkWeekDay, personCalendar } from '../host-calendar-person.ts';
import { holidaysOn, type CalendarSubject } from '../host-calendar.ts';
import { DAY_MS, zoneOffset, zoneSegment } from '../intervals.ts';
import { NIGHT_END_HOUR, NIGHT_START_HOUR } from '../local-times.ts';
import { MIN, type VirtualQuery } from './model.ts';

export type Person = {
	id: string;
	name: string;
	zone: string | null;
	ws: number;
	we: number;
	/** Their working week (home country's weekend, corrections, `workWeek`); null: unknown. */
	week: CalendarSubject | null;
	busy: Busy[];
	required: boolean;
	/** Public holiday by local epoch day (memo: one engine lookup per person and day). */
	holidays: Map<number, string | null>;
	/** The zone offset of the last lookup and the span it holds over. */
	seg: { offset: number; from: number; to: number };
	/** The UTC spans of this person's local public holidays in a series' range, in order. */
	off: { start: number; end: number }[];
};
/** A hard commitment's definite instants [start, end) and its reason. */
export type Busy = { start: number; end: number; c: PersonCommitment };

const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/**
 * A call [t, t + d) overlaps every placement of a commitment exactly when t + d > the latest
 * placement start and t < the earliest placement end: one interval test per commitment (start
 * may exceed end for far-apart placements; then only a call bridging the gap overlaps both).
 */
function certain(c: PersonCommitment): { start: number; end: number } {
	let start = -Infinity;
	let end = Infinity;
	for (const p of c.placements) {
		start = Math.max(start, p.ms.start);
		end = Math.min(end, p.ms.end);
	}
	return { start, end };
}

export function people(fp: FinderPlan, q: VirtualQuery): Person[] {
	const ids = [...new Set([...q.required, ...q.optional])];
	const req = new Set(q.required);
	return ids.map((id) => {
		const p = fp.index.people.get(id);
		const busy: Busy[] = [];
		for (const c of fp.byPerson.get(id) ?? []) {
			if (c.strength !== 'hard' || (c.item !== null && c.item === q.ignoreItem)) continue;
			busy.push({ ...certain(c), c });
		}
		busy.sort((a, b) => a.start - b.start);
		return {
			id,
			name: p?.name ?? id,
			zone: p?.zone ?? null,
			ws: hm(p?.workingHours.start ?? '09:00'),
			we: hm(p?.workingHours.end ?? '17:00'),
			week: p ? personCalendar(p) : null,
			busy,
			required: req.has(id),
			holidays: new Map(),
			seg: { offset: 0, from: 0, to: 0 },
			off: []
		};
	});
}

export type Local = { day: number; minute: number };

/** The local clock minute of day and the local epoch day of an instant. */
export function local(ms: number, zone: string): Local {
	const l = ms + zoneOffset(zone, ms) * MIN;
	const day = Math.floor(l / DAY_MS);
	return { day, minute: Math.floor((l - day * DAY_MS) / MIN) };
}

/**
 * The same, for a person's zone, reusing the offset span of their last lookup: the sweep asks
 * in time order, so the offset changes only at a DST transition.
 */
export function localOf(p: Person & { zone: string }, ms: number): Local {
	if (ms < p.seg.from || ms >= p.seg.to) p.seg = zoneSegment(p.zone, ms);
	const l = ms + p.seg.offset * MIN;
	const day = Math.floor(l / DAY_MS);
	return { day, minute: Math.floor((l - day * DAY_MS) / MIN) };
}

/** In the night when it starts before 06:00, or runs past midnight into the next night. */
export const nightOf = (a: Local, b: Local) =>
	(a.minute >= NIGHT_START_HOUR * 60 && a.minute < NIGHT_END_HOUR * 60) || b.day > a.day;

export const workingOf = (a: Local, b: Local, p: Person) =>
	a.day === b.day && a.minute >= p.ws && b.minute + 1 <= p.we && isWorkWeekDay(p.week, a.day);

export function isNight(start: number, end: number, zone: string): boolean {
	return nightOf(local(start, zone), local(end - 1, zone));
}

export function isWorking(start: number, end: number, p: Person): boolean {
	if (!p.zone) return false;
	return workingOf(local(start, p.zone), local(end - 1, p.zone), p);
}

/** "America/Argentina/Buenos_Aires" → "Buenos Aires"; "UTC" stays. */
export function placeOfZone(zone: string): string {
	return (zone.split('/').at(-1) ?? zone).replace(/_/g, ' ');
}

/** The public holiday a person is off for on a local epoch day, or null (memoized per person). */
export function holidayOf(p: Person, day: number): string | null {
	if (!p.week || p.week.country === 'ZZ') return null;
	const known = p.holidays.get(day);
	if (known !== undefined) return known;
	const h = holidaysOn(p.week, day).find((x) => x.counts)?.name ?? null;
	p.holidays.set(day, h);
	return h;
}
