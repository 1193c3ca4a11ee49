/**
 * Candidate windows, one of which will be chosen: "25–27 February 2024 or 3–4 March 2024",
 * "25 or 26 to 27 or 28 February 2024", "tentatively 25–27 February 2024".
 */
import type { PlainDate } from '../../schema.ts';
import { type DatePart, dayOrRange, realDate } from './days.ts';
import {
	type Body,
	type Ctx,
	dayNum,
	endsBeforeStart,
	guessYear,
	monthWord,
	rangeSep,
	year
} from './grammar.ts';
import type { Span } from './tokens.ts';

const TENTATIVE = [
	'tentatively',
	'tentative',
	'provisionally',
	'provisional',
	'proposed',
	'possibly'
];

/** "25 or 26 to 27 or 28 February 2024": every start day with every end day. */
function candidateProduct(
	ctx: Ctx,
	tentative: boolean
): Extract<Body, { type: 'candidates' }> | null {
	const { c } = ctx;
	return c.whole(() => {
		const first = c.peek();
		const list = () => {
			const out: { v: number; tok: Span }[] = [];
			do {
				const t = c.peek();
				const d = dayNum(c);
				if (d === null || t === undefined) return null;
				out.push({ v: d, tok: t });
			} while (c.word('or') !== null);
			return out;
		};
		const starts = list();
		if (starts === null) return null;
		const ends = c.attempt(() => (rangeSep(c) ? list() : null));
		const m = monthWord(c);
		if (m === null) return null;
		c.kind('comma');
		const y = year(c) ?? guessYear(ctx, m, starts[0]?.v ?? 15);
		if (y === null || first === undefined) return null;
		// Without an "or" this is a plain day or range, unless the text says it is only proposed.
		const hasOr = starts.length > 1 || (ends?.length ?? 0) > 1;
		if (!hasOr && !tentative) return null;
		const part = (v: number): DatePart => ({ d: v, at: first.at, to: first.to, whole: false });
		const windows: { start: PlainDate; end: PlainDate }[] = [];
		for (const s of starts) {
			const start = realDate(ctx, part(s.v), m, y);
			for (const e of ends ?? [s]) {
				const end = realDate(ctx, part(e.v), m, y);
				if (end < start) throw endsBeforeStart(ctx);
				windows.push({ start, end });
			}
		}
		return { type: 'candidates', windows };
	});
}

/** "25–27 February 2024 or 3–4 March 2024", "tentatively 25–27 February 2024". */
export function candidates(ctx: Ctx): Extract<Body, { type: 'candidates' }> | null {
	const { c } = ctx;
	return c.attempt(() => {
		const tentative = c.word(...TENTATIVE) !== null;
		c.word('either');
		const product = candidateProduct(ctx, tentative);
		if (product !== null) return product;
		const windows: { start: PlainDate; end: PlainDate }[] = [];
		do {
			const w = dayOrRange(ctx);
			if (w === null) return null;
			windows.push(w.type === 'day' ? { start: w.date, end: w.date } : w);
		} while (c.word('or') !== null);
		if (!c.done() || (windows.length < 2 && !tentative)) return null;
		return { type: 'candidates', windows };
	});
}
