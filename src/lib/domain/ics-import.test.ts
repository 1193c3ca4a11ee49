import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { busyFromIcs, type IcsResult } from './ics-import.ts';
import { TEST_ZONES, withTZ } from './tz.test-helper.ts';

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
			floating: { zone: 'UTC', source: 'member', used: false },
			periods: [
				{
					when: {
						type: 'timed',
						start: '2024-03-01T09:00:00Z',
						end: '2024-03-01T10:30:00Z',
						zone: 'Europe/Berlin'
					},
					summary: 'Dentist',
					uid: 'a',
					recurrenceId: null
				},
				{
					when: { type: 'range', start: '2024-04-05', end: '2024-04-07' },
					summary: 'Holiday',
					uid: 'b',
					recurrenceId: null
				}
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

const hostile = (name: string) =>
	readFileSync(new URL(`../../../tests/fixtures/ics/hostile/${name}`, import.meta.url), 'utf8');
const starts = (r: IcsResult) => {
	if (!r.ok) throw new Error(r.error);
	return r.periods.map((p) => (p.when.type === 'timed' ? p.when.start : JSON.stringify(p.when)));
};
const event = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];

describe('safety: bounded expansion and strict values', () => {
	it.each([
		['minutely-never.ics', 7],
		['daily-never.ics', 7],
		['hourly-never.ics', 7],
		['secondly-never.ics', 7]
	])('refuses a rule that never matches (%s) naming its line, fast', (file, line) => {
		const t0 = performance.now();
		const r = busyFromIcs(hostile(file), span, 'UTC');
		expect(performance.now() - t0).toBeLessThan(500);
		expect(r).toMatchObject({ ok: false, line });
		if (!r.ok) expect(r.error).toMatch(/^Line 7: "RRULE:FREQ=\w+;BY.*" never occurs/);
	});

	it('refuses a rule that floods the span, naming its line', () => {
		const r = busyFromIcs(hostile('secondly-flood.ics'), span, 'UTC');
		expect(r).toMatchObject({ ok: false, line: 8 });
		if (!r.ok) expect(r.error).toContain('more than 20,000 times');
	});

	it('refuses a rule that cannot reach the span within the step budget', () => {
		const t0 = cpuMs();
		const r = busyFromIcs(hostile('minutely-count-from-1900.ics'), span, 'UTC', { clock: cpuMs });
		expect(cpuMs() - t0).toBeLessThan(2500);
		expect(r).toMatchObject({ ok: false, line: 8 });
		if (!r.ok) expect(r.error).toMatch(/never occurs within the import's budget/);
	});

	it('stops on the CPU budget measured by the given clock', () => {
		let t = 0;
		const r = busyFromIcs(hostile('minutely-count-from-1900.ics'), span, 'UTC', {
			maxSteps: Number.MAX_SAFE_INTEGER,
			maxMs: 2000,
			clock: () => (t += 1)
		});
		expect(r).toMatchObject({ ok: false, line: 8 });
		if (!r.ok) expect(r.error).toContain('2 s of work');
	});

	it('refuses a VTIMEZONE with a SECONDLY rule when it is used, and ignores it when not', () => {
		const used = busyFromIcs(hostile('vtimezone-secondly.ics'), span, 'UTC');
		expect(used).toMatchObject({ ok: false, line: 8 });
		if (!used.ok) expect(used.error).toMatch(/must repeat yearly/);
		const unused = busyFromIcs(hostile('vtimezone-secondly-unused.ics'), span, 'UTC');
		expect(starts(unused)).toEqual(['2024-03-01T10:00:00Z']);
	});

	it.each([
		['bad-date.ics', 6, /DTSTART "2024013T100000Z" is not a valid date/],
		['bad-duration.ics', 7, /DURATION "PT1X" is not a valid duration/],
		['unknown-tzid.ics', 6, /time zone "Mars\/Olympus_Mons" is not defined/],
		['deep-nesting.ics', 9, /nested too deeply/]
	])('refuses %s with its line', (file, line, message) => {
		const r = busyFromIcs(hostile(file), span, 'UTC');
		expect(r).toMatchObject({ ok: false, line });
		if (!r.ok) {
			expect(r.error).toMatch(message);
			expect(r.error).toMatch(new RegExp(`^Line ${line}: .*\\.$`));
		}
	});

	it('ignores unknown properties and components', () => {
		const r = busyFromIcs(
			cal(
				'X-SOMETHING;X-PARAM="a;b":whatever',
				...event(
					'UID:u',
					'DTSTART:20240301T100000Z',
					'DTEND:20240301T110000Z',
					'X-GOOGLE-CONFERENCE:https://meet',
					'BEGIN:VALARM',
					'ACTION:DISPLAY',
					'TRIGGER:-PT15M',
					'END:VALARM'
				),
				'BEGIN:VTODO',
				'UID:t',
				'DTSTART:garbage',
				'END:VTODO'
			),
			span,
			'UTC'
		);
		expect(starts(r)).toEqual(['2024-03-01T10:00:00Z']);
	});

	it('counts the budget over the span: a daily series begun 25 years ago yields its span', () => {
		const r = busyFromIcs(
			cal(
				...event(
					'UID:old',
					'DTSTART;TZID=Europe/Paris:19990104T090000',
					'DTEND;TZID=Europe/Paris:19990104T093000',
					'RRULE:FREQ=DAILY'
				)
			),
			{ start: '2024-03-30', end: '2024-04-01' },
			'UTC'
		);
		// Across the spring-forward night: 09:00 Paris is 08:00Z, then 07:00Z.
		expect(starts(r)).toEqual([
			'2024-03-30T08:00:00Z',
			'2024-03-31T07:00:00Z',
			'2024-04-01T07:00:00Z'
		]);
	});

	it('caps the file size and the number of busy periods (limits are arguments)', () => {
		const many = cal(
			...Array.from({ length: 30 }, (_, i) =>
				event(`UID:${i}`, 'DTSTART:20240301T100000Z', 'DTEND:20240301T110000Z')
			).flat()
		);
		expect(busyFromIcs(many, span, 'UTC', { maxPeriods: 29 })).toMatchObject({ ok: false });
		expect(busyFromIcs(many, span, 'UTC', { maxPeriods: 30 }).ok).toBe(true);
		const r = busyFromIcs(many, span, 'UTC', { maxBytes: 100 });
		expect(r).toMatchObject({ ok: false, line: null });
		if (!r.ok) expect(r.error).toMatch(/larger than/);
	});

	it('imports 19,000 events (2 MB) and 16,500 overrides in linear time', () => {
		const events = Array.from({ length: 19_000 }, (_, i) => {
			const day = `2024${pad(1 + (i % 12))}${pad(1 + (i % 28))}`;
			return event(
				`UID:e${i}`,
				`DTSTART:${day}T${pad(i % 24)}0000Z`,
				`DTEND:${day}T${pad(i % 24)}3000Z`,
				`SUMMARY:Event ${i}`
			).join('\r\n');
		});
		const big = cal(...events);
		expect(big.length).toBeGreaterThan(1_800_000);
		expect(big.length).toBeLessThan(2 * 1024 * 1024);
		// CPU time, not wall time: this machine is shared, and the budget itself counts CPU.
		let t0 = cpuMs();
		const r = busyFromIcs(big, span, 'UTC', { maxPeriods: 20_000, clock: cpuMs });
		expect(cpuMs() - t0).toBeLessThan(2000);
		expect(r.ok && r.periods.length).toBe(19_000);

		const overrides = cal(
			...event(
				'UID:series',
				'DTSTART:20200101T090000Z',
				'DTEND:20200101T100000Z',
				'RRULE:FREQ=DAILY;COUNT=16500'
			),
			...Array.from({ length: 16_500 }, (_, i) => {
				const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000);
				const ymd = day.toISOString().slice(0, 10).replace(/-/g, '');
				return event(
					'UID:series',
					`RECURRENCE-ID:${ymd}T090000Z`,
					`DTSTART:${ymd}T140000Z`,
					`DTEND:${ymd}T150000Z`
				).join('\r\n');
			})
		);
		t0 = cpuMs();
		const o = busyFromIcs(overrides, span, 'UTC', { clock: cpuMs });
		expect(cpuMs() - t0).toBeLessThan(2000);
		expect(starts(o)).toHaveLength(366);
		expect(starts(o).every((s) => s.endsWith('T14:00:00Z'))).toBe(true);
	}, 30_000);

	it('never lets an internal error reach the member', () => {
		const r = busyFromIcs(cal(...event('UID:x', 'DTSTART:20240301T100000Z')), span, 'Not/AZone');
		expect(r).toMatchObject({ ok: false });
		if (!r.ok) expect(r.error).not.toMatch(/TypeError|undefined|is not a function/);
	});
});

const pad = (n: number) => String(n).padStart(2, '0');
const cpuMs = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};

describe('reading files as their writers meant', () => {
	it('matches overrides and exclusions written in UTC to a series with a TZID, by instant', () => {
		const r = busyFromIcs(
			cal(
				...event(
					'UID:s',
					'DTSTART;TZID=America/New_York:20240304T090000',
					'DTEND;TZID=America/New_York:20240304T100000',
					'RRULE:FREQ=DAILY;COUNT=4',
					'EXDATE:20240305T140000Z'
				),
				...event(
					'UID:s',
					'RECURRENCE-ID:20240306T140000Z',
					'DTSTART;TZID=Europe/London:20240306T180000',
					'DTEND;TZID=Europe/London:20240306T190000'
				)
			),
			span,
			'UTC'
		);
		expect(starts(r).sort()).toEqual([
			'2024-03-04T14:00:00Z',
			'2024-03-06T18:00:00Z',
			'2024-03-07T14:00:00Z'
		]);
		if (r.ok)
			expect(r.periods.find((p) => p.recurrenceId === '2024-03-06T14:00:00Z')).toMatchObject({
				uid: 's',
				when: { start: '2024-03-06T18:00:00Z' }
			});
	});

	it("lets an override's own STATUS:CANCELLED and TRANSP:TRANSPARENT decide its occurrence", () => {
		const r = busyFromIcs(
			cal(
				...event(
					'UID:s',
					'DTSTART:20240304T090000Z',
					'DTEND:20240304T100000Z',
					'RRULE:FREQ=DAILY;COUNT=4'
				),
				...event(
					'UID:s',
					'RECURRENCE-ID:20240305T090000Z',
					'DTSTART:20240305T090000Z',
					'DTEND:20240305T100000Z',
					'STATUS:CANCELLED'
				),
				...event(
					'UID:s',
					'RECURRENCE-ID:20240306T090000Z',
					'DTSTART:20240306T090000Z',
					'DTEND:20240306T100000Z',
					'TRANSP:TRANSPARENT'
				)
			),
			span,
			'UTC'
		);
		expect(starts(r)).toEqual(['2024-03-04T09:00:00Z', '2024-03-07T09:00:00Z']);
		expect(r.ok && r.skipped).toBe(2);
	});

	it('imports overrides without a master as single events (Google exports), no 500', () => {
		const r = busyFromIcs(
			cal(
				...event(
					'UID:lonely',
					'RECURRENCE-ID;TZID=Europe/Berlin:20240305T090000',
					'DTSTART;TZID=Europe/Berlin:20240305T110000',
					'DTEND;TZID=Europe/Berlin:20240305T120000'
				)
			),
			span,
			'UTC'
		);
		expect(r.ok && r.periods).toEqual([
			{
				when: {
					type: 'timed',
					start: '2024-03-05T10:00:00Z',
					end: '2024-03-05T11:00:00Z',
					zone: 'Europe/Berlin'
				},
				summary: '',
				uid: 'lonely',
				recurrenceId: '2024-03-05T08:00:00Z'
			}
		]);
	});

	it('ignores nameless and unused VTIMEZONEs and reads several VCALENDARs in turn', () => {
		const text = [
			cal(
				'BEGIN:VTIMEZONE',
				'BEGIN:STANDARD',
				'DTSTART:19700101T000000',
				'TZOFFSETFROM:+0100',
				'TZOFFSETTO:+0100',
				'END:STANDARD',
				'END:VTIMEZONE',
				...event('UID:a', 'DTSTART:20240301T100000Z', 'DTEND:20240301T110000Z')
			),
			cal(...event('UID:b', 'DTSTART:20240302T100000Z', 'DTEND:20240302T110000Z'))
		].join('\r\n');
		expect(starts(busyFromIcs(text, span, 'UTC'))).toEqual([
			'2024-03-01T10:00:00Z',
			'2024-03-02T10:00:00Z'
		]);
	});

	it.each([
		['Europe/Berlin', '2024-03-01T09:00:00Z'],
		['/mozilla.org/20050126_1/Europe/Berlin', '2024-03-01T09:00:00Z'],
		['W. Europe Standard Time', '2024-03-01T09:00:00Z'],
		['Pacific Standard Time', '2024-03-01T18:00:00Z'],
		['(UTC-05:00) Eastern Time (US & Canada)', '2024-03-01T15:00:00Z'],
		['(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna', '2024-03-01T09:00:00Z'],
		['(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi', '2024-03-01T04:30:00Z']
	])('resolves TZID %s without a VTIMEZONE', (tzid, start) => {
		const r = busyFromIcs(
			cal(
				...event(
					'UID:z',
					`DTSTART;TZID="${tzid}":20240301T100000`,
					`DTEND;TZID="${tzid}":20240301T110000`
				)
			),
			span,
			'Pacific/Kiritimati'
		);
		expect(starts(r)).toEqual([start]);
	});

	it('refuses a zone it cannot resolve, naming the line and the zone', () => {
		const r = busyFromIcs(
			cal(...event('UID:z', 'DTSTART;TZID="(UTC+01:00) Atlantis":20240301T100000')),
			span,
			'UTC'
		);
		expect(r).toMatchObject({ ok: false, line: 6 });
		if (!r.ok) expect(r.error).toContain('"(UTC+01:00) Atlantis"');
	});

	it("reads floating times in the calendar's X-WR-TIMEZONE, else the member's zone, and says which", () => {
		const body = event('UID:f', 'DTSTART:20240301T100000', 'DTEND:20240301T110000');
		const withX = busyFromIcs(cal('X-WR-TIMEZONE:Asia/Tokyo', ...body), span, 'Europe/Paris');
		expect(starts(withX)).toEqual(['2024-03-01T01:00:00Z']);
		expect(withX.ok && withX.floating).toEqual({
			zone: 'Asia/Tokyo',
			source: 'calendar',
			used: true
		});
		const without = busyFromIcs(cal(...body), span, 'Europe/Paris');
		expect(starts(without)).toEqual(['2024-03-01T09:00:00Z']);
		expect(without.ok && without.floating).toEqual({
			zone: 'Europe/Paris',
			source: 'member',
			used: true
		});
	});

	it('reads a VTIMEZONE made of RDATE transitions', () => {
		const r = busyFromIcs(
			cal(
				'BEGIN:VTIMEZONE',
				'TZID:Custom Zone',
				'BEGIN:STANDARD',
				'DTSTART:20231029T030000',
				'RDATE:20241027T030000',
				'TZOFFSETFROM:+0300',
				'TZOFFSETTO:+0200',
				'END:STANDARD',
				'BEGIN:DAYLIGHT',
				'DTSTART:20240331T020000',
				'RDATE:20250330T020000',
				'TZOFFSETFROM:+0200',
				'TZOFFSETTO:+0300',
				'END:DAYLIGHT',
				'END:VTIMEZONE',
				...event(
					'UID:r',
					'DTSTART;TZID=Custom Zone:20240301T100000',
					'DTEND;TZID=Custom Zone:20240301T110000',
					'RDATE;TZID=Custom Zone:20240601T100000,20241201T100000'
				)
			),
			span,
			'UTC'
		);
		expect(starts(r)).toEqual([
			'2024-03-01T08:00:00Z',
			'2024-06-01T07:00:00Z',
			'2024-12-01T08:00:00Z'
		]);
	});

	it('reads RDATE;VALUE=PERIOD with each period its own length', () => {
		const r = busyFromIcs(
			cal(
				...event(
					'UID:p',
					'DTSTART:20240301T100000Z',
					'DTEND:20240301T110000Z',
					'RDATE;VALUE=PERIOD:20240302T100000Z/20240302T130000Z,20240303T100000Z/PT30M'
				)
			),
			span,
			'UTC'
		);
		expect(r.ok && r.periods.map((p) => p.when)).toEqual([
			{ type: 'timed', start: '2024-03-01T10:00:00Z', end: '2024-03-01T11:00:00Z', zone: 'UTC' },
			{ type: 'timed', start: '2024-03-02T10:00:00Z', end: '2024-03-02T13:00:00Z', zone: 'UTC' },
			{ type: 'timed', start: '2024-03-03T10:00:00Z', end: '2024-03-03T10:30:00Z', zone: 'UTC' }
		]);
	});

	it('joins several RRULEs (none lost before UNTIL) and removes EXRULE occurrences', () => {
		const r = busyFromIcs(
			cal(
				...event(
					'UID:m',
					'DTSTART:20240304T100000Z',
					'DURATION:PT1H',
					'RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20240318T100000Z',
					'RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20240320T100000Z',
					'EXRULE:FREQ=MONTHLY;BYMONTHDAY=11'
				)
			),
			span,
			'UTC'
		);
		expect(starts(r)).toEqual([
			'2024-03-04T10:00:00Z',
			'2024-03-06T10:00:00Z',
			'2024-03-13T10:00:00Z',
			'2024-03-18T10:00:00Z',
			'2024-03-20T10:00:00Z'
		]);
	});

	it('applies RANGE=THISANDFUTURE to the later occurrences', () => {
		const r = busyFromIcs(
			cal(
				...event(
					'UID:t',
					'DTSTART:20240304T100000Z',
					'DTEND:20240304T110000Z',
					'RRULE:FREQ=DAILY;COUNT=4'
				),
				...event(
					'UID:t',
					'RECURRENCE-ID;RANGE=THISANDFUTURE:20240305T100000Z',
					'DTSTART:20240305T120000Z',
					'DTEND:20240305T140000Z'
				)
			),
			span,
			'UTC'
		);
		expect(
			r.ok && r.periods.map((p) => p.when.type === 'timed' && [p.when.start, p.when.end])
		).toEqual([
			['2024-03-04T10:00:00Z', '2024-03-04T11:00:00Z'],
			['2024-03-06T12:00:00Z', '2024-03-06T14:00:00Z'],
			['2024-03-07T12:00:00Z', '2024-03-07T14:00:00Z'],
			['2024-03-05T12:00:00Z', '2024-03-05T14:00:00Z']
		]);
	});

	it('gives each occurrence its UID and RECURRENCE-ID instant (all-day: the date)', () => {
		const r = busyFromIcs(
			cal(...event('UID:ad', 'DTSTART;VALUE=DATE:20240304', 'RRULE:FREQ=WEEKLY;COUNT=2')),
			span,
			'UTC'
		);
		expect(r.ok && r.periods).toEqual([
			{
				when: { type: 'day', date: '2024-03-04' },
				summary: '',
				uid: 'ad',
				recurrenceId: '2024-03-04'
			},
			{
				when: { type: 'day', date: '2024-03-11' },
				summary: '',
				uid: 'ad',
				recurrenceId: '2024-03-11'
			}
		]);
	});

	it('expands BYDAY ordinals, BYSETPOS and negative BYMONTHDAY like RFC 5545', () => {
		const r = busyFromIcs(
			cal(
				...event(
					'UID:o',
					'DTSTART:20240101T100000Z',
					'DURATION:PT1H',
					'RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3'
				),
				...event(
					'UID:p',
					'DTSTART:20240131T100000Z',
					'DURATION:PT1H',
					'RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3'
				),
				...event(
					'UID:q',
					'DTSTART:20240311T100000Z',
					'DURATION:PT1H',
					'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;COUNT=1'
				)
			),
			span,
			'UTC'
		);
		// DTSTART is always the first occurrence (RFC 5545), matching the rule or not.
		expect(starts(r)).toEqual([
			'2024-01-01T10:00:00Z',
			'2024-01-31T10:00:00Z',
			'2024-02-29T10:00:00Z',
			'2024-03-29T10:00:00Z',
			'2024-01-31T10:00:00Z',
			'2024-02-29T10:00:00Z',
			'2024-03-31T10:00:00Z',
			'2024-03-11T10:00:00Z',
			'2024-11-28T10:00:00Z'
		]);
	});
});

describe('independent of the server zone', () => {
	it.each(TEST_ZONES)('reads the same instants and dates under TZ=%s', (tz) => {
		const text = cal(
			...event(
				'UID:s',
				'DTSTART;TZID=America/St_Johns:20240308T233000',
				'DTEND;TZID=America/St_Johns:20240309T003000',
				'RRULE:FREQ=DAILY;COUNT=4'
			),
			...event('UID:d', 'DTSTART;VALUE=DATE:20240310', 'RRULE:FREQ=DAILY;COUNT=2'),
			...event('UID:f', 'DTSTART:20240310T020000', 'DURATION:PT1H')
		);
		const r = withTZ(tz, () => busyFromIcs(text, span, 'Asia/Kathmandu'));
		// St John's springs forward on 10 March: 23:30 NST (-3:30) then NDT (-2:30).
		expect(starts(r)).toEqual([
			'2024-03-09T03:00:00Z',
			'2024-03-10T03:00:00Z',
			'2024-03-11T02:00:00Z',
			'2024-03-12T02:00:00Z',
			'{"type":"day","date":"2024-03-10"}',
			'{"type":"day","date":"2024-03-11"}',
			'2024-03-09T20:15:00Z'
		]);
	});
});
