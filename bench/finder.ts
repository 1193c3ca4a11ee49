/**
 * The date finder on a generated plan (the domain alone, no server), each search against its
 * brute-force oracle in the same run. In person: 365-day window, 1,000 people, 50,000 busy
 * periods (plus 5,000 items and 20,000 assignments, as the clash bench). Virtual: 30 days,
 * 50 people. "prepare" derives everyone's commitments once per plan (cached by the server).
 */
import { DEFAULT_IN_PERSON, findInPerson, prepareFinder } from '../src/lib/domain/finder.ts';
import { findInPersonOracle } from '../src/lib/domain/finder.oracle.test-helper.ts';
import { advise } from '../src/lib/domain/find-advice.ts';
import { resolveNames } from '../src/lib/domain/people-names.ts';
import { CITIES, generatePlan } from '../src/lib/domain/plan-generator.test-helper.ts';
import { indexPlan } from '../src/lib/domain/plan-index.ts';
import { findVirtualOracle } from '../src/lib/domain/virtual-finder.oracle.test-helper.ts';
import { DEFAULT_VIRTUAL, findVirtual } from '../src/lib/domain/virtual-finder.ts';

type Row = { bench: string; case: string; [metric: string]: string | number };

const round = (x: number) => Number(x.toFixed(1));

function best(runs: number, fn: () => unknown): { ms: number; result: unknown } {
	let ms = Infinity;
	let result: unknown;
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		result = fn();
		ms = Math.min(ms, performance.now() - t0);
	}
	return { ms, result };
}

export function finderBench(): Promise<Row[]> {
	const plan = generatePlan({ people: 1000, items: 5000, assignments: 20_000, busy: 50_000 }, 2024);
	const index = indexPlan(plan);
	const t0 = performance.now();
	const fp = prepareFinder(index);
	const prepareMs = performance.now() - t0;
	return Promise.resolve([
		{
			bench: 'finder',
			case: 'prepare commitments: 1,000 people, 50,000 busy, 5,000 items',
			best_ms: round(prepareMs)
		},
		...inPersonRows(plan, index, fp),
		...virtualRows(
			fp,
			plan.people.map((p) => p.id)
		)
	]);
}

type Plan = ReturnType<typeof generatePlan>;
type Prepared = ReturnType<typeof prepareFinder>;

/** Two days in person, in the first city, over a year: 20 people required, the rest optional. */
function inPersonQuery(ids: string[]) {
	return {
		...DEFAULT_IN_PERSON,
		host: CITIES[0]!,
		days: 2,
		from: '2024-01-01',
		to: '2024-12-30',
		required: ids.slice(0, 20),
		optional: ids.slice(20),
		limit: 10
	};
}

/** In person, a year, everyone asked: fast, rank only, as the page asks, and the oracle. */
function inPersonRows(plan: Plan, index: ReturnType<typeof indexPlan>, fp: Prepared): Row[] {
	const q = inPersonQuery(plan.people.map((p) => p.id));
	findInPerson(fp, q); // warm zone tables and holidays
	const fast = best(5, () => findInPerson(fp, q));
	// Ranking every window without writing the sentences for the top ten's absentees.
	const rankOnly = best(5, () => findInPerson(fp, { ...q, limit: 0 }));
	// What the page does: the names as typed (full names, in a different case) resolved, the
	// search, then the advice (headline, equivalent windows grouped, shared reasons, blocked days).
	const typed = plan.people.map((p, i) => (i % 2 ? p.name.toUpperCase() : p.name));
	const nameOf = (id: string) => index.people.get(id)?.name ?? id;
	const asked = best(5, () => {
		const required = resolveNames(index, typed.slice(0, 20)).ids;
		const optional = resolveNames(index, typed.slice(20)).ids;
		const r = findInPerson(fp, { ...q, required, optional });
		return advise(r, q, nameOf);
	});
	const oracle = best(1, () => findInPersonOracle(fp, q));
	const f = fast.result as ReturnType<typeof findInPerson>;
	const o = oracle.result as ReturnType<typeof findInPersonOracle>;
	const same =
		JSON.stringify(f.candidates.map((c) => [c.start, c.score, c.attending])) ===
		JSON.stringify(o.windows.map((w) => [w.start, w.score, w.attending]))
			? 'yes'
			: 'NO';
	return [
		{
			bench: 'finder',
			case: 'in person 365 days, 1,000 people: fast',
			best_ms: round(fast.ms),
			windows: f.considered,
			same_as_oracle: same
		},
		{
			bench: 'finder',
			case: 'in person 365 days, 1,000 people: names resolved + search + grouped advice',
			best_ms: round(asked.ms),
			groups: (asked.result as ReturnType<typeof advise>).groups.length,
			speedup_vs_oracle: round(oracle.ms / asked.ms)
		},
		{
			bench: 'finder',
			case: 'in person 365 days, 1,000 people: fast, rank only (no sentences)',
			best_ms: round(rankOnly.ms),
			speedup_vs_oracle: round(oracle.ms / rankOnly.ms)
		},
		{
			bench: 'finder',
			case: 'in person 365 days, 1,000 people: oracle',
			best_ms: round(oracle.ms)
		},
		{ bench: 'finder', case: 'in person speed-up oracle/fast', ratio: round(oracle.ms / fast.ms) }
	];
}

/** Virtual, a month of 15-minute steps, 50 people, four occurrences: fast and the oracle. */
function virtualRows(fp: Prepared, ids: string[]): Row[] {
	const vq = {
		...DEFAULT_VIRTUAL,
		minutes: 60,
		from: '2024-03-01',
		to: '2024-03-30',
		required: ids.slice(0, 10),
		optional: ids.slice(10, 50),
		occurrences: 4
	};
	findVirtual(fp, vq);
	const vfast = best(5, () => findVirtual(fp, vq));
	const voracle = best(1, () => findVirtualOracle(fp, vq));
	const vf = vfast.result as ReturnType<typeof findVirtual>;
	const vsame =
		JSON.stringify(vf.candidates.map((c) => [c.start, c.night, c.working])) ===
		JSON.stringify(
			(voracle.result as ReturnType<typeof findVirtualOracle>).map((c) => [
				c.start,
				c.night,
				c.working
			])
		)
			? 'yes'
			: 'NO';
	return [
		{
			bench: 'finder',
			case: 'virtual 30 days, 50 people, 15-min steps: fast',
			best_ms: round(vfast.ms),
			starts: vf.considered,
			same_as_oracle: vsame
		},
		{ bench: 'finder', case: 'virtual 30 days, 50 people: oracle', best_ms: round(voracle.ms) },
		{ bench: 'finder', case: 'virtual speed-up oracle/fast', ratio: round(voracle.ms / vfast.ms) }
	];
}
