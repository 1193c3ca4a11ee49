/**
 * What the virtual-meeting finder is asked and what it answers: the query and its defaults, a
 * candidate start with everyone's local row, a series occurrence and the holidays it avoided.
 */
import type { PlainDate } from '../schema.ts';

export type VirtualQuery = {
	minutes: number;
	/** Days (UTC, inclusive) the call may start on. */
	from: PlainDate;
	to: PlainDate;
	required: readonly string[];
	optional: readonly string[];
	stepMinutes: number;
	limit: number;
	/** Occurrences of a recurring series (1: a single call). */
	occurrences: number;
	everyDays: number;
	/** Starts to explain directly (UTC instants), e.g. the 18 Dec 2023 call. */
	starts: readonly string[];
	ignoreItem: string | null;
	/** The zone each candidate is also written in for the viewer (theirs, else the plan's). */
	viewerZone: string;
};

export const DEFAULT_VIRTUAL = {
	stepMinutes: 15,
	limit: 10,
	occurrences: 1,
	everyDays: 7,
	starts: [],
	ignoreItem: null,
	viewerZone: 'UTC'
} satisfies Partial<VirtualQuery>;

export type LocalRow = {
	person: string;
	name: string;
	zone: string | null;
	/** "Tue 19 Dec 2023, 01:00 GMT+9" (null when their zone is unknown). */
	local: string | null;
	/** "01:00–02:00". */
	time: string | null;
	working: boolean;
	night: boolean;
	/** What keeps them away, if anything. */
	busy: string[];
	required: boolean;
	/** "Tue 19 Dec, 05:00–06:00" on their own clock (null when their zone is unknown). */
	when: string | null;
	/** "Mexico City": where their clock is, from the zone. */
	place: string | null;
	/** One word for the row, shown as text and a symbol (never colour alone). */
	mark: RowMark;
	/** A public holiday on their local date, by name. */
	holiday: string | null;
};

/** busy: a commitment; night: 00:00–06:00 local; off-hours: outside their working hours. */
export type RowMark = 'busy' | 'night' | 'off-hours' | 'working' | 'unknown';

export type VirtualCandidate = {
	start: string;
	end: string;
	score: number;
	working: string[];
	night: string[];
	missing: { person: string; reasons: string[] }[];
	/** Zone unknown: cannot say. */
	unknown: string[];
	rows: LocalRow[];
	/** The call on the viewer's clock: "Mon 18 Dec 2023, 17:00 CET – 18:00". */
	viewer: string;
	/** Why it ranks where it does, in words (the first: why it is best). */
	why: string;
};

export type HolidayNote = {
	/** The local date most of them are on, `YYYY-MM-DD`. */
	date: PlainDate;
	/** The holiday's most common name that day. */
	name: string;
	/** Who is off (ids). */
	people: string[];
	/** "Mon 25 Dec (Christmas Day for 12 of 14 people)". */
	text: string;
};

export type SeriesOccurrence = {
	n: number;
	start: string;
	end: string;
	/** The call on the viewer's clock. */
	viewer: string;
	night: string[];
	/** Bad hours per person so far, this occurrence included. */
	counts: { person: string; count: number }[];
	/** The series' regular slot this time (the first start + n × every days). */
	regular: string;
	/** Holidays on the regular slot that moved (or skipped) this occurrence. */
	avoided: HolidayNote | null;
	/** No start that week suits most required people: no meeting this time. */
	skipped: boolean;
	/** People still on a public holiday at the chosen start (ids). */
	onHoliday: string[];
};

export type VirtualResult = {
	candidates: VirtualCandidate[];
	proposed: VirtualCandidate[];
	series: SeriesOccurrence[];
	/** "Skips Mon 25 Dec (Christmas Day for 12 of 14 people), Mon 1 Jan (…)", or null. */
	seriesNote: string | null;
	considered: number;
	viewerZone: string;
};

export const MIN = 60_000;

/** "2023-12-18T17:00Z": the finder's instants, to the minute. */
export const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';
