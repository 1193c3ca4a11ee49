/**
 * What a clash is: its kinds in display order, its severities, its shape, and the options every
 * part of the engine reads.
 *
 * Severity: `definite` when the problem holds however the fuzzy dates fall (every candidate
 * window, every day of "early May"); `possible` when some way they could fall has it. A fuzzy
 * window's possible days form an interval, so checking its first and last day decides "every".
 */
import {
	ANONYMOUS,
	DEFAULT_COMMITMENT_OPTIONS,
	type CommitmentOptions,
	type Viewer
} from './commitments.ts';
import { DEFAULT_TRAVEL_RULE, type TravelRule } from './travel.ts';

export type ClashKind =
	| 'overlap'
	| 'travel'
	| 'weekend'
	| 'holiday'
	| 'linked-event'
	| 'dependency'
	| 'no-lead'
	| 'unresolved-lead';

export type Severity = 'definite' | 'possible';

/** Display order, most urgent first. */
export const CLASH_KINDS: readonly ClashKind[] = [
	'overlap',
	'travel',
	'weekend',
	'holiday',
	'linked-event',
	'dependency',
	'unresolved-lead',
	'no-lead'
];

export const CLASH_KIND_LABEL: Record<ClashKind, string> = {
	overlap: 'Double-booked',
	travel: 'Not enough travel time',
	weekend: 'On a weekend at the host location',
	holiday: 'On a public holiday at the host location',
	'linked-event': 'Dates disagree with the outside event',
	dependency: 'Starts before what it depends on ends',
	'unresolved-lead': 'Lead not resolved to a person',
	'no-lead': 'No lead'
};

export type Clash = {
	/** Stable within a plan: the kind and what it is about. */
	id: string;
	kind: ClashKind;
	severity: Severity;
	/** `soft` when a commitment involved is only "if need be" (support role, soft busy). */
	strength: 'hard' | 'soft';
	people: string[];
	items: string[];
	/** Ids of the plan's commitments (events, busy periods) involved that the viewer may see. */
	commitments: string[];
	message: string;
};

export type ClashOptions = {
	viewer: Viewer;
	locale: string;
	travel: TravelRule;
	commitments: CommitmentOptions;
	/**
	 * Items whose latest day is before this day raise no clashes, nor do commitments that are
	 * over by then. Null: nothing is over but what the plan marks `done` (the caller decides what
	 * "today" is; the demo plan is all in the past).
	 */
	today: string | null;
};

export const DEFAULT_CLASH_OPTIONS: ClashOptions = {
	viewer: ANONYMOUS,
	locale: 'en-GB',
	travel: DEFAULT_TRAVEL_RULE,
	commitments: DEFAULT_COMMITMENT_OPTIONS,
	today: null
};
