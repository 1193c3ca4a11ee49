/** Small helpers that turn request input into domain values or clear HTTP errors. */
import { error } from '@sveltejs/kit';
import { todayIn } from '#lib/domain/dates.ts';
import { PlainDate } from '#lib/domain/schema.ts';

/**
 * `?today=YYYY-MM-DD` overrides "now" (the demo plan is in 2024); without it, the real date in
 * the plan's zone. A malformed value is the caller's mistake: 400 with what was wrong.
 */
export function todayFrom(url: URL, zone: string, nowMillis: number): PlainDate {
	const raw = url.searchParams.get('today');
	if (raw === null || raw === '') return todayIn(zone, nowMillis);
	const parsed = PlainDate.safeParse(raw);
	if (!parsed.success) {
		error(
			400,
			`?today=${raw.slice(0, 40)} is not a date: write it as YYYY-MM-DD, e.g. ?today=2024-03-01`
		);
	}
	return parsed.data;
}
