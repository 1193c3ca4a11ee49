/**
 * The busy-period limits of the write path, on a real database file: a batch that would take a
 * member (or the plan) over the limit is refused whole, with the numbers, and nothing is written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { busyPeriodChanges } from './edit-repository.ts';
import { EditInvalid } from '../domain/plan-changes.ts';
import { PlanFile } from '../domain/schema.ts';
import { closeDatabase, openDatabase, type Database } from './db.ts';
import { readPlanVersion } from './plan-rows.ts';
import { writePlan } from './write.ts';

const plan = PlanFile.parse({
	version: 1,
	name: 'Limits',
	people: [
		{ id: 'ana', name: 'Ana Example' },
		{ id: 'bo', name: 'Bo Example' }
	],
	items: []
});
const member = (person: string) => ({ kind: 'member' as const, person });
const periods = (person: string, n: number, from = 0) =>
	busyPeriodChanges(
		person,
		Array.from({ length: n }, (_, i) => ({
			id: `${person}-${from + i}`,
			when: { type: 'day', date: '2024-03-01' },
			reason: '',
			visibility: 'private' as const
		}))
	);

let dir: string;
let db: Kysely<Database>;
beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'iww-limits-'));
	db = openDatabase(join(dir, 'p.db'));
	await writePlan(db, { kind: 'cli' }, { replace: plan }, { now: '2024-01-01T00:00:00Z' });
});
afterEach(async () => {
	await closeDatabase(db);
	rmSync(dir, { recursive: true, force: true });
});

const limits = { perPerson: 5, perPlan: 8 };
const write = (person: string, n: number, from = 0) =>
	writePlan(
		db,
		member(person),
		{ changes: periods(person, n, from) },
		{ now: '2024-01-02T00:00:00Z', busyLimits: limits }
	);

describe('busy limits', () => {
	it('accepts up to the member limit and refuses one more, naming the numbers', async () => {
		await write('ana', 5);
		const version = await readPlanVersion(db);
		const refused = await write('ana', 1, 5).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(EditInvalid);
		expect((refused as EditInvalid).message).toContain(
			'This would give Ana Example 6 busy times; a member may have at most 5. Nothing was saved.'
		);
		expect(await readPlanVersion(db)).toBe(version);
		const rows = await db.selectFrom('commitments').select('id').execute();
		expect(rows).toHaveLength(5);
	});

	it('refuses a batch that takes the plan over its limit, writing none of it', async () => {
		await write('ana', 5);
		await expect(write('bo', 4)).rejects.toThrow(
			'This would give the plan 9 busy times; it may hold at most 8.'
		);
		const rows = await db.selectFrom('commitments').select('id').execute();
		expect(rows).toHaveLength(5);
		await write('bo', 3);
		expect(await db.selectFrom('commitments').select('id').execute()).toHaveLength(8);
	});
});
