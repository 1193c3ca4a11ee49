/**
 * Resolving a DateSpec: its first and last possible day, whether it is exact, and its canonical
 * label. `specBounds` is the label-free path for hot loops (clash checks on big plans).
 */
import type { DateSpec, Part, PlainDate } from '../schema.ts';
import { formatInstant, instant } from './instant.ts';
import { daysInMonth, isoDate, plain } from './plain-date.ts';
import { formatSpec } from './wording.ts';

export type Resolved = {
	/** First possible day, inclusive; null only for tbd. */
	earliest: PlainDate | null;
	/** Last possible day, inclusive; null only for tbd. */
	latest: PlainDate | null;
	/** True for day, range, timed, and `by` without `from`. */
	exact: boolean;
	/** formatSpec(spec): the canonical human wording. */
	label: string;
	/** UTC instants (normalised to `YYYY-MM-DDTHH:mm(:ss)Z`) plus the planning zone; only for timed. */
	timed?: { start: string; end: string; zone: string };
};

/** Every spec with days: all but tbd. */
export type Bounded = Exclude<DateSpec, { type: 'tbd' }>;

const PART_OF_MONTH: Record<Part, [number, number | null]> = {
	early: [1, 10],
	mid: [11, 20],
	late: [21, null]
};
const PART_OF_YEAR: Record<Part, [number, number]> = { early: [1, 4], mid: [5, 8], late: [9, 12] };

/** First and last possible day, inclusive (also the parser's, for deadlines and its year notes). */
export function bounds(spec: Bounded): [PlainDate, PlainDate] {
	switch (spec.type) {
		case 'day':
			return [spec.date, spec.date];
		case 'range':
			return [spec.start, spec.end];
		case 'timed': {
			// The last instant inside the half-open interval decides the last day touched.
			const start = instant(spec.start).setZone(spec.zone);
			const last = instant(spec.end).minus({ milliseconds: 1 }).setZone(spec.zone);
			return [isoDate(start), isoDate(last)];
		}
		case 'month':
			return [
				plain(spec.year, spec.month, 1),
				plain(spec.year, spec.month, daysInMonth(spec.year, spec.month))
			];
		case 'part-of-month': {
			const [from, to] = PART_OF_MONTH[spec.part];
			return [
				plain(spec.year, spec.month, from),
				plain(spec.year, spec.month, to ?? daysInMonth(spec.year, spec.month))
			];
		}
		case 'part-of-year': {
			const [from, to] = PART_OF_YEAR[spec.part];
			return [plain(spec.year, from, 1), plain(spec.year, to, daysInMonth(spec.year, to))];
		}
		case 'quarter': {
			const first = spec.quarter * 3 - 2;
			const last = first + 2;
			return [plain(spec.year, first, 1), plain(spec.year, last, daysInMonth(spec.year, last))];
		}
		case 'by':
			return [spec.from ?? spec.date, spec.date];
		case 'candidates': {
			let lo = spec.windows[0]?.start ?? '';
			let hi = spec.windows[0]?.end ?? '';
			for (const w of spec.windows) {
				if (w.start < lo) lo = w.start;
				if (w.end > hi) hi = w.end;
			}
			return [lo, hi];
		}
	}
}

/** True when the spec pins its days down (day, range, timed, `by` without `from`). */
export function isExactSpec(spec: DateSpec): boolean {
	return (
		spec.type === 'day' ||
		spec.type === 'range' ||
		spec.type === 'timed' ||
		(spec.type === 'by' && spec.from === undefined)
	);
}

/** First and last possible day without writing a label (hot paths: clash checks on big plans). */
export function specBounds(spec: DateSpec): [PlainDate, PlainDate] | null {
	return spec.type === 'tbd' ? null : bounds(spec);
}

/** The spec's days, exactness and canonical label (and its instants when timed). */
export function resolve(spec: DateSpec): Resolved {
	const label = formatSpec(spec);
	if (spec.type === 'tbd') return { earliest: null, latest: null, exact: false, label };
	const [earliest, latest] = bounds(spec);
	const exact = isExactSpec(spec);
	if (spec.type === 'timed') {
		const timed = {
			start: formatInstant(instant(spec.start)),
			end: formatInstant(instant(spec.end)),
			zone: spec.zone
		};
		return { earliest, latest, exact, label, timed };
	}
	return { earliest, latest, exact, label };
}
