/**
 * Fuzzing the PlanFile reader: arbitrary JSON, the real plan with parts replaced by arbitrary
 * values, and truncated plan text. parsePlanJson returns a plan or throws PlanValidationError,
 * never anything else.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanValidationError, parsePlanJson } from '../server/plan-repository.ts';
import { FUZZ_SEED, cpuMs, fuzzRuns } from './fuzz.test-helper.ts';

const seedText = readFileSync(new URL('../../../data/iww-2024.plan.json', import.meta.url), 'utf8');
const seedPlan = JSON.parse(seedText) as Record<string, unknown>;
const keys = Object.keys(seedPlan);

/** The real plan with one path (top-level key, maybe an array element and a field) replaced. */
const mutated = fc
	.tuple(fc.constantFrom(...keys), fc.nat(), fc.string({ maxLength: 12 }), fc.jsonValue())
	.map(([key, index, field, value]) => {
		const plan = structuredClone(seedPlan);
		const part = plan[key];
		if (Array.isArray(part) && part.length > 0) {
			const i = index % part.length;
			const el: unknown = part[i];
			if (el && typeof el === 'object' && !Array.isArray(el)) {
				const fields = Object.keys(el);
				const f = fields.length && index % 2 ? fields[index % fields.length]! : field;
				(el as Record<string, unknown>)[f] = value;
			} else part[i] = value;
		} else plan[key] = value;
		return JSON.stringify(plan);
	});
const truncated = fc.nat({ max: seedText.length }).map((n) => seedText.slice(0, n));
const input = fc.oneof(mutated, truncated, fc.json(), fc.string({ maxLength: 200 }));

describe('parsePlanJson under generated input', () => {
	it('returns a plan or throws PlanValidationError, never anything else', () => {
		let valid = 0;
		fc.assert(
			fc.property(input, (text) => {
				const t0 = cpuMs();
				try {
					const plan = parsePlanJson(text);
					expect(plan.items.length).toBeGreaterThanOrEqual(0);
					valid++;
				} catch (e) {
					if (!(e instanceof PlanValidationError)) throw e;
					expect(e.issues.length).toBeGreaterThan(0);
				}
				expect(cpuMs() - t0).toBeLessThan(2000);
			}),
			{ seed: FUZZ_SEED, numRuns: fuzzRuns(2000) }
		);
		// Some mutations keep the plan valid: the valid path is exercised too.
		expect(valid).toBeGreaterThan(0);
	}, 300_000);
});
