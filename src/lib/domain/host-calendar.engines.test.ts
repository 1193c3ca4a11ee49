/**
 * The clash engine and both finders read the merged host calendar: a location's own weekend
 * (here a Sunday-only weekend in Geneva) and its added and removed holidays, and a person's
 * working week.
 */
import { describe, expect, it } from 'vitest';
import { findClashes } from './clashes.ts';
import { DEFAULT_IN_PERSON, findInPerson, prepareFinder } from './finder.ts';
import { indexPlan } from './plan-index.ts';
import { PlanFile, type HostCalendarSpec } from './schema.ts';
import { DEFAULT_VIRTUAL, findVirtual } from './virtual-finder.ts';

const SUNDAY_ONLY: HostCalendarSpec = {
	weekend: ['sun'],
	holidays: {
		add: [{ date: '2024-03-05', name: 'Venue closed', source: 'https://example.org/venue' }],
		remove: [{ date: '2024-09-05', reason: 'The UN office works on Jeûne genevois' }]
	}
};

function plan(calendar: HostCalendarSpec | undefined, items: unknown[] = []) {
	return indexPlan(
		PlanFile.parse({
			version: 1,
			name: 'Test',
			people: [
				{ id: 'ana', name: 'Ana Lima', zone: 'Europe/Zurich' },
				{ id: 'raj', name: 'Raj Thapa', zone: 'Asia/Kathmandu' }
			],
			locations: [
				{
					id: 'geneva',
					city: 'Geneva',
					country: 'CH',
					region: 'GE',
					zone: 'Europe/Zurich',
					lat: 46.2,
					lon: 6.14,
					...(calendar ? { calendar } : {})
				},
				{
					id: 'kathmandu',
					city: 'Kathmandu',
					country: 'NP',
					zone: 'Asia/Kathmandu',
					lat: 27.7,
					lon: 85.3
				}
			],
			items
		})
	);
}

function meeting(id: string, date: string, location = 'geneva', title = 'Panel meeting') {
	return { id, kind: 'meeting', title, when: { type: 'day', date }, location };
}

describe('the in-person finder honours the location calendar', () => {
	const search = (calendar: HostCalendarSpec | undefined, from: string, to: string) => {
		const index = plan(calendar);
		const host = index.locations.get('geneva')!;
		const res = findInPerson(prepareFinder(index), {
			...DEFAULT_IN_PERSON,
			host,
			days: 1,
			from,
			to,
			required: ['ana'],
			optional: [],
			limit: 20
		});
		return res.candidates.map((c) => c.start).sort();
	};

	it('offers Saturdays and no Sundays with a Sunday-only weekend, and skips the added holiday', () => {
		expect(search(undefined, '2024-03-01', '2024-03-10')).toEqual([
			'2024-03-01',
			'2024-03-04',
			'2024-03-05',
			'2024-03-06',
			'2024-03-07',
			'2024-03-08'
		]);
		expect(search(SUNDAY_ONLY, '2024-03-01', '2024-03-10')).toEqual([
			'2024-03-01',
			'2024-03-02',
			'2024-03-04',
			'2024-03-06',
			'2024-03-07',
			'2024-03-08',
			'2024-03-09'
		]);
	});

	it('offers a removed holiday', () => {
		expect(search(undefined, '2024-09-05', '2024-09-05')).toEqual([]);
		expect(search(SUNDAY_ONLY, '2024-09-05', '2024-09-05')).toEqual(['2024-09-05']);
	});

	it('explains a proposed Sunday with the location weekend', () => {
		const index = plan(SUNDAY_ONLY);
		const [p] = findInPerson(prepareFinder(index), {
			...DEFAULT_IN_PERSON,
			host: index.locations.get('geneva')!,
			days: 2,
			from: '2024-03-01',
			to: '2024-03-31',
			required: ['ana'],
			optional: [],
			windows: [{ start: '2024-03-09', end: '2024-03-10' }]
		}).proposed;
		expect(p!.breaks.join(' ')).toMatch(/Sun 10 Mar 2024 is the weekend in Geneva \(Sunday\)/);
		expect(p!.breaks.join(' ')).not.toMatch(/Sat 9 Mar/);
	});
});

describe('the clash engine honours the location calendar', () => {
	const kinds = (calendar: HostCalendarSpec | undefined, item: ReturnType<typeof meeting>) =>
		findClashes(plan(calendar, [item]))
			.filter((c) => c.kind === 'weekend' || c.kind === 'holiday')
			.map((c) => ({ kind: c.kind, message: c.message }));

	it('a Saturday is no weekend clash with a Sunday-only weekend; a Sunday is', () => {
		expect(kinds(undefined, meeting('m', '2024-03-02')).map((c) => c.kind)).toEqual(['weekend']);
		expect(kinds(SUNDAY_ONLY, meeting('m', '2024-03-02'))).toEqual([]);
		const sunday = kinds(SUNDAY_ONLY, meeting('m', '2024-03-03'));
		expect(sunday.map((c) => c.kind)).toEqual(['weekend']);
		expect(sunday[0]!.message).toMatch(/the weekend in Switzerland is Sunday\./);
	});

	it('added holidays clash, removed ones do not', () => {
		const added = kinds(SUNDAY_ONLY, meeting('m', '2024-03-05'));
		expect(added.map((c) => c.kind)).toEqual(['holiday']);
		expect(added[0]!.message).toContain('Venue closed (Tue 5 Mar 2024)');
		expect(kinds(undefined, meeting('m', '2024-09-05')).map((c) => c.kind)).toEqual(['holiday']);
		expect(kinds(SUNDAY_ONLY, meeting('m', '2024-09-05'))).toEqual([]);
	});

	it('uses the shipped Nepal weekend (Saturday only) and never repeats the place', () => {
		const sat = kinds(undefined, meeting('m', '2024-06-08', 'kathmandu', 'Retreat in Kathmandu'));
		expect(sat.map((c) => c.kind)).toEqual(['weekend']);
		expect(sat[0]!.message).toMatch(
			/^Retreat in Kathmandu falls on Sat 8 Jun 2024: the weekend in Nepal is Saturday\.$/
		);
		expect(sat[0]!.message).not.toMatch(/Kathmandu in Kathmandu/);
		expect(kinds(undefined, meeting('m', '2024-06-09', 'kathmandu'))).toEqual([]);
		const other = kinds(undefined, meeting('m', '2024-06-08', 'kathmandu'));
		expect(other[0]!.message).toMatch(/^Panel meeting in Kathmandu falls on/);
	});
});

describe("the virtual finder honours each person's working week", () => {
	// 16:00 in Geneva is 20:45 in Kathmandu; 07:00 UTC is 08:00 in Geneva and 12:45 in Kathmandu.
	const at = (date: string, workWeek?: string[]) => {
		const index = indexPlan(
			PlanFile.parse({
				version: 1,
				name: 'Test',
				people: [
					{ id: 'raj', name: 'Raj Thapa', zone: 'Asia/Kathmandu' },
					{ id: 'ana', name: 'Ana Lima', zone: 'Europe/Zurich', ...(workWeek ? { workWeek } : {}) }
				],
				items: []
			})
		);
		const start = `${date}T08:00Z`;
		const [c] = findVirtual(prepareFinder(index), {
			...DEFAULT_VIRTUAL,
			minutes: 60,
			from: date,
			to: date,
			required: ['raj', 'ana'],
			optional: [],
			starts: [start]
		}).proposed;
		return c!.working.sort();
	};

	it('Sunday is a working day in Kathmandu (Saturday-only weekend), not in Geneva', () => {
		expect(at('2024-06-09')).toEqual(['raj']);
		expect(at('2024-06-08')).toEqual([]);
		expect(at('2024-06-10')).toEqual(['ana', 'raj']);
	});

	it('a person.workWeek override replaces the home weekend', () => {
		expect(at('2024-06-09', ['sun', 'mon', 'tue', 'wed', 'thu'])).toEqual(['ana', 'raj']);
		expect(at('2024-06-10', ['tue', 'wed'])).toEqual(['raj']);
	});

	it('the series only counts working-week days as working', () => {
		const index = indexPlan(
			PlanFile.parse({
				version: 1,
				name: 'Test',
				people: [{ id: 'raj', name: 'Raj Thapa', zone: 'Asia/Kathmandu' }],
				items: []
			})
		);
		const r = findVirtual(prepareFinder(index), {
			...DEFAULT_VIRTUAL,
			minutes: 60,
			from: '2024-06-08',
			to: '2024-06-08',
			required: ['raj'],
			optional: [],
			occurrences: 2,
			everyDays: 1
		});
		// Saturday: no hour is a working hour, so the earliest one outside the night (06:00 local);
		// Sunday: the first working hour (09:00 local, 03:15 UTC).
		expect(r.series.map((o) => o.start)).toEqual(['2024-06-08T00:15Z', '2024-06-09T03:15Z']);
	});
});
