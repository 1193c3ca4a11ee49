/**
 * The finder's answer as advice: one sentence for the best window, equivalent windows grouped
 * ("also 19–20 and 20–21 Feb"), why each group ranks below the one above (never a raw score),
 * reasons shared by every window said once, and why each day of the heat strip cannot start a
 * meeting. Pure: the finder's result and a name lookup in, words out.
 */
import { addDays, formatBounds, formatDay, isoWeekday, resolve } from './dates.ts';
import { runsIntoDayOff } from './day-off-phrases.ts';
import type { Absence, HeatDay, InPersonCandidate, InPersonResult } from './finder.ts';
import type { PlainDate } from './schema.ts';

export type CandidateGroup = {
	/** The best-placed window of the group, shown in full. */
	first: InPersonCandidate;
	/** Equivalent windows (same people, same reasons): "also 19–20 and 20–21 Feb". */
	also: { start: PlainDate; end: PlainDate; label: string }[];
	alsoText: string | null;
	/** Why this group ranks below the previous one; null for the first. */
	why: string | null;
	/** The people of `first.ifNeedBe` not already covered by the answer's shared reasons. */
	ifNeedBe: Absence[];
};

export type Advice = {
	/** "18–19 Feb 2024 works for everyone required; 2 of 5 optional can't come: A, B." */
	headline: string | null;
	groups: CandidateGroup[];
	/** People who can come only if need be to every window, with the reason, said once. */
	shared: { person: string; name: string; reason: string }[];
	/** Every day the strip shows that cannot start a meeting, with why. */
	blocked: { date: PlainDate; label: string; why: string }[];
};

const shortRange = (start: PlainDate, end: PlainDate) =>
	formatBounds(
		resolve(start === end ? { type: 'day', date: start } : { type: 'range', start, end })
	);

function list(names: string[]): string {
	if (names.length <= 1) return names[0] ?? '';
	return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

function people(n: number, word = 'person'): string {
	return `${n} ${n === 1 ? word : word === 'person' ? 'people' : `${word}s`}`;
}

/** Same people in the same standing: two windows a reader cannot tell apart but for the dates. */
function keyOf(c: InPersonCandidate): string {
	const ids = (xs: Absence[]) => xs.map((x) => x.person).join(',');
	return [
		c.allRequired,
		c.attending.join(','),
		ids(c.missing),
		ids(c.ifNeedBe),
		c.breaks.length,
		c.daysOff.length
	].join('|');
}

/** Why `b` ranks below `a`, in the finder's own order of criteria. */
function whyBelow(
	a: InPersonCandidate,
	b: InPersonCandidate,
	name: (id: string) => string
): string {
	const gone = (x: InPersonCandidate, y: InPersonCandidate) => {
		const there = new Set(y.attending);
		return x.attending.filter((p) => !there.has(p)).map(name);
	};
	if (a.allRequired && !b.allRequired)
		return `Not every required person can come (${list(b.missing.map((m) => name(m.person)).slice(0, 5))}).`;
	if (b.requiredAttending < a.requiredAttending)
		return `${people(a.requiredAttending - b.requiredAttending, 'required person')} fewer can come.`;
	if (b.optionalAttending < a.optionalAttending) {
		const who = gone(a, b);
		return `${a.optionalAttending - b.optionalAttending} fewer optional can come${who.length && who.length <= 5 ? ` (${list(who)})` : ''}.`;
	}
	if (b.ifNeedBe.length > a.ifNeedBe.length)
		return `${people(b.ifNeedBe.length - a.ifNeedBe.length)} more could come only if need be.`;
	return 'Same people; later in the search window.';
}

/** Why no meeting of `days` days can start on `d`, from the host's days off around it. */
function blockedWhy(heat: HeatDay[], i: number, days: number, to: PlainDate): string {
	const d = heat[i]!;
	if (d.off) return d.off;
	for (let k = 1; k < days; k++) {
		const next = heat[i + k];
		const date = addDays(d.date, k);
		if (!next) return `a ${days}-day meeting would end after ${formatDay(to)}`;
		if (next.off) return runsIntoDayOff(days, next.off, formatDay(date));
	}
	return 'no meeting can start';
}

export function advise(
	r: InPersonResult,
	q: { days: number; to: PlainDate },
	name: (id: string) => string
): Advice {
	// People who can come only if need be to every window: one reason, once.
	const cands = r.candidates;
	const sharedIds = cands.length
		? cands
				.map((c) => new Set(c.ifNeedBe.map((x) => x.person)))
				.reduce((acc, s) => new Set([...acc].filter((p) => s.has(p))))
		: new Set<string>();
	const shared = [...sharedIds].map((person) => ({
		person,
		name: name(person),
		reason: cands[0]?.ifNeedBe.find((x) => x.person === person)?.reasons[0] ?? ''
	}));
	const blocked = r.heat.flatMap((d, i) =>
		d.attending === null
			? [
					{
						date: d.date,
						label: formatDay(d.date),
						why: blockedWhy(r.heat, i, q.days, q.to)
					}
				]
			: []
	);
	return {
		headline: headlineOf(r, name),
		groups: groupCandidates(cands, sharedIds, name),
		shared,
		blocked
	};
}

/** Equivalent windows grouped, each group with why it ranks below the one above. */
function groupCandidates(
	cands: readonly InPersonCandidate[],
	sharedIds: ReadonlySet<string>,
	name: (id: string) => string
): CandidateGroup[] {
	const groups: CandidateGroup[] = [];
	const byKey = new Map<string, CandidateGroup>();
	for (const c of cands) {
		const key = keyOf(c);
		const g = byKey.get(key);
		if (g) {
			g.also.push({ start: c.start, end: c.end, label: c.label });
			continue;
		}
		const prev = groups.at(-1);
		const ng: CandidateGroup = {
			first: c,
			also: [],
			alsoText: null,
			why: prev ? whyBelow(prev.first, c, name) : null,
			ifNeedBe: c.ifNeedBe.filter((x) => !sharedIds.has(x.person))
		};
		byKey.set(key, ng);
		groups.push(ng);
	}
	for (const g of groups)
		g.alsoText = g.also.length
			? `also ${list(g.also.map((w) => shortRange(w.start, w.end)))}`
			: null;
	return groups;
}

/** The one sentence for the best window: who it works for, and who it misses. */
function headlineOf(r: InPersonResult, name: (id: string) => string): string | null {
	const top = r.candidates[0];
	if (!top) return null;
	const optional = r.optional.length;
	const when = shortRange(top.start, top.end);
	const missingOptional = top.missing.filter((m) => !r.required.includes(m.person));
	if (top.allRequired) {
		const opt =
			optional === 0
				? ''
				: missingOptional.length === 0
					? optional === 1
						? '; the optional person can come too'
						: `; all ${optional} optional can come too`
					: `; ${missingOptional.length} of ${optional} optional can't come: ${list(missingOptional.map((m) => name(m.person)).slice(0, 5))}${missingOptional.length > 5 ? ' and others' : ''}`;
		return `${when} works for everyone required${opt}.`;
	}
	const req = top.missing.filter((m) => r.required.includes(m.person)).map((m) => name(m.person));
	return `No window suits every required person; the closest, ${when}, misses ${list(req.slice(0, 5))}${req.length > 5 ? ' and others' : ''}.`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The strip's labels for a day: its weekday, and its month on the 1st (or the first cell). */
export function dayLabels(
	date: PlainDate,
	first: boolean
): { weekday: string; month: string | null } {
	return {
		weekday: WEEKDAYS[isoWeekday(date) - 1] ?? '',
		month:
			first || date.slice(8) === '01'
				? `${MONTHS[Number(date.slice(5, 7)) - 1] ?? ''} ${date.slice(0, 4)}`
				: null
	};
}
