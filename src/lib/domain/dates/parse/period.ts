/**
 * One period of any family, in the order the alternatives are tried (the most specific first:
 * "end of Q1" before "end of", a quarter before a month, a month before a day).
 */
import { dayOrRange } from './days.ts';
import type { Ctx, Period } from './grammar.ts';
import { month, partPhrase } from './parts.ts';
import { quarter, quarterPart } from './quarters.ts';

export function period(ctx: Ctx): Period | null {
	return quarterPart(ctx) ?? partPhrase(ctx) ?? quarter(ctx) ?? month(ctx) ?? dayOrRange(ctx);
}

/** A whole text that is one period, maybe introduced by "on", "in", "during" or "from". */
export function single(ctx: Ctx): Period | null {
	const { c } = ctx;
	return c.whole(() => {
		c.word('on', 'in', 'during', 'from');
		return period(ctx);
	});
}
