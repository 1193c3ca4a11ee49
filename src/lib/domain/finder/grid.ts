/**
 * The host's calendar over a search: for every possible start, whether the window obeys the
 * weekend and holiday rules asked for, the meeting's slot, and what each day off is called.
 */
import { DEFAULT_COMMITMENT_OPTIONS, daySlot, type Slot } from '../commitments.ts';
import { daysOffNames } from '../day-off-phrases.ts';
import { daysOff } from '../host-calendar.ts';
import { epochDay } from '../intervals.ts';
import type { InPersonQuery } from './model.ts';

export type Grid = {
	s0: number;
	/** Number of possible starts. */
	n: number;
	/** The meeting's slot for each start. */
	slots: Slot[];
	/** 1 where the start obeys the host calendar rules. */
	ok: Uint8Array;
	offText: (string | null)[];
};

export function hostGrid(q: InPersonQuery): Grid {
	const s0 = epochDay(q.from);
	const last = epochDay(q.to);
	const n = Math.max(0, last - q.days + 1 - s0 + 1);
	const daysInWindow = last - s0 + 1;
	const bad = new Uint8Array(daysInWindow);
	const offText: (string | null)[] = [];
	for (let i = 0; i < daysInWindow; i++) {
		const off = daysOff(q.host, s0 + i);
		const counts = off.filter(
			(o) =>
				(o.reason === 'weekend' && q.avoidWeekends) || (o.reason === 'holiday' && q.avoidHolidays)
		);
		bad[i] = counts.length > 0 ? 1 : 0;
		offText.push(daysOffNames(off));
	}
	const ok = new Uint8Array(n);
	let run = 0;
	for (let i = 0; i < q.days - 1 && i < daysInWindow; i++) run += bad[i]!;
	for (let s = 0; s < n; s++) {
		run += bad[s + q.days - 1]!;
		ok[s] = run === 0 ? 1 : 0;
		run -= bad[s]!;
	}
	const slots: Slot[] = [];
	for (let s = 0; s < n; s++)
		slots.push(
			daySlot({ start: s0 + s, end: s0 + s + q.days }, q.host.zone, DEFAULT_COMMITMENT_OPTIONS)
		);
	return { s0, n, slots, ok, offText };
}
