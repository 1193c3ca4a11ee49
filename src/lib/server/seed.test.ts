import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlanFile, type PlanFileInput } from '../domain/schema.ts';
import { closeDatabase, openDatabase, type Database } from './db.ts';
import { loadItemMeta, loadPlan, PlanValidationError } from './plan-repository.ts';
import { ensureSeeded, readPlanFile, resolveSeedPath, SEED_PATH } from './seed.ts';

const NOW = '2024-01-01T00:00:00Z';
const LATER = '2024-06-01T00:00:00Z';

function planInput(name: string): PlanFileInput {
	return {
		version: 1,
		name,
		people: [{ id: 'lf', name: 'Lise Fuhr', initials: 'LF', zone: 'Europe/Brussels' }],
		items: [
			{
				id: 'netmundial',
				kind: 'event',
				title: 'NETmundial+10',
				when: { type: 'range', start: '2024-04-29', end: '2024-04-30' }
			},
			{
				id: 'report',
				kind: 'deadline',
				title: 'Report',
				when: { type: 'quarter', year: 2024, quarter: 3 }
			}
		],
		assignments: [{ id: 'report-lf', item: 'report', role: 'lead', who: 'LF', person: 'lf' }]
	};
}

let dir: string;
let db: Kysely<Database>;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'iww-seed-'));
	db = openDatabase(join(dir, 'planner.db'));
});
afterEach(async () => {
	await closeDatabase(db);
	rmSync(dir, { recursive: true, force: true });
});

describe('ensureSeeded', () => {
	it('imports the seed into an empty database', async () => {
		const seed = PlanFile.parse(planInput('Seed'));
		expect(await ensureSeeded(db, seed, NOW)).toBe(true);
		expect(await loadPlan(db)).toEqual(seed);
		expect((await loadItemMeta(db)).map((m) => m.updatedAt)).toEqual([NOW, NOW]);
	});

	it('keeps an existing plan and does not even read the seed', async () => {
		await ensureSeeded(db, PlanFile.parse(planInput('First')), NOW);
		let calls = 0;
		const later = () => {
			calls++;
			return PlanFile.parse(planInput('Second'));
		};
		expect(await ensureSeeded(db, later, LATER)).toBe(false);
		expect(calls).toBe(0);
		expect((await loadPlan(db))?.name).toBe('First');
	});

	it('keeps an existing plan across a restart of the database', async () => {
		await ensureSeeded(db, () => PlanFile.parse(planInput('First')), NOW);
		await closeDatabase(db);
		db = openDatabase(join(dir, 'planner.db'));
		expect(await ensureSeeded(db, () => PlanFile.parse(planInput('Second')), LATER)).toBe(false);
		expect((await loadPlan(db))?.name).toBe('First');
	});

	it('leaves the database empty when the seed cannot be read', async () => {
		const failing = () => readPlanFile(join(dir, 'missing.json'));
		await expect(ensureSeeded(db, failing, NOW)).rejects.toThrow(/ENOENT/);
		expect(await loadPlan(db)).toBeNull();
	});
});

describe('readPlanFile', () => {
	it('reads and validates a plan file, applying defaults', () => {
		const path = join(dir, 'plan.json');
		writeFileSync(path, JSON.stringify(planInput('From file')));
		const plan = readPlanFile(path);
		expect(plan).toEqual(PlanFile.parse(planInput('From file')));
		expect(plan.people[0]?.workingHours).toEqual({ start: '09:00', end: '17:00' });
	});

	it('throws PlanValidationError with the path of the bad field', () => {
		const bad = planInput('Bad');
		bad.assignments![0]!.item = 'nothing';
		const path = join(dir, 'bad.json');
		writeFileSync(path, JSON.stringify(bad));
		expect(() => readPlanFile(path)).toThrow(PlanValidationError);
		expect(() => readPlanFile(path)).toThrow('assignments[0].item: refers to unknown id "nothing"');
	});
});

describe('seed path', () => {
	it('defaults to the shipped plan in the working directory', () => {
		expect(SEED_PATH).toBe(resolve('data/iww-2024.plan.json'));
		expect(resolveSeedPath({})).toBe(SEED_PATH);
		expect(resolveSeedPath({ PLAN_SEED_PATH: ' ' })).toBe(SEED_PATH);
	});

	it('honours PLAN_SEED_PATH', () => {
		expect(resolveSeedPath({ PLAN_SEED_PATH: '/tmp/other.json' })).toBe('/tmp/other.json');
	});
});
