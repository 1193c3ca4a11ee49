/**
 * The starts swept: every start of the range evaluated for every person (busy, in the night, in
 * working hours) with one cursor per person through their sorted busy periods, ranked by the
 * finder's key, and equally good starts spread over the day.
 */
import { DAY_MS, epochDay } from '../intervals.ts';
import { MIN, type VirtualQuery } from './model.ts';
import { localOf, nightOf, workingOf, type Person } from './people.ts';

export type Eval = {
	start: number;
	req: number;
	missing: number;
	night: number;
	working: number;
	nightIds: number[];
};

export function evaluate(
	ps: Person[],
	nReq: number,
	start: number,
	minutes: number,
	cursor: Int32Array
): Eval {
	const end = start + minutes * MIN;
	const e: Eval = { start, req: 0, missing: 0, night: 0, working: 0, nightIds: [] };
	for (let i = 0; i < ps.length; i++) {
		const p = ps[i]!;
		// Busy: sorted by start; advance past periods that ended before this start can use.
		let k = cursor[i]!;
		while (k < p.busy.length && p.busy[k]!.end <= start && p.busy[k]!.start <= start) k++;
		cursor[i] = k;
		let busy = false;
		for (let j = k; j < p.busy.length && p.busy[j]!.start < end; j++)
			if (p.busy[j]!.end > start) {
				busy = true;
				break;
			}
		if (busy) {
			e.missing++;
			if (i < nReq) e.req++;
			continue;
		}
		if (!p.zone) continue;
		const a = localOf(p as Person & { zone: string }, start);
		const b = localOf(p as Person & { zone: string }, end - 1);
		if (nightOf(a, b)) {
			e.night++;
			e.nightIds.push(i);
		}
		if (workingOf(a, b, p)) e.working++;
	}
	return e;
}

export function rank(a: Eval, b: Eval): number {
	return (
		a.req - b.req ||
		a.night - b.night ||
		b.working - a.working ||
		a.missing - b.missing ||
		a.start - b.start
	);
}

export function scoreOf(e: Eval, base: number): number {
	return (
		(((base - 1 - e.req) * base + (base - 1 - e.night)) * base + e.working) * base +
		(base - 1 - e.missing)
	);
}

export function startsOf(q: VirtualQuery, shiftDays = 0): number[] {
	const first = (epochDay(q.from) + shiftDays) * DAY_MS;
	const last = (epochDay(q.to) + shiftDays + 1) * DAY_MS;
	const out: number[] = [];
	for (let t = first; t < last; t += q.stepMinutes * MIN) out.push(t);
	return out;
}

export type Key = { req: number; night: number; working: number; missing: number; start: number };

const sameKey = (a: Key, b: Key) =>
	a.req === b.req && a.night === b.night && a.working === b.working && a.missing === b.missing;

/**
 * The first `limit` of starts sorted best first, equally good ones spread over the day: within a
 * run of equal keys, starts are dealt round-robin by UTC time of day (each time of day beginning
 * on a different day), so ten ties are not one hour on ten consecutive days. Shared with the
 * oracle: it decides the order among ties, not which starts are good.
 */
export function varied<T extends Key>(sorted: readonly T[], limit: number): T[] {
	const out: T[] = [];
	for (let i = 0; i < sorted.length && out.length < limit;) {
		let j = i + 1;
		while (j < sorted.length && sameKey(sorted[i]!, sorted[j]!)) j++;
		const buckets = new Map<number, T[]>();
		for (let k = i; k < j; k++) {
			const t = sorted[k]!;
			const minute = Math.floor((((t.start % DAY_MS) + DAY_MS) % DAY_MS) / MIN);
			const b = buckets.get(minute);
			if (b) b.push(t);
			else buckets.set(minute, [t]);
		}
		const lists = [...buckets.values()].map((b, n) => {
			const shift = n % b.length;
			return [...b.slice(shift), ...b.slice(0, shift)];
		});
		for (let round = 0; out.length < limit; round++) {
			let any = false;
			for (const b of lists)
				if (round < b.length) {
					any = true;
					out.push(b[round]!);
					if (out.length === limit) break;
				}
			if (!any) break;
		}
		i = j;
	}
	return out;
}
