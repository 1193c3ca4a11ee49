import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	calendarEntries,
	initialDate,
	itemIdsForPerson,
	listByMonth,
	undatedRows,
	zoneShortcuts
} from './calendar.ts';
import { indexPlan } from './plan-index.ts';
import { PlanFile } from './schema.ts';
import { TEST_ZONES, withTZ } from './tz.test-helper.ts';

const plan = PlanFile.parse(
	JSON.parse(readFileSync(new URL('../../../data/iww-2024.plan.json', import.meta.url), 'utf8'))
);
const index = indexPlan(plan);
const JAN_2024 = Date.UTC(2024, 0, 15);

describe('calendarEntries', () => {
	it.each(TEST_ZONES)(
		'feeds all-day items as plain dates with an exclusive end (host TZ=%s)',
		(tz) => {
			const entries = withTZ(tz, () => calendarEntries(index));
			const mwc = entries.find((e) => e.id === 'mwc-2024');
			expect(mwc).toMatchObject({
				allDay: true,
				start: '2024-02-26',
				end: '2024-03-01', // 29 Feb 2024 is a leap day: the day after is 1 March
				tentative: false,
				zone: null
			});
			for (const e of entries.filter((x) => x.allDay)) {
				expect(e.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
				expect(e.end).toMatch(/^\d{4}-\d{2}-\d{2}$/);
				expect(e.end > e.start).toBe(true);
			}
		}
	);

	it('feeds the timed call as UTC instants with its planning zone', () => {
		const call = calendarEntries(index).find((e) => e.id === 'plenary-2023-12-18');
		expect(call).toMatchObject({
			allDay: false,
			start: '2023-12-18T16:00Z',
			end: '2023-12-18T17:00Z',
			zone: 'UTC'
		});
	});

	it('marks fuzzy items tentative over their whole window, with the plan wording', () => {
		const entries = calendarEntries(index);
		expect(entries.find((e) => e.id === 'netmundial-10-presentation')).toMatchObject({
			tentative: true,
			start: '2024-05-01',
			end: '2024-05-11',
			wording: 'early May 2024'
		});
		expect(entries.find((e) => e.id === 'riyadh-meeting-2024')).toMatchObject({
			tentative: true,
			start: '2024-02-25',
			end: '2024-02-29',
			wording: '25 or 26 to 27 or 28 February 2024'
		});
		expect(entries.find((e) => e.id === 'report-finalized')).toMatchObject({
			kind: 'deadline',
			tentative: false,
			start: '2023-12-20',
			end: '2023-12-21'
		});
	});

	it('narrows to one person: their assignments, their groups’ and their commitments', () => {
		const lise = itemIdsForPerson(index, 'lise-fuhr');
		expect(lise.has('mwc-2024')).toBe(true); // a must-attend commitment
		expect(lise.has('wsis-20-presentation')).toBe(true); // a direct assignment
		expect(lise.has('report-chair-version')).toBe(false); // Vint Cerf's
		const ids = calendarEntries(index, 'lise-fuhr').map((e) => e.id);
		expect(new Set(ids)).toEqual(
			new Set([...lise].filter((id) => index.dates.get(id)?.earliest != null))
		);
	});
});

describe('listByMonth', () => {
	it('writes the call on the picked zone’s clock, which can move it to another day', () => {
		const tokyo = listByMonth(index, null, 'Asia/Tokyo', 'en-GB');
		const dec = tokyo.find((m) => m.month === '2023-12');
		const call = dec?.rows.find((r) => r.id === 'plenary-2023-12-18');
		expect(call?.time).toBe('Tue 19 Dec 2023, 01:00–02:00 GMT+9');
		const mexico = listByMonth(index, null, 'America/Mexico_City', 'en-GB');
		expect(
			mexico.find((m) => m.month === '2023-12')?.rows.find((r) => r.id === 'plenary-2023-12-18')
				?.time
		).toMatch(/^Mon 18 Dec 2023, 10:00/);
	});

	it('groups by starting month in order, and lists undated items apart', () => {
		const months = listByMonth(index, null, 'UTC', 'en-GB').map((m) => m.month);
		expect(months).toEqual([...months].sort());
		expect(months[0]).toBe('2023-12');
		expect(undatedRows(index, null, 'en-GB').every((r) => r.bounds === 'undated')).toBe(true);
	});
});

describe('zoneShortcuts', () => {
	it('offers every person’s zone once, east to west, named by who lives there', () => {
		const zones = zoneShortcuts(index, JAN_2024);
		const names = zones.map((z) => z.zone);
		expect(new Set(names).size).toBe(names.length);
		for (const p of plan.people) if (p.zone) expect(names).toContain(p.zone);
		expect(names.indexOf('Asia/Tokyo')).toBeLessThan(names.indexOf('Europe/Brussels'));
		expect(names.indexOf('Europe/Brussels')).toBeLessThan(names.indexOf('America/New_York'));
		expect(zones.find((z) => z.zone === 'America/New_York')?.label).toBe(
			'UTC-05:00 America/New_York — VC, RD'
		);
	});
});

describe('initialDate', () => {
	it('opens on the asked day, else today during the plan, else its first day', () => {
		expect(initialDate(index, '2026-01-01', '2024-05-01')).toBe('2024-05-01');
		expect(initialDate(index, '2024-03-10', null)).toBe('2024-03-10');
		expect(initialDate(index, '2026-01-01', null)).toBe('2023-12-18');
	});
});

describe('clashes in the calendar', () => {
	it('marks the titles of items with clashes, and only those', () => {
		const entries = calendarEntries(index, null, new Map([['mwc-2024', 1]]));
		expect(entries.find((e) => e.id === 'mwc-2024')?.title).toBe('⚠ MWC Barcelona 2024');
		expect(entries.filter((e) => e.title.startsWith('⚠'))).toHaveLength(1);
	});
});
