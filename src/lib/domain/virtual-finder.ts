/**
 * The virtual-meeting finder: start times (UTC, in steps of 15 minutes) for a call of N minutes
 * over a range of days, ranked by who would be inside their working hours and who would be in the
 * night (00:00–06:00 local, the same night as `local-times.ts`), with each candidate shown as a
 * row of local times. A person whose hard commitment covers the call (the same commitments and
 * slot rule as the clash engine) is missing.
 *
 * Recurring series, the fairness rule: occurrence k looks at the same range shifted by k × every
 * days; among the starts with the fewest people missing and the fewest in the night, it takes the
 * one whose night people have taken the bad hour least often so far (lowest maximum, then lowest
 * sum of their running counts), then the most people in working hours, then the earliest. So the
 * bad hour rotates instead of falling on the same person every time; each person's running count
 * is shown.
 *
 * Speed: local clock minutes come from the zone's offset table (`intervals.ts`), busy periods are
 * one sorted list per person swept alongside the starts. `findVirtualOracle` recomputes
 * everything with luxon for every start × person × commitment.
 */
import { DateTime } from 'luxon';
import { slotsOverlap } from './clashes.ts';
import type { PersonCommitment, Slot } from './commitments.ts';
import { formatInstantIn, formatTimeIn } from './dates.ts';
import type { FinderPlan } from './finder.ts';
import { isWorkWeekDay, personCalendar, type CalendarSubject } from './host-calendar.ts';
import { DAY_MS, epochDay, zoneOffset } from './intervals.ts';
import { NIGHT_END_HOUR, NIGHT_START_HOUR, touchesNight } from './local-times.ts';
import type { PlainDate } from './schema.ts';

export type VirtualQuery = {
	minutes: number;
	/** Days (UTC, inclusive) the call may start on. */
	from: PlainDate;
	to: PlainDate;
	required: readonly string[];
	optional: readonly string[];
	stepMinutes: number;
	limit: number;
	/** Occurrences of a recurring series (1: a single call). */
	occurrences: number;
	everyDays: number;
	/** Starts to explain directly (UTC instants), e.g. the 18 Dec 2023 call. */
	starts: readonly string[];
	ignoreItem: string | null;
};

export const DEFAULT_VIRTUAL = {
	stepMinutes: 15,
	limit: 10,
	occurrences: 1,
	everyDays: 7,
	starts: [],
	ignoreItem: null
} satisfies Partial<VirtualQuery>;

export type LocalRow = {
	person: string;
	name: string;
	zone: string | null;
	/** "Tue 19 Dec 2023, 01:00 GMT+9" (null when their zone is unknown). */
	local: string | null;
	/** "01:00–02:00". */
	time: string | null;
	working: boolean;
	night: boolean;
	/** What keeps them away, if anything. */
	busy: string[];
};

export type VirtualCandidate = {
	start: string;
	end: string;
	score: number;
	working: string[];
	night: string[];
	missing: { person: string; reasons: string[] }[];
	/** Zone unknown: cannot say. */
	unknown: string[];
	rows: LocalRow[];
};

export type SeriesOccurrence = {
	n: number;
	start: string;
	night: string[];
	/** Bad hours per person so far, this occurrence included. */
	counts: { person: string; count: number }[];
};

export type VirtualResult = {
	candidates: VirtualCandidate[];
	proposed: VirtualCandidate[];
	series: SeriesOccurrence[];
	considered: number;
};

const MIN = 60_000;

type Person = {
	id: string;
	name: string;
	zone: string | null;
	ws: number;
	we: number;
	/** Their working week (home country's weekend, corrections, `workWeek`); null: unknown. */
	week: CalendarSubject | null;
	busy: Busy[];
};
/** A hard commitment's definite instants [start, end) and its reason. */
type Busy = { start: number; end: number; c: PersonCommitment };

const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/**
 * A call [t, t + d) overlaps every placement of a commitment exactly when t + d > the latest
 * placement start and t < the earliest placement end: one interval test per commitment (start
 * may exceed end for far-apart placements; then only a call bridging the gap overlaps both).
 */
function certain(c: PersonCommitment): { start: number; end: number } {
	let start = -Infinity;
	let end = Infinity;
	for (const p of c.placements) {
		start = Math.max(start, p.ms.start);
		end = Math.min(end, p.ms.end);
	}
	return { start, end };
}

function people(fp: FinderPlan, q: VirtualQuery): Person[] {
	const ids = [...new Set([...q.required, ...q.optional])];
	return ids.map((id) => {
		const p = fp.index.people.get(id);
		const busy: Busy[] = [];
		for (const c of fp.byPerson.get(id) ?? []) {
			if (c.strength !== 'hard' || (c.item !== null && c.item === q.ignoreItem)) continue;
			busy.push({ ...certain(c), c });
		}
		busy.sort((a, b) => a.start - b.start);
		return {
			id,
			name: p?.name ?? id,
			zone: p?.zone ?? null,
			ws: hm(p?.workingHours.start ?? '09:00'),
			we: hm(p?.workingHours.end ?? '17:00'),
			week: p ? personCalendar(p) : null,
			busy
		};
	});
}

type Eval = {
	start: number;
	req: number;
	missing: number;
	night: number;
	working: number;
	nightIds: number[];
};

/** The local clock minute of day and the local epoch day of an instant. */
function local(ms: number, zone: string): { day: number; minute: number } {
	const l = ms + zoneOffset(zone, ms) * MIN;
	const day = Math.floor(l / DAY_MS);
	return { day, minute: Math.floor((l - day * DAY_MS) / MIN) };
}

function isNight(start: number, end: number, zone: string): boolean {
	const a = local(start, zone);
	const b = local(end - 1, zone);
	// In the night when it starts before 06:00, or runs past midnight into the next night.
	return (a.minute >= NIGHT_START_HOUR * 60 && a.minute < NIGHT_END_HOUR * 60) || b.day > a.day;
}

function isWorking(start: number, end: number, p: Person): boolean {
	if (!p.zone) return false;
	const a = local(start, p.zone);
	const b = local(end - 1, p.zone);
	return (
		a.day === b.day && a.minute >= p.ws && b.minute + 1 <= p.we && isWorkWeekDay(p.week, a.day)
	);
}

function evaluate(
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
		if (isNight(start, end, p.zone)) {
			e.night++;
			e.nightIds.push(i);
		}
		if (isWorking(start, end, p)) e.working++;
	}
	return e;
}

function rank(a: Eval, b: Eval): number {
	return (
		a.req - b.req ||
		a.night - b.night ||
		b.working - a.working ||
		a.missing - b.missing ||
		a.start - b.start
	);
}

function scoreOf(e: Eval, base: number): number {
	return (
		(((base - 1 - e.req) * base + (base - 1 - e.night)) * base + e.working) * base +
		(base - 1 - e.missing)
	);
}

function startsOf(q: VirtualQuery, shiftDays = 0): number[] {
	const first = (epochDay(q.from) + shiftDays) * DAY_MS;
	const last = (epochDay(q.to) + shiftDays + 1) * DAY_MS;
	const out: number[] = [];
	for (let t = first; t < last; t += q.stepMinutes * MIN) out.push(t);
	return out;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';

function rows(ps: Person[], start: number, minutes: number, locale: string): LocalRow[] {
	const end = start + minutes * MIN;
	return ps.map((p) => {
		const busy = p.busy
			.filter((b) => b.start < end && b.end > start)
			.map((b) => (b.c.visibility === 'public' ? b.c.reason || 'busy' : 'busy'));
		return {
			person: p.id,
			name: p.name,
			zone: p.zone,
			local: p.zone ? formatInstantIn(iso(start), p.zone, locale) : null,
			time: p.zone
				? `${formatTimeIn(iso(start), p.zone, locale)}–${formatTimeIn(iso(end), p.zone, locale)}`
				: null,
			working: isWorking(start, end, p),
			night: p.zone ? isNight(start, end, p.zone) : false,
			busy
		};
	});
}

function candidate(
	ps: Person[],
	e: Eval,
	q: VirtualQuery,
	base: number,
	locale: string
): VirtualCandidate {
	const r = rows(ps, e.start, q.minutes, locale);
	return {
		start: iso(e.start),
		end: iso(e.start + q.minutes * MIN),
		score: scoreOf(e, base),
		working: r.filter((x) => x.working && !x.busy.length).map((x) => x.person),
		night: r.filter((x) => x.night && !x.busy.length).map((x) => x.person),
		missing: r.filter((x) => x.busy.length).map((x) => ({ person: x.person, reasons: x.busy })),
		unknown: r.filter((x) => x.zone === null).map((x) => x.person),
		rows: r
	};
}

export function findVirtual(fp: FinderPlan, q: VirtualQuery, locale = 'en-GB'): VirtualResult {
	const ps = people(fp, q);
	const nReq = new Set(q.required).size;
	const base = ps.length + 1;
	const sweep = (shift: number) => {
		const cursor = new Int32Array(ps.length);
		return startsOf(q, shift).map((t) => evaluate(ps, nReq, t, q.minutes, cursor));
	};
	const all = sweep(0);
	const top = [...all].sort(rank).slice(0, q.limit);
	const proposed = q.starts.map((s) => {
		const t = Date.parse(s);
		return candidate(
			ps,
			evaluate(ps, nReq, t, q.minutes, new Int32Array(ps.length)),
			q,
			base,
			locale
		);
	});
	// The series: rotate the bad hour.
	const series: SeriesOccurrence[] = [];
	if (q.occurrences > 1) {
		const counts = new Array<number>(ps.length).fill(0);
		for (let n = 0; n < q.occurrences; n++) {
			const evals = n === 0 ? all : sweep(n * q.everyDays);
			const fair = (e: Eval) => {
				let max = 0;
				let sum = 0;
				for (const i of e.nightIds) {
					max = Math.max(max, counts[i]!);
					sum += counts[i]!;
				}
				return [max, sum];
			};
			let best: Eval | null = null;
			let bestFair = [0, 0];
			for (const e of evals) {
				if (!best) {
					best = e;
					bestFair = fair(e);
					continue;
				}
				const f = fair(e);
				const c =
					e.req - best.req ||
					e.night - best.night ||
					f[0]! - bestFair[0]! ||
					f[1]! - bestFair[1]! ||
					best.working - e.working ||
					e.start - best.start;
				if (c < 0) {
					best = e;
					bestFair = f;
				}
			}
			if (!best) break;
			for (const i of best.nightIds) counts[i]!++;
			series.push({
				n: n + 1,
				start: iso(best.start),
				night: best.nightIds.map((i) => ps[i]!.id),
				counts: ps.map((p, i) => ({ person: p.id, count: counts[i]! }))
			});
		}
	}
	return {
		candidates: top.map((e) => candidate(ps, e, q, base, locale)),
		proposed,
		series,
		considered: all.length
	};
}

// ---------------------------------------------------------------------------------------------
// The brute-force oracle: luxon for every local time, every commitment for every start.

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
	return out.slice(0, q.limit).map((x) => x.r);
}
