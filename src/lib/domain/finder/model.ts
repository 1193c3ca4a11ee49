/**
 * What the in-person finder is asked and what it answers: the query and its defaults, a ranked
 * window with who can come and why the others cannot, the heat strip's days, and the ranking
 * key every part (the fast search, the explanations and the oracle) ranks windows by.
 */
import type { Location, PlainDate } from '../schema.ts';
import { DEFAULT_TRAVEL_RULE, type TravelRule } from '../travel.ts';

export type WindowDays = { start: PlainDate; end: PlainDate };

export type InPersonQuery = {
	host: Location;
	/** Consecutive days the meeting takes. */
	days: number;
	/** The search window, inclusive: every candidate lies wholly inside it. */
	from: PlainDate;
	to: PlainDate;
	required: readonly string[];
	optional: readonly string[];
	/** Fewest people (required and optional) who must be able to come. */
	minAttendees: number;
	avoidWeekends: boolean;
	avoidHolidays: boolean;
	travel: TravelRule;
	/** The item being scheduled: its own dates bind nobody while we look for new ones. */
	ignoreItem: string | null;
	/** How many candidates to return. */
	limit: number;
	/** Windows to explain directly ("why not these?"), e.g. the plan's proposed dates. */
	windows: readonly WindowDays[];
	/**
	 * How many optional people per candidate get every reason written out (required people
	 * always do; so does everyone in a window asked about directly). The others get one short
	 * summary sentence, and the candidate counts them in `summarized`.
	 */
	detail: number;
};

export const DEFAULT_IN_PERSON = {
	minAttendees: 0,
	avoidWeekends: true,
	avoidHolidays: true,
	travel: DEFAULT_TRAVEL_RULE,
	ignoreItem: null,
	limit: 10,
	windows: [],
	detail: 25
} satisfies Partial<InPersonQuery>;

export type Absence = { person: string; reasons: string[] };

export type InPersonCandidate = {
	start: PlainDate;
	end: PlainDate;
	/** "Tue 27 – Wed 28 Feb 2024". */
	label: string;
	/** Higher is better; the ranking key packed into one number (see `scoreOf`). */
	score: number;
	attending: string[];
	missing: Absence[];
	/** People who can come only if need be (a soft commitment, or a fuzzy one that may clash). */
	ifNeedBe: Absence[];
	allRequired: boolean;
	requiredAttending: number;
	optionalAttending: number;
	/** Host weekends and holidays inside the window, as sentences. */
	daysOff: string[];
	/** Rules this window breaks (only for windows evaluated directly). */
	breaks: string[];
	/**
	 * Optional people (missing or if need be) whose reasons were summarized in one sentence
	 * rather than written out; 0 when every reason is there. Ask about the window directly
	 * (`windows`) for all of them.
	 */
	summarized: number;
};

export type HeatDay = {
	date: PlainDate;
	/** People who could come to a meeting starting that day (null: no meeting can start then). */
	attending: number | null;
	requiredMissing: number | null;
	/** A weekend or holiday at the host. */
	off: string | null;
};

export type InPersonResult = {
	/** Some window lets every required person come with at least `minAttendees`. */
	satisfiable: boolean;
	candidates: InPersonCandidate[];
	/** The windows asked about directly, each explained. */
	proposed: InPersonCandidate[];
	heat: HeatDay[];
	/** People considered, required and optional, after de-duplication. */
	required: string[];
	optional: string[];
	/** Window starts that obey the host-calendar rules. */
	considered: number;
};

/** A person's standing for one window: free, if need be, missing. */
export type PersonStatus = 0 | 1 | 2;
export const FREE = 0;
export const IF_NEED_BE = 1;
export const MISSING = 2;

/** One window's counts, what it ranks by. */
export type Tally = {
	start: number;
	req: number;
	opt: number;
	compromises: number;
	allRequired: boolean;
};

/**
 * The ranking key packed into one number: all required can come, then required attending, then
 * optional attending, then fewest "if need be", then earliest (the last is the sort's tiebreak).
 */
export function scoreOf(t: Tally, base: number): number {
	return (
		(((t.allRequired ? 1 : 0) * base + t.req) * base + t.opt) * base + (base - 1 - t.compromises)
	);
}

export function rankTallies(a: Tally, b: Tally): number {
	return (
		Number(b.allRequired) - Number(a.allRequired) ||
		b.req - a.req ||
		b.opt - a.opt ||
		a.compromises - b.compromises ||
		a.start - b.start
	);
}
