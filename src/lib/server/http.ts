/** Small helpers that turn request input into domain values or clear HTTP errors. */
import { error } from '@sveltejs/kit';
import { todayIn } from '#lib/domain/dates.ts';
import { Id, PlainDate, Zone } from '#lib/domain/schema.ts';

/**
 * `?today=YYYY-MM-DD` overrides "now" (the demo plan is in 2024); without it, the real date in
 * the plan's zone. A malformed value is the caller's mistake: 400 with what was wrong.
 */
export function todayFrom(url: URL, zone: string, nowMillis: number): PlainDate {
	return plainDateFrom(url, 'today') ?? todayIn(zone, nowMillis);
}

/** `?zone=Area/City`: an IANA zone the viewer picked, or null when absent. Unknown zones: 400. */
export function zoneFrom(url: URL): string | null {
	const raw = url.searchParams.get('zone');
	if (raw === null || raw === '') return null;
	const parsed = Zone.safeParse(raw);
	if (!parsed.success) {
		error(
			400,
			`?zone=${raw.slice(0, 60)} is not an IANA time zone: write it like ?zone=Europe/Brussels or ?zone=UTC`
		);
	}
	return parsed.data;
}

/**
 * `?person=id`: show one person's items (the calendar and the Gantt share this parameter).
 * Null when absent; a malformed or unknown id is the caller's mistake: 400.
 */
export function personFrom(url: URL, people: ReadonlyMap<string, unknown>): string | null {
	const raw = url.searchParams.get('person');
	if (raw === null || raw === '') return null;
	if (!Id.safeParse(raw).success || !people.has(raw)) {
		error(400, `?person=${raw.slice(0, 80)} is not a person in this plan: see /people for ids`);
	}
	return raw;
}

/** An optional `?name=YYYY-MM-DD`; malformed: 400. */
export function plainDateFrom(url: URL, name: string): PlainDate | null {
	const raw = url.searchParams.get(name);
	if (raw === null || raw === '') return null;
	const parsed = PlainDate.safeParse(raw);
	if (!parsed.success) {
		error(
			400,
			`?${name}=${raw.slice(0, 40)} is not a date: write it as YYYY-MM-DD, e.g. ?${name}=2024-03-01`
		);
	}
	return parsed.data;
}

/** An optional `?name=` that must be one of `allowed`; anything else: 400. */
export function choiceFrom<T extends string>(
	url: URL,
	name: string,
	allowed: readonly T[]
): T | null {
	const raw = url.searchParams.get(name);
	if (raw === null || raw === '') return null;
	if (!(allowed as readonly string[]).includes(raw)) {
		error(400, `?${name}=${raw.slice(0, 40)} is not one of: ${allowed.join(', ')}`);
	}
	return raw as T;
}
