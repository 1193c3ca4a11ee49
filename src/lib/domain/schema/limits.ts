/**
 * How long each list in a plan may be, and the zod array that says so in a sentence a person can
 * act on ("too many people: a plan holds at most 5,000 people").
 */
import { z } from 'zod';

/**
 * The most entries a plan may hold in each list, so that a file (an upload, the API, the CLI)
 * cannot make every later read and clash check crawl. Ten times and more what a large process
 * needs, and above the bench plan (1,000 people, 5,000 items, 20,000 assignments, 50,000 busy
 * periods); commitments leave room for 200,000 busy periods per plan (the availability limit)
 * plus the organizers' event commitments.
 */
export const PLAN_LIMITS = {
	people: 5_000,
	groups: 1_000,
	locations: 2_000,
	items: 20_000,
	assignments: 100_000,
	dependencies: 50_000,
	commitments: 250_000,
	/** Members of one group: at most every person. */
	groupMembers: 5_000
} as const;

/** A list of `entry` no longer than PLAN_LIMITS[list]. */
export const capped = <T extends z.ZodType>(entry: T, list: keyof typeof PLAN_LIMITS) => {
	const max = PLAN_LIMITS[list];
	const what = list === 'groupMembers' ? 'members: a group holds' : `${list}: a plan holds`;
	const noun = list === 'groupMembers' ? 'members' : list;
	return z.array(entry).max(max, `too many ${what} at most ${max.toLocaleString('en-GB')} ${noun}`);
};
