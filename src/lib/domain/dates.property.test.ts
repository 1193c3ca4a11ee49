import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, diffDays, formatSpec, parseDateText, resolve, type Resolved } from './dates.ts';
import { DateSpec, type Part } from './schema.ts';
import { TEST_ZONES, withTZ } from './tz.test-helper.ts';

// Moderate by default so the suite stays fast; raise DATES_PROPERTY_RUNS for a deeper search.
const RUNS = Number(process.env.DATES_PROPERTY_RUNS ?? 300);

/** Planning zones: the host-zone extremes plus zones with DST, half-hour and 30-minute-DST rules. */
const ZONES = [
	...TEST_ZONES,
	'Europe/Brussels',
	'America/New_York',
	'Asia/Tokyo',
	'America/Mexico_City',
	'Australia/Lord_Howe',
	'America/Santiago',
	'Asia/Kolkata'
];
const DST_ZONES = [
	'Europe/Brussels',
	'America/New_York',
	'America/St_Johns',
	'Australia/Lord_Howe'
];

const FIRST = '1990-01-01';
const LAST_INDEX = diffDays(FIRST, '2100-12-31');

const date = fc.integer({ min: 0, max: LAST_INDEX }).map((i) => addDays(FIRST, i));
const year = fc.integer({ min: 1990, max: 2100 });
const month = fc.integer({ min: 1, max: 12 });
const part = fc.constantFrom<Part>('early', 'mid', 'late');
const text = fc.option(fc.string({ maxLength: 20 }), { nil: undefined });

function instantText(dt: DateTime, withSeconds: boolean): string {
	return dt.toUTC().toFormat(withSeconds ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm'Z'");
}

const LO = DateTime.utc(1990, 1, 1).toMillis() / 1000;
const HI = DateTime.utc(2100, 12, 28).toMillis() / 1000;

/** Any instant at whole seconds (the schema's resolution), often at whole minutes. */
const anyInstant = fc
	.tuple(
		fc.integer({ min: LO / 60, max: HI / 60 }),
		fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 59 }))
	)
	.map(([min, s]) => DateTime.fromSeconds(min * 60 + s, { zone: 'utc' }));

/** Wall times in the nights when clocks usually change, so gaps and repeated hours come up often. */
const nearDstChange = fc
	.record({
		year,
		month: fc.constantFrom(3, 4, 9, 10, 11),
		day: fc.integer({ min: 1, max: 31 }),
		hour: fc.integer({ min: 0, max: 4 }),
		minute: fc.constantFrom(0, 15, 30, 45),
		zone: fc.constantFrom(...DST_ZONES)
	})
	.map(({ zone, ...w }) =>
		DateTime.fromObject(
			{ ...w, day: Math.min(w.day, DateTime.utc(w.year, w.month, 1).daysInMonth ?? 28) },
			{ zone }
		)
	);

const timed = fc
	.record({
		start: fc.oneof(anyInstant, nearDstChange),
		minutes: fc.oneof(fc.integer({ min: 1, max: 240 }), fc.integer({ min: 1, max: 4320 })),
		seconds: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 59 })),
		zone: fc.constantFrom(...ZONES),
		text
	})
	.map(({ start, minutes, seconds, zone, text }): DateSpec => {
		const end = start.plus({ minutes, seconds });
		const secs = start.second !== 0 || end.second !== 0;
		return {
			type: 'timed',
			start: instantText(start, secs),
			end: instantText(end, secs),
			zone,
			text
		};
	});

const window = fc
	.tuple(date, fc.integer({ min: 0, max: 12 }))
	.map(([start, len]) => ({ start, end: addDays(start, len) }));

/** Candidate windows that are exactly starts × ends in one month ("25 or 26 to 27 or 28 …"). */
const productCandidates = fc
	.record({
		year,
		month,
		pivot: fc.integer({ min: 1, max: 28 }),
		starts: fc.uniqueArray(fc.integer({ min: 0, max: 27 }), { minLength: 1, maxLength: 3 }),
		ends: fc.uniqueArray(fc.integer({ min: 0, max: 27 }), { minLength: 1, maxLength: 3 }),
		text
	})
	.chain(({ year, month, pivot, starts, ends, text }) => {
		const ymd = (d: number) => DateTime.utc(year, month, d).toISODate() ?? '';
		const s = [...new Set(starts.map((x) => 1 + (x % pivot)))];
		const e = [...new Set(ends.map((x) => pivot + (x % (29 - pivot))))];
		const windows = s.flatMap((a) => e.map((b) => ({ start: ymd(a), end: ymd(b) })));
		return fc
			.shuffledSubarray(windows, { minLength: windows.length, maxLength: windows.length })
			.map((w): DateSpec => ({ type: 'candidates', windows: w, text }));
	});

const spec: fc.Arbitrary<DateSpec> = fc.oneof(
	fc.record({ type: fc.constant('day' as const), date, text }),
	fc.tuple(date, fc.integer({ min: 0, max: 800 }), text).map(([start, len, text]): DateSpec => ({
		type: 'range',
		start,
		end: addDays(start, len),
		text
	})),
	timed,
	fc.record({ type: fc.constant('month' as const), year, month, text }),
	fc.record({ type: fc.constant('part-of-month' as const), year, month, part, text }),
	fc.record({ type: fc.constant('part-of-year' as const), year, part, text }),
	fc.record({
		type: fc.constant('quarter' as const),
		year,
		quarter: fc.integer({ min: 1, max: 4 }),
		text
	}),
	fc
		.tuple(date, fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }), text)
		.map(([d, back, text]): DateSpec =>
			back === undefined
				? { type: 'by', date: d, text }
				: { type: 'by', date: d, from: addDays(d, -back), text }
		),
	fc
		.tuple(fc.array(window, { minLength: 1, maxLength: 5 }), text)
		.map(([windows, text]): DateSpec => ({ type: 'candidates', windows, text })),
	productCandidates,
	fc.record({ type: fc.constant('tbd' as const), text })
);

function meaning(r: Resolved) {
	return { earliest: r.earliest, latest: r.latest, exact: r.exact, timed: r.timed };
}

describe('formatSpec and parseDateText round trip', () => {
	it('generates valid specs only', () => {
		fc.assert(
			fc.property(spec, (s) => {
				expect(DateSpec.safeParse(s).error?.issues ?? []).toEqual([]);
			}),
			{ numRuns: RUNS }
		);
	});

	for (const zone of TEST_ZONES) {
		it(`reads back every canonical label to the same bounds (host TZ=${zone})`, () => {
			withTZ(zone, () => {
				fc.assert(
					fc.property(spec, (s) => {
						const label = formatSpec(s);
						// The default zone must not matter: every timed label names its zone.
						const back = parseDateText(label, { zone: 'Asia/Kathmandu' });
						if (!back.ok) throw new Error(`"${label}" did not parse: ${back.error}`);
						const original = resolve(s);
						expect(meaning(resolve(back.spec))).toEqual(meaning(original));
						expect(formatSpec(back.spec)).toBe(label);
						expect(back.spec.text).toBe(label);
						if (original.earliest !== null && original.latest !== null)
							expect(original.earliest <= original.latest).toBe(true);
						else expect(s.type).toBe('tbd');
					}),
					{ numRuns: RUNS }
				);
			});
		});
	}
});

/** Pieces of the grammar, so random strings get past the first token now and then. */
const WORDS = [
	'1',
	'15',
	'31',
	'2024',
	'1850',
	'2024-02-29',
	'2023-02-29',
	'16:00',
	'25:61',
	'03:30',
	'May',
	'February',
	'Fri',
	'Monday',
	'early',
	'mid',
	'late',
	'beginning',
	'end',
	'of',
	'the',
	'by',
	'before',
	'from',
	'no later than',
	'or',
	'to',
	'–',
	'-',
	'/',
	',',
	'Q3',
	'quarter',
	'first',
	'tentatively',
	'TBD',
	'UTC',
	'Europe/Brussels',
	'Nowhere/Else',
	'(UTC+02:00)',
	'(UTC-13:00)'
];

describe('parseDateText on arbitrary text', () => {
	const check = (t: string) => {
		const r = parseDateText(t, { zone: 'America/St_Johns' });
		if (r.ok) {
			expect(DateSpec.safeParse(r.spec).success).toBe(true);
			const res = resolve(r.spec);
			if (res.earliest !== null && res.latest !== null)
				expect(res.earliest <= res.latest).toBe(true);
		} else {
			expect(r.error.length).toBeGreaterThan(0);
		}
	};

	it('never throws on random strings', () => {
		fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), check), {
			numRuns: RUNS * 3
		});
	});

	it('never throws on random sequences of date words', () => {
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }),
				fc.constantFrom(' ', ''),
				(words, sep) => check(words.join(sep))
			),
			{ numRuns: RUNS * 3 }
		);
	});
});

describe('plain-date arithmetic', () => {
	it('addDays and diffDays are inverse', () => {
		fc.assert(
			fc.property(date, fc.integer({ min: -40000, max: 40000 }), date, (d, n, e) => {
				expect(diffDays(d, addDays(d, n))).toBe(n);
				expect(addDays(d, diffDays(d, e))).toBe(e);
				expect(diffDays(e, d)).toBe(0 - diffDays(d, e));
			}),
			{ numRuns: RUNS }
		);
	});
});
