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
 * Over 400 lines on purpose: parsing a rule, its never-occurs check and its bounded expansion are
 * one concept (the RFC 5545 recurrence), tested together against python-dateutil.
 */
import { IcsError, type Prop } from './parse.ts';
import { DAY, parseDateText, type DateValue } from './values.ts';

export const FREQS = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
export type Freq = 'SECONDLY' | 'MINUTELY' | 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export type Rule = {
	freq: Freq;
	interval: number;
	count: number | null;
	until: DateValue | null;
	bysecond: number[] | null;
	byminute: number[] | null;
	byhour: number[] | null;
	byday: { n: number; wd: number }[] | null;
	bymonthday: number[] | null;
	byyearday: number[] | null;
	byweekno: number[] | null;
	bymonth: number[] | null;
	bysetpos: number[] | null;
	/** 0 = Monday. */
	wkst: number;
	line: number;
	text: string;
};

/** Thrown when a budget runs out; the caller names the rule that was running. */
export class BudgetExceeded extends Error {
	readonly reason: 'time' | 'steps';
	constructor(reason: 'time' | 'steps') {
		super(`budget exceeded (${reason})`);
		this.reason = reason;
		this.name = 'BudgetExceeded';
	}
}

/** Work allowed for one file: counted steps, and milliseconds on a monotonic clock. */
export class Budget {
	steps = 0;
	private readonly deadline: number;
	readonly maxSteps: number;
	readonly maxMs: number;
	private readonly clock: () => number;
	constructor(maxSteps: number, maxMs: number, clock: () => number) {
		this.maxSteps = maxSteps;
		this.maxMs = maxMs;
		this.clock = clock;
		this.deadline = clock() + maxMs;
	}
	step(n = 1): void {
		const before = this.steps;
		this.steps += n;
		if (this.steps > this.maxSteps) throw new BudgetExceeded('steps');
		// Reading the clock costs more than a step; look every 4,096 steps.
		if (before >>> 12 !== this.steps >>> 12 && this.clock() > this.deadline)
			throw new BudgetExceeded('time');
	}
	check(): void {
		if (this.clock() > this.deadline) throw new BudgetExceeded('time');
	}
}

function intList(
	p: Prop,
	part: string,
	value: string,
	min: number,
	max: number,
	allowNegative: boolean
): number[] {
	const out = value.split(',').map((s) => {
		const t = s.trim();
		if (!/^[+-]?\d{1,3}$/.test(t)) throw bad(p, `${part}=${value}`);
		const n = Number(t);
		const abs = Math.abs(n);
		if ((n < 0 && !allowNegative) || abs < min || abs > max || (min === 1 && n === 0))
			throw bad(p, `${part}=${value}`);
		return n;
	});
	return [...new Set(out)].sort((a, b) => a - b);
}

const bad = (p: Prop, what: string) =>
	new IcsError(p.line, `${p.name} has an invalid part "${what.slice(0, 40)}"`);

/** RRULE / EXRULE text to a rule; anything malformed is refused with the line. */
export function parseRule(p: Prop): Rule {
	const parts = new Map<string, string>();
	for (const piece of p.value.split(';')) {
		if (piece.trim() === '') continue;
		const eq = piece.indexOf('=');
		if (eq < 1) throw bad(p, piece);
		parts.set(piece.slice(0, eq).trim().toUpperCase(), piece.slice(eq + 1).trim());
	}
	const freq = parts.get('FREQ')?.toUpperCase();
	if (!freq || !FREQS.includes(freq))
		throw new IcsError(p.line, `${p.name} needs a FREQ of ${FREQS.join(', ')}`);
	const num = (name: string, max: number): number | null => {
		const v = parts.get(name);
		if (v === undefined) return null;
		if (!/^\d{1,9}$/.test(v) || Number(v) < 1 || Number(v) > max) throw bad(p, `${name}=${v}`);
		return Number(v);
	};
	const list = (name: string, min: number, max: number, neg: boolean) => {
		const v = parts.get(name);
		return v === undefined ? null : intList(p, name, v, min, max, neg);
	};
	let until: DateValue | null = null;
	const u = parts.get('UNTIL');
	if (u !== undefined) {
		until = parseDateText(u, null, undefined);
		if (!until) throw bad(p, `UNTIL=${u}`);
	}
	let byday: Rule['byday'] = null;
	const bd = parts.get('BYDAY');
	if (bd !== undefined) {
		byday = bd.split(',').map((s) => {
			const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/i.exec(s.trim());
			const n = m?.[1] ? Number(m[1]) : 0;
			if (!m || Math.abs(n) > 53 || (m[1] && n === 0)) throw bad(p, `BYDAY=${bd}`);
			return { n, wd: WEEKDAYS.indexOf((m[2] ?? '').toUpperCase()) };
		});
	}
	const wk = parts.get('WKST');
	if (wk !== undefined && !WEEKDAYS.includes(wk.toUpperCase())) throw bad(p, `WKST=${wk}`);
	return {
		freq: freq as Freq,
		interval: num('INTERVAL', 1_000_000) ?? 1,
		count: num('COUNT', 1_000_000_000),
		until,
		bysecond: list('BYSECOND', 0, 60, false)?.map((s) => Math.min(s, 59)) ?? null,
		byminute: list('BYMINUTE', 0, 59, false),
		byhour: list('BYHOUR', 0, 23, false),
		byday,
		bymonthday: list('BYMONTHDAY', 1, 31, true),
		byyearday: list('BYYEARDAY', 1, 366, true),
		byweekno: list('BYWEEKNO', 1, 53, true),
		bymonth: list('BYMONTH', 1, 12, false),
		bysetpos: list('BYSETPOS', 1, 366, true),
		wkst: wk ? WEEKDAYS.indexOf(wk.toUpperCase()) : 0,
		line: p.line,
		text: p.text
	};
}

const MAX_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A reason the rule can never produce an occurrence after DTSTART (BYMONTH=2;BYMONTHDAY=31),
 * or null. Such rules are what make naive iterators spin forever, so they are refused outright.
 */
export function neverOccurs(rule: Rule, dtMonth: number): string | null {
	if (!rule.bymonthday) return null;
	const months =
		rule.bymonth ??
		(rule.freq === 'YEARLY' && !rule.byweekno && !rule.byyearday
			? [dtMonth]
			: MAX_DAYS.map((_, i) => i + 1));
	const possible = months.some((m) =>
		rule.bymonthday!.some((d) => Math.abs(d) <= (MAX_DAYS[m - 1] ?? 31))
	);
	return possible ? null : 'no month it allows has any of the days it asks for';
}

/** Day number (days since 1970-01-01) and weekday (0 = Monday) helpers. */
const dayNo = (wall: number): number => Math.floor(wall / DAY);
const weekday = (dn: number): number => (((dn + 3) % 7) + 7) % 7;
const ymd = (dn: number): [number, number, number] => {
	const d = new Date(dn * DAY);
	return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
};
const dayOfYmd = (y: number, m: number, d: number): number => {
	const t = new Date(0);
	t.setUTCFullYear(y, m - 1, d);
	return dayNo(t.getTime());
};
const daysInMonth = (y: number, m: number): number => dayOfYmd(y, m + 1, 1) - dayOfYmd(y, m, 1);
const daysInYear = (y: number): number => dayOfYmd(y + 1, 1, 1) - dayOfYmd(y, 1, 1);
const mod = (a: number, n: number): number => ((a % n) + n) % n;

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

/**
 * Calls `emit` for each occurrence of `rule` within [from, to], in order. DTSTART itself is not
 * emitted unless the rule produces it (the caller adds it, as RFC 5545 counts it always).
 */
// Long: the RFC 5545 period loop; BYxxx steps, COUNT, UNTIL, budget share its state.
export function expandRule(rule: Rule, o: ExpandOptions): void {
	const dn0 = dayNo(o.start);
	const [y0, m0, d0] = ymd(dn0);
	const sod0 = (o.start - dn0 * DAY) / 1000;
	const h0 = Math.floor(sod0 / 3600);
	const mi0 = Math.floor(sod0 / 60) % 60;
	const s0 = sod0 % 60;
	let { bymonthday, byday } = rule;
	let bymonth = rule.bymonth;
	// DTSTART fills in what the rule leaves open (dateutil's reading of RFC 5545).
	if (!rule.byweekno && !rule.byyearday && !bymonthday && !byday) {
		if (rule.freq === 'YEARLY') {
			bymonth ??= [m0];
			bymonthday = [d0];
		} else if (rule.freq === 'MONTHLY') bymonthday = [d0];
		else if (rule.freq === 'WEEKLY') byday = [{ n: 0, wd: weekday(dn0) }];
	}
	const freq = rule.freq;
	const interval = rule.interval;
	const untilWall = o.untilWall;
	const lastDay = dayNo(Math.min(o.to, untilWall ?? Infinity));
	const maxDay = dayOfYmd(9999, 12, 31);
	let count = 0;
	let done = false;

	/** Whether day `dn` passes the day-level BYxxx parts. */
	const dayMatches = (dn: number): boolean => {
		const [y, m, d] = ymd(dn);
		if (bymonth && !bymonth.includes(m)) return false;
		if (bymonthday) {
			const len = daysInMonth(y, m);
			if (!bymonthday.some((x) => (x > 0 ? x === d : len + x + 1 === d))) return false;
		}
		if (rule.byyearday) {
			const yd = dn - dayOfYmd(y, 1, 1) + 1;
			const len = daysInYear(y);
			if (!rule.byyearday.some((x) => (x > 0 ? x === yd : len + x + 1 === yd))) return false;
		}
		if (rule.byweekno) {
			const [wy, wn] = weekNumber(dn, rule.wkst);
			const weeks = weeksInYear(wy, rule.wkst);
			if (!rule.byweekno.some((x) => (x > 0 ? x === wn : weeks + x + 1 === wn))) return false;
		}
		if (byday) {
			const wd = weekday(dn);
			const ordinalsApply =
				(freq === 'MONTHLY' || freq === 'YEARLY') && !(freq === 'YEARLY' && rule.byweekno);
			const ok = byday.some((b) => {
				if (b.wd !== wd) return false;
				if (b.n === 0 || !ordinalsApply) return true;
				// Nth weekday of the month (MONTHLY, or YEARLY with BYMONTH) or of the year.
				const inMonth = freq === 'MONTHLY' || bymonth !== null;
				const first = inMonth ? dayOfYmd(y, m, 1) : dayOfYmd(y, 1, 1);
				const len = inMonth ? daysInMonth(y, m) : daysInYear(y);
				const idx = dn - first;
				return b.n > 0
					? Math.floor(idx / 7) + 1 === b.n
					: -(Math.floor((len - 1 - idx) / 7) + 1) === b.n;
			});
			if (!ok) return false;
		}
		return true;
	};

	/** Takes one period's sorted candidates through BYSETPOS, DTSTART, UNTIL, COUNT and the window. */
	const take = (cands: number[]): void => {
		o.budget.step(cands.length + 1);
		let list = cands;
		if (rule.bysetpos && cands.length) {
			const picked = new Set<number>();
			for (const p of rule.bysetpos) {
				const i = p > 0 ? p - 1 : cands.length + p;
				const c = cands[i];
				if (c !== undefined) picked.add(c);
			}
			list = [...picked].sort((a, b) => a - b);
		}
		for (const c of list) {
			if (c < o.start) continue;
			if ((untilWall !== null && c > untilWall) || c > o.to) {
				done = true;
				return;
			}
			count++;
			if (rule.count !== null && count > rule.count) {
				done = true;
				return;
			}
			if (c >= o.from) o.emit(c);
		}
	};

	const times = (hours: number[], minutes: number[], seconds: number[]): number[] => {
		const out: number[] = [];
		for (const h of hours)
			for (const mi of minutes) for (const s of seconds) out.push(((h * 60 + mi) * 60 + s) * 1000);
		return out;
	};

	// Rules without COUNT may begin at the period holding `from`; with COUNT every earlier
	// occurrence counts, so they walk from DTSTART (their length bounds that walk).
	const skip = rule.count === null && o.from > o.start;
	const fromDay = dayNo(o.from);

	if (freq === 'YEARLY' || freq === 'MONTHLY' || freq === 'WEEKLY' || freq === 'DAILY') {
		const dayTimes = times(rule.byhour ?? [h0], rule.byminute ?? [mi0], rule.bysecond ?? [s0]);
		const weekStart0 = dn0 - mod(weekday(dn0) - rule.wkst, 7);
		let p = 0;
		if (skip) {
			const [fy, fm] = ymd(fromDay);
			const units =
				freq === 'YEARLY'
					? fy - y0
					: freq === 'MONTHLY'
						? (fy - y0) * 12 + fm - m0
						: freq === 'WEEKLY'
							? Math.floor((fromDay - weekStart0) / 7)
							: fromDay - dn0;
			p = Math.max(0, Math.floor(units / interval));
		}
		for (; !done; p++) {
			let first: number;
			let len: number;
			if (freq === 'YEARLY') {
				const y = y0 + p * interval;
				if (y > 9999) break;
				first = dayOfYmd(y, 1, 1);
				len = daysInYear(y);
			} else if (freq === 'MONTHLY') {
				const mi = m0 - 1 + p * interval;
				const y = y0 + Math.floor(mi / 12);
				if (y > 9999) break;
				first = dayOfYmd(y, mod(mi, 12) + 1, 1);
				len = daysInMonth(y, mod(mi, 12) + 1);
			} else if (freq === 'WEEKLY') {
				first = weekStart0 + p * interval * 7;
				len = 7;
			} else {
				first = dn0 + p * interval;
				len = 1;
			}
			if (first > lastDay || first > maxDay) break;
			o.budget.step(len);
			const cands: number[] = [];
			for (let dn = first; dn < first + len; dn++) {
				if (!dayMatches(dn)) continue;
				for (const t of dayTimes) cands.push(dn * DAY + t);
			}
			take(cands);
		}
		return;
	}

	// Sub-daily: walk days (skipping those the day-level parts exclude), then the aligned
	// hours / minutes / seconds of each day.
	const unitMs = freq === 'HOURLY' ? 3_600_000 : freq === 'MINUTELY' ? 60_000 : 1000;
	const step = unitMs * interval;
	const startUnit = Math.floor(o.start / unitMs);
	for (let dn = skip ? Math.max(dn0, fromDay) : dn0; !done && dn <= lastDay && dn <= maxDay; dn++) {
		o.budget.step();
		if (!dayMatches(dn)) continue;
		const dayStart = dn * DAY;
		// First aligned unit in this day.
		let t = dayStart + mod(startUnit * unitMs - dayStart, step);
		while (t < dayStart + DAY && !done) {
			o.budget.step();
			const sod = (t - dayStart) / 1000;
			const h = Math.floor(sod / 3600);
			if (rule.byhour && !rule.byhour.includes(h)) {
				// Jump to the next hour this rule allows (or the next day).
				const nextH = rule.byhour.find((x) => x > h);
				const target = nextH === undefined ? dayStart + DAY : dayStart + nextH * 3_600_000;
				t += Math.ceil((target - t) / step) * step;
				continue;
			}
			const mi = Math.floor(sod / 60) % 60;
			if (freq !== 'HOURLY' && rule.byminute && !rule.byminute.includes(mi)) {
				const nextM = rule.byminute.find((x) => x > mi);
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
			const offsets =
				freq === 'HOURLY'
					? times([0], rule.byminute ?? [mi0], rule.bysecond ?? [s0])
					: freq === 'MINUTELY'
						? (rule.bysecond ?? [s0]).map((x) => x * 1000)
						: [s * 1000];
			take(offsets.map((x) => base + x));
			t += step;
		}
	}
}

/** Week-numbering year and week number of day `dn` with weeks starting on `wkst`. */
function weekNumber(dn: number, wkst: number): [number, number] {
	const [y] = ymd(dn);
	for (const wy of [y + 1, y, y - 1]) {
		const start = week1Start(wy, wkst);
		if (dn >= start) return [wy, Math.floor((dn - start) / 7) + 1];
	}
	return [y, 1];
}

function week1Start(y: number, wkst: number): number {
	const jan1 = dayOfYmd(y, 1, 1);
	const off = mod(weekday(jan1) - wkst, 7);
	// Week 1 is the first week with at least four days in the year.
	return off >= 4 ? jan1 - off + 7 : jan1 - off;
}

const weeksInYear = (y: number, wkst: number): number =>
	(week1Start(y + 1, wkst) - week1Start(y, wkst)) / 7;

/** Runs `work` for `rule`, turning an exhausted budget into a refusal that names the rule. */
export function guarded<T>(rule: Rule, budget: Budget, work: () => T): T {
	try {
		return work();
	} catch (e) {
		if (!(e instanceof BudgetExceeded)) throw e;
		const limit =
			e.reason === 'time'
				? `${(budget.maxMs / 1000).toLocaleString('en')} s of work`
				: `${budget.maxSteps.toLocaleString('en')} steps`;
		throw new IcsError(
			rule.line,
			`"${rule.text}" never occurs within the import's budget (${limit})`
		);
	}
}
