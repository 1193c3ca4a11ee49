import { describe, expect, it } from 'vitest';
import {
	daysOff,
	holidaysOn,
	hostCalendar,
	weekendLabel,
	weekendOn,
	weekdayOfEpochDay,
	workdayOn
} from './host-calendar.ts';
import { publicHolidays, weekendDays } from './host-calendar-defaults.ts';
import { isWorkWeekDay, personCalendar } from './host-calendar-person.ts';
import { epochDay } from './intervals.ts';
import type { Location } from './schema.ts';

const riyadh: Location = {
	id: 'riyadh',
	city: 'Riyadh',
	country: 'SA',
	zone: 'Asia/Riyadh',
	lat: 24.7,
	lon: 46.7
};

describe('weekends from the locale (CLDR through Intl.Locale#getWeekInfo)', () => {
	it('knows Riyadh rests Friday–Saturday and Barcelona Saturday–Sunday', () => {
		expect(weekendDays('SA')).toEqual([5, 6]);
		expect(weekendLabel('SA')).toBe('Friday–Saturday');
		expect(weekendDays('ES')).toEqual([6, 7]);
		expect(weekendDays('IR')).toEqual([5]);
	});

	it('counts weekdays of epoch days', () => {
		expect(weekdayOfEpochDay(0)).toBe(4); // 1970-01-01 was a Thursday
		expect(weekdayOfEpochDay(epochDay('2024-03-01'))).toBe(5);
		expect(weekdayOfEpochDay(epochDay('1969-12-28'))).toBe(7);
	});
});

describe('public holidays from date-holidays', () => {
	it('has Founding Day on 22 February 2024 in Saudi Arabia', () => {
		expect(daysOff(riyadh, epochDay('2024-02-22'))).toEqual([
			{ day: epochDay('2024-02-22'), date: '2024-02-22', reason: 'holiday', name: 'Founding Day' }
		]);
		expect(daysOff(riyadh, epochDay('2024-02-23')).map((d) => d.reason)).toEqual(['weekend']);
		expect(daysOff(riyadh, epochDay('2024-02-25'))).toEqual([]);
	});

	it('pins what the library gets wrong: tabular Islamic dates, a day early in 2024', () => {
		const sa = publicHolidays('SA', undefined, 2024);
		const name = (d: string) => sa.get(epochDay(d))?.map((h) => h.name) ?? [];
		// Eid al-Fitr was sighted for Wednesday 10 April 2024; the library starts it on the 9th.
		expect(name('2024-04-08')).toEqual([]);
		expect(name('2024-04-09')).toEqual(['End of Ramadan (Eid al-Fitr)']);
		expect(name('2024-04-12')).toEqual(['End of Ramadan (Eid al-Fitr)']);
		expect(name('2024-04-13')).toEqual([]);
		// Eid al-Adha was 16 June 2024; the library says 15–18 June.
		expect(name('2024-06-15')).toEqual(['Feast of the Sacrifice (Eid al-Adha)']);
		// Ramadan itself is not a public holiday, and is not listed.
		expect(name('2024-03-20')).toEqual([]);
	});

	it('lists both the actual day and the observed substitute', () => {
		const us = publicHolidays('US', undefined, 2026);
		expect(us.get(epochDay('2026-07-03'))?.[0]).toMatchObject({ substitute: true });
		expect(us.get(epochDay('2026-07-04'))?.[0]).toMatchObject({ substitute: false });
	});

	it('uses the region: Geneva has Jeûne genevois, Zurich does not', () => {
		expect(publicHolidays('CH', 'GE', 2024).has(epochDay('2024-09-05'))).toBe(true);
		expect(publicHolidays('CH', 'ZH', 2024).has(epochDay('2024-09-05'))).toBe(false);
	});
});

describe('merge order: plan correction > shipped correction > library / CLDR', () => {
	const shanghai = {
		country: 'CN',
		calendar: {
			holidays: {
				// The shipped table removes Spring Festival Eve 2024; the plan puts it back.
				add: [
					{ date: '2024-02-09', name: 'Office closed for the Eve', source: 'https://example.org/a' }
				],
				// The shipped table adds 12 Feb; the plan removes it.
				remove: [
					{ date: '2024-02-12', reason: 'our venue is open', source: 'https://example.org/r' }
				]
			},
			// A weekday worked by the plan changes nothing; a shipped make-up Sunday stays worked.
			workdays: [{ date: '2024-02-17', reason: 'venue open on Saturday' }]
		}
	};

	it('library says 9 Feb, the shipped correction removes it, the plan adds a day back', () => {
		const library = holidaysOn({ country: 'CN' }, epochDay('2024-02-09'));
		expect(library.map((h) => [h.origin, h.counts, h.removed?.origin])).toEqual([
			['library', false, 'shipped-correction']
		]);
		const planned = holidaysOn(shanghai, epochDay('2024-02-09'));
		expect(planned.map((h) => [h.origin, h.counts])).toEqual([
			['library', false],
			['plan', true]
		]);
		expect(daysOff(shanghai, epochDay('2024-02-09'))).toEqual([
			expect.objectContaining({ reason: 'holiday', name: 'Office closed for the Eve' })
		]);
	});

	it('a plan removal beats a shipped addition; a plan workday beats the weekend', () => {
		expect(daysOff({ country: 'CN' }, epochDay('2024-02-12')).map((o) => o.name)).toEqual([
			'Spring Festival (3rd day)'
		]);
		expect(daysOff(shanghai, epochDay('2024-02-12'))).toEqual([]);
		expect(holidaysOn(shanghai, epochDay('2024-02-12'))[0]?.removed).toEqual({
			reason: 'our venue is open',
			origin: 'plan',
			source: 'https://example.org/r'
		});
		expect(daysOff({ country: 'CN' }, epochDay('2024-02-17')).map((o) => o.reason)).toEqual([
			'weekend'
		]);
		expect(daysOff(shanghai, epochDay('2024-02-17'))).toEqual([]);
		expect(workdayOn(shanghai, epochDay('2024-02-17'))).toMatchObject({ origin: 'plan' });
		// The shipped make-up Sunday 4 Feb 2024 is worked in both.
		expect(daysOff(shanghai, epochDay('2024-02-04'))).toEqual([]);
	});

	it('weekend: the plan beats a shipped weekend, which beats CLDR; empty means none', () => {
		const day = epochDay('2024-06-09'); // a Sunday
		expect(weekendOn({ country: 'NP' }, day)).toMatchObject({
			days: [6],
			origin: 'shipped-correction'
		});
		expect(weekendDays('NP')).toEqual([6, 7]);
		expect(daysOff({ country: 'NP' }, day)).toEqual([]);
		const planned = { country: 'NP', calendar: { weekend: ['sun' as const] } };
		expect(weekendOn(planned, day)).toMatchObject({ days: [7], origin: 'plan' });
		expect(daysOff(planned, day).map((o) => o.reason)).toEqual(['weekend']);
		expect(weekendLabel(planned)).toBe('Sunday');
		const none = { country: 'SA', calendar: { weekend: [] } };
		expect(daysOff(none, epochDay('2024-03-01'))).toEqual([]);
		expect(weekendLabel(none)).toBe('no weekend');
		expect(weekendLabel({ country: 'BN' })).toBe('Friday and Sunday');
		expect(weekendOn({ country: 'SA' }, day).origin).toBe('cldr');
	});
});

describe('partial and expected days', () => {
	it('marks Islamic holidays as expected and starting the evening before; the eve is worked', () => {
		const eid = holidaysOn(riyadh, epochDay('2024-04-09'))[0]!;
		expect(eid).toMatchObject({ expected: true, partial: 'eve', counts: true, type: 'public' });
		expect(holidaysOn(riyadh, epochDay('2024-02-22'))[0]).toMatchObject({
			expected: false,
			partial: null
		});
		// 8 April 2024, the evening Eid al-Fitr starts in the library: a working day.
		expect(daysOff(riyadh, epochDay('2024-04-08'))).toEqual([]);
		// Unless the location's calendar says otherwise.
		const eve = {
			...riyadh,
			calendar: { holidays: { add: [{ date: '2024-04-08', name: 'Eid al-Fitr eve' }] } }
		};
		expect(daysOff(eve, epochDay('2024-04-08')).map((o) => o.name)).toEqual(['Eid al-Fitr eve']);
	});

	it('shows half days (from 12:00) without making them days off', () => {
		const women = holidaysOn({ country: 'CN' }, epochDay('2024-03-08'))[0]!;
		expect(women).toMatchObject({ partial: 'half-day', counts: false, type: 'public' });
		expect(daysOff({ country: 'CN' }, epochDay('2024-03-08'))).toEqual([]);
	});

	it('lists bank holidays and observances without counting them', () => {
		const gb = hostCalendar({ country: 'GB' }, '2024-01-01', '2024-12-31').holidays;
		expect(gb.some((h) => h.type === 'public')).toBe(true);
		expect(gb.filter((h) => h.type !== 'public' && h.counts)).toEqual([]);
	});
});

describe('the calendar over a span', () => {
	it('gives the weekend rules, every holiday with its origin and the make-up days', () => {
		const v = hostCalendar({ country: 'CN' }, '2024-01-01', '2024-12-31');
		expect(v.weekends).toEqual([expect.objectContaining({ days: [6, 7], origin: 'cldr' })]);
		expect(v.workdays.map((w) => w.date)).toEqual([
			'2024-02-04',
			'2024-02-18',
			'2024-04-07',
			'2024-04-28',
			'2024-05-11',
			'2024-09-14',
			'2024-09-29',
			'2024-10-12'
		]);
		const origins = new Set(v.holidays.map((h) => h.origin));
		expect(origins).toEqual(new Set(['library', 'shipped-correction']));
	});

	it('cuts a span longer than four years', () => {
		const v = hostCalendar({ country: 'FR' }, '2000-01-01', '2100-12-31');
		expect(v.to).toBe('2004-01-03'); // 4 × 366 days
	});
});

describe("a person's working week", () => {
	it('comes from the home country (with corrections), or from the zone, or from workWeek', () => {
		const sunday = epochDay('2024-06-09');
		const saturday = epochDay('2024-06-08');
		const kathmandu = personCalendar({ zone: 'Asia/Kathmandu' });
		expect(kathmandu).toEqual({ country: 'NP' });
		expect(isWorkWeekDay(kathmandu, sunday)).toBe(true);
		expect(isWorkWeekDay(kathmandu, saturday)).toBe(false);
		expect(isWorkWeekDay(personCalendar({ zone: 'Asia/Riyadh' }), epochDay('2024-06-07'))).toBe(
			false
		);
		expect(isWorkWeekDay(personCalendar({ zone: 'UTC', country: 'SA' }), sunday)).toBe(true);
		const own = personCalendar({
			zone: 'Europe/Paris',
			workWeek: ['tue', 'wed', 'thu', 'fri', 'sat']
		});
		expect(isWorkWeekDay(own, saturday)).toBe(true);
		expect(isWorkWeekDay(own, epochDay('2024-06-10'))).toBe(false); // a Monday
		expect(personCalendar({ zone: 'UTC' })).toBeNull();
		expect(isWorkWeekDay(null, sunday)).toBe(true);
	});
});

describe('a multi-day holiday that begins the evening before', () => {
	it('marks only its first day as beginning at sunset', () => {
		const days = ['2024-04-09', '2024-04-10', '2024-04-12'].map(
			(d) => holidaysOn(riyadh, epochDay(d))[0]?.partial
		);
		expect(days).toEqual(['eve', null, null]);
	});
});
