import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import seed from '../../../data/iww-2024.plan.json' with { type: 'json' };
import { findHost } from './cities.ts';
import { addDays } from './dates.ts';
import { findInPersonOracle } from './finder.oracle.test-helper.ts';
import {
	DEFAULT_IN_PERSON,
	findInPerson,
	prepareFinder,
	resolvePeople,
	type InPersonQuery
} from './finder.ts';
import { daysOff } from './host-calendar.ts';
import { epochDay } from './intervals.ts';
import { CITIES, generatePlan } from './plan-generator.test-helper.ts';
import { indexPlan } from './plan-index.ts';
import { PlanFile } from './schema.ts';
import { findVirtualOracle } from './virtual-finder.oracle.test-helper.ts';
import { DEFAULT_VIRTUAL, findVirtual } from './virtual-finder.ts';

const index = indexPlan(PlanFile.parse(seed));
const fp = prepareFinder(index);
const members = resolvePeople(index, ['all members']).ids;

const riyadh = (over: Partial<InPersonQuery> = {}): InPersonQuery => ({
	...DEFAULT_IN_PERSON,
	host: findHost(index, 'Riyadh')!,
	days: 2,
	from: '2024-02-15',
	to: '2024-03-10',
	required: members,
	optional: [],
	ignoreItem: 'riyadh-meeting-2024',
	...over
});

describe('naming people', () => {
	it('takes ids, initials, groups and "all members", and returns unknown words', () => {
		expect(members).toHaveLength(13);
		expect(members).toContain('hiroshi-yoshida');
		const r = resolvePeople(index, ['LF', 'vint-cerf', 'Sect', 'Nobody']);
		expect(r.ids).toEqual(
			expect.arrayContaining(['lise-fuhr', 'vint-cerf', 'celine-bal', 'anja-gengo'])
		);
		expect(r.unknown).toEqual(['Nobody']);
	});
});

describe('in person in Riyadh, late February 2024', () => {
	const r = findInPerson(fp, riyadh());

	it('never proposes the Riyadh weekend (Fri–Sat) or Founding Day (22 Feb)', () => {
		expect(r.satisfiable).toBe(true);
		for (const c of r.candidates)
			for (let d = c.start; d <= c.end; d = addDays(d, 1))
				expect(daysOff(riyadh().host, epochDay(d)), d).toEqual([]);
		expect(r.heat.find((h) => h.date === '2024-02-22')).toMatchObject({
			attending: null,
			off: 'Founding Day'
		});
	});

	it('ranks windows everyone can attend first, then fewest compromises, then earliest', () => {
		const keys = r.candidates.map((c) => [c.allRequired, c.requiredAttending, c.ifNeedBe.length]);
		expect(r.candidates[0]!.allRequired).toBe(true);
		for (let i = 1; i < r.candidates.length; i++) {
			const a = r.candidates[i - 1]!;
			const b = r.candidates[i]!;
			expect(a.score >= b.score, JSON.stringify(keys)).toBe(true);
			if (a.score === b.score) expect(a.start < b.start).toBe(true);
		}
		// No window during MWC: LF, HD, HY are in Barcelona 26–29 Feb plus a travel day.
		expect(r.candidates.some((c) => c.start >= '2024-02-25' && c.start <= '2024-03-01')).toBe(
			false
		);
	});

	it('explains the proposed "25 or 26 to 27 or 28 February": MWC and the travel day', () => {
		const q = riyadh({ windows: [{ start: '2024-02-26', end: '2024-02-27' }] });
		const [p] = findInPerson(fp, q).proposed;
		expect(p!.allRequired).toBe(false);
		expect(p!.missing.map((m) => m.person).sort()).toEqual([
			'hatem-dowidar',
			'hiroshi-yoshida',
			'lise-fuhr'
		]);
		const lf = p!.missing.find((m) => m.person === 'lise-fuhr')!;
		expect(lf.reasons.join(' ')).toMatch(/MWC Barcelona 2024/);
		expect(lf.reasons.join(' ')).toMatch(/Barcelona–Riyadh .* needs a travel day/);
		expect(p!.breaks.join(' ')).toMatch(/3 required people cannot come/);
	});

	it('names weekend and holiday as reasons when a proposed window falls on them', () => {
		const [p] = findInPerson(
			fp,
			riyadh({ windows: [{ start: '2024-02-22', end: '2024-02-23' }] })
		).proposed;
		expect(p!.breaks.join(' ')).toMatch(/Founding Day, a public holiday in Riyadh/);
		expect(p!.breaks.join(' ')).toMatch(/weekend in Riyadh \(Friday–Saturday\)/);
	});

	it('says when no window suits everyone and shows the best partial ones with their cost', () => {
		const q = riyadh({ from: '2024-02-25', to: '2024-02-29' });
		const res = findInPerson(fp, q);
		expect(res.satisfiable).toBe(false);
		expect(res.candidates.length).toBeGreaterThan(0);
		for (const c of res.candidates) {
			expect(c.missing.length).toBeGreaterThan(0);
			for (const m of c.missing) expect(m.reasons.length).toBeGreaterThan(0);
		}
	});

	it('a travel day alone keeps someone away: the day after MWC in Riyadh', () => {
		const res = findInPerson(
			fp,
			riyadh({
				required: ['lise-fuhr'],
				windows: [{ start: '2024-03-01', end: '2024-03-02' }],
				avoidWeekends: false
			})
		);
		const [p] = res.proposed;
		expect(p!.missing[0]!.reasons[0]).toMatch(/travel day/);
	});
});

describe('fast search against the brute-force oracle (the clash engine pair by pair)', () => {
	it('returns the same ranked windows, and every window honours every hard rule', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 2 ** 31 - 1 }),
				fc.integer({ min: 1, max: 4 }),
				fc.integer({ min: 0, max: 8 }),
				fc.boolean(),
				fc.boolean(),
				fc.integer({ min: 0, max: 6 }),
				(seedN, days, city, weekends, holidays, min) => {
					const plan = generatePlan(
						{ people: 12, items: 40, assignments: 80, busy: 120, days: 60 },
						seedN
					);
					const idx = indexPlan(PlanFile.parse(plan));
					const f = prepareFinder(idx);
					const q: InPersonQuery = {
						...DEFAULT_IN_PERSON,
						host: CITIES[city]!,
						days,
						from: '2024-01-10',
						to: '2024-02-20',
						required: ['p0', 'p1', 'p2', 'p3'],
						optional: ['p4', 'p5', 'p6', 'p7', 'p3'],
						minAttendees: min,
						avoidWeekends: weekends,
						avoidHolidays: holidays,
						limit: 50
					};
					const fast = findInPerson(f, q);
					const oracle = findInPersonOracle(f, q);
					expect(fast.satisfiable).toBe(oracle.satisfiable);
					expect(
						fast.candidates.map((c) => ({
							start: c.start,
							end: c.end,
							score: c.score,
							attending: c.attending
						}))
					).toEqual(
						oracle.windows.map(({ start, end, score, attending }) => ({
							start,
							end,
							score,
							attending
						}))
					);
					for (const c of fast.candidates) {
						expect(c.start >= q.from && c.end <= q.to).toBe(true);
						expect(epochDay(c.end) - epochDay(c.start) + 1).toBe(days);
						for (let d = epochDay(c.start); d <= epochDay(c.end); d++)
							for (const o of daysOff(q.host, d)) {
								if (weekends) expect(o.reason).not.toBe('weekend');
								if (holidays) expect(o.reason).not.toBe('holiday');
							}
						if (fast.satisfiable) {
							expect(c.allRequired).toBe(true);
							expect(c.attending.length).toBeGreaterThanOrEqual(min);
						}
						for (const m of c.missing) expect(m.reasons.length).toBeGreaterThan(0);
					}
				}
			),
			{ numRuns: 40 }
		);
	});
});

describe('virtual', () => {
	const q = {
		...DEFAULT_VIRTUAL,
		minutes: 60,
		from: '2023-12-18',
		to: '2023-12-19',
		required: members,
		optional: [],
		starts: ['2023-12-18T16:00Z']
	};

	it('shows the 18 Dec 2023 16:00 UTC call as 01:00 for Hiroshi Yoshida, in the night', () => {
		const r = findVirtual(fp, q);
		const hy = r.proposed[0]!.rows.find((x) => x.person === 'hiroshi-yoshida')!;
		expect(hy.local).toMatch(/Tue 19 Dec 2023, 01:00/);
		expect(hy.night).toBe(true);
		expect(r.proposed[0]!.night).toContain('hiroshi-yoshida');
		const mg = r.proposed[0]!.rows.find((x) => x.person === 'maria-fernanda-garza')!;
		expect(mg.time).toBe('10:00–11:00');
	});

	it('ranks like the luxon oracle: fewest in the night, then most in working hours', () => {
		for (const seedN of [1, 2, 3]) {
			const plan = generatePlan(
				{ people: 15, items: 30, assignments: 60, busy: 200, days: 20 },
				seedN
			);
			const f = prepareFinder(indexPlan(PlanFile.parse(plan)));
			const vq = {
				...DEFAULT_VIRTUAL,
				minutes: 90,
				from: '2024-01-02',
				to: '2024-01-05',
				required: ['p0', 'p1', 'p2', 'p3', 'p4'],
				optional: ['p5', 'p6', 'p7', 'p8'],
				limit: 40
			};
			const fast = findVirtual(f, vq).candidates.map((c) => ({
				start: c.start,
				night: c.night,
				working: c.working,
				missing: c.missing.map((m) => m.person)
			}));
			expect(fast).toEqual(findVirtualOracle(f, vq));
		}
	});

	it('rotates the bad hour in a series and keeps running counts', () => {
		// Four zones six hours apart, none with DST: every hour of the day is someone's night.
		const zones = ['Asia/Tokyo', 'Asia/Riyadh', 'America/Sao_Paulo', 'Pacific/Gambier'];
		const round = prepareFinder(
			indexPlan(
				PlanFile.parse({
					version: 1,
					name: 'Round the world',
					people: zones.map((zone, i) => ({ id: `z${i}`, name: zone, zone })),
					items: []
				})
			)
		);
		const r = findVirtual(round, {
			...DEFAULT_VIRTUAL,
			minutes: 60,
			from: '2024-03-04',
			to: '2024-03-04',
			required: ['z0', 'z1', 'z2', 'z3'],
			optional: [],
			occurrences: 8,
			everyDays: 7
		});
		expect(r.series).toHaveLength(8);
		for (const s of r.series) expect(s.night.length).toBe(1);
		// Nobody takes it twice before everyone has taken it once.
		expect(
			r.series
				.slice(0, 4)
				.flatMap((s) => s.night)
				.sort()
		).toEqual(['z0', 'z1', 'z2', 'z3']);
		expect(r.series.at(-1)!.counts.map((x) => x.count)).toEqual([2, 2, 2, 2]);
	});
});

describe('reasons on a large search', () => {
	it('writes every reason for required people, summarizes optional ones beyond the cap, and says so', () => {
		const plan = generatePlan({ people: 120, items: 300, assignments: 1200, busy: 3000 }, 2024);
		const big = prepareFinder(indexPlan(plan));
		const ids = plan.people.map((p) => p.id);
		const q: InPersonQuery = {
			...DEFAULT_IN_PERSON,
			host: CITIES[0]!,
			days: 2,
			from: '2024-03-01',
			to: '2024-05-31',
			required: ids.slice(0, 10),
			optional: ids.slice(10),
			detail: 3,
			limit: 3
		};
		const r = findInPerson(big, q);
		const full = findInPerson(big, {
			...q,
			limit: 0,
			windows: r.candidates.map((c) => ({ start: c.start, end: c.end }))
		}).proposed;
		expect(r.candidates.some((c) => c.summarized > 0)).toBe(true);
		for (const [k, c] of r.candidates.entries()) {
			const f = full[k]!;
			expect(f.summarized).toBe(0);
			// Same people missing and only if need be, same score: only the wording is shorter.
			expect(c.missing.map((m) => m.person)).toEqual(f.missing.map((m) => m.person));
			expect(c.ifNeedBe.map((m) => m.person)).toEqual(f.ifNeedBe.map((m) => m.person));
			expect(c.score).toBe(f.score);
			let short = 0;
			for (const m of [...c.missing, ...c.ifNeedBe]) {
				const all = [...f.missing, ...f.ifNeedBe].find((x) => x.person === m.person)!;
				expect(m.reasons.length).toBeGreaterThan(0);
				if (q.required.includes(m.person)) expect(m.reasons).toEqual(all.reasons);
				else if (m.reasons.join(' ').includes('reasons summarized')) short++;
				else expect(m.reasons).toEqual(all.reasons);
			}
			expect(short).toBe(c.summarized);
			expect(c.missing.length + c.ifNeedBe.length - short).toBeLessThanOrEqual(
				q.detail + q.required.length
			);
		}
	});
});
