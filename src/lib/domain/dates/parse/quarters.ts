/**
 * Quarters: "Q3 2024", "2024 Q3", "first quarter of 2024", and the month at a quarter's start,
 * middle or end ("end of Q1 2024" is March 2024).
 */
import { checkYear, type Ctx, guessYear, type Period, year } from './grammar.ts';

const QUARTER_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };

/** "Q3 2024", "2024 Q3", "first quarter of 2024", "3rd quarter 2024". */
export function quarter(ctx: Ctx): Extract<Period, { type: 'quarter' }> | null {
	const { c } = ctx;
	const done = (q: number, y: number | null) =>
		y === null ? null : ({ type: 'quarter', year: checkYear(ctx, y), quarter: q } as const);
	return (
		c.attempt(() => {
			c.word('the');
			const q = c.kind('q');
			if (q === null) return null;
			c.word('of');
			c.kind('comma');
			return done(q.v, year(c) ?? quarterYear(ctx, q.v));
		}) ??
		c.attempt(() => {
			const y = year(c);
			const q = c.kind('q');
			return q === null ? null : done(q.v, y);
		}) ??
		c.attempt(() => {
			c.word('the');
			let q: number | undefined;
			const w = c.word(...Object.keys(QUARTER_WORDS));
			if (w !== null) q = QUARTER_WORDS[w];
			else {
				const n = c.kind('num');
				if (n !== null && n.ordinal && n.v >= 1 && n.v <= 4) q = n.v;
			}
			if (q === undefined || c.word('quarter') === null) return null;
			c.word('of');
			return done(q, year(c) ?? quarterYear(ctx, q));
		})
	);
}

/** A yearless quarter takes the year of its middle month. */
function quarterYear(ctx: Ctx, q: number): number | null {
	const c = ctx.c;
	return c.peek()?.k === 'num' ? null : guessYear(ctx, q * 3 - 1, 15);
}

const QUARTER_PART: Record<string, number> = { beginning: 0, start: 0, middle: 1, end: 2 };

/** "end of Q1 2024" is its last month (March 2024); "start of Q3" its first. */
export function quarterPart(ctx: Ctx): Extract<Period, { type: 'month' }> | null {
	const { c } = ctx;
	return c.attempt(() => {
		c.word('the');
		const w = c.word(...Object.keys(QUARTER_PART));
		if (w === null || c.word('of') === null) return null;
		c.word('the');
		const q = quarter(ctx);
		if (q === null) return null;
		return { type: 'month', year: q.year, month: q.quarter * 3 - 2 + (QUARTER_PART[w] ?? 0) };
	});
}
