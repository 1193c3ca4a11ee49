import { describe, expect, it } from 'vitest';
import { busyFromIcs } from './ics-import.ts';

const span = { start: '2024-01-01', end: '2024-12-31' };
const cal = (...body: string[]) =>
	['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...body, 'END:VCALENDAR'].join('\r\n');

describe('busyFromIcs', () => {
	it('keeps timed and all-day events as busy periods, in UTC with their zone', () => {
		const r = busyFromIcs(
			cal(
				'BEGIN:VEVENT',
				'UID:a',
				'DTSTART;TZID=Europe/Berlin:20240301T100000',
				'DTEND;TZID=Europe/Berlin:20240301T113000',
				'SUMMARY:Dentist',
				'END:VEVENT',
				'BEGIN:VEVENT',
				'UID:b',
				'DTSTART;VALUE=DATE:20240405',
				'DTEND;VALUE=DATE:20240408',
				'SUMMARY:Holiday',
				'END:VEVENT'
			),
			span,
			'UTC'
		);
		expect(r).toEqual({
			ok: true,
			skipped: 0,
			periods: [
				{
					when: {
						type: 'timed',
						start: '2024-03-01T09:00:00Z',
						end: '2024-03-01T10:30:00Z',
						zone: 'Europe/Berlin'
					},
					summary: 'Dentist'
				},
				{ when: { type: 'range', start: '2024-04-05', end: '2024-04-07' }, summary: 'Holiday' }
			]
		});
	});

	it('expands a weekly series over the span, across the DST change, with a moved occurrence', () => {
		const r = busyFromIcs(
			cal(
				'BEGIN:VEVENT',
				'UID:w',
				'DTSTART;TZID=America/New_York:20240301T090000',
				'DTEND;TZID=America/New_York:20240301T100000',
				'RRULE:FREQ=WEEKLY;COUNT=3',
				'END:VEVENT',
				'BEGIN:VEVENT',
				'UID:w',
				'RECURRENCE-ID;TZID=America/New_York:20240315T090000',
				'DTSTART;TZID=America/New_York:20240315T140000',
				'DTEND;TZID=America/New_York:20240315T150000',
				'END:VEVENT'
			),
			span,
			'UTC'
		);
		if (!r.ok) throw new Error(r.error);
		expect(r.periods.map((p) => (p.when.type === 'timed' ? p.when.start : ''))).toEqual([
			'2024-03-01T14:00:00Z',
			'2024-03-08T14:00:00Z',
			'2024-03-15T18:00:00Z'
		]);
	});

	it('stops an endless series at the end of the plan', () => {
		const r = busyFromIcs(
			cal(
				'BEGIN:VEVENT',
				'UID:d',
				'DTSTART:20241225T090000Z',
				'DTEND:20241225T100000Z',
				'RRULE:FREQ=DAILY',
				'END:VEVENT'
			),
			span,
			'UTC'
		);
		expect(r.ok && r.periods.length).toBe(7);
	});

	it('refuses a malformed file with the line that broke it', () => {
		const r = busyFromIcs(
			cal('BEGIN:VEVENT', 'UID:x', 'DTSTART:20240301T100000Z', 'this line is broken', 'END:VEVENT'),
			span,
			'UTC'
		);
		expect(r).toMatchObject({ ok: false, line: 7 });
		expect(busyFromIcs('hello', span, 'UTC')).toMatchObject({ ok: false, line: 1 });
		expect(busyFromIcs(cal('BEGIN:VEVENT', 'UID:y'), span, 'UTC')).toMatchObject({
			ok: false,
			line: 6
		});
		const badDate = busyFromIcs(
			cal('BEGIN:VEVENT', 'UID:z', 'DTSTART:2024xx', 'END:VEVENT'),
			span,
			'UTC'
		);
		expect(badDate.ok).toBe(false);
	});
});
