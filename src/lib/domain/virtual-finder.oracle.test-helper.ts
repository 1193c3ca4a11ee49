/**
 * The virtual finder's brute-force oracle: luxon for every local time, every commitment for every
 * start, ranked by the same key and ties spread the same way (`varied`, which decides only the
 * order among equals). It lives beside the tests that compare with it (and the bench imports it).
 */
import { DateTime } from 'luxon';
import { slotsOverlap } from './clashes.ts';
import type { Slot } from './commitments.ts';
import type { FinderPlan } from './finder.ts';
import { isWorkWeekDay, personCalendar } from './host-calendar-person.ts';
import { epochDay } from './intervals.ts';
import { touchesNight } from './local-times.ts';
import { iso, MIN, type VirtualQuery } from './virtual-finder/model.ts';
import { startsOf, varied } from './virtual-finder/sweep.ts';

function slotOf(start: number, end: number): Slot {
	const ms = { start, end };
	return { days: null, ms, work: ms };
}

export function findVirtualOracle(
	fp: FinderPlan,
	q: VirtualQuery
): { start: string; night: string[]; working: string[]; missing: string[] }[] {
	const ids = [...new Set([...q.required, ...q.optional])];
	const req = new Set(q.required);
	const out: {
		e: { req: number; night: number; working: number; missing: number; start: number };
		r: { start: string; night: string[]; working: string[]; missing: string[] };
	}[] = [];
	for (const t of startsOf(q)) {
		const end = t + q.minutes * MIN;
		const meeting = slotOf(t, end);
		const r = {
			start: iso(t),
			night: [] as string[],
			working: [] as string[],
			missing: [] as string[]
		};
		let reqMissing = 0;
		for (const id of ids) {
			const p = fp.index.people.get(id);
			const busy = (fp.byPerson.get(id) ?? []).some(
				(c) =>
					c.strength === 'hard' &&
					!(c.item !== null && c.item === q.ignoreItem) &&
					c.placements.every((s) => slotsOverlap({ ...s, days: null }, meeting))
			);
			if (busy) {
				r.missing.push(id);
				if (req.has(id)) reqMissing++;
				continue;
			}
			if (!p?.zone) continue;
			if (touchesNight(iso(t), iso(end), p.zone)) r.night.push(id);
			const a = DateTime.fromMillis(t, { zone: p.zone });
			const b = DateTime.fromMillis(end, { zone: p.zone });
			const [ws, we] = [p.workingHours.start, p.workingHours.end];
			const clock = (d: DateTime) => d.toFormat('HH:mm');
			const sameDay = a.toISODate() === b.minus({ milliseconds: 1 }).toISODate();
			const endClock = b.toISODate() !== a.toISODate() ? '24:00' : clock(b);
			const workDay = isWorkWeekDay(personCalendar(p), epochDay(a.toISODate()!));
			if (sameDay && workDay && clock(a) >= ws && endClock <= we) r.working.push(id);
		}
		out.push({
			e: {
				req: reqMissing,
				night: r.night.length,
				working: r.working.length,
				missing: r.missing.length,
				start: t
			},
			r
		});
	}
	out.sort(
		(a, b) =>
			a.e.req - b.e.req ||
			a.e.night - b.e.night ||
			b.e.working - a.e.working ||
			a.e.missing - b.e.missing ||
			a.e.start - b.e.start
	);
	return varied(
		out.map((x) => ({ ...x.e, r: x.r })),
		q.limit
	).map((x) => x.r);
}
