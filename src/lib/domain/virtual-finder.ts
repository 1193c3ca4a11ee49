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
 * Ties: starts that are equally good (same people busy, in the night, in working hours) are
 * shown spread over different times of day (`varied`), each with a sentence saying why it ranks
 * where it does; no raw scores reach the page.
 *
 * Holidays: a series occurrence is placed off the participants' public holidays, each person's
 * own country (`country`, else their zone's) on their own local date, from the host-calendar
 * engine (library + shipped corrections); the engine caches each country-year, and this module
 * asks once per person and local day. Where the series' regular slot falls on a holiday, the
 * answer says so ("skips Mon 25 Dec (Christmas Day for 12 of 14 people)"); when most required
 * people are off on every start of that week, the occurrence is skipped.
 *
 * Speed: local clock minutes come from the zone's offset table (`intervals.ts`), busy periods are
 * one sorted list per person swept alongside the starts. `findVirtualOracle` recomputes
 * everything with luxon for every start × person × commitment.
 */
import { DateTime } from 'luxon';
import { slotsOverlap } from './clashes.ts';
import type { PersonCommitment, Slot } from './commitments.ts';
import { formatInstantIn } from './dates.ts';
import type { FinderPlan } from './finder.ts';
import {
	holidaysOn,
	isWorkWeekDay,
	personCalendar,
	type CalendarSubject
} from './host-calendar.ts';
import { DAY_MS, epochDay, localInstant, plainDate, zoneOffset, zoneSegment } from './intervals.ts';
import { localSpan, NIGHT_END_HOUR, NIGHT_START_HOUR, touchesNight } from './local-times.ts';
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
	/** The zone each candidate is also written in for the viewer (theirs, else the plan's). */
	viewerZone: string;
};

export const DEFAULT_VIRTUAL = {
	stepMinutes: 15,
	limit: 10,
	occurrences: 1,
	everyDays: 7,
	starts: [],
	ignoreItem: null,
	viewerZone: 'UTC'
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
	required: boolean;
	/** "Tue 19 Dec, 05:00–06:00" on their own clock (null when their zone is unknown). */
	when: string | null;
	/** "Mexico City": where their clock is, from the zone. */
	place: string | null;
	/** One word for the row, shown as text and a symbol (never colour alone). */
	mark: RowMark;
	/** A public holiday on their local date, by name. */
	holiday: string | null;
};

/** busy: a commitment; night: 00:00–06:00 local; off-hours: outside their working hours. */
export type RowMark = 'busy' | 'night' | 'off-hours' | 'working' | 'unknown';

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
	/** The call on the viewer's clock: "Mon 18 Dec 2023, 17:00 CET – 18:00". */
	viewer: string;
	/** Why it ranks where it does, in words (the first: why it is best). */
	why: string;
};

export type HolidayNote = {
	/** The local date most of them are on, `YYYY-MM-DD`. */
	date: PlainDate;
	/** The holiday's most common name that day. */
	name: string;
	/** Who is off (ids). */
	people: string[];
	/** "Mon 25 Dec (Christmas Day for 12 of 14 people)". */
	text: string;
};

export type SeriesOccurrence = {
	n: number;
	start: string;
	end: string;
	/** The call on the viewer's clock. */
	viewer: string;
	night: string[];
	/** Bad hours per person so far, this occurrence included. */
	counts: { person: string; count: number }[];
	/** The series' regular slot this time (the first start + n × every days). */
	regular: string;
	/** Holidays on the regular slot that moved (or skipped) this occurrence. */
	avoided: HolidayNote | null;
	/** No start that week suits most required people: no meeting this time. */
	skipped: boolean;
	/** People still on a public holiday at the chosen start (ids). */
	onHoliday: string[];
};

export type VirtualResult = {
	candidates: VirtualCandidate[];
	proposed: VirtualCandidate[];
	series: SeriesOccurrence[];
	/** "Skips Mon 25 Dec (Christmas Day for 12 of 14 people), Mon 1 Jan (…)", or null. */
	seriesNote: string | null;
	considered: number;
	viewerZone: string;
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
	required: boolean;
	/** Public holiday by local epoch day (memo: one engine lookup per person and day). */
	holidays: Map<number, string | null>;
	/** The zone offset of the last lookup and the span it holds over. */
	seg: { offset: number; from: number; to: number };
	/** The UTC spans of this person's local public holidays in a series' range, in order. */
	off: { start: number; end: number }[];
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
	const req = new Set(q.required);
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
			busy,
			required: req.has(id),
			holidays: new Map(),
			seg: { offset: 0, from: 0, to: 0 },
			off: []
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

type Local = { day: number; minute: number };

/** The local clock minute of day and the local epoch day of an instant. */
function local(ms: number, zone: string): Local {
	const l = ms + zoneOffset(zone, ms) * MIN;
	const day = Math.floor(l / DAY_MS);
	return { day, minute: Math.floor((l - day * DAY_MS) / MIN) };
}

/**
 * The same, for a person's zone, reusing the offset span of their last lookup: the sweep asks
 * in time order, so the offset changes only at a DST transition.
 */
function localOf(p: Person & { zone: string }, ms: number): Local {
	if (ms < p.seg.from || ms >= p.seg.to) p.seg = zoneSegment(p.zone, ms);
	const l = ms + p.seg.offset * MIN;
	const day = Math.floor(l / DAY_MS);
	return { day, minute: Math.floor((l - day * DAY_MS) / MIN) };
}

/** In the night when it starts before 06:00, or runs past midnight into the next night. */
const nightOf = (a: Local, b: Local) =>
	(a.minute >= NIGHT_START_HOUR * 60 && a.minute < NIGHT_END_HOUR * 60) || b.day > a.day;

const workingOf = (a: Local, b: Local, p: Person) =>
	a.day === b.day && a.minute >= p.ws && b.minute + 1 <= p.we && isWorkWeekDay(p.week, a.day);

function isNight(start: number, end: number, zone: string): boolean {
	return nightOf(local(start, zone), local(end - 1, zone));
}

function isWorking(start: number, end: number, p: Person): boolean {
	if (!p.zone) return false;
	return workingOf(local(start, p.zone), local(end - 1, p.zone), p);
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

/** "America/Argentina/Buenos_Aires" → "Buenos Aires"; "UTC" stays. */
export function placeOfZone(zone: string): string {
	return (zone.split('/').at(-1) ?? zone).replace(/_/g, ' ');
}

/** The public holiday a person is off for on a local epoch day, or null (memoized per person). */
function holidayOf(p: Person, day: number): string | null {
	if (!p.week || p.week.country === 'ZZ') return null;
	const known = p.holidays.get(day);
	if (known !== undefined) return known;
	const h = holidaysOn(p.week, day).find((x) => x.counts)?.name ?? null;
	p.holidays.set(day, h);
	return h;
}

function markOf(r: { busy: string[]; zone: string | null; night: boolean; working: boolean }) {
	if (r.busy.length) return 'busy' as const;
	if (!r.zone) return 'unknown' as const;
	if (r.night) return 'night' as const;
	return r.working ? ('working' as const) : ('off-hours' as const);
}

const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
const formats = new Map<string, Intl.DateTimeFormat>();
/** One formatter per locale, zone and shape: building one costs far more than using it. */
function intl(locale: string, zone: string, o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale}|${zone}|${o === CLOCK ? 'c' : 'd'}`;
	let f = formats.get(key);
	if (!f) {
		if (formats.size > 2000) formats.clear();
		formats.set(key, (f = new Intl.DateTimeFormat(locale, { ...o, timeZone: zone })));
	}
	return f;
}

function rows(ps: Person[], start: number, minutes: number, locale: string): LocalRow[] {
	const end = start + minutes * MIN;
	return ps.map((p) => {
		const busy = p.busy
			.filter((b) => b.start < end && b.end > start)
			.map((b) => (b.c.visibility === 'public' ? b.c.reason || 'busy' : 'busy'));
		const clock = p.zone ? intl(locale, p.zone, CLOCK) : null;
		const time = clock ? `${clock.format(start)}–${clock.format(end)}` : null;
		const r = {
			person: p.id,
			name: p.name,
			zone: p.zone,
			local: p.zone ? formatInstantIn(iso(start), p.zone, locale) : null,
			time,
			working: isWorking(start, end, p),
			night: p.zone ? isNight(start, end, p.zone) : false,
			busy,
			required: p.required,
			when: p.zone ? `${intl(locale, p.zone, DAY).format(start).replace(',', '')}, ${time}` : null,
			place: p.zone ? placeOfZone(p.zone) : null,
			holiday: p.zone ? holidayOf(p, local(start, p.zone).day) : null
		};
		return { ...r, mark: markOf(r) };
	});
}

function candidate(
	ps: Person[],
	e: Eval,
	q: VirtualQuery,
	base: number,
	locale: string,
	why: string
): VirtualCandidate {
	const r = rows(ps, e.start, q.minutes, locale);
	const end = e.start + q.minutes * MIN;
	return {
		start: iso(e.start),
		end: iso(end),
		score: scoreOf(e, base),
		working: r.filter((x) => x.working && !x.busy.length).map((x) => x.person),
		night: r.filter((x) => x.night && !x.busy.length).map((x) => x.person),
		missing: r.filter((x) => x.busy.length).map((x) => ({ person: x.person, reasons: x.busy })),
		unknown: r.filter((x) => x.zone === null).map((x) => x.person),
		rows: r,
		viewer: localSpan(iso(e.start), iso(end), q.viewerZone, locale),
		why
	};
}

type Key = { req: number; night: number; working: number; missing: number; start: number };

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

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why the first start is best, and why each other one sits below the one above it. */
export function whyRanked(list: readonly Key[], total: number): string[] {
	return list.map((e, i) => {
		const prev = list[i - 1];
		if (!prev) {
			const parts = [
				e.req ? `${plural(e.req, 'required person')} busy` : 'every required person free',
				e.night ? `${plural(e.night, 'person', 'people')} in the night` : 'nobody in the night',
				`${e.working} of ${total} in working hours`
			];
			return `Best: ${parts.join(', ')}.`;
		}
		if (e.req !== prev.req)
			return `Below the one above: ${plural(e.req - prev.req, 'more required person', 'more required people')} busy.`;
		if (e.night !== prev.night)
			return `Below the one above: ${plural(e.night - prev.night, 'more person', 'more people')} in the night.`;
		if (e.working !== prev.working)
			return `Below the one above: ${plural(prev.working - e.working, 'fewer person', 'fewer people')} in working hours.`;
		if (e.missing !== prev.missing)
			return `Below the one above: ${plural(e.missing - prev.missing, 'more optional person', 'more optional people')} busy.`;
		const sameTime = (e.start - prev.start) % DAY_MS === 0;
		return `As good as the one above${sameTime ? ', on another day' : ', at another time of day'}.`;
	});
}

/** The holidays a set of people are off for at a start, grouped: the most common name wins. */
function holidayNote(ps: Person[], idx: number[], at: number, locale: string): HolidayNote | null {
	const off: { i: number; name: string; day: number }[] = [];
	for (const i of idx) {
		const p = ps[i]!;
		if (!p.zone) continue;
		const day = local(at, p.zone).day;
		const name = holidayOf(p, day);
		if (name) off.push({ i, name, day });
	}
	if (!off.length) return null;
	const count = (key: (x: (typeof off)[number]) => string | number) => {
		const m = new Map<string | number, number>();
		for (const x of off) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
		return [...m.entries()].sort((a, b) => b[1] - a[1])[0]![0];
	};
	const name = String(count((x) => x.name));
	const day = Number(count((x) => x.day));
	const date = DateTime.fromMillis(day * DAY_MS, { zone: 'utc', locale }).toFormat('ccc d LLL');
	return {
		date: plainDate(day),
		name,
		people: off.map((x) => ps[x.i]!.id),
		text: `${date} (${name} for ${off.length} of ${ps.length} people)`
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
	const top = varied([...all].sort(rank), q.limit);
	const whys = whyRanked(top, ps.length);
	const proposed = q.starts.map((s) => {
		const t = Date.parse(s);
		const e = evaluate(ps, nReq, t, q.minutes, new Int32Array(ps.length));
		// Measured against the best start: what asking for this one costs, in words.
		const best = top[0];
		const worse = best !== undefined && rank(e, { ...best, start: e.start }) > 0;
		const vs = best && worse ? whyRanked([best, e], ps.length)[1]! : '';
		const why = !best
			? 'The start you asked about.'
			: worse
				? `The start you asked about: ${vs.slice('Below the one above: '.length, -1)} than at the best start.`
				: 'The start you asked about: as good as the best start.';
		return candidate(ps, e, q, base, locale, why);
	});
	// The series: rotate the bad hour, off everyone's public holidays.
	const series: SeriesOccurrence[] = [];
	const everyone = ps.map((_, i) => i);
	if (q.occurrences > 1 && all.length) {
		const counts = new Array<number>(ps.length).fill(0);
		// Each person's local public holidays over the whole series, as UTC spans (the engine
		// caches a country's year; this asks once per person and local day).
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
		// The regular slot: the best start of the first week, then every `everyDays` days.
		const anchor = [...all].sort(rank)[0]!.start;
		for (let n = 0; n < q.occurrences; n++) {
			const evals = n === 0 ? all : sweep(n * q.everyDays);
			const regular = anchor + n * q.everyDays * DAY_MS;
			/** People on a public holiday at a start: [required, all], from their holiday spans. */
			const cursor = new Int32Array(ps.length);
			const offAt = (e: Eval): [number, number] => {
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
			let bestOff: [number, number] = [0, 0];
			for (const e of evals) {
				const off = offAt(e);
				if (!best) {
					best = e;
					bestFair = fair(e);
					bestOff = off;
					continue;
				}
				const f = fair(e);
				// A holiday moves the call to another start, but never into someone's night: when
				// only night starts avoid it, the week keeps the holiday and (most required people
				// being off) is skipped instead.
				const c =
					e.req - best.req ||
					e.night - best.night ||
					off[0] - bestOff[0] ||
					off[1] - bestOff[1] ||
					f[0]! - bestFair[0]! ||
					f[1]! - bestFair[1]! ||
					best.working - e.working ||
					e.start - best.start;
				if (c < 0) {
					best = e;
					bestFair = f;
					bestOff = off;
				}
			}
			if (!best) break;
			const skipped = nReq > 0 && bestOff[0] * 2 > nReq;
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
	}
	const notes = series.filter((s) => s.avoided).map((s) => s.avoided!.text);
	return {
		candidates: top.map((e, i) => candidate(ps, e, q, base, locale, whys[i]!)),
		proposed,
		series,
		seriesNote: notes.length
			? `Skips ${notes.join(', ')}: those weeks ${series.some((s) => s.avoided && s.skipped) ? 'move or are skipped' : 'move to another start'}.`
			: null,
		considered: all.length,
		viewerZone: q.viewerZone
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
	return varied(
		out.map((x) => ({ ...x.e, r: x.r })),
		q.limit
	).map((x) => x.r);
}
