import { describe, expect, it } from 'vitest';
import seedJson from '../../../data/iww-2024.plan.json' with { type: 'json' };
import { indexPlan } from '#lib/domain/plan-index.ts';
import { PlanFile } from '#lib/domain/schema.ts';
import { derived, forget } from './derived.ts';

const plan = PlanFile.parse(seedJson);

describe('derived data per plan version', () => {
	it('computes once per version and key, and again for another version', () => {
		const v1 = indexPlan(plan);
		const v2 = indexPlan(plan);
		let runs = 0;
		const count = () => ++runs;
		expect(derived(v1, 'k', count)).toBe(1);
		expect(derived(v1, 'k', count)).toBe(1);
		expect(derived(v1, 'other', count)).toBe(2);
		// Equal content, another version: never the first version's answer.
		expect(derived(v2, 'k', count)).toBe(3);
		forget(v1, 'k');
		expect(derived(v1, 'k', count)).toBe(4);
		expect(derived(v1, 'other', count)).toBe(2);
	});

	it('keeps a bounded number of entries per version', () => {
		const v = indexPlan(plan);
		for (let i = 0; i < 2000; i++) derived(v, `k${i}`, () => i);
		let recomputed = false;
		derived(v, 'k0', () => (recomputed = true));
		// Past the bound the version starts over: k0 had to be computed again.
		expect(recomputed).toBe(true);
	});
});
