import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	calendarEntries,
	initialDate,
	itemIdsForPerson,
	listByMonth,
	listEntries,
	undatedRows,
	weekHours,
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

describe('listEntries', () => {
	const entries = calendarEntries(index);
	const byId = (list: typeof entries, id: string) => list.filter((e) => e.id === id);

	it('lists a fuzzy item once, on the first day of its window the list shows, with its window', () => {
		// "before the first IWW consultation on March 1st": 18 Dec 2023 to 29 Feb 2024.
		const letters = entries.find((e) => e.id === 'iww-invitation-letters')!;
		expect(letters.tentative).toBe(true);
		const feb = byId(listEntries(entries, '2024-02-01', '2024-03-01'), 'iww-invitation-letters');
		expect(feb).toEqual([{ ...letters, start: '2024-02-01', end: '2024-02-02', once: true }]);
		expect(feb[0]!.bounds).toMatch(/Dec 2023/);
		const dec = byId(listEntries(entries, '2023-12-01', '2024-01-01'), 'iww-invitation-letters');
		expect(dec.map((e) => e.start)).toEqual([letters.start]);
		expect(
			byId(listEntries(entries, '2024-03-01', '2024-04-01'), 'iww-invitation-letters')
		).toEqual([]);
	});

	it('lists a long exact item once, and keeps short exact and timed items as they are', () => {
		const year = listEntries(entries, '2024-01-01', '2025-01-01');
		const wg = entries.find((e) => e.id === 'wg-whole-and-open-goals')!;
		expect(wg.tentative).toBe(false);
		expect(byId(year, wg.id)).toEqual([{ ...wg, end: '2024-05-02', once: true }]);
		const mwc = entries.find((e) => e.id === 'mwc-2024')!;
		expect(byId(year, 'mwc-2024')).toEqual([mwc]);
		const call = entries.find((e) => e.id === 'plenary-2023-12-18')!;
		expect(byId(listEntries(entries, '2023-12-01', '2024-01-01'), call.id)).toEqual([call]);
	});
});

describe('weekHours', () => {
	const work = { start: '09:00', end: '17:00' };
	const call = calendarEntries(index).filter((e) => e.id === 'plenary-2023-12-18');

	it('shows the working day with an hour either side when the week has no early or late call', () => {
		expect(weekHours([], 'Europe/Brussels', '2023-12-18', '2023-12-25', work)).toEqual({
			slotMinTime: '08:00:00',
			slotMaxTime: '18:00:00'
		});
		// 16:00 UTC is 17:00–18:00 in Brussels: inside.
		expect(weekHours(call, 'Europe/Brussels', '2023-12-18', '2023-12-25', work)).toEqual({
			slotMinTime: '08:00:00',
			slotMaxTime: '18:00:00'
		});
	});

	it('widens to a call outside working hours, on the zone’s clock', () => {
		// 01:00–02:00 on Tue 19 Dec in Tokyo.
		expect(weekHours(call, 'Asia/Tokyo', '2023-12-18', '2023-12-25', work).slotMinTime).toBe(
			'01:00:00'
		);
		// 21:45–22:45 in Kathmandu: the grid runs to 23:00.
		expect(weekHours(call, 'Asia/Kathmandu', '2023-12-18', '2023-12-25', work).slotMaxTime).toBe(
			'23:00:00'
		);
		// Another week: the call does not count.
		expect(weekHours(call, 'Asia/Tokyo', '2024-01-01', '2024-01-08', work).slotMinTime).toBe(
			'08:00:00'
		);
	});
});
