import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import seedJson from '../../../data/iww-2024.plan.json' with { type: 'json' };
import { indexPlan } from '../domain/plan-index.ts';
import { ITEM_KINDS, PlanFile, type PlanFileInput } from '../domain/schema.ts';
import { TEST_ZONES, withTZ } from '../domain/tz.test-helper.ts';
import { publicFeeds } from './catalog.ts';
import {
	buildFeed,
	cleanText,
	escapeText,
	feedTitle,
	itemUid,
	type FeedFilter,
	type FeedItemMeta
} from './feed.ts';

const seed = PlanFile.parse(seedJson);
const STAMP = '2024-01-05T10:00:00.000Z';
const NOW = '2024-01-10T12:00:00Z';
const OPTS = { baseUrl: 'https://planner.example.org', now: NOW };

function history(plan: PlanFile, stamp = STAMP): FeedItemMeta[] {
	return plan.items.map((item) => ({
		id: item.id,
		revision: 1,
		updatedAt: stamp,
		deletedAt: null,
		item
	}));
}

function parse(text: string): ICAL.Component {
	return new ICAL.Component(ICAL.parse(text) as unknown[]);
}

function events(cal: ICAL.Component): ICAL.Event[] {
	return cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
}

function byUid(cal: ICAL.Component, uid: string): ICAL.Component | undefined {
	return cal.getAllSubcomponents('vevent').find((c) => c.getFirstPropertyValue('uid') === uid);
}

/** Structural rules every feed must follow, whatever its content. */
function checkFeed(text: string): ICAL.Component {
	expect(text.endsWith('END:VCALENDAR')).toBe(true);
	expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // only CRLF line ends
	const long = text.split('\r\n').filter((l) => Buffer.byteLength(l, 'utf8') > 75);
	expect(
		long.map((l) => JSON.stringify(l)),
		'lines over 75 octets'
	).toEqual([]);
	const cal = parse(text);
	expect(cal.name).toBe('vcalendar');
	expect(cal.getFirstPropertyValue('version')).toBe('2.0');
	expect(cal.getFirstPropertyValue('method')).toBeNull();
	for (const prop of [
		'name',
		'x-wr-calname',
		'x-wr-caldesc',
		'refresh-interval',
		'x-published-ttl'
	])
		expect(cal.getFirstProperty(prop), prop).not.toBeNull();
	for (const ev of cal.getAllSubcomponents('vevent')) {
		for (const prop of [
			'uid',
			'dtstamp',
			'dtstart',
			'sequence',
			'status',
			'last-modified',
			'summary'
		])
			expect(
				ev.getFirstProperty(prop),
				`${prop} in ${String(ev.getFirstPropertyValue('uid'))}`
			).not.toBeNull();
		expect(ev.getFirstProperty('organizer')).toBeNull();
		expect(ev.getFirstProperty('attendee')).toBeNull();
		expect(ev.getAllSubcomponents('valarm')).toEqual([]);
	}
	return cal;
}

describe('feeds of the seed plan', () => {
	const index = indexPlan(seed);
	const filters: FeedFilter[] = [
		...publicFeeds(index).map((f) => f.filter),
		...seed.people.map((p) => ({ type: 'person' as const, person: p.id, includePrivateBusy: true }))
	];

	it.each(filters.map((f) => ({ f, name: JSON.stringify(f) })))(
		'$name parses with ical.js',
		({ f }) => {
			checkFeed(buildFeed(index, history(seed), f, OPTS));
		}
	);

	it('puts every dated item in the whole-plan feed, with one UID per item', () => {
		const cal = checkFeed(buildFeed(index, history(seed), { type: 'all' }, OPTS));
		const uids = events(cal).map((e) => e.uid);
		const dated = seed.items.filter((i) => i.when.type !== 'tbd');
		expect(new Set(uids).size).toBe(uids.length);
		expect(uids.sort()).toEqual(dated.map((i) => itemUid(i.id)).sort());
	});

	it('gives the same UID to an item in every feed', () => {
		const uid = itemUid('wsis-20-presentation');
		for (const f of filters) {
			const cal = parse(buildFeed(index, history(seed), f, OPTS));
			const ev = byUid(cal, uid);
			if (ev) expect(ev.getFirstPropertyValue('uid')).toBe(uid);
		}
		expect(
			byUid(parse(buildFeed(index, history(seed), { type: 'kind', kind: 'activity' }, OPTS)), uid)
		).toBeDefined();
	});

	it('splits the plan by kind without losing or repeating an item', () => {
		const all = events(parse(buildFeed(index, history(seed), { type: 'all' }, OPTS))).map(
			(e) => e.uid
		);
		const parts = ITEM_KINDS.flatMap((kind) =>
			events(parse(buildFeed(index, history(seed), { type: 'kind', kind }, OPTS))).map((e) => e.uid)
		);
		expect(parts.sort()).toEqual(all.sort());
	});

	it.each(TEST_ZONES)('writes NETmundial+10 as 20240429/20240501 all-day under TZ=%s', (zone) => {
		const text = withTZ(zone, () =>
			buildFeed(indexPlan(seed), history(seed), { type: 'all' }, OPTS)
		);
		const unfolded = text.replace(/\r\n /g, '');
		const block = unfolded
			.split('BEGIN:VEVENT')
			.find((b) => b.includes(`UID:${itemUid('netmundial-10')}`));
		expect(block).toContain('DTSTART;VALUE=DATE:20240429\r\n');
		expect(block).toContain('DTEND;VALUE=DATE:20240501\r\n');
		expect(block).toContain('STATUS:CONFIRMED');
	});

	it('marks fuzzy items tentative with the plan wording, and timed ones in UTC', () => {
		const cal = parse(buildFeed(index, history(seed), { type: 'all' }, OPTS));
		const fuzzy = byUid(cal, itemUid('netmundial-10-presentation'));
		expect(fuzzy?.getFirstPropertyValue('status')).toBe('TENTATIVE');
		expect(fuzzy?.getFirstPropertyValue('summary')).toBe(
			'Presentation at NETmundial+10 (early May 2024)'
		);
		expect(String(fuzzy?.getFirstPropertyValue('description'))).toContain(
			'https://planner.example.org/items/netmundial-10-presentation'
		);
		expect(fuzzy?.getFirstPropertyValue('categories')).toBe('Activity');
		const plenary = new ICAL.Event(byUid(cal, itemUid('plenary-2023-12-18')));
		expect(plenary.startDate.toString()).toBe('2023-12-18T16:00:00Z');
		expect(plenary.endDate.toString()).toBe('2023-12-18T17:00:00Z');
		expect(plenary.description).toContain('Required: Vint Cerf');
	});

	it('is byte-identical for an unchanged plan, at another instant of the same day', () => {
		const a = buildFeed(index, history(seed), { type: 'all' }, OPTS);
		const b = buildFeed(
			indexPlan(PlanFile.parse(seedJson)),
			history(seed),
			{ type: 'all' },
			{
				...OPTS,
				now: '2024-01-10T23:59:00Z'
			}
		);
		expect(b).toBe(a);
	});

	it('takes DTSTAMP, LAST-MODIFIED and SEQUENCE from the item history', () => {
		const meta = history(seed).map((m) =>
			m.id === 'wsis-20' ? { ...m, revision: 4, updatedAt: '2024-03-02T08:30:00.000Z' } : m
		);
		const ev = byUid(parse(buildFeed(index, meta, { type: 'all' }, OPTS)), itemUid('wsis-20'));
		expect(ev?.getFirstPropertyValue('sequence')).toBe(3);
		expect(String(ev?.getFirstPropertyValue('dtstamp'))).toBe('2024-03-02T08:30:00Z');
		expect(String(ev?.getFirstPropertyValue('last-modified'))).toBe('2024-03-02T08:30:00Z');
	});

	it('publishes a removed item as CANCELLED until its last day has passed', () => {
		const gone = seed.items.find((i) => i.id === 'wsis-20');
		if (!gone) throw new Error('seed changed');
		const plan = {
			...seed,
			items: seed.items.filter((i) => i !== gone),
			commitments: seed.commitments.filter((c) => c.item !== gone.id),
			assignments: seed.assignments.filter((a) => a.item !== gone.id)
		};
		const idx = indexPlan(plan);
		const meta = [
			...history(plan),
			{
				id: gone.id,
				revision: 2,
				updatedAt: '2024-02-01T00:00:00.000Z',
				deletedAt: '2024-02-01T00:00:00.000Z',
				item: gone
			}
		];
		const before = byUid(
			parse(buildFeed(idx, meta, { type: 'all' }, { ...OPTS, now: '2024-05-31T20:00:00Z' })),
			itemUid('wsis-20')
		);
		expect(before?.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(before?.getFirstPropertyValue('sequence')).toBe(1);
		const after = byUid(
			parse(buildFeed(idx, meta, { type: 'all' }, { ...OPTS, now: '2024-06-01T00:00:00Z' })),
			itemUid('wsis-20')
		);
		expect(after).toBeUndefined();
	});

	it("marks a person's own part and adds their busy periods only when they opt in", () => {
		const plan = PlanFile.parse({
			...seedJson,
			commitments: [
				...seedJson.commitments,
				{
					id: 'lf-holiday',
					person: 'lise-fuhr',
					source: 'busy',
					when: { type: 'range', start: '2024-07-01', end: '2024-07-14' },
					reason: 'Holiday',
					visibility: 'private'
				}
			]
		});
		const idx = indexPlan(plan);
		const withBusy = parse(
			buildFeed(
				idx,
				history(plan),
				{ type: 'person', person: 'lise-fuhr', includePrivateBusy: true },
				OPTS
			)
		);
		const summaries = events(withBusy).map((e) => e.summary);
		expect(summaries).toContain('You lead: 1st IWW consultation');
		expect(summaries).toContain('You must attend: MWC Barcelona 2024');
		expect(summaries).toContain('Busy: Holiday');
		const without = parse(
			buildFeed(
				idx,
				history(plan),
				{ type: 'person', person: 'lise-fuhr', includePrivateBusy: false },
				OPTS
			)
		);
		expect(events(without).map((e) => e.summary)).not.toContain('Busy: Holiday');
		const other = parse(
			buildFeed(
				idx,
				history(plan),
				{ type: 'person', person: 'vint-cerf', includePrivateBusy: true },
				OPTS
			)
		);
		expect(events(other).map((e) => e.summary)).not.toContain('Busy: Holiday');
	});
});

describe('hostile text', () => {
	it('escapes what ical-generator leaves raw in the calendar name and description', () => {
		expect(escapeText('a,b;c\\d\ne\r\nf\u0000g\ud800')).toBe('a\\,b\\;c\\\\d\\ne\\nfg\ufffd');
	});

	// Plan text is user input: anything zod lets through must come out as a valid feed.
	const hostileChar = fc.constantFrom(
		',',
		';',
		':',
		'\\',
		'\n',
		'\r\n',
		'\r',
		'"',
		'\t',
		'😀',
		'👩🏽‍💻',
		'é',
		'\u0301',
		'中',
		'\u0000',
		'\u001b',
		'\ud83d',
		'BEGIN:VEVENT',
		'\u2028'
	);
	const hostile = fc
		.array(fc.oneof(hostileChar, fc.string({ unit: 'grapheme', maxLength: 5 })), {
			minLength: 1,
			maxLength: 40
		})
		.map((parts) => parts.join(''))
		.filter((s) => s.trim().length > 0);
	const longTitle = fc.constantFrom('😀'.repeat(1000), 'x,'.repeat(1000), 'é'.repeat(2000));
	const day = fc
		.date({
			min: new Date(Date.UTC(2023, 0, 1)),
			max: new Date(Date.UTC(2026, 11, 31)),
			noInvalidDate: true
		})
		.map((d) => d.toISOString().slice(0, 10));

	it('keeps every feed of a random plan valid and its text intact', () => {
		fc.assert(
			fc.property(
				hostile,
				fc.array(
					fc.record({
						title: fc.oneof(hostile, longTitle),
						description: hostile,
						start: day,
						len: fc.integer({ min: 0, max: 20 })
					}),
					{ minLength: 1, maxLength: 8 }
				),
				(name, rows) => {
					const input: PlanFileInput = {
						version: 1,
						name: name.slice(0, 200),
						description: name,
						people: [{ id: 'p', name }],
						groups: [{ id: 'g', name, kind: 'working-group', members: ['p'] }],
						items: rows.map((r, i) => ({
							id: `i${i}`,
							kind: ITEM_KINDS[i % ITEM_KINDS.length] ?? 'event',
							title: r.title,
							description: r.description,
							group: 'g',
							when:
								r.len % 3 === 0
									? {
											type: 'month',
											year: Number(r.start.slice(0, 4)),
											month: 3,
											text: name.slice(0, 500)
										}
									: { type: 'day', date: r.start }
						})),
						assignments: rows.map((_, i) => ({
							id: `a${i}`,
							item: `i${i}`,
							role: 'lead',
							who: name.slice(0, 100),
							person: 'p'
						}))
					};
					const plan = PlanFile.parse(input);
					const idx = indexPlan(plan);
					for (const f of [
						{ type: 'all' },
						{ type: 'group', group: 'g' },
						{ type: 'person', person: 'p', includePrivateBusy: true }
					] as FeedFilter[]) {
						const text = buildFeed(idx, history(plan), f, OPTS);
						const cal = checkFeed(text);
						const evs = events(cal);
						expect(evs.length).toBe(plan.items.length);
						const clean = (s: string) => cleanText(s).replace(/\r\n|\r/g, '\n');
						// ical.js leaves X- and RFC 7986 values escaped: compare the written line itself.
						const unfolded = text.replace(/\r\n /g, '');
						expect(unfolded).toContain(`\r\nNAME:${escapeText(feedTitle(idx, f).name)}\r\n`);
						for (const [i, item] of plan.items.entries()) {
							const ev = evs.find((e) => e.uid === itemUid(item.id));
							expect(ev?.summary).toContain(clean(item.title));
							expect(ev?.description).toContain(clean(plan.items[i]?.description ?? ''));
						}
					}
				}
			),
			{ numRuns: 60 }
		);
	});
});

describe('calendar names', () => {
	it('never leaves a calendar unnamed, even when the plan name is only control characters', () => {
		// Found by the hostile-text property test (seed -1215686218): NAME came out empty.
		const plan = PlanFile.parse({ version: 1, name: '\u0000\u0007', people: [], items: [] });
		expect(feedTitle(indexPlan(plan), { type: 'all' }).name).toBe('IWW Planner');
	});
});

describe('what the feeds issue left (delivery issue)', () => {
	it("publishes an item taken out of a group as CANCELLED in that group's feed only", () => {
		const plan = {
			...seed,
			assignments: seed.assignments.filter(
				(a) => !(a.item === 'wsis-20-joint-submission' && a.group === 'mag')
			)
		};
		const idx = indexPlan(plan);
		const meta = history(plan).map((m) =>
			m.id === 'wsis-20-joint-submission' ? { ...m, revision: 3, formerGroups: ['mag'] } : m
		);
		const uid = itemUid('wsis-20-joint-submission');
		const mag = byUid(parse(buildFeed(idx, meta, { type: 'group', group: 'mag' }, OPTS)), uid);
		expect(mag?.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(mag?.getFirstPropertyValue('sequence')).toBe(2);
		expect(String(mag?.getFirstPropertyValue('description'))).toContain('no longer one of');
		// Still live where it still belongs, under the same UID and SEQUENCE.
		const panel = byUid(
			parse(buildFeed(idx, meta, { type: 'group', group: 'leadership-panel' }, OPTS)),
			uid
		);
		expect(panel?.getFirstPropertyValue('status')).not.toBe('CANCELLED');
		expect(panel?.getFirstPropertyValue('sequence')).toBe(2);
		// Without the history fact it simply is not in the MAG feed (the old behaviour).
		const plain = buildFeed(idx, history(plan), { type: 'group', group: 'mag' }, OPTS);
		expect(byUid(parse(plain), uid)).toBeUndefined();
	});

	it('gives busy periods their own DTSTAMP when the history has one', () => {
		const plan = PlanFile.parse({
			...seedJson,
			commitments: [
				...seedJson.commitments,
				{
					id: 'lf-trip',
					person: 'lise-fuhr',
					source: 'busy',
					when: { type: 'range', start: '2024-07-01', end: '2024-07-14' },
					reason: 'Trip'
				},
				{
					id: 'lf-other',
					person: 'lise-fuhr',
					source: 'busy',
					when: { type: 'range', start: '2024-08-01', end: '2024-08-02' },
					reason: 'Other'
				}
			]
		});
		const text = buildFeed(
			indexPlan(plan),
			history(plan),
			{ type: 'person', person: 'lise-fuhr', includePrivateBusy: false },
			{ ...OPTS, busyStamps: new Map([['lf-trip', '2024-03-09T10:11:12.000Z']]) }
		);
		const cal = parse(text);
		const trip = byUid(cal, 'busy-lf-trip@iww-planner.invalid');
		expect(String(trip?.getFirstPropertyValue('dtstamp'))).toBe('2024-03-09T10:11:12Z');
		const other = byUid(cal, 'busy-lf-other@iww-planner.invalid');
		expect(String(other?.getFirstPropertyValue('dtstamp'))).not.toBe('2024-03-09T10:11:12Z');
	});
});
