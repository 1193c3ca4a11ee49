import { describe, expect, it } from 'vitest';
import {
	formatTimedRange,
	addDays,
	diffDays,
	formatBounds,
	formatDay,
	formatDayRange,
	formatInstantIn,
	formatSpec,
	isoWeekday,
	parseDateText,
	resolve,
	todayIn,
	type Resolved
} from './dates.ts';
import { DateSpec } from './schema.ts';
import { TEST_ZONES, withTZ } from './tz.test-helper.ts';

function parsed(text: string, zone?: string): DateSpec {
	const r = parseDateText(text, zone === undefined ? {} : { zone });
	if (!r.ok) throw new Error(`expected "${text}" to parse: ${r.error}`);
	return r.spec;
}

function parseError(text: string, zone?: string): string {
	const r = parseDateText(text, zone === undefined ? {} : { zone });
	if (r.ok) throw new Error(`expected "${text}" to fail, got ${JSON.stringify(r.spec)}`);
	return r.error;
}

function bounds(r: Resolved): [string | null, string | null, boolean] {
	return [r.earliest, r.latest, r.exact];
}

/** A DateSpec without its `text`, variant by variant. */
type Body = DateSpec extends infer T ? (T extends unknown ? Omit<T, 'text'> : never) : never;

/** Text, the spec it means (without `text`), and its canonical label. */
const PARSE_TABLE: [string, Body, string][] = [
	// Exact days in every spelling the plan and people use
	['1 March 2024', { type: 'day', date: '2024-03-01' }, '1 March 2024'],
	['2024-03-01', { type: 'day', date: '2024-03-01' }, '1 March 2024'],
	['1 Mar 2024', { type: 'day', date: '2024-03-01' }, '1 March 2024'],
	['March 1, 2024', { type: 'day', date: '2024-03-01' }, '1 March 2024'],
	['Friday 1 March 2024', { type: 'day', date: '2024-03-01' }, '1 March 2024'],
	['Fri, 1 March 2024', { type: 'day', date: '2024-03-01' }, '1 March 2024'],
	['1st March 2024', { type: 'day', date: '2024-03-01' }, '1 March 2024'],
	['1st of March 2024', { type: 'day', date: '2024-03-01' }, '1 March 2024'],
	['on 15 Feb. 2024', { type: 'day', date: '2024-02-15' }, '15 February 2024'],
	['  29 FEBRUARY 2024  ', { type: 'day', date: '2024-02-29' }, '29 February 2024'],
	// Ranges
	[
		'2024-03-01/2024-03-05',
		{ type: 'range', start: '2024-03-01', end: '2024-03-05' },
		'1–5 March 2024'
	],
	[
		'2024-03-01 to 2024-03-05',
		{ type: 'range', start: '2024-03-01', end: '2024-03-05' },
		'1–5 March 2024'
	],
	['27–31 May 2024', { type: 'range', start: '2024-05-27', end: '2024-05-31' }, '27–31 May 2024'],
	['27-31 May 2024', { type: 'range', start: '2024-05-27', end: '2024-05-31' }, '27–31 May 2024'],
	['27—31 May 2024', { type: 'range', start: '2024-05-27', end: '2024-05-31' }, '27–31 May 2024'],
	[
		'27 to 31 May 2024',
		{ type: 'range', start: '2024-05-27', end: '2024-05-31' },
		'27–31 May 2024'
	],
	['May 27–31, 2024', { type: 'range', start: '2024-05-27', end: '2024-05-31' }, '27–31 May 2024'],
	[
		'27 May – 2 June 2024',
		{ type: 'range', start: '2024-05-27', end: '2024-06-02' },
		'27 May – 2 June 2024'
	],
	[
		'15 January – 15 February 2024',
		{ type: 'range', start: '2024-01-15', end: '2024-02-15' },
		'15 January – 15 February 2024'
	],
	[
		'30 December 2023 – 2 January 2024',
		{ type: 'range', start: '2023-12-30', end: '2024-01-02' },
		'30 December 2023 – 2 January 2024'
	],
	[
		'Tue 27 – Wed 28 Feb 2024',
		{ type: 'range', start: '2024-02-27', end: '2024-02-28' },
		'27–28 February 2024'
	],
	// Timed (zone written, or opts.zone, or UTC)
	[
		'18 December 2023 16:00–17:00 UTC',
		{ type: 'timed', start: '2023-12-18T16:00Z', end: '2023-12-18T17:00Z', zone: 'UTC' },
		'18 December 2023 16:00–17:00 UTC'
	],
	[
		'2023-12-18 16:00-17:00 UTC',
		{ type: 'timed', start: '2023-12-18T16:00Z', end: '2023-12-18T17:00Z', zone: 'UTC' },
		'18 December 2023 16:00–17:00 UTC'
	],
	[
		'18 Dec 2023 10:00-11:00 Europe/Brussels',
		{
			type: 'timed',
			start: '2023-12-18T09:00Z',
			end: '2023-12-18T10:00Z',
			zone: 'Europe/Brussels'
		},
		'18 December 2023 10:00–11:00 Europe/Brussels'
	],
	[
		'18 dec 2023 10:00 to 11:00 europe/brussels',
		{
			type: 'timed',
			start: '2023-12-18T09:00Z',
			end: '2023-12-18T10:00Z',
			zone: 'Europe/Brussels'
		},
		'18 December 2023 10:00–11:00 Europe/Brussels'
	],
	[
		'18 December 2023 23:00 – 19 December 2023 01:00 Asia/Tokyo',
		{ type: 'timed', start: '2023-12-18T14:00Z', end: '2023-12-18T16:00Z', zone: 'Asia/Tokyo' },
		'18 December 2023 23:00 – 19 December 2023 01:00 Asia/Tokyo'
	],
	[
		'18 December 2023 16:00:30–17:00 UTC',
		{ type: 'timed', start: '2023-12-18T16:00:30Z', end: '2023-12-18T17:00Z', zone: 'UTC' },
		'18 December 2023 16:00:30–17:00 UTC'
	],
	// Months and parts of months (late February in a leap year ends on the 29th)
	['May 2024', { type: 'month', year: 2024, month: 5 }, 'May 2024'],
	['in Sept 2024', { type: 'month', year: 2024, month: 9 }, 'September 2024'],
	[
		'early May 2024',
		{ type: 'part-of-month', year: 2024, month: 5, part: 'early' },
		'early May 2024'
	],
	['mid-May 2024', { type: 'part-of-month', year: 2024, month: 5, part: 'mid' }, 'mid-May 2024'],
	['mid May 2024', { type: 'part-of-month', year: 2024, month: 5, part: 'mid' }, 'mid-May 2024'],
	['late May 2024', { type: 'part-of-month', year: 2024, month: 5, part: 'late' }, 'late May 2024'],
	[
		'beginning of May 2024',
		{ type: 'part-of-month', year: 2024, month: 5, part: 'early' },
		'early May 2024'
	],
	[
		'start of May 2024',
		{ type: 'part-of-month', year: 2024, month: 5, part: 'early' },
		'early May 2024'
	],
	[
		'the end of May 2024',
		{ type: 'part-of-month', year: 2024, month: 5, part: 'late' },
		'late May 2024'
	],
	// Parts of years
	['early 2024', { type: 'part-of-year', year: 2024, part: 'early' }, 'early 2024'],
	['mid-2024', { type: 'part-of-year', year: 2024, part: 'mid' }, 'mid-2024'],
	['mid 2024', { type: 'part-of-year', year: 2024, part: 'mid' }, 'mid-2024'],
	['late 2024', { type: 'part-of-year', year: 2024, part: 'late' }, 'late 2024'],
	['beginning of 2024', { type: 'part-of-year', year: 2024, part: 'early' }, 'early 2024'],
	['start of 2024', { type: 'part-of-year', year: 2024, part: 'early' }, 'early 2024'],
	['end of 2024', { type: 'part-of-year', year: 2024, part: 'late' }, 'late 2024'],
	// Quarters
	['Q1 2024', { type: 'quarter', year: 2024, quarter: 1 }, 'Q1 2024'],
	['q3 2024', { type: 'quarter', year: 2024, quarter: 3 }, 'Q3 2024'],
	['first quarter of 2024', { type: 'quarter', year: 2024, quarter: 1 }, 'Q1 2024'],
	['the 4th quarter of 2024', { type: 'quarter', year: 2024, quarter: 4 }, 'Q4 2024'],
	// Deadlines
	['by 15 February 2024', { type: 'by', date: '2024-02-15' }, 'by 15 February 2024'],
	['no later than 15 February 2024', { type: 'by', date: '2024-02-15' }, 'by 15 February 2024'],
	['before 1 March 2024', { type: 'by', date: '2024-02-29' }, 'by 29 February 2024'],
	['before 1 March 2023', { type: 'by', date: '2023-02-28' }, 'by 28 February 2023'],
	['by end of 2023', { type: 'by', date: '2023-12-31' }, 'by 31 December 2023'],
	['by the end of 2023', { type: 'by', date: '2023-12-31' }, 'by 31 December 2023'],
	['by mid-April 2024', { type: 'by', date: '2024-04-20' }, 'by 20 April 2024'],
	['by end of February 2023', { type: 'by', date: '2023-02-28' }, 'by 28 February 2023'],
	[
		'from 1 January 2024 by 15 February 2024',
		{ type: 'by', from: '2024-01-01', date: '2024-02-15' },
		'from 1 January 2024 by 15 February 2024'
	],
	// Candidate windows
	[
		'25 or 26 to 27 or 28 February 2024',
		{
			type: 'candidates',
			windows: [
				{ start: '2024-02-25', end: '2024-02-27' },
				{ start: '2024-02-25', end: '2024-02-28' },
				{ start: '2024-02-26', end: '2024-02-27' },
				{ start: '2024-02-26', end: '2024-02-28' }
			]
		},
		'25 or 26 to 27 or 28 February 2024'
	],
	[
		'25–27 February 2024 or 3–4 March 2024',
		{
			type: 'candidates',
			windows: [
				{ start: '2024-02-25', end: '2024-02-27' },
				{ start: '2024-03-03', end: '2024-03-04' }
			]
		},
		'25–27 February 2024 or 3–4 March 2024'
	],
	[
		'tentatively 25–27 February 2024',
		{ type: 'candidates', windows: [{ start: '2024-02-25', end: '2024-02-27' }] },
		'tentatively 25–27 February 2024'
	],
	// Not decided
	['TBD', { type: 'tbd' }, 'TBD'],
	['tbc', { type: 'tbd' }, 'TBD'],
	['To be decided', { type: 'tbd' }, 'TBD'],
	['to be confirmed', { type: 'tbd' }, 'TBD']
];

describe('parseDateText', () => {
	it.each(PARSE_TABLE)('reads %j', (text, spec, label) => {
		const got = parsed(text);
		expect(got).toEqual({ ...spec, text: text.trim() });
		expect(DateSpec.safeParse(got).success).toBe(true);
		expect(formatSpec(got)).toBe(label);
		// The canonical label reads back to the same meaning.
		expect(resolve(parsed(label))).toEqual(resolve(got));
	});

	it('reads a time without a zone in opts.zone, else UTC', () => {
		expect(parsed('18 December 2023 16:00-17:00', 'Asia/Tokyo')).toMatchObject({
			start: '2023-12-18T07:00Z',
			end: '2023-12-18T08:00Z',
			zone: 'Asia/Tokyo'
		});
		expect(parsed('18 December 2023 16:00-17:00')).toMatchObject({
			start: '2023-12-18T16:00Z',
			zone: 'UTC'
		});
	});

	it('lets a written zone win over opts.zone', () => {
		expect(parsed('18 December 2023 16:00-17:00 UTC', 'Asia/Tokyo')).toMatchObject({
			start: '2023-12-18T16:00Z',
			zone: 'UTC'
		});
	});

	it('reads the same meeting across the Europe DST change (31 March 2024)', () => {
		// 10:00 in Brussels is 09:00 UTC in winter and 08:00 UTC in summer.
		expect(parsed('29 March 2024 10:00-11:00 Europe/Brussels')).toMatchObject({
			start: '2024-03-29T09:00Z'
		});
		expect(parsed('2 April 2024 10:00-11:00 Europe/Brussels')).toMatchObject({
			start: '2024-04-02T08:00Z'
		});
		// A night spanning the change lasts 5 hours on the wall clock but 4 hours in real time.
		const night = parsed('30 March 2024 23:00 – 31 March 2024 04:00 Europe/Brussels');
		expect(night).toMatchObject({ start: '2024-03-30T22:00Z', end: '2024-03-31T02:00Z' });
		expect(bounds(resolve(night))).toEqual(['2024-03-30', '2024-03-31', true]);
		expect(formatSpec(night)).toBe('30 March 2024 23:00 – 31 March 2024 04:00 Europe/Brussels');
	});

	it('rejects a wall time that the clocks skip', () => {
		expect(parseError('31 March 2024 02:30-03:30 Europe/Brussels')).toBe(
			'"31 March 2024 02:30-03:30 Europe/Brussels": 02:30 on 31 March 2024 does not exist in Europe/Brussels (the clocks skip that hour).'
		);
	});

	it('keeps the repeated autumn hour apart by naming the offset only when needed', () => {
		// 02:30 CEST (00:30Z) to 02:15 CET (01:15Z) on 27 October 2024: 45 minutes.
		const spec: DateSpec = {
			type: 'timed',
			start: '2024-10-27T00:30Z',
			end: '2024-10-27T01:15Z',
			zone: 'Europe/Brussels'
		};
		const label = formatSpec(spec);
		expect(label).toMatch(
			/^27 October 2024 02:30 \(UTC\+02:00\)–02:15( \(UTC\+01:00\))? Europe\/Brussels$/
		);
		expect(parsed(label)).toMatchObject({ start: spec.start, end: spec.end });
		expect(
			parsed('27 October 2024 02:30 (UTC+02:00)–02:15 (UTC+01:00) Europe/Brussels')
		).toMatchObject({ start: '2024-10-27T00:30Z', end: '2024-10-27T01:15Z' });
	});
});

describe('parseDateText errors', () => {
	const HINT =
		'try "1 March 2024", "27–31 May 2024", "early May 2024", "by 15 February 2024", "Q3 2024" or "TBD".';
	it.each([
		['xyz', `Could not read "xyz" as a date: ${HINT}`],
		['', `The date is empty: ${HINT}`],
		['   ', `The date is empty: ${HINT}`],
		['sometime soon-ish 2024', `Could not read "sometime soon-ish 2024" as a date: ${HINT}`],
		['31 February 2024', '"31 February 2024" is not a real date.'],
		['2023-02-29', '"2023-02-29" is not a real date.'],
		['30–31 February 2024', '"30 February 2024" is not a real date.'],
		['31 April 2024 – 2 May 2024', '"31 April 2024" is not a real date.'],
		['5–1 March 2024', '"5–1 March 2024": the range ends before it starts.'],
		['2024-03-05/2024-03-01', '"2024-03-05/2024-03-01": the range ends before it starts.'],
		[
			'18 December 2023 17:00-16:00 UTC',
			'"18 December 2023 17:00-16:00 UTC": the range ends before it starts.'
		],
		[
			'from 1 March 2024 by 15 February 2024',
			'"from 1 March 2024 by 15 February 2024": the range ends before it starts.'
		],
		['1 March', 'Could not read "1 March" as a date: add the year, e.g. "1 March 2024".'],
		['Monday 1 March 2024', '"Monday 1 March 2024": 1 March 2024 is a Friday.'],
		['18 December 2023 25:00-26:00 UTC', '"25:00" is not a real time.'],
		[
			'18 December 2023 16:00 UTC',
			'"18 December 2023 16:00 UTC": give an end time as well, e.g. "16:00–17:00".'
		],
		[
			'18 December 2023 16:00-17:00 CEST',
			'Unknown time zone "CEST": write an IANA name such as "Europe/Brussels", or "UTC".'
		],
		['May 1850', '"May 1850": the year must be between 1900 and 2200.']
	])('%j', (text, error) => {
		expect(parseError(text)).toBe(error);
	});

	it('rejects an unknown default zone', () => {
		expect(parseError('18 December 2023 16:00-17:00', 'Mars/Olympus')).toBe(
			'Unknown time zone "Mars/Olympus".'
		);
	});

	it('rejects text longer than the schema keeps', () => {
		expect(parseError(`1 March 2024 ${'x'.repeat(500)}`)).toMatch(/too long/);
	});
});

describe('resolve', () => {
	it.each<[DateSpec, string | null, string | null, boolean]>([
		[{ type: 'day', date: '2024-02-29' }, '2024-02-29', '2024-02-29', true],
		[{ type: 'range', start: '2024-05-27', end: '2024-05-31' }, '2024-05-27', '2024-05-31', true],
		[{ type: 'month', year: 2024, month: 2 }, '2024-02-01', '2024-02-29', false],
		[{ type: 'month', year: 2023, month: 2 }, '2023-02-01', '2023-02-28', false],
		[{ type: 'month', year: 2100, month: 2 }, '2100-02-01', '2100-02-28', false],
		[{ type: 'month', year: 2000, month: 2 }, '2000-02-01', '2000-02-29', false],
		[{ type: 'month', year: 2024, month: 4 }, '2024-04-01', '2024-04-30', false],
		[{ type: 'month', year: 2024, month: 12 }, '2024-12-01', '2024-12-31', false],
		[
			{ type: 'part-of-month', year: 2024, month: 5, part: 'early' },
			'2024-05-01',
			'2024-05-10',
			false
		],
		[
			{ type: 'part-of-month', year: 2024, month: 5, part: 'mid' },
			'2024-05-11',
			'2024-05-20',
			false
		],
		[
			{ type: 'part-of-month', year: 2024, month: 5, part: 'late' },
			'2024-05-21',
			'2024-05-31',
			false
		],
		[
			{ type: 'part-of-month', year: 2024, month: 2, part: 'late' },
			'2024-02-21',
			'2024-02-29',
			false
		],
		[
			{ type: 'part-of-month', year: 2023, month: 2, part: 'late' },
			'2023-02-21',
			'2023-02-28',
			false
		],
		[
			{ type: 'part-of-month', year: 2024, month: 4, part: 'late' },
			'2024-04-21',
			'2024-04-30',
			false
		],
		[{ type: 'part-of-year', year: 2024, part: 'early' }, '2024-01-01', '2024-04-30', false],
		[{ type: 'part-of-year', year: 2024, part: 'mid' }, '2024-05-01', '2024-08-31', false],
		[{ type: 'part-of-year', year: 2024, part: 'late' }, '2024-09-01', '2024-12-31', false],
		[{ type: 'quarter', year: 2024, quarter: 1 }, '2024-01-01', '2024-03-31', false],
		[{ type: 'quarter', year: 2024, quarter: 2 }, '2024-04-01', '2024-06-30', false],
		[{ type: 'quarter', year: 2024, quarter: 3 }, '2024-07-01', '2024-09-30', false],
		[{ type: 'quarter', year: 2024, quarter: 4 }, '2024-10-01', '2024-12-31', false],
		[{ type: 'by', date: '2024-02-15' }, '2024-02-15', '2024-02-15', true],
		[{ type: 'by', date: '2024-02-15', from: '2024-01-01' }, '2024-01-01', '2024-02-15', false],
		[
			{
				type: 'candidates',
				windows: [
					{ start: '2024-03-03', end: '2024-03-04' },
					{ start: '2024-02-25', end: '2024-02-27' }
				]
			},
			'2024-02-25',
			'2024-03-04',
			false
		],
		[{ type: 'tbd' }, null, null, false]
	])('%j', (spec, earliest, latest, exact) => {
		expect(bounds(resolve(spec))).toEqual([earliest, latest, exact]);
	});

	it('gives a timed spec the calendar days of its own zone', () => {
		const utc = resolve({
			type: 'timed',
			start: '2023-12-18T16:00Z',
			end: '2023-12-18T17:00Z',
			zone: 'UTC'
		});
		expect(bounds(utc)).toEqual(['2023-12-18', '2023-12-18', true]);
		expect(utc.timed).toEqual({
			start: '2023-12-18T16:00Z',
			end: '2023-12-18T17:00Z',
			zone: 'UTC'
		});
		// The same hour planned from Tokyo falls on 19 December there.
		const tokyo = resolve({
			type: 'timed',
			start: '2023-12-18T16:00Z',
			end: '2023-12-18T17:00Z',
			zone: 'Asia/Tokyo'
		});
		expect(bounds(tokyo)).toEqual(['2023-12-19', '2023-12-19', true]);
		expect(tokyo.label).toBe('19 December 2023 01:00–02:00 Asia/Tokyo');
	});

	it('ends a timed spec on the day of its last instant (an end at midnight stays the day before)', () => {
		const r = resolve({
			type: 'timed',
			start: '2023-12-18T23:00:00Z',
			end: '2023-12-19T00:00:00Z',
			zone: 'UTC'
		});
		expect(bounds(r)).toEqual(['2023-12-18', '2023-12-18', true]);
		// Instants are normalised so equal times compare equal.
		expect(r.timed).toEqual({ start: '2023-12-18T23:00Z', end: '2023-12-19T00:00Z', zone: 'UTC' });
		expect(r.label).toBe('18 December 2023 23:00 – 19 December 2023 00:00 UTC');
	});

	it('labels every spec with formatSpec', () => {
		const spec: DateSpec = {
			type: 'part-of-month',
			year: 2024,
			month: 5,
			part: 'early',
			text: 'x'
		};
		expect(resolve(spec).label).toBe('early May 2024');
		expect(resolve({ type: 'tbd' }).label).toBe('TBD');
	});

	it('does not depend on the host time zone', () => {
		const specs = PARSE_TABLE.map(([text]) => parsed(text));
		const expected = specs.map(resolve);
		for (const zone of TEST_ZONES) {
			withTZ(zone, () => {
				expect(specs.map(resolve)).toEqual(expected);
				expect(PARSE_TABLE.map(([text]) => parsed(text))).toEqual(specs);
			});
		}
	});
});

describe('formatSpec', () => {
	it.each<[DateSpec, string]>([
		[{ type: 'day', date: '2024-03-01' }, '1 March 2024'],
		[{ type: 'range', start: '2024-05-27', end: '2024-05-31' }, '27–31 May 2024'],
		[{ type: 'range', start: '2024-05-27', end: '2024-06-02' }, '27 May – 2 June 2024'],
		[
			{ type: 'range', start: '2023-12-30', end: '2024-01-02' },
			'30 December 2023 – 2 January 2024'
		],
		[{ type: 'range', start: '2024-03-01', end: '2024-03-01' }, '1 March 2024'],
		[
			{ type: 'by', date: '2024-02-15', from: '2024-01-15' },
			'from 15 January 2024 by 15 February 2024'
		],
		[
			{
				type: 'candidates',
				windows: [
					{ start: '2024-02-26', end: '2024-02-28' },
					{ start: '2024-02-25', end: '2024-02-27' },
					{ start: '2024-02-25', end: '2024-02-28' },
					{ start: '2024-02-26', end: '2024-02-27' }
				]
			},
			'25 or 26 to 27 or 28 February 2024'
		],
		[
			{
				type: 'candidates',
				windows: [
					{ start: '2024-02-25', end: '2024-02-27' },
					{ start: '2024-02-26', end: '2024-02-28' }
				]
			},
			'25–27 February 2024 or 26–28 February 2024'
		],
		[
			{
				type: 'candidates',
				windows: [
					{ start: '2024-02-25', end: '2024-02-25' },
					{ start: '2024-02-26', end: '2024-02-26' }
				]
			},
			'25 February 2024 or 26 February 2024'
		],
		[{ type: 'quarter', year: 2024, quarter: 3 }, 'Q3 2024'],
		[{ type: 'tbd', text: 'to be decided' }, 'TBD']
	])('%j -> %s', (spec, label) => {
		expect(formatSpec(spec)).toBe(label);
		expect(resolve(parsed(label))).toEqual(resolve(spec));
	});
});

describe('plain-date arithmetic', () => {
	it('adds and counts days across month ends, leap days and DST', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
		expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
		expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
		expect(addDays('2024-03-30', 2)).toBe('2024-04-01');
		expect(diffDays('2024-01-01', '2025-01-01')).toBe(366);
		expect(diffDays('2024-03-31', '2024-03-30')).toBe(-1);
		expect(diffDays('2024-03-30', '2024-04-01')).toBe(2);
	});

	it('numbers weekdays from Monday', () => {
		expect(isoWeekday('2024-02-26')).toBe(1);
		expect(isoWeekday('2024-03-01')).toBe(5);
		expect(isoWeekday('2024-03-03')).toBe(7);
	});

	it('tells today in a zone from the caller’s clock', () => {
		const now = Date.UTC(2023, 11, 18, 16, 0); // 18 Dec 2023 16:00 UTC
		expect(todayIn('UTC', now)).toBe('2023-12-18');
		expect(todayIn('Asia/Tokyo', now)).toBe('2023-12-19');
		expect(todayIn('Pacific/Kiritimati', Date.UTC(2023, 11, 18, 10, 0))).toBe('2023-12-19');
		expect(todayIn('Pacific/Pago_Pago', Date.UTC(2023, 11, 18, 10, 0))).toBe('2023-12-17');
	});

	it('refuses strings that are not dates', () => {
		expect(() => addDays('2024-02-30', 1)).toThrow();
		expect(() => isoWeekday('1 March 2024')).toThrow();
	});
});

describe('display', () => {
	it('formats a day the way people read it', () => {
		expect(formatDay('2024-02-27')).toBe('Tue 27 Feb 2024');
		expect(formatDay('2024-02-27', 'fr-FR')).toBe('mar. 27 févr. 2024');
	});

	it.each([
		['2024-02-27', '2024-02-28', 'en-GB', 'Tue 27 – Wed 28 Feb 2024'],
		['2024-02-29', '2024-03-01', 'en-GB', 'Thu 29 Feb – Fri 1 Mar 2024'],
		['2023-12-30', '2024-01-02', 'en-GB', 'Sat 30 Dec 2023 – Tue 2 Jan 2024'],
		['2024-02-27', '2024-02-27', 'en-GB', 'Tue 27 Feb 2024'],
		['2024-02-27', '2024-02-28', 'de-DE', 'Di. 27. – Mi. 28. Feb. 2024'],
		['2024-02-27', '2024-02-28', 'fr-FR', 'mar. 27 – mer. 28 févr. 2024'],
		['2024-02-27', '2024-02-28', 'ja-JP', '2024年2月27日(火) – 28日(水)']
	])('formatDayRange(%s, %s, %s) = %s', (start, end, locale, text) => {
		expect(formatDayRange(start, end, locale)).toBe(text);
	});

	it('defaults to en-GB', () => {
		expect(formatDayRange('2024-02-27', '2024-02-28')).toBe('Tue 27 – Wed 28 Feb 2024');
	});

	it.each<[DateSpec, string]>([
		[{ type: 'part-of-month', year: 2024, month: 5, part: 'early' }, '1–10 May 2024'],
		[{ type: 'range', start: '2024-05-27', end: '2024-05-31' }, '27–31 May 2024'],
		[{ type: 'day', date: '2024-02-29' }, '29 Feb 2024'],
		[{ type: 'range', start: '2024-05-27', end: '2024-06-02' }, '27 May – 2 Jun 2024'],
		[{ type: 'tbd' }, 'undated']
	])('formatBounds(%j) = %s', (spec, text) => {
		expect(formatBounds(resolve(spec))).toBe(text);
	});

	it('formats bounds in other locales', () => {
		const r = resolve({ type: 'part-of-month', year: 2024, month: 5, part: 'early' });
		expect(formatBounds(r, 'en-US')).toBe('May 1 – 10, 2024');
		expect(formatBounds(r, 'de-DE')).toBe('1.–10. Mai 2024');
	});

	it('shows the 18 December 2023 call on each member’s wall clock', () => {
		const call = '2023-12-18T16:00Z';
		expect(formatInstantIn(call, 'Europe/Brussels')).toBe('Mon 18 Dec 2023, 17:00 CET');
		expect(formatInstantIn(call, 'UTC')).toBe('Mon 18 Dec 2023, 16:00 UTC');
		// 01:00 on 19 December in Tokyo.
		expect(formatInstantIn(call, 'Asia/Tokyo')).toBe('Tue 19 Dec 2023, 01:00 GMT+9');
		// Mexico City is UTC−6 all year since 2022 (no DST): 10:00. (08:00 would be UTC−8, e.g. Los Angeles.)
		expect(formatInstantIn(call, 'America/Mexico_City')).toBe('Mon 18 Dec 2023, 10:00 GMT-6');
		expect(formatInstantIn(call, 'America/Los_Angeles')).toBe('Mon 18 Dec 2023, 08:00 GMT-8');
	});

	it('does not depend on the host time zone', () => {
		const expected = [
			formatDayRange('2024-02-27', '2024-02-28'),
			formatInstantIn('2023-12-18T16:00Z', 'Asia/Tokyo')
		];
		for (const zone of TEST_ZONES) {
			withTZ(zone, () => {
				expect([
					formatDayRange('2024-02-27', '2024-02-28'),
					formatInstantIn('2023-12-18T16:00Z', 'Asia/Tokyo')
				]).toEqual(expected);
				expect(addDays('2024-03-30', 1)).toBe('2024-03-31');
				expect(todayIn('UTC', Date.UTC(2024, 2, 31, 0, 30))).toBe('2024-03-31');
			});
		}
	});
});

describe('withTZ', () => {
	it('sets and restores the host zone', () => {
		const before = process.env.TZ;
		const offset = withTZ('Asia/Kathmandu', () =>
			new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset()
		);
		expect(offset).toBe(-345);
		expect(
			withTZ('America/St_Johns', () => new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset())
		).toBe(210);
		expect(process.env.TZ).toBe(before);
	});
});

describe('formatTimedRange', () => {
	it('writes a same-day range once, in the zone asked for', () => {
		expect(formatTimedRange('2023-12-18T16:00Z', '2023-12-18T17:00Z', 'UTC')).toBe(
			'Mon 18 Dec 2023, 16:00–17:00 UTC'
		);
		expect(formatTimedRange('2023-12-18T16:00Z', '2023-12-18T17:00Z', 'Europe/Brussels')).toBe(
			'Mon 18 Dec 2023, 17:00–18:00 CET'
		);
	});
	it('writes both ends when the local day changes (Tokyo is already on 19 Dec)', () => {
		const text = formatTimedRange('2023-12-18T14:30Z', '2023-12-18T15:30Z', 'Asia/Tokyo');
		expect(text).toMatch(/^Mon 18 Dec 2023, 23:30 .* – Tue 19 Dec 2023, 00:30/);
	});
});
