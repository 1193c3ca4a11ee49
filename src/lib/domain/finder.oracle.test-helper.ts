/**
 * The in-person finder's brute-force oracle: every window × person × commitment through the clash
 * engine's `classifyPair`, ranked by the same key as the fast search (finder/search.ts). It lives
 * beside the tests that compare with it (and the bench imports it), not behind a public option.
 */
import { classifyPair } from './clashes.ts';
import { addDays } from './dates.ts';
import { meetingCommitment, withHost } from './finder/meeting.ts';
import { rankTallies, scoreOf, type InPersonQuery, type Tally } from './finder/model.ts';
import { uniquePeople, type FinderPlan } from './finder/people.ts';
import { daysOff } from './host-calendar.ts';
import { epochDay, plainDate } from './intervals.ts';
import type { PlainDate } from './schema.ts';

/**
 * Every window × person × commitment through the clash engine's `classifyPair`, ranked by the
 * same key. Slow on purpose: the tests and the bench compare the fast search with it.
 */
export function findInPersonOracle(
	fp: FinderPlan,
	q: InPersonQuery
): {
	satisfiable: boolean;
	windows: {
		start: PlainDate;
		end: PlainDate;
		score: number;
		attending: string[];
		compromises: string[];
	}[];
} {
	const { required, optional } = uniquePeople(q);
	const people = [...required, ...optional];
	const index = withHost(fp.index, q.host);
	const base = people.length + 1;
	const all: { t: Tally; attending: string[]; compromises: string[] }[] = [];
	for (let start = q.from; addDays(start, q.days - 1) <= q.to; start = addDays(start, 1)) {
		const end = addDays(start, q.days - 1);
		let off = false;
		for (let d = start; d <= end; d = addDays(d, 1))
			for (const o of daysOff(q.host, epochDay(d)))
				if (
					(o.reason === 'weekend' && q.avoidWeekends) ||
					(o.reason === 'holiday' && q.avoidHolidays)
				)
					off = true;
		if (off) continue;
		const attending: string[] = [];
		const compromises: string[] = [];
		let req = 0;
		let opt = 0;
		people.forEach((person, i) => {
			const meeting = meetingCommitment(person, q.host, start, end);
			let missing = false;
			let soft = false;
			for (const c of fp.byPerson.get(person) ?? []) {
				if (c.item !== null && c.item === q.ignoreItem) continue;
				const f = classifyPair(c, meeting, index, q.travel);
				if (!f) continue;
				if (f.severity === 'definite' && c.strength === 'hard') missing = true;
				else soft = true;
			}
			if (missing) return;
			attending.push(person);
			if (soft) compromises.push(person);
			if (i < required.length) req++;
			else opt++;
		});
		const t: Tally = {
			start: epochDay(start),
			req,
			opt,
			compromises: compromises.length,
			allRequired: req === required.length
		};
		all.push({ t, attending, compromises });
	}
	const good = (t: Tally) => t.allRequired && t.req + t.opt >= q.minAttendees;
	const satisfiable = all.some((a) => good(a.t));
	const pool = satisfiable ? all.filter((a) => good(a.t)) : all;
	pool.sort((a, b) => rankTallies(a.t, b.t));
	return {
		satisfiable,
		windows: pool.slice(0, q.limit).map((a) => ({
			start: plainDate(a.t.start),
			end: plainDate(a.t.start + q.days - 1),
			score: scoreOf(a.t, base),
			attending: a.attending,
			compromises: a.compromises
		}))
	};
}
