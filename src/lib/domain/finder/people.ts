/**
 * Who the in-person finder looks at: the names an organizer types resolved to people, the
 * required and optional lists without repeats, and every person's commitments, derived once per
 * plan (`commitments.ts`, the clash engine's own) and shared by every search.
 */
import {
	commitmentsByPerson,
	DEFAULT_COMMITMENT_OPTIONS,
	type PersonCommitment
} from '../commitments.ts';
import { resolveNames } from '../people-names.ts';
import type { PlanIndex } from '../plan-index.ts';
import type { InPersonQuery } from './model.ts';

export type PeopleResolution = { ids: string[]; unknown: string[] };

/**
 * Turns what an organizer types into person ids: ids, initials, full names, groups, roles,
 * "all members", "everyone" (see `resolveNames`, which also says what was meant and suggests
 * names for the rest). Unknown and ambiguous words are returned, not dropped.
 */
export function resolvePeople(index: PlanIndex, tokens: readonly string[]): PeopleResolution {
	const r = resolveNames(index, tokens);
	return { ids: r.ids, unknown: r.problems.map((p) => p.token) };
}

/** Commitments per person, derived once per plan and shared by every search. */
export type FinderPlan = {
	index: PlanIndex;
	byPerson: Map<string, PersonCommitment[]>;
};

export function prepareFinder(index: PlanIndex): FinderPlan {
	return { index, byPerson: commitmentsByPerson(index, DEFAULT_COMMITMENT_OPTIONS) };
}

/** Required people once each, and optional people once each who are not also required. */
export function uniquePeople(q: InPersonQuery): { required: string[]; optional: string[] } {
	const required = [...new Set(q.required)];
	const req = new Set(required);
	return { required, optional: [...new Set(q.optional)].filter((p) => !req.has(p)) };
}
