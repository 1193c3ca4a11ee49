/**
 * One finder candidate as a single-event iCalendar file, with the feeds' own helpers (text
 * cleaning, product id, UID domain) so it imports like any event from our feeds. Pure: "now" and
 * the place are arguments.
 */
import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { addDays } from '../domain/dates.ts';
import type { Location } from '../domain/schema.ts';
import { cleanText, PRODUCT_ID, UID_DOMAIN } from './feed.ts';

export type CandidateEvent = {
	title: string;
	/** Inclusive days `YYYY-MM-DD`, or UTC instants for a call. */
	start: string;
	end: string;
	host: Location | null;
	description: string;
	/** ISO instant for DTSTAMP. */
	now: string;
};

/** The same candidate always gets the same UID, so importing it twice does not duplicate it. */
export function candidateUid(c: Pick<CandidateEvent, 'title' | 'start' | 'end' | 'host'>): string {
	const key = `${c.title}|${c.start}|${c.end}|${c.host?.id ?? 'online'}`;
	let h = 0x811c9dc5;
	for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
	return `candidate-${(h >>> 0).toString(16).padStart(8, '0')}@${UID_DOMAIN}`;
}

export function candidateIcs(c: CandidateEvent): string {
	const cal = ical({ prodId: PRODUCT_ID });
	const timed = c.start.includes('T');
	const utc = (s: string) => DateTime.fromISO(s, { zone: 'utc' });
	const event = cal.createEvent({
		id: candidateUid(c),
		sequence: 0,
		stamp: utc(c.now),
		summary: cleanText(c.title),
		description: cleanText(c.description),
		status: ICalEventStatus.TENTATIVE,
		...(timed
			? { start: utc(c.start), end: utc(c.end) }
			: { allDay: true, start: utc(c.start), end: utc(addDays(c.end, 1)) })
	});
	if (c.host) event.location(cleanText(`${c.host.city}, ${c.host.country}`));
	else if (timed) event.location('Online');
	return cal.toString();
}
