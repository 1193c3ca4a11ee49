import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from './changes.ts';
import { ago, deliveryReport } from './delivery.ts';
import type { Item } from './schema.ts';

const meeting = (when: Item['when'], extra: Partial<Item> = {}): Item =>
	({
		id: 'riyadh-meeting',
		kind: 'meeting',
		title: 'Riyadh meeting',
		when,
		...extra
	}) as Item;

const NOW = Date.parse('2024-02-20T19:00:00Z');
const OLD = meeting({ type: 'range', start: '2024-02-25', end: '2024-02-28' });
const NEW = meeting({ type: 'range', start: '2024-03-04', end: '2024-03-05' });

const change = (id: number, at: string, c: Partial<ChangeRecord>): ChangeRecord => ({
	id,
	at,
	by: 'Anja (organizer)',
	entity: 'item',
	entityId: 'riyadh-meeting',
	action: 'update',
	before: null,
	after: null,
	...c
});

const people = [
	{ id: 'lise-fuhr', name: 'Lise Fuhr' },
	{ id: 'vint-cerf', name: 'Vint Cerf' },
	{ id: 'maria-ressa', name: 'Maria Ressa' },
	{ id: 'nii-quaynor', name: 'Nii Quaynor' }
];

describe('deliveryReport', () => {
	const report = deliveryReport({
		people,
		subscribed: new Set(['lise-fuhr', 'vint-cerf', 'maria-ressa']),
		lastFetches: new Map([
			[
				'lise-fuhr',
				{ at: '2024-02-20T12:00:00.000Z', client: 'google', status: 200, version: '"a"' }
			],
			[
				'vint-cerf',
				{ at: '2024-02-20T18:00:00.000Z', client: 'apple', status: 304, version: '"b"' }
			]
		]),
		changes: [
			change(1, '2024-02-20T10:00:00.000Z', { before: meeting({ type: 'tbd' }), after: OLD }),
			change(2, '2024-02-20T14:00:00.000Z', { before: OLD, after: NEW }),
			change(3, '2024-02-20T15:00:00.000Z', {
				entityId: 'new-call',
				action: 'create',
				before: null,
				after: { id: 'new-call' }
			})
		],
		items: new Map([
			['riyadh-meeting', NEW],
			[
				'new-call',
				{
					id: 'new-call',
					kind: 'meeting',
					title: 'New call',
					when: { type: 'day', date: '2024-03-01' }
				} as Item
			]
		]),
		nowMillis: NOW
	});

	it('says what a calendar that fetched before a change still shows', () => {
		const lise = report[0]!;
		expect(lise.current).toBe(false);
		expect(lise.client).toBe('google');
		expect(lise.behind.map((b) => b.item)).toEqual(['riyadh-meeting', 'new-call']);
		expect(lise.behind[0]?.change).toBe(
			'it still shows “Riyadh meeting” on 25–28 Feb 2024 (now 4–5 Mar 2024)'
		);
		expect(lise.behind[1]?.change).toBe('it does not have “New call” yet (added 1 Mar 2024)');
		expect(lise.sentence).toBe(
			"Lise Fuhr's Google calendar last fetched 7 h ago: it still shows “Riyadh meeting” on 25–28 Feb 2024 (now 4–5 Mar 2024), and 1 more change."
		);
	});

	it('calls a calendar that fetched after every change current', () => {
		const vint = report[1]!;
		expect(vint.current).toBe(true);
		expect(vint.behind).toEqual([]);
		expect(vint.sentence).toBe(
			"Vint Cerf's Apple calendar last fetched 1 h ago and has the current plan."
		);
	});

	it('lists people with an address that was never fetched, and people without one', () => {
		expect(report[2]?.sentence).toBe(
			'Maria Ressa has a calendar address, but no calendar has fetched it yet.'
		);
		expect(report[3]?.subscribed).toBe(false);
		expect(report[3]?.sentence).toBe('Nii Quaynor has not subscribed a calendar.');
		expect(report[3]?.current).toBeNull();
	});

	it('tells a removal and caps the list', () => {
		const [r] = deliveryReport({
			people: [people[0]!],
			subscribed: new Set(),
			lastFetches: new Map([
				[
					'lise-fuhr',
					{ at: '2024-02-20T12:00:00.000Z', client: 'other', status: 200, version: '"a"' }
				]
			]),
			changes: [
				change(1, '2024-02-20T13:00:00.000Z', { action: 'delete', before: OLD, after: null }),
				...Array.from({ length: 30 }, (_, i) =>
					change(2 + i, '2024-02-20T14:00:00.000Z', {
						entityId: `x${i}`,
						before: { ...OLD, id: `x${i}`, title: `X${i}` },
						after: { ...NEW, id: `x${i}` }
					})
				)
			],
			items: new Map(),
			nowMillis: NOW,
			maxBehind: 5
		});
		expect(r?.behind[0]?.change).toBe(
			'it still shows “Riyadh meeting” on 25–28 Feb 2024, which was removed from the plan'
		);
		expect(r?.behind).toHaveLength(5);
		expect(r?.moreBehind).toBe(26);
		expect(r?.sentence.startsWith("Lise Fuhr's calendar last fetched 7 h ago")).toBe(true);
	});
});

describe('deliveryReport after a plan import', () => {
	const last = new Map([
		[
			'lise-fuhr',
			{ at: '2024-02-20T12:00:00.000Z', client: 'google' as const, status: 200, version: '"a"' }
		]
	]);
	const CALL = {
		id: 'call',
		kind: 'meeting',
		title: 'Call',
		when: { type: 'day', date: '2024-03-01' }
	} as Item;
	const report = (before: unknown) =>
		deliveryReport({
			people: [people[0]!],
			subscribed: new Set(['lise-fuhr']),
			lastFetches: last,
			changes: [
				change(1, '2024-02-20T13:00:00.000Z', {
					entity: 'plan',
					entityId: 'plan',
					action: 'import',
					before,
					after: { added: ['new-call'], changed: ['riyadh-meeting', 'call'], removed: [] }
				})
			],
			items: new Map([
				['riyadh-meeting', NEW],
				['call', { ...CALL, title: 'Call (online)' }],
				['new-call', { ...CALL, id: 'new-call', title: 'New call' }]
			]),
			nowMillis: NOW
		})[0]!.behind.map((b) => b.change);

	it('says what each changed item was, from the import history entry', () => {
		expect(report({ items: { 'riyadh-meeting': OLD, call: CALL } })).toEqual([
			'it does not have “New call” yet (added 1 Mar 2024)',
			'it still shows “Riyadh meeting” on 25–28 Feb 2024 (now 4–5 Mar 2024)',
			'it still shows “Call” (now “Call (online)”)'
		]);
	});

	it('stays vague, not wrong, for an import recorded without the earlier items', () => {
		expect(report(null)).toEqual([
			'it does not have “New call” yet (added 1 Mar 2024)',
			'it shows “Riyadh meeting” as it was before a plan import changed it',
			'it shows “Call (online)” as it was before a plan import changed it'
		]);
	});
});

describe('ago', () => {
	it.each([
		['2024-02-20T19:00:00Z', 'just now'],
		['2024-02-20T18:57:00Z', '3 min ago'],
		['2024-02-20T12:00:00Z', '7 h ago'],
		['2024-02-17T19:00:00Z', '3 days ago']
	])('%s -> %s', (at, text) => expect(ago(at, NOW)).toBe(text));
});
