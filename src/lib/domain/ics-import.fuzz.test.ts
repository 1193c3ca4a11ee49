/**
 * Fuzzing the .ics importer with generated calendars: valid ones, hostile rules and zones,
 * truncated and garbled files. Whatever comes in, busyFromIcs answers (never throws), never
 * with an internal error, and within its 2 s budget.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { busyFromIcs } from './ics-import.ts';
import { FUZZ_SEED, cpuMs, fuzzRuns } from './fuzz.test-helper.ts';

const span = { start: '2024-01-01', end: '2024-12-31' };

const two = (n: number) => String(n).padStart(2, '0');
const wildDate = fc
	.record({
		y: fc.integer({ min: 1, max: 9999 }),
		m: fc.integer({ min: 0, max: 13 }),
		d: fc.integer({ min: 0, max: 32 })
	})
	.map(({ y, m, d }) => `${String(y).padStart(4, '0')}${two(m)}${two(d)}`);
const realDate = fc
	.record({
		y: fc.integer({ min: 1995, max: 2026 }),
		m: fc.integer({ min: 1, max: 12 }),
		d: fc.integer({ min: 1, max: 28 })
	})
	.map(({ y, m, d }) => `${y}${two(m)}${two(d)}`);
/** Mostly real dates (so files get as far as expansion), sometimes impossible ones. */
const dateArb = fc.oneof({ arbitrary: realDate, weight: 19 }, { arbitrary: wildDate, weight: 1 });
const timeArb = fc
	.record({
		h: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 23 }), weight: 19 }, fc.constant(25)),
		mi: fc.integer({ min: 0, max: 59 })
	})
	.map(({ h, mi }) => `T${two(h)}${two(mi)}00`);
const ZONES = [
	'Europe/Berlin',
	'America/New_York',
	'W. Europe Standard Time',
	'"(UTC-05:00) Eastern Time (US & Canada)"',
	'/mozilla.org/20050126_1/Asia/Tokyo',
	'Custom',
	'Mars/Olympus',
	'UTC'
];
const dtArb = fc
	.tuple(dateArb, fc.option(timeArb), fc.constantFrom('', 'Z', ...ZONES.map((z) => `TZID=${z}`)))
	.map(([d, t, z]) => {
		if (t === null) return `;VALUE=DATE:${d}`;
		if (z === '') return `:${d}${t}`;
		if (z === 'Z') return `:${d}${t}Z`;
		return `;${z}:${d}${t}`;
	});
const list = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: 1, maxLength: 4 });
const ruleArb = fc
	.record(
		{
			FREQ: fc.constantFrom(
				'YEARLY',
				'MONTHLY',
				'WEEKLY',
				'DAILY',
				'HOURLY',
				'MINUTELY',
				'SECONDLY',
				'FORTNIGHTLY'
			),
			INTERVAL: fc.oneof(
				{ arbitrary: fc.integer({ min: 1, max: 5 }), weight: 9 },
				fc.integer({ min: 0, max: 400 })
			),
			COUNT: fc.oneof(
				{ arbitrary: fc.integer({ min: 1, max: 50 }), weight: 9 },
				fc.integer({ min: -1, max: 100_000 })
			),
			UNTIL: fc.tuple(dateArb, timeArb).map(([d, t]) => `${d}${t}Z`),
			BYMONTH: list(fc.integer({ min: 1, max: 12 })),
			BYMONTHDAY: list(fc.integer({ min: -32, max: 32 })),
			BYDAY: list(
				fc
					.tuple(fc.integer({ min: -6, max: 6 }), fc.constantFrom('MO', 'TU', 'WE', 'SU', 'XX'))
					.map(([n, d]) => `${n === 0 ? '' : n}${d}`)
			),
			BYHOUR: list(fc.integer({ min: 0, max: 23 })),
			BYMINUTE: list(fc.integer({ min: 0, max: 59 })),
			BYSECOND: list(fc.integer({ min: 0, max: 60 })),
			BYYEARDAY: list(fc.integer({ min: -367, max: 367 })),
			BYWEEKNO: list(fc.integer({ min: -54, max: 54 })),
			BYSETPOS: list(fc.integer({ min: -10, max: 10 })),
			WKST: fc.constantFrom('MO', 'SU', 'XX')
		},
		{ requiredKeys: ['FREQ'] }
	)
	.map((r) =>
		Object.entries(r)
			.map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
			.join(';')
	);

const eventArb = fc
	.record({
		uid: fc.constantFrom('a', 'b', 'c'),
		start: dtArb,
		end: fc.option(dtArb),
		duration: fc.option(fc.constantFrom('PT1H', 'P1D', 'PT30M', 'P1W', 'PT', 'P-1D', 'PT1X')),
		rrules: fc.array(ruleArb, { maxLength: 2 }),
		exrule: fc.option(ruleArb),
		rdate: fc.option(
			fc.oneof(
				dtArb.map((d) => `RDATE${d}`),
				fc.constant('RDATE;VALUE=PERIOD:20240301T100000Z/PT2H,20240302T100000Z/20240302T110000Z')
			)
		),
		exdate: fc.option(dtArb.map((d) => `EXDATE${d}`)),
		recurrenceId: fc.option(
			fc
				.tuple(dtArb, fc.boolean())
				.map(([d, r]) => `RECURRENCE-ID${r ? ';RANGE=THISANDFUTURE' : ''}${d}`)
		),
		status: fc.option(fc.constantFrom('CANCELLED', 'CONFIRMED', 'TENTATIVE')),
		transp: fc.option(fc.constantFrom('TRANSPARENT', 'OPAQUE'))
	})
	.map((e) =>
		[
			'BEGIN:VEVENT',
			`UID:${e.uid}`,
			`DTSTART${e.start}`,
			e.end !== null ? `DTEND${e.end}` : null,
			e.duration !== null ? `DURATION:${e.duration}` : null,
			...e.rrules.map((r) => `RRULE:${r}`),
			e.exrule !== null ? `EXRULE:${e.exrule}` : null,
			e.rdate,
			e.exdate,
			e.recurrenceId,
			e.status !== null ? `STATUS:${e.status}` : null,
			e.transp !== null ? `TRANSP:${e.transp}` : null,
			'SUMMARY:Fuzz\\, test',
			'END:VEVENT'
		].filter((l): l is string => l !== null)
	);

/** A well-formed event near the span, in a zone that resolves, with a valid rule or none. */
const saneRuleArb = fc
	.record(
		{
			FREQ: fc.constantFrom('YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY'),
			INTERVAL: fc.integer({ min: 1, max: 4 }),
			COUNT: fc.integer({ min: 1, max: 40 }),
			BYDAY: list(fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU', '1MO', '-1FR')),
			BYMONTHDAY: list(fc.integer({ min: 1, max: 28 })),
			BYMONTH: list(fc.integer({ min: 1, max: 12 })),
			BYHOUR: list(fc.integer({ min: 0, max: 23 })),
			BYSETPOS: list(fc.integer({ min: -2, max: 2 }).filter((n) => n !== 0))
		},
		{ requiredKeys: ['FREQ', 'COUNT'] }
	)
	.map((r) =>
		Object.entries(r)
			.map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
			.join(';')
	);
const saneEventArb = fc
	.record({
		uid: fc.constantFrom('a', 'b', 'c', 'd'),
		day: fc.integer({ min: 0, max: 420 }),
		hour: fc.integer({ min: 0, max: 23 }),
		zone: fc.constantFrom('', 'Z', 'Europe/Berlin', 'W. Europe Standard Time', 'Asia/Kolkata'),
		allDay: fc.boolean(),
		duration: fc.constantFrom('PT1H', 'PT30M', 'P1D', 'PT2H15M'),
		rule: fc.option(saneRuleArb),
		status: fc.constantFrom('CONFIRMED', 'CONFIRMED', 'CANCELLED'),
		transp: fc.constantFrom('OPAQUE', 'OPAQUE', 'TRANSPARENT')
	})
	.map((e) => {
		const d = new Date(Date.UTC(2023, 11, 1) + e.day * 86_400_000)
			.toISOString()
			.slice(0, 10)
			.replace(/-/g, '');
		const start = e.allDay
			? `;VALUE=DATE:${d}`
			: e.zone === ''
				? `:${d}T${two(e.hour)}0000`
				: e.zone === 'Z'
					? `:${d}T${two(e.hour)}0000Z`
					: `;TZID=${e.zone}:${d}T${two(e.hour)}0000`;
		return [
			'BEGIN:VEVENT',
			`UID:${e.uid}`,
			`DTSTART${start}`,
			`DURATION:${e.allDay ? 'P1D' : e.duration}`,
			...(e.rule !== null ? [`RRULE:${e.rule}`] : []),
			`STATUS:${e.status}`,
			`TRANSP:${e.transp}`,
			'END:VEVENT'
		];
	});

const vtimezoneArb = fc
	.record({
		tzid: fc.constantFrom('Custom', 'Europe/Berlin', ''),
		rule: fc.option(ruleArb),
		rdate: fc.option(dateArb.map((d) => `RDATE:${d}T020000`)),
		from: fc.constantFrom('+0100', '-0500', '+0545', 'x'),
		to: fc.constantFrom('+0200', '-0400', '+0000')
	})
	.map((z) =>
		[
			'BEGIN:VTIMEZONE',
			z.tzid ? `TZID:${z.tzid}` : null,
			'BEGIN:DAYLIGHT',
			'DTSTART:19700329T020000',
			z.rule !== null ? `RRULE:${z.rule}` : null,
			z.rdate,
			`TZOFFSETFROM:${z.from}`,
			`TZOFFSETTO:${z.to}`,
			'END:DAYLIGHT',
			'END:VTIMEZONE'
		].filter((l): l is string => l !== null)
	);

const calendarArb = fc
	.record({
		xwr: fc.option(fc.constantFrom('Europe/Paris', 'Pacific Standard Time', 'Nowhere')),
		zones: fc.array(vtimezoneArb, { maxLength: 2 }),
		events: fc.array(fc.oneof({ arbitrary: saneEventArb, weight: 3 }, eventArb), { maxLength: 5 })
	})
	.map((c) =>
		[
			'BEGIN:VCALENDAR',
			'VERSION:2.0',
			'PRODID:-//fuzz//EN',
			c.xwr !== null ? `X-WR-TIMEZONE:${c.xwr}` : null,
			...c.zones.flat(),
			...c.events.flat(),
			'END:VCALENDAR'
		].filter((l): l is string => l !== null)
	);

/** Damage done to a file: cut it, garble a line, insert junk, or change line endings. */
const fileArb = fc
	.tuple(
		calendarArb,
		fc.constantFrom('none', 'truncate', 'garble', 'insert', 'lf', 'fold', 'twice'),
		fc.nat(),
		fc.string({ maxLength: 30 })
	)
	.map(([lines, how, n, junk]) => {
		const text = lines.join('\r\n');
		switch (how) {
			case 'truncate':
				return text.slice(0, n % (text.length + 1));
			case 'garble': {
				const i = n % lines.length;
				return lines.map((l, j) => (j === i ? junk : l)).join('\r\n');
			}
			case 'insert': {
				const i = n % lines.length;
				return [...lines.slice(0, i), junk, ...lines.slice(i)].join('\r\n');
			}
			case 'lf':
				return lines.join('\n');
			case 'fold':
				return lines
					.map((l) => (l.length > 10 ? `${l.slice(0, 10)}\r\n ${l.slice(10)}` : l))
					.join('\r\n');
			case 'twice':
				return `${text}\r\n${text}`;
			default:
				return text;
		}
	});

describe('busyFromIcs under generated input', () => {
	it('answers every generated, hostile, truncated or recurring file within budget, never with an internal error', () => {
		let slowest = 0;
		let imported = 0;
		let runs = 0;
		fc.assert(
			fc.property(fileArb, (text) => {
				const t0 = cpuMs();
				const r = busyFromIcs(text, span, 'Europe/Brussels', { clock: cpuMs });
				const ms = cpuMs() - t0;
				slowest = Math.max(slowest, ms);
				runs++;
				if (r.ok && r.periods.length > 0) imported++;
				expect(ms).toBeLessThan(2000);
				if (r.ok) {
					expect(r.periods.length).toBeLessThanOrEqual(5000);
					for (const p of r.periods) expect(typeof p.uid).toBe('string');
				} else {
					expect(r.error).not.toMatch(/unexpected problem/);
					expect(r.error).toMatch(/^(Line \d+: .+|[A-Z].+)\.$/s);
				}
			}),
			{ seed: FUZZ_SEED, numRuns: fuzzRuns(10_000) }
		);
		expect(slowest).toBeLessThan(2000);
		// The generator must reach expansion often, not only the parser's refusals.
		console.log(
			`fuzz: ${imported} of ${runs} files imported busy times, slowest ${slowest.toFixed(0)} ms`
		);
		expect(imported / runs).toBeGreaterThan(0.1);
	}, 300_000);

	it('answers arbitrary text', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (text) => {
				const r = busyFromIcs(`BEGIN:VCALENDAR\r\n${text}`, span, 'UTC');
				if (!r.ok) expect(r.error).not.toMatch(/unexpected problem/);
			}),
			{ seed: FUZZ_SEED, numRuns: fuzzRuns(500) }
		);
	}, 120_000);
});
