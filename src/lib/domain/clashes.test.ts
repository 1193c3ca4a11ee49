import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import seed from '../../../data/iww-2024.plan.json' with { type: 'json' };
import {
	clashesFor,
	findClashes,
	personPairFindings,
	type Clash,
	type PairFinding
} from './clashes.ts';
import { findClashesOracle, personPairFindingsOracle } from './clashes.oracle.test-helper.ts';
import { commitmentsByPerson } from './commitments.ts';
import { generatePlan, prng } from './plan-generator.test-helper.ts';
import { redactPrivate } from './privacy.ts';
import { indexPlan } from './plan-index.ts';
import { PlanFile } from './schema.ts';
import { TEST_ZONES, withTZ } from './tz.test-helper.ts';

/** Opaque ids for the public plan (the server uses a keyed hash; any unique mapping will do). */
const OPAQUE = (id: string) => `hidden-${id}`;

const LOCATIONS = [
	{ id: 'riyadh', city: 'Riyadh', country: 'SA', zone: 'Asia/Riyadh', lat: 24.7136, lon: 46.6753 },
	{
		id: 'barcelona',
		city: 'Barcelona',
		country: 'ES',
		zone: 'Europe/Madrid',
		lat: 41.3546,
		lon: 2.1278
	},
	{
		id: 'geneva',
		city: 'Geneva',
		country: 'CH',
		region: 'GE',
		zone: 'Europe/Zurich',
		lat: 46.2044,
		lon: 6.1432
	},
	{ id: 'lyon', city: 'Lyon', country: 'FR', zone: 'Europe/Paris', lat: 45.764, lon: 4.8357 }
];

/** Raw PlanFile parts: the schema parses them, as it would a file written by hand. */
type Extra = Partial<Record<'items' | 'assignments' | 'commitments' | 'dependencies', unknown[]>>;

/** A small plan: Ana (Brussels) and Ben (Tokyo), the cities above, and whatever the test adds. */
function planWith(extra: Extra): ReturnType<typeof indexPlan> {
	return indexPlan(
		PlanFile.parse({
			version: 1,
			name: 'Test',
			people: [
				{ id: 'ana', name: 'Ana Lima', zone: 'Europe/Brussels' },
				{ id: 'ben', name: 'Ben Ito', zone: 'Asia/Tokyo' }
			],
			locations: LOCATIONS,
			items: [],
			...extra
		})
	);
}

const day = (date: string) => ({ type: 'day' as const, date });
const range = (start: string, end: string) => ({ type: 'range' as const, start, end });
let n = 0;
const lead = (item: string, person = 'ana', role: 'lead' | 'required' | 'support' = 'lead') => ({
	id: `a${n++}`,
	item,
	role,
	who: person,
	person
});
const meeting = (id: string, when: unknown, location: string | null = null) => ({
	id,
	kind: 'meeting',
	title: `Meeting ${id}`,
	when,
	location
});
const busy = (id: string, when: unknown, more: Record<string, unknown> = {}) => ({
	id,
	person: 'ana',
	source: 'busy',
	when,
	reason: 'Dentist appointment',
	...more
});

const of = (clashes: Clash[], kind: Clash['kind']) => clashes.filter((c) => c.kind === kind);

describe('overlap', () => {
	it('finds two meetings on the same day, and not on touching days', () => {
		const same = findClashes(
			planWith({
				items: [
					meeting('m1', day('2024-03-04'), 'geneva'),
					meeting('m2', day('2024-03-04'), 'geneva')
				],
				assignments: [lead('m1'), lead('m2')]
			})
		);
		expect(of(same, 'overlap')).toMatchObject([{ severity: 'definite', people: ['ana'] }]);
		const touching = findClashes(
			planWith({
				items: [
					meeting('m1', range('2024-03-04', '2024-03-05'), 'geneva'),
					meeting('m2', day('2024-03-06'), 'geneva')
				],
				assignments: [lead('m1'), lead('m2')]
			})
		);
		expect(of(touching, 'overlap')).toEqual([]);
		expect(of(touching, 'travel')).toEqual([]);
	});

	it('compares timed meetings as instants: back to back is fine, one minute over is not', () => {
		const timed = (s: string, e: string) => ({ type: 'timed', start: s, end: e, zone: 'UTC' });
		const check = (end: string) =>
			of(
				findClashes(
					planWith({
						items: [
							meeting('m1', timed('2024-03-04T09:00Z', end), 'online'),
							meeting('m2', timed('2024-03-04T10:00Z', '2024-03-04T11:00Z'), 'online')
						],
						assignments: [lead('m1'), lead('m2')]
					})
				),
				'overlap'
			);
		expect(check('2024-03-04T10:00Z')).toEqual([]);
		expect(check('2024-03-04T10:01Z')).toHaveLength(1);
	});

	it('puts an all-day busy day on the local calendar of the person: all-day vs timed', () => {
		// Ana is in Brussels: 4 March is 23:00 UTC on the 3rd to 23:00 UTC on the 4th.
		const at = (start: string, end: string) =>
			of(
				findClashes(
					planWith({
						items: [meeting('call', { type: 'timed', start, end, zone: 'UTC' }, 'online')],
						assignments: [lead('call')],
						commitments: [busy('b1', day('2024-03-04'))]
					})
				),
				'overlap'
			);
		expect(at('2024-03-03T22:00Z', '2024-03-03T23:00Z')).toEqual([]);
		expect(at('2024-03-03T22:30Z', '2024-03-03T23:30Z')).toHaveLength(1);
		expect(at('2024-03-04T23:00Z', '2024-03-05T00:00Z')).toEqual([]);
	});

	it('knows a DST day is 23 hours long', () => {
		// 31 March 2024 in Brussels ends at 22:00 UTC, not 23:00.
		const at = (start: string) =>
			of(
				findClashes(
					planWith({
						items: [
							meeting(
								'call',
								{ type: 'timed', start, end: '2024-03-31T23:30Z', zone: 'UTC' },
								'online'
							)
						],
						assignments: [lead('call')],
						commitments: [busy('b1', day('2024-03-31'))]
					})
				),
				'overlap'
			);
		expect(at('2024-03-31T22:00Z')).toEqual([]);
		expect(at('2024-03-31T21:59Z')).toHaveLength(1);
	});

	it('calls fuzzy overlaps possible, and candidate windows definite only when every window overlaps', () => {
		const fuzzy = findClashes(
			planWith({
				items: [
					meeting('m1', { type: 'part-of-month', year: 2024, month: 5, part: 'early' }, 'geneva'),
					meeting('m2', day('2024-05-03'), 'geneva')
				],
				assignments: [lead('m1'), lead('m2')]
			})
		);
		expect(of(fuzzy, 'overlap')).toMatchObject([{ severity: 'possible' }]);
		const windows = (ws: [string, string][]) =>
			of(
				findClashes(
					planWith({
						items: [
							meeting(
								'm1',
								{ type: 'candidates', windows: ws.map(([start, end]) => ({ start, end })) },
								'geneva'
							),
							meeting('m2', range('2024-05-03', '2024-05-04'), 'geneva')
						],
						assignments: [lead('m1'), lead('m2')]
					})
				),
				'overlap'
			);
		expect(
			windows([
				['2024-05-02', '2024-05-03'],
				['2024-05-04', '2024-05-05']
			])
		).toMatchObject([{ severity: 'definite' }]);
		expect(
			windows([
				['2024-05-02', '2024-05-03'],
				['2024-05-06', '2024-05-07']
			])
		).toMatchObject([{ severity: 'possible' }]);
		expect(
			windows([
				['2024-05-05', '2024-05-06'],
				['2024-05-07', '2024-05-08']
			])
		).toEqual([]);
	});

	it('does not count a presentation at an event as a clash with the event', () => {
		const clashes = findClashes(
			planWith({
				items: [
					{
						id: 'wsis',
						kind: 'event',
						title: 'WSIS+20',
						when: range('2024-05-27', '2024-05-31'),
						location: 'geneva'
					},
					{
						id: 'talk',
						kind: 'activity',
						title: 'Talk',
						when: range('2024-05-27', '2024-05-31'),
						linkedTo: 'wsis'
					}
				],
				assignments: [lead('talk')],
				commitments: [{ id: 'c1', person: 'ana', source: 'event', item: 'wsis' }]
			})
		);
		expect(of(clashes, 'overlap')).toEqual([]);
	});
});

describe('travel', () => {
	const twoCities = (first: string, second: string, a = 'barcelona', b = 'riyadh') =>
		findClashes(
			planWith({
				items: [meeting('m1', day(first), a), meeting('m2', day(second), b)],
				assignments: [lead('m1'), lead('m2')]
			})
		);

	it('needs a free day between Barcelona and Riyadh', () => {
		expect(of(twoCities('2024-03-04', '2024-03-05'), 'travel')).toMatchObject([
			{ severity: 'definite', items: ['m2', 'm1'] }
		]);
		expect(of(twoCities('2024-03-04', '2024-03-06'), 'travel')).toEqual([]);
		const [c] = of(twoCities('2024-03-04', '2024-03-05'), 'travel');
		expect(c?.message).toContain('Barcelona–Riyadh');
		expect(c?.message).toContain('a travel day');
	});

	it('lets Geneva–Lyon (under 1,500 km, half a day) go back to back: exactly 12 hours overnight', () => {
		// The working day ends at 20:00 and starts at 08:00: 12 hours, exactly half a day.
		expect(of(twoCities('2024-03-04', '2024-03-05', 'geneva', 'lyon'), 'travel')).toEqual([]);
		const timed = findClashes(
			planWith({
				items: [
					meeting('m1', day('2024-03-04'), 'geneva'),
					meeting(
						'm2',
						{
							type: 'timed',
							start: '2024-03-05T06:59Z',
							end: '2024-03-05T08:00Z',
							zone: 'Europe/Paris'
						},
						'lyon'
					)
				],
				assignments: [lead('m1'), lead('m2')]
			})
		);
		// 20:00 CET on the 4th to 07:59 CET on the 5th is one minute short of 12 hours.
		expect(of(timed, 'travel')).toHaveLength(1);
	});

	it('says possible when fuzzy dates may leave too little time', () => {
		const clashes = findClashes(
			planWith({
				items: [
					meeting('m1', day('2024-05-11'), 'barcelona'),
					meeting('m2', { type: 'part-of-month', year: 2024, month: 5, part: 'early' }, 'riyadh')
				],
				assignments: [lead('m1'), lead('m2')]
			})
		);
		expect(of(clashes, 'travel')).toMatchObject([{ severity: 'possible' }]);
	});
});

describe('host calendar', () => {
	it('flags a Friday meeting in Riyadh but not a Sunday one', () => {
		const on = (date: string) =>
			findClashes(
				planWith({ items: [meeting('m', day(date), 'riyadh')], assignments: [lead('m')] })
			);
		expect(of(on('2024-03-01'), 'weekend')).toMatchObject([
			{ severity: 'definite', people: ['ana'] }
		]);
		expect(of(on('2024-03-01'), 'weekend')[0]?.message).toContain('Friday–Saturday');
		expect(of(on('2024-03-03'), 'weekend')).toEqual([]);
		expect(of(on('2024-02-22'), 'holiday')).toMatchObject([{ severity: 'definite' }]);
		expect(of(on('2024-02-22'), 'holiday')[0]?.message).toContain('Founding Day');
	});

	it('is possible when only some candidate windows hit the weekend', () => {
		const clashes = findClashes(
			planWith({
				items: [
					meeting(
						'm',
						{
							type: 'candidates',
							windows: [range('2024-02-25', '2024-02-26'), range('2024-02-29', '2024-03-01')]
						},
						'riyadh'
					)
				]
			})
		);
		expect(of(clashes, 'weekend')).toMatchObject([{ severity: 'possible' }]);
	});

	it('reads a timed meeting on the host calendar: Thursday 23:30 UTC is Friday in Riyadh', () => {
		const clashes = findClashes(
			planWith({
				items: [
					meeting(
						'm',
						{
							type: 'timed',
							start: '2024-02-29T21:30Z',
							end: '2024-02-29T22:30Z',
							zone: 'Asia/Riyadh'
						},
						'riyadh'
					)
				]
			})
		);
		expect(of(clashes, 'weekend')).toHaveLength(1);
	});
});

describe('linked events, dependencies and leads', () => {
	it('finds an item dated outside its event, and one that may fall outside', () => {
		const clashes = findClashes(
			planWith({
				items: [
					{
						id: 'nm',
						kind: 'event',
						title: 'NETmundial+10',
						when: range('2024-04-29', '2024-04-30'),
						location: 'geneva'
					},
					{
						id: 'p1',
						kind: 'activity',
						title: 'Early May',
						when: { type: 'part-of-month', year: 2024, month: 5, part: 'early' },
						linkedTo: 'nm'
					},
					{
						id: 'p2',
						kind: 'activity',
						title: 'April',
						when: { type: 'month', year: 2024, month: 4 },
						linkedTo: 'nm'
					},
					{ id: 'p3', kind: 'activity', title: 'Right', when: day('2024-04-30'), linkedTo: 'nm' }
				]
			})
		);
		expect(of(clashes, 'linked-event').map((c) => [c.items[0], c.severity])).toEqual([
			['p1', 'definite'],
			['p2', 'possible']
		]);
	});

	it('checks finish-to-start with touching days and lags', () => {
		const dep = (a: unknown, b: unknown, lagDays = 0) =>
			of(
				findClashes(
					planWith({
						items: [
							{ id: 'a', kind: 'deadline', title: 'A', when: a },
							{ id: 'b', kind: 'deadline', title: 'B', when: b }
						],
						dependencies: [{ id: 'd', from: 'a', to: 'b', lagDays }]
					})
				),
				'dependency'
			);
		expect(dep(day('2024-03-01'), day('2024-03-02'))).toEqual([]);
		expect(dep(day('2024-03-01'), day('2024-03-01'))).toMatchObject([{ severity: 'definite' }]);
		expect(dep(day('2024-03-01'), day('2024-03-02'), 1)).toMatchObject([{ severity: 'definite' }]);
		expect(dep(day('2024-03-01'), { type: 'month', year: 2024, month: 3 })).toMatchObject([
			{ severity: 'possible' }
		]);
	});

	it('finds items without a lead and leads that are only initials', () => {
		const clashes = findClashes(
			planWith({
				items: [meeting('m1', day('2024-03-04')), meeting('m2', day('2024-03-04'))],
				assignments: [{ id: 'x', item: 'm2', role: 'lead', who: 'TBD' }]
			}),
			{ viewer: { type: 'organizer' } }
		);
		expect(of(clashes, 'no-lead').map((c) => c.items)).toEqual([['m1']]);
		expect(of(clashes, 'unresolved-lead')[0]?.message).toContain('“TBD”');
	});

	it('says "no lead" once per item, to organizers only, naming who could lead it', () => {
		const index = indexPlan(
			PlanFile.parse({
				version: 1,
				name: 'Test',
				people: [
					{ id: 'ana', name: 'Ana Lima' },
					{ id: 'ben', name: 'Ben Ito' },
					{ id: 'cy', name: 'Cy Ode' }
				],
				groups: [{ id: 'wg', name: 'WG Rights', kind: 'working-group', members: ['ana', 'ben'] }],
				items: [
					{ ...meeting('m1', day('2024-03-04')), group: 'wg' },
					meeting('m2', day('2024-03-05'))
				],
				assignments: [
					{ id: 'x1', item: 'm1', role: 'required', who: 'WG', group: 'wg' },
					{ id: 'x2', item: 'm1', role: 'required', who: 'Cy', person: 'cy' }
				]
			})
		);
		const org = of(findClashes(index, { viewer: { type: 'organizer' } }), 'no-lead');
		expect(org).toEqual([
			expect.objectContaining({
				id: 'no-lead:m1',
				people: [],
				items: ['m1'],
				message:
					'Meeting m1 has no lead: name the person or group responsible; members of WG Rights could: Ana Lima and Ben Ito.'
			}),
			expect.objectContaining({
				id: 'no-lead:m2',
				people: [],
				message: 'Meeting m2 has no lead: name the person or group responsible.'
			})
		]);
		for (const viewer of [{ type: 'anonymous' as const }, { type: 'person' as const, id: 'cy' }])
			expect(of(findClashes(index, { viewer }), 'no-lead')).toEqual([]);
		// Not on an attendee's own list either.
		expect(
			clashesFor(findClashes(index, { viewer: { type: 'organizer' } }), { person: 'cy' })
		).toEqual([]);
	});

	it('raises nothing new for items already done, or over before today when given one', () => {
		const plan = (status: string) =>
			planWith({
				items: [
					{ ...meeting('m1', day('2024-03-04'), 'geneva'), status },
					meeting('m2', day('2024-03-20'), 'geneva'),
					meeting('m3', day('2024-03-01'))
				],
				assignments: [lead('m1'), lead('m2'), lead('m3', 'ben')],
				commitments: [busy('b1', day('2024-03-04')), busy('b2', day('2024-03-20'))],
				dependencies: [{ id: 'd1', from: 'm1', to: 'm3' }]
			});
		const kinds = (clashes: Clash[]) => clashes.map((c) => `${c.kind}:${c.items.join(',')}`).sort();
		expect(kinds(findClashes(plan('planned')))).toEqual([
			'dependency:m3,m1',
			'overlap:m1',
			'overlap:m2'
		]);
		expect(kinds(findClashes(plan('done')))).toEqual(['overlap:m2']);
		expect(kinds(findClashes(plan('planned'), { today: '2024-03-05' }))).toEqual(['overlap:m2']);
		// m1 is on the 4th: not over yet; m3 (the 1st) is, and so is the order between them.
		expect(kinds(findClashes(plan('planned'), { today: '2024-03-04' }))).toEqual([
			'overlap:m1',
			'overlap:m2'
		]);
	});
});

describe('busy periods', () => {
	it('never clash with each other, only with what the plan needs of the person', () => {
		const clashes = findClashes(
			planWith({
				items: [meeting('m1', day('2024-03-05'), 'geneva')],
				assignments: [lead('m1')],
				commitments: [
					busy('b1', range('2024-03-04', '2024-03-06'), { place: 'barcelona' }),
					busy('b2', day('2024-03-05'), { reason: 'Clinic', place: 'riyadh' }),
					busy('b3', day('2024-03-20'), { place: 'lyon' }),
					busy('b4', day('2024-03-20'), { place: 'geneva', reason: 'Other' })
				]
			})
		);
		const person = clashes.filter((c) => c.kind === 'overlap' || c.kind === 'travel');
		expect(person.map((c) => c.commitments)).toEqual([['b1'], ['b2']]);
		expect(person.every((c) => c.items.includes('m1'))).toBe(true);
	});

	it('re-imported twins give one clash naming both, and never one with each other', () => {
		const twin = (id: string) =>
			busy(id, day('2024-03-04'), { place: 'barcelona', strength: 'hard' });
		const clashes = findClashes(
			planWith({
				items: [meeting('m1', day('2024-03-04'), 'geneva')],
				assignments: [lead('m1')],
				commitments: [twin('b1'), twin('b2'), twin('b3')]
			}),
			{ viewer: { type: 'organizer' } }
		);
		expect(clashes.filter((c) => c.kind === 'overlap')).toMatchObject([
			{ commitments: ['b1', 'b2', 'b3'], items: ['m1'], people: ['ana'] }
		]);
		expect(clashes.filter((c) => c.kind === 'overlap' || c.kind === 'travel')).toHaveLength(1);
	});
});

describe('private busy periods', () => {
	const plan = () =>
		planWith({
			items: [meeting('m1', day('2024-03-04'), 'geneva')],
			assignments: [lead('m1')],
			commitments: [
				busy('secret', day('2024-03-04'), { visibility: 'private', place: 'barcelona' })
			]
		});

	it('say only "busy" to anyone but the person and organizers', () => {
		const anon = of(findClashes(plan()), 'overlap');
		expect(anon).toHaveLength(1);
		expect(anon[0]?.message).toContain('is busy');
		expect(JSON.stringify(anon)).not.toMatch(/Dentist|Barcelona|secret/);
		for (const viewer of [{ type: 'organizer' as const }, { type: 'person' as const, id: 'ana' }]) {
			const seen = of(findClashes(plan(), { viewer }), 'overlap');
			expect(seen[0]?.message).toContain('Dentist appointment');
			expect(seen[0]?.commitments).toEqual(['secret']);
		}
		const other = of(findClashes(plan(), { viewer: { type: 'person', id: 'ben' } }), 'overlap');
		expect(JSON.stringify(other)).not.toMatch(/Dentist|Barcelona|secret/);
	});
});

describe('the seeded IWW 2024 plan', () => {
	const index = indexPlan(PlanFile.parse(seed));

	it('finds LF, HD and HY at MWC while the Riyadh meeting needs them, definitely', () => {
		for (const tz of TEST_ZONES)
			withTZ(tz, () => {
				const clashes = findClashes(index);
				const mwc = clashes.filter((c) => c.kind === 'overlap' && c.items.includes('mwc-2024'));
				expect(mwc).toHaveLength(1);
				expect(mwc[0]).toMatchObject({
					severity: 'definite',
					strength: 'hard',
					people: ['hatem-dowidar', 'hiroshi-yoshida', 'lise-fuhr'],
					items: ['riyadh-meeting-2024', 'mwc-2024']
				});
				// Every proposed window (25 or 26 to 27 or 28 Feb) includes 26–27 Feb, spent at MWC.
				expect(mwc[0]?.message).toBe(
					'Hatem Dowidar, Hiroshi Yoshida and Lise Fuhr are at MWC Barcelona 2024 (26–29 Feb 2024); ' +
						'First two-day face-to-face Panel meeting of 2024 (25 or 26 to 27 or 28 February 2024) needs them ' +
						'in Riyadh on 26–27 Feb 2024 whichever window is chosen, and Barcelona–Riyadh (4,486 km) needs a travel day.'
				);
			});
	});

	it('finds the NETmundial+10 mismatch, the TBD leads and the items without a lead', () => {
		const clashes = findClashes(index, { viewer: { type: 'organizer' } });
		expect(clashes.find((c) => c.id === 'linked-event:netmundial-10-presentation')).toMatchObject({
			severity: 'definite',
			items: ['netmundial-10-presentation', 'netmundial-10']
		});
		expect(
			of(clashes, 'unresolved-lead')
				.map((c) => c.items[0])
				.sort()
		).toEqual(['igf-2024-presentation', 'netmundial-10-presentation']);
		expect(of(clashes, 'no-lead').map((c) => c.items[0])).toContain('riyadh-meeting-2024');
		expect(clashesFor(clashes, { person: 'lise-fuhr' }).map((c) => c.kind)).toContain('overlap');
		// The Riyadh windows avoid the Saudi weekend (Fri–Sat) and Founding Day (22 Feb).
		expect(
			clashesFor(clashes, { item: 'riyadh-meeting-2024' })
				.map((c) => c.kind)
				.sort()
		).toEqual(['no-lead', 'overlap', 'overlap']);
	});

	it('derives commitments from assignments, events and groups', () => {
		const lf = commitmentsByPerson(index).get('lise-fuhr') ?? [];
		expect(lf.map((c) => c.key).sort()).toEqual(
			expect.arrayContaining([
				'item:mwc-2024',
				'item:riyadh-meeting-2024',
				'item:wsis-20-presentation'
			])
		);
		// A months-long working group is work, not attendance.
		expect(lf.map((c) => c.key)).not.toContain('item:wg-universal-and-inclusive-goals');
	});
});

describe('the sweep agrees with the brute-force oracle', () => {
	const key = (f: PairFinding) => `${f.person}|${f.kind}|${f.severity}|${f.a.key}|${f.b.key}`;
	it('on random plans', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 2 ** 31 - 1 }),
				fc.integer({ min: 1, max: 8 }),
				fc.integer({ min: 1, max: 40 }),
				fc.integer({ min: 10, max: 120 }),
				(seedValue, people, items, days) => {
					const plan = generatePlan(
						{ people, items, assignments: items * 3, busy: people * 6, days },
						seedValue
					);
					const index = indexPlan(PlanFile.parse(plan));
					const sweep = personPairFindings(index).map(key).sort();
					const oracle = personPairFindingsOracle(index).map(key).sort();
					expect(sweep).toEqual(oracle);
					expect(findClashes(index)).toEqual(findClashesOracle(index));
				}
			),
			{ numRuns: Number(process.env.CLASH_PROPERTY_RUNS ?? 100) }
		);
	}, 60_000);
});

describe('after edits, the reused work agrees with a fresh pass', () => {
	/** One edit as the write path makes it: new objects for what changed, the rest kept. */
	function edit(plan: PlanFile, r: () => number): PlanFile {
		const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
		const replace = <T>(xs: readonly T[], x: T, y: T) => xs.map((v) => (v === x ? y : v));
		const k = r();
		const item = pick(plan.items);
		if (k < 0.2 && item)
			return {
				...plan,
				items: replace(plan.items, item, {
					...item,
					when: { type: 'day', date: `2024-01-${10 + Math.floor(r() * 15)}` }
				})
			};
		if (k < 0.3 && item)
			return { ...plan, items: replace(plan.items, item, { ...item, title: `${item.title}!` }) };
		if (k < 0.4 && item)
			return {
				...plan,
				items: replace(plan.items, item, {
					...item,
					status: pick(['done', 'cancelled', 'planned'] as const)!
				})
			};
		if (k < 0.5 && item)
			return {
				...plan,
				items: replace(plan.items, item, {
					...item,
					location: pick(['geneva', 'riyadh', 'online', null])!
				})
			};
		const person = pick(plan.people);
		if (k < 0.6 && person)
			return {
				...plan,
				people: replace(plan.people, person, {
					...person,
					name: `${person.name}?`,
					zone: 'Asia/Tokyo'
				})
			};
		const a = pick(plan.assignments);
		if (k < 0.7 && a)
			return {
				...plan,
				assignments: replace(plan.assignments, a, {
					...a,
					role: pick(['lead', 'optional', 'support'] as const)!
				})
			};
		const c = pick(plan.commitments);
		if (k < 0.8 && c) return { ...plan, commitments: plan.commitments.filter((x) => x !== c) };
		if (k < 0.9 && c)
			return { ...plan, commitments: [...plan.commitments, { ...c, id: `${c.id}-twin` }] };
		const g = pick(plan.groups);
		if (g && person)
			return {
				...plan,
				groups: replace(plan.groups, g, { ...g, members: [...g.members, person.id] })
			};
		return plan;
	}

	it('on random plans and random edits, for every kind of viewer', () => {
		const viewers = [
			{ type: 'anonymous' as const },
			{ type: 'organizer' as const },
			{ type: 'person' as const, id: 'p0' }
		];
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seedValue) => {
				let plan = PlanFile.parse(
					generatePlan(
						{ people: 4, items: 12, assignments: 36, busy: 24, days: 30, lanes: true },
						seedValue
					)
				);
				const r = prng(seedValue ^ 0x5bd1e995);
				for (let step = 0; step < 6; step++) {
					for (const viewer of viewers) {
						const cached = findClashes(indexPlan(redactPrivate(plan, OPAQUE)), { viewer });
						const fresh = findClashesOracle(
							indexPlan(redactPrivate(structuredClone(plan), OPAQUE)),
							{
								viewer
							}
						);
						expect(cached).toEqual(fresh);
					}
					plan = edit(plan, r);
				}
			}),
			{ numRuns: Number(process.env.CLASH_PROPERTY_RUNS ?? 60) }
		);
	}, 60_000);
});
