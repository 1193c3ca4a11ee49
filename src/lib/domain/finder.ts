/**
 * The in-person date finder: N consecutive days at a host location inside a search window, for
 * required and optional people, ranked and explained. It uses the clash engine's own rules: the
 * same commitments (`commitments.ts`), the same slot tests and travel rule (`clashes.ts`,
 * `travel.ts`), the same host weekends and holidays (`host-calendar.ts`), and the engine's own
 * sentences for why someone cannot come. Pure: the plan, the query and the viewer are arguments.
 *
 * Who can come to the window starting on day s: a person is *missing* when one of their hard
 * commitments clashes with it whatever its fuzzy dates turn out to be (the engine's `definite`);
 * they can come *if need be* when only a soft commitment clashes or a fuzzy one may (`possible`).
 *
 * Where each part lives, one concept per module under finder/:
 * - finder/model.ts: the query, the answer and the ranking key.
 * - finder/people.ts: who is asked (names resolved, lists de-duplicated) and their commitments.
 * - finder/grid.ts: the host's weekends and holidays over the search window.
 * - finder/search.ts: the fast search (a difference array per person, then prefix sums).
 * - finder/meeting.ts: the meeting as one more commitment, for the clash engine.
 * - finder/explain.ts: the sentences why a window suits some people and not others.
 * - finder.oracle.test-helper.ts: the brute force the tests and the bench compare with.
 *
 * This file only re-exports what the rest of the app uses, so importers need not know the layout.
 */
export { meetingCommitment } from './finder/meeting.ts';
export {
	DEFAULT_IN_PERSON,
	type Absence,
	type HeatDay,
	type InPersonCandidate,
	type InPersonQuery,
	type InPersonResult,
	type PersonStatus,
	type WindowDays
} from './finder/model.ts';
export {
	prepareFinder,
	resolvePeople,
	type FinderPlan,
	type PeopleResolution
} from './finder/people.ts';
export { findInPerson } from './finder/search.ts';
