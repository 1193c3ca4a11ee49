/**
 * An RRULE / EXRULE read strictly (RFC 5545 3.3.10): every part checked against its range, and
 * anything malformed refused with its line. Also the check that refuses a rule that can never
 * occur (BYMONTH=2;BYMONTHDAY=31): such rules are what make naive iterators spin forever.
 * Expanding a rule is recur.ts.
 */
import { IcsError, type Prop } from './parse.ts';
import { parseDateText, type DateValue } from './values.ts';

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
