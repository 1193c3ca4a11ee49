/**
 * Caps on a PlanFile's lists: one entry too many is refused with the list's name and its cap,
 * and the bench's large plan (and the availability limit of 200,000 busy periods) fits.
 */
import { describe, expect, it } from 'vitest';
import { PLAN_LIMITS, PlanFile, describeIssues } from './schema.ts';

const base = { version: 1, name: 'Caps', people: [], items: [] };
const person = (i: number) => ({ id: `p${i}`, name: `P ${i}` });
const item = (i: number) => ({ id: `i${i}`, kind: 'activity', title: 'T', when: { type: 'tbd' } });

/** Entries for each list, all valid against the one person and item of `refs`. */
const entry: Record<Exclude<keyof typeof PLAN_LIMITS, 'groupMembers'>, (i: number) => unknown> = {
	people: person,
	items: item,
	groups: (i) => ({ id: `g${i}`, name: 'G', kind: 'body' }),
	locations: (i) => ({ id: `l${i}`, city: 'C', country: 'CH', zone: 'UTC', lat: 0, lon: 0 }),
	assignments: (i) => ({ id: `a${i}`, item: 'i0', role: 'lead', who: 'TBD' }),
	dependencies: (i) => ({ id: `d${i}`, from: 'i0', to: 'i1' }),
	commitments: (i) => ({ id: `c${i}`, person: 'p0', source: 'busy', when: { type: 'tbd' } })
};

describe('PLAN_LIMITS', () => {
	it.each(Object.keys(entry) as (keyof typeof entry)[])(
		'refuses one %s too many, naming the list and its cap',
		(list) => {
			const max = PLAN_LIMITS[list];
			const make = entry[list];
			const entries = Array.from({ length: max + 1 }, (_, i) => make(i));
			const plan = {
				...base,
				people: [person(0)],
				items: [item(0), item(1)],
				[list]: entries
			};
			const t0 = performance.now();
			const r = PlanFile.safeParse(plan);
			expect(r.success).toBe(false);
			const lines = describeIssues(r.error!);
			expect(lines).toContain(
				`${list}: too many ${list}: a plan holds at most ${max.toLocaleString('en-GB')} ${list}`
			);
			expect(performance.now() - t0).toBeLessThan(10_000);
			// At the cap itself the list is fine.
			const ok = PlanFile.safeParse({ ...plan, [list]: entries.slice(0, max) });
			expect(
				describeIssues(ok.error ?? ({ issues: [] } as never)).filter((l) =>
					l.startsWith(`${list}:`)
				)
			).toEqual([]);
		},
		60_000
	);

	it('refuses a group with more members than the cap', () => {
		const r = PlanFile.safeParse({
			...base,
			groups: [
				{
					id: 'g',
					name: 'G',
					kind: 'body',
					members: Array.from({ length: PLAN_LIMITS.groupMembers + 1 }, () => 'p0')
				}
			]
		});
		expect(describeIssues(r.error!)).toContain(
			'groups[0].members: too many members: a group holds at most 5,000 members'
		);
	});

	it('leaves room for the bench plan and 200,000 busy periods with outside commitments', () => {
		// bench/clashes.ts, writes.ts, finder.ts: 1,000 people, 5,000 items, 20,000 assignments,
		// 50,000 busy periods; the availability limit is 200,000 busy periods per plan.
		expect(PLAN_LIMITS.people).toBeGreaterThanOrEqual(1_000);
		expect(PLAN_LIMITS.items).toBeGreaterThanOrEqual(5_000);
		expect(PLAN_LIMITS.assignments).toBeGreaterThanOrEqual(20_000);
		expect(PLAN_LIMITS.commitments).toBeGreaterThanOrEqual(200_000 + 20_000);
	});
});
