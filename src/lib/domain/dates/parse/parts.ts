/**
 * Months and parts of them or of years: "May 2024", "early May 2024", "mid-2024", "beginning of
 * May 2024", "end of 2023".
 */
import type { Part } from '../../schema.ts';
import { checkYear, type Ctx, guessYear, monthWord, type Period, year } from './grammar.ts';

const PART_WORDS: Record<string, Part> = {
	early: 'early',
	mid: 'mid',
	middle: 'mid',
	late: 'late'
};
/** A day inside each part of a month, for placing a yearless "early May" in a year. */
const PART_MID: Record<Part, number> = { early: 5, mid: 15, late: 25 };
const PART_OF_WORDS: Record<string, Part> = {
	beginning: 'early',
	start: 'early',
	middle: 'mid',
	end: 'late'
};

/** "early May 2024", "mid-2024", "beginning of May 2024", "end of 2023". */
export function partPhrase(
	ctx: Ctx
): Extract<Period, { type: 'part-of-month' | 'part-of-year' }> | null {
	const { c } = ctx;
	return c.attempt(() => {
		let part: Part | undefined;
		const a = c.attempt(() => {
			c.word('the');
			const w = c.word(...Object.keys(PART_OF_WORDS));
			if (w === null || c.word('of') === null) return null;
			c.word('the');
			return PART_OF_WORDS[w] ?? null;
		});
		if (a !== null) part = a;
		else {
			const w = c.word(...Object.keys(PART_WORDS));
			if (w === null) return null;
			part = PART_WORDS[w];
			c.kind('dash');
		}
		if (part === undefined) return null;
		const m = monthWord(c);
		if (m !== null) c.word('of');
		const y =
			year(c) ?? (m === null || c.peek()?.k === 'num' ? null : guessYear(ctx, m, PART_MID[part]));
		if (y === null) return null;
		checkYear(ctx, y);
		return m === null
			? { type: 'part-of-year', year: y, part }
			: { type: 'part-of-month', year: y, month: m, part };
	});
}

/** "May 2024", "May of 2024", "May, 2024". */
export function month(ctx: Ctx): Extract<Period, { type: 'month' }> | null {
	const { c } = ctx;
	return c.attempt(() => {
		const m = monthWord(c);
		if (m === null) return null;
		c.word('of');
		c.kind('comma');
		const y = year(c) ?? (c.peek()?.k === 'num' ? null : guessYear(ctx, m, 15));
		if (y === null) return null;
		return { type: 'month', year: checkYear(ctx, y), month: m };
	});
}
