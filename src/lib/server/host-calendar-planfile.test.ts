/** The location calendar and the person working week are part of the PlanFile contract. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeIssues, PlanFile, type PlanFileInput } from '../domain/schema.ts';
import { closeDatabase, openDatabase, type Database } from './db.ts';
import { loadPlan, parsePlanJson, replacePlan } from './plan-repository.ts';
import type { Kysely } from 'kysely';

const input = (calendar: unknown, workWeek: unknown = ['sun', 'mon', 'tue', 'wed', 'thu']) =>
	({
		version: 1,
		name: 'Calendar plan',
		people: [{ id: 'ana', name: 'Ana', zone: 'Asia/Riyadh', country: 'SA', workWeek }],
		locations: [
			{
				id: 'riyadh',
				city: 'Riyadh',
				country: 'SA',
				zone: 'Asia/Riyadh',
				lat: 24.7,
				lon: 46.7,
				calendar
			}
		],
		items: []
	}) as PlanFileInput;

const CALENDAR = {
	weekend: ['fri', 'sat'],
	holidays: {
		add: [{ date: '2024-02-22', name: 'Founding Day', source: 'https://example.org/founding' }],
		remove: [
			{ date: '2024-04-09', reason: 'Eid al-Fitr was 10 April', source: 'https://example.org/eid' }
		]
	},
	workdays: [{ date: '2024-04-13', reason: 'make-up day' }]
};

let dir: string;
let db: Kysely<Database>;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'iww-hostcal-'));
	db = openDatabase(join(dir, 'planner.db'));
});
afterEach(async () => {
	await closeDatabase(db);
	rmSync(dir, { recursive: true, force: true });
});

describe('PlanFile round trip keeps calendar and workWeek', () => {
	it('through JSON text and a real database file', async () => {
		const plan = parsePlanJson(JSON.stringify(input(CALENDAR)));
		expect(plan.locations[0]!.calendar).toEqual(CALENDAR);
		await replacePlan(db, plan, '2024-01-01T00:00:00.000Z');
		const loaded = await loadPlan(db);
		expect(loaded?.locations[0]?.calendar).toEqual(CALENDAR);
		expect(loaded?.people[0]).toMatchObject({
			country: 'SA',
			workWeek: ['sun', 'mon', 'tue', 'wed', 'thu']
		});
		expect(PlanFile.parse(JSON.parse(JSON.stringify(loaded)))).toEqual(plan);
	});

	it('keeps an empty weekend (no weekend at all)', () => {
		expect(PlanFile.parse(input({ weekend: [] })).locations[0]!.calendar).toEqual({ weekend: [] });
	});

	it('refuses bad calendars with the path of the bad field', () => {
		const bad = (calendar: unknown, workWeek?: unknown) => {
			const r = PlanFile.safeParse(input(calendar, workWeek));
			return r.success ? [] : describeIssues(r.error);
		};
		expect(bad({ weekend: ['fri', 'fri'] })).toEqual([
			'locations[0].calendar.weekend: lists a weekday twice'
		]);
		expect(bad({ weekend: ['friday'] })[0]).toMatch(/^locations\[0\]\.calendar\.weekend\[0\]/);
		expect(bad({ holidays: { add: [{ date: '2024-02-30', name: 'x' }] } })).toEqual([
			'locations[0].calendar.holidays.add[0].date: is not a real calendar date'
		]);
		expect(
			bad({ holidays: { add: [{ date: '2024-02-20', name: 'x', source: 'javascript:alert(1)' }] } })
		).toEqual(['locations[0].calendar.holidays.add[0].source: must be an http(s) link']);
		expect(bad({ holidays: { remove: [{ date: '2024-02-20', reason: '  ' }] } })[0]).toMatch(
			/^locations\[0\]\.calendar\.holidays\.remove\[0\]\.reason/
		);
		const many = Array.from({ length: 501 }, () => ({ date: '2024-01-01', name: 'x' }));
		expect(bad({ holidays: { add: many } })[0]).toMatch(
			/^locations\[0\]\.calendar\.holidays\.add: /
		);
		expect(
			bad({ workdays: Array.from({ length: 201 }, () => ({ date: '2024-01-06', reason: 'x' })) })[0]
		).toMatch(/^locations\[0\]\.calendar\.workdays: /);
		expect(bad(undefined, ['mon', 'mon'])).toEqual(['people[0].workWeek: lists a weekday twice']);
	});
});
