/**
 * Where a date typed without a year belongs: the plan's span and the days around the item being
 * edited (its own current dates and its neighbours in the plan's order). Pure; feeds
 * parseDateText's `years` option.
 */
import { specBounds, type YearContext } from './dates.ts';
import type { PlainDate, PlanFile } from './schema.ts';

/** How many dated neighbours on each side of an item count as "around" it. */
const NEIGHBOURS = 2;

export function yearContext(plan: PlanFile, itemId: string | null = null): YearContext {
	let start: PlainDate | null = null;
	let end: PlainDate | null = null;
	for (const item of plan.items) {
		const b = specBounds(item.when);
		if (b === null) continue;
		if (start === null || b[0] < start) start = b[0];
		if (end === null || b[1] > end) end = b[1];
	}
	const span = start !== null && end !== null ? { start, end } : undefined;
	const k = itemId === null ? -1 : plan.items.findIndex((i) => i.id === itemId);
	if (k === -1) return { span };
	// Its own current dates first, then its neighbours in the plan's list (the plan is written in
	// order, so they sit near it in time); the closest of these wins.
	const near: PlainDate[] = [];
	for (const item of plan.items.slice(Math.max(0, k - NEIGHBOURS), k + NEIGHBOURS + 1)) {
		const b = specBounds(item.when);
		if (b) near.push(...b);
	}
	return near.length ? { span, near } : { span };
}

/** The context of an item's date field: the years around it and the plan's zone for seasons. */
export function itemDateContext(plan: PlanFile, itemId: string | null) {
	return { years: yearContext(plan, itemId), planZone: plan.zone };
}

/** Examples for a busy time: days, ranges, weeks and times, never "TBD". */
export const BUSY_EXAMPLES =
	'try "4 March 2024", "1–5 April 2024", "w/c 15 April 2024", "second half of July 2024" or a time, "4 March 2024 14:00–16:00"';

/** A member's busy time: yearless dates sit in the plan's span; seasons follow their own zone. */
export function busyDateContext(plan: PlanFile, zone: string) {
	return { years: yearContext(plan), planZone: zone, examples: BUSY_EXAMPLES };
}
