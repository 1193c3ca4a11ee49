/**
 * Busy times from someone's own calendar file (.ics), read the way the client that wrote it
 * meant: only when they are busy is kept (and the summary, if they ask, as a private reason).
 *
 * - Recurring events are expanded only over the span asked for (the plan's, plus a margin),
 *   within a budget per file (occurrences, steps and milliseconds), by our own expander
 *   (ics/recur.ts says why not ical.js's); a rule that cannot get there in budget is refused
 *   naming its line.
 * - Moved, cancelled and "free" occurrences (RECURRENCE-ID, also RANGE=THISANDFUTURE) and
 *   EXDATEs are matched to occurrences by instant, whatever zone each is written in; the
 *   override's own STATUS and TRANSP decide. An override whose series is not in the file is an
 *   event of its own (Google exports them so).
 * - Zones are resolved as ics/zones.ts describes; times without a zone are read in the
 *   calendar's X-WR-TIMEZONE (Google, Apple) or else the member's zone, and the result says which.
 * - Anything malformed in an event is refused with its line; unknown properties are ignored.
 *   Every refusal is a sentence for the member; no internal error text ever reaches them.
 *
 * Pure: the one clock read is a monotonic timer for the CPU budget, injectable for tests.
 * Linear in the file: one parse, events indexed by UID once.
 */
import { BudgetExceeded } from './ics/budget.ts';
import { Importer } from './ics/importer.ts';
import { IcsError, fmt } from './ics/parse.ts';
import type { DateSpec, PlainDate } from './schema.ts';

export type BusyFromIcs = {
	when: DateSpec;
	summary: string;
	/** The event's UID ('' when the file has none), so a re-import can replace by UID. */
	uid: string;
	/** The occurrence's original start (UTC instant, or date for all-day), or null for a single event. */
	recurrenceId: string | null;
};

export type FloatingZone = {
	zone: string;
	/** 'calendar': the file's X-WR-TIMEZONE; 'member': the member's home zone. */
	source: 'calendar' | 'member';
	/** Whether any time in the file was floating (written without a zone). */
	used: boolean;
};

export type IcsResult =
	| { ok: true; periods: BusyFromIcs[]; skipped: number; floating: FloatingZone }
	| { ok: false; error: string; line: number | null };

export type IcsLimits = {
	/** Largest file, in UTF-8 bytes. */
	maxBytes: number;
	/** Most busy periods one import may return. */
	maxPeriods: number;
	/** Most occurrences expanded within the span, over the whole file. */
	maxOccurrences: number;
	/** Work budget: expansion steps, and milliseconds on `clock`. */
	maxSteps: number;
	maxMs: number;
	clock: () => number;
};

export const ICS_LIMITS: IcsLimits = {
	maxBytes: 2 * 1024 * 1024,
	maxPeriods: 5000,
	maxOccurrences: 20_000,
	maxSteps: 5_000_000,
	maxMs: 2000,
	clock: () => performance.now()
};

/** Kept for callers of the first version: the old per-file cap. */
export const MAX_OCCURRENCES = ICS_LIMITS.maxOccurrences;

/**
 * Reads `text` and returns busy periods overlapping [span.start, span.end] (plain days,
 * inclusive). Times without a zone are read in the calendar's X-WR-TIMEZONE, else in `zone`.
 * Never throws: every failure is `{ ok: false }` with a sentence.
 */
export function busyFromIcs(
	text: string,
	span: { start: PlainDate; end: PlainDate },
	zone: string,
	limits: Partial<IcsLimits> = {}
): IcsResult {
	const lim = { ...ICS_LIMITS, ...limits };
	try {
		return new Importer(span, zone, lim).run(text);
	} catch (e) {
		if (e instanceof IcsError) {
			const sentence = `${e.message.charAt(0).toUpperCase()}${e.message.slice(1)}`;
			return {
				ok: false,
				error: e.line !== null ? `Line ${e.line}: ${e.message}.` : `${sentence}.`,
				line: e.line
			};
		}
		if (e instanceof BudgetExceeded) {
			return {
				ok: false,
				error: `The file takes more than the import's budget (${fmt(lim.maxMs / 1000)} s) to read; export a shorter range.`,
				line: null
			};
		}
		// A defect of ours: the member gets a plain sentence, never the internal text.
		return {
			ok: false,
			error: 'The file could not be read (an unexpected problem in the importer).',
			line: null
		};
	}
}
