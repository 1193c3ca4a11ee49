/**
 * A location's own corrections to its host calendar (see `host-calendar.ts`), as the plan file
 * stores them: its weekend, holidays added or removed, and make-up working days, each with the
 * official link it comes from.
 */
import { z } from 'zod';
import { PlainDate, WeekdaySet } from './values.ts';

/** Where a calendar correction comes from: an http(s) link to the official publication. */
const SourceLink = z.url({ protocol: /^https?$/, error: 'must be an http(s) link' }).max(2000);

/**
 * A location's own corrections to its host calendar (see `host-calendar.ts`): they win over the
 * corrections the app ships and over CLDR and the holiday library.
 */
export const HostCalendarSpec = z.object({
	/** Replaces the CLDR weekend for every date; empty means no weekend at all. */
	weekend: WeekdaySet.optional(),
	/** The official link for `weekend`, shown next to it and kept in the history. */
	weekendSource: SourceLink.optional(),
	holidays: z
		.object({
			add: z
				.array(
					z.object({
						date: PlainDate,
						name: z.string().trim().min(1).max(200),
						source: SourceLink.optional()
					})
				)
				.max(500)
				.optional(),
			remove: z
				.array(
					z.object({
						date: PlainDate,
						reason: z.string().trim().min(1).max(500),
						source: SourceLink.optional()
					})
				)
				.max(500)
				.optional()
		})
		.optional(),
	/** Weekend dates that are working days ("make-up working days" that bridge a holiday). */
	workdays: z
		.array(
			z.object({
				date: PlainDate,
				reason: z.string().trim().min(1).max(500),
				source: SourceLink.optional()
			})
		)
		.max(200)
		.optional()
});
export type HostCalendarSpec = z.infer<typeof HostCalendarSpec>;
