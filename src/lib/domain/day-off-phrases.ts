/**
 * The words every sentence about weekends, public holidays, travel and overlaps is built from,
 * written once: the clash engine (clash-sentences.ts), both finders' explanations, the finder's
 * advice and the location page all take their phrases from here, so a change of wording is one
 * edit and the places that say the same thing cannot drift apart. Pure: days come already
 * formatted for the viewer's locale.
 */
import type { DayOff } from './host-calendar.ts';
import type { TravelNeed } from './travel.ts';

/** "the weekend in Riyadh" (a city or a country). */
export function weekendIn(place: string): string {
	return `the weekend in ${place}`;
}

/** "a public holiday in Switzerland" (a city or a country). */
export function publicHolidayIn(place: string): string {
	return `a public holiday in ${place}`;
}

/**
 * One day off at a host, as a sentence without its full stop: "Fri 23 Feb 2024 is the weekend
 * in Riyadh (Friday–Saturday)", or "Mon 1 Apr 2024 is Easter Monday, a public holiday in Geneva".
 */
export function dayOffSentence(o: DayOff, day: string, city: string, weekend: string): string {
	return o.reason === 'weekend'
		? `${day} is ${weekendIn(city)} (${weekend})`
		: `${day} is ${o.name}, ${publicHolidayIn(city)}`;
}

/** What a host's days off are called in one line: "Saturday", "Christmas Day, Sunday". */
export function daysOffNames(off: readonly DayOff[]): string | null {
	return off.length ? off.map((o) => o.name).join(', ') : null;
}

/**
 * An item's dates against its host's weekend or holidays, the part after the lead: "Sat 1 Mar
 * 2025, Sun 2 Mar 2025: the weekend in Switzerland is Saturday–Sunday" or "Easter Monday (Mon 1
 * Apr 2024), a public holiday in Switzerland".
 */
export function hostDaysOffPhrase(
	reason: 'weekend' | 'holiday',
	days: readonly { date: string; name: string }[],
	country: string,
	weekend: string
): string {
	return reason === 'weekend'
		? `${days.map((x) => x.date).join(', ')}: ${weekendIn(country)} is ${weekend}`
		: `${days.map((x) => `${x.name} (${x.date})`).join(', ')}, ${publicHolidayIn(country)}`;
}

/** Why no meeting can start on a day: "a 2-day meeting would run into Saturday on Sat 24 Feb 2024". */
export function runsIntoDayOff(days: number, off: string, day: string): string {
	return `a ${days}-day meeting would run into ${off} on ${day}`;
}

/** "Christmas Day for 12 of 14 people": a holiday most of a call's people are off for. */
export function holidayForPeople(name: string, off: number, of: number): string {
	return `${name} for ${off} of ${of} people`;
}

/** A holiday that the library observes on a weekday because the day itself fell on a weekend. */
export const OBSERVED_SUBSTITUTE = 'Observed in place of a day that fell on a weekend.';

/** "a travel day" / "half a day of travel", for sentences. */
export function describeNeed(need: TravelNeed['need']): string {
	return need === 'full-day' ? 'a travel day' : need === 'half-day' ? 'half a day of travel' : '';
}

/**
 * The travel part of a clash: ", and Geneva–Tokyo (9,800 km) needs a travel day", or without
 * the places (one of them private or unknown) ", and getting there needs half a day of travel".
 */
export function travelNeedPhrase(
	need: TravelNeed,
	cities: { a: string; b: string } | null
): string {
	return cities
		? `, and ${cities.a}–${cities.b} (${Math.round(need.km).toLocaleString('en-GB')} km) needs ${describeNeed(need.need)}`
		: `, and getting there needs ${describeNeed(need.need)}`;
}

/**
 * Where two commitments of one person overlap: " on 26–27 Feb 2024" (with " whichever window
 * is chosen" when either has candidate dates), or without certain days " in every proposed
 * window" / " at the same time".
 */
export function overlapWhere(days: string | null, choice: boolean): string {
	return days
		? ` on ${days}${choice ? ' whichever window is chosen' : ''}`
		: choice
			? ' in every proposed window'
			: ' at the same time';
}

/** The overlap that only may happen: fuzzy dates that may fall on the same days. */
export function mayOverlap(head: string, where: string, travel: string): string {
	return `${head} may fall on the same days and would need them${where}: fix the dates to be sure${travel}.`;
}
