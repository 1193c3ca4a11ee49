/**
 * What every grammar rule shares: the context it reads (the text, the cursor, where a missing
 * year comes from), the shapes it returns, and the smallest rules (a year, a month name, a day
 * number, a range separator). Each phrase family has its own module beside this one; a rule
 * returns null (and rewinds) when the text is not its phrase, and throws ParseFail when it is
 * but says something impossible.
 */
import type { DateSpec } from '../../schema.ts';
import { type Cursor, MONTH_WORDS, ParseFail } from './tokens.ts';

export type Ctx = {
	text: string;
	c: Cursor;
	/** The year for a date written without one, or null when there is no context. */
	inferYear?: ((m: number, d: number) => number | null) | undefined;
	/** Set when a season was read (the note names the hemisphere). */
	season?: { hemisphere: 'northern' | 'southern'; assumed: boolean; zone: string } | undefined;
	planZone?: string | undefined;
};
type DistributiveOmit<T> = T extends unknown ? Omit<T, 'text'> : never;
/** A DateSpec before the input text is attached. */
export type Body = DistributiveOmit<DateSpec>;
export type Period = Extract<
	Body,
	{ type: 'day' | 'range' | 'month' | 'part-of-month' | 'part-of-year' | 'quarter' }
>;

/** The year for a date written without one (see YearContext), or null without a context. */
export function guessYear(ctx: Ctx, m: number, d: number): number | null {
	return ctx.inferYear?.(m, d) ?? null;
}

export function checkYear(ctx: Ctx, y: number): number {
	if (y < 1900 || y > 2200)
		throw new ParseFail(`"${ctx.text}": the year must be between 1900 and 2200.`);
	return y;
}

export function year(c: Cursor): number | null {
	const t = c.peek();
	if (t?.k === 'num' && t.digits === 4 && !t.ordinal) {
		c.i++;
		return t.v;
	}
	return null;
}

export function monthWord(c: Cursor): number | null {
	const t = c.peek();
	if (t?.k !== 'word') return null;
	const m = MONTH_WORDS.get(t.w);
	if (m === undefined) return null;
	c.i++;
	return m;
}

export function dayNum(c: Cursor): number | null {
	const t = c.peek();
	if (t?.k === 'num' && t.digits <= 2) {
		c.i++;
		return t.v;
	}
	return null;
}

export function rangeSep(c: Cursor): boolean {
	return (
		c.kind('dash') !== null || c.kind('slash') !== null || c.word('to', 'through', 'till') !== null
	);
}

export function endsBeforeStart(ctx: Ctx): ParseFail {
	return new ParseFail(`"${ctx.text}": the range ends before it starts.`);
}
