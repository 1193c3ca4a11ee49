/**
 * The clash engine's brute-force oracle, for the tests and the bench only: every pair of a
 * person's commitments is compared (no sort, no sweep) and everything is derived afresh (no
 * cache), so it shares nothing with the sweep but classifyPair and the wording. The sweep's
 * answers must equal these.
 */
import { DEFAULT_CLASH_OPTIONS, type Clash, type ClashOptions } from './clash-model.ts';
import { planClashes } from './clash-plan.ts';
import { classifyPair, liveOf, type PairFinding, type PersonFindings } from './clash-sweep.ts';
import { commitmentsByPerson, type PersonCommitment } from './commitments.ts';
import type { PlanIndex } from './plan-index.ts';
import type { TravelRule } from './travel.ts';

/** The brute-force oracle: every pair of a person's commitments. */
function allPairs(
	byPerson: Map<string, PersonCommitment[]>,
	index: PlanIndex,
	rule: TravelRule
): PairFinding[] {
	const out: PairFinding[] = [];
	for (const list of byPerson.values()) {
		for (let i = 0; i < list.length; i++) {
			for (let j = i + 1; j < list.length; j++) {
				const f = classifyPair(list[i]!, list[j]!, index, rule);
				if (f) out.push(f);
			}
		}
	}
	return out;
}

/** Every person's findings as one list, all `shared` (merged globally, nothing kept). */
function oracleFindings(index: PlanIndex, o: ClashOptions): PersonFindings[] {
	const byPerson = commitmentsByPerson(index, o.commitments, false);
	for (const [person, list] of byPerson) byPerson.set(person, liveOf(index, list, o.today));
	const all = allPairs(byPerson, index, o.travel);
	return [{ all, shared: all, own: [] }];
}

/** personPairFindings by brute force. */
export function personPairFindingsOracle(
	index: PlanIndex,
	options: Partial<ClashOptions> = {}
): PairFinding[] {
	return oracleFindings(index, { ...DEFAULT_CLASH_OPTIONS, ...options })[0]?.all ?? [];
}

/** findClashes by brute force, nothing reused. */
export function findClashesOracle(index: PlanIndex, options: Partial<ClashOptions> = {}): Clash[] {
	const o = { ...DEFAULT_CLASH_OPTIONS, ...options };
	return planClashes(index, oracleFindings(index, o), o, false);
}
