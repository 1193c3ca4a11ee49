/**
 * iTIP (RFC 5546) messages for change notices, cut from the person's own feed: the VEVENT is the
 * very one the feed serves — same UID, SEQUENCE, DTSTAMP, dates and STATUS — so a calendar that
 * imports the notice and also subscribes to the feed holds one event, updated by both. Pure text
 * work on the CRLF-folded output of buildFeed; no clock, no I/O.
 *
 * What RFC 5546 adds to a feed's event: a METHOD on the calendar (REQUEST, or CANCEL for a
 * removal, whose event then carries STATUS:CANCELLED as the feed's does), an ORGANIZER and the
 * ATTENDEE it is sent to. Both addresses come from validated configuration and plan data; they
 * are written as mailto: URIs with nothing but the address.
 */

export type ItipMethod = 'REQUEST' | 'CANCEL';

export type Invitation = {
	method: ItipMethod;
	uid: string;
	sequence: number;
	/** The iCalendar text (CRLF lines, folded as the feed folds them). */
	ics: string;
};

/** A conservative address check for what goes into a mailto: property line. */
const ADDRESS = /^[^\s@",;:<>()\\[\]]+@[^\s@",;:<>()\\[\]]+$/;

function unfold(ics: string): string[] {
	return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

/**
 * The feed's event with `uid` as an iTIP message, or null when the feed does not carry it (a
 * TBD item, or a removed one whose date has passed).
 */
export function invitationFromFeed(
	feedIcs: string,
	uid: string,
	organizer: string,
	attendee: string
): Invitation | null {
	if (!ADDRESS.test(organizer) || !ADDRESS.test(attendee)) {
		throw new RangeError('organizer and attendee must be plain email addresses');
	}
	// Cut on the folded text so the event's own lines keep their folding.
	const events = feedIcs.split('BEGIN:VEVENT\r\n').slice(1);
	const block = events
		.map((e) => e.slice(0, e.indexOf('END:VEVENT\r\n')))
		.find((e) => unfold(e).includes(`UID:${uid}`));
	if (block === undefined) return null;
	const lines = unfold(block);
	const sequence = Number(lines.find((l) => l.startsWith('SEQUENCE:'))?.slice(9) ?? 0);
	const cancelled = lines.includes('STATUS:CANCELLED');
	const method: ItipMethod = cancelled ? 'CANCEL' : 'REQUEST';
	const header = feedIcs.slice(0, feedIcs.indexOf('BEGIN:VEVENT\r\n'));
	// Keep VERSION and PRODID; the feed's name, description and refresh hints are not for a message.
	const keep = unfold(header).filter((l) => l.startsWith('VERSION:') || l.startsWith('PRODID:'));
	const ics = [
		'BEGIN:VCALENDAR',
		...keep,
		`METHOD:${method}`,
		'BEGIN:VEVENT',
		block.replace(/\r\n$/, ''),
		`ORGANIZER:mailto:${organizer}`,
		`ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${attendee}`,
		'END:VEVENT',
		'END:VCALENDAR',
		''
	].join('\r\n');
	return { method, uid, sequence, ics };
}
