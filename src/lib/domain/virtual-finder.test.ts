/**
 * The virtual finder as the organizer reads it: everyone's own clock (night and outside working
 * hours marked apart), ties spread over the day with a reason in words, and a series kept off the
 * participants' public holidays (each person's own country, on their own local date).
 */
import { describe, expect, it } from 'vitest';
import seed from '../../../data/iww-2024.plan.json' with { type: 'json' };
import { prepareFinder, resolvePeople } from './finder.ts';
import { indexPlan } from './plan-index.ts';
import { PlanFile } from './schema.ts';
import { DEFAULT_VIRTUAL, findVirtual, placeOfZone, type VirtualQuery } from './virtual-finder.ts';

const index = indexPlan(PlanFile.parse(seed));
const fp = prepareFinder(index);
const members = resolvePeople(index, ['all members']).ids;

type P = { id: string; zone: string; country?: string; hours?: [string, string] };
const planOf = (people: P[]) =>
	prepareFinder(
		indexPlan(
			PlanFile.parse({
				version: 1,
				name: 'Test',
				people: people.map((p) => ({
					id: p.id,
					name: p.id,
					zone: p.zone,
					...(p.country ? { country: p.country } : {}),
					...(p.hours ? { workingHours: { start: p.hours[0], end: p.hours[1] } } : {})
				})),
				items: []
			})
		)
	);
const query = (over: Partial<VirtualQuery>): VirtualQuery => ({
	...DEFAULT_VIRTUAL,
	minutes: 60,
	from: '2024-03-04',
	to: '2024-03-08',
	required: [],
	optional: [],
	...over
});

describe('each candidate on everyone’s clock', () => {
	const r = findVirtual(
		fp,
		query({
			from: '2023-12-18',
			to: '2023-12-22',
			required: members,
			starts: ['2023-12-18T16:00Z'],
			ignoreItem: 'plenary-2023-12-18',
			viewerZone: 'Europe/Brussels'
		})
	);
	const asked = r.proposed[0]!;
	const row = (id: string) => asked.rows.find((x) => x.person === id)!;

	it('writes the start on the viewer’s clock', () => {
		expect(asked.viewer).toMatch(/^Mon 18 Dec 2023, 17:00 CET – 18:00$/);
		expect(r.viewerZone).toBe('Europe/Brussels');
	});

	it('gives every person their weekday, date and place, and marks night apart from off-hours', () => {
		expect(row('hiroshi-yoshida')).toMatchObject({
			when: 'Tue 19 Dec, 01:00–02:00',
			place: 'Tokyo',
			mark: 'night',
			required: true
		});
		expect(row('maria-fernanda-garza')).toMatchObject({
			when: 'Mon 18 Dec, 10:00–11:00',
			place: 'Mexico City',
			mark: 'working'
		});
		// 17:00–18:00 in Brussels: awake, but past the end of the working day.
		expect(row('lise-fuhr')).toMatchObject({ mark: 'off-hours', night: false, working: false });
		expect(asked.why).toBe(
			'The start you asked about: 3 more people in the night than at the best start.'
		);
	});

	it('uses each person’s own working hours', () => {
		const f = planOf([{ id: 'late', zone: 'Europe/London', hours: ['12:00', '20:00'] }]);
		const c = findVirtual(f, query({ required: ['late'], starts: ['2024-03-04T18:00Z'] }))
			.proposed[0]!;
		expect(c.rows[0]!.mark).toBe('working');
		const early = findVirtual(f, query({ required: ['late'], starts: ['2024-03-04T10:00Z'] }))
			.proposed[0]!;
		expect(early.rows[0]!.mark).toBe('off-hours');
	});

	it('names the place of a zone', () => {
		expect(placeOfZone('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
		expect(placeOfZone('UTC')).toBe('UTC');
	});
});

describe('ties', () => {
	it('spreads equally good starts over different times of day and says why each ranks there', () => {
		// One person in London: every start from 09:00 to 16:00 on five weekdays is equally good.
		const f = planOf([{ id: 'uk', zone: 'Europe/London' }]);
		const r = findVirtual(f, query({ required: ['uk'] }));
		expect(r.candidates).toHaveLength(10);
		const times = r.candidates.map((c) => c.start.slice(11, 16));
		const days = r.candidates.map((c) => c.start.slice(0, 10));
		expect(new Set(times).size).toBe(10);
		expect(new Set(days).size).toBeGreaterThan(1);
		expect(r.candidates[0]!.why).toBe(
			'Best: every required person free, nobody in the night, 1 of 1 in working hours.'
		);
		for (const c of r.candidates.slice(1))
			expect(c.why).toBe('As good as the one above, at another time of day.');
	});

	it('says in words why a worse start sits below a better one', () => {
		const f = planOf([
			{ id: 'uk', zone: 'Europe/London' },
			{ id: 'jp', zone: 'Asia/Tokyo' }
		]);
		// One day, every start: from both in the day to one in the night, in order.
		const r = findVirtual(
			f,
			query({ from: '2024-03-04', to: '2024-03-04', required: ['uk', 'jp'], limit: 96 })
		);
		const whys = r.candidates.map((c) => c.why);
		expect(whys).toContain('Below the one above: 1 fewer person in working hours.');
		expect(whys).toContain('Below the one above: 1 more person in the night.');
		expect(whys.join(' ')).not.toMatch(/score/i);
	});
});

describe('a series off the participants’ public holidays', () => {
	const four = planOf([
		{ id: 'london', zone: 'Europe/London', country: 'GB' },
		{ id: 'berlin', zone: 'Europe/Berlin' },
		{ id: 'new-york', zone: 'America/New_York', country: 'US' },
		{ id: 'mexico', zone: 'America/Mexico_City', country: 'MX' }
	]);

	it('moves the Easter Monday occurrence, in the week Europe changes its clocks', () => {
		// Europe moves to summer time on Sun 31 Mar 2024; the US already did on 10 Mar.
		const r = findVirtual(
			four,
			query({
				from: '2024-03-25',
				to: '2024-03-29',
				required: ['london', 'berlin', 'new-york', 'mexico'],
				occurrences: 3,
				everyDays: 7
			})
		);
		expect(r.series).toHaveLength(3);
		const regular = r.series.map((s) => s.regular.slice(0, 10));
		expect(regular).toEqual(['2024-03-25', '2024-04-01', '2024-04-08']);
		const easter = r.series[1]!;
		expect(easter.start.slice(0, 10)).not.toBe('2024-04-01');
		expect(easter.skipped).toBe(false);
		expect(easter.onHoliday).toEqual([]);
		expect(easter.avoided).toMatchObject({
			date: '2024-04-01',
			name: 'Easter Monday',
			people: ['london', 'berlin']
		});
		expect(easter.avoided!.text).toBe('Mon 1 Apr (Easter Monday for 2 of 4 people)');
		expect(r.seriesNote).toContain('Mon 1 Apr (Easter Monday for 2 of 4 people)');
		// Good Friday (29 Mar) is a holiday in London and Berlin: the first week avoids it too.
		expect(r.series[0]!.start.slice(0, 10)).not.toBe('2024-03-29');
		for (const s of r.series) expect(s.onHoliday).toEqual([]);
	});

	it('checks each person’s own local date: New Year in Tokyo is still 31 Dec in London', () => {
		const f = planOf([
			{ id: 'tokyo', zone: 'Asia/Tokyo' },
			{ id: 'london', zone: 'Europe/London' }
		]);
		const c = findVirtual(
			f,
			query({
				from: '2023-12-31',
				to: '2023-12-31',
				required: ['tokyo', 'london'],
				starts: ['2023-12-31T20:00Z']
			})
		).proposed[0]!;
		expect(c.rows.find((x) => x.person === 'tokyo')!.holiday).toBe("New Year's Day");
		expect(c.rows.find((x) => x.person === 'london')!.holiday).toBeNull();
	});

	it('skips a week when most required people are off on every start, and says so', () => {
		const europe = planOf([
			{ id: 'london', zone: 'Europe/London' },
			{ id: 'berlin', zone: 'Europe/Berlin' },
			{ id: 'warsaw', zone: 'Europe/Warsaw' },
			{ id: 'paris', zone: 'Europe/Paris' }
		]);
		const r = findVirtual(
			europe,
			query({
				from: '2023-12-18',
				to: '2023-12-18',
				required: ['london', 'berlin', 'warsaw', 'paris'],
				occurrences: 4,
				everyDays: 7
			})
		);
		const [first, christmas, newYear, after] = r.series;
		expect(first!.skipped).toBe(false);
		expect(christmas!.skipped).toBe(true);
		expect(christmas!.avoided!.text).toBe('Mon 25 Dec (Christmas Day for 4 of 4 people)');
		expect(newYear!.skipped).toBe(true);
		expect(newYear!.avoided!.name).toBe("New Year's Day");
		expect(after!.skipped).toBe(false);
		expect(r.seriesNote).toMatch(
			/^Skips Mon 25 Dec \(Christmas Day for 4 of 4 people\), Mon 1 Jan \(New Year's Day for 4 of 4 people\)/
		);
		// A skipped week gives nobody a bad hour.
		expect(christmas!.night).toEqual([]);
	});
});
