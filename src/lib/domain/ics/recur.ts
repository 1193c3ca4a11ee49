/**
 * RRULE / EXRULE expansion that starts where it is asked to and stops within a budget.
 *
 * Why not ical.js's iterator (or ical-expander, built on it): its `next()` loops inside one call
 * until a candidate matches, so a rule that never matches (FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=31)
 * hangs the process in a single call that no outer budget can interrupt, and it can only start
 * at DTSTART. Here each period (year, month, week, day; sub-daily rules walk days and skip whole
 * days that cannot match) is one bounded step; rules without COUNT jump straight to the period
 * that holds the window's start, so a daily series begun in 1990 costs the same as one begun
 * last week. The candidate sets follow RFC 5545's BYxxx table the way python-dateutil (which
 * the differential tests compare with) reads it: DTSTART supplies the missing parts.
 *
 * The steps, in order: `expansionOf` fills in what DTSTART supplies; `expandByPeriods` (daily
 * and longer) or `expandSubDaily` (hourly and shorter) generate each period's candidates, which
 * `dayMatches` filters by the day-level BYxxx parts; `take` applies BYSETPOS, COUNT, UNTIL and
 * the window. Reading a rule is rule.ts; the budget is budget.ts.
 */
import type { Budget } from './budget.ts';
import {
	dayNo,
	dayOfYmd,
	daysInMonth,
	daysInYear,
	mod,
	weekday,
	weekNumber,
	weeksInYear,
	ymd
} from './day-numbers.ts';
import type { Rule } from './rule.ts';
import { DAY } from './values.ts';

export type ExpandOptions = {
	/** Wall time of DTSTART (in the series' zone). */
	start: number;
	/** Emit occurrences with from <= wall <= to (walls). */
	from: number;
	to: number;
	/** Last allowed wall time (UNTIL, converted by the caller), or null. */
	untilWall: number | null;
	budget: Budget;
	emit: (wall: number) => void;
};

/** One expansion's state: the rule with DTSTART's parts filled in, and how far it has got. */
type Expansion = {
	rule: Rule;
	o: ExpandOptions;
	/** DTSTART's day number, date and time of day. */
	dn0: number;
	y0: number;
	m0: number;
	h0: number;
	mi0: number;
	s0: number;
	bymonth: number[] | null;
	bymonthday: number[] | null;
	byday: Rule['byday'];
	/** No period starting after this day can produce an occurrence (window end or UNTIL). */
	lastDay: number;
	/** Rules without COUNT may begin at the period holding `from` (at `fromDay`). */
	skip: boolean;
	fromDay: number;
	/** Occurrences counted so far (for COUNT), and whether the rule has ended. */
	count: number;
	done: boolean;
};

const MAX_DAY = dayOfYmd(9999, 12, 31);

/**
 * Calls `emit` for each occurrence of `rule` within [from, to], in order. DTSTART itself is not
 * emitted unless the rule produces it (the caller adds it, as RFC 5545 counts it always).
 */
export function expandRule(rule: Rule, o: ExpandOptions): void {
	const x = expansionOf(rule, o);
	if (rule.freq === 'HOURLY' || rule.freq === 'MINUTELY' || rule.freq === 'SECONDLY')
		expandSubDaily(x);
	else expandByPeriods(x);
}

/** The expansion's starting state: DTSTART fills in what the rule leaves open. */
function expansionOf(rule: Rule, o: ExpandOptions): Expansion {
	const dn0 = dayNo(o.start);
	const [y0, m0, d0] = ymd(dn0);
	const sod0 = (o.start - dn0 * DAY) / 1000;
	let { bymonth, bymonthday, byday } = rule;
	// DTSTART fills in what the rule leaves open (dateutil's reading of RFC 5545).
	if (!rule.byweekno && !rule.byyearday && !bymonthday && !byday) {
		if (rule.freq === 'YEARLY') {
			bymonth ??= [m0];
			bymonthday = [d0];
		} else if (rule.freq === 'MONTHLY') bymonthday = [d0];
		else if (rule.freq === 'WEEKLY') byday = [{ n: 0, wd: weekday(dn0) }];
	}
	return {
		rule,
		o,
		dn0,
		y0,
		m0,
		h0: Math.floor(sod0 / 3600),
		mi0: Math.floor(sod0 / 60) % 60,
		s0: sod0 % 60,
		bymonth,
		bymonthday,
		byday,
		lastDay: dayNo(Math.min(o.to, o.untilWall ?? Infinity)),
		// With COUNT every earlier occurrence counts, so those rules walk from DTSTART (their
		// length bounds that walk).
		skip: rule.count === null && o.from > o.start,
		fromDay: dayNo(o.from),
		count: 0,
		done: false
	};
}

/** Whether day `dn` passes the day-level BYxxx parts. */
function dayMatches(x: Expansion, dn: number): boolean {
	const { rule, bymonth, bymonthday, byday } = x;
	const [y, m, d] = ymd(dn);
	if (bymonth && !bymonth.includes(m)) return false;
	if (bymonthday) {
		const len = daysInMonth(y, m);
		if (!bymonthday.some((v) => (v > 0 ? v === d : len + v + 1 === d))) return false;
	}
	if (rule.byyearday) {
		const yd = dn - dayOfYmd(y, 1, 1) + 1;
		const len = daysInYear(y);
		if (!rule.byyearday.some((v) => (v > 0 ? v === yd : len + v + 1 === yd))) return false;
	}
	if (rule.byweekno) {
		const [wy, wn] = weekNumber(dn, rule.wkst);
		const weeks = weeksInYear(wy, rule.wkst);
		if (!rule.byweekno.some((v) => (v > 0 ? v === wn : weeks + v + 1 === wn))) return false;
	}
	return !byday || bydayMatches(x, byday, dn, y, m);
}

/** BYDAY: the weekday, and for MONTHLY and YEARLY rules its ordinal ("2MO", "-1FR"). */
function bydayMatches(
	x: Expansion,
	byday: NonNullable<Rule['byday']>,
	dn: number,
	y: number,
	m: number
): boolean {
	const freq = x.rule.freq;
	const wd = weekday(dn);
	const ordinalsApply =
		(freq === 'MONTHLY' || freq === 'YEARLY') && !(freq === 'YEARLY' && x.rule.byweekno);
	return byday.some((b) => {
		if (b.wd !== wd) return false;
		if (b.n === 0 || !ordinalsApply) return true;
		// Nth weekday of the month (MONTHLY, or YEARLY with BYMONTH) or of the year.
		const inMonth = freq === 'MONTHLY' || x.bymonth !== null;
		const first = inMonth ? dayOfYmd(y, m, 1) : dayOfYmd(y, 1, 1);
		const len = inMonth ? daysInMonth(y, m) : daysInYear(y);
		const idx = dn - first;
		return b.n > 0
			? Math.floor(idx / 7) + 1 === b.n
			: -(Math.floor((len - 1 - idx) / 7) + 1) === b.n;
	});
}

/** The candidates BYSETPOS picks from one period's sorted candidates, sorted. */
function setPositions(bysetpos: number[], cands: number[]): number[] {
	const picked = new Set<number>();
	for (const p of bysetpos) {
		const i = p > 0 ? p - 1 : cands.length + p;
		const c = cands[i];
		if (c !== undefined) picked.add(c);
	}
	return [...picked].sort((a, b) => a - b);
}

/** Takes one period's sorted candidates through BYSETPOS, DTSTART, UNTIL, COUNT and the window. */
function take(x: Expansion, cands: number[]): void {
	const { rule, o } = x;
	o.budget.step(cands.length + 1);
	const list = rule.bysetpos && cands.length ? setPositions(rule.bysetpos, cands) : cands;
	for (const c of list) {
		if (c < o.start) continue;
		if ((o.untilWall !== null && c > o.untilWall) || c > o.to) {
			x.done = true;
			return;
		}
		x.count++;
		if (rule.count !== null && x.count > rule.count) {
			x.done = true;
			return;
		}
		if (c >= o.from) o.emit(c);
	}
}

/** Times of day (ms since midnight) for every hour × minute × second combination. */
function times(hours: number[], minutes: number[], seconds: number[]): number[] {
	const out: number[] = [];
	for (const h of hours)
		for (const mi of minutes) for (const s of seconds) out.push(((h * 60 + mi) * 60 + s) * 1000);
	return out;
}

/** DAILY, WEEKLY, MONTHLY and YEARLY: each period's matching days at the rule's times of day. */
function expandByPeriods(x: Expansion): void {
	const { rule, o } = x;
	const dayTimes = times(rule.byhour ?? [x.h0], rule.byminute ?? [x.mi0], rule.bysecond ?? [x.s0]);
	const weekStart0 = x.dn0 - mod(weekday(x.dn0) - rule.wkst, 7);
	for (let p = x.skip ? firstPeriod(x, weekStart0) : 0; !x.done; p++) {
		const period = periodDays(x, weekStart0, p);
		if (!period) break;
		const [first, len] = period;
		if (first > x.lastDay || first > MAX_DAY) break;
		o.budget.step(len);
		const cands: number[] = [];
		for (let dn = first; dn < first + len; dn++) {
			if (!dayMatches(x, dn)) continue;
			for (const t of dayTimes) cands.push(dn * DAY + t);
		}
		take(x, cands);
	}
}

/** The index of the period holding the window's start (for rules that may skip to it). */
function firstPeriod(x: Expansion, weekStart0: number): number {
	const { freq, interval } = x.rule;
	const [fy, fm] = ymd(x.fromDay);
	const units =
		freq === 'YEARLY'
			? fy - x.y0
			: freq === 'MONTHLY'
				? (fy - x.y0) * 12 + fm - x.m0
				: freq === 'WEEKLY'
					? Math.floor((x.fromDay - weekStart0) / 7)
					: x.fromDay - x.dn0;
	return Math.max(0, Math.floor(units / interval));
}

/** Period `p`'s first day number and length in days, or null past the year 9999. */
function periodDays(x: Expansion, weekStart0: number, p: number): [number, number] | null {
	const { freq, interval } = x.rule;
	if (freq === 'YEARLY') {
		const y = x.y0 + p * interval;
		return y > 9999 ? null : [dayOfYmd(y, 1, 1), daysInYear(y)];
	}
	if (freq === 'MONTHLY') {
		const mi = x.m0 - 1 + p * interval;
		const y = x.y0 + Math.floor(mi / 12);
		return y > 9999 ? null : [dayOfYmd(y, mod(mi, 12) + 1, 1), daysInMonth(y, mod(mi, 12) + 1)];
	}
	if (freq === 'WEEKLY') return [weekStart0 + p * interval * 7, 7];
	return [x.dn0 + p * interval, 1];
}

/**
 * HOURLY, MINUTELY and SECONDLY: walk days (skipping those the day-level parts exclude), then
 * the aligned hours / minutes / seconds of each day.
 */
function expandSubDaily(x: Expansion): void {
	const { rule, o } = x;
	const unitMs = rule.freq === 'HOURLY' ? 3_600_000 : rule.freq === 'MINUTELY' ? 60_000 : 1000;
	const step = unitMs * rule.interval;
	const startUnit = Math.floor(o.start / unitMs);
	const first = x.skip ? Math.max(x.dn0, x.fromDay) : x.dn0;
	for (let dn = first; !x.done && dn <= x.lastDay && dn <= MAX_DAY; dn++) {
		o.budget.step();
		if (!dayMatches(x, dn)) continue;
		const dayStart = dn * DAY;
		// First aligned unit in this day.
		walkDay(x, dayStart, dayStart + mod(startUnit * unitMs - dayStart, step), step);
	}
}

/** One day of a sub-daily rule from its first aligned unit `t`, jumping over excluded hours. */
function walkDay(x: Expansion, dayStart: number, t: number, step: number): void {
	const { rule, o } = x;
	const freq = rule.freq;
	while (t < dayStart + DAY && !x.done) {
		o.budget.step();
		const sod = (t - dayStart) / 1000;
		const h = Math.floor(sod / 3600);
		if (rule.byhour && !rule.byhour.includes(h)) {
			// Jump to the next hour this rule allows (or the next day).
			const nextH = rule.byhour.find((v) => v > h);
			const target = nextH === undefined ? dayStart + DAY : dayStart + nextH * 3_600_000;
			t += Math.ceil((target - t) / step) * step;
			continue;
		}
		const mi = Math.floor(sod / 60) % 60;
		if (freq !== 'HOURLY' && rule.byminute && !rule.byminute.includes(mi)) {
			const nextM = rule.byminute.find((v) => v > mi);
			const target =
				nextM === undefined
					? dayStart + (h + 1) * 3_600_000
					: dayStart + h * 3_600_000 + nextM * 60_000;
			t += Math.ceil((target - t) / step) * step;
			continue;
		}
		const s = sod % 60;
		if (freq === 'SECONDLY' && rule.bysecond && !rule.bysecond.includes(s)) {
			t += step;
			continue;
		}
		const base = dayStart + (freq === 'HOURLY' ? h * 3_600_000 : h * 3_600_000 + mi * 60_000);
		take(
			x,
			unitOffsets(x, s).map((v) => base + v)
		);
		t += step;
	}
}

/** The candidates within one hour (HOURLY), minute (MINUTELY) or second (SECONDLY). */
function unitOffsets(x: Expansion, s: number): number[] {
	const { rule } = x;
	if (rule.freq === 'HOURLY') return times([0], rule.byminute ?? [x.mi0], rule.bysecond ?? [x.s0]);
	if (rule.freq === 'MINUTELY') return (rule.bysecond ?? [x.s0]).map((v) => v * 1000);
	return [s * 1000];
}
