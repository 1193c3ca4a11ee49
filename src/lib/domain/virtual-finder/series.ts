/**
 * A recurring call, the fairness rule: occurrence k looks at the same range shifted by k × every
 * days; among the starts with the fewest people missing and the fewest in the night, it takes the
 * one with the fewest people on a public holiday, then the one whose night people have taken the
 * bad hour least often so far (lowest maximum, then lowest sum of their running counts), then the
 * most people in working hours, then the earliest. So the bad hour rotates instead of falling on
 * the same person every time. When most required people are off on every start of a week, that
 * occurrence is skipped.
 */
import { DAY_MS, epochDay, localInstant } from '../intervals.ts';
import { localSpan } from '../local-times.ts';
import { holidayNote } from './explain.ts';
import { iso, MIN, type SeriesOccurrence, type VirtualQuery } from './model.ts';
import { holidayOf, type Person } from './people.ts';
import { rank, type Eval } from './sweep.ts';

/**
 * Each person's local public holidays over the whole series, as UTC spans in `p.off` (the
 * engine caches a country's year; this asks once per person and local day).
 */
function holidaySpans(ps: Person[], q: VirtualQuery): void {
	const first = epochDay(q.from) - 1;
	const last = epochDay(q.to) + (q.occurrences - 1) * q.everyDays + 1;
	for (const p of ps) {
		if (!p.zone || !p.week) continue;
		for (let d = first; d <= last; d++) {
			if (!holidayOf(p, d)) continue;
			const from = localInstant(d, p.zone);
			const to = localInstant(d + 1, p.zone);
			const prev = p.off.at(-1);
			if (prev && prev.end >= from) prev.end = to;
			else p.off.push({ start: from, end: to });
		}
	}
}

/**
 * People on a public holiday at a start, [required, all], from their holiday spans: one cursor
 * per person, so the starts of one week must be asked in time order.
 */
function offCounter(ps: Person[]): (e: Eval) => [number, number] {
	const cursor = new Int32Array(ps.length);
	return (e) => {
		let r = 0;
		let a = 0;
		for (let i = 0; i < ps.length; i++) {
			const off = ps[i]!.off;
			let k = cursor[i]!;
			while (k < off.length && off[k]!.end <= e.start) k++;
			cursor[i] = k;
			if (k < off.length && off[k]!.start <= e.start) {
				a++;
				if (ps[i]!.required) r++;
			}
		}
		return [r, a];
	};
}

/** How often the start's night people have had the bad hour so far: [max, sum]. */
function fairness(e: Eval, counts: readonly number[]): [number, number] {
	let max = 0;
	let sum = 0;
	for (const i of e.nightIds) {
		max = Math.max(max, counts[i]!);
		sum += counts[i]!;
	}
	return [max, sum];
}

/** The week's start by the fairness rule, and how many are on a holiday then. */
function chooseStart(
	evals: readonly Eval[],
	offAt: (e: Eval) => [number, number],
	counts: readonly number[]
): { best: Eval; off: [number, number] } | null {
	let best: Eval | null = null;
	let bestFair: [number, number] = [0, 0];
	let bestOff: [number, number] = [0, 0];
	for (const e of evals) {
		const off = offAt(e);
		if (!best) {
			best = e;
			bestFair = fairness(e, counts);
			bestOff = off;
			continue;
		}
		const f = fairness(e, counts);
		// A holiday moves the call to another start, but never into someone's night: when
		// only night starts avoid it, the week keeps the holiday and (most required people
		// being off) is skipped instead.
		const c =
			e.req - best.req ||
			e.night - best.night ||
			off[0] - bestOff[0] ||
			off[1] - bestOff[1] ||
			f[0] - bestFair[0] ||
			f[1] - bestFair[1] ||
			best.working - e.working ||
			e.start - best.start;
		if (c < 0) {
			best = e;
			bestFair = f;
			bestOff = off;
		}
	}
	return best ? { best, off: bestOff } : null;
}

/**
 * Every occurrence of the series: `all` is the first week's starts evaluated, `sweep(days)` the
 * same range shifted by that many days.
 */
export function planSeries(
	ps: Person[],
	all: readonly Eval[],
	sweep: (shiftDays: number) => Eval[],
	q: VirtualQuery,
	nReq: number,
	locale: string
): SeriesOccurrence[] {
	const series: SeriesOccurrence[] = [];
	if (q.occurrences <= 1 || !all.length) return series;
	const everyone = ps.map((_, i) => i);
	const counts = new Array<number>(ps.length).fill(0);
	holidaySpans(ps, q);
	// The regular slot: the best start of the first week, then every `everyDays` days.
	const anchor = [...all].sort(rank)[0]!.start;
	for (let n = 0; n < q.occurrences; n++) {
		const evals = n === 0 ? all : sweep(n * q.everyDays);
		const regular = anchor + n * q.everyDays * DAY_MS;
		const chosen = chooseStart(evals, offCounter(ps), counts);
		if (!chosen) break;
		const { best } = chosen;
		const skipped = nReq > 0 && chosen.off[0] * 2 > nReq;
		// Said only when the holiday moved the occurrence off its regular slot (or cancelled it).
		const avoided =
			skipped || best.start !== regular ? holidayNote(ps, everyone, regular, locale) : null;
		if (!skipped) for (const i of best.nightIds) counts[i]!++;
		const onHoliday = holidayNote(ps, everyone, best.start, locale)?.people ?? [];
		const at = skipped ? regular : best.start;
		series.push({
			n: n + 1,
			start: iso(at),
			end: iso(at + q.minutes * MIN),
			viewer: localSpan(iso(at), iso(at + q.minutes * MIN), q.viewerZone, locale),
			night: skipped ? [] : best.nightIds.map((i) => ps[i]!.id),
			counts: ps.map((p, i) => ({ person: p.id, count: counts[i]! })),
			regular: iso(regular),
			avoided,
			skipped,
			onHoliday: skipped ? [] : onHoliday
		});
	}
	return series;
}

/** "Skips Mon 25 Dec (Christmas Day for 12 of 14 people): those weeks move …", or null. */
export function seriesNote(series: readonly SeriesOccurrence[]): string | null {
	const notes = series.filter((s) => s.avoided).map((s) => s.avoided!.text);
	return notes.length
		? `Skips ${notes.join(', ')}: those weeks ${series.some((s) => s.avoided && s.skipped) ? 'move or are skipped' : 'move to another start'}.`
		: null;
}
