/**
 * Deciding an item: its fuzzy or proposed dates become the one window the organizers chose. Pure:
 * the item before, the window and the place in; the item after (and the sentence the history
 * shows) out. The write itself is one `editPlan` update (see server/find-write.ts).
 */
import { formatBounds, formatTimedRange, isExactSpec, resolve } from './dates.ts';
import type { DateSpec, Item } from './schema.ts';

export type DecidedWindow = {
	/** `YYYY-MM-DD` (in person, inclusive days) or an ISO instant (virtual). */
	start: string;
	end: string;
};

/** The plan's wording for a decided window: "18–19 Feb 2024", "Tue 5 Mar 2024, 14:00–15:00 UTC". */
export function decidedWording(w: DecidedWindow, zone = 'UTC'): string {
	if (w.start.includes('T')) return formatTimedRange(w.start, w.end, zone);
	return formatBounds(
		resolve(
			w.start === w.end
				? { type: 'day', date: w.start }
				: { type: 'range', start: w.start, end: w.end }
		)
	);
}

/** The exact DateSpec for a window, carrying its decided wording. */
export function decidedWhen(w: DecidedWindow, zone = 'UTC'): DateSpec {
	const text = decidedWording(w, zone);
	if (w.start.includes('T')) return { type: 'timed', start: w.start, end: w.end, zone, text };
	return w.start === w.end
		? { type: 'day', date: w.start, text }
		: { type: 'range', start: w.start, end: w.end, text };
}

/**
 * The item once decided: exact `when`, status confirmed, the place (the host, or online), people,
 * groups and everything else kept. Its candidate windows are kept in `decidedFrom`, so feeds can
 * cancel the holds they published for them.
 */
export function decideItem(
	before: Item,
	w: DecidedWindow,
	place: string | null,
	zone = 'UTC'
): Item {
	const after: Item = {
		...before,
		when: decidedWhen(w, zone),
		status: 'confirmed',
		location: place ?? before.location
	};
	if (before.when.type === 'candidates')
		after.decidedFrom = before.when.windows.map((x) => ({ ...x }));
	return after;
}

/** The wording a date had: the plan's own words, else the canonical label. */
function wordingOf(spec: DateSpec): string {
	return spec.text?.trim() || resolve(spec).label;
}

/**
 * "decided 18–19 Feb 2024; was 25 or 26 to 27 or 28 February 2024" when an item's date went from
 * fuzzy or proposed to exact and its status to confirmed; null for any other change.
 */
export function decisionSentence(before: unknown, after: unknown): string | null {
	const b = before as Partial<Item> | null;
	const a = after as Partial<Item> | null;
	if (!b?.when || !a?.when || a.status !== 'confirmed') return null;
	if (isExactSpec(b.when) || !isExactSpec(a.when)) return null;
	return `decided ${wordingOf(a.when)}; was ${wordingOf(b.when)}`;
}
