/**
 * The virtual finder's words: each candidate as a row of local times per person (busy, night,
 * off hours or working, and any public holiday), why each start ranks where it does, and the
 * holidays a series occurrence moved off.
 */
import { DateTime } from 'luxon';
import { formatInstantIn } from '../dates.ts';
import { holidayForPeople } from '../day-off-phrases.ts';
import { DAY_MS, plainDate } from '../intervals.ts';
import { localSpan } from '../local-times.ts';
import {
	iso,
	MIN,
	type HolidayNote,
	type LocalRow,
	type VirtualCandidate,
	type VirtualQuery
} from './model.ts';
import { holidayOf, isNight, isWorking, local, placeOfZone, type Person } from './people.ts';
import { scoreOf, type Eval, type Key } from './sweep.ts';

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

export function candidate(
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
export function holidayNote(
	ps: Person[],
	idx: number[],
	at: number,
	locale: string
): HolidayNote | null {
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
		text: `${date} (${holidayForPeople(name, off.length, ps.length)})`
	};
}
