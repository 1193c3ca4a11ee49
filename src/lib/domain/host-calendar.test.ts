import { describe, expect, it } from 'vitest';
import {
	daysOff,
	publicHolidays,
	weekendDays,
	weekendLabel,
	weekdayOfEpochDay
} from './host-calendar.ts';
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
