/** People by any name: ids, initials, names (accents and case aside), roles, groups, mistakes. */
import { describe, expect, it } from 'vitest';
import seedJson from '../../../data/iww-2024.plan.json' with { type: 'json' };
import { resolvePeople } from './finder.ts';
import { foldName, resolveNames } from './people-names.ts';
import { indexPlan } from './plan-index.ts';
import { PlanFile, type PlanFileInput } from './schema.ts';

const seed = PlanFile.parse(seedJson);
const index = indexPlan(seed);
const PANEL = seed.groups.find((g) => g.id === 'leadership-panel')!.members;
// "Member (MAG Chair, ex officio)" is a member too.
const MEMBERS = seed.people.filter((p) => /^Member\b/.test(p.role)).map((p) => p.id);

describe('one name, one meaning', () => {
	it.each([
		['lise-fuhr', ['lise-fuhr'], 'person'],
		['LF', ['lise-fuhr'], 'person'],
		['lf', ['lise-fuhr'], 'person'],
		['Lise Fuhr', ['lise-fuhr'], 'person'],
		['  lise   FUHR ', ['lise-fuhr'], 'person'],
		['Fuhr', ['lise-fuhr'], 'person'],
		['Celine Bal', ['celine-bal'], 'person'],
		['CÉLINE BAL', ['celine-bal'], 'person'],
		['Céline Bal', ['celine-bal'], 'person'],
		['Gbenga Sesan', ['gbenga-sesan'], 'person'],
		["'Gbenga Sesan", ['gbenga-sesan'], 'person'],
		['Chair', ['vint-cerf'], 'role'],
		['chair', ['vint-cerf'], 'role'],
		['all Chair', ['vint-cerf'], 'role'],
		['Vice-Chair', ['maria-ressa'], 'role'],
		['vice chair', ['maria-ressa'], 'role'],
		['all members', PANEL, 'role'],
		['Panel', PANEL, 'group'],
		['leadership-panel', PANEL, 'group'],
		['IGF Leadership Panel', PANEL, 'group'],
		['all Sect', seed.groups.find((g) => g.id === 'igf-secretariat')!.members, 'group'],
		['everyone', seed.people.map((p) => p.id), 'role']
	] as const)('%j → %j (%s)', (token, ids, kind) => {
		const r = resolveNames(index, [token]);
		expect(r.problems).toEqual([]);
		expect(r.matches[0]?.kind).toBe(kind);
		expect(new Set(r.ids)).toEqual(new Set(ids));
	});

	it('"Chair" is not the Vice-Chair, and the Vice-Chair is not the Chair', () => {
		expect(seed.people.find((p) => p.id === 'vint-cerf')?.role).toBe('Chair');
		expect(seed.people.find((p) => p.id === 'maria-ressa')?.role).toBe('Vice-Chair');
	});
});

describe('mistakes and ambiguity are reported with suggestions', () => {
	it.each([
		['Lise Fur', 'unknown', 'did you mean Lise Fuhr (LF)?'],
		['lise fuh', 'unknown', 'Lise Fuhr (LF)'],
		['Maria', 'ambiguous', 'Maria Ressa (MR) or Maria Fernanda Garza (MG)'],
		['Nobody Here', 'unknown', 'use a name, initials, group or role']
	] as const)('%j is %s', (token, kind, text) => {
		const r = resolveNames(index, ['LF', token]);
		expect(r.problems).toHaveLength(1);
		expect(r.problems[0]).toMatchObject({ token, kind, position: 1 });
		expect(r.problems[0]?.message).toContain(text);
	});

	it('resolvePeople keeps its contract: ids, and what it could not resolve', () => {
		expect(resolvePeople(index, ['LF', 'Lise Fur', 'Chair'])).toEqual({
			ids: ['lise-fuhr', 'vint-cerf'],
			unknown: ['Lise Fur']
		});
	});
});

describe('"all members" in any plan', () => {
	const input = seedJson as unknown as PlanFileInput;
	it('without a panel group, means everyone whose role is Member (the dangling else)', () => {
		const plan = PlanFile.parse({
			...input,
			groups: input.groups?.map((g) => ({ ...g, kind: g.kind === 'panel' ? 'body' : g.kind }))
		});
		const r = resolveNames(indexPlan(plan), ['all members']);
		expect(r.problems).toEqual([]);
		expect(new Set(r.ids)).toEqual(new Set(MEMBERS));
		expect(resolvePeople(indexPlan(plan), ['all Chair']).ids).toEqual(['vint-cerf']);
	});
	it('with two people of the same initials, the initials are ambiguous', () => {
		const plan = PlanFile.parse({
			...input,
			people: [
				...(input.people ?? []),
				{ id: 'lena-fischer', name: 'Lena Fischer', initials: 'LF', role: 'Member', zone: 'UTC' }
			]
		});
		const r = resolveNames(indexPlan(plan), ['LF']);
		expect(r.problems[0]?.kind).toBe('ambiguous');
		expect(r.problems[0]?.message).toContain('Lise Fuhr (LF)');
	});
	it('folds names the same way for every comparison', () => {
		expect(foldName('  Émilie  O’Brien-Çelik ')).toBe('emilie o brien celik');
	});
});
