import { describe, expect, it } from 'vitest';
import seed from '../../../data/iww-2024.plan.json' with { type: 'json' };
import { PlanFile } from '../domain/schema.ts';
import { groupFormValues, parseGroupForm } from './group-form.ts';
import {
	deleteRefusal,
	groupReferences,
	parseNewPersonForm,
	personReferences
} from './person-form.ts';

const plan = PlanFile.parse(seed);

const form = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return f;
};

describe('what still refers to a person or group', () => {
	it('names the items, groups and commitments that hold a person', () => {
		const refs = personReferences(plan, 'lise-fuhr');
		expect(refs.some((r) => r.startsWith('assigned to'))).toBe(true);
		expect(refs.join('; ')).toContain('a member of');
		expect(personReferences(plan, 'nobody-at-all')).toEqual([]);
	});

	it('names the items a group runs', () => {
		const refs = groupReferences(plan, 'wg-whole-and-open');
		expect(refs.join('; ')).toMatch(/item/);
		expect(groupReferences(plan, 'no-such-group')).toEqual([]);
	});

	it('refuses a delete in one sentence naming what still refers, and allows an unused one', () => {
		const person = { kind: 'person' as const, id: 'lise-fuhr', name: 'Lise Fuhr' };
		expect(deleteRefusal(plan, person)).toMatch(/^Not deleted: Lise Fuhr is still assigned to/);
		const group = { kind: 'group' as const, id: 'wg-whole-and-open', name: 'WG' };
		expect(deleteRefusal(plan, group)).toMatch(/^Not deleted: WG is still the group of/);
		expect(deleteRefusal(plan, { kind: 'group', id: 'no-such-group', name: 'X' })).toBeNull();
	});
});

describe('the group form', () => {
	it('round-trips a group through its values, and names the field at fault', () => {
		const group = plan.groups.find((g) => g.id === 'wg-whole-and-open')!;
		const fields = form({ ...groupFormValues(group) });
		for (const m of group.members) fields.append('members', m);
		const parsed = parseGroupForm(fields, group);
		expect(parsed.success && parsed.data).toEqual({ ...group, zone: group.zone ?? null });
		const bad = parseGroupForm(form({ name: '', kind: 'nonsense' }), { id: 'new-group' });
		expect(bad.success).toBe(false);
		expect(bad.error?.issues.map((i) => i.path[0])).toEqual(expect.arrayContaining(['kind']));
	});
});

describe('parseNewPersonForm', () => {
	it('makes the id from the name and fills defaults', () => {
		const r = parseNewPersonForm(
			form({ name: 'Ada Lovelace', zone: 'Europe/London', start: '09:00', end: '17:00' }),
			plan
		);
		expect(r).toMatchObject({
			ok: true,
			person: { id: 'ada-lovelace', role: 'Member', zone: 'Europe/London' }
		});
	});

	it('refuses an id already used, and a zone that does not exist, each at its field', () => {
		const r = parseNewPersonForm(form({ name: 'Vint Cerf', zone: 'Nowhere/Special' }), plan);
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.errors.id).toContain('already used');
			expect(r.errors.zone).toBeDefined();
		}
	});
});
