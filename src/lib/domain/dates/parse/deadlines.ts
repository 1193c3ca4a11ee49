/**
 * Deadlines: "by 15 February 2024", "no later than …", "before 1 March 2024", "from A by B",
 * "by end of 2023". Parsed to a `by` spec (with `from` when the text gives a start).
 */
import type { PlainDate } from '../../schema.ts';
import { addDays } from '../plain-date.ts';
import { bounds } from '../spec.ts';
import { type Body, type Ctx, endsBeforeStart, type Period } from './grammar.ts';
import { period } from './period.ts';

function periodBounds(p: Period): [PlainDate, PlainDate] {
	return bounds(p);
}

/** "by 15 February 2024", "no later than …", "before 1 March 2024", "from A by B", "by end of 2023". */
export function deadline(ctx: Ctx): Extract<Body, { type: 'by' }> | null {
	const { c } = ctx;
	return c.whole(() => {
		let from: PlainDate | undefined;
		if (c.word('from', 'starting', 'after') !== null) {
			const p = period(ctx);
			if (p === null) return null;
			from = periodBounds(p)[0];
			c.kind('comma');
			c.word('and');
		}
		let before = false;
		if (c.word('by', 'until') !== null) c.word('the');
		else if (c.words('no', 'later', 'than') || c.words('not', 'later', 'than')) c.word('the');
		else if (c.word('due') !== null) c.word('by', 'on');
		else if (c.word('before') !== null) {
			// "before the end of 2023" means "by the end of 2023", not "before 1 September".
			const next = c.peek();
			before = !(next?.k === 'word' && (next.w === 'end' || next.w === 'the'));
		} else return null;
		const p = period(ctx);
		if (p === null) return null;
		const [earliest, latest] = periodBounds(p);
		const date = before ? addDays(earliest, -1) : latest;
		if (from !== undefined && from > date) throw endsBeforeStart(ctx);
		return from === undefined ? { type: 'by', date } : { type: 'by', date, from };
	});
}
