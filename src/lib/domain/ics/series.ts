/**
 * A recurring master's start walls within the window that can matter: DTSTART, each RRULE's
 * occurrences and each RDATE's dates, times and periods (a period keeps its own end); and what
 * excludes some of them: EXRULE walls, EXDATE instants or dates. Every occurrence counts against
 * the file's cap and every step against its budget, so a file cannot make this crawl.
 */
import { guarded, type Budget } from './budget.ts';
import { readMoment, type Ev, type EventReader, type Key, type Moment } from './event.ts';
import { IcsError, all, fmt, type Prop } from './parse.ts';
import { expandRule } from './recur.ts';
import { neverOccurs, parseRule, type Rule } from './rule.ts';
import { DAY, dateListProp, isoDate } from './values.ts';
import { toWall } from './zones.ts';

/** A recurring master being expanded: how its times are read and the window of walls that can matter. */
export type Series = { ev: Ev; reader: EventReader; from: number; to: number };

/** The file's shared work: its budget, and the occurrences expanded so far against their cap. */
export type SeriesWork = { budget: Budget; occurrences: number; maxOccurrences: number };

/** Start walls, each with an explicit end instant (RDATE periods) or null. */
export type Starts = Map<number, number | null>;

export type Exclusions = { walls: Set<number>; keys: Set<Key> };

/** DTSTART (when in the window), then every RRULE's and RDATE's starts. */
export function seriesStarts(series: Series, work: SeriesWork): Starts {
	const s = series.ev.start;
	const starts: Starts = new Map();
	if (s.wall >= series.from && s.wall <= series.to) starts.set(s.wall, null);
	for (const p of all(series.ev.comp, 'RRULE')) ruleStarts(series, work, p, starts);
	for (const p of all(series.ev.comp, 'RDATE')) dateStarts(series, work, p, starts);
	return starts;
}

/** The walls one RRULE (or EXRULE) gives within the series' window, in budget. */
function expand(series: Series, budget: Budget, p: Prop, into: (wall: number) => void): Rule {
	const s = series.ev.start;
	const rule = parseRule(p);
	const never = neverOccurs(rule, new Date(s.wall).getUTCMonth() + 1);
	if (never) throw new IcsError(p.line, `"${rule.text}" never occurs: ${never}`);
	guarded(rule, budget, () =>
		expandRule(rule, {
			start: s.wall,
			from: series.from,
			to: series.to,
			untilWall: untilWall(rule, s),
			budget,
			emit: into
		})
	);
	return rule;
}

/** UNTIL as a wall in the series' zone (a date UNTIL on a timed series: the end of that day). */
function untilWall(rule: Rule, s: Moment): number | null {
	const u = rule.until;
	if (!u) return null;
	if (u.kind === 'utc')
		return s.allDay ? Math.floor(u.instant / DAY) * DAY : toWall(s.zone, u.instant);
	// A date UNTIL on a timed series includes that whole day.
	if (u.kind === 'date') return s.allDay ? u.wall : u.wall + DAY - 1;
	return u.wall;
}

/** An RRULE's occurrences, counted against the file's cap. */
function ruleStarts(series: Series, work: SeriesWork, p: Prop, starts: Starts): void {
	expand(series, work.budget, p, (w) => {
		if (!starts.has(w)) {
			if (++work.occurrences > work.maxOccurrences)
				throw new IcsError(
					p.line,
					`"${p.text}" and the file's other events repeat more than ${fmt(work.maxOccurrences)} times within the plan's span`
				);
			starts.set(w, null);
		}
	});
}

/** An RDATE's dates, times or periods, as start walls (a period with its own end). */
function dateStarts(series: Series, work: SeriesWork, p: Prop, starts: Starts): void {
	const { ev, reader, from, to } = series;
	const s = ev.start;
	for (const item of dateListProp(p)) {
		work.budget.step();
		let wall: number;
		let endInstant: number | null = null;
		if (item.start.kind === 'date') {
			// A date in a timed series means that day at DTSTART's time of day.
			wall = s.allDay ? item.start.wall : item.start.wall + mod(s.wall, DAY);
		} else {
			const m = readMoment(item.start, p, reader);
			wall = s.allDay ? Math.floor(m.wall / DAY) * DAY : toWall(s.zone, m.instant);
			if (item.end) endInstant = readMoment(item.end, p, reader).instant;
			else if (item.duration) endInstant = m.instant + item.duration.days * DAY + item.duration.ms;
			if (endInstant !== null && endInstant < m.instant)
				throw new IcsError(p.line, 'an RDATE period ends before it starts');
		}
		if (wall < from || wall > to) continue;
		if (++work.occurrences > work.maxOccurrences)
			throw new IcsError(
				p.line,
				`the file repeats more than ${fmt(work.maxOccurrences)} times within the plan's span`
			);
		starts.set(wall, endInstant);
	}
}

/** Exclusions: EXRULE walls, EXDATE instants (timed) or dates. */
export function exclusions(series: Series, budget: Budget): Exclusions {
	const { ev, reader } = series;
	const s = ev.start;
	const walls = new Set<number>();
	for (const p of all(ev.comp, 'EXRULE')) expand(series, budget, p, (w) => walls.add(w));
	const keys = new Set<Key>();
	for (const p of all(ev.comp, 'EXDATE')) {
		for (const item of dateListProp(p)) {
			budget.step();
			if (item.start.kind === 'date') keys.add(`D${isoDate(item.start.wall)}`);
			else {
				const m = readMoment(item.start, p, reader);
				keys.add(s.allDay ? `D${isoDate(m.wall)}` : `T${m.instant}`);
			}
		}
	}
	return { walls, keys };
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;
