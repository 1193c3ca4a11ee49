/**
 * The importer behind `busyFromIcs` (ics-import.ts): one pass over a parsed calendar file that
 * keeps one master per UID, matches overrides and exclusions to occurrences by instant or date,
 * expands each recurring master over the span within the file's budget, and keeps the busy
 * occurrences. One class because every step shares the same budget, occurrence count, span and
 * floating-zone note.
 *
 * Over 400 lines for the same reason: the class's steps share that state.
 */
import { IcsError, all, first, parseIcs, type Comp, type Prop } from './parse.ts';
import { Budget, expandRule, guarded, neverOccurs, parseRule, type Rule } from './recur.ts';
import {
	DAY,
	dateListProp,
	dateProp,
	durationProp,
	isoDate,
	isoInstant,
	wallOf,
	type DateValue,
	type Duration
} from './values.ts';
import {
	UTC,
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

/** Counts in refusals: "20,000". */
export const fmt = (n: number) => n.toLocaleString('en');

type Moment = {
	allDay: boolean;
	/** Wall time in `zone` (for all-day: the date at 00:00). */
	wall: number;
	/** Real instant (for all-day: the date's wall time, used only as a key). */
	instant: number;
	zone: Zone;
};

type Ev = {
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

/** A recurring master being expanded: its zones and the window of walls that can matter. */
type Series = { ev: Ev; zones: ZoneResolver; floatingZone: Zone; from: number; to: number };

/** How occurrences and overrides meet: by instant (timed) or by date (all-day). */
type Key = string;
const keyOf = (m: { allDay: boolean; instant: number; wall: number }): Key =>
	m.allDay ? `D${isoDate(m.wall)}` : `T${m.instant}`;

export class Importer {
	private readonly budget: Budget;
	private readonly spanFrom: number;
	private readonly spanTo: number;
	private readonly periods: BusyFromIcs[] = [];
	private skipped = 0;
	private occurrences = 0;
	private floating: FloatingZone;
	private readonly span: { start: PlainDate; end: PlainDate };
	private readonly memberZone: string;
	private readonly lim: IcsLimits;

	constructor(span: { start: PlainDate; end: PlainDate }, memberZone: string, lim: IcsLimits) {
		this.span = span;
		this.memberZone = memberZone;
		this.lim = lim;
		this.budget = new Budget(lim.maxSteps, lim.maxMs, lim.clock);
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

	// Long: one pass sorts events into masters and overrides, then expands them.
	private calendar(cal: Comp, member: Zone): void {
		const xwr = first(cal, 'X-WR-TIMEZONE')?.value.trim();
		const xwrZone = xwr ? (ianaLike(xwr) ?? windowsZone(xwr)) : null;
		const floatingZone = xwrZone ?? member;
		if (xwrZone && this.floating.source === 'member')
			this.floating = { zone: xwrZone.name, source: 'calendar', used: this.floating.used };
		// File-defined zones are expanded up to a year past the span.
		const zones = new ZoneResolver(cal, floatingZone.name, this.spanTo + 400 * DAY, this.budget);

		// One master per UID: a later version (higher SEQUENCE, then later in the file) replaces
		// an earlier one, as a client applying updates would.
		const masters = new Map<string, Ev>();
		const anonymous: Ev[] = [];
		const overrides = new Map<string, Map<Key, Ev>>();
		// Timed RECURRENCE-IDs also by their date, for all-day series that name their
		// occurrences with a midnight time (RECURRENCE-ID:20200921T000000Z).
		const overrideDates = new Map<string, Set<string>>();
		const futures = new Map<string, Ev[]>();
		for (const comp of cal.children) {
			if (comp.name !== 'VEVENT') continue;
			this.budget.step();
			const ev = this.readEvent(comp, zones, floatingZone);
			if (!ev) continue;
			if (!ev.recurrence) {
				const prev = ev.uid ? masters.get(ev.uid) : undefined;
				if (!ev.uid) anonymous.push(ev);
				else if (!prev || prev.sequence <= ev.sequence) masters.set(ev.uid, ev);
				continue;
			}
			if (!ev.recurrence.key.startsWith('D')) {
				const dates = overrideDates.get(ev.uid) ?? new Set<string>();
				dates.add(isoDate(toWall(ev.recurrence.zone, ev.recurrence.instant)));
				overrideDates.set(ev.uid, dates);
			}
			// Several versions of one override: the highest SEQUENCE (then the last) wins.
			let byKey = overrides.get(ev.uid);
			if (!byKey) overrides.set(ev.uid, (byKey = new Map<Key, Ev>()));
			const prev = byKey.get(ev.recurrence.key);
			if (prev && prev.sequence > ev.sequence) continue;
			byKey.set(ev.recurrence.key, ev);
			if (ev.recurrence.thisAndFuture) {
				const list = futures.get(ev.uid) ?? [];
				list.push(ev);
				futures.set(ev.uid, list);
			}
		}
		for (const list of futures.values())
			list.sort((a, b) => a.recurrence!.instant - b.recurrence!.instant);

		for (const ev of [...masters.values(), ...anonymous])
			this.master(ev, zones, floatingZone, {
				byKey: overrides.get(ev.uid),
				dates: overrideDates.get(ev.uid),
				futures: futures.get(ev.uid)
			});
		// Every override is its own occurrence (moved into the span or not), with or without
		// its series in the file.
		for (const byKey of overrides.values())
			for (const ev of byKey.values()) {
				const start = ev.start;
				const end = this.endOf(ev, start.wall, start.instant);
				this.add(ev, start, end, ev.busy, ev.recurrence!.key);
			}
	}

	private moment(v: DateValue, p: Prop, zones: ZoneResolver, floatingZone: Zone): Moment {
		if (v.kind === 'date')
			return { allDay: true, wall: v.wall, instant: v.wall, zone: floatingZone };
		if (v.kind === 'utc') return { allDay: false, wall: v.instant, instant: v.instant, zone: UTC };
		let zone: Zone;
		if (v.tzid === null) {
			zone = floatingZone;
			this.floating.used = true;
		} else zone = zones.resolve(v.tzid, p.line);
		return { allDay: false, wall: v.wall, instant: toInstant(zone, v.wall), zone };
	}

	private readEvent(comp: Comp, zones: ZoneResolver, floatingZone: Zone): Ev | null {
		const startProp = first(comp, 'DTSTART');
		if (!startProp) throw new IcsError(comp.line, 'the event has no DTSTART');
		const start = this.moment(dateProp(startProp), startProp, zones, floatingZone);
		const endProp = first(comp, 'DTEND');
		const durProp = first(comp, 'DURATION');
		let end: Moment | null = null;
		let duration: Duration | null = null;
		if (endProp) {
			end = this.moment(dateProp(endProp), endProp, zones, floatingZone);
			if (end.allDay !== start.allDay)
				throw new IcsError(
					endProp.line,
					'DTEND must be a date when DTSTART is a date, and a time when it is a time'
				);
			if ((start.allDay ? end.wall : end.instant) < (start.allDay ? start.wall : start.instant))
				throw new IcsError(endProp.line, 'the event ends (DTEND) before it starts (DTSTART)');
		} else if (durProp) duration = durationProp(durProp);
		const ridProp = first(comp, 'RECURRENCE-ID');
		let recurrence: Ev['recurrence'] = null;
		if (ridProp) {
			const rid = this.moment(dateProp(ridProp), ridProp, zones, floatingZone);
			recurrence = {
				key: keyOf(rid),
				instant: rid.instant,
				zone: rid.zone,
				thisAndFuture: ridProp.params.RANGE?.toUpperCase() === 'THISANDFUTURE',
				prop: ridProp
			};
		}
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
			recurrence,
			busy: status !== 'CANCELLED' && transp !== 'TRANSPARENT',
			summary: unescapeText(first(comp, 'SUMMARY')?.value ?? ''),
			sequence: Number.isFinite(seq) ? seq : 0
		};
	}

	/** End instant (or wall, for all-day) of an occurrence of `ev` starting at wall / instant. */
	private endOf(ev: Ev, wall: number, instant: number): number {
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

	private master(
		ev: Ev,
		zones: ZoneResolver,
		floatingZone: Zone,
		found: { byKey?: Map<Key, Ev>; dates?: Set<string>; futures?: Ev[] }
	): void {
		const s = ev.start;
		const rrules = all(ev.comp, 'RRULE');
		const rdates = all(ev.comp, 'RDATE');
		if (rrules.length === 0 && rdates.length === 0) {
			if (found.byKey?.has(keyOf(s))) return;
			this.add(ev, s, this.endOf(ev, s.wall, s.instant), ev.busy, null);
			return;
		}
		// The window of walls to expand: the span, widened by the event's length and a day
		// on each side for zone offsets.
		const length = Math.max(0, this.endOf(ev, s.wall, s.instant) - (s.allDay ? s.wall : s.instant));
		const from = (s.allDay ? this.spanFrom : toWall(s.zone, this.spanFrom)) - length - DAY;
		const to = (s.allDay ? this.spanTo : toWall(s.zone, this.spanTo)) + DAY;
		const series: Series = { ev, zones, floatingZone, from, to };
		// Start walls, each with an explicit end (RDATE periods) or null.
		const starts = new Map<number, number | null>();
		if (s.wall >= from && s.wall <= to) starts.set(s.wall, null);
		for (const p of rrules) this.ruleStarts(series, p, starts);
		for (const p of rdates) this.dateStarts(series, p, starts);
		this.occurrencesOf(series, starts, this.exclusions(series), found);
	}

	/** The walls one RRULE (or EXRULE) gives within the series' window, in budget. */
	private expand(series: Series, p: Prop, into: (wall: number) => void): Rule {
		const s = series.ev.start;
		const rule = parseRule(p);
		const never = neverOccurs(rule, new Date(s.wall).getUTCMonth() + 1);
		if (never) throw new IcsError(p.line, `"${rule.text}" never occurs: ${never}`);
		guarded(rule, this.budget, () =>
			expandRule(rule, {
				start: s.wall,
				from: series.from,
				to: series.to,
				untilWall: this.untilWall(rule, s),
				budget: this.budget,
				emit: into
			})
		);
		return rule;
	}

	/** An RRULE's occurrences, counted against the file's cap. */
	private ruleStarts(series: Series, p: Prop, starts: Map<number, number | null>): void {
		this.expand(series, p, (w) => {
			if (!starts.has(w)) {
				if (++this.occurrences > this.lim.maxOccurrences)
					throw new IcsError(
						p.line,
						`"${p.text}" and the file's other events repeat more than ${fmt(this.lim.maxOccurrences)} times within the plan's span`
					);
				starts.set(w, null);
			}
		});
	}

	/** An RDATE's dates, times or periods, as start walls (a period with its own end). */
	private dateStarts(series: Series, p: Prop, starts: Map<number, number | null>): void {
		const { ev, zones, floatingZone, from, to } = series;
		const s = ev.start;
		for (const item of dateListProp(p)) {
			this.budget.step();
			let wall: number;
			let endInstant: number | null = null;
			if (item.start.kind === 'date') {
				// A date in a timed series means that day at DTSTART's time of day.
				wall = s.allDay ? item.start.wall : item.start.wall + mod(s.wall, DAY);
			} else {
				const m = this.moment(item.start, p, zones, floatingZone);
				wall = s.allDay ? Math.floor(m.wall / DAY) * DAY : toWall(s.zone, m.instant);
				if (item.end) endInstant = this.moment(item.end, p, zones, floatingZone).instant;
				else if (item.duration)
					endInstant = m.instant + item.duration.days * DAY + item.duration.ms;
				if (endInstant !== null && endInstant < m.instant)
					throw new IcsError(p.line, 'an RDATE period ends before it starts');
			}
			if (wall < from || wall > to) continue;
			if (++this.occurrences > this.lim.maxOccurrences)
				throw new IcsError(
					p.line,
					`the file repeats more than ${fmt(this.lim.maxOccurrences)} times within the plan's span`
				);
			starts.set(wall, endInstant);
		}
	}

	/** Exclusions: EXRULE walls, EXDATE instants (timed) or dates. */
	private exclusions(series: Series): { walls: Set<number>; keys: Set<Key> } {
		const { ev, zones, floatingZone } = series;
		const s = ev.start;
		const walls = new Set<number>();
		for (const p of all(ev.comp, 'EXRULE')) this.expand(series, p, (w) => walls.add(w));
		const keys = new Set<Key>();
		for (const p of all(ev.comp, 'EXDATE')) {
			for (const item of dateListProp(p)) {
				this.budget.step();
				if (item.start.kind === 'date') keys.add(`D${isoDate(item.start.wall)}`);
				else {
					const m = this.moment(item.start, p, zones, floatingZone);
					keys.add(s.allDay ? `D${isoDate(m.wall)}` : `T${m.instant}`);
				}
			}
		}
		return { walls, keys };
	}

	/** Every start not excluded or overridden, moved by a THISANDFUTURE override if one applies. */
	private occurrencesOf(
		series: Series,
		starts: Map<number, number | null>,
		ex: { walls: Set<number>; keys: Set<Key> },
		found: { byKey?: Map<Key, Ev>; dates?: Set<string>; futures?: Ev[] }
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
			if (future) {
				const f = future.start;
				const shift = (f.allDay ? f.wall : f.instant) - future.recurrence!.instant;
				const moved: Moment = s.allDay
					? { ...occ, wall: wall + shift, instant: wall + shift }
					: { ...occ, instant: instant + shift, wall: toWall(s.zone, instant + shift) };
				const end = this.endOf(future, moved.wall, moved.instant);
				this.add(future, moved, end, future.busy, key, ev.uid);
				continue;
			}
			const end = explicitEnd ?? this.endOf(ev, wall, instant);
			this.add(ev, occ, end, ev.busy, key);
		}
	}

	private untilWall(rule: Rule, s: Moment): number | null {
		const u = rule.until;
		if (!u) return null;
		if (u.kind === 'utc')
			return s.allDay ? Math.floor(u.instant / DAY) * DAY : toWall(s.zone, u.instant);
		// A date UNTIL on a timed series includes that whole day.
		if (u.kind === 'date') return s.allDay ? u.wall : u.wall + DAY - 1;
		return u.wall;
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

function latestBefore(futures: Ev[], instant: number): Ev | null {
	let found: Ev | null = null;
	for (const f of futures) {
		if (f.recurrence!.instant <= instant) found = f;
		else break;
	}
	return found;
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;

function parsePlain(date: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	return m ? wallOf(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

/** TEXT values: \n, \, \; and \\ escapes (RFC 5545 3.3.11). */
function unescapeText(v: string): string {
	return v.replace(/\\([nN,;\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
