/**
 * Days and day ranges as people write them: "1 March 2024", "March 1st, 2024", "Tue 27 Feb",
 * "27–31 May 2024", "27 May – 2 June 2024", "2024-03-01/2024-03-05".
 */
import type { PlainDate } from '../../schema.ts';
import { daysInMonth, isoWeekday, plain } from '../plain-date.ts';
import { formatLongDate, MONTH_NAMES, WEEKDAY_NAMES } from '../wording.ts';
import {
	type Ctx,
	dayNum,
	endsBeforeStart,
	guessYear,
	monthWord,
	type Period,
	rangeSep,
	year
} from './grammar.ts';
import { ParseFail, type Span, WEEKDAY_WORDS } from './tokens.ts';

/** A day as written, maybe missing its month or year (taken from the other end of a range). */
export type DatePart = Span & { d: number; m?: number; y?: number; wd?: number; whole: boolean };

export function datePart(ctx: Ctx): DatePart | null {
	const { c } = ctx;
	return c.attempt(() => {
		const first = c.peek();
		if (!first) return null;
		let wd: number | undefined;
		const w = c.peek();
		if (w?.k === 'word' && WEEKDAY_WORDS.has(w.w)) {
			wd = WEEKDAY_WORDS.get(w.w);
			c.i++;
			c.kind('comma');
		}
		const iso = c.kind('iso');
		if (iso) return { d: iso.d, m: iso.m, y: iso.y, wd, at: first.at, to: iso.to, whole: true };
		const mark = c.i;
		// "1 March 2024", "1st of March 2024", "27" (in "27–31 May 2024"), "31, 2024" (in "May 27–31, 2024")
		const d = dayNum(c);
		if (d !== null) {
			const m = c.attempt(() => {
				c.word('of');
				return monthWord(c);
			});
			const y = c.attempt(() => {
				// Without a month, only "31, 2024" (the US form's end day) carries a year.
				if (c.kind('comma') === null && m === null) return null;
				return year(c);
			});
			const last = c.toks[c.i - 1] ?? first;
			return {
				d,
				m: m ?? undefined,
				y: y ?? undefined,
				wd,
				at: first.at,
				to: last.to,
				whole: m !== null && y !== null
			};
		}
		c.i = mark;
		// "March 1, 2024", "March 1st 2024", "May 27" (in "May 27–31, 2024")
		const m = monthWord(c);
		if (m === null) return null;
		c.word('the');
		const d2 = dayNum(c);
		if (d2 === null) return null;
		const y = c.attempt(() => {
			c.kind('comma');
			return year(c);
		});
		const last = c.toks[c.i - 1] ?? first;
		return { d: d2, m, y: y ?? undefined, wd, at: first.at, to: last.to, whole: y !== null };
	});
}

export function realDate(ctx: Ctx, p: DatePart, m: number, y: number): PlainDate {
	const quote = p.whole ? ctx.text.slice(p.at, p.to) : `${p.d} ${MONTH_NAMES[m - 1] ?? m} ${y}`;
	const ok = p.d >= 1 && m >= 1 && m <= 12 && p.d <= daysInMonth(y, m);
	if (!ok) throw new ParseFail(`"${quote}" is not a real date.`);
	const date = plain(y, m, p.d);
	if (p.wd !== undefined && isoWeekday(date) !== p.wd)
		throw new ParseFail(
			`"${ctx.text.slice(p.at, p.to)}": ${formatLongDate(date)} is a ${WEEKDAY_NAMES[isoWeekday(date) - 1]}.`
		);
	return date;
}

/** "1 March 2024", "27–31 May 2024", "27 May – 2 June 2024", "2024-03-01/2024-03-05", … */
export function dayOrRange(ctx: Ctx): Extract<Period, { type: 'day' | 'range' }> | null {
	const { c } = ctx;
	return c.attempt(() => {
		const p1 = datePart(ctx);
		if (p1 === null) return null;
		const p2 = c.attempt(() => (rangeSep(c) ? datePart(ctx) : null));
		if (p2 === null) {
			if (p1.m === undefined) return null;
			const y = p1.y ?? guessYear(ctx, p1.m, p1.d);
			if (y === null) return null;
			return { type: 'day', date: realDate(ctx, p1, p1.m, y) };
		}
		const m2 = p2.m ?? p1.m;
		const m1 = p1.m ?? m2;
		let y2 = p2.y ?? p1.y;
		let y1 = p1.y ?? y2;
		if (m1 === undefined || m2 === undefined) return null;
		if (y1 === undefined || y2 === undefined) {
			// Neither end has a year: the start takes one from the plan, and a range that wraps
			// past December ("20 December – 10 January") ends in the next year.
			const wraps = m2 < m1;
			// A wrapping range is placed by its end, so both ends can fall inside the plan.
			const y = wraps ? guessYear(ctx, m2, p2.d) : guessYear(ctx, m1, p1.d);
			if (y === null) return null;
			y1 = wraps ? y - 1 : y;
			y2 = y;
		}
		const start = realDate(ctx, p1, m1, y1);
		const end = realDate(ctx, p2, m2, y2);
		if (end < start) throw endsBeforeStart(ctx);
		return { type: 'range', start, end };
	});
}
