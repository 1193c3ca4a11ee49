/**
 * Every correction the app ships, asserted one by one: it changes what the app believes, and the
 * defaults it corrects (CLDR, date-holidays 3.37) still say otherwise — so a library upgrade that
 * fixes a day shows up here and the row can go.
 */
import { describe, expect, it } from 'vitest';
import { SHIPPED, SHIPPED_CORRECTIONS } from './host-calendar-corrections.ts';
import {
	daysOff,
	holidaysOn,
	weekendOn,
	weekdayOfEpochDay,
	workdayOn,
	isoOfWeekday
} from './host-calendar.ts';
import { publicHolidays, weekendDays } from './host-calendar-defaults.ts';
import { hostCalendarReport } from '../../../scripts/host-calendar-report.ts';
import { epochDay } from './intervals.ts';

const libraryCounts = (country: string, region: string | undefined, date: string) =>
	(publicHolidays(country, region, Number(date.slice(0, 4))).get(epochDay(date)) ?? []).length > 0;

describe('the shipped correction table', () => {
	it('reviews at least 40 countries for 2024–2026 and says how', () => {
		expect(new Set(SHIPPED.reviewed.countries).size).toBeGreaterThanOrEqual(40);
		expect(SHIPPED.reviewed.years).toEqual([2024, 2025, 2026]);
		expect(SHIPPED.reviewed.how).toMatch(/without network access/);
	});

	it('gives every row a source, a date and an honest note on how it was checked', () => {
		for (const row of SHIPPED_CORRECTIONS) {
			expect(row.source, JSON.stringify(row)).toMatch(/^https?:\/\//);
			expect(row.verified).toBe(
				'not fetched here (no network); from the cited official publication'
			);
			expect(row.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		}
		// Each (country, date, kind) once.
		const keys = SHIPPED_CORRECTIONS.map(
			(r) => `${r.country}|${r.region ?? ''}|${r.date}|${r.kind}`
		);
		expect(new Set(keys).size).toBe(keys.length);
	});
});

describe('each shipped correction', () => {
	for (const row of SHIPPED_CORRECTIONS) {
		const place = { country: row.country, region: row.region };
		const day = epochDay(row.date);
		const label = `${row.country} ${row.date} ${row.kind}`;
		it(label, () => {
			if (row.kind === 'add') {
				expect(libraryCounts(row.country, row.region, row.date)).toBe(false);
				expect(daysOff(place, day)).toContainEqual(
					expect.objectContaining({ reason: 'holiday', name: row.name })
				);
				expect(holidaysOn(place, day)).toContainEqual(
					expect.objectContaining({ origin: 'shipped-correction', source: row.source })
				);
			} else if (row.kind === 'remove') {
				expect(libraryCounts(row.country, row.region, row.date)).toBe(true);
				expect(daysOff(place, day).filter((o) => o.reason === 'holiday')).toEqual([]);
				const listed = holidaysOn(place, day).filter((h) => h.origin === 'library');
				expect(listed.length).toBeGreaterThan(0);
				for (const h of listed)
					expect(h.removed).toEqual({
						reason: row.reason,
						origin: 'shipped-correction',
						source: row.source
					});
			} else if (row.kind === 'workday') {
				// A make-up working day is a weekend day by CLDR, and a working day here.
				expect(weekendDays(row.country)).toContain(weekdayOfEpochDay(day));
				expect(workdayOn(place, day)).toMatchObject({ origin: 'shipped-correction' });
				expect(daysOff(place, day)).toEqual([]);
			} else {
				const days = row.weekend.map(isoOfWeekday).sort();
				expect([...weekendDays(row.country)]).not.toEqual(days);
				expect(weekendOn(place, day)).toMatchObject({ days, origin: 'shipped-correction' });
				// Still in force at the end of the reviewed years.
				expect(weekendOn(place, epochDay('2026-12-31')).days).toEqual(days);
			}
		});
	}
});

describe('the comparison report (scripts/host-calendar-report.ts)', () => {
	it('prints library against corrected, per country and year', () => {
		const text = hostCalendarReport(['CN', 'NP', 'FR'], [2024]);
		const rows = text.split('\n');
		expect(rows[0]).toMatch(/^country \| CLDR weekend \| corrected weekend/);
		expect(rows.find((r) => r.startsWith('CN |'))).toMatch(
			/-2024-02-09 Spring Festival; \+2024-02-12 Spring Festival \(3rd day\).*work 2024-02-04/
		);
		expect(rows.find((r) => r.startsWith('NP |'))).toMatch(/^NP \| Sat\+Sun \| Saturday \| 2024/);
		expect(rows.find((r) => r.startsWith('FR |'))).toMatch(/\| —$/);
	});
});
