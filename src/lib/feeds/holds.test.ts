/** Holds: candidate windows published as tentative events, cancelled once the item is decided. */
import ICAL from 'ical.js';
import { expect, it } from 'vitest';
import seedJson from '../../../data/iww-2024.plan.json' with { type: 'json' };
import { decideItem } from '../domain/decision.ts';
import { indexPlan } from '../domain/plan-index.ts';
import { PlanFile, type Item } from '../domain/schema.ts';
import { buildFeed, holdUid, itemUid, type FeedItemMeta } from './feed.ts';

const seed = PlanFile.parse(seedJson);
const ID = 'riyadh-meeting-2024';
const OPTS = { baseUrl: 'https://planner.example.org', now: '2024-01-10T12:00:00Z' };

function feedOf(items: Item[], revision: number, person: string) {
	const plan = { ...seed, items };
	const history: FeedItemMeta[] = items.map((item) => ({
		id: item.id,
		revision: item.id === ID ? revision : 1,
		updatedAt: '2024-01-05T10:00:00.000Z',
		deletedAt: null,
		item
	}));
	const text = buildFeed(
		indexPlan(plan),
		history,
		{ type: 'person', person, includePrivateBusy: false },
		OPTS
	);
	const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
	return new Map(
		cal.getAllSubcomponents('vevent').map((c) => [String(c.getFirstPropertyValue('uid')), c])
	);
}

const withHolds = (holds: boolean) => seed.items.map((i) => (i.id === ID ? { ...i, holds } : i));
const riyadh = seed.items.find((i) => i.id === ID)!;
const windows = riyadh.when.type === 'candidates' ? riyadh.when.windows : [];

it('publishes each window as a tentative hold to the people on the item, only when asked', () => {
	expect(windows).toHaveLength(4);
	const off = feedOf(withHolds(false), 3, 'lise-fuhr');
	expect([...off.keys()].filter((u) => u.includes('-hold-'))).toEqual([]);

	const on = feedOf(withHolds(true), 3, 'lise-fuhr');
	for (const w of windows) {
		const hold = on.get(holdUid(ID, w));
		expect(hold, w.start).toBeDefined();
		expect(hold?.getFirstPropertyValue('status')).toBe('TENTATIVE');
		expect(String(hold?.getFirstPropertyValue('summary'))).toBe(`Hold: ${riyadh.title}`);
		expect(String(hold?.getFirstPropertyValue('dtstart'))).toBe(w.start);
		expect(hold?.getFirstPropertyValue('sequence')).toBe(2);
	}
	// Someone not on the item sees no holds (Chengetai Masango is Secretariat, not Panel).
	const other = feedOf(withHolds(true), 3, 'chengetai-masango');
	expect([...other.keys()].filter((u) => u.includes('-hold-'))).toEqual([]);
});

it('cancels every hold once decided, with a higher SEQUENCE, and confirms the item', () => {
	const decided = withHolds(true).map((i) =>
		i.id === ID ? decideItem(i, { start: '2024-02-18', end: '2024-02-19' }, 'riyadh') : i
	);
	const feed = feedOf(decided, 4, 'lise-fuhr');
	for (const w of windows) {
		const hold = feed.get(holdUid(ID, w));
		expect(hold?.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(hold?.getFirstPropertyValue('sequence')).toBe(3);
	}
	const main = feed.get(itemUid(ID));
	expect(main?.getFirstPropertyValue('status')).toBe('CONFIRMED');
	expect(main?.getFirstPropertyValue('sequence')).toBe(3);
});
