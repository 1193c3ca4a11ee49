import { describe, expect, it } from 'vitest';
import { applyChanges } from './plan-changes.ts';
import {
	backoffMinutes,
	periodKey,
	replaceSourcePeriods,
	type SourceSettings
} from './availability.ts';
import type { BusyFromIcs } from './ics-import.ts';
import { Commitment, PlanFile } from './schema.ts';

const settings: SourceSettings = { strength: 'hard', visibility: 'private', keepSummary: true };
/** A stable, obviously-derived id (the server uses a hash; the diff only needs stability). */
const idFor = (key: string) =>
	`b-src-${[...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(16)}`;

const ev = (
	uid: string,
	start: string,
	summary = uid,
	recurrenceId: string | null = null
): BusyFromIcs => ({
	uid,
	recurrenceId,
	summary,
	when: { type: 'timed', start: `${start}T09:00:00Z`, end: `${start}T10:00:00Z`, zone: 'UTC' }
});

const plan = (commitments: Commitment[] = []): PlanFile =>
	PlanFile.parse({
		version: 1,
		name: 'Test',
		people: [{ id: 'ana', name: 'Ana', role: 'member' }],
		items: [],
		commitments
	});

/** Imports `incoming` into a plan whose source periods are `before`; the plan after. */
function importInto(before: Commitment[], incoming: BusyFromIcs[], s = settings) {
	const r = replaceSourcePeriods({
		person: 'ana',
		sourceId: 'src',
		existing: before,
		incoming,
		settings: s,
		idFor
	});
	const next = applyChanges(plan(before), r.changes).plan;
	return { ...r, periods: next.commitments };
}

describe('replaceSourcePeriods', () => {
	it('creates each event once, with its UID and RECURRENCE-ID', () => {
		const r = importInto(
			[],
			[ev('a', '2024-03-01'), ev('s', '2024-03-02', 'S', '2024-03-02T09:00:00Z')]
		);
		expect(r.added).toBe(2);
		expect(r.periods.map((c) => [c.uid, c.recurrenceId ?? null, c.sourceId])).toEqual([
			['a', null, 'src'],
			['s', '2024-03-02T09:00:00Z', 'src']
		]);
	});

	it('is a no-op for the same calendar again', () => {
		const first = importInto([], [ev('a', '2024-03-01'), ev('b', '2024-03-02')]);
		const again = importInto(first.periods, [ev('b', '2024-03-02'), ev('a', '2024-03-01')]);
		expect(again.changes).toEqual([]);
		expect(again.unchanged).toBe(2);
	});

	it('keeps the id of a moved event, adds new ones, removes the ones that left', () => {
		const first = importInto([], [ev('a', '2024-03-01'), ev('gone', '2024-03-02')]);
		const idOfA = first.periods.find((c) => c.uid === 'a')!.id;
		const next = importInto(first.periods, [ev('a', '2024-03-05'), ev('new', '2024-03-06')]);
		expect([next.added, next.updated, next.removed, next.unchanged]).toEqual([1, 1, 1, 0]);
		const a = next.periods.find((c) => c.uid === 'a')!;
		expect(a.id).toBe(idOfA);
		expect(a.when).toMatchObject({ start: '2024-03-05T09:00:00Z' });
		expect(next.periods.some((c) => c.uid === 'gone')).toBe(false);
		expect(next.periods).toHaveLength(2);
	});

	it('tells occurrences of one series apart by RECURRENCE-ID', () => {
		const series = ['2024-03-01', '2024-03-08', '2024-03-15'].map((d) =>
			ev('series', d, 'Weekly', `${d}T09:00:00Z`)
		);
		const first = importInto([], series);
		expect(new Set(first.periods.map((c) => c.id)).size).toBe(3);
		const cancelled = importInto(first.periods, [series[0]!, series[2]!]);
		expect([cancelled.removed, cancelled.unchanged]).toEqual([1, 2]);
	});

	it('finds events without a UID again by what they say', () => {
		const anon = [ev('', '2024-03-01', 'Dentist'), ev('', '2024-03-01', 'Dentist')];
		const first = importInto([], anon);
		expect(first.periods).toHaveLength(2);
		expect(first.periods.every((c) => c.uid === undefined)).toBe(true);
		expect(importInto(first.periods, anon).changes).toEqual([]);
	});

	it('gives the periods the source settings, and a new setting changes them', () => {
		const first = importInto([], [ev('a', '2024-03-01', 'Board meeting')], {
			strength: 'soft',
			visibility: 'public',
			keepSummary: false
		});
		expect(first.periods[0]).toMatchObject({ strength: 'soft', visibility: 'public', reason: '' });
		const again = importInto(first.periods, [ev('a', '2024-03-01', 'Board meeting')]);
		expect(again.updated).toBe(1);
		expect(again.periods[0]).toMatchObject({
			strength: 'hard',
			visibility: 'private',
			reason: 'Board meeting'
		});
	});

	it('leaves another source alone and never reuses a stored id for a new event', () => {
		const clash = idFor(periodKey(ev('b', '2024-03-01')));
		const other = Commitment.parse({
			id: clash,
			person: 'ana',
			source: 'busy',
			uid: 'x',
			sourceId: 'src',
			when: { type: 'day', date: '2024-01-01' }
		});
		const r = importInto([other], [ev('b', '2024-03-01')]);
		expect(r.periods.map((c) => c.uid).sort()).toEqual(['b']);
		expect(r.periods[0]!.id).not.toBe(clash);
	});
});

describe('backoffMinutes', () => {
	it('doubles from 15 minutes up to a day', () => {
		expect([1, 2, 3, 7, 8, 50].map(backoffMinutes)).toEqual([15, 30, 60, 960, 1440, 1440]);
	});
});
