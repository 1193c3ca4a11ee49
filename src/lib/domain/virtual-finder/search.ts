/**
 * The virtual finder's search: every start of the range swept once (sweep.ts), the best ones
 * spread over the day and explained, the starts asked about measured against the best, and a
 * recurring series placed by the fairness rule (series.ts).
 */
import type { FinderPlan } from '../finder.ts';
import { candidate, whyRanked } from './explain.ts';
import type { VirtualCandidate, VirtualQuery, VirtualResult } from './model.ts';
import { people, type Person } from './people.ts';
import { planSeries, seriesNote } from './series.ts';
import { evaluate, rank, startsOf, varied, type Eval } from './sweep.ts';

export function findVirtual(fp: FinderPlan, q: VirtualQuery, locale = 'en-GB'): VirtualResult {
	const ps = people(fp, q);
	const nReq = new Set(q.required).size;
	const base = ps.length + 1;
	const sweep = (shift: number) => {
		const cursor = new Int32Array(ps.length);
		return startsOf(q, shift).map((t) => evaluate(ps, nReq, t, q.minutes, cursor));
	};
	const all = sweep(0);
	const top = varied([...all].sort(rank), q.limit);
	const whys = whyRanked(top, ps.length);
	const proposed = q.starts.map((s) => askedStart(ps, nReq, top[0], s, q, base, locale));
	// The series: rotate the bad hour, off everyone's public holidays.
	const series = planSeries(ps, all, sweep, q, nReq, locale);
	return {
		candidates: top.map((e, i) => candidate(ps, e, q, base, locale, whys[i]!)),
		proposed,
		series,
		seriesNote: seriesNote(series),
		considered: all.length,
		viewerZone: q.viewerZone
	};
}

/** A start asked about directly, measured against the best start: what it costs, in words. */
function askedStart(
	ps: Person[],
	nReq: number,
	best: Eval | undefined,
	s: string,
	q: VirtualQuery,
	base: number,
	locale: string
): VirtualCandidate {
	const t = Date.parse(s);
	const e = evaluate(ps, nReq, t, q.minutes, new Int32Array(ps.length));
	const worse = best !== undefined && rank(e, { ...best, start: e.start }) > 0;
	const vs = best && worse ? whyRanked([best, e], ps.length)[1]! : '';
	const why = !best
		? 'The start you asked about.'
		: worse
			? `The start you asked about: ${vs.slice('Below the one above: '.length, -1)} than at the best start.`
			: 'The start you asked about: as good as the best start.';
	return candidate(ps, e, q, base, locale, why);
}
