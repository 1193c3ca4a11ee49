/** The finder's answer as advice, on the IWW plan's Riyadh search. */
import { describe, expect, it } from 'vitest';
import seed from '../../../data/iww-2024.plan.json' with { type: 'json' };
import { findHost } from './cities.ts';
import { advise, dayLabels } from './find-advice.ts';
import { DEFAULT_IN_PERSON, findInPerson, prepareFinder, type InPersonQuery } from './finder.ts';
import { resolveNames } from './people-names.ts';
import { indexPlan } from './plan-index.ts';
import { PlanFile } from './schema.ts';

const index = indexPlan(PlanFile.parse(seed));
const fp = prepareFinder(index);
const name = (id: string) => index.people.get(id)?.name ?? id;
const q: InPersonQuery = {
	...DEFAULT_IN_PERSON,
	host: findHost(index, 'Riyadh')!,
	days: 2,
	from: '2024-02-01',
	to: '2024-03-31',
	required: resolveNames(index, ['all members']).ids,
	optional: resolveNames(index, ['Sect']).ids,
	ignoreItem: 'riyadh-meeting-2024',
	windows: [{ start: '2024-02-26', end: '2024-02-27' }]
};

describe('advice for the Riyadh search', () => {
	const r = findInPerson(fp, q);
	const a = advise(r, q, name);

	it('says the top answer in one sentence, without scores', () => {
		expect(a.headline).toMatch(/^4–5 Feb 2024 works for everyone required; /);
		expect(a.headline).not.toMatch(/score/i);
	});

	it('groups equivalent windows and says why a group ranks lower', () => {
		expect(a.groups.length).toBeLessThan(r.candidates.length);
		const [first] = a.groups;
		expect(first?.why).toBeNull();
		expect(first?.alsoText).toMatch(/^also 5–6 Feb 2024, /);
		// Every candidate is shown once, either first in its group or among its equivalents.
		expect(a.groups.reduce((n, g) => n + 1 + g.also.length, 0)).toBe(r.candidates.length);
		for (const g of a.groups.slice(1)) expect(g.why).toBeTruthy();
	});

	it('gives a reason shared by every window once (the long fuzzy report item)', () => {
		expect(a.shared.map((s) => s.person)).toContain('vint-cerf');
		expect(a.shared.find((s) => s.person === 'vint-cerf')?.reason).toMatch(/early 2024/);
		for (const g of a.groups) expect(g.ifNeedBe.map((x) => x.person)).not.toContain('vint-cerf');
	});

	it('says why each blocked start day is blocked, Founding Day on the 22nd included', () => {
		const why = new Map(a.blocked.map((b) => [b.date, b.why]));
		expect(why.get('2024-02-21')).toMatch(/run into .*Founding Day.* on Thu 22 Feb 2024/);
		expect(why.get('2024-02-22')).toMatch(/Founding Day/);
		expect(why.get('2024-02-23')).toMatch(/weekend|Friday/i);
		expect(why.get('2024-03-31')).toMatch(/would end after/);
		expect(a.blocked.every((b) => b.why.length > 0)).toBe(true);
	});

	it('labels days with their weekday, and months where they start', () => {
		expect(dayLabels('2024-02-22', false)).toEqual({ weekday: 'Thu', month: null });
		expect(dayLabels('2024-03-01', false)).toEqual({ weekday: 'Fri', month: 'Mar 2024' });
		expect(dayLabels('2024-02-15', true).month).toBe('Feb 2024');
	});
});
