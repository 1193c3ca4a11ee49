/**
 * When an item happens, as the plan says it: a day, a range, a timed meeting, a month, part of a
 * month or year, a quarter, a deadline, candidate windows or "to be decided". Fuzzy is data:
 * every variant resolves to an earliest and a latest day (see `dates.ts`) and keeps the plan's
 * own wording in `text`.
 */
import { z } from 'zod';
import { Instant, PlainDate, Zone } from './values.ts';

const Year = z.number().int().min(1900).max(2200);
const Month = z.number().int().min(1).max(12);
export const Part = z.enum(['early', 'mid', 'late']);
export type Part = z.infer<typeof Part>;

/** The plan's own wording, kept verbatim next to the structured date. */
const Wording = z.string().max(500).optional();

/** A span of whole days, both ends included. */
export const DayRange = z
	.object({ start: PlainDate, end: PlainDate })
	.refine((r) => r.start <= r.end, { message: 'end is before start', path: ['end'] });

/**
 * When an item happens, as the plan says it. Fuzzy is data: every variant resolves to an earliest
 * and a latest day (see `dates.ts`) and keeps the original wording in `text`.
 */
export const DateSpec = z.discriminatedUnion('type', [
	z.object({ type: z.literal('day'), date: PlainDate, text: Wording }),
	z
		.object({ type: z.literal('range'), start: PlainDate, end: PlainDate, text: Wording })
		.refine((r) => r.start <= r.end, { message: 'end is before start', path: ['end'] }),
	z
		.object({
			type: z.literal('timed'),
			start: Instant,
			end: Instant,
			zone: Zone,
			text: Wording
		})
		.refine((r) => r.start < r.end, { message: 'end is not after start', path: ['end'] }),
	z.object({ type: z.literal('month'), year: Year, month: Month, text: Wording }),
	z.object({
		type: z.literal('part-of-month'),
		year: Year,
		month: Month,
		part: Part,
		text: Wording
	}),
	z.object({ type: z.literal('part-of-year'), year: Year, part: Part, text: Wording }),
	z.object({
		type: z.literal('quarter'),
		year: Year,
		quarter: z.number().int().min(1).max(4),
		text: Wording
	}),
	z
		.object({
			type: z.literal('by'),
			date: PlainDate,
			/** When work can start, if the plan says; without it the item is pinned to its deadline. */
			from: PlainDate.optional(),
			text: Wording
		})
		.refine((r) => r.from === undefined || r.from <= r.date, {
			message: 'from is after the deadline',
			path: ['from']
		}),
	z.object({
		type: z.literal('candidates'),
		windows: z.array(DayRange).min(1).max(50),
		text: Wording
	}),
	z.object({ type: z.literal('tbd'), text: Wording })
]);
export type DateSpec = z.infer<typeof DateSpec>;
export type DateSpecType = DateSpec['type'];
